import {
  dietCodes,
  fitnessAreas,
  fitnessResults,
  healthAlertInputSchema,
  healthAlertKinds,
  isolationOrderProblems,
  isolationReasons,
  mobilityAids,
  OBSERVATION_MINUTES_MAX,
  OBSERVATION_MINUTES_MIN,
  OBSERVATION_MINUTES_USUAL,
  observationIntervalProblem,
  observationReviewSchema,
  obstetricStages,
  precautions,
  reviewDisciplines,
  reviewProblems,
} from '@custodia/domain/clinical';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Radio,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonTabProps } from '../../app/appModule.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { fromLocalInput, toLocalInput } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { useWriteForm } from '../../app/useWriteForm.tsx';
import { usePerson, useTimeZoneOf } from '../registry/registry.api.ts';
import { Tag } from '../registry/Tag.tsx';
import {
  type HealthAlert,
  useCreateAlert,
  useEndAlert,
  useHealthAlerts,
  useRecordCheck,
  useRecordReview,
} from './clinical.api.ts';
import { FormDialog, FormFooter } from './FormParts.tsx';
import { useClinicalLabels } from './labels.ts';
import { ruleMessage, useClinicalFormMessages } from './validation.ts';

interface FormProps {
  personId: string;
  zone: string | undefined;
  onCancel: () => void;
  onDone: () => void;
}

/** The coded detail of the kind chosen (there is no free text: MED-3, no diagnosis can travel). */
function detailOf(v: Record<string, string>) {
  switch (v.kind) {
    case 'observation':
      return { kind: v.kind, intervalMinutes: v.intervalMinutes ? Number(v.intervalMinutes) : undefined };
    case 'special_diet':
      return { kind: v.kind, diet: v.diet || undefined };
    case 'mobility_aid':
      return { kind: v.kind, aid: v.aid || undefined };
    case 'infection_control':
      return { kind: v.kind, precaution: v.precaution || undefined };
    case 'fitness':
      return { kind: v.kind, area: v.area || undefined, result: v.result || undefined };
    case 'obstetric':
      return { kind: v.kind, stage: v.stage || undefined };
    default:
      return { kind: v.kind || undefined };
  }
}

/** MHS-3: more than 15 minutes between checks only by a recorded exception. */
const isException = (values: Record<string, string>) =>
  values.kind === 'observation' && Number(values.intervalMinutes) > OBSERVATION_MINUTES_USUAL;

/** A new health alert, from codes only: its kind, the kind's coded fields, and its period. */
function AlertForm({ personId, zone, onCancel, onDone }: FormProps) {
  const { t } = useTranslation('clinical');
  const write = useWriteForm({
    ...useClinicalFormMessages(),
    initialValues: {
      kind: '',
      intervalMinutes: '15',
      diet: '',
      aid: '',
      precaution: '',
      area: '',
      result: '',
      stage: '',
      startsAt: toLocalInput(new Date(), zone),
      endsAt: '',
      exceptionReason: '',
      isolationReason: '',
    } as Record<string, string>,
    schema: healthAlertInputSchema,
    toBody: (values) => ({
      detail: detailOf(values),
      startsAt: fromLocalInput(values.startsAt ?? '', zone),
      endsAt: values.endsAt ? fromLocalInput(values.endsAt, zone) : null,
      exceptionReason: isException(values) ? values.exceptionReason?.trim() || null : null,
      // PHC-6: an isolation order's infectious reason (for health-care staff only).
      isolationReason: values.kind === 'infection_control' ? values.isolationReason || null : null,
    }),
    // The coded detail's fields are the form's own (`detail.diet` → `diet`).
    fieldOf: (path) => (path === 'detail' ? 'kind' : path.replace(/^detail\./, '')),
    refine: (_values, errors, body) => {
      // A missing kind is reported at the discriminator.
      if (errors.kind) return { ...errors, kind: t('validation.required', { ns: 'common' }) };
      if (Object.keys(errors).length) return errors;
      const checked = healthAlertInputSchema.parse(body);
      // PHC-6: an infectious reason (never an HIV status) and the end of the infectious period.
      if (checked.detail.kind === 'infection_control') {
        const isolation = isolationOrderProblems(checked);
        if (isolation.length)
          return Object.fromEntries(isolation.map((p) => [p.path, ruleMessage(t, p.code)]));
      }
      const interval =
        checked.detail.kind === 'observation'
          ? observationIntervalProblem(checked.detail.intervalMinutes, checked.exceptionReason)
          : null;
      return interval ? { exceptionReason: ruleMessage(t, interval) } : errors;
    },
    write: useCreateAlert(personId),
    onSuccess: onDone,
  });
  const { form } = write;
  const values = form.values;
  const exception = isException(values);
  const select = (key: string, label: string, options: readonly string[], group: string) => (
    <NativeSelect
      label={label}
      required
      {...form.getInputProps(key)}
      data={[
        { value: '', label: t('form.choose') },
        ...options.map((o) => ({ value: o, label: t(`alerts.${group}.${o}`) })),
      ]}
    />
  );

  return (
    <form {...write.formProps}>
      <Stack gap="sm">
        <Text size="sm">{t('alerts.formHint')}</Text>
        <NativeSelect
          label={t('alerts.kind')}
          required
          {...form.getInputProps('kind')}
          data={[
            { value: '', label: t('form.choose') },
            ...healthAlertKinds.map((k) => ({ value: k, label: t(`alerts.kinds.${k}`) })),
          ]}
          data-autofocus
        />
        {values.kind === 'observation' ? (
          <TextInput
            label={t('alerts.intervalMinutes')}
            description={t('alerts.intervalHint', {
              min: OBSERVATION_MINUTES_MIN,
              usual: OBSERVATION_MINUTES_USUAL,
              max: OBSERVATION_MINUTES_MAX,
            })}
            required
            inputMode="numeric"
            {...form.getInputProps('intervalMinutes')}
          />
        ) : null}
        {exception ? (
          <Textarea
            label={t('alerts.exceptionReason')}
            description={t('alerts.exceptionReasonHint')}
            required
            {...form.getInputProps('exceptionReason')}
            rows={2}
            maxLength={1000}
          />
        ) : null}
        {values.kind === 'special_diet' ? select('diet', t('alerts.diet'), dietCodes, 'diets') : null}
        {values.kind === 'mobility_aid' ? select('aid', t('alerts.aid'), mobilityAids, 'aids') : null}
        {values.kind === 'infection_control' ? (
          <>
            {select('precaution', t('alerts.precaution'), precautions, 'precautions')}
            <NativeSelect
              label={t('alerts.isolationReason')}
              description={t('alerts.isolationReasonHint')}
              required
              {...form.getInputProps('isolationReason')}
              data={[
                { value: '', label: t('form.choose') },
                ...isolationReasons.map((r) => ({ value: r, label: t(`alerts.isolationReasons.${r}`) })),
              ]}
            />
          </>
        ) : null}
        {values.kind === 'obstetric'
          ? select('stage', t('alerts.kinds.obstetric'), obstetricStages, 'stages')
          : null}
        {values.kind === 'fitness' ? (
          <>
            {select('area', t('alerts.area'), fitnessAreas, 'fitnessAreas')}
            {select('result', t('alerts.result'), fitnessResults, 'fitnessResults')}
          </>
        ) : null}
        <TextInput
          type="datetime-local"
          label={t('alerts.startsAt')}
          required
          description={zone ? t('form.timeZoneHint', { zone }) : undefined}
          {...form.getInputProps('startsAt')}
        />
        <TextInput
          type="datetime-local"
          label={t('alerts.endsAt')}
          description={
            values.kind === 'infection_control' ? t('alerts.infectiousPeriodHint') : t('alerts.endsAtHint')
          }
          required={values.kind === 'infection_control'}
          {...form.getInputProps('endsAt')}
        />
        <FormFooter failure={write.failure} busy={write.busy} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

/** Ends an alert at a time (now by default), at the version read. */
function EndAlertForm({
  alert,
  zone,
  onCancel,
  onDone,
}: {
  alert: HealthAlert;
  zone: string | undefined;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation('clinical');
  const labels = useClinicalLabels();
  const write = useWriteForm({
    initialValues: { endsAt: toLocalInput(new Date(), zone) },
    toBody: ({ endsAt }) => ({ endsAt: fromLocalInput(endsAt, zone) }),
    refine: ({ endsAt }, errors) => {
      const at = fromLocalInput(endsAt, zone);
      return !at || Number.isNaN(new Date(at).getTime())
        ? { ...errors, endsAt: t('validation.required', { ns: 'common' }) }
        : errors;
    },
    ...useClinicalFormMessages(),
    write: useEndAlert(alert.id, alert.version),
    onSuccess: onDone,
  });

  return (
    <form {...write.formProps}>
      <Stack gap="sm">
        <Text fw={600}>{labels.alert(alert.detail)}</Text>
        <TextInput
          type="datetime-local"
          label={t('alerts.endsAt')}
          required
          description={zone ? t('form.timeZoneHint', { zone }) : undefined}
          {...write.form.getInputProps('endsAt')}
          data-autofocus
        />
        <FormFooter
          failure={write.failure}
          busy={write.busy}
          onCancel={onCancel}
          submitLabel={t('alerts.end')}
        />
      </Stack>
    </form>
  );
}

interface ParticipantRow {
  key: number;
  name: string;
  discipline: string;
}
let participantKey = 0;
const newParticipant = (): ParticipantRow => ({ key: ++participantKey, name: '', discipline: '' });

/**
 * MHS-3: the multidisciplinary review of an observation — who took part, in which discipline, and
 * the decision. It is the only way an observation ends.
 */
function ReviewForm({
  alert,
  zone,
  onCancel,
  onDone,
}: {
  alert: HealthAlert;
  zone: string | undefined;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation('clinical');
  const labels = useClinicalLabels();
  const write = useWriteForm({
    ...useClinicalFormMessages(),
    initialValues: {
      reviewedAt: toLocalInput(new Date(), zone),
      participants: [newParticipant(), newParticipant()],
      decision: '',
    },
    schema: observationReviewSchema,
    toBody: (values) => ({
      reviewedAt: fromLocalInput(values.reviewedAt, zone),
      participants: values.participants.map((r) => ({ name: r.name, discipline: r.discipline || undefined })),
      decision: values.decision || undefined,
    }),
    // The rules across participants, once each row is complete.
    refine: (_values, errors, body) => {
      if (Object.keys(errors).length) return errors;
      const problems = reviewProblems(observationReviewSchema.parse(body));
      return Object.fromEntries(problems.map((p) => [p.path, ruleMessage(t, p.code)]));
    },
    write: useRecordReview(alert.id, alert.version),
    onSuccess: onDone,
  });
  const { form } = write;
  const rows = form.values.participants;

  return (
    <form {...write.formProps}>
      <Stack gap="sm">
        <Text fw={600}>{labels.alert(alert.detail)}</Text>
        <Text size="sm">{t('alerts.reviewHint')}</Text>
        <TextInput
          type="datetime-local"
          label={t('alerts.reviewedAt')}
          required
          description={zone ? t('form.timeZoneHint', { zone }) : undefined}
          {...form.getInputProps('reviewedAt')}
          data-autofocus
        />
        {form.errors.participants ? (
          <Text c="red.9" size="sm" role="alert">
            {form.errors.participants}
          </Text>
        ) : null}
        {rows.map((row, i) => (
          <Group
            key={row.key}
            gap="sm"
            align="flex-end"
            role="group"
            aria-label={t('alerts.participant', { n: i + 1 })}
          >
            <TextInput
              label={t('alerts.participantName')}
              required
              {...form.getInputProps(`participants.${i}.name`)}
            />
            <NativeSelect
              label={t('alerts.discipline')}
              required
              {...form.getInputProps(`participants.${i}.discipline`)}
              data={[
                { value: '', label: t('form.choose') },
                ...reviewDisciplines.map((d) => ({ value: d, label: t(`alerts.disciplines.${d}`) })),
              ]}
            />
            {rows.length > 2 ? (
              <Button
                variant="default"
                size="compact-sm"
                onClick={() => form.removeListItem('participants', i)}
              >
                {t('alerts.removeParticipant', { n: i + 1 })}
              </Button>
            ) : null}
          </Group>
        ))}
        <Group>
          <Button
            variant="default"
            size="xs"
            disabled={rows.length >= 20}
            onClick={() => form.insertListItem('participants', newParticipant())}
          >
            {t('alerts.addParticipant')}
          </Button>
        </Group>
        <Radio.Group label={t('alerts.decision')} required {...form.getInputProps('decision')}>
          <Stack gap={4} mt={4}>
            {(['continue_observation', 'end_observation'] as const).map((d) => (
              <Radio key={d} value={d} label={t(`alerts.decisions.${d}`)} />
            ))}
          </Stack>
        </Radio.Group>
        <FormFooter
          failure={write.failure}
          busy={write.busy}
          onCancel={onCancel}
          submitLabel={t('alerts.recordReview')}
        />
      </Stack>
    </form>
  );
}

/**
 * The person's health alerts (`health_alert.read`): what custodial staff must do, in words made from
 * the alert's codes only — never a diagnosis (MED-3, ADM-10). Clinicians (`health_alert.write`) add
 * alerts and end them; an observation takes checks (`health_alert.check.record`), shows a missed one,
 * and ends only through its multidisciplinary review (MHS-3).
 */
export function HealthAlertsTab({ personId }: PersonTabProps) {
  const { t } = useTranslation('clinical');
  const labels = useClinicalLabels();
  const errorMessage = useErrorMessage();
  const user = useCurrentUser();
  const canWrite = allows(user, 'health_alert.write');
  // MHS-3: the officers and health staff who look in record their checks.
  const canCheck = allows(user, 'health_alert.check.record');
  const [reviewing, setReviewing] = useState<HealthAlert | null>(null);
  const check = useRecordCheck();
  const [includeEnded, setIncludeEnded] = useState(false);
  const alerts = useHealthAlerts(personId, includeEnded);
  const person = usePerson(personId);
  const zone = useTimeZoneOf()(person.data?.institution?.id);
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<HealthAlert | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  // The writes have refreshed the record already.
  function done(message: string) {
    setAdding(false);
    setEnding(null);
    setReviewing(null);
    setNotice(message);
    noticeRef.current?.focus();
  }
  const close = () => {
    setAdding(false);
    setEnding(null);
    setReviewing(null);
  };
  function recordCheck(alert: HealthAlert) {
    setNotice(null);
    check.mutate(alert.id, { onSuccess: () => done(t('alerts.checkRecorded')) });
  }

  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('alerts.title')}
      </Title>
      <Text size="sm">{t('alerts.intro')}</Text>
      <div ref={noticeRef} tabIndex={-1} role="status">
        {notice ? (
          <Alert color="teal" variant="light">
            {notice}
          </Alert>
        ) : null}
      </div>
      {check.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(check.error)}
        </Alert>
      ) : null}
      <Group gap="md" className="no-print">
        {canWrite ? (
          <Button
            onClick={() => {
              setNotice(null);
              setAdding(true);
            }}
          >
            {t('alerts.add')}
          </Button>
        ) : null}
        <Checkbox
          label={t('alerts.includeEnded')}
          checked={includeEnded}
          onChange={(e) => setIncludeEnded(e.currentTarget.checked)}
        />
      </Group>
      <QueryState query={alerts} loading={t('alerts.loading')}>
        {(list) =>
          list.length === 0 ? (
            <Paper withBorder p="md">
              <Text>{t('alerts.none')}</Text>
            </Paper>
          ) : (
            <Table.ScrollContainer minWidth={480}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('alerts.what')}</Table.Th>
                    <Table.Th scope="col">{t('alerts.startsAt')}</Table.Th>
                    <Table.Th scope="col">{t('alerts.endsAt')}</Table.Th>
                    {canWrite || canCheck ? (
                      <Table.Th scope="col" className="no-print">
                        <VisuallyHidden>{t('alerts.actions')}</VisuallyHidden>
                      </Table.Th>
                    ) : null}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((a) => {
                    const text = labels.alert(a.detail);
                    const ended = a.endsAt !== null && a.endsAt <= new Date().toISOString();
                    // MHS-3: an observation takes checks and ends only through its review.
                    const observation = a.detail.kind === 'observation' && a.active ? a.observation : null;
                    return (
                      <Table.Tr key={a.id}>
                        <Table.Td>
                          <Text span fw={700}>
                            {text}
                          </Text>{' '}
                          {a.active ? null : (
                            <Tag color="gray.8">{ended ? t('alerts.ended') : t('alerts.upcoming')}</Tag>
                          )}
                          {observation ? (
                            <Text size="sm">
                              {observation.overdue ? (
                                <Tag color="red.9">{t('alerts.checkOverdue')}</Tag>
                              ) : null}{' '}
                              {observation.lastCheckAt
                                ? t('alerts.lastCheck', {
                                    when: labels.dateTime(observation.lastCheckAt, zone),
                                  })
                                : t('alerts.noCheck')}
                              {' · '}
                              {t('alerts.nextCheck', {
                                when: labels.dateTime(observation.nextCheckDueAt, zone),
                              })}
                            </Text>
                          ) : null}
                        </Table.Td>
                        <Table.Td>{labels.dateTime(a.startsAt, zone)}</Table.Td>
                        <Table.Td>{a.endsAt ? labels.dateTime(a.endsAt, zone) : t('alerts.noEnd')}</Table.Td>
                        {canWrite || canCheck ? (
                          <Table.Td className="no-print">
                            <Group gap="xs">
                              {observation && canCheck ? (
                                <Button
                                  size="compact-sm"
                                  aria-label={`${t('alerts.recordCheck')}: ${text}`}
                                  onClick={() => recordCheck(a)}
                                >
                                  {t('alerts.recordCheck')}
                                </Button>
                              ) : null}
                              {!canWrite || ended ? null : a.detail.kind === 'observation' ? (
                                a.active ? (
                                  <Button
                                    size="compact-sm"
                                    variant="default"
                                    aria-label={`${t('alerts.recordReview')}: ${text}`}
                                    onClick={() => {
                                      setNotice(null);
                                      setReviewing(a);
                                    }}
                                  >
                                    {t('alerts.recordReview')}
                                  </Button>
                                ) : null
                              ) : (
                                <Button
                                  size="compact-sm"
                                  variant="default"
                                  aria-label={`${t('alerts.end')}: ${text}`}
                                  onClick={() => {
                                    setNotice(null);
                                    setEnding(a);
                                  }}
                                >
                                  {t('alerts.end')}
                                </Button>
                              )}
                            </Group>
                          </Table.Td>
                        ) : null}
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
      <FormDialog title={adding ? t('alerts.add') : null} opened={adding} onClose={close}>
        <AlertForm personId={personId} zone={zone} onCancel={close} onDone={() => done(t('alerts.added'))} />
      </FormDialog>
      <FormDialog
        title={reviewing ? t('alerts.recordReview') : null}
        opened={reviewing !== null}
        onClose={close}
      >
        {reviewing ? (
          <ReviewForm
            alert={reviewing}
            zone={zone}
            onCancel={close}
            onDone={() => done(t('alerts.reviewed'))}
          />
        ) : null}
      </FormDialog>
      <FormDialog title={ending ? t('alerts.end') : null} opened={ending !== null} onClose={close}>
        {ending ? (
          <EndAlertForm
            alert={ending}
            zone={zone}
            onCancel={close}
            onDone={() => done(t('alerts.endedNotice'))}
          />
        ) : null}
      </FormDialog>
    </Stack>
  );
}
