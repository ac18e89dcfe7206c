import { placementKinds, placementStartSchema } from '@custodia/domain/segregation';
import { Alert, Button, Group, NativeSelect, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { displayName, fromLocalInput } from '../../app/format.ts';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm, WriteFeedback } from '../../app/useWriteForm.tsx';
import { usePerson, usePersons, useTimeZoneOf } from '../registry/registry.api.ts';
import { useFieldMessage, useProblemText } from './parts.tsx';
import { useStartPlacement } from './segregation.api.ts';

/**
 * Signing a placement (SEG-2 … SEG-4, SEG-6, MHS-7): the person, the kind, the reason (and the
 * offence of a disciplinary one), the start and planned end in the institution's time, and — for
 * the director only — the reason to place a person of a protected group. Health roles never see it.
 */
export function StartPage() {
  const { t } = useTranslation('segregation');
  usePageTitle(t('start.title'));
  const user = useCurrentUser();
  const navigate = useNavigate();
  const problemText = useProblemText();
  const fieldMessage = useFieldMessage();
  const [params] = useSearchParams();
  const [personId, setPersonId] = useState(params.get('person') ?? '');
  const [q, setQ] = useState('');
  const persons = usePersons(q.trim().length >= 2 ? q.trim() : '');
  const person = usePerson(personId, Boolean(personId));
  const zone = useTimeZoneOf()(person.data?.institution?.id);
  const mayOverride = allows(user, 'segregation.placement.override');
  const write = useWriteForm({
    initialValues: {
      kind: '',
      reason: '',
      offenceReference: '',
      startedAt: '',
      plannedEndAt: '',
      overrideReason: '',
    },
    write: useStartPlacement(personId),
    schema: placementStartSchema,
    toBody: (v) => ({
      kind: v.kind || undefined,
      reason: v.reason,
      offenceReference: v.offenceReference.trim() || null,
      // Empty: now. A time typed is the institution's wall-clock time, whatever the browser's zone.
      startedAt: fromLocalInput(v.startedAt, zone) ?? new Date().toISOString(),
      plannedEndAt: fromLocalInput(v.plannedEndAt, zone),
      overrideReason: v.overrideReason.trim() || null,
    }),
    refuse: () => (personId && zone ? null : t('start.choosePerson')),
    issueMessage: (issue) => fieldMessage(issue.message),
    fieldMessage,
    problemText,
    onSuccess: (result) => navigate(`/segregation/placements/${encodeURIComponent(result.id)}`),
  });
  const { form } = write;

  return (
    <form {...write.formProps}>
      <Stack maw={760}>
        <Title order={1}>{t('start.title')}</Title>
        <Alert color="blue">{t('start.intro')}</Alert>
        {person.data ? (
          <Group>
            <Text fw={700}>
              {displayName(person.data)} · {person.data.prisonNumber}
            </Text>
            <Button variant="subtle" size="xs" onClick={() => setPersonId('')}>
              {t('start.otherPerson')}
            </Button>
          </Group>
        ) : (
          <Stack gap={4}>
            <TextInput
              label={t('start.person')}
              description={t('start.personHint')}
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
              data-autofocus
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
          label={t('start.kind')}
          description={t('start.kindHint')}
          withAsterisk
          data={[
            { value: '', label: t('choose') },
            ...placementKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) })),
          ]}
        />
        <Textarea
          {...form.getInputProps('reason')}
          label={t('placement.reason')}
          withAsterisk
          maxLength={2000}
        />
        {form.values.kind === 'disciplinary' ? (
          <TextInput
            {...form.getInputProps('offenceReference')}
            label={t('placement.offence')}
            description={t('start.offenceHint')}
            withAsterisk
            maxLength={200}
          />
        ) : null}
        <Group grow>
          <TextInput
            {...form.getInputProps('startedAt')}
            type="datetime-local"
            step={1}
            label={t('placement.startedAt')}
            description={t('nowIfEmpty', { zone: zone ?? '' })}
          />
          <TextInput
            {...form.getInputProps('plannedEndAt')}
            type="datetime-local"
            step={1}
            label={t('placement.plannedEndAt')}
            description={t('start.plannedEndHint')}
            withAsterisk
          />
        </Group>
        {mayOverride ? (
          <Textarea
            {...form.getInputProps('overrideReason')}
            label={t('placement.override')}
            description={t('start.overrideHint')}
            maxLength={2000}
          />
        ) : null}
        <WriteFeedback write={write} />
        <Group justify="flex-end">
          <Button type="submit" loading={write.busy}>
            {t('start.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
