import { type EncounterContent, encounterTypes, presentKinds } from '@custodia/domain/clinical';
import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { FormErrors } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { fromLocalInput, toLocalInput, WARNING_COLOR } from '../../app/format.ts';
import { useClinicalLabels } from './labels.ts';

export interface PresentRow {
  key: number;
  kind: string;
  name: string;
  sex: string;
}

/** What the encounter form holds: the content as typed (date-time as wall-clock, sexes as text). */
export type EncounterValues = {
  type: string;
  startedAt: string;
  personsPresent: PresentRow[];
  custodialPresenceReason: string;
  interpreterUsed: boolean;
  femaleClinicianRequested: boolean;
  noStaffRecordReason: string;
  subjective: string;
  objective: string;
  assessment: string;
  plan: string;
  restricted: boolean;
};

let nextKey = 1;
export const newRow = (kind = '', name = ''): PresentRow => ({ key: nextKey++, kind, name, sex: '' });

export function valuesOf(content: EncounterContent, zone: string | undefined): EncounterValues {
  return {
    type: content.type,
    startedAt: toLocalInput(new Date(content.startedAt), zone),
    personsPresent: content.personsPresent.map((p) => ({ ...newRow(p.kind, p.name), sex: p.sex ?? '' })),
    custodialPresenceReason: content.custodialPresenceReason ?? '',
    interpreterUsed: content.interpreterUsed,
    femaleClinicianRequested: content.femaleClinicianRequested,
    noStaffRecordReason: content.noStaffRecordReason ?? '',
    subjective: content.subjective ?? '',
    objective: content.objective ?? '',
    assessment: content.assessment ?? '',
    plan: content.plan ?? '',
    restricted: content.restricted,
  };
}

/** The values as the schema wants them (for `encounterContentSchema`). */
export function contentOf(values: EncounterValues, zone: string | undefined): unknown {
  const text = (v: string) => (v.trim() ? v : null);
  return {
    type: values.type || undefined,
    startedAt: fromLocalInput(values.startedAt, zone),
    personsPresent: values.personsPresent.map((p) => ({
      kind: p.kind || undefined,
      name: p.name,
      sex: p.sex || null,
    })),
    custodialPresenceReason: text(values.custodialPresenceReason),
    interpreterUsed: values.interpreterUsed,
    femaleClinicianRequested: values.femaleClinicianRequested,
    noStaffRecordReason: values.femaleClinicianRequested ? text(values.noStaffRecordReason) : null,
    subjective: text(values.subjective),
    objective: text(values.objective),
    assessment: text(values.assessment),
    plan: text(values.plan),
    restricted: values.restricted,
  };
}

/**
 * The fields of a draft encounter: type and time, who was in the room (MED-4: custodial staff
 * present needs a reason; WOM-6/7 for women), interpreter, the SOAP note, and "restricted".
 */
export function EncounterFields({
  values,
  onChange,
  errors,
  zone,
  screening,
}: {
  values: EncounterValues;
  onChange: (values: EncounterValues) => void;
  errors: FormErrors;
  zone: string | undefined;
  /** A screening keeps its type. */
  screening: boolean;
}) {
  const { t } = useTranslation('clinical');
  const labels = useClinicalLabels();
  const set = <K extends keyof EncounterValues>(key: K, value: EncounterValues[K]) =>
    onChange({ ...values, [key]: value });
  const setRow = (key: number, change: Partial<PresentRow>) =>
    set(
      'personsPresent',
      values.personsPresent.map((row) => (row.key === key ? { ...row, ...change } : row)),
    );
  const custodialPresent = values.personsPresent.some((p) => p.kind === 'custodial_staff');
  const types = screening
    ? ['admission_screening']
    : encounterTypes.filter((v) => v !== 'admission_screening');

  return (
    <Stack gap="sm">
      <Group grow align="flex-start">
        <NativeSelect
          label={t('encounter.type')}
          required
          disabled={screening}
          value={values.type}
          onChange={(e) => set('type', e.currentTarget.value)}
          error={errors.type}
          data={types.map((v) => ({ value: v, label: labels.encounterType(v) }))}
        />
        <TextInput
          type="datetime-local"
          label={t('encounter.startedAt')}
          required
          description={zone ? t('form.timeZoneHint', { zone }) : undefined}
          value={values.startedAt}
          onChange={(e) => set('startedAt', e.currentTarget.value)}
          error={errors.startedAt}
        />
      </Group>

      <Fieldset legend={t('encounter.personsPresent')}>
        <Stack gap="xs">
          <Text size="sm">{t('encounter.personsPresentHint')}</Text>
          {errors.personsPresent ? (
            <Text size="sm" c="red.8" role="alert">
              {errors.personsPresent}
            </Text>
          ) : null}
          {values.personsPresent.map((row, i) => (
            <Fieldset key={row.key} variant="unstyled" legend={t('encounter.presentN', { n: i + 1 })}>
              <Group align="flex-end" gap="xs" wrap="wrap">
                <NativeSelect
                  label={t('encounter.presentKind')}
                  required
                  value={row.kind}
                  onChange={(e) => setRow(row.key, { kind: e.currentTarget.value })}
                  error={errors[`personsPresent.${i}.kind`]}
                  data={[
                    { value: '', label: t('form.choose') },
                    ...presentKinds.map((k) => ({ value: k, label: labels.presentKind(k) })),
                  ]}
                />
                <TextInput
                  label={t('encounter.presentName')}
                  required
                  value={row.name}
                  onChange={(e) => setRow(row.key, { name: e.currentTarget.value })}
                  error={errors[`personsPresent.${i}.name`]}
                  maxLength={160}
                />
                <NativeSelect
                  label={t('encounter.presentSex')}
                  value={row.sex}
                  onChange={(e) => setRow(row.key, { sex: e.currentTarget.value })}
                  error={errors[`personsPresent.${i}.sex`]}
                  data={[
                    { value: '', label: t('sexes.unknown') },
                    { value: 'female', label: labels.sex('female') },
                    { value: 'male', label: labels.sex('male') },
                  ]}
                />
                <Button
                  variant="subtle"
                  color="red.9"
                  disabled={values.personsPresent.length <= 1}
                  onClick={() =>
                    set(
                      'personsPresent',
                      values.personsPresent.filter((r) => r.key !== row.key),
                    )
                  }
                >
                  {t('encounter.removePresent', { n: i + 1 })}
                </Button>
              </Group>
            </Fieldset>
          ))}
          <div>
            <Button
              variant="default"
              size="xs"
              disabled={values.personsPresent.length >= 20}
              onClick={() => set('personsPresent', [...values.personsPresent, newRow()])}
            >
              {t('encounter.addPresent')}
            </Button>
          </div>
          {custodialPresent || errors.custodialPresenceReason ? (
            <>
              <Alert color={WARNING_COLOR} variant="light" title={t('encounter.custodialTitle')}>
                {t('encounter.custodialBody')}
              </Alert>
              <Textarea
                label={t('encounter.custodialPresenceReason')}
                required
                value={values.custodialPresenceReason}
                onChange={(e) => set('custodialPresenceReason', e.currentTarget.value)}
                error={errors.custodialPresenceReason}
                rows={2}
                maxLength={1000}
              />
            </>
          ) : (
            <Text size="sm">{t('encounter.custodialNote')}</Text>
          )}
        </Stack>
      </Fieldset>

      <Checkbox
        label={t('encounter.interpreterUsed')}
        checked={values.interpreterUsed}
        onChange={(e) => set('interpreterUsed', e.currentTarget.checked)}
      />
      <Checkbox
        label={t('encounter.femaleClinicianRequested')}
        description={t('encounter.femaleClinicianRequestedHint')}
        checked={values.femaleClinicianRequested}
        onChange={(e) => set('femaleClinicianRequested', e.currentTarget.checked)}
      />
      {/* WOM-6: asked for when the server finds the account linked to no staff record. */}
      {values.femaleClinicianRequested && (values.noStaffRecordReason || errors.noStaffRecordReason) ? (
        <Textarea
          label={t('encounter.noStaffRecordReason')}
          description={t('encounter.noStaffRecordReasonHint')}
          required
          value={values.noStaffRecordReason}
          onChange={(e) => set('noStaffRecordReason', e.currentTarget.value)}
          error={errors.noStaffRecordReason}
          rows={2}
          maxLength={1000}
        />
      ) : null}

      {(['subjective', 'objective', 'assessment', 'plan'] as const).map((field) => (
        <Textarea
          key={field}
          label={t(`encounter.soap.${field}`)}
          description={t(`encounter.soapHint.${field}`)}
          value={values[field]}
          onChange={(e) => set(field, e.currentTarget.value)}
          error={errors[field]}
          resize="vertical"
          rows={4}
          maxLength={20000}
        />
      ))}

      <Checkbox
        label={t('form.restricted')}
        description={t('form.restrictedHint')}
        checked={values.restricted}
        onChange={(e) => set('restricted', e.currentTarget.checked)}
      />
    </Stack>
  );
}
