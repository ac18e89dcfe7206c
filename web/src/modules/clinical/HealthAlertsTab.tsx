import {
  dietCodes,
  fitnessAreas,
  fitnessResults,
  healthAlertInputSchema,
  healthAlertKinds,
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
  Loader,
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
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonTabProps } from '../../app/appModule.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { fromLocalInput, toLocalInput } from '../../app/format.ts';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePerson, useTimeZoneOf } from '../registry/registry.api.ts';
import { Tag } from '../registry/Tag.tsx';
import { clinicalApi, type HealthAlert, useHealthAlerts, useRefreshClinical } from './clinical.api.ts';
import { FormDialog, FormFooter, useFormState } from './FormParts.tsx';
import { useClinicalLabels } from './labels.ts';
import { type PathErrors, ruleMessage, validatePaths } from './validation.ts';

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

/** A new health alert, from codes only: its kind, the kind's coded fields, and its period. */
function AlertForm({ personId, zone, onCancel, onDone }: FormProps) {
  const { t } = useTranslation('clinical');
  const state = useFormState();
  const [values, setValues] = useState<Record<string, string>>(() => ({
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
  }));
  // MHS-3: more than 15 minutes between checks only by a recorded exception.
  const exception =
    values.kind === 'observation' && Number(values.intervalMinutes) > OBSERVATION_MINUTES_USUAL;
  const set = (key: string, value: string) => setValues((v) => ({ ...v, [key]: value }));
  const select = (key: string, label: string, options: readonly string[], group: string) => (
    <NativeSelect
      label={label}
      required
      value={values[key]}
      onChange={(e) => set(key, e.currentTarget.value)}
      error={state.errors[`detail.${key}`]}
      data={[
        { value: '', label: t('form.choose') },
        ...options.map((o) => ({ value: o, label: t(`alerts.${group}.${o}`) })),
      ]}
    />
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validatePaths(
      healthAlertInputSchema,
      {
        detail: detailOf(values),
        startsAt: fromLocalInput(values.startsAt ?? '', zone),
        endsAt: values.endsAt ? fromLocalInput(values.endsAt, zone) : null,
        exceptionReason: exception ? values.exceptionReason?.trim() || null : null,
      },
      t,
    );
    if (!checked.ok) {
      const errors: PathErrors = { ...checked.errors };
      // A missing kind is reported at the discriminator.
      if (errors.detail || errors['detail.kind'])
        errors['detail.kind'] = t('validation.required', { ns: 'common' });
      state.setErrors(errors);
      return;
    }
    const detail = checked.data.detail;
    const interval =
      detail.kind === 'observation'
        ? observationIntervalProblem(detail.intervalMinutes, checked.data.exceptionReason)
        : null;
    if (interval) {
      state.setErrors({ exceptionReason: ruleMessage(t, interval) });
      return;
    }
    await state.send(() => clinicalApi.createAlert(personId, checked.data), onDone);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('alerts.formHint')}</Text>
        <NativeSelect
          label={t('alerts.kind')}
          required
          value={values.kind}
          onChange={(e) => set('kind', e.currentTarget.value)}
          error={state.errors['detail.kind']}
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
            value={values.intervalMinutes}
            onChange={(e) => set('intervalMinutes', e.currentTarget.value)}
            error={state.errors['detail.intervalMinutes']}
          />
        ) : null}
        {exception ? (
          <Textarea
            label={t('alerts.exceptionReason')}
            description={t('alerts.exceptionReasonHint')}
            required
            value={values.exceptionReason}
            onChange={(e) => set('exceptionReason', e.currentTarget.value)}
            error={state.errors.exceptionReason}
            rows={2}
            maxLength={1000}
          />
        ) : null}
        {values.kind === 'special_diet' ? select('diet', t('alerts.diet'), dietCodes, 'diets') : null}
        {values.kind === 'mobility_aid' ? select('aid', t('alerts.aid'), mobilityAids, 'aids') : null}
        {values.kind === 'infection_control'
          ? select('precaution', t('alerts.precaution'), precautions, 'precautions')
          : null}
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
          value={values.startsAt}
          onChange={(e) => set('startsAt', e.currentTarget.value)}
          error={state.errors.startsAt}
        />
        <TextInput
          type="datetime-local"
          label={t('alerts.endsAt')}
          description={t('alerts.endsAtHint')}
          value={values.endsAt}
          onChange={(e) => set('endsAt', e.currentTarget.value)}
          error={state.errors.endsAt}
        />
        <FormFooter failure={state.failure} busy={state.busy} onCancel={onCancel} />
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
  const state = useFormState();
  const [endsAt, setEndsAt] = useState(() => toLocalInput(new Date(), zone));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const at = fromLocalInput(endsAt, zone);
    if (!at || Number.isNaN(new Date(at).getTime())) {
      state.setErrors({ endsAt: t('validation.required', { ns: 'common' }) });
      return;
    }
    await state.send(() => clinicalApi.endAlert(alert.id, { endsAt: at, version: alert.version }), onDone);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text fw={600}>{labels.alert(alert.detail)}</Text>
        <TextInput
          type="datetime-local"
          label={t('alerts.endsAt')}
          required
          description={zone ? t('form.timeZoneHint', { zone }) : undefined}
          value={endsAt}
          onChange={(e) => setEndsAt(e.currentTarget.value)}
          error={state.errors.endsAt}
          data-autofocus
        />
        <FormFooter
          failure={state.failure}
          busy={state.busy}
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
  const state = useFormState();
  const [reviewedAt, setReviewedAt] = useState(() => toLocalInput(new Date(), zone));
  const [rows, setRows] = useState<ParticipantRow[]>(() => [newParticipant(), newParticipant()]);
  const [decision, setDecision] = useState('');
  const setRow = (key: number, change: Partial<ParticipantRow>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validatePaths(
      observationReviewSchema,
      {
        reviewedAt: fromLocalInput(reviewedAt, zone),
        participants: rows.map((r) => ({ name: r.name, discipline: r.discipline || undefined })),
        decision: decision || undefined,
      },
      t,
    );
    if (!checked.ok) {
      state.setErrors(checked.errors);
      return;
    }
    const problems = reviewProblems(checked.data);
    if (problems.length) {
      state.setErrors(Object.fromEntries(problems.map((p) => [p.path, ruleMessage(t, p.code)])));
      return;
    }
    await state.send(
      () => clinicalApi.recordReview(alert.id, { ...checked.data, version: alert.version }),
      onDone,
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text fw={600}>{labels.alert(alert.detail)}</Text>
        <Text size="sm">{t('alerts.reviewHint')}</Text>
        <TextInput
          type="datetime-local"
          label={t('alerts.reviewedAt')}
          required
          description={zone ? t('form.timeZoneHint', { zone }) : undefined}
          value={reviewedAt}
          onChange={(e) => setReviewedAt(e.currentTarget.value)}
          error={state.errors.reviewedAt}
          data-autofocus
        />
        {state.errors.participants ? (
          <Text c="red.9" size="sm" role="alert">
            {state.errors.participants}
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
              value={row.name}
              onChange={(e) => setRow(row.key, { name: e.currentTarget.value })}
              error={state.errors[`participants.${i}.name`]}
            />
            <NativeSelect
              label={t('alerts.discipline')}
              required
              value={row.discipline}
              onChange={(e) => setRow(row.key, { discipline: e.currentTarget.value })}
              error={state.errors[`participants.${i}.discipline`]}
              data={[
                { value: '', label: t('form.choose') },
                ...reviewDisciplines.map((d) => ({ value: d, label: t(`alerts.disciplines.${d}`) })),
              ]}
            />
            {rows.length > 2 ? (
              <Button
                variant="default"
                size="compact-sm"
                onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}
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
            onClick={() => setRows((all) => [...all, newParticipant()])}
          >
            {t('alerts.addParticipant')}
          </Button>
        </Group>
        <Radio.Group
          label={t('alerts.decision')}
          required
          value={decision}
          onChange={setDecision}
          error={state.errors.decision}
        >
          <Stack gap={4} mt={4}>
            {(['continue_observation', 'end_observation'] as const).map((d) => (
              <Radio key={d} value={d} label={t(`alerts.decisions.${d}`)} />
            ))}
          </Stack>
        </Radio.Group>
        <FormFooter
          failure={state.failure}
          busy={state.busy}
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
  const [checkFailure, setCheckFailure] = useState<string | null>(null);
  const [includeEnded, setIncludeEnded] = useState(false);
  const alerts = useHealthAlerts(personId, includeEnded);
  const person = usePerson(personId);
  const zone = useTimeZoneOf()(person.data?.institution?.id);
  const refresh = useRefreshClinical();
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<HealthAlert | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  async function done(message: string) {
    setAdding(false);
    setEnding(null);
    setReviewing(null);
    await refresh();
    setNotice(message);
    noticeRef.current?.focus();
  }
  const close = () => {
    setAdding(false);
    setEnding(null);
    setReviewing(null);
  };
  async function recordCheck(alert: HealthAlert) {
    setNotice(null);
    setCheckFailure(null);
    try {
      await clinicalApi.recordCheck(alert.id);
      await done(t('alerts.checkRecorded'));
    } catch (error) {
      setCheckFailure(errorMessage(error));
    }
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
      {checkFailure ? (
        <Alert color="red" role="alert">
          {checkFailure}
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
      {alerts.isPending ? (
        <Group gap="sm" role="status">
          <Loader size="sm" />
          <Text>{t('alerts.loading')}</Text>
        </Group>
      ) : alerts.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(alerts.error)}
        </Alert>
      ) : alerts.data.length === 0 ? (
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
              {alerts.data.map((a) => {
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
                          {observation.overdue ? <Tag color="red.9">{t('alerts.checkOverdue')}</Tag> : null}{' '}
                          {observation.lastCheckAt
                            ? t('alerts.lastCheck', { when: labels.dateTime(observation.lastCheckAt, zone) })
                            : t('alerts.noCheck')}
                          {' · '}
                          {t('alerts.nextCheck', { when: labels.dateTime(observation.nextCheckDueAt, zone) })}
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
                              onClick={() => void recordCheck(a)}
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
      )}
      <FormDialog title={adding ? t('alerts.add') : null} opened={adding} onClose={close}>
        <AlertForm
          personId={personId}
          zone={zone}
          onCancel={close}
          onDone={() => void done(t('alerts.added'))}
        />
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
            onDone={() => void done(t('alerts.reviewed'))}
          />
        ) : null}
      </FormDialog>
      <FormDialog title={ending ? t('alerts.end') : null} opened={ending !== null} onClose={close}>
        {ending ? (
          <EndAlertForm
            alert={ending}
            zone={zone}
            onCancel={close}
            onDone={() => void done(t('alerts.endedNotice'))}
          />
        ) : null}
      </FormDialog>
    </Stack>
  );
}
