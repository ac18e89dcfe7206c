import { forceAccountSchema, forceAmendmentSchema, forceExaminationSchema } from '@custodia/domain/force';
import {
  Anchor,
  Badge,
  Button,
  Group,
  List,
  NativeSelect,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { fromLocalInput, useFormats, WARNING_COLOR } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm, WriteFeedback } from '../../app/useWriteForm.tsx';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import {
  type ForceIncident,
  type IncidentCommand,
  newIdempotencyKey,
  useExaminations,
  useIncident,
  useIncidentCommand,
} from './force.api.ts';
import {
  AccountFields,
  accountBody,
  emptyAccount,
  Fact,
  useFieldMessage,
  useProblemText,
  yesNo,
} from './parts.tsx';

/** A form that writes one command on the incident, with its own Idempotency-Key per entry. */
function useCommandForm<Values extends Record<string, unknown>>(
  id: string,
  command: IncidentCommand,
  options: {
    initialValues: Values;
    toBody: (v: Values) => unknown;
    schema: Parameters<typeof useWriteForm>[0]['schema'];
    notice: string;
  },
) {
  const problemText = useProblemText();
  const fieldMessage = useFieldMessage();
  const [key, setKey] = useState(newIdempotencyKey);
  const write = useWriteForm({
    initialValues: options.initialValues,
    write: useIncidentCommand(id, command, key),
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

/** INJ-7: another member of staff involved gives their own account. */
function AccountForm({ incident }: { incident: ForceIncident }) {
  const { t } = useTranslation('force');
  const write = useCommandForm(incident.id, 'accounts', {
    initialValues: emptyAccount,
    schema: forceAccountSchema,
    toBody: accountBody,
    notice: t('account.saved'),
  });
  const missing = incident.staff
    .filter((s) => !s.accountGiven)
    .map((s) => ({ value: s.staffId, label: s.name }));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="account-title">
      <form {...write.formProps}>
        <Stack gap="sm">
          <Title order={2} size="h4" id="account-title">
            {t('account.title')}
          </Title>
          <Text size="sm">{t('account.intro')}</Text>
          <AccountFields form={write.form} prefix="" staff={missing} />
          <WriteFeedback write={write} />
          <Group justify="flex-end">
            <Button type="submit" loading={write.busy}>
              {t('account.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** a correction of one's own account; the earlier one stays, marked. */
function AmendmentForm({ incident }: { incident: ForceIncident }) {
  const { t } = useTranslation('force');
  const standing = incident.accounts.filter((a) => !a.superseded);
  const write = useCommandForm(incident.id, 'amendments', {
    initialValues: { ...emptyAccount, amendsId: '', amendReason: '' },
    schema: forceAmendmentSchema,
    toBody: (v) => ({ ...accountBody(v), amendsId: v.amendsId, amendReason: v.amendReason }),
    notice: t('account.saved'),
  });
  const staff = incident.staff.map((s) => ({ value: s.staffId, label: s.name }));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="amend-title">
      <form {...write.formProps}>
        <Stack gap="sm">
          <Title order={2} size="h4" id="amend-title">
            {t('account.amendTitle')}
          </Title>
          <Text size="sm">{t('account.amendIntro')}</Text>
          <NativeSelect
            {...write.form.getInputProps('amendsId')}
            label={t('account.amends')}
            withAsterisk
            data={[
              { value: '', label: t('choose') },
              ...standing.map((a) => ({
                value: a.id,
                label: t('incident.accountBy', { name: a.staffName }),
              })),
            ]}
          />
          <Textarea
            {...write.form.getInputProps('amendReason')}
            label={t('account.amendReason')}
            withAsterisk
            maxLength={2000}
          />
          <AccountFields form={write.form} prefix="" staff={staff} />
          <WriteFeedback write={write} />
          <Group justify="flex-end">
            <Button type="submit" loading={write.busy}>
              {t('account.amendSave')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/**
 * RST-11, MED-4: the clinician records the examination of one person: examined with no injuries
 * found, or refused; out of hearing and sight of non-medical staff unless asked otherwise (reason).
 * With injuries: "Document injuries" opens the injury record with this use of force as its source.
 */
function ExaminationForm({ incident, zone }: { incident: ForceIncident; zone: string | undefined }) {
  const { t } = useTranslation('force');
  const pending = incident.persons.filter((p) => p.examination.state !== 'done');
  const write = useCommandForm(incident.id, 'examinations', {
    initialValues: {
      personId: pending.length === 1 ? (pending[0]?.personId ?? '') : '',
      outcome: '',
      examinedAt: '',
      nonMedicalStaffPresent: '',
      presenceReason: '',
      note: '',
    },
    schema: forceExaminationSchema,
    toBody: (v) => ({
      personId: v.personId,
      outcome: v.outcome || undefined,
      examinedAt: fromLocalInput(v.examinedAt, zone) ?? new Date().toISOString(),
      nonMedicalStaffPresent: yesNo(v.nonMedicalStaffPresent),
      presenceReason: v.presenceReason.trim() || null,
      note: v.note.trim() || null,
    }),
    notice: t('exam.saved'),
  });
  const { form } = write;
  if (!pending.length) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="exam-title">
      <form {...write.formProps}>
        <Stack gap="sm">
          <Title order={2} size="h4" id="exam-title">
            {t('exam.title')}
          </Title>
          <Text size="sm">{t('exam.intro')}</Text>
          <List>
            {pending.map((p) => (
              <List.Item key={p.personId}>
                <Anchor
                  component={Link}
                  to={`/injuries/persons/${encodeURIComponent(p.personId)}/new?context=after_use_of_force&source=${encodeURIComponent(incident.id)}`}
                >
                  {t('exam.documentInjuries')}: {p.prisonNumber} {p.name}
                </Anchor>
              </List.Item>
            ))}
          </List>
          <NativeSelect
            {...form.getInputProps('personId')}
            label={t('exam.person')}
            withAsterisk
            data={[
              { value: '', label: t('choose') },
              ...pending.map((p) => ({ value: p.personId, label: `${p.prisonNumber} ${p.name}` })),
            ]}
          />
          <Radio.Group {...form.getInputProps('outcome')} label={t('exam.outcome')} withAsterisk>
            <Group gap="md" mt={4}>
              <Radio value="no_injuries" label={t('outcomes.no_injuries')} />
              <Radio value="refused" label={t('outcomes.refused')} />
            </Group>
          </Radio.Group>
          <TextInput
            {...form.getInputProps('examinedAt')}
            type="datetime-local"
            step={60}
            label={t('exam.examinedAt')}
            description={t('nowIfEmpty', { zone: zone ?? '' })}
            maw={320}
          />
          <Radio.Group
            {...form.getInputProps('nonMedicalStaffPresent')}
            label={t('exam.nonMedical')}
            withAsterisk
          >
            <Group gap="md" mt={4}>
              <Radio value="yes" label={t('yes')} />
              <Radio value="no" label={t('no')} />
            </Group>
          </Radio.Group>
          {form.values.nonMedicalStaffPresent === 'yes' ? (
            <Textarea
              {...form.getInputProps('presenceReason')}
              label={t('exam.presenceReason')}
              withAsterisk
              maxLength={2000}
            />
          ) : null}
          <Textarea {...form.getInputProps('note')} label={t('exam.note')} maxLength={4000} />
          <WriteFeedback write={write} />
          <Group justify="flex-end">
            <Button type="submit" loading={write.busy}>
              {t('exam.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** RST-11, MED-1: what the clinicians recorded (health-care roles only; the read is audited). */
function ExaminationRecords({ incident, zone }: { incident: ForceIncident; zone: string | undefined }) {
  const { t } = useTranslation('force');
  const { dateTime } = useFormats();
  const exams = useExaminations(incident.id, true);
  const name = (personId: string) => {
    const p = incident.persons.find((x) => x.personId === personId);
    return p ? `${p.prisonNumber} ${p.name}` : '';
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="exams-title" data-testid="examinations">
      <Stack gap="xs">
        <Title order={2} size="h4" id="exams-title">
          {t('exam.recorded')}
        </Title>
        <QueryState query={exams} empty="—" isEmpty={(d) => !d.items.length}>
          {(data) => (
            <List>
              {data.items.map((x) => (
                <List.Item key={x.id}>
                  <Text size="sm" fw={700}>
                    {name(x.personId)}: {t(`outcomes.${x.outcome}`)}
                  </Text>
                  <Text size="sm">
                    {t('exam.by', { name: x.examinedBy, when: dateTime(x.examinedAt, zone) })}
                  </Text>
                  {x.nonMedicalStaffPresent !== null ? (
                    <Text size="sm">
                      {x.nonMedicalStaffPresent
                        ? t('exam.presentWith', { reason: x.presenceReason ?? '' })
                        : t('exam.presentNone')}
                    </Text>
                  ) : null}
                  {x.note ? <Text size="sm">{x.note}</Text> : null}
                  {x.injuryRecordId ? (
                    <Anchor
                      component={Link}
                      to={`/injuries/records/${encodeURIComponent(x.injuryRecordId)}`}
                      size="sm"
                    >
                      {t('exam.injuryRecord')}
                    </Anchor>
                  ) : null}
                </List.Item>
              ))}
            </List>
          )}
        </QueryState>
      </Stack>
    </Paper>
  );
}

/** The accounts, each with who gave it and when; an amended one marked, its correction pointing to it. */
export function Accounts({ incident, zone }: { incident: ForceIncident; zone: string | undefined }) {
  const { t } = useTranslation('force');
  const { dateTime } = useFormats();
  return (
    <Stack gap="sm" component="section" aria-labelledby="accounts-title">
      <Title order={2} size="h3" id="accounts-title">
        {t('incident.accounts')}
      </Title>
      {incident.accounts.map((a) => (
        <Paper key={a.id} withBorder p="sm" data-account={a.staffName}>
          <Stack gap={4}>
            <Group justify="space-between">
              <Text fw={700}>{t('incident.accountBy', { name: a.staffName })}</Text>
              {a.superseded ? (
                <Badge color={WARNING_COLOR} variant="filled" styles={{ root: { textTransform: 'none' } }}>
                  {t('incident.amended')}
                </Badge>
              ) : null}
            </Group>
            {a.amendReason ? (
              <Text size="sm">{t('incident.correction', { reason: a.amendReason })}</Text>
            ) : null}
            <Text size="sm">
              {a.types
                .map((type) => (type === 'other' && a.typeOther ? a.typeOther : t(`types.${type}`)))
                .join(', ')}{' '}
              · {t(`reasons.${a.reason}`)} · {t('incident.duration', { count: a.durationMinutes })}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {a.narrative}
            </Text>
            <Text size="sm">
              {t('report.deEscalation')}:{' '}
              {a.deEscalationTried ? a.deEscalation : t('incident.deEscalationNo')}
            </Text>
            <Text size="sm">
              {t('report.injuriesToStaff')}: {t(`injury.${a.injuriesToStaff}`)} ·{' '}
              {t('report.injuriesToPerson')}: {t(`injury.${a.injuriesToPerson}`)}
            </Text>
            {a.witnesses ? (
              <Text size="sm">
                {t('report.witnesses')}: {a.witnesses}
              </Text>
            ) : null}
            <Text size="xs" c="dimmed">
              {t('incident.recordedBy', { name: a.author, when: dateTime(a.recordedAt, zone) })}
            </Text>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

/** The incident's facts: when, where, who reported, the restraint episode if any. */
export function IncidentFacts({ incident, zone }: { incident: ForceIncident; zone: string | undefined }) {
  const { t } = useTranslation('force');
  const { dateTime } = useFormats();
  const place = [incident.unitCode, incident.cellCode, incident.placeNote].filter(Boolean).join(' · ');
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
      <Fact label={t('incident.occurredAt')}>{dateTime(incident.occurredAt, zone)}</Fact>
      <Fact label={t('incident.place')}>{place || '—'}</Fact>
      <Fact label={t('incident.reportedBy')}>{incident.reportedBy}</Fact>
      <Fact label={t('incident.recordedAt')}>{dateTime(incident.recordedAt, zone)}</Fact>
      {incident.restraint ? (
        <Fact label={t('incident.restraint')}>
          <Anchor component={Link} to={`/restraint/episodes/${encodeURIComponent(incident.restraint.id)}`}>
            {t('incident.restraintOpen', { when: dateTime(incident.restraint.startedAt, zone) })}
          </Anchor>
        </Fact>
      ) : null}
    </SimpleGrid>
  );
}

/** INJ-7, RST-11: a use of force — accounts, the governor's review, each person's examination. */
export function IncidentPage() {
  const { t } = useTranslation('force');
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const incident = useIncident(id);
  const zone = useTimeZoneOf()(incident.data?.institutionId);
  const { dateTime } = useFormats();
  usePageTitle(t('incident.title'));
  return (
    <QueryState query={incident}>
      {(data) => (
        <Stack>
          <Anchor component={Link} to="/force" w="fit-content">
            {t('incident.back')}
          </Anchor>
          <Title order={1}>
            {t('incident.title')}: {data.persons.map((p) => p.name).join(', ')}
          </Title>
          <IncidentFacts incident={data} zone={zone} />
          <Stack gap="xs" component="section" aria-labelledby="persons-title">
            <Title order={2} size="h3" id="persons-title">
              {t('incident.persons')}
            </Title>
            {data.persons.map((p) => (
              <Group key={p.personId} gap="sm" data-person={p.personId}>
                <Anchor component={Link} to={`/registry/persons/${encodeURIComponent(p.personId)}`}>
                  {p.prisonNumber} {p.name}
                </Anchor>
                <Badge
                  variant="filled"
                  color={
                    p.examination.state === 'done'
                      ? '#1e6630'
                      : p.examination.state === 'overdue'
                        ? 'red.9'
                        : WARNING_COLOR
                  }
                  styles={{ root: { textTransform: 'none' } }}
                  data-exam={p.examination.state}
                >
                  {t(`examState.${p.examination.state}`)}
                </Badge>
                <Text size="sm">
                  {p.examination.examinedAt
                    ? t('incident.examinedAt', { when: dateTime(p.examination.examinedAt, zone) })
                    : t('incident.overdueAt', { when: dateTime(p.examination.overdueAt, zone) })}
                </Text>
              </Group>
            ))}
          </Stack>
          <Stack gap="xs" component="section" aria-labelledby="staff-title">
            <Title order={2} size="h3" id="staff-title">
              {t('incident.staff')}
            </Title>
            <List>
              {data.staff.map((s) => (
                <List.Item key={s.staffId}>
                  {s.name}: {s.accountGiven ? t('incident.accountGiven') : t('incident.accountMissing')}
                </List.Item>
              ))}
            </List>
          </Stack>
          <Stack gap="xs" component="section" aria-labelledby="review-title">
            <Title order={2} size="h3" id="review-title">
              {t('incident.reviews')}
            </Title>
            <Text data-testid="decision">
              {data.decision
                ? t(`decisions.${data.decision}`)
                : data.acknowledged
                  ? t('decisions.acknowledged')
                  : t('decisions.none')}
            </Text>
            {data.reviews.map((r) => (
              <Text key={r.id} size="sm">
                {r.decision ? t(`decisions.${r.decision}`) : t('decisions.acknowledged')}: {r.note} —{' '}
                {t('incident.recordedBy', { name: r.author, when: dateTime(r.at, zone) })}
              </Text>
            ))}
            {allows(user, 'force.review') ? (
              <Button
                component={Link}
                to={`/force/incidents/${encodeURIComponent(data.id)}/review`}
                w="fit-content"
              >
                {t('incident.review')}
              </Button>
            ) : null}
          </Stack>
          {allows(user, 'force.examination.record') ? <ExaminationForm incident={data} zone={zone} /> : null}
          {allows(user, 'force.examination.read') ? <ExaminationRecords incident={data} zone={zone} /> : null}
          <Accounts incident={data} zone={zone} />
          {allows(user, 'force.report.file') && data.staff.some((s) => !s.accountGiven) ? (
            <AccountForm incident={data} />
          ) : null}
          {allows(user, 'force.report.file') ? <AmendmentForm incident={data} /> : null}
        </Stack>
      )}
    </QueryState>
  );
}
