import {
  assessmentBodySchema,
  incidentKinds,
  incidentSchema,
  postClosureOutcomes,
  postClosureReviewSchema,
} from '@custodia/domain/selfharm';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { fromLocalInput, useFormats, WARNING_COLOR } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm, WriteFeedback } from '../../app/useWriteForm.tsx';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import { useNow } from '../restraint/restraint.api.ts';
import { CheckBadge, useFieldMessage, useProblemText } from './parts.tsx';
import { type Plan, type PlanClinical, usePlan, usePlanClinical, usePlanCommand } from './selfharm.api.ts';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" fw={700}>
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {children}
      </Text>
    </Stack>
  );
}

/** SSH-1: the assessment interview (psychologist, psychiatrist or doctor). Nothing pre-filled. */
function AssessmentForm({ plan, zone }: { plan: Plan; zone: string | undefined }) {
  const { t } = useTranslation('selfharm');
  const fieldMessage = useFieldMessage();
  const write = useWriteForm({
    initialValues: { assessedAt: '', narrative: '', workingDiagnosis: '' },
    write: usePlanCommand(plan.id, 'assessment'),
    schema: assessmentBodySchema,
    toBody: (v) => ({
      assessedAt: fromLocalInput(v.assessedAt, zone) ?? new Date().toISOString(),
      narrative: v.narrative,
      workingDiagnosis: v.workingDiagnosis.trim() || null,
      version: plan.version,
    }),
    issueMessage: (issue) => fieldMessage(issue.message),
    fieldMessage,
    problemText: useProblemText(),
  });
  return (
    <form {...write.formProps} aria-labelledby="assessment-title">
      <Stack>
        <Title order={3} id="assessment-title">
          {t('assessment.title')}
        </Title>
        <TextInput
          {...write.form.getInputProps('assessedAt')}
          type="datetime-local"
          step={60}
          label={t('assessment.assessedAt')}
          description={t('nowIfEmpty', { zone: zone ?? '' })}
        />
        <Textarea
          {...write.form.getInputProps('narrative')}
          label={t('assessment.narrative')}
          withAsterisk
          autosize
          minRows={4}
          maxLength={8000}
        />
        <TextInput
          {...write.form.getInputProps('workingDiagnosis')}
          label={t('assessment.workingDiagnosis')}
          maxLength={300}
        />
        <WriteFeedback write={write} />
        <Group justify="flex-end">
          <Button type="submit" loading={write.busy}>
            {t('assessment.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** MHS-8: serious self-harm or an attempted suicide (health roles). */
function IncidentForm({ plan, zone }: { plan: Plan; zone: string | undefined }) {
  const { t } = useTranslation('selfharm');
  const fieldMessage = useFieldMessage();
  const write = useWriteForm({
    initialValues: { kind: '', occurredAt: '', description: '' },
    write: usePlanCommand(plan.id, 'incidents'),
    schema: incidentSchema,
    toBody: (v) => ({
      kind: v.kind || undefined,
      occurredAt: fromLocalInput(v.occurredAt, zone) ?? new Date().toISOString(),
      description: v.description,
    }),
    issueMessage: (issue) => fieldMessage(issue.message),
    fieldMessage,
    problemText: useProblemText(),
    notice: () => t('incident.saved'),
    onSuccess: () => write.form.reset(),
  });
  return (
    <form {...write.formProps} aria-labelledby="incident-title">
      <Stack>
        <Title order={3} id="incident-title">
          {t('incident.title')}
        </Title>
        <Group grow>
          <NativeSelect
            {...write.form.getInputProps('kind')}
            label={t('incident.kind')}
            withAsterisk
            data={[
              { value: '', label: t('choose') },
              ...incidentKinds.map((k) => ({ value: k, label: t(`incidentKinds.${k}`) })),
            ]}
          />
          <TextInput
            {...write.form.getInputProps('occurredAt')}
            type="datetime-local"
            step={60}
            label={t('incident.occurredAt')}
            description={t('nowIfEmpty', { zone: zone ?? '' })}
          />
        </Group>
        <Textarea
          {...write.form.getInputProps('description')}
          label={t('incident.description')}
          withAsterisk
          autosize
          minRows={2}
          maxLength={4000}
        />
        <WriteFeedback write={write} />
        <Group justify="flex-end">
          <Button type="submit" loading={write.busy}>
            {t('incident.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** SSH-1: the post-closure review (due 7 days after closure). */
function PostClosureForm({ plan, zone }: { plan: Plan; zone: string | undefined }) {
  const { t } = useTranslation('selfharm');
  const fieldMessage = useFieldMessage();
  const write = useWriteForm({
    initialValues: { reviewedAt: '', outcome: '', note: '' },
    write: usePlanCommand(plan.id, 'post-closure-review'),
    schema: postClosureReviewSchema,
    toBody: (v) => ({
      reviewedAt: fromLocalInput(v.reviewedAt, zone) ?? new Date().toISOString(),
      outcome: v.outcome || undefined,
      note: v.note.trim() || null,
    }),
    issueMessage: (issue) => fieldMessage(issue.message),
    fieldMessage,
    problemText: useProblemText(),
  });
  return (
    <form {...write.formProps} aria-labelledby="post-closure-title">
      <Stack>
        <Title order={3} id="post-closure-title">
          {t('postClosure.title')}
        </Title>
        <Group grow>
          <NativeSelect
            {...write.form.getInputProps('outcome')}
            label={t('postClosure.outcome')}
            withAsterisk
            data={[
              { value: '', label: t('choose') },
              ...postClosureOutcomes.map((o) => ({ value: o, label: t(`postClosureOutcomes.${o}`) })),
            ]}
          />
          <TextInput
            {...write.form.getInputProps('reviewedAt')}
            type="datetime-local"
            step={60}
            label={t('postClosure.reviewedAt')}
            description={t('nowIfEmpty', { zone: zone ?? '' })}
          />
        </Group>
        <Textarea
          {...write.form.getInputProps('note')}
          label={t('postClosure.note')}
          autosize
          minRows={2}
          maxLength={4000}
        />
        <WriteFeedback write={write} />
        <Group justify="flex-end">
          <Button type="submit" loading={write.busy}>
            {t('postClosure.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The clinician's part: level, assessment, care map, reviews, incidents (health roles only). */
function ClinicalPart({
  plan,
  clinical,
  zone,
}: {
  plan: Plan;
  clinical: PlanClinical;
  zone: string | undefined;
}) {
  const { t } = useTranslation('selfharm');
  const { dateTime, date } = useFormats();
  const user = useCurrentUser();
  const assess = allows(user, 'selfharm.assess');
  const actionDone = usePlanCommand(plan.id, 'actions/done');
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="clinical-title">
      <Stack>
        <Title order={2} size="h3" id="clinical-title">
          {t('clinical.title')}
        </Title>
        <Text size="sm">{t('clinical.intro')}</Text>
        {clinical.riskLevel ? (
          <Field label={t('clinical.riskLevel')}>{t(`riskLevels.${clinical.riskLevel}`)}</Field>
        ) : null}
        {clinical.assessment ? (
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Field label={t('assessment.title')}>
              {clinical.assessment.narrative}
              {'\n'}— {clinical.assessment.author}, {dateTime(clinical.assessment.assessedAt, zone)}
            </Field>
            <Field label={t('assessment.workingDiagnosis')}>
              {clinical.assessment.workingDiagnosis ?? '—'}
            </Field>
          </SimpleGrid>
        ) : assess && !plan.closedAt ? (
          <AssessmentForm plan={plan} zone={zone} />
        ) : (
          <Text size="sm">{t('assessment.none')}</Text>
        )}
        {assess && plan.assessedAt && !plan.closedAt ? (
          <Button
            component={Link}
            to={`/selfharm/plans/${encodeURIComponent(plan.id)}/review`}
            w="fit-content"
          >
            {plan.firstReviewAt ? t('review.new') : t('review.first')}
          </Button>
        ) : null}
        <Title order={3}>{t('careMap.title')}</Title>
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <Field label={t('careMap.triggers')}>
            {clinical.careMap.triggers
              .map((x) => `${x.text}${x.shareWithOfficers ? ` (${t('careMap.shared')})` : ''}`)
              .join('\n') || '—'}
          </Field>
          <Field label={t('careMap.protective')}>{clinical.careMap.protective.join('\n') || '—'}</Field>
          <Stack gap={4}>
            <Text size="xs" fw={700}>
              {t('careMap.actions')}
            </Text>
            {clinical.careMap.actions.length ? (
              clinical.careMap.actions.map((a, index) => (
                <Group key={`${a.source}-${a.text}-${a.dueDate}`} gap="xs" wrap="nowrap">
                  <Text size="sm">
                    {a.text} — {a.owner}, {date(a.dueDate)}
                    {a.doneAt ? ` · ${t('careMap.doneAt', { at: dateTime(a.doneAt, zone) })}` : ''}
                  </Text>
                  {assess && !a.doneAt ? (
                    <Button
                      size="xs"
                      variant="default"
                      loading={actionDone.isPending}
                      onClick={() => actionDone.mutate({ index, version: plan.version })}
                      aria-label={`${t('careMap.markDone')}: ${a.text}`}
                    >
                      {t('careMap.markDone')}
                    </Button>
                  ) : null}
                </Group>
              ))
            ) : (
              <Text size="sm">—</Text>
            )}
          </Stack>
        </SimpleGrid>
        {clinical.reviews.length ? (
          <Table withTableBorder captionSide="top">
            <Table.Caption>{t('review.history')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('review.reviewedAt')}</Table.Th>
                <Table.Th scope="col">{t('review.decision')}</Table.Th>
                <Table.Th scope="col">{t('review.observation')}</Table.Th>
                <Table.Th scope="col">{t('review.participants')}</Table.Th>
                <Table.Th scope="col">{t('review.note')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {clinical.reviews.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    {dateTime(r.reviewedAt, zone)}
                    {r.first ? <Text size="xs">{t('review.firstShort')}</Text> : null}
                  </Table.Td>
                  <Table.Td>
                    {t(`decisions.${r.decision}`)} · {t(`riskLevels.${r.riskLevel}`)}
                  </Table.Td>
                  <Table.Td>
                    {r.mode === 'constant'
                      ? t('ward.constant', { observer: r.observerName ?? '' })
                      : t('ward.intermittent', { minutes: r.intervalMinutes })}
                    {r.exceptionReason ? <Text size="xs">{r.exceptionReason}</Text> : null}
                  </Table.Td>
                  <Table.Td>
                    {r.participants.map((p) => `${p.name} (${t(`disciplines.${p.discipline}`)})`).join(', ')}
                  </Table.Td>
                  <Table.Td>{r.note ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
        {clinical.incidents.map((i) => (
          <Paper key={i.id} withBorder p="sm">
            <Text fw={700}>
              {t(`incidentKinds.${i.kind}`)} · {dateTime(i.occurredAt, zone)}
            </Text>
            <Text size="sm">{i.description}</Text>
            {i.reviewedAt ? (
              <Text size="sm">
                {t('postIncident.done', { at: dateTime(i.reviewedAt, zone) })}: {i.findings}
              </Text>
            ) : assess ? (
              <Anchor
                component={Link}
                to={`/selfharm/plans/${encodeURIComponent(plan.id)}/incidents/${encodeURIComponent(i.id)}/review`}
              >
                {t('postIncident.open')}
              </Anchor>
            ) : null}
          </Paper>
        ))}
        {allows(user, 'selfharm.incident.record') && !plan.closedAt ? (
          <IncidentForm plan={plan} zone={zone} />
        ) : null}
        {assess && plan.status === 'post_closure' ? <PostClosureForm plan={plan} zone={zone} /> : null}
      </Stack>
    </Paper>
  );
}

/**
 * A care plan: the concern, the status and what is due, the schedule and the checks (every reader),
 * and the clinician's part (health roles only: never shown, nor read, for custodial staff).
 */
export function PlanPage() {
  const { t } = useTranslation('selfharm');
  const { id = '' } = useParams();
  usePageTitle(t('plan.title'));
  const user = useCurrentUser();
  const plan = usePlan(id);
  const clinicalReader = allows(user, 'selfharm.clinical.read');
  const clinical = usePlanClinical(id, clinicalReader);
  const zone = useTimeZoneOf()(plan.data?.institutionId);
  const { dateTime } = useFormats();
  const now = useNow(15_000);
  return (
    <QueryState query={plan}>
      {(p) => (
        <Stack>
          <Group justify="space-between">
            <Title order={1}>
              {t('plan.title')}: {p.name}
            </Title>
            <Badge
              size="lg"
              color={p.status === 'closed' ? 'gray.8' : 'blue.9'}
              styles={{ root: { textTransform: 'none' } }}
            >
              {t(`status.${p.status}`)}
            </Badge>
          </Group>
          <Text>
            {p.prisonNumber} ·{' '}
            <Anchor component={Link} to={`/persons/${encodeURIComponent(p.personId)}`}>
              {t('plan.person')}
            </Anchor>{' '}
            ·{' '}
            <Anchor component={Link} to="/selfharm/ward">
              {t('nav.ward')}
            </Anchor>
          </Text>
          {p.due.length ? (
            <Stack gap={4}>
              {p.due.map((d) => (
                <Alert
                  key={`${d.alert}-${d.dueAt}`}
                  color={d.overdue ? 'red' : 'yellow'}
                  p="xs"
                  data-due={d.alert}
                >
                  <Text size="sm" c={d.overdue ? 'red.9' : WARNING_COLOR} fw={700}>
                    {t(`alerts.${d.alert}`)} · {dateTime(d.dueAt, zone)}
                  </Text>
                </Alert>
              ))}
            </Stack>
          ) : null}
          <Paper withBorder p="md" component="section" aria-labelledby="concern-title">
            <Stack>
              <Title order={2} size="h3" id="concern-title">
                {t('plan.concern')}
              </Title>
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                <Field label={t('concern.context')}>{t(`contexts.${p.context}`)}</Field>
                <Field label={t('plan.raised')}>
                  {dateTime(p.raisedAt, zone)} · {p.raisedBy}
                </Field>
                <Field label={t('concern.seenOrHeard')}>{p.seenOrHeard}</Field>
                <Field label={t('concern.immediateAction')}>{p.immediateAction}</Field>
              </SimpleGrid>
            </Stack>
          </Paper>
          <Paper withBorder p="md" component="section" aria-labelledby="schedule-title">
            <Stack>
              <Title order={2} size="h3" id="schedule-title">
                {t('plan.schedule')}
              </Title>
              <Text size="sm">{t('plan.scheduleIntro')}</Text>
              {p.schedule.mode ? (
                <Group>
                  <Text>
                    {p.schedule.mode === 'constant'
                      ? t('ward.constant', { observer: p.schedule.observerName ?? '' })
                      : t('ward.intermittent', { minutes: p.schedule.intervalMinutes })}{' '}
                    · {t('ward.conversations', { count: p.schedule.conversationsPerDay ?? 0 })}
                  </Text>
                  <CheckBadge schedule={p.schedule} now={now} />
                  {p.schedule.nextCheckDueAt ? (
                    <Text size="sm">{t('ward.next', { at: dateTime(p.schedule.nextCheckDueAt, zone) })}</Text>
                  ) : null}
                </Group>
              ) : (
                <Text size="sm">{t('ward.noSchedule')}</Text>
              )}
              <Field label={t('ward.triggers')}>{p.schedule.triggers.join('\n') || '—'}</Field>
              {p.nextReviewAt ? (
                <Field label={t('plan.nextReview')}>{dateTime(p.nextReviewAt, zone)}</Field>
              ) : null}
              {p.postClosureDueAt ? (
                <Field label={t('plan.postClosureDue')}>
                  {dateTime(p.postClosureDueAt, zone)}
                  {p.postClosureDoneAt
                    ? ` · ${t('plan.done', { at: dateTime(p.postClosureDoneAt, zone) })}`
                    : ''}
                </Field>
              ) : null}
            </Stack>
          </Paper>
          {clinicalReader ? (
            <QueryState query={clinical}>
              {(c) => <ClinicalPart plan={p} clinical={c} zone={zone} />}
            </QueryState>
          ) : null}
          <Table withTableBorder striped captionSide="top">
            <Table.Caption>{t('plan.checks')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('plan.checkedAt')}</Table.Th>
                <Table.Th scope="col">{t('plan.seen')}</Table.Th>
                <Table.Th scope="col">{t('plan.conversation')}</Table.Th>
                <Table.Th scope="col">{t('plan.by')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.checks.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    {dateTime(c.checkedAt, zone)}
                    {c.late ? (
                      <Text span size="xs" c="red.9" fw={700}>
                        {' '}
                        {t('plan.late')}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{t(`seen.${c.seen}`)}</Table.Td>
                  <Table.Td>{c.conversation ? t('yes') : t('no')}</Table.Td>
                  <Table.Td>{c.author}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </QueryState>
  );
}
