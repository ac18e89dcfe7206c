import type { LabTest } from '@custodia/domain/clinical';
import {
  Alert,
  Anchor,
  Button,
  Group,
  List,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { type ReactNode, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { PersonTabProps } from '../../app/appModule.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { WARNING_COLOR } from '../../app/format.ts';
import { allows, useCurrentUser } from '../../app/session.ts';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import { Tag } from '../registry/Tag.tsx';
import {
  AllergyForm,
  ConsentForm,
  CorrectEntryForm,
  type EntryCorrection,
  LabResultForm,
  NewEncounterForm,
  ProblemForm,
  VitalsForm,
} from './ChartForms.tsx';
import {
  CHART_ENCOUNTERS,
  type Chart,
  type Encounter,
  type Observation,
  useChart,
  useConsents,
  useEncounterPages,
} from './clinical.api.ts';
import { AccessRequestsSection, DocumentsSection } from './FileSections.tsx';
import { FormDialog } from './FormParts.tsx';
import { type ClinicalLabels, useClinicalLabels } from './labels.ts';
import { ObservationHistory } from './ObservationHistory.tsx';

type FormKind = 'encounter' | 'vitals' | 'problem' | 'allergy' | 'lab' | 'consent';
const forms: FormKind[] = ['encounter', 'vitals', 'problem', 'allergy', 'lab', 'consent'];

/** The colour of an encounter's status: a draft still needs signing. */
export const statusColor = (status: string) =>
  status === 'signed' ? 'teal.9' : status === 'completed' ? 'blue.9' : WARNING_COLOR;

/** DAT-7 (ADR 0037): an entry written after the person died in custody: an addendum to the frozen file. */
function AfterDeath() {
  const { t } = useTranslation('clinical');
  return (
    <Text span size="sm" fw={600} data-after-death>
      {' '}
      · {t('chart.afterDeath')}
    </Text>
  );
}

/** The chart's `deathInCustody` section (the deaths module's contribution), if the person died in custody. */
function deathOf(chart: Chart): { diedAt: string; frozenAt: string | null; sha256: string | null } | null {
  const d = (chart as Chart & { deathInCustody?: unknown }).deathInCustody;
  return d && typeof d === 'object' && 'diedAt' in d
    ? (d as { diedAt: string; frozenAt: string | null; sha256: string | null })
    : null;
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={3} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}

/** The value of an observation with its unit, or its coded result in words. */
export function observationValue(o: Observation, labels: ClinicalLabels): string {
  if (o.valueNumber !== null) {
    const unit =
      o.category === 'vital-signs' ? labels.vitalUnit(o.test) : o.unit ? labels.labUnit(o.test) : '';
    return `${labels.number(o.valueNumber)} ${unit}`.trim();
  }
  return labels.labResult(o.valueCode);
}

/** One encounter in a list: struck through when entered in error, "restricted" when withheld. */
export function EncounterLine({ encounter, labels }: { encounter: Encounter; labels: ClinicalLabels }) {
  const { t } = useTranslation('clinical');
  const what = encounter.hidden ? t('encounter.restrictedEntry') : labels.encounterType(encounter.type);
  const link = (
    <Anchor component={Link} to={`/clinical/encounters/${encodeURIComponent(encounter.id)}`}>
      {what}
    </Anchor>
  );
  return (
    <>
      {encounter.enteredInError ? <s>{link}</s> : link}
      {encounter.enteredInError ? (
        <Text span size="sm" c="red.9">
          {' '}
          ({t('corrections.kinds.entered_in_error')})
        </Text>
      ) : null}
    </>
  );
}

function EncounterTable({
  encounters,
  labels,
  frozenAt,
}: {
  encounters: Encounter[];
  labels: ClinicalLabels;
  /** DAT-7 (ADR 0037): when the file was frozen at death; later entries are addenda. */
  frozenAt?: string | null;
}) {
  const { t } = useTranslation('clinical');
  const timeZoneOf = useTimeZoneOf();
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table striped verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('encounter.startedAt')}</Table.Th>
            <Table.Th scope="col">{t('encounter.type')}</Table.Th>
            <Table.Th scope="col">{t('encounter.status')}</Table.Th>
            <Table.Th scope="col">{t('encounter.clinician')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {encounters.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>{labels.dateTime(e.startedAt, timeZoneOf(e.institutionId))}</Table.Td>
              <Table.Td>
                <EncounterLine encounter={e} labels={labels} />
                {frozenAt && e.startedAt > frozenAt ? <AfterDeath /> : null}
                {e.restricted && !e.hidden ? (
                  <Text span size="sm">
                    {' '}
                    · {t('form.restrictedMark')}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                <Tag color={statusColor(e.status)}>{labels.encounterStatus(e.status)}</Tag>
              </Table.Td>
              <Table.Td>{e.authorName ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Recent encounters from the chart, then older ones a page at a time. */
function Encounters({ personId, chart, labels }: { personId: string; chart: Chart; labels: ClinicalLabels }) {
  const { t } = useTranslation('clinical');
  const errorMessage = useErrorMessage();
  const [more, setMore] = useState(false);
  const pages = useEncounterPages(personId, more);
  const encounters = useMemo(() => {
    // The first page repeats the chart's recent encounters: each is shown once.
    const byId = new Map<string, Encounter>();
    for (const e of [...chart.encounters, ...(pages.data?.pages.flatMap((p) => p.items) ?? [])])
      if (!byId.has(e.id)) byId.set(e.id, e);
    return [...byId.values()];
  }, [chart.encounters, pages.data]);
  const canLoadMore = more ? pages.hasNextPage : chart.encounters.length >= CHART_ENCOUNTERS;
  return (
    <Section id="chart-encounters" title={t('chart.encounters')}>
      {encounters.length === 0 ? (
        <Empty>{t('chart.noEncounters')}</Empty>
      ) : (
        <EncounterTable encounters={encounters} labels={labels} frozenAt={deathOf(chart)?.frozenAt} />
      )}
      {pages.isError ? (
        <Alert color="red" role="alert" mt="sm">
          {errorMessage(pages.error)}
        </Alert>
      ) : null}
      {canLoadMore ? (
        <Button
          variant="default"
          mt="sm"
          className="no-print"
          loading={pages.isFetching}
          onClick={() => (more ? void pages.fetchNextPage() : setMore(true))}
        >
          {t('chart.moreEncounters')}
        </Button>
      ) : null}
    </Section>
  );
}

/** A link to the screening an entry came from. */
function ScreeningLink({ encounterId, label }: { encounterId: string; label?: string }) {
  const { t } = useTranslation('clinical');
  return (
    <Anchor component={Link} to={`/clinical/screenings/${encodeURIComponent(encounterId)}`} size="sm">
      {label ?? t('chart.openScreening')}
    </Anchor>
  );
}

/**
 * The injury record (ADM-4, INJ-1): every injury the person's screenings marked on the body chart,
 * read from the screenings themselves (never typed again), with who recorded it and when.
 */
function InjuryRecord({
  injuries,
  zone,
  labels,
}: {
  injuries: NonNullable<Chart['injuries']>;
  zone: string | undefined;
  labels: ClinicalLabels;
}) {
  const { t } = useTranslation('clinical');
  const ts = (key: string) => t(key, { ns: 'screening' });
  return (
    <Section id="chart-injuries" title={t('chart.injuries')}>
      {injuries.length === 0 ? (
        <Empty>{t('chart.noInjuries')}</Empty>
      ) : (
        <List spacing="xs" size="sm">
          {injuries.map((i) => (
            <List.Item key={`${i.encounterId}-${i.index}`}>
              <Text span fw={700}>
                {t('chart.injuryAt', {
                  view: ts(`injuries.views.${i.side}`),
                  region: ts(`regions.${i.region}`),
                })}
              </Text>
              {`: ${i.description}`}
              {i.personsAccount ? ` · ${t('chart.injuryAccount', { account: i.personsAccount })}` : ''}
              {` · ${t('chart.injuryConsistency', { grade: ts(`injuries.consistencies.${i.consistency}`) })}`}
              {i.illTreatment ? ` · ${ts(`injuries.illTreatments.${i.illTreatment}`)}` : ''}
              <Text size="xs" c="dimmed" component="div">
                {t('chart.injuryRecorded', {
                  when: labels.dateTime(i.recordedAt, zone),
                  who: i.authorName ?? '',
                })}{' '}
                <ScreeningLink encounterId={i.encounterId} />
              </Text>
            </List.Item>
          ))}
        </List>
      )}
    </Section>
  );
}

function Consents({ personId, labels }: { personId: string; labels: ClinicalLabels }) {
  const { t } = useTranslation('clinical');
  const consents = useConsents(personId);
  const items = consents.data?.items ?? [];
  return (
    <Section id="chart-consents" title={t('chart.consents')}>
      {consents.isPending ? (
        <Loader size="xs" role="status" aria-label={t('chart.loading')} />
      ) : items.length === 0 ? (
        <Empty>{t('chart.noConsents')}</Empty>
      ) : (
        <List spacing={4} size="sm">
          {items.map((c) => (
            <List.Item key={c.id}>
              <Text span fw={600}>
                {t(`consents.decisions.${c.decision}`)}
              </Text>
              {`: ${c.topic} · ${labels.dateTime(c.recordedAt)}`}
              {c.witness ? ` · ${t('consents.witnessed', { witness: c.witness })}` : ''}
            </List.Item>
          ))}
        </List>
      )}
    </Section>
  );
}

/**
 * The medical-record tab of the person page (`clinical.record.read`): the chart summary on one
 * screen, with the actions a clinician who keeps the file (`clinical.record.write`) may take.
 * Opening it reads the chart, which the server audits (MED-1).
 */
export function MedicalRecordTab({ personId }: PersonTabProps) {
  const { t } = useTranslation('clinical');
  const labels = useClinicalLabels();
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const canWrite = allows(user, 'clinical.record.write');
  const chart = useChart(personId);
  const timeZoneOf = useTimeZoneOf();
  const [form, setForm] = useState<FormKind | null>(null);
  const [correction, setCorrection] = useState<EntryCorrection | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  if (chart.isPending)
    return (
      <Group gap="sm" role="status">
        <Loader size="sm" />
        <Text>{t('chart.loading')}</Text>
      </Group>
    );
  if (chart.isError)
    return (
      <Alert color="red" role="alert" title={t('chart.failed')}>
        {errorMessage(chart.error)}
      </Alert>
    );

  const c = chart.data;
  const death = deathOf(c);
  const zone = timeZoneOf(c.person.institutionId);
  const now = new Date().toISOString();

  function done(message: string) {
    setForm(null);
    setCorrection(null);
    setNotice(message);
    noticeRef.current?.focus();
  }
  const close = () => {
    setForm(null);
    setCorrection(null);
  };
  const correct = (next: EntryCorrection) => {
    setNotice(null);
    setCorrection(next);
  };
  const formProps = {
    personId,
    zone,
    onCancel: close,
    onDone: () => done(t(`chart.saved.${form ?? 'vitals'}`)),
  };

  const entryButtons = (entry: EntryCorrection['entry'], id: string, what: string, resolvable: boolean) =>
    canWrite ? (
      <Group gap={4} className="no-print" component="span" display="inline-flex" ml="xs">
        {resolvable ? (
          <Button
            size="compact-xs"
            variant="default"
            aria-label={`${t('corrections.actions.resolved')}: ${what}`}
            onClick={() => correct({ entry, id, status: 'resolved', what })}
          >
            {t('corrections.actions.resolved')}
          </Button>
        ) : null}
        <Button
          size="compact-xs"
          variant="default"
          aria-label={`${t('corrections.actions.entered_in_error')}: ${what}`}
          onClick={() => correct({ entry, id, status: 'entered_in_error', what })}
        >
          {t('corrections.actions.entered_in_error')}
        </Button>
      </Group>
    ) : null;

  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('chart.title')}
      </Title>

      <div ref={noticeRef} tabIndex={-1} role="status">
        {notice ? (
          <Alert color="teal" variant="light">
            {notice}
          </Alert>
        ) : null}
      </div>

      {canWrite ? (
        <Group gap="sm" className="no-print" aria-label={t('chart.actions')} role="group">
          {forms.map((kind) => (
            <Button
              key={kind}
              variant={kind === 'encounter' ? 'filled' : 'default'}
              onClick={() => {
                setNotice(null);
                setForm(kind);
              }}
            >
              {t(`chart.add.${kind}`)}
            </Button>
          ))}
        </Group>
      ) : null}

      {death ? (
        <Alert color="gray" role="note" data-death-in-custody>
          {t('chart.diedInCustody', {
            when: labels.dateTime(death.diedAt, zone),
            frozen: death.frozenAt ? labels.dateTime(death.frozenAt, zone) : '—',
            hash: death.sha256?.slice(0, 16) ?? '—',
          })}
        </Alert>
      ) : null}

      {c.alerts.length > 0 ? (
        <Section id="chart-alerts" title={t('chart.alerts')}>
          <List spacing={4} size="sm">
            {c.alerts.map((a) => (
              <List.Item key={a.id}>
                <Text span fw={600}>
                  {labels.alert(a.detail)}
                </Text>
                {` · ${t('alerts.since', { when: labels.dateTime(a.startsAt, zone) })}`}
                {a.endsAt ? ` · ${t('alerts.until', { when: labels.dateTime(a.endsAt, zone) })}` : ''}
              </List.Item>
            ))}
          </List>
        </Section>
      ) : null}

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Section id="chart-problems" title={t('chart.problems')}>
          {c.problems.length === 0 ? (
            <Empty>{t('chart.noProblems')}</Empty>
          ) : (
            <List spacing={4} size="sm">
              {c.problems.map((p) => (
                <List.Item key={p.id}>
                  <Text span fw={700}>
                    {p.code}
                  </Text>{' '}
                  {p.display}
                  {p.restricted ? (
                    <Text span size="sm" fw={600}>
                      {' '}
                      · {t('form.restrictedMark')}
                    </Text>
                  ) : null}
                  {p.onsetDate ? ` · ${t('problems.since', { date: labels.date(p.onsetDate) })}` : ''}
                  {death?.frozenAt && p.recordedAt > death.frozenAt ? <AfterDeath /> : null}
                  {entryButtons('problems', p.id, `${p.code} ${p.display}`, true)}
                </List.Item>
              ))}
            </List>
          )}
        </Section>

        <Section id="chart-allergies" title={t('chart.allergies')}>
          {c.allergies.length === 0 && c.allergyStatement ? (
            // "No known allergies" only as an answer someone gave: where, when and by whom.
            <Text size="sm" fw={600}>
              {t('chart.noKnownAllergies', {
                when: labels.dateTime(c.allergyStatement.recordedAt, zone),
                who: c.allergyStatement.authorName ?? '',
              })}
              {c.allergyStatement.encounterId ? (
                <>
                  {' '}
                  <ScreeningLink encounterId={c.allergyStatement.encounterId} />
                </>
              ) : null}
            </Text>
          ) : c.allergies.length === 0 ? (
            <Empty>{t('chart.noAllergies')}</Empty>
          ) : (
            <List spacing={4} size="sm">
              {c.allergies.map((a) => (
                <List.Item key={a.id}>
                  <Text span fw={700}>
                    {a.substance}
                  </Text>
                  {` · ${labels.allergyType(a.type)} · ${labels.allergyCategory(a.category)} · ${labels.allergySeverity(a.severity)}`}
                  {a.reaction ? ` · ${a.reaction}` : ''}
                  {a.encounterId ? (
                    <>
                      {' · '}
                      <ScreeningLink encounterId={a.encounterId} label={t('chart.fromScreening')} />
                    </>
                  ) : null}
                  {entryButtons('allergies', a.id, a.substance, true)}
                </List.Item>
              ))}
            </List>
          )}
        </Section>

        <Section id="chart-vitals" title={t('chart.vitals')}>
          {c.vitals.length === 0 ? (
            <Empty>{t('chart.noVitals')}</Empty>
          ) : (
            <Table verticalSpacing={2}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('vitals.sign')}</Table.Th>
                  <Table.Th scope="col">{t('vitals.value')}</Table.Th>
                  <Table.Th scope="col">{t('vitals.takenAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {c.vitals.map((o) => (
                  <Table.Tr key={o.id}>
                    <Table.Th scope="row" fw={600}>
                      {labels.vitalSign(o.test)}
                    </Table.Th>
                    <Table.Td>
                      {observationValue(o, labels)}
                      {o.test === 'bmi'
                        ? null
                        : entryButtons(
                            'observations',
                            o.id,
                            `${labels.vitalSign(o.test)} ${observationValue(o, labels)}`,
                            false,
                          )}
                    </Table.Td>
                    <Table.Td>{labels.dateTime(o.effectiveAt, zone)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Section>

        <Section id="chart-tasks" title={t('chart.tasks')}>
          {c.tasks.length === 0 ? (
            <Empty>{t('chart.noTasks')}</Empty>
          ) : (
            <List spacing={4} size="sm">
              {c.tasks.map((task) => {
                const overdue = task.dueAt < now;
                return (
                  <List.Item key={task.id}>
                    <Anchor component={Link} to={`/clinical/tasks/${encodeURIComponent(task.id)}`}>
                      {labels.taskKind(task.kind)}
                    </Anchor>{' '}
                    <Tag color={overdue ? 'red.9' : 'blue.9'}>
                      {overdue
                        ? t('tasks.overdue', { when: labels.dateTime(task.dueAt, zone) })
                        : t('tasks.due', { when: labels.dateTime(task.dueAt, zone) })}
                    </Tag>
                  </List.Item>
                );
              })}
            </List>
          )}
        </Section>
      </SimpleGrid>

      <InjuryRecord injuries={c.injuries ?? []} zone={zone} labels={labels} />

      <Encounters personId={personId} chart={c} labels={labels} />

      <ObservationHistory personId={personId} labels={labels} zone={zone} />

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Section id="chart-labs" title={t('chart.labs')}>
          {c.labs.length === 0 ? (
            <Empty>{t('chart.noLabs')}</Empty>
          ) : (
            <List spacing={4} size="sm">
              {c.labs.map((o) => (
                <List.Item key={o.id}>
                  <Text span fw={600}>
                    {labels.labTest(o.test as LabTest)}
                  </Text>
                  {`: ${observationValue(o, labels)} · ${labels.dateTime(o.effectiveAt, zone)}`}
                  {o.restricted ? ` · ${t('form.restrictedMark')}` : ''}
                  {entryButtons(
                    'observations',
                    o.id,
                    `${labels.labTest(o.test)} ${observationValue(o, labels)}`,
                    false,
                  )}
                </List.Item>
              ))}
            </List>
          )}
        </Section>
        <Consents personId={personId} labels={labels} />
        <DocumentsSection personId={personId} zone={zone} />
        <AccessRequestsSection personId={personId} zone={zone} />
      </SimpleGrid>

      <FormDialog title={form ? t(`chart.add.${form}`) : null} opened={form !== null} onClose={close}>
        {form === 'encounter' ? (
          <NewEncounterForm
            personId={personId}
            zone={zone}
            clinicianName={user?.displayName ?? user?.username ?? ''}
            onCancel={close}
            onCreated={(id) => {
              navigate(`/clinical/encounters/${encodeURIComponent(id)}`);
            }}
          />
        ) : form === 'vitals' ? (
          <VitalsForm {...formProps} />
        ) : form === 'problem' ? (
          <ProblemForm {...formProps} />
        ) : form === 'allergy' ? (
          <AllergyForm {...formProps} />
        ) : form === 'lab' ? (
          <LabResultForm {...formProps} />
        ) : form === 'consent' ? (
          <ConsentForm {...formProps} />
        ) : null}
      </FormDialog>
      <FormDialog
        title={correction ? t(`corrections.actions.${correction.status}`) : null}
        opened={correction !== null}
        onClose={close}
      >
        {correction ? (
          <CorrectEntryForm
            correction={correction}
            onCancel={close}
            onDone={() => done(t(`corrections.done.${correction.status}`))}
          />
        ) : null}
      </FormDialog>
    </Stack>
  );
}
