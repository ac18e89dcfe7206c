import { deathEventKinds, deathEventStartSchema, deathManners, deathSettings } from '@custodia/domain/deaths';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { displayName, fromLocalInput } from '../../app/format.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm, WriteFeedback } from '../../app/useWriteForm.tsx';
import { usePerson, usePersons, useTimeZoneOf } from '../registry/registry.api.ts';
import { newIdempotencyKey, useDeathsStaff, useRecordEvent } from './deaths.api.ts';
import { useFieldMessage, useProblemText } from './parts.tsx';

/**
 * INJ-8, DTH-1: reporting a death, a serious injury or a disappearance — the person, what happened,
 * when and where it was found and by whom; for a death the resuscitation, who pronounced it and when,
 * the setting and the manner; the staff who may be involved. Nothing is pre-filled.
 */
export function RecordPage() {
  const { t } = useTranslation('deaths');
  usePageTitle(t('record.title'));
  const navigate = useNavigate();
  const problemText = useProblemText();
  const fieldMessage = useFieldMessage();
  const [params] = useSearchParams();
  const [personId, setPersonId] = useState(params.get('person') ?? '');
  const [q, setQ] = useState('');
  const persons = usePersons(q.trim().length >= 2 ? q.trim() : '');
  const person = usePerson(personId, Boolean(personId));
  const institutionId = person.data?.institution?.id;
  const zone = useTimeZoneOf()(institutionId);
  const staff = useDeathsStaff(institutionId);
  const [key] = useState(newIdempotencyKey);
  const write = useWriteForm({
    initialValues: {
      kind: '',
      foundAt: '',
      place: '',
      foundBy: '',
      circumstances: '',
      resuscitation: '',
      pronouncedBy: '',
      pronouncedAt: '',
      setting: '',
      manner: '',
      involved: [] as string[],
    },
    write: useRecordEvent(personId, key),
    schema: deathEventStartSchema,
    toBody: (v) => {
      const death = v.kind === 'death';
      return {
        kind: v.kind || undefined,
        // Empty: now. A time typed is the institution's wall-clock time, whatever the browser's zone.
        foundAt: fromLocalInput(v.foundAt, zone) ?? new Date().toISOString(),
        place: v.place,
        foundBy: v.foundBy,
        circumstances: v.circumstances,
        resuscitationAttempted: v.resuscitation === '' ? null : v.resuscitation === 'yes',
        pronouncedBy: death ? v.pronouncedBy.trim() || null : null,
        pronouncedAt: death ? (fromLocalInput(v.pronouncedAt, zone) ?? null) : null,
        setting: death ? v.setting || null : null,
        manner: death ? v.manner || null : null,
        involvedStaffIds: v.involved,
      };
    },
    refuse: () => (personId && zone ? null : t('record.choosePerson')),
    issueMessage: (issue) => fieldMessage(issue.message),
    fieldMessage,
    problemText,
    onSuccess: (result) => navigate(`/deaths/events/${encodeURIComponent(result.id)}`),
  });
  const { form } = write;
  const death = form.values.kind === 'death';

  return (
    <form {...write.formProps}>
      <Stack maw={760}>
        <Title order={1}>{t('record.title')}</Title>
        <Alert color="blue">{t('record.intro')}</Alert>
        {person.data ? (
          <Group>
            <Text fw={700}>
              {displayName(person.data)} · {person.data.prisonNumber}
            </Text>
            <Button variant="subtle" size="xs" onClick={() => setPersonId('')}>
              {t('record.otherPerson')}
            </Button>
          </Group>
        ) : (
          <Stack gap={4}>
            <TextInput
              label={t('record.person')}
              description={t('record.personHint')}
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
            />
            {q.trim().length >= 2
              ? (persons.data?.pages[0]?.items ?? []).slice(0, 8).map((p) => (
                  <Button key={p.id} variant="default" justify="start" onClick={() => setPersonId(p.id)}>
                    {displayName(p)} · {p.prisonNumber}
                  </Button>
                ))
              : null}
          </Stack>
        )}
        <NativeSelect
          {...form.getInputProps('kind')}
          label={t('record.kind')}
          withAsterisk
          data={[
            { value: '', label: t('choose') },
            ...deathEventKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) })),
          ]}
        />
        <TextInput
          {...form.getInputProps('foundAt')}
          type="datetime-local"
          step={1}
          label={t('record.foundAt')}
          description={t('record.nowIfEmpty', { zone: zone ?? '' })}
        />
        <TextInput {...form.getInputProps('place')} label={t('record.place')} withAsterisk maxLength={300} />
        <TextInput
          {...form.getInputProps('foundBy')}
          label={t('record.foundBy')}
          withAsterisk
          maxLength={200}
        />
        <Textarea
          {...form.getInputProps('circumstances')}
          label={t('record.circumstances')}
          withAsterisk
          maxLength={4000}
        />
        {form.values.kind && form.values.kind !== 'disappearance' ? (
          <Radio.Group {...form.getInputProps('resuscitation')} label={t('record.resuscitation')}>
            <Group gap="md" mt={4}>
              <Radio value="yes" label={t('yes')} />
              <Radio value="no" label={t('no')} />
            </Group>
          </Radio.Group>
        ) : null}
        {death ? (
          <>
            <Group grow>
              <TextInput
                {...form.getInputProps('pronouncedBy')}
                label={t('record.pronouncedBy')}
                maxLength={200}
              />
              <TextInput
                {...form.getInputProps('pronouncedAt')}
                type="datetime-local"
                step={1}
                label={t('record.pronouncedAt')}
              />
            </Group>
            <Group grow>
              <NativeSelect
                {...form.getInputProps('setting')}
                label={t('record.setting')}
                data={[
                  { value: '', label: t('choose') },
                  ...deathSettings.map((s) => ({ value: s, label: t(`settings.${s}`) })),
                ]}
              />
              <NativeSelect
                {...form.getInputProps('manner')}
                label={t('record.manner')}
                data={[
                  { value: '', label: t('choose') },
                  ...deathManners.map((m) => ({ value: m, label: t(`manners.${m}`) })),
                ]}
              />
            </Group>
          </>
        ) : null}
        {staff.data?.items.length ? (
          <Checkbox.Group
            {...form.getInputProps('involved')}
            label={t('record.involved')}
            description={t('record.involvedHint')}
          >
            <Stack gap={4} mt={4}>
              {staff.data.items.slice(0, 40).map((s) => (
                <Checkbox key={s.id} value={s.id} label={`${s.name} · ${s.position}`} />
              ))}
            </Stack>
          </Checkbox.Group>
        ) : null}
        <WriteFeedback write={write} />
        <Group justify="flex-end">
          <Button type="submit" loading={write.busy}>
            {t('record.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
