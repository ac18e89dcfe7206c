import { amendmentSchema, type EncounterContent, screeningSections } from '@custodia/domain';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Loader,
  Modal,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../app/api.ts';
import { useErrorMessage } from '../../../app/errorMessage.ts';
import { displayName } from '../../../app/format.ts';
import { allows, type SessionUser, useCurrentUser } from '../../../app/session.ts';
import { usePageTitle } from '../../../app/usePageTitle.ts';
import { useWriteForm, WriteFeedback } from '../../../app/useWriteForm.tsx';
import { useRegistryLabels } from '../../registry/labels.ts';
import { type PersonSummary, usePerson, useTimeZoneOf } from '../../registry/registry.api.ts';
import { SignConfirm } from '../SignConfirm.tsx';
import { readDraft, removeDraft, writeDraft } from './draftStore.ts';
import {
  completionProblems,
  draftProblems,
  type FormValues,
  fromServerForm,
  type Problems,
  type Sex,
  serverProblems,
  toServerForm,
} from './formValues.ts';
import { ScreeningDocument } from './ScreeningDocument.tsx';
import { ScreeningFormFields } from './ScreeningForm.tsx';
import {
  type Encounter,
  type HealthAlert,
  isScreeningTask,
  saveDraft,
  useClinicalTasks,
  useCompleteScreening,
  useCorrectScreening,
  useCountersign,
  useEncounter,
  useHealthAlerts,
} from './screening.api.ts';

/** How long after the last change the draft goes to the server by itself. */
export const AUTOSAVE_MS = 3000;

/** Focuses the first field marked with a problem, in the order of the form. */
function focusFirstProblem(root: HTMLElement | null) {
  const wrapper = root?.querySelector<HTMLElement>('[data-problem="true"]');
  if (!wrapper) return;
  const target =
    wrapper.querySelector<HTMLElement>('input[type="radio"]:checked') ??
    wrapper.querySelector<HTMLElement>('input:not([type="hidden"]), textarea, select, [tabindex="0"]');
  target?.scrollIntoView?.({ block: 'center' });
  target?.focus();
}

/** The section a problem's path belongs to, for the list of problems. */
function sectionOf(path: string): string {
  const first = path.split('.')[0] ?? '';
  if (first === 'content') return 'presence';
  return (screeningSections as readonly string[]).includes(first) ||
    first === 'women' ||
    first === 'vitals' ||
    first === 'allergies'
    ? first
    : 'presence';
}

/**
 * `/clinical/screenings/:encounterId`: the admission screening (ADM-1 … ADM-10, WOM-3 … WOM-7). Its
 * author fills it in, with the draft saved to the server (on "Save draft" and a few seconds after
 * each change) and kept in this browser meanwhile; "Complete screening" checks the same rules as the
 * server and moves the focus to the first problem. Completed, it lists what it set in motion and can
 * be signed; signed, it can be amended or marked entered in error, never changed.
 */
export function ScreeningPage() {
  const { encounterId = '' } = useParams();
  const { t } = useTranslation('screening');
  const errorMessage = useErrorMessage();
  const user = useCurrentUser();
  usePageTitle(t('form.title'));
  const encounter = useEncounter(encounterId);
  const personId = encounter.data?.personId ?? '';
  const person = usePerson(personId, Boolean(personId) && allows(user, 'registry.person.read'));

  if (encounter.isPending || (personId && person.isPending && person.fetchStatus !== 'idle'))
    return (
      <Group gap="sm" role="status">
        <Loader size="sm" />
        <Text>{t('form.loading')}</Text>
      </Group>
    );
  if (encounter.isError)
    return (
      <Stack maw={760}>
        <Title order={1}>{t('form.title')}</Title>
        <Alert color="red" role="alert" title={t('form.failed')}>
          {errorMessage(encounter.error)}
        </Alert>
      </Stack>
    );
  const data = encounter.data;
  // The person's sex decides the WOM section; a draft of a woman carries it already.
  const sex: Sex =
    person.data?.sex === 'female' || (!person.data && data.structured?.women) ? 'female' : 'male';
  return (
    <ScreeningView
      key={`${data.id}-${data.status}`}
      encounter={data}
      person={person.data ?? null}
      sex={sex}
      user={user}
    />
  );
}

function ScreeningView({
  encounter,
  person,
  sex,
  user,
}: {
  encounter: Encounter;
  person: PersonSummary | null;
  sex: Sex;
  user: SessionUser | null;
}) {
  const { t } = useTranslation('screening');
  const labels = useRegistryLabels();
  // Issue 14: times in the institution's zone (the deployment's while it loads), never the browser's.
  const zone = useTimeZoneOf()(encounter.institutionId);
  const errorMessage = useErrorMessage();
  const editable =
    encounter.status === 'draft' &&
    encounter.authorId === user?.id &&
    allows(user, 'clinical.screening.complete') &&
    !encounter.hidden;
  const userId = user?.id ?? '';

  const [initial] = useState(() => {
    const stored = editable ? readDraft(userId, encounter.id) : null;
    return {
      values: stored?.form ?? fromServerForm(encounter.structured, sex),
      content: stored?.content ?? (encounter.content as EncounterContent),
      restoredAt: stored?.savedAt ?? null,
    };
  });
  const [values, setValues] = useState<FormValues>(initial.values);
  const [content, setContent] = useState<EncounterContent>(initial.content);
  const [restoredAt, setRestoredAt] = useState<string | null>(initial.restoredAt);
  const [dirty, setDirty] = useState(Boolean(initial.restoredAt));
  const [problems, setProblems] = useState<Problems>({});
  const [saveState, setSaveState] = useState<'idle' | 'saving' | 'saved' | 'invalid'>('idle');
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [focusTick, setFocusTick] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const version = useRef(encounter.version);
  const latest = useRef({ values, content });
  latest.current = { values, content };
  const saving = useRef<Promise<boolean> | null>(null);

  const save = useMutation({
    mutationFn: (input: { values: FormValues; content: EncounterContent }) =>
      saveDraft(encounter.id, {
        ...input.content,
        version: version.current,
        structured: toServerForm(input.values),
      }),
  });
  const { mutateAsync: saveAsync } = save;
  const complete = useCompleteScreening(
    encounter.id,
    async () => (dirty && !(await send(true)) ? null : version.current),
    () => removeDraft(userId, encounter.id),
  );
  const { reset: resetComplete } = complete;
  // What went wrong last: the draft's save or the completion (each clears the other's when it runs).
  const failure =
    [save, complete].filter((m) => m.isError).sort((a, b) => b.submittedAt - a.submittedAt)[0]?.error ?? null;

  // Every change is kept in this browser at once: an ended session or a lost network loses nothing.
  useEffect(() => {
    if (!editable || !dirty) return;
    writeDraft(userId, encounter.id, {
      form: values,
      content,
      baseVersion: version.current,
      savedAt: new Date().toISOString(),
    });
  }, [editable, dirty, values, content, userId, encounter.id]);

  useEffect(() => {
    if (focusTick) focusFirstProblem(formRef.current);
  }, [focusTick]);

  const clear = (paths: string[]) =>
    setProblems((p) =>
      paths.some((path) => path in p)
        ? Object.fromEntries(Object.entries(p).filter(([path]) => !paths.includes(path)))
        : p,
    );
  const onValues = (change: (v: FormValues) => FormValues, paths: string[]) => {
    setValues(change);
    setDirty(true);
    clear(paths);
  };
  const onContent = (change: (c: EncounterContent) => EncounterContent, paths: string[]) => {
    setContent(change);
    setDirty(true);
    clear(paths);
  };

  /** Sends the draft to the server; true when the server has every change made so far. */
  const send = useCallback(
    async (manual: boolean): Promise<boolean> => {
      if (saving.current) await saving.current;
      const snapshot = latest.current;
      const invalid = draftProblems(snapshot.values, snapshot.content, t);
      if (Object.keys(invalid).length) {
        setSaveState('invalid');
        if (manual) {
          setProblems(invalid);
          setFocusTick((n) => n + 1);
        }
        return false;
      }
      setSaveState('saving');
      const run = (async () => {
        try {
          const result = await saveAsync(snapshot);
          version.current = result.version;
          setSavedAt(new Date().toISOString());
          setSaveState('saved');
          resetComplete();
          if (latest.current.values === snapshot.values && latest.current.content === snapshot.content) {
            setDirty(false);
            removeDraft(userId, encounter.id);
          }
          return true;
        } catch (error) {
          setSaveState('idle');
          if (manual && error instanceof ApiError && error.status === 400) {
            setProblems(serverProblems(error, t));
            setFocusTick((n) => n + 1);
          }
          return false;
        }
      })();
      saving.current = run;
      try {
        return await run;
      } finally {
        saving.current = null;
      }
    },
    [saveAsync, resetComplete, t, userId, encounter.id],
  );

  const stale = failure instanceof ApiError && failure.code === 'stale_version';
  // A few seconds after the last change, the draft goes to the server by itself.
  // biome-ignore lint/correctness/useExhaustiveDependencies: each change restarts the wait
  useEffect(() => {
    if (!editable || !dirty || stale) return;
    const timer = window.setTimeout(() => void send(false), AUTOSAVE_MS);
    return () => window.clearTimeout(timer);
  }, [editable, dirty, stale, values, content, send]);

  function onComplete(event: FormEvent) {
    event.preventDefault();
    save.reset();
    complete.reset();
    const found = completionProblems(values, content, sex, t);
    if (Object.keys(found).length) {
      setProblems(found);
      setFocusTick((n) => n + 1);
      return;
    }
    complete.mutate(undefined, {
      onError: (error) => {
        if (error instanceof ApiError && error.status === 400) {
          setProblems(serverProblems(error, t));
          setFocusTick((n) => n + 1);
        }
      },
    });
  }

  function discardRestored() {
    removeDraft(userId, encounter.id);
    setValues(fromServerForm(encounter.structured, sex));
    setContent(encounter.content as EncounterContent);
    setRestoredAt(null);
    setDirty(false);
    setProblems({});
  }

  const name = person ? displayName(person) : '';
  const problemList = Object.entries(problems);
  const statusText = t(`status.${encounter.status}`, { defaultValue: encounter.status });

  return (
    <Stack gap="md" maw={1100}>
      <Stack gap={4}>
        <Title order={1}>{t('form.title')}</Title>
        <Group gap="sm">
          {person ? (
            <Anchor component={Link} to={`/registry/persons/${encodeURIComponent(person.id)}`} fw={600}>
              {t('form.person', { name, prisonNumber: person.prisonNumber })}
            </Anchor>
          ) : null}
          <Badge variant="outline" color={encounter.status === 'signed' ? '#1e5c2e' : 'blue.9'}>
            {statusText}
          </Badge>
          {encounter.enteredInError ? (
            <Badge variant="filled" color="red.9">
              {t('corrections.kinds.entered_in_error')}
            </Badge>
          ) : null}
        </Group>
      </Stack>

      {encounter.hidden ? <Alert color="gray">{t('form.hidden')}</Alert> : null}
      {restoredAt && editable ? (
        <Alert color="blue" title={t('form.restoredTitle')}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('form.restored', { time: labels.dateTime(restoredAt, zone) })}</Text>
            <Button variant="default" size="xs" onClick={discardRestored}>
              {t('form.discardRestored')}
            </Button>
          </Stack>
        </Alert>
      ) : null}

      {encounter.status !== 'draft' ? <ScreeningResult encounter={encounter} user={user} /> : null}
      {encounter.status === 'completed' ? (
        <SignPanel
          encounter={encounter}
          user={user}
          what={[
            t('form.title'),
            person ? t('form.person', { name, prisonNumber: person.prisonNumber }) : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        />
      ) : null}
      {encounter.status === 'signed' ? <CorrectionsPanel encounter={encounter} user={user} /> : null}
      {encounter.status === 'draft' && !editable ? <Alert color="gray">{t('form.notYours')}</Alert> : null}

      {encounter.hidden ? null : encounter.status !== 'draft' ? (
        <ScreeningDocument encounter={encounter} />
      ) : (
        <form ref={formRef} onSubmit={onComplete} noValidate aria-label={t('form.title')}>
          <Stack gap="md">
            {problemList.length ? (
              <Alert color="red" role="alert" title={t('form.problemsTitle')}>
                <Text size="sm">{t('form.problemsIntro')}</Text>
                <List size="sm" spacing={2}>
                  {problemList.map(([path, message]) => (
                    <List.Item key={path}>
                      {t(`sections.${sectionOf(path)}`)}: {message}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            ) : null}
            <ScreeningFormFields
              values={values}
              onValues={onValues}
              content={content}
              onContent={onContent}
              sex={sex}
              problems={problems}
              readOnly={!editable}
            />
            {failure && !(failure instanceof ApiError && failure.status === 400) ? (
              <Alert color="red" role="alert" title={t('form.failedToSave')}>
                {stale ? t('form.stale') : errorMessage(failure)}
              </Alert>
            ) : null}
            {editable ? (
              <Paper withBorder p="sm" className="screening-no-print">
                <Group justify="space-between" wrap="wrap">
                  <Text size="sm" role="status" aria-live="polite">
                    {saveState === 'saving'
                      ? t('form.saving')
                      : saveState === 'invalid'
                        ? t('form.notSavedInvalid')
                        : dirty
                          ? t('form.unsaved')
                          : savedAt
                            ? t('form.saved', { time: labels.dateTime(savedAt, zone) })
                            : ''}
                  </Text>
                  <Group gap="sm">
                    <Button variant="default" onClick={() => void send(true)} disabled={complete.isPending}>
                      {t('form.saveDraft')}
                    </Button>
                    <Button type="submit" loading={complete.isPending}>
                      {t('form.complete')}
                    </Button>
                  </Group>
                </Group>
              </Paper>
            ) : null}
          </Stack>
        </form>
      )}
    </Stack>
  );
}

/** A health alert as custodial staff read it: what to do, never why (MED-3). */
export function useAlertText() {
  const { t } = useTranslation('screening');
  return (alert: Pick<HealthAlert, 'detail'>) => {
    const d = alert.detail as Record<string, unknown>;
    const kind = String(d.kind);
    switch (kind) {
      case 'infection_control':
        return t('alerts.infection_control', {
          precaution: t(`alerts.precautions.${String(d.precaution)}`, { defaultValue: String(d.precaution) }),
        });
      case 'observation':
        return t('alerts.observation', { minutes: Number(d.intervalMinutes) });
      case 'fitness':
        return t('alerts.fitness', {
          area: t(`fitness.${String(d.area)}`),
          result: t(`fitness.results.${String(d.result)}`),
        });
      default:
        return t(`alerts.kinds.${kind}`, { defaultValue: kind });
    }
  };
}

/** What a completed screening set in motion: the alerts in force and the follow-up tasks. */
function ScreeningResult({ encounter, user }: { encounter: Encounter; user: SessionUser | null }) {
  const { t } = useTranslation('screening');
  const labels = useRegistryLabels();
  const zone = useTimeZoneOf()(encounter.institutionId);
  const alertText = useAlertText();
  const alerts = useHealthAlerts(encounter.personId, allows(user, 'health_alert.read'));
  const tasks = useClinicalTasks('');
  const followUps = (tasks.data ?? []).filter(
    (task) => task.personId === encounter.personId && !isScreeningTask(task.kind),
  );
  const active = (alerts.data ?? []).filter((a) => a.active);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="screening-result">
      <Title order={2} size="h3" id="screening-result" mb="sm">
        {t('result.title')}
      </Title>
      <Stack gap="sm">
        <div>
          <Title order={3} size="h5">
            {t('result.alerts')}
          </Title>
          {alerts.isPending && alerts.fetchStatus !== 'idle' ? (
            <Loader size="xs" />
          ) : active.length ? (
            <List spacing={2} size="sm">
              {active.map((a) => (
                <List.Item key={a.id}>{alertText(a)}</List.Item>
              ))}
            </List>
          ) : (
            <Text size="sm">{t('result.noAlerts')}</Text>
          )}
        </div>
        <div>
          <Title order={3} size="h5">
            {t('result.tasks')}
          </Title>
          {followUps.length ? (
            <List spacing={2} size="sm">
              {followUps.map((task) => (
                <List.Item key={task.id}>
                  <Anchor component={Link} to={`/clinical/tasks/${encodeURIComponent(task.id)}`}>
                    {t(`kinds.${task.kind}`, { defaultValue: task.kind })}
                  </Anchor>{' '}
                  · {t('result.dueBy', { time: labels.dateTime(task.dueAt, zone) })}
                </List.Item>
              ))}
            </List>
          ) : (
            <Text size="sm">{t('result.noTasks')}</Text>
          )}
        </div>
      </Stack>
    </Paper>
  );
}

/** ADM-1: a doctor countersigns the completed screening (the nurse or feldsher reports to a doctor). */
function SignPanel({
  encounter,
  user,
  what,
}: {
  encounter: Encounter;
  user: SessionUser | null;
  what: string;
}) {
  const { t } = useTranslation('screening');
  const [confirming, setConfirming] = useState(false);
  const errorMessage = useErrorMessage();
  const sign = useCountersign(encounter.id, encounter.version);
  const failure = sign.error;
  if (!allows(user, 'clinical.screening.countersign'))
    return <Alert color="gray">{t('sign.awaiting')}</Alert>;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="screening-sign">
      <Title order={2} size="h3" id="screening-sign" mb="xs">
        {t('sign.title')}
      </Title>
      <Text size="sm" mb="sm">
        {t('sign.intro')}
      </Text>
      {failure ? (
        <Alert color="red" role="alert" mb="sm">
          {failure instanceof ApiError && failure.problem?.errors?.length
            ? failure.problem.errors.map((e) => t(`problems.${e.code}`, { defaultValue: '' })).join(' ') ||
              errorMessage(failure)
            : errorMessage(failure)}
        </Alert>
      ) : null}
      <Button onClick={() => setConfirming(true)} loading={sign.isPending}>
        {t('sign.button')}
      </Button>
      <SignConfirm
        opened={confirming}
        what={what}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          sign.mutate();
        }}
      />
    </Paper>
  );
}

/** After signing: amendments and "entered in error", each with its reason; the original stays. */
function CorrectionsPanel({ encounter, user }: { encounter: Encounter; user: SessionUser | null }) {
  const { t } = useTranslation('screening');
  const labels = useRegistryLabels();
  const zone = useTimeZoneOf()(encounter.institutionId);
  const [kind, setKind] = useState<'amendment' | 'entered_in_error' | null>(null);
  const canCorrect = allows(user, 'clinical.record.write') && !encounter.enteredInError;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="screening-corrections">
      <Title order={2} size="h3" id="screening-corrections" mb="xs">
        {t('corrections.title')}
      </Title>
      <Text size="sm" mb="sm">
        {encounter.signedAt
          ? encounter.signedByName
            ? t('sign.signedAtBy', {
                time: labels.dateTime(encounter.signedAt, zone),
                name: encounter.signedByName,
              })
            : t('sign.signedAt', { time: labels.dateTime(encounter.signedAt, zone) })
          : null}
      </Text>
      {encounter.enteredInError ? (
        <Alert color="red" mb="sm">
          {t('corrections.enteredInErrorBanner')}
        </Alert>
      ) : null}
      {encounter.corrections.length ? (
        <List spacing="xs" size="sm" mb="sm">
          {encounter.corrections.map((c) => (
            <List.Item key={c.id}>
              <Text span fw={600}>
                {t(`corrections.kinds.${c.kind}`, { defaultValue: c.kind })}
              </Text>{' '}
              · {labels.dateTime(c.createdAt, zone)} · {t('corrections.reasonIs', { reason: c.reason })}
              {c.text ? <Text size="sm">{c.text}</Text> : null}
            </List.Item>
          ))}
        </List>
      ) : (
        <Text size="sm" mb="sm">
          {t('corrections.none')}
        </Text>
      )}
      {canCorrect ? (
        <Group gap="sm" className="screening-no-print">
          <Button variant="default" onClick={() => setKind('amendment')}>
            {t('corrections.amend')}
          </Button>
          <Button variant="default" color="red" onClick={() => setKind('entered_in_error')}>
            {t('corrections.markEnteredInError')}
          </Button>
        </Group>
      ) : null}
      {kind ? <CorrectionDialog encounter={encounter} kind={kind} onClose={() => setKind(null)} /> : null}
    </Paper>
  );
}

function CorrectionDialog({
  encounter,
  kind,
  onClose,
}: {
  encounter: Encounter;
  kind: 'amendment' | 'entered_in_error';
  onClose: () => void;
}) {
  const { t } = useTranslation('screening');
  const _errorMessage = useErrorMessage();
  const write = useWriteForm({
    initialValues: { reason: '', text: '' },
    schema: amendmentSchema,
    toBody: ({ reason, text }) => ({ kind, reason, text: kind === 'amendment' ? text : null }),
    refine: ({ text }, errors) =>
      kind === 'amendment' && !text.trim()
        ? { ...errors, text: t('validation.required', { ns: 'common' }) }
        : errors,
    write: useCorrectScreening(encounter.id),
    onSuccess: onClose,
  });
  const { form } = write;
  const title = kind === 'amendment' ? t('corrections.amend') : t('corrections.markEnteredInError');

  return (
    <Modal opened onClose={onClose} title={title} closeButtonProps={{ 'aria-label': t('corrections.close') }}>
      <form {...write.formProps}>
        <Stack gap="sm">
          <Textarea
            label={t('corrections.reason')}
            description={t('corrections.reasonHelp')}
            {...form.getInputProps('reason')}
            withAsterisk
            rows={2}
            data-autofocus
          />
          {kind === 'amendment' ? (
            <Textarea label={t('corrections.text')} {...form.getInputProps('text')} withAsterisk rows={3} />
          ) : null}
          <WriteFeedback write={write} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('corrections.cancel')}
            </Button>
            <Button type="submit" loading={write.busy}>
              {t('corrections.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
