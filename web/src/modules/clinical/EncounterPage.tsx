import { encounterContentSchema, presenceProblems } from '@custodia/domain/clinical';
import { Alert, Anchor, Button, Code, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import type { FormErrors } from '@mantine/form';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { displayName } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm } from '../../app/useWriteForm.tsx';
import { Facts } from '../registry/Facts.tsx';
import { usePerson, useTimeZoneOf } from '../registry/registry.api.ts';
import { Tag } from '../registry/Tag.tsx';
import {
  type Correction,
  type Encounter,
  useCorrectEncounter,
  useEncounter,
  useSaveDraft,
  useSignEncounter,
} from './clinical.api.ts';
import { contentOf, EncounterFields, valuesOf } from './EncounterForm.tsx';
import { FormDialog, FormFooter } from './FormParts.tsx';
import { type ClinicalLabels, useClinicalLabels } from './labels.ts';
import { statusColor } from './MedicalRecordTab.tsx';
import { SignConfirm } from './SignConfirm.tsx';
import { ruleMessage, useClinicalFormMessages } from './validation.ts';

/** Where the person's medical record is. */
const recordLink = (personId: string) =>
  `/registry/persons/${encodeURIComponent(personId)}?tab=medical-record`;

function Multiline({ text }: { text: string | null | undefined }) {
  return text ? <span style={{ whiteSpace: 'pre-wrap' }}>{text}</span> : null;
}

/** The encounter as written: read-only, as it was signed (or as the draft stands). */
function EncounterContentView({ encounter, labels }: { encounter: Encounter; labels: ClinicalLabels }) {
  const { t } = useTranslation('clinical');
  const c = encounter.content;
  if (!c) return null;
  const yesNo = (v: boolean) => (v ? t('form.yes') : t('form.no'));
  return (
    <Facts
      items={[
        [
          t('encounter.personsPresent'),
          <Stack gap={2} key="present">
            {c.personsPresent.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the list of a signed note never changes
              <span key={i}>
                {[p.name, labels.presentKind(p.kind), p.sex ? labels.sex(p.sex) : null]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            ))}
          </Stack>,
        ],
        [t('encounter.custodialPresenceReason'), <Multiline key="reason" text={c.custodialPresenceReason} />],
        [t('encounter.interpreterUsed'), yesNo(c.interpreterUsed)],
        [t('encounter.femaleClinicianRequested'), yesNo(c.femaleClinicianRequested)],
        [t('encounter.soap.subjective'), <Multiline key="s" text={c.subjective} />],
        [t('encounter.soap.objective'), <Multiline key="o" text={c.objective} />],
        [t('encounter.soap.assessment'), <Multiline key="a" text={c.assessment} />],
        [t('encounter.soap.plan'), <Multiline key="p" text={c.plan} />],
        [t('form.restricted'), yesNo(c.restricted)],
      ]}
    />
  );
}

/** A content hash, readable and breakable on narrow screens. */
function Hash({ value }: { value: string }) {
  return (
    <Code style={{ wordBreak: 'break-all' }} fz="xs">
      {value}
    </Code>
  );
}

function CorrectionView({
  correction,
  labels,
  own,
  zone,
}: {
  correction: Correction;
  labels: ClinicalLabels;
  own: boolean;
  zone: string | undefined;
}) {
  const { t } = useTranslation('clinical');
  return (
    <Paper withBorder p="sm" component="li" style={{ listStyle: 'none' }}>
      <Stack gap={4}>
        <Group gap="sm">
          <Tag color={correction.kind === 'entered_in_error' ? 'red.9' : 'blue.9'}>
            {labels.correctionKind(correction.kind)}
          </Tag>
          <Text size="sm">
            {labels.dateTime(correction.createdAt, zone)}
            {own
              ? ` · ${t('encounter.byYou')}`
              : correction.authorName
                ? ` · ${t('encounter.by', { name: correction.authorName })}`
                : ''}
          </Text>
        </Group>
        <Text size="sm">
          <Text span fw={600}>
            {t('corrections.reason')}:
          </Text>{' '}
          <Multiline text={correction.reason} />
        </Text>
        {correction.text ? (
          <Text size="sm">
            <Multiline text={correction.text} />
          </Text>
        ) : null}
        <Text size="xs">
          {t('encounter.hash')}: <Hash value={correction.contentHash} />
        </Text>
      </Stack>
    </Paper>
  );
}

/** An amendment (new text with its reason) or "entered in error" (a reason), after signing. */
function CorrectionForm({
  encounterId,
  kind,
  onCancel,
  onDone,
}: {
  encounterId: string;
  kind: 'amendment' | 'entered_in_error';
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation('clinical');
  const write = useWriteForm({
    ...useClinicalFormMessages(),
    initialValues: { reason: '', text: '' },
    toBody: ({ reason, text }) => ({
      kind,
      reason: reason.trim(),
      ...(kind === 'amendment' ? { text: text.trim() } : {}),
    }),
    refine: ({ reason, text }) => {
      const errors: FormErrors = {};
      if (reason.trim().length < 10) errors.reason = t('validation.tooShort', { ns: 'common', min: 10 });
      if (kind === 'amendment' && !text.trim()) errors.text = t('validation.required', { ns: 'common' });
      return errors;
    },
    write: useCorrectEncounter(encounterId),
    onSuccess: onDone,
  });
  const { form } = write;

  return (
    <form {...write.formProps}>
      <Stack gap="sm">
        <Text size="sm">{t(`corrections.encounterHint.${kind}`)}</Text>
        {kind === 'amendment' ? (
          <Textarea
            label={t('corrections.text')}
            required
            {...form.getInputProps('text')}
            resize="vertical"
            rows={4}
            maxLength={20000}
            data-autofocus
          />
        ) : null}
        <Textarea
          label={t('corrections.reason')}
          description={t('corrections.reasonHint')}
          required
          {...form.getInputProps('reason')}
          rows={2}
          maxLength={2000}
          data-autofocus={kind === 'entered_in_error' ? true : undefined}
        />
        <FormFooter
          failure={write.failure}
          busy={write.busy}
          onCancel={onCancel}
          submitLabel={t(`corrections.submit.${kind}`)}
        />
      </Stack>
    </form>
  );
}

/**
 * The draft, editable by its author: save (with the version read; 409 when someone else saved in
 * between) and sign (which saves first). Signing locks it and stores the hash of its content.
 */
function DraftEditor({
  encounter,
  zone,
  patientSex,
  what,
  onSaved,
  onSigned,
  onReload,
}: {
  encounter: Encounter;
  zone: string | undefined;
  patientSex: string | undefined;
  /** What is signed, in words (issue 14: the confirmation names it). */
  what: string;
  onSaved: () => void;
  onSigned: () => void;
  onReload: () => Promise<void>;
}) {
  const { t } = useTranslation('clinical');
  const errorMessage = useErrorMessage();
  const messages = useClinicalFormMessages();
  const content = encounter.content;
  const version = useRef(encounter.version);
  const dirty = useRef(false);
  // Whether the button pressed was "Sign" (which saves what changed first) rather than "Save".
  const sign = useRef(false);
  const [confirming, setConfirming] = useState(false);
  const screening = encounter.type === 'admission_screening';

  const write = useWriteForm({
    ...messages,
    initialValues: content ? valuesOf(content, zone) : (undefined as never),
    schema: encounterContentSchema,
    toBody: (values) => contentOf(values, zone),
    // MED-4, WOM-6/7 as the server checks them at signing (the clinician's own sex it knows best).
    refine: (_values, errors, body) => {
      if (!sign.current || Object.keys(errors).length) return errors;
      const found = { ...errors };
      for (const p of presenceProblems(encounterContentSchema.parse(body), {
        patientSex: patientSex === 'female' ? 'female' : 'male',
      }))
        found[p.path] ??= ruleMessage(t, p.code);
      return found;
    },
    invalid: t('form.checkFields'),
    // A version saved meanwhile by someone else: offered to load (below).
    refused: (error, fields) =>
      error instanceof ApiError && error.code === 'stale_version' ? null : messages.refused(error, fields),
    write: useSaveDraft(encounter.id, { version, dirty, sign }),
    onSuccess: () => (sign.current ? onSigned() : onSaved()),
  });
  const { form } = write;
  const stale = write.error instanceof ApiError && write.error.code === 'stale_version';

  return (
    <form
      {...write.formProps}
      onSubmit={(event) => {
        sign.current = false;
        write.formProps.onSubmit(event);
      }}
      aria-labelledby="encounter-draft"
    >
      <Stack gap="sm">
        <Title order={2} size="h3" id="encounter-draft">
          {t('encounter.draftTitle')}
        </Title>
        <EncounterFields
          values={form.values}
          onChange={(next) => {
            form.setValues(next);
            dirty.current = true;
          }}
          errors={form.errors}
          zone={zone}
          screening={screening}
        />
        {write.failure ? (
          <Alert color="red" role="alert" title={t('form.notSaved')}>
            {write.failure}
          </Alert>
        ) : stale ? (
          <Alert color="red" role="alert" title={t('form.notSaved')}>
            <Stack gap="xs" align="flex-start">
              <span>{errorMessage(write.error)}</span>
              <Button size="xs" variant="white" onClick={() => void onReload()}>
                {t('encounter.reload')}
              </Button>
            </Stack>
          </Alert>
        ) : null}
        <Group gap="sm" className="no-print">
          <Button type="submit" variant="default" loading={write.busy && !sign.current} disabled={write.busy}>
            {t('encounter.save')}
          </Button>
          {screening ? null : (
            <Button
              onClick={() => setConfirming(true)}
              loading={write.busy && sign.current}
              disabled={write.busy}
            >
              {t('encounter.sign')}
            </Button>
          )}
        </Group>
        <SignConfirm
          opened={confirming}
          what={what}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            sign.current = true;
            write.submit();
          }}
        />
        {screening ? null : <Text size="sm">{t('encounter.signHint')}</Text>}
      </Stack>
    </form>
  );
}

/**
 * An encounter (`/clinical/encounters/:id`): a draft its author edits, saves and signs; a signed one
 * read-only with its content hash, and below it the amendments and "entered in error" marks made
 * since — the original always stays readable.
 */
export function EncounterPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('clinical');
  const labels = useClinicalLabels();
  const errorMessage = useErrorMessage();
  const user = useCurrentUser();
  const canWrite = allows(user, 'clinical.record.write');
  // ADM-1: a doctor countersigns the screening a nurse or feldsher completed.
  const canSignScreening = allows(user, 'clinical.screening.countersign');
  const encounter = useEncounter(id);
  const person = usePerson(encounter.data?.personId ?? '', Boolean(encounter.data));
  const timeZoneOf = useTimeZoneOf();
  const signing = useSignEncounter();
  const [correcting, setCorrecting] = useState<'amendment' | 'entered_in_error' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const noticeRef = useRef<HTMLDivElement>(null);
  const e = encounter.data;
  const title = e
    ? e.hidden
      ? t('encounter.restrictedEntry')
      : t('encounter.title', { type: labels.encounterType(e.type) })
    : t('encounter.loadingTitle');
  usePageTitle(title);

  // The writes have refreshed the record already.
  function announce(message: string) {
    setNotice(message);
    noticeRef.current?.focus();
  }

  if (encounter.isPending || encounter.isError || !e)
    return (
      <Stack gap="md" maw={760}>
        <QueryState
          query={encounter}
          loading={t('encounter.loading')}
          failed={<Title order={1}>{t('encounter.loadingTitle')}</Title>}
        >
          {() => null}
        </QueryState>
      </Stack>
    );

  const zone = timeZoneOf(e.institutionId);
  const own = e.authorId === user?.id;
  const editable = e.status === 'draft' && own && canWrite && !e.hidden && e.type !== 'admission_screening';
  const signable = e.status === 'completed' && e.type === 'admission_screening' && canSignScreening;
  const correctable = e.status === 'signed' && canWrite && !e.enteredInError && !e.hidden;
  const p = person.data;
  // What a signature covers, in words: the note's type and time, and whose it is.
  const what = [title, labels.dateTime(e.startedAt, zone), p ? `${displayName(p)} (${p.prisonNumber})` : null]
    .filter(Boolean)
    .join(' · ');

  function signCompleted() {
    if (!e) return;
    signing.mutate({ id: e.id, version: e.version }, { onSuccess: () => announce(t('encounter.signed')) });
  }

  // A refusal's rule codes in words, else the problem's message.
  const signFailure = (error: unknown) =>
    (error instanceof ApiError
      ? (error.problem?.errors ?? [])
          .filter((f) => f.path.replace(/^body\.?/, ''))
          .map((f) => ruleMessage(t, f.code))
          .join(' ')
      : '') || errorMessage(error);

  return (
    <Stack gap="lg" maw={960}>
      <Anchor component={Link} to={recordLink(e.personId)} size="sm" className="no-print">
        {p ? t('encounter.backTo', { name: displayName(p) || p.prisonNumber }) : t('encounter.back')}
      </Anchor>
      <Stack gap={4}>
        <Title order={1}>{e.enteredInError ? <s>{title}</s> : title}</Title>
        <Group gap="sm">
          <Text fw={600}>{labels.dateTime(e.startedAt, zone)}</Text>
          <Tag color={statusColor(e.status)}>{labels.encounterStatus(e.status)}</Tag>
          {e.restricted ? <Tag color="grape.9">{t('form.restrictedMark')}</Tag> : null}
          {e.enteredInError ? <Tag color="red.9">{t('corrections.kinds.entered_in_error')}</Tag> : null}
        </Group>
        {p ? (
          <Text size="sm">{t('encounter.person', { name: displayName(p), number: p.prisonNumber })}</Text>
        ) : null}
      </Stack>

      <div ref={noticeRef} tabIndex={-1} role="status">
        {notice ? (
          <Alert color="teal" variant="light">
            {notice}
          </Alert>
        ) : null}
      </div>

      {e.hidden ? (
        <Alert color="grape.9" variant="light" title={t('encounter.restrictedEntry')}>
          {t('encounter.restrictedBody')}
        </Alert>
      ) : editable ? (
        <DraftEditor
          key={e.version}
          encounter={e}
          zone={zone}
          patientSex={p?.sex}
          what={what}
          onSaved={() => announce(t('encounter.saved'))}
          onSigned={() => announce(t('encounter.signed'))}
          onReload={async () => {
            await encounter.refetch();
            setNotice(t('encounter.reloaded'));
          }}
        />
      ) : (
        <Paper withBorder p="md" component="section" aria-labelledby="encounter-original">
          <Title order={2} size="h3" id="encounter-original" mb="sm">
            {e.status === 'signed' ? t('encounter.original') : t('encounter.content')}
          </Title>
          {e.enteredInError ? (
            <Text size="sm" mb="sm" c="red.9" fw={600}>
              {t('encounter.enteredInErrorNote')}
            </Text>
          ) : null}
          <EncounterContentView encounter={e} labels={labels} />
          {e.status === 'draft' && !own ? (
            <Text size="sm" mt="sm">
              {t('encounter.draftOfOther')}
            </Text>
          ) : null}
          {e.type === 'admission_screening' ? (
            <Anchor
              component={Link}
              to={`/clinical/screenings/${encodeURIComponent(e.id)}`}
              size="sm"
              mt="sm"
              display="block"
            >
              {t('encounter.openScreening')}
            </Anchor>
          ) : null}
          {signable ? (
            <Stack gap="xs" mt="md" align="flex-start" className="no-print">
              <Button onClick={() => setConfirming(true)} loading={signing.isPending}>
                {t('encounter.sign')}
              </Button>
              <SignConfirm
                opened={confirming}
                what={what}
                onCancel={() => setConfirming(false)}
                onConfirm={() => {
                  setConfirming(false);
                  signCompleted();
                }}
              />
              <Text size="sm">{t('encounter.signHint')}</Text>
            </Stack>
          ) : null}
          {signing.isError ? (
            <Alert color="red" role="alert" mt="sm" title={t('form.notSaved')}>
              {signFailure(signing.error)}
            </Alert>
          ) : null}
        </Paper>
      )}

      {e.status === 'signed' && e.contentHash ? (
        <section aria-labelledby="encounter-signature">
          <Title order={2} size="h3" id="encounter-signature" mb="xs">
            {t('encounter.signature')}
          </Title>
          <Text size="sm">
            {t('encounter.signedAt', { when: labels.dateTime(e.signedAt, zone) })}
            {e.signedBy === user?.id
              ? ` · ${t('encounter.byYou')}`
              : e.signedByName
                ? ` · ${t('encounter.by', { name: e.signedByName })}`
                : ''}
          </Text>
          <Text size="sm">
            {t('encounter.hash')}: <Hash value={e.contentHash} />
          </Text>
        </section>
      ) : null}

      {e.status === 'signed' && !e.hidden ? (
        <section aria-labelledby="encounter-corrections">
          <Title order={2} size="h3" id="encounter-corrections" mb="xs">
            {t('encounter.corrections')}
          </Title>
          {e.corrections.length === 0 ? (
            <Text size="sm">{t('encounter.noCorrections')}</Text>
          ) : (
            <Stack component="ol" gap="sm" p={0} m={0}>
              {e.corrections.map((c) => (
                <CorrectionView
                  key={c.id}
                  correction={c}
                  labels={labels}
                  own={c.authorId === user?.id}
                  zone={zone}
                />
              ))}
            </Stack>
          )}
          {correctable ? (
            <Group gap="sm" mt="sm" className="no-print">
              <Button variant="default" onClick={() => setCorrecting('amendment')}>
                {t('corrections.actions.amendment')}
              </Button>
              <Button variant="default" color="red.9" onClick={() => setCorrecting('entered_in_error')}>
                {t('corrections.actions.entered_in_error')}
              </Button>
            </Group>
          ) : null}
        </section>
      ) : null}

      <FormDialog
        title={correcting ? t(`corrections.actions.${correcting}`) : null}
        opened={correcting !== null}
        onClose={() => setCorrecting(null)}
      >
        {correcting ? (
          <CorrectionForm
            encounterId={e.id}
            kind={correcting}
            onCancel={() => setCorrecting(null)}
            onDone={() => {
              const kind = correcting;
              setCorrecting(null);
              announce(t(`corrections.done.${kind}`));
            }}
          />
        ) : null}
      </FormDialog>
    </Stack>
  );
}
