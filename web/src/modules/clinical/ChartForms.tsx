import {
  allergyInputSchema,
  allergySeverities,
  consentInputSchema,
  consentProblem,
  encounterContentSchema,
  encounterTypes,
  labResultInputSchema,
  labResultProblem,
  labTestNames,
  labTests,
  problemInputSchema,
  type VitalSign,
  vitalSigns,
  vitalsInputSchema,
  vitalsProblems,
} from '@custodia/domain/clinical';
import {
  Alert,
  Checkbox,
  Group,
  Loader,
  NativeSelect,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { TFunction } from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fromLocalInput, toLocalInput, WARNING_COLOR } from '../../app/format.ts';
import { clinicalApi, type LabTest, useTerminology } from './clinical.api.ts';
import { FormFooter, useFormState } from './FormParts.tsx';
import { useClinicalLabels } from './labels.ts';
import { type PathErrors, ruleMessage, validatePaths } from './validation.ts';

export interface FormProps {
  personId: string;
  /** The time zone of the person's institution (date-times are its wall-clock time). */
  zone: string | undefined;
  onCancel: () => void;
  onDone: () => void;
}

/** A number typed with a comma or a point; empty is null; anything else stays text for the schema. */
function numberOrText(value: string): number | string | null {
  const trimmed = value.trim().replace(',', '.');
  if (!trimmed) return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : value;
}

function DateTimeField({
  label,
  value,
  onChange,
  error,
  zone,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  zone: string | undefined;
}) {
  const { t } = useTranslation('clinical');
  return (
    <TextInput
      type="datetime-local"
      label={label}
      required
      description={zone ? t('form.timeZoneHint', { zone }) : undefined}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      data-autofocus
    />
  );
}

const editableSigns = [
  'systolic',
  'diastolic',
  'pulse',
  'temperature',
  'respiratoryRate',
  'spo2',
  'weight',
  'height',
] as const;

/** The message for a vital sign's rule code, with the range a living adult can show. */
export function vitalMessage(t: TFunction, path: string, code: string): string {
  if (code === 'implausible_value' && path in vitalSigns) {
    const sign = vitalSigns[path as VitalSign];
    return t('vitals.implausible', {
      ns: 'clinical',
      min: sign.min,
      max: sign.max,
      unit: t(`vitals.units.${path}`, { ns: 'clinical' }),
    });
  }
  return ruleMessage(t, code);
}

/** Vital signs, one set of readings (impossible values refused with their range; BMI computed). */
export function VitalsForm({ personId, zone, onCancel, onDone }: FormProps) {
  const { t } = useTranslation('clinical');
  const labels = useClinicalLabels();
  const state = useFormState((path, code) => vitalMessage(t, path, code));
  const [takenAt, setTakenAt] = useState(() => toLocalInput(new Date(), zone));
  const [readings, setReadings] = useState<Record<string, string>>({});

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = {
      takenAt: fromLocalInput(takenAt, zone),
      ...Object.fromEntries(editableSigns.map((name) => [name, numberOrText(readings[name] ?? '')])),
    };
    const checked = validatePaths(vitalsInputSchema, input, t);
    if (!checked.ok) {
      state.setErrors(checked.errors);
      return;
    }
    const problems = vitalsProblems(checked.data);
    if (problems.length) {
      const errors: PathErrors = {};
      for (const p of problems) errors[p.field] ??= vitalMessage(t, p.field, p.code);
      state.setErrors(errors);
      return;
    }
    await state.send(() => clinicalApi.addVitals(personId, checked.data), onDone);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <DateTimeField
          label={t('vitals.takenAt')}
          value={takenAt}
          onChange={setTakenAt}
          error={state.errors.takenAt}
          zone={zone}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {editableSigns.map((name) => (
            <TextInput
              key={name}
              label={`${labels.vitalSign(name)} (${labels.vitalUnit(name)})`}
              inputMode="decimal"
              autoComplete="off"
              value={readings[name] ?? ''}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setReadings((r) => ({ ...r, [name]: value }));
              }}
              error={state.errors[name]}
            />
          ))}
        </SimpleGrid>
        <Text size="sm">{t('vitals.bmiHint')}</Text>
        <FormFooter failure={state.failure} busy={state.busy} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

/** A problem coded with ICD-10 (DAT-5): found by code or words as one types, then chosen. */
export function ProblemForm({ personId, onCancel, onDone }: FormProps) {
  const { t, i18n } = useTranslation('clinical');
  const state = useFormState();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const found = useTerminology(debounced, i18n.resolvedLanguage ?? 'az');
  const [code, setCode] = useState('');
  const [onsetDate, setOnsetDate] = useState('');
  const [note, setNote] = useState('');
  const [restricted, setRestricted] = useState(false);
  const items = found.data ?? [];
  const demo = items.some((c) => c.demo);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validatePaths(
      problemInputSchema,
      { code, onsetDate: onsetDate || null, note: note || null, restricted },
      t,
    );
    if (!checked.ok) {
      state.setErrors(checked.errors);
      return;
    }
    await state.send(() => clinicalApi.addProblem(personId, checked.data), onDone);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          label={t('problems.search')}
          description={t('problems.searchHint')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          autoComplete="off"
          data-autofocus
        />
        <div role="status">
          {found.isFetching ? (
            <Group gap="sm">
              <Loader size="xs" />
              <Text size="sm">{t('problems.searching')}</Text>
            </Group>
          ) : debounced.trim() && items.length === 0 && !found.isError ? (
            <Text size="sm">{t('problems.noMatch')}</Text>
          ) : null}
        </div>
        {demo ? (
          <Alert color={WARNING_COLOR} variant="light" title={t('problems.demoTitle')}>
            {t('problems.demoBody')}
          </Alert>
        ) : null}
        {items.length > 0 ? (
          <Radio.Group
            label={t('problems.code')}
            required
            value={code}
            onChange={setCode}
            error={state.errors.code}
          >
            <Stack gap={6} mt="xs">
              {items.map((c) => (
                <Radio key={c.code} value={c.code} label={`${c.code} · ${c.display}`} />
              ))}
            </Stack>
          </Radio.Group>
        ) : state.errors.code ? (
          <Text c="red.8" size="sm" role="alert">
            {t('problems.chooseCode')}
          </Text>
        ) : null}
        <TextInput
          type="date"
          label={t('problems.onsetDate')}
          value={onsetDate}
          onChange={(e) => setOnsetDate(e.currentTarget.value)}
          error={state.errors.onsetDate}
        />
        <Textarea
          label={t('problems.note')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={state.errors.note}
          rows={2}
          maxLength={2000}
        />
        <Checkbox
          label={t('form.restricted')}
          description={t('form.restrictedHint')}
          checked={restricted}
          onChange={(e) => setRestricted(e.currentTarget.checked)}
        />
        <FormFooter failure={state.failure} busy={state.busy} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

const allergyCategories = allergyInputSchema.shape.category.options;
const allergyTypes = ['allergy', 'intolerance'] as const;

export function AllergyForm({ personId, onCancel, onDone }: FormProps) {
  const { t } = useTranslation('clinical');
  const labels = useClinicalLabels();
  const state = useFormState();
  const [values, setValues] = useState({
    substance: '',
    category: '',
    type: 'allergy',
    severity: '',
    reaction: '',
  });
  const set = (key: keyof typeof values, value: string) => setValues((v) => ({ ...v, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validatePaths(
      allergyInputSchema,
      {
        ...values,
        category: values.category || undefined,
        severity: values.severity || undefined,
        reaction: values.reaction || null,
      },
      t,
    );
    if (!checked.ok) {
      state.setErrors(checked.errors);
      return;
    }
    await state.send(() => clinicalApi.addAllergy(personId, checked.data), onDone);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          label={t('allergies.substance')}
          required
          value={values.substance}
          onChange={(e) => set('substance', e.currentTarget.value)}
          error={state.errors.substance}
          maxLength={200}
          data-autofocus
        />
        <NativeSelect
          label={t('allergies.category')}
          required
          value={values.category}
          onChange={(e) => set('category', e.currentTarget.value)}
          error={state.errors.category}
          data={[
            { value: '', label: t('form.choose') },
            ...allergyCategories.map((c) => ({ value: c, label: labels.allergyCategory(c) })),
          ]}
        />
        <NativeSelect
          label={t('allergies.type')}
          required
          value={values.type}
          onChange={(e) => set('type', e.currentTarget.value)}
          data={allergyTypes.map((c) => ({ value: c, label: labels.allergyType(c) }))}
        />
        <NativeSelect
          label={t('allergies.severity')}
          required
          value={values.severity}
          onChange={(e) => set('severity', e.currentTarget.value)}
          error={state.errors.severity}
          data={[
            { value: '', label: t('form.choose') },
            ...allergySeverities.map((c) => ({ value: c, label: labels.allergySeverity(c) })),
          ]}
        />
        <TextInput
          label={t('allergies.reaction')}
          value={values.reaction}
          onChange={(e) => set('reaction', e.currentTarget.value)}
          error={state.errors.reaction}
          maxLength={500}
        />
        <FormFooter failure={state.failure} busy={state.busy} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

/** Tests whose results are sensitive (HIV, hepatitis): restricted by default on the form (MED-1). */
const sensitiveTests = new Set<LabTest>([
  'hiv_rapid',
  'hcv_antibody',
  'hcv_rna',
  'hbsag',
  'cd4',
  'hiv_viral_load',
]);

export function LabResultForm({ personId, zone, onCancel, onDone }: FormProps) {
  const { t } = useTranslation('clinical');
  const labels = useClinicalLabels();
  const state = useFormState();
  const [test, setTest] = useState<LabTest | ''>('');
  const [effectiveAt, setEffectiveAt] = useState(() => toLocalInput(new Date(), zone));
  const [valueCode, setValueCode] = useState('');
  const [valueNumber, setValueNumber] = useState('');
  const [note, setNote] = useState('');
  const [restricted, setRestricted] = useState(false);
  const definition = test ? labTests[test] : null;
  const unit = definition && 'unit' in definition ? definition.unit : null;
  const coded: readonly string[] = definition?.coded ?? [];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validatePaths(
      labResultInputSchema,
      {
        test: test || undefined,
        effectiveAt: fromLocalInput(effectiveAt, zone),
        valueCode: valueCode || null,
        valueNumber: numberOrText(valueNumber),
        note: note || null,
        restricted,
      },
      t,
    );
    if (!checked.ok) {
      state.setErrors(checked.errors);
      return;
    }
    const problem = labResultProblem(checked.data);
    if (problem) {
      state.setErrors({
        [problem === 'unknown_result_code' || !unit ? 'valueCode' : 'valueNumber']: ruleMessage(t, problem),
      });
      return;
    }
    await state.send(() => clinicalApi.addLabResult(personId, checked.data), onDone);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <NativeSelect
          label={t('labs.test')}
          required
          value={test}
          onChange={(e) => {
            const next = e.currentTarget.value as LabTest | '';
            setTest(next);
            setValueCode('');
            setValueNumber('');
            setRestricted(next !== '' && sensitiveTests.has(next));
          }}
          error={state.errors.test}
          data={[
            { value: '', label: t('form.choose') },
            ...labTestNames.map((name) => ({ value: name, label: labels.labTest(name) })),
          ]}
          data-autofocus
        />
        <TextInput
          type="datetime-local"
          label={t('labs.effectiveAt')}
          required
          description={zone ? t('form.timeZoneHint', { zone }) : undefined}
          value={effectiveAt}
          onChange={(e) => setEffectiveAt(e.currentTarget.value)}
          error={state.errors.effectiveAt}
        />
        {coded.length > 0 ? (
          <NativeSelect
            label={t('labs.result')}
            description={unit ? t('labs.resultOrNumber') : undefined}
            required={!unit}
            value={valueCode}
            onChange={(e) => setValueCode(e.currentTarget.value)}
            error={state.errors.valueCode}
            data={[
              { value: '', label: t('form.choose') },
              ...coded.map((c) => ({ value: c, label: labels.labResult(c) })),
            ]}
          />
        ) : null}
        {unit && test ? (
          <TextInput
            label={t('labs.value', { unit: labels.labUnit(test) })}
            inputMode="decimal"
            autoComplete="off"
            required={coded.length === 0}
            value={valueNumber}
            onChange={(e) => setValueNumber(e.currentTarget.value)}
            error={state.errors.valueNumber}
          />
        ) : null}
        <Textarea
          label={t('labs.note')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={state.errors.note}
          rows={2}
          maxLength={2000}
        />
        <Checkbox
          label={t('form.restricted')}
          description={t('labs.restrictedHint')}
          checked={restricted}
          onChange={(e) => setRestricted(e.currentTarget.checked)}
        />
        <FormFooter failure={state.failure} busy={state.busy} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

/** MED-6: informed consent or refusal, the information given, and a witness for a refusal. */
export function ConsentForm({ personId, zone, onCancel, onDone }: FormProps) {
  const { t } = useTranslation('clinical');
  const state = useFormState();
  const [values, setValues] = useState({
    topic: '',
    decision: '',
    informationGiven: '',
    signature: 'signed',
    witness: '',
    recordedAt: toLocalInput(new Date(), zone),
  });
  const set = (key: keyof typeof values, value: string) => setValues((v) => ({ ...v, [key]: value }));
  const witnessNeeded = values.decision === 'refused' || values.signature === 'declined_to_sign';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validatePaths(
      consentInputSchema,
      {
        ...values,
        decision: values.decision || undefined,
        witness: values.witness || null,
        recordedAt: fromLocalInput(values.recordedAt, zone),
      },
      t,
    );
    const errors: PathErrors = checked.ok ? {} : { ...checked.errors };
    if (checked.ok && consentProblem(checked.data)) errors.witness = ruleMessage(t, 'witness_required');
    if (!checked.ok || Object.keys(errors).length) {
      state.setErrors(errors);
      return;
    }
    await state.send(() => clinicalApi.addConsent(personId, checked.data), onDone);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          label={t('consents.topic')}
          description={t('consents.topicHint')}
          required
          value={values.topic}
          onChange={(e) => set('topic', e.currentTarget.value)}
          error={state.errors.topic}
          maxLength={300}
          data-autofocus
        />
        <Radio.Group
          label={t('consents.decision')}
          required
          value={values.decision}
          onChange={(v) => set('decision', v)}
          error={state.errors.decision}
        >
          <Group gap="lg" mt="xs">
            <Radio value="consented" label={t('consents.decisions.consented')} />
            <Radio value="refused" label={t('consents.decisions.refused')} />
          </Group>
        </Radio.Group>
        <Textarea
          label={t('consents.informationGiven')}
          description={t('consents.informationGivenHint')}
          required
          value={values.informationGiven}
          onChange={(e) => set('informationGiven', e.currentTarget.value)}
          error={state.errors.informationGiven}
          rows={3}
          maxLength={4000}
        />
        <NativeSelect
          label={t('consents.signature')}
          required
          value={values.signature}
          onChange={(e) => set('signature', e.currentTarget.value)}
          data={[
            { value: 'signed', label: t('consents.signatures.signed') },
            { value: 'declined_to_sign', label: t('consents.signatures.declined_to_sign') },
          ]}
        />
        <TextInput
          label={t('consents.witness')}
          description={t('consents.witnessHint')}
          required={witnessNeeded}
          value={values.witness}
          onChange={(e) => set('witness', e.currentTarget.value)}
          error={state.errors.witness}
          maxLength={160}
        />
        <TextInput
          type="datetime-local"
          label={t('consents.recordedAt')}
          required
          description={zone ? t('form.timeZoneHint', { zone }) : undefined}
          value={values.recordedAt}
          onChange={(e) => set('recordedAt', e.currentTarget.value)}
          error={state.errors.recordedAt}
        />
        <FormFooter failure={state.failure} busy={state.busy} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

export interface EntryCorrection {
  entry: 'problems' | 'allergies' | 'observations';
  id: string;
  status: 'resolved' | 'entered_in_error';
  /** What the entry is, in words, to show whom it concerns. */
  what: string;
}

/** Resolve a problem or allergy, or mark an entry entered in error; the reason is kept with it. */
export function CorrectEntryForm({
  correction,
  onCancel,
  onDone,
}: {
  correction: EntryCorrection;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation('clinical');
  const state = useFormState();
  const [reason, setReason] = useState('');

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (reason.trim().length < 3) {
      state.setErrors({ reason: t('validation.tooShort', { ns: 'common', min: 3 }) });
      return;
    }
    await state.send(
      () =>
        clinicalApi.correctEntry(correction.entry, correction.id, {
          status: correction.status,
          reason: reason.trim(),
        }),
      onDone,
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{correction.what}</Text>
        {correction.status === 'entered_in_error' ? (
          <Text size="sm">{t('corrections.errorHint')}</Text>
        ) : null}
        <Textarea
          label={t('corrections.reason')}
          required
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={state.errors.reason}
          rows={2}
          maxLength={1000}
          data-autofocus
        />
        <FormFooter
          failure={state.failure}
          busy={state.busy}
          onCancel={onCancel}
          submitLabel={t(`corrections.submit.${correction.status}`)}
        />
      </Stack>
    </form>
  );
}

const newEncounterTypes = encounterTypes.filter((type) => type !== 'admission_screening');

/**
 * Starts a draft encounter: its type and time, with the clinician listed as present (MED-4); the
 * note, and anyone else in the room, are written on the encounter's page.
 */
export function NewEncounterForm({
  personId,
  zone,
  clinicianName,
  onCancel,
  onCreated,
}: Omit<FormProps, 'onDone'> & { clinicianName: string; onCreated: (id: string) => void }) {
  const { t } = useTranslation('clinical');
  const labels = useClinicalLabels();
  const state = useFormState();
  const [type, setType] = useState('');
  const [startedAt, setStartedAt] = useState(() => toLocalInput(new Date(), zone));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validatePaths(
      encounterContentSchema,
      {
        type: type || undefined,
        startedAt: fromLocalInput(startedAt, zone),
        personsPresent: [{ kind: 'clinician', name: clinicianName, sex: null }],
      },
      t,
    );
    if (!checked.ok) {
      state.setErrors(checked.errors);
      return;
    }
    let id = '';
    await state.send(
      async () => {
        id = (await clinicalApi.createEncounter(personId, checked.data)).id;
      },
      () => onCreated(id),
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <NativeSelect
          label={t('encounter.type')}
          required
          value={type}
          onChange={(e) => setType(e.currentTarget.value)}
          error={state.errors.type}
          data={[
            { value: '', label: t('form.choose') },
            ...newEncounterTypes.map((v) => ({ value: v, label: labels.encounterType(v) })),
          ]}
          data-autofocus
        />
        <TextInput
          type="datetime-local"
          label={t('encounter.startedAt')}
          required
          description={zone ? t('form.timeZoneHint', { zone }) : undefined}
          value={startedAt}
          onChange={(e) => setStartedAt(e.currentTarget.value)}
          error={state.errors.startedAt}
        />
        <Text size="sm">{t('encounter.newHint', { name: clinicianName })}</Text>
        <FormFooter
          failure={state.failure}
          busy={state.busy}
          onCancel={onCancel}
          submitLabel={t('encounter.start')}
        />
      </Stack>
    </form>
  );
}
