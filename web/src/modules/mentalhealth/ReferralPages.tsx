import {
  assessmentOutcomes,
  interventions,
  mhAssessmentSchema,
  mhRiskLevels,
  referralCreateSchema,
  referralUrgencies,
  screeningAcceptSchema,
  type TransferView,
} from '@custodia/domain/mentalhealth';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useActiveInstitution } from '../../app/activeInstitution.ts';
import { fromLocalInput, useFormats } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm, WriteFeedback } from '../../app/useWriteForm.tsx';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import {
  newIdempotencyKey,
  useAcceptTask,
  useAssess,
  useRaiseReferral,
  useReferral,
  useReferrals,
  useTransfers,
  useUpdateTransfer,
} from './mentalhealth.api.ts';
import { PersonPicker, useFieldMessage, useProblemText } from './parts.tsx';

const RED = 'red.9';

function EscalationBadge({ escalation }: { escalation: string }) {
  const { t } = useTranslation('mentalhealth');
  if (escalation === 'overdue' || escalation === 'escalated')
    return (
      <Badge color={RED} variant="filled">
        {t(`escalation.${escalation}`)}
      </Badge>
    );
  return null;
}

/**
 * MHS-1: the referral inbox: referrals waiting by due time (overdue and escalated in red), the
 * admission screening's referral tasks not yet taken in, and a link to the transfers waiting.
 */
export function InboxPage() {
  const { t } = useTranslation('mentalhealth');
  usePageTitle(t('inbox.title'));
  const { activeId } = useActiveInstitution();
  const [state, setState] = useState<'waiting' | 'all'>('waiting');
  const list = useReferrals(activeId, state);
  const { dateTime } = useFormats();
  const zoneOf = useTimeZoneOf();
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('inbox.title')}</Title>
        <Group>
          <Button component={Link} to="/mentalhealth/refer">
            {t('nav.refer')}
          </Button>
          <Button component={Link} to="/mentalhealth/transfers" variant="default">
            {t('transfers.title')}
          </Button>
        </Group>
      </Group>
      <Text>{t('inbox.intro')}</Text>
      <SegmentedControl
        aria-label={t('inbox.show')}
        value={state}
        onChange={(v) => setState(v as 'waiting' | 'all')}
        data={[
          { value: 'waiting', label: t('inbox.waiting') },
          { value: 'all', label: t('inbox.all') },
        ]}
      />
      <QueryState query={list} empty={t('inbox.empty')}>
        {(data) => (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.person')}</Table.Th>
                <Table.Th>{t('fields.source')}</Table.Th>
                <Table.Th>{t('fields.urgency')}</Table.Th>
                <Table.Th>{t('fields.referredAt')}</Table.Th>
                <Table.Th>{t('fields.dueAt')}</Table.Th>
                <Table.Th>{t('fields.outcome')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((r) => {
                const zone = zoneOf(r.institutionId);
                const to =
                  r.kind === 'screening_task'
                    ? `/mentalhealth/tasks/${encodeURIComponent(r.id)}?person=${encodeURIComponent(r.personId)}`
                    : `/mentalhealth/referrals/${encodeURIComponent(r.id)}`;
                return (
                  <Table.Tr key={`${r.kind}-${r.id}`}>
                    <Table.Td>
                      <Anchor component={Link} to={to}>
                        {r.name} · {r.prisonNumber}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{t(`source.${r.source}`)}</Table.Td>
                    <Table.Td>{r.urgency ? t(`urgency.${r.urgency}`) : t('inbox.toTriage')}</Table.Td>
                    <Table.Td>{dateTime(r.referredAt, zone)}</Table.Td>
                    <Table.Td>
                      {dateTime(r.dueAt, zone)} <EscalationBadge escalation={r.escalation} />
                    </Table.Td>
                    <Table.Td>{r.outcome ? t(`outcome.${r.outcome}`) : t('inbox.notAssessed')}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
    </Stack>
  );
}

/**
 * MHS-1: any member of staff refers a person: what was seen or heard and how urgent. Health staff
 * may enter the person's own confidential request. Nothing is pre-filled; the answer is the id only.
 */
export function ReferPage() {
  const { t } = useTranslation('mentalhealth');
  usePageTitle(t('refer.title'));
  const user = useCurrentUser();
  const clinical = allows(user, 'mentalhealth.read');
  const problemText = useProblemText();
  const fieldMessage = useFieldMessage();
  const [personId, setPersonId] = useState('');
  const [key] = useState(newIdempotencyKey);
  const [sent, setSent] = useState(false);
  const write = useWriteForm({
    initialValues: { urgency: '', reason: '', source: 'staff' },
    write: useRaiseReferral(key),
    schema: referralCreateSchema,
    toBody: (v) => ({ personId, source: v.source, urgency: v.urgency || undefined, reason: v.reason }),
    refuse: () => (personId ? null : t('refer.choosePerson')),
    issueMessage: (issue) => fieldMessage(issue.message),
    fieldMessage,
    problemText,
    onSuccess: () => setSent(true),
  });
  const { form } = write;
  if (sent)
    return (
      <Stack maw={760}>
        <Title order={1}>{t('refer.title')}</Title>
        <Alert color="green" role="status">
          {t('refer.sent')}
        </Alert>
      </Stack>
    );
  return (
    <form {...write.formProps}>
      <Stack maw={760}>
        <Title order={1}>{t('refer.title')}</Title>
        <Alert color="blue">{t('refer.intro')}</Alert>
        <PersonPicker personId={personId} onChange={setPersonId} />
        {clinical ? (
          <NativeSelect
            {...form.getInputProps('source')}
            label={t('fields.source')}
            data={['staff', 'self'].map((s) => ({ value: s, label: t(`source.${s}`) }))}
          />
        ) : null}
        <Textarea
          {...form.getInputProps('reason')}
          label={t('refer.reason')}
          withAsterisk
          autosize
          minRows={4}
          maxLength={2000}
        />
        <NativeSelect
          {...form.getInputProps('urgency')}
          label={t('fields.urgency')}
          description={t('refer.urgencyHint')}
          withAsterisk
          data={[
            { value: '', label: t('choose') },
            ...referralUrgencies.map((u) => ({ value: u, label: t(`urgency.${u}`) })),
          ]}
        />
        <WriteFeedback write={write} />
        <Group justify="flex-end">
          <Button type="submit" loading={write.busy}>
            {t('refer.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** ADM-9, MHS-1: the screening's referral task taken into the inbox with an urgency. */
export function ScreeningTaskPage() {
  const { t } = useTranslation('mentalhealth');
  usePageTitle(t('task.title'));
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const problemText = useProblemText();
  const fieldMessage = useFieldMessage();
  const write = useWriteForm({
    initialValues: { urgency: '', reason: '' },
    write: useAcceptTask(id),
    schema: screeningAcceptSchema,
    toBody: (v) => ({ urgency: v.urgency || undefined, reason: v.reason }),
    issueMessage: (issue) => fieldMessage(issue.message),
    fieldMessage,
    problemText,
    onSuccess: (r) => navigate(`/mentalhealth/referrals/${encodeURIComponent(r.id)}`),
  });
  const { form } = write;
  const personId = search.get('person') ?? '';
  return (
    <form {...write.formProps}>
      <Stack maw={760}>
        <Title order={1}>{t('task.title')}</Title>
        <Alert color="blue">{t('task.intro')}</Alert>
        {personId ? (
          <Anchor component={Link} to={`/persons/${encodeURIComponent(personId)}`}>
            {t('task.person')}
          </Anchor>
        ) : null}
        <Textarea {...form.getInputProps('reason')} label={t('task.reason')} withAsterisk maxLength={2000} />
        <NativeSelect
          {...form.getInputProps('urgency')}
          label={t('fields.urgency')}
          withAsterisk
          data={[
            { value: '', label: t('choose') },
            ...referralUrgencies.map((u) => ({ value: u, label: t(`urgency.${u}`) })),
          ]}
        />
        <WriteFeedback write={write} />
        <Group justify="flex-end">
          <Button type="submit" loading={write.busy}>
            {t('task.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * MHS-1, MHS-5, MHS-9: the assessment by a psychiatrist or psychologist, once. Nothing pre-filled:
 * history, mental state, risk formulation, risk level, working diagnosis (ICD-10), the outcome and
 * what it needs (the care plan, or the facility to transfer to).
 */
function AssessmentForm({ id, version, zone }: { id: string; version: number; zone: string | undefined }) {
  const { t } = useTranslation('mentalhealth');
  const problemText = useProblemText();
  const fieldMessage = useFieldMessage();
  const [key] = useState(newIdempotencyKey);
  const write = useWriteForm({
    initialValues: {
      assessedAt: '',
      history: '',
      mentalState: '',
      riskFormulation: '',
      riskLevel: '',
      diagnosisCode: '',
      diagnosisText: '',
      outcome: '',
      problem: '',
      goal: '',
      intervention: '',
      frequency: '',
      reviewOn: '',
      traumaInformed: false,
      traumaHistoryAsked: false,
      transferFacility: '',
    },
    write: useAssess(id, key),
    schema: mhAssessmentSchema,
    toBody: (v) => ({
      version,
      assessedAt: fromLocalInput(v.assessedAt, zone),
      history: v.history,
      mentalState: v.mentalState,
      riskFormulation: v.riskFormulation,
      riskLevel: v.riskLevel || undefined,
      diagnosisCode: v.diagnosisCode.trim().toUpperCase() || null,
      diagnosisText: v.diagnosisText.trim() || null,
      outcome: v.outcome || undefined,
      carePlan:
        v.outcome === 'care_plan'
          ? {
              problem: v.problem,
              goal: v.goal,
              intervention: v.intervention || undefined,
              frequency: v.frequency,
              reviewOn: v.reviewOn || undefined,
              traumaInformed: v.traumaInformed,
              traumaHistoryAsked: v.traumaHistoryAsked,
            }
          : null,
      transferFacility: v.outcome === 'transfer' ? v.transferFacility : null,
    }),
    issueMessage: (issue) => fieldMessage(issue.message),
    fieldMessage,
    fieldOf: (path) => path.replace(/^carePlan\./, ''),
    problemText,
    notice: () => t('assessment.saved'),
  });
  const { form } = write;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="assessment-title">
      <form {...write.formProps}>
        <Stack>
          <Title order={2} size="h4" id="assessment-title">
            {t('assessment.title')}
          </Title>
          <TextInput
            {...form.getInputProps('assessedAt')}
            type="datetime-local"
            label={t('assessment.assessedAt')}
            withAsterisk
          />
          <Textarea
            {...form.getInputProps('history')}
            label={t('assessment.history')}
            withAsterisk
            autosize
            minRows={3}
          />
          <Textarea
            {...form.getInputProps('mentalState')}
            label={t('assessment.mentalState')}
            withAsterisk
            autosize
            minRows={3}
          />
          <Textarea
            {...form.getInputProps('riskFormulation')}
            label={t('assessment.riskFormulation')}
            withAsterisk
            autosize
            minRows={2}
          />
          <NativeSelect
            {...form.getInputProps('riskLevel')}
            label={t('assessment.riskLevel')}
            withAsterisk
            data={[
              { value: '', label: t('choose') },
              ...mhRiskLevels.map((r) => ({ value: r, label: t(`risk.${r}`) })),
            ]}
          />
          <Group grow>
            <TextInput
              {...form.getInputProps('diagnosisCode')}
              label={t('assessment.diagnosisCode')}
              description={t('assessment.diagnosisHint')}
            />
            <TextInput {...form.getInputProps('diagnosisText')} label={t('assessment.diagnosisText')} />
          </Group>
          <NativeSelect
            {...form.getInputProps('outcome')}
            label={t('fields.outcome')}
            withAsterisk
            data={[
              { value: '', label: t('choose') },
              ...assessmentOutcomes.map((o) => ({ value: o, label: t(`outcome.${o}`) })),
            ]}
          />
          {form.values.outcome === 'care_plan' ? (
            <Stack gap="xs">
              <Textarea {...form.getInputProps('problem')} label={t('plan.problem')} withAsterisk />
              <Textarea {...form.getInputProps('goal')} label={t('plan.goal')} withAsterisk />
              <NativeSelect
                {...form.getInputProps('intervention')}
                label={t('plan.intervention')}
                withAsterisk
                data={[
                  { value: '', label: t('choose') },
                  ...interventions.map((i) => ({ value: i, label: t(`intervention.${i}`) })),
                ]}
              />
              <TextInput {...form.getInputProps('frequency')} label={t('plan.frequency')} withAsterisk />
              <TextInput
                {...form.getInputProps('reviewOn')}
                type="date"
                label={t('plan.reviewOn')}
                withAsterisk
              />
              <Checkbox
                {...form.getInputProps('traumaHistoryAsked', { type: 'checkbox' })}
                label={t('plan.traumaHistoryAsked')}
              />
              <Checkbox
                {...form.getInputProps('traumaInformed', { type: 'checkbox' })}
                label={t('plan.traumaInformed')}
              />
            </Stack>
          ) : null}
          {form.values.outcome === 'transfer' ? (
            <TextInput
              {...form.getInputProps('transferFacility')}
              label={t('assessment.facility')}
              withAsterisk
            />
          ) : null}
          <WriteFeedback write={write} />
          <Group justify="flex-end">
            <Button type="submit" loading={write.busy}>
              {t('assessment.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** MHS-5: a waiting transfer's state, with the way to record it done or cancelled. */
function TransferBlock({ transfer, zone }: { transfer: TransferView; zone: string | undefined }) {
  const { t } = useTranslation('mentalhealth');
  const user = useCurrentUser();
  const problemText = useProblemText();
  const [at, setAt] = useState('');
  const update = useUpdateTransfer(transfer.id);
  const [error, setError] = useState('');
  const { dateTime } = useFormats();
  const open = transfer.state === 'waiting' || transfer.state === 'overdue' || transfer.state === 'escalated';
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="transfer-title">
      <Stack gap="xs">
        <Title order={2} size="h4" id="transfer-title">
          {t('transfers.one')}
        </Title>
        <Text>
          {transfer.facility} · {t('transfers.requestedAt')}: {dateTime(transfer.requestedAt, zone)} ·{' '}
          {t('transfers.days', { count: transfer.days })}{' '}
          <Badge color={transfer.state === 'waiting' ? 'blue' : RED} variant="filled">
            {t(`transferState.${transfer.state}`)}
          </Badge>
        </Text>
        {open && allows(user, 'mentalhealth.assess') ? (
          <Group align="flex-end">
            <TextInput
              type="datetime-local"
              label={t('transfers.transferredAt')}
              value={at}
              onChange={(e) => setAt(e.currentTarget.value)}
            />
            <Button
              loading={update.isPending}
              onClick={async () => {
                setError('');
                try {
                  await update.mutateAsync({
                    version: transfer.version,
                    action: 'transferred',
                    at: fromLocalInput(at, zone),
                  });
                } catch (e) {
                  setError(problemText(e));
                }
              }}
            >
              {t('transfers.markDone')}
            </Button>
          </Group>
        ) : null}
        {error ? (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** MHS-1: one referral: who raised it, why, how urgent, due when; its assessment for restricted readers. */
export function ReferralPage() {
  const { t } = useTranslation('mentalhealth');
  usePageTitle(t('referral.title'));
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const referral = useReferral(id);
  const { dateTime, date } = useFormats();
  const zoneOf = useTimeZoneOf();
  return (
    <Stack maw={900}>
      <Title order={1}>{t('referral.title')}</Title>
      <QueryState query={referral}>
        {(r) => {
          const zone = zoneOf(r.institutionId);
          const a = r.assessment;
          return (
            <Stack>
              <Group justify="space-between">
                <Text fw={700}>
                  {r.name} · {r.prisonNumber}
                </Text>
                <Anchor component={Link} to={`/mentalhealth/persons/${encodeURIComponent(r.personId)}`}>
                  {t('instruments.open')}
                </Anchor>
              </Group>
              <Paper withBorder p="md">
                <Text style={{ whiteSpace: 'pre-wrap' }}>{r.reason}</Text>
              </Paper>
              <Table>
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th>{t('fields.source')}</Table.Th>
                    <Table.Td>
                      {t(`source.${r.source}`)}
                      {r.rule ? ` (${r.rule})` : ''}
                    </Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t('fields.urgency')}</Table.Th>
                    <Table.Td>{r.urgency ? t(`urgency.${r.urgency}`) : ''}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t('fields.referredAt')}</Table.Th>
                    <Table.Td>
                      {dateTime(r.referredAt, zone)} · {r.referredBy}
                    </Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t('fields.dueAt')}</Table.Th>
                    <Table.Td>
                      {dateTime(r.dueAt, zone)} <EscalationBadge escalation={r.escalation} />
                    </Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
              {a ? (
                <Paper withBorder p="md" component="section" aria-labelledby="done-title">
                  <Stack gap="xs">
                    <Title order={2} size="h4" id="done-title">
                      {t('assessment.title')}
                    </Title>
                    <Text size="sm">
                      {dateTime(a.assessedAt, zone)} · {a.assessedBy} ·{' '}
                      {a.inTime ? t('assessment.inTime') : t('assessment.late')}
                    </Text>
                    <Text fw={700}>{t('assessment.history')}</Text>
                    <Text style={{ whiteSpace: 'pre-wrap' }}>{a.history}</Text>
                    <Text fw={700}>{t('assessment.mentalState')}</Text>
                    <Text style={{ whiteSpace: 'pre-wrap' }}>{a.mentalState}</Text>
                    <Text fw={700}>{t('assessment.riskFormulation')}</Text>
                    <Text style={{ whiteSpace: 'pre-wrap' }}>{a.riskFormulation}</Text>
                    <Text>
                      {t('assessment.riskLevel')}: {t(`risk.${a.riskLevel}`)}
                    </Text>
                    {a.diagnosisCode ? (
                      <Text>
                        {t('assessment.diagnosis')}: {a.diagnosisCode} {a.diagnosisText ?? ''}
                      </Text>
                    ) : null}
                    <Text>
                      {t('fields.outcome')}: {t(`outcome.${a.outcome}`)}
                    </Text>
                    {a.carePlan ? (
                      <Text>
                        {t(`intervention.${a.carePlan.intervention}`)} · {a.carePlan.goal} ·{' '}
                        {a.carePlan.frequency} · {t('plan.reviewOn')}: {date(a.carePlan.reviewOn)}
                      </Text>
                    ) : null}
                  </Stack>
                </Paper>
              ) : null}
              {r.transfer ? <TransferBlock transfer={r.transfer} zone={zone} /> : null}
              {!r.assessedAt && allows(user, 'mentalhealth.assess') ? (
                <AssessmentForm id={r.id} version={r.version} zone={zone} />
              ) : null}
              {r.assessedAt && a === undefined ? (
                <Alert color="gray">{t('referral.assessedRestricted')}</Alert>
              ) : null}
            </Stack>
          );
        }}
      </QueryState>
    </Stack>
  );
}

/** MHS-5: transfers to a psychiatric facility waiting, longest first, late ones in red. */
export function TransfersPage() {
  const { t } = useTranslation('mentalhealth');
  usePageTitle(t('transfers.title'));
  const { activeId } = useActiveInstitution();
  const list = useTransfers(activeId);
  const { dateTime } = useFormats();
  const zoneOf = useTimeZoneOf();
  return (
    <Stack>
      <Title order={1}>{t('transfers.title')}</Title>
      <Text>{t('transfers.intro')}</Text>
      <QueryState query={list} empty={t('transfers.empty')}>
        {(data) => (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.person')}</Table.Th>
                <Table.Th>{t('transfers.facility')}</Table.Th>
                <Table.Th>{t('transfers.requestedAt')}</Table.Th>
                <Table.Th>{t('transfers.waiting')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((x) => (
                <Table.Tr key={x.id}>
                  <Table.Td>
                    {x.name} · {x.prisonNumber}
                  </Table.Td>
                  <Table.Td>{x.facility}</Table.Td>
                  <Table.Td>{dateTime(x.requestedAt, zoneOf(x.institutionId))}</Table.Td>
                  <Table.Td>
                    {t('transfers.days', { count: x.days })}{' '}
                    {x.state !== 'waiting' ? (
                      <Badge color={RED} variant="filled">
                        {t(`transferState.${x.state}`)}
                      </Badge>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
    </Stack>
  );
}
