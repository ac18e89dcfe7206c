import {
  decisionKinds,
  decisionOutcomes,
  directorDecisionSchema,
  healthVisitSchema,
  managementVisitSchema,
  placementEndSchema,
} from '@custodia/domain/segregation';
import {
  Anchor,
  Button,
  Group,
  NativeSelect,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { fromLocalInput, useFormats } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm, WriteFeedback } from '../../app/useWriteForm.tsx';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import { AlertBadges, useFieldMessage, useProblemText } from './parts.tsx';
import {
  newIdempotencyKey,
  type Placement,
  type PlacementCommand,
  type TimelineEntry,
  useHealthVisits,
  usePlacement,
  usePlacementCommand,
} from './segregation.api.ts';

/** A yes/no answer nobody has given yet: '' until chosen (no clinical answer is pre-filled). */
const yesNo = (value: string) => (value === '' ? undefined : value === 'yes');

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" component="div">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

function useCommandForm<Values extends Record<string, unknown>>(
  placementId: string,
  command: PlacementCommand,
  options: {
    initialValues: Values;
    toBody: (v: Values) => unknown;
    schema: Parameters<typeof useWriteForm>[0]['schema'];
    notice: string;
  },
) {
  const problemText = useProblemText();
  const fieldMessage = useFieldMessage();
  // One key per entry (visits): Save pressed twice on a flaky network records once.
  const [key, setKey] = useState(newIdempotencyKey);
  const write = useWriteForm({
    initialValues: options.initialValues,
    write: usePlacementCommand(placementId, command, command.endsWith('visits') ? key : undefined),
    schema: options.schema,
    toBody: options.toBody,
    issueMessage: (issue) => fieldMessage(issue.message),
    fieldMessage,
    problemText,
    notice: () => options.notice,
    onSuccess: () => {
      write.form.reset();
      setKey(newIdempotencyKey());
    },
  });
  return write;
}

/** SEG-5, SEG-7: a clinician's visit: seen or not, an adverse effect or not (nothing pre-filled). */
function HealthVisitForm({ placement, zone }: { placement: Placement; zone: string | undefined }) {
  const { t } = useTranslation('segregation');
  const write = useCommandForm(placement.id, 'health-visits', {
    initialValues: { at: '', seen: '', adverseEffect: '', note: '' },
    schema: healthVisitSchema,
    toBody: (v) => ({
      // Empty: now. A time typed is the institution's wall-clock time, whatever the browser's zone.
      at: fromLocalInput(v.at, zone) ?? new Date().toISOString(),
      seen: yesNo(v.seen),
      adverseEffect: yesNo(v.adverseEffect),
      note: v.note.trim() || null,
    }),
    notice: t('visit.saved'),
  });
  const { form } = write;
  const choice = (name: 'seen' | 'adverseEffect') => (
    <Radio.Group {...form.getInputProps(name)} label={t(`visit.${name}`)} withAsterisk>
      <Group gap="md" mt={4}>
        <Radio value="yes" label={t('yes')} />
        <Radio value="no" label={t('no')} />
      </Group>
    </Radio.Group>
  );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="health-visit-title">
      <form {...write.formProps}>
        <Stack gap="sm">
          <Title order={2} size="h4" id="health-visit-title">
            {t('visit.title')}
          </Title>
          <Text size="sm">{t('visit.intro')}</Text>
          <TextInput
            {...form.getInputProps('at')}
            type="datetime-local"
            step={1}
            label={t('visit.at')}
            description={t('nowIfEmpty', { zone: zone ?? '' })}
          />
          {choice('seen')}
          {choice('adverseEffect')}
          <Textarea {...form.getInputProps('note')} label={t('visit.note')} maxLength={4000} />
          <WriteFeedback write={write} />
          <Group justify="flex-end">
            <Button type="submit" loading={write.busy}>
              {t('visit.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** SEG-8: the management visit, now, with an optional note. */
function ManagementVisitForm({ placement }: { placement: Placement }) {
  const { t } = useTranslation('segregation');
  const write = useCommandForm(placement.id, 'management-visits', {
    initialValues: { note: '' },
    schema: managementVisitSchema,
    toBody: (v) => ({ at: new Date().toISOString(), note: v.note.trim() || null }),
    notice: t('management.saved'),
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="management-title">
      <form {...write.formProps}>
        <Stack gap="sm">
          <Title order={2} size="h4" id="management-title">
            {t('management.title')}
          </Title>
          <Textarea {...write.form.getInputProps('note')} label={t('management.note')} maxLength={2000} />
          <WriteFeedback write={write} />
          <Group justify="flex-end">
            <Button type="submit" loading={write.busy}>
              {t('management.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** SEG-7, SEG-11: the director's decision. */
function DecisionForm({ placement }: { placement: Placement }) {
  const { t } = useTranslation('segregation');
  const write = useCommandForm(placement.id, 'decisions', {
    initialValues: {
      kind: placement.directorDecisionDueAt ? 'health_recommendation' : '',
      outcome: '',
      reason: '',
    },
    schema: directorDecisionSchema,
    toBody: (v) => ({ kind: v.kind || undefined, outcome: v.outcome || undefined, reason: v.reason }),
    notice: t('decision.saved'),
  });
  const { form } = write;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="decision-title">
      <form {...write.formProps}>
        <Stack gap="sm">
          <Title order={2} size="h4" id="decision-title">
            {t('decision.title')}
          </Title>
          <NativeSelect
            {...form.getInputProps('kind')}
            label={t('decision.kind')}
            withAsterisk
            data={[
              { value: '', label: t('choose') },
              ...decisionKinds.map((k) => ({ value: k, label: t(`decision.kinds.${k}`) })),
            ]}
          />
          <Radio.Group {...form.getInputProps('outcome')} label={t('decision.outcome')} withAsterisk>
            <Group gap="md" mt={4}>
              {decisionOutcomes.map((o) => (
                <Radio key={o} value={o} label={t(`decision.outcomes.${o}`)} />
              ))}
            </Group>
          </Radio.Group>
          <Textarea
            {...form.getInputProps('reason')}
            label={t('decision.reason')}
            withAsterisk
            maxLength={2000}
          />
          <WriteFeedback write={write} />
          <Group justify="flex-end">
            <Button type="submit" loading={write.busy}>
              {t('decision.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** The end of a placement, now, with its reason. */
function EndForm({ placement }: { placement: Placement }) {
  const { t } = useTranslation('segregation');
  const write = useCommandForm(placement.id, 'end', {
    initialValues: { reason: '' },
    schema: placementEndSchema,
    toBody: (v) => ({ endedAt: new Date().toISOString(), reason: v.reason }),
    notice: t('end.saved'),
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="end-title">
      <form {...write.formProps}>
        <Stack gap="sm">
          <Title order={2} size="h4" id="end-title">
            {t('end.title')}
          </Title>
          <Textarea
            {...write.form.getInputProps('reason')}
            label={t('end.reason')}
            withAsterisk
            maxLength={2000}
          />
          <WriteFeedback write={write} />
          <Group justify="flex-end">
            <Button type="submit" color="red.9" loading={write.busy}>
              {t('end.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** What a timeline entry says, in words. */
function EntryDetails({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation('segregation');
  const { date } = useFormats();
  if (entry.type === 'day' && entry.minutes)
    return (
      <Stack gap={2}>
        <Text size="sm">
          {date(entry.day)} ·{' '}
          {t('wing.todayMinutes', {
            out: entry.minutes.outOfCellMinutes,
            outdoor: entry.minutes.outdoorMinutes,
            contact: entry.minutes.contactMinutes,
          })}
        </Text>
        <AlertBadges alerts={entry.flags} />
      </Stack>
    );
  if (entry.type === 'health_visit')
    return (
      <Text size="sm">
        {entry.recommendsEnding ? t('timeline.recommendsEnding') : t('timeline.visitHappened')}
      </Text>
    );
  if (entry.type === 'decision')
    return (
      <Text size="sm">
        {t(`decision.kinds.${entry.decisionKind}`)} · {t(`decision.outcomes.${entry.outcome}`)} · {entry.text}
      </Text>
    );
  return <Text size="sm">{entry.text}</Text>;
}

/** The health visits with their content, for health-care roles (MED-1). */
function HealthVisitsTable({ id, zone }: { id: string; zone: string | undefined }) {
  const { t } = useTranslation('segregation');
  const { dateTime } = useFormats();
  const visits = useHealthVisits(id, true);
  return (
    <section aria-labelledby="visits-title">
      <Title order={2} size="h4" id="visits-title" mb="xs">
        {t('visits.title')}
      </Title>
      <QueryState query={visits} empty={t('visits.none')}>
        {(data) => (
          <Table withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('timeline.at')}</Table.Th>
                <Table.Th scope="col">{t('visit.seen')}</Table.Th>
                <Table.Th scope="col">{t('visit.adverseEffect')}</Table.Th>
                <Table.Th scope="col">{t('visit.note')}</Table.Th>
                <Table.Th scope="col">{t('timeline.author')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((v) => (
                <Table.Tr key={v.id}>
                  <Table.Td>{dateTime(v.at, zone)}</Table.Td>
                  <Table.Td>{v.seen ? t('yes') : t('no')}</Table.Td>
                  <Table.Td>{v.adverseEffect ? t('yes') : t('no')}</Table.Td>
                  <Table.Td>{v.note}</Table.Td>
                  <Table.Td>{v.author}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
    </section>
  );
}

/**
 * One placement (SEG-1 … SEG-11): what was decided, where it stands, its whole timeline with each
 * entry's author and time (in the institution's zone), and what the user's role may record next.
 */
export function PlacementPage() {
  const { t } = useTranslation('segregation');
  usePageTitle(t('placement.title'));
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const placement = usePlacement(id);
  const zoneOf = useTimeZoneOf();
  const { date, dateTime } = useFormats();

  return (
    <Stack>
      <QueryState query={placement} failed={<Title order={1}>{t('placement.title')}</Title>}>
        {(p) => {
          const zone = zoneOf(p.institutionId);
          const open = !p.endedAt;
          return (
            <>
              <Title order={1}>
                {t('placement.title')}: {p.name}
              </Title>
              <Group gap="xs">
                <Anchor component={Link} to="/segregation">
                  {t('placement.back')}
                </Anchor>
                <Anchor component={Link} to={`/registry/persons/${encodeURIComponent(p.personId)}`}>
                  {t('placement.person')}
                </Anchor>
              </Group>
              <AlertBadges alerts={p.alerts} />
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <Fact label={t('wing.person')}>
                  {p.name} · {p.prisonNumber}
                </Fact>
                <Fact label={t('wing.kind')}>{t(`kinds.${p.kind}`)}</Fact>
                <Fact label={t('wing.days')}>
                  {t('wing.dayNumber', { day: p.dayNumber })} ·{' '}
                  {t('wing.solitaryRun', { count: p.solitaryRun })}
                </Fact>
                <Fact label={t('placement.reason')}>{p.reason}</Fact>
                {p.offenceReference ? <Fact label={t('placement.offence')}>{p.offenceReference}</Fact> : null}
                <Fact label={t('placement.decidedBy')}>{p.decidedBy}</Fact>
                <Fact label={t('placement.startedAt')}>{dateTime(p.startedAt, zone)}</Fact>
                <Fact label={t('placement.plannedEndAt')}>{dateTime(p.plannedEndAt, zone)}</Fact>
                {p.endedAt ? <Fact label={t('placement.endedAt')}>{dateTime(p.endedAt, zone)}</Fact> : null}
                {p.cellCode ? <Fact label={t('placement.cell')}>{p.cellCode}</Fact> : null}
                {p.overrideReason ? <Fact label={t('placement.override')}>{p.overrideReason}</Fact> : null}
                {p.missedHealthVisitDays.length ? (
                  <Fact label={t('placement.missedVisits')}>
                    {p.missedHealthVisitDays.map(date).join(', ')}
                  </Fact>
                ) : null}
                {p.directorDecisionDueAt ? (
                  <Fact label={t('placement.decisionDue')}>{dateTime(p.directorDecisionDueAt, zone)}</Fact>
                ) : null}
                {p.reviewDueAt ? (
                  <Fact label={t('placement.reviewDue')}>{dateTime(p.reviewDueAt, zone)}</Fact>
                ) : null}
              </SimpleGrid>
              <section aria-labelledby="timeline-title">
                <Title order={2} size="h4" id="timeline-title" mb="xs">
                  {t('timeline.title')}
                </Title>
                <Table striped withTableBorder>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('timeline.at')}</Table.Th>
                      <Table.Th scope="col">{t('timeline.entry')}</Table.Th>
                      <Table.Th scope="col">{t('timeline.details')}</Table.Th>
                      <Table.Th scope="col">{t('timeline.author')}</Table.Th>
                      <Table.Th scope="col">{t('timeline.recordedAt')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {p.timeline.map((e) => (
                      <Table.Tr key={e.id} data-entry={e.type}>
                        <Table.Td>{dateTime(e.at, zone)}</Table.Td>
                        <Table.Td>{t(`timeline.types.${e.type}`)}</Table.Td>
                        <Table.Td>
                          <EntryDetails entry={e} />
                        </Table.Td>
                        <Table.Td>{e.author}</Table.Td>
                        <Table.Td>{dateTime(e.recordedAt, zone)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </section>
              {allows(user, 'segregation.health_visit.read') ? (
                <HealthVisitsTable id={p.id} zone={zone} />
              ) : null}
              {open && allows(user, 'segregation.health_visit.record') ? (
                <HealthVisitForm placement={p} zone={zone} />
              ) : null}
              {open && allows(user, 'segregation.management_visit.record') ? (
                <ManagementVisitForm placement={p} />
              ) : null}
              {open && allows(user, 'segregation.decision.record') ? <DecisionForm placement={p} /> : null}
              {open && allows(user, 'segregation.placement.decide') ? <EndForm placement={p} /> : null}
            </>
          );
        }}
      </QueryState>
    </Stack>
  );
}
