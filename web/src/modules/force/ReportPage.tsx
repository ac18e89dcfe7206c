import { forceReportSchema } from '@custodia/domain/force';
import {
  Alert,
  Button,
  Group,
  MultiSelect,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { displayName, fromLocalInput, useFormats } from '../../app/format.ts';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm, WriteFeedback } from '../../app/useWriteForm.tsx';
import { useInstitution, usePerson, usePersons, useTimeZoneOf } from '../registry/registry.api.ts';
import { newIdempotencyKey, useReport, useRestraintEpisodes, useStaff } from './force.api.ts';
import { AccountFields, accountBody, emptyAccount, useFieldMessage, useProblemText } from './parts.tsx';

/** One chosen person: their name as the page shows it. */
function ChosenPerson({ id, onRemove }: { id: string; onRemove: () => void }) {
  const { t } = useTranslation('force');
  const person = usePerson(id);
  const name = person.data ? `${displayName(person.data)} · ${person.data.prisonNumber}` : '…';
  return (
    <Group gap="xs">
      <Text fw={700}>{name}</Text>
      <Button variant="subtle" size="xs" onClick={onRemove} aria-label={t('report.remove', { name })}>
        ×
      </Button>
    </Group>
  );
}

/**
 * INJ-7, RST-11: reporting a use of force with one's own account. When and where (the institution's
 * units and cells), on whom, the staff involved, the restraint episode if restraint was used, and
 * the account. Sent, it goes to the governor and opens an examination for each person at once.
 * Nothing is pre-filled but the person the page was opened for.
 */
export function ReportPage() {
  const { t } = useTranslation('force');
  usePageTitle(t('report.title'));
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { dateTime } = useFormats();
  const problemText = useProblemText();
  const fieldMessage = useFieldMessage();
  const [params] = useSearchParams();
  const [personIds, setPersonIds] = useState<string[]>(() =>
    params.get('person') ? [params.get('person') as string] : [],
  );
  const [q, setQ] = useState('');
  const persons = usePersons(q.trim().length >= 2 ? q.trim() : '');
  const first = usePerson(personIds[0] ?? '', Boolean(personIds[0]));
  const institutionId = first.data?.institution?.id ?? '';
  const institution = useInstitution(institutionId || null);
  const zone = useTimeZoneOf()(institutionId);
  const staff = useStaff(institutionId);
  const episodes = useRestraintEpisodes(personIds[0] ?? '', allows(user, 'restraint.register.read'));
  const [key] = useState(newIdempotencyKey);
  const write = useWriteForm({
    initialValues: {
      occurredAt: '',
      unitId: '',
      cellId: '',
      placeNote: '',
      staffIds: [] as string[],
      restraintEpisodeId: '',
      account: emptyAccount,
    },
    write: useReport(key),
    schema: forceReportSchema,
    toBody: (v) => ({
      // A time typed is the institution's wall-clock time, whatever the browser's zone.
      occurredAt: fromLocalInput(v.occurredAt, zone),
      institutionId,
      unitId: v.unitId || null,
      cellId: v.cellId || null,
      placeNote: v.placeNote.trim() || null,
      personIds,
      staffIds: v.staffIds,
      restraintEpisodeId: v.restraintEpisodeId || null,
      account: accountBody(v.account),
    }),
    refuse: () => (personIds.length && institutionId ? null : t('report.choosePerson')),
    issueMessage: (issue) => fieldMessage(issue.message),
    fieldMessage,
    problemText,
    onSuccess: (result) => navigate(`/force/incidents/${encodeURIComponent(result.id)}`),
  });
  const { form } = write;
  const staffOptions = useMemo(
    () => (staff.data?.items ?? []).map((s) => ({ value: s.id, label: s.fullName })),
    [staff.data],
  );
  const involved = staffOptions.filter((s) => form.values.staffIds.includes(s.value));
  const units = institution.data?.units ?? [];
  const cells = units
    .filter((u) => !form.values.unitId || u.id === form.values.unitId)
    .flatMap((u) => u.cells.map((c) => ({ value: c.id, label: `${u.code} · ${c.code}` })));

  return (
    <form {...write.formProps}>
      <Stack maw={820}>
        <Title order={1}>{t('report.title')}</Title>
        <Alert color="blue">{t('report.intro')}</Alert>
        <Stack gap={4}>
          <Text fw={500} size="sm">
            {t('report.persons')}
          </Text>
          {personIds.map((id) => (
            <ChosenPerson
              key={id}
              id={id}
              onRemove={() => setPersonIds((ids) => ids.filter((x) => x !== id))}
            />
          ))}
          <TextInput
            label={t('list.persons')}
            description={t('report.personHint')}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            error={form.errors.personIds}
          />
          {q.trim().length >= 2
            ? (persons.data?.pages[0]?.items ?? [])
                .filter((p) => !personIds.includes(p.id))
                .slice(0, 8)
                .map((p) => (
                  <Button
                    key={p.id}
                    variant="default"
                    justify="start"
                    onClick={() => {
                      setPersonIds((ids) => [...ids, p.id]);
                      setQ('');
                    }}
                  >
                    {displayName(p)} · {p.prisonNumber}
                  </Button>
                ))
            : null}
        </Stack>
        <TextInput
          {...form.getInputProps('occurredAt')}
          type="datetime-local"
          step={60}
          label={t('report.occurredAt')}
          description={t('nowIfEmpty', { zone: zone ?? '' })}
          withAsterisk
          maw={320}
        />
        <Group grow>
          <NativeSelect
            {...form.getInputProps('unitId')}
            label={t('report.unit')}
            data={[
              { value: '', label: t('report.noUnit') },
              ...units.map((u) => ({ value: u.id, label: u.code })),
            ]}
          />
          <NativeSelect
            {...form.getInputProps('cellId')}
            label={t('report.cell')}
            data={[{ value: '', label: t('report.noCell') }, ...cells]}
          />
        </Group>
        <TextInput {...form.getInputProps('placeNote')} label={t('report.placeNote')} maxLength={500} />
        <MultiSelect
          {...form.getInputProps('staffIds')}
          label={t('report.staff')}
          description={t('report.staffHint')}
          withAsterisk
          searchable
          data={staffOptions}
        />
        {episodes.data?.items.length ? (
          <NativeSelect
            {...form.getInputProps('restraintEpisodeId')}
            label={t('report.restraint')}
            description={t('report.restraintHint')}
            data={[
              { value: '', label: t('report.noRestraint') },
              ...episodes.data.items.map((e) => ({ value: e.id, label: dateTime(e.startedAt, zone) })),
            ]}
          />
        ) : null}
        <AccountFields form={form} prefix="account." staff={involved} />
        <WriteFeedback write={write} />
        <Group justify="flex-end">
          <Button type="submit" loading={write.busy}>
            {t('report.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
