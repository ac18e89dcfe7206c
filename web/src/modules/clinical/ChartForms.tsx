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
import type { FormErrors, UseFormReturnType } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fromLocalInput, toLocalInput, WARNING_COLOR } from '../../app/format.ts';
import { useWriteForm } from '../../app/useWriteForm.tsx';
import {
  type LabTest,
  useAddAllergy,
  useAddConsent,
  useAddLabResult,
  useAddProblem,
  useAddVitals,
  useCorrectEntry,
  useCreateEncounter,
  useTerminology,
} from './clinical.api.ts';
import { FormFooter } from './FormParts.tsx';
import { useClinicalLabels } from './labels.ts';
import { ruleMessage, useClinicalFormMessages } from './validation.ts';

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
  zone,
  ...input
}: {
  label: string;
  zone: string | undefined;
} & ReturnType<UseFormReturnType<Record<string, unknown>>['getInputProps']>) {
  const { t } = useTranslation('clinical');
  return (
    <TextInput
      type="datetime-local"
      label={label}
      required
      description={zone ? t('form.timeZoneHint', { zone }) : undefined}
      {...input}
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
  const write = useWriteForm({
    ...useClinicalFormMessages((path, code) => vitalMessage(t, path, code)),
    initialValues: {
      takenAt: toLocalInput(new Date(), zone),
      ...Object.fromEntries(editableSigns.map((name) => [name, ''])),
    } as Record<string, string>,
    schema: vitalsInputSchema,
    toBody: (values) => ({
      takenAt: fromLocalInput(values.takenAt ?? '', zone),
      ...Object.fromEntries(editableSigns.map((name) => [name, numberOrText(values[name] ?? '')])),
    }),
    // The ranges a living adult can show, once each reading is a number.
    refine: (_values, errors, body) => {
      if (Object.keys(errors).length) return errors;
      const found: FormErrors = {};
      for (const p of vitalsProblems(vitalsInputSchema.parse(body)))
        found[p.field] ??= vitalMessage(t, p.field, p.code);
      return found;
    },
    write: useAddVitals(personId),
    onSuccess: onDone,
  });
  const { form } = write;

  return (
    <form {...write.formProps}>
      <Stack gap="sm">
        <DateTimeField label={t('vitals.takenAt')} zone={zone} {...form.getInputProps('takenAt')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {editableSigns.map((name) => (
            <TextInput
              key={name}
              label={`${labels.vitalSign(name)} (${labels.vitalUnit(name)})`}
              inputMode="decimal"
              autoComplete="off"
              {...form.getInputProps(name)}
            />
          ))}
        </SimpleGrid>
        <Text size="sm">{t('vitals.bmiHint')}</Text>
        <FormFooter failure={write.failure} busy={write.busy} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

/** A problem coded with ICD-10 (DAT-5): found by code or words as one types, then chosen. */
export function ProblemForm({ personId, onCancel, onDone }: FormProps) {
  const { t, i18n } = useTranslation('clinical');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const found = useTerminology(debounced, i18n.resolvedLanguage ?? 'az');
  const write = useWriteForm({
    ...useClinicalFormMessages(),
    initialValues: { code: '', onsetDate: '', note: '', restricted: false },
    schema: problemInputSchema,
    toBody: (v) => ({ ...v, onsetDate: v.onsetDate || null, note: v.note || null }),
    write: useAddProblem(personId),
    onSuccess: onDone,
  });
  const { form } = write;
  const items = found.data ?? [];
  const demo = items.some((c) => c.demo);

  return (
    <form {...write.formProps}>
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
          <Radio.Group label={t('problems.code')} required {...form.getInputProps('code')}>
            <Stack gap={6} mt="xs">
              {items.map((c) => (
                <Radio key={c.code} value={c.code} label={`${c.code} · ${c.display}`} />
              ))}
            </Stack>
          </Radio.Group>
        ) : form.errors.code ? (
          <Text c="red.8" size="sm" role="alert">
            {t('problems.chooseCode')}
          </Text>
        ) : null}
        <TextInput type="date" label={t('problems.onsetDate')} {...form.getInputProps('onsetDate')} />
        <Textarea label={t('problems.note')} {...form.getInputProps('note')} rows={2} maxLength={2000} />
        <Checkbox
          label={t('form.restricted')}
          description={t('form.restrictedHint')}
          {...form.getInputProps('restricted', { type: 'checkbox' })}
        />
        <FormFooter failure={write.failure} busy={write.busy} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

const allergyCategories = allergyInputSchema.shape.category.options;
const allergyTypes = ['allergy', 'intolerance'] as const;

export function AllergyForm({ personId, onCancel, onDone }: FormProps) {
  const { t } = useTranslation('clinical');
  const labels = useClinicalLabels();
  const write = useWriteForm({
    ...useClinicalFormMessages(),
    initialValues: { substance: '', category: '', type: 'allergy', severity: '', reaction: '' },
    schema: allergyInputSchema,
    toBody: (values) => ({
      ...values,
      category: values.category || undefined,
      severity: values.severity || undefined,
      reaction: values.reaction || null,
    }),
    write: useAddAllergy(personId),
    onSuccess: onDone,
  });
  const { form } = write;

  return (
    <form {...write.formProps}>
      <Stack gap="sm">
        <TextInput
          label={t('allergies.substance')}
          required
          {...form.getInputProps('substance')}
          maxLength={200}
          data-autofocus
        />
        <NativeSelect
          label={t('allergies.category')}
          required
          {...form.getInputProps('category')}
          data={[
            { value: '', label: t('form.choose') },
            ...allergyCategories.map((c) => ({ value: c, label: labels.allergyCategory(c) })),
          ]}
        />
        <NativeSelect
          label={t('allergies.type')}
          required
          {...form.getInputProps('type')}
          data={allergyTypes.map((c) => ({ value: c, label: labels.allergyType(c) }))}
        />
        <NativeSelect
          label={t('allergies.severity')}
          required
          {...form.getInputProps('severity')}
          data={[
            { value: '', label: t('form.choose') },
            ...allergySeverities.map((c) => ({ value: c, label: labels.allergySeverity(c) })),
          ]}
        />
        <TextInput label={t('allergies.reaction')} {...form.getInputProps('reaction')} maxLength={500} />
        <FormFooter failure={write.failure} busy={write.busy} onCancel={onCancel} />
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

/** The unit of a test's numeric result, or null for a test with coded results only. */
function unitOf(test: LabTest | ''): string | null {
  const definition = test ? labTests[test] : null;
  return definition && 'unit' in definition ? definition.unit : null;
}

export function LabResultForm({ personId, zone, onCancel, onDone }: FormProps) {
  const { t } = useTranslation('clinical');
  const labels = useClinicalLabels();
  const write = useWriteForm({
    ...useClinicalFormMessages(),
    initialValues: {
      test: '' as LabTest | '',
      effectiveAt: toLocalInput(new Date(), zone),
      valueCode: '',
      valueNumber: '',
      note: '',
      restricted: false,
    },
    schema: labResultInputSchema,
    toBody: (v) => ({
      test: v.test || undefined,
      effectiveAt: fromLocalInput(v.effectiveAt, zone),
      valueCode: v.valueCode || null,
      valueNumber: numberOrText(v.valueNumber),
      note: v.note || null,
      restricted: v.restricted,
    }),
    // A coded result the test does not have, or a number where it needs one (the rule in domain/).
    refine: (_values, errors, body) => {
      if (Object.keys(errors).length) return errors;
      const problem = labResultProblem(labResultInputSchema.parse(body));
      return problem
        ? {
            [problem === 'unknown_result_code' || !unit ? 'valueCode' : 'valueNumber']: ruleMessage(
              t,
              problem,
            ),
          }
        : errors;
    },
    write: useAddLabResult(personId),
    onSuccess: onDone,
  });
  const { form } = write;
  const { test } = form.values;
  const unit = unitOf(test);
  const coded: readonly string[] = (test ? labTests[test] : null)?.coded ?? [];

  return (
    <form {...write.formProps}>
      <Stack gap="sm">
        <NativeSelect
          label={t('labs.test')}
          required
          value={test}
          onChange={(e) => {
            const next = e.currentTarget.value as LabTest | '';
            form.setValues({
              test: next,
              valueCode: '',
              valueNumber: '',
              restricted: next !== '' && sensitiveTests.has(next),
            });
            form.clearFieldError('test');
          }}
          error={form.errors.test}
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
          {...form.getInputProps('effectiveAt')}
        />
        {coded.length > 0 ? (
          <NativeSelect
            label={t('labs.result')}
            description={unit ? t('labs.resultOrNumber') : undefined}
            required={!unit}
            {...form.getInputProps('valueCode')}
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
            {...form.getInputProps('valueNumber')}
          />
        ) : null}
        <Textarea label={t('labs.note')} {...form.getInputProps('note')} rows={2} maxLength={2000} />
        <Checkbox
          label={t('form.restricted')}
          description={t('labs.restrictedHint')}
          {...form.getInputProps('restricted', { type: 'checkbox' })}
        />
        <FormFooter failure={write.failure} busy={write.busy} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

/** MED-6: informed consent or refusal, the information given, and a witness for a refusal. */
export function ConsentForm({ personId, zone, onCancel, onDone }: FormProps) {
  const { t } = useTranslation('clinical');
  const write = useWriteForm({
    ...useClinicalFormMessages(),
    initialValues: {
      topic: '',
      decision: '',
      informationGiven: '',
      signature: 'signed',
      witness: '',
      recordedAt: toLocalInput(new Date(), zone),
    },
    schema: consentInputSchema,
    toBody: (values) => ({
      ...values,
      decision: values.decision || undefined,
      witness: values.witness || null,
      recordedAt: fromLocalInput(values.recordedAt, zone),
    }),
    // A refusal, or a consent not signed, needs a witness (the rule in domain/).
    refine: (_values, errors, body) =>
      Object.keys(errors).length === 0 && consentProblem(consentInputSchema.parse(body))
        ? { witness: ruleMessage(t, 'witness_required') }
        : errors,
    write: useAddConsent(personId),
    onSuccess: onDone,
  });
  const { form } = write;
  const values = form.values;
  const witnessNeeded = values.decision === 'refused' || values.signature === 'declined_to_sign';

  return (
    <form {...write.formProps}>
      <Stack gap="sm">
        <TextInput
          label={t('consents.topic')}
          description={t('consents.topicHint')}
          required
          {...form.getInputProps('topic')}
          maxLength={300}
          data-autofocus
        />
        <Radio.Group label={t('consents.decision')} required {...form.getInputProps('decision')}>
          <Group gap="lg" mt="xs">
            <Radio value="consented" label={t('consents.decisions.consented')} />
            <Radio value="refused" label={t('consents.decisions.refused')} />
          </Group>
        </Radio.Group>
        <Textarea
          label={t('consents.informationGiven')}
          description={t('consents.informationGivenHint')}
          required
          {...form.getInputProps('informationGiven')}
          rows={3}
          maxLength={4000}
        />
        <NativeSelect
          label={t('consents.signature')}
          required
          {...form.getInputProps('signature')}
          data={[
            { value: 'signed', label: t('consents.signatures.signed') },
            { value: 'declined_to_sign', label: t('consents.signatures.declined_to_sign') },
          ]}
        />
        <TextInput
          label={t('consents.witness')}
          description={t('consents.witnessHint')}
          required={witnessNeeded}
          {...form.getInputProps('witness')}
          maxLength={160}
        />
        <TextInput
          type="datetime-local"
          label={t('consents.recordedAt')}
          required
          description={zone ? t('form.timeZoneHint', { zone }) : undefined}
          {...form.getInputProps('recordedAt')}
        />
        <FormFooter failure={write.failure} busy={write.busy} onCancel={onCancel} />
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
  const write = useWriteForm({
    ...useClinicalFormMessages(),
    initialValues: { reason: '' },
    toBody: ({ reason }) => ({ status: correction.status, reason: reason.trim() }),
    refine: ({ reason }, errors) =>
      reason.trim().length < 3 ? { reason: t('validation.tooShort', { ns: 'common', min: 3 }) } : errors,
    write: useCorrectEntry(correction.entry, correction.id),
    onSuccess: onDone,
  });

  return (
    <form {...write.formProps}>
      <Stack gap="sm">
        <Text size="sm">{correction.what}</Text>
        {correction.status === 'entered_in_error' ? (
          <Text size="sm">{t('corrections.errorHint')}</Text>
        ) : null}
        <Textarea
          label={t('corrections.reason')}
          required
          {...write.form.getInputProps('reason')}
          rows={2}
          maxLength={1000}
          data-autofocus
        />
        <FormFooter
          failure={write.failure}
          busy={write.busy}
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
  const write = useWriteForm({
    ...useClinicalFormMessages(),
    initialValues: { type: '', startedAt: toLocalInput(new Date(), zone) },
    schema: encounterContentSchema,
    toBody: ({ type, startedAt }) => ({
      type: type || undefined,
      startedAt: fromLocalInput(startedAt, zone),
      personsPresent: [{ kind: 'clinician', name: clinicianName, sex: null }],
    }),
    write: useCreateEncounter(personId),
    onSuccess: ({ id }) => onCreated(id),
  });
  const { form } = write;

  return (
    <form {...write.formProps}>
      <Stack gap="sm">
        <NativeSelect
          label={t('encounter.type')}
          required
          {...form.getInputProps('type')}
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
          {...form.getInputProps('startedAt')}
        />
        <Text size="sm">{t('encounter.newHint', { name: clinicianName })}</Text>
        <FormFooter
          failure={write.failure}
          busy={write.busy}
          onCancel={onCancel}
          submitLabel={t('encounter.start')}
        />
      </Stack>
    </form>
  );
}
