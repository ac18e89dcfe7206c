import { admitSchema, readmitSchema } from '@custodia/domain/registry';
import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type ChangeEvent, type ComponentProps, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useActiveInstitution } from '../../app/activeInstitution.ts';
import { ApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { displayName, fromLocalInput, toLocalInput } from '../../app/format.ts';
import { useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm, WriteFeedback } from '../../app/useWriteForm.tsx';
import { DuplicateDialog } from './DuplicateDialog.tsx';
import { useRegistryLabels } from './labels.ts';
import {
  type DuplicateCandidate,
  duplicateCandidates,
  type PersonSummary,
  problemFieldCode,
  useAdmit,
  useInstitutions,
  usePerson,
  useTimeZoneOf,
} from './registry.api.ts';
import { useRegistryFormMessages } from './validation.ts';

interface FamilyRow {
  key: number;
  relation: string;
  name: string;
  isChild: boolean;
  age: string;
  whereabouts: string;
  caredForBy: string;
}

export type AdmissionValues = {
  person: {
    surnameLatin: string;
    givenNameLatin: string;
    patronymicLatin: string;
    surnameCyrillic: string;
    givenNameCyrillic: string;
    patronymicCyrillic: string;
    birthDate: string;
    sex: string;
    genderIdentity: string;
    citizenship: string;
    language: string;
    interpreterNeeded: boolean;
    prisonNumber: string;
    nationalId: string;
  };
  admission: {
    institutionId: string;
    admittedAt: string;
    commitmentOrderReference: string;
    issuingAuthority: string;
    legalBasis: string;
    legalStatus: string;
    arrestedAt: string;
    arrestPlace: string;
    visibleInjuries: string;
    illTreatmentComplaints: string;
    propertySummary: string;
    emergencyContact: { name: string; relation: string; phone: string };
    informationGivenInLanguage: boolean;
  };
  family: FamilyRow[];
};

/** The identity of a person already registered, as the form's (read-only) identity fields. */
function identityValues(p: PersonSummary): AdmissionValues['person'] {
  return {
    surnameLatin: p.surnameLatin ?? '',
    givenNameLatin: p.givenNameLatin ?? '',
    patronymicLatin: p.patronymicLatin ?? '',
    surnameCyrillic: p.surnameCyrillic ?? '',
    givenNameCyrillic: p.givenNameCyrillic ?? '',
    patronymicCyrillic: p.patronymicCyrillic ?? '',
    birthDate: p.birthDate,
    sex: p.sex,
    genderIdentity: p.genderIdentity ?? '',
    citizenship: p.citizenship,
    language: p.language,
    interpreterNeeded: p.interpreterNeeded,
    prisonNumber: p.prisonNumber,
    nationalId: p.nationalId ?? '',
  };
}

function emptyValues(institutionId: string, timeZone: string | undefined): AdmissionValues {
  return {
    person: {
      surnameLatin: '',
      givenNameLatin: '',
      patronymicLatin: '',
      surnameCyrillic: '',
      givenNameCyrillic: '',
      patronymicCyrillic: '',
      birthDate: '',
      sex: '',
      genderIdentity: '',
      citizenship: '',
      language: '',
      interpreterNeeded: false,
      prisonNumber: '',
      nationalId: '',
    },
    admission: {
      institutionId,
      admittedAt: toLocalInput(new Date(), timeZone),
      commitmentOrderReference: '',
      issuingAuthority: '',
      legalBasis: '',
      legalStatus: '',
      arrestedAt: '',
      arrestPlace: '',
      visibleInjuries: '',
      illTreatmentComplaints: '',
      propertySummary: '',
      emergencyContact: { name: '', relation: '', phone: '' },
      informationGivenInLanguage: false,
    },
    family: [],
  };
}

/**
 * The form's values in the shape of `admitSchema` (empty choices left out, so the schema names them);
 * dates and times are read in the time zone of the institution of admission.
 */
export function toAdmitInput(
  values: AdmissionValues,
  confirmedNotDuplicate: boolean,
  timeZone: string | undefined,
) {
  const { admission, person } = values;
  return {
    person: { ...person, sex: person.sex || undefined },
    admission: {
      ...admission,
      legalStatus: admission.legalStatus || undefined,
      admittedAt: fromLocalInput(admission.admittedAt, timeZone),
      arrestedAt: fromLocalInput(admission.arrestedAt, timeZone),
      familyMembers: values.family.map(({ key: _key, age, ...member }) => ({
        ...member,
        age: age.trim() === '' ? null : Number(age),
      })),
    },
    confirmedNotDuplicate,
  };
}

/** Where a refused event's code belongs in the admission form. */
const eventCodeField: Record<string, string> = {
  event_before_birth: 'person.birthDate',
  event_arrest_after_admission: 'admission.arrestedAt',
  event_in_the_future: 'admission.admittedAt',
  event_before_previous_event: 'admission.admittedAt',
};

let familyKey = 0;

const nameFields: string[] = ['surnameLatin', 'givenNameLatin', 'surnameCyrillic', 'givenNameCyrillic'];

/**
 * Admission (STANDARDS ADM-3, Mandela rule 7): the record cannot be saved without identity, the
 * commitment order and its authority, arrest, admission, injuries and complaints, property,
 * family members with children, and an emergency contact. The shared `admitSchema` checks it here
 * as on the server; a possible duplicate is shown before anything is saved.
 *
 * At `/registry/persons/:id/admit` the same form admits again a person already registered, after
 * their release: the identity fields show the registered identity, read-only, and the rule 7 record
 * is filled in again in full for the new custody episode (`readmitSchema`).
 */
export function AdmissionPage() {
  const { id: personId } = useParams();
  const existing = usePerson(personId ?? '', Boolean(personId));
  const fixed = Boolean(personId);
  const { t } = useTranslation('registry');
  const labels = useRegistryLabels();
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const institutions = useInstitutions();
  usePageTitle(fixed ? t('readmit.title') : t('admit.title'));

  const choices = (institutions.data ?? []).filter(
    (i) => user?.national || user?.institutionIds.includes(i.id),
  );
  const timeZoneOf = useTimeZoneOf();
  // Date and time fields are the wall-clock time of the institution of admission (or, before one is
  // chosen, of the user's institutions when they share one zone), never the browser's own zone.
  const choiceZones = [...new Set(choices.map((i) => i.timeZone))];
  const [candidates, setCandidates] = useState<DuplicateCandidate[] | null>(null);
  // Set when the user has looked at the possible duplicates and says this is someone else.
  const confirmedNotDuplicate = useRef(false);
  const zoneRef = useRef<string | undefined>(undefined);
  const write = useWriteForm({
    initialValues: emptyValues('', undefined),
    ...useRegistryFormMessages(),
    schema: fixed ? readmitSchema : admitSchema,
    write: useAdmit(personId),
    toBody: (values: AdmissionValues) => {
      const input = toAdmitInput(values, confirmedNotDuplicate.current, zoneRef.current);
      return fixed ? { admission: input.admission } : input;
    },
    // A family member's fields are `family.<n>.<field>` in the form, `admission.familyMembers…` in the body.
    fieldOf: (path) => path.replace(/^admission\.familyMembers\./, 'family.'),
    // zod runs the schema's "a name in one script" rule only once the other fields of the person
    // pass; say it at once, with the schema's own message.
    refine: (values, errors) => {
      if (fixed || Object.keys(errors).length === 0) return errors;
      const { surnameLatin, givenNameLatin, surnameCyrillic, givenNameCyrillic } = values.person;
      const named =
        (surnameLatin.trim() && givenNameLatin.trim()) ||
        (surnameCyrillic.trim() && givenNameCyrillic.trim());
      return named ? errors : { 'person.surnameLatin': t('validation.name_required'), ...errors };
    },
    refused: (error, fields) => {
      confirmedNotDuplicate.current = false;
      const duplicates = duplicateCandidates(error);
      setCandidates(duplicates);
      if (duplicates) return null;
      const eventCode = problemFieldCode(error);
      if (error instanceof ApiError && error.code === 'event_not_allowed' && eventCode) {
        const field = eventCodeField[eventCode];
        const text = t(`eventErrors.${eventCode}`, { defaultValue: '' }) || errorMessage(error);
        if (!field) return text;
        fields[field] = text;
        return null;
      }
      return undefined;
    },
    onSuccess: ({ id }) => navigate(`/registry/persons/${personId ?? id}`, { state: { notice: 'admitted' } }),
  });
  const { form } = write;
  const values = form.values;
  const zone =
    timeZoneOf(values.admission.institutionId) ?? (choiceZones.length === 1 ? choiceZones[0] : undefined);
  zoneRef.current = zone;
  const touchedAdmittedAt = useRef(false);
  const setFieldValue = form.setFieldValue;
  useEffect(() => {
    if (!touchedAdmittedAt.current) setFieldValue('admission.admittedAt', toLocalInput(new Date(), zone));
  }, [zone, setFieldValue]);
  // Re-admission: the registered identity, once it has loaded.
  const loaded = existing.data;
  useEffect(() => {
    if (loaded) setFieldValue('person', identityValues(loaded));
  }, [loaded, setFieldValue]);

  // One institution to choose from: chosen already. Several: the one chosen in the shell (ADR 0009).
  const active = useActiveInstitution();
  const preferred =
    choices.length === 1
      ? choices[0]?.id
      : choices.some((i) => i.id === active.activeId)
        ? active.activeId
        : undefined;
  useEffect(() => {
    if (preferred) setFieldValue('admission.institutionId', (id) => id || preferred);
  }, [preferred, setFieldValue]);

  // Editing a field takes its error away (a name, also the "a name in one script" message); the
  // rest stay until the next attempt to save.
  const input = (path: string) => {
    const props = form.getInputProps(path);
    return {
      ...props,
      onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => {
        if (path === 'admission.admittedAt') touchedAdmittedAt.current = true;
        props.onChange(event);
        if (nameFields.some((name) => path === `person.${name}`)) form.clearFieldError('person.surnameLatin');
      },
    };
  };
  const addFamily = () =>
    form.insertListItem('family', {
      key: ++familyKey,
      relation: '',
      name: '',
      isChild: false,
      age: '',
      whereabouts: '',
      caredForBy: '',
    });
  const removeFamily = (index: number) => {
    form.removeListItem('family', index);
    form.clearErrors();
  };

  const errorCount = Object.keys(form.errors).length;
  const zoneHint = zone ? t('fields.timeZoneHint', { zone }) : undefined;
  const text = (label: string, path: string, extra: Partial<ComponentProps<typeof TextInput>> = {}) => (
    <TextInput
      label={label}
      {...input(path)}
      name={path}
      readOnly={fixed && path.startsWith('person.')}
      {...extra}
    />
  );
  const longText = (label: string, path: string, description?: string) => (
    <Textarea
      label={label}
      description={description}
      {...input(path)}
      name={path}
      required
      resize="vertical"
      rows={2}
      maxLength={2000}
    />
  );

  return (
    <Stack gap="md" maw={960}>
      <Title order={1}>{fixed ? t('readmit.title') : t('admit.title')}</Title>
      {fixed && existing.data ? (
        <Text>
          {t('readmit.intro', {
            name: displayName(existing.data) || existing.data.prisonNumber,
            number: existing.data.prisonNumber,
          })}
        </Text>
      ) : null}
      {fixed && existing.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(existing.error)}
        </Alert>
      ) : null}
      <Text>{t('admit.intro')}</Text>

      <form {...write.formProps} aria-label={fixed ? t('readmit.title') : t('admit.title')}>
        <Stack gap="lg">
          <Fieldset legend={t('admit.sections.identity')}>
            <Stack gap="sm">
              <Text size="sm" id="admit-names-hint">
                {fixed ? t('readmit.identityHint') : t('admit.namesHint')}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                {text(t('fields.surnameLatin'), 'person.surnameLatin')}
                {text(t('fields.givenNameLatin'), 'person.givenNameLatin')}
                {text(t('fields.patronymicLatin'), 'person.patronymicLatin')}
                {text(t('fields.surnameCyrillic'), 'person.surnameCyrillic')}
                {text(t('fields.givenNameCyrillic'), 'person.givenNameCyrillic')}
                {text(t('fields.patronymicCyrillic'), 'person.patronymicCyrillic')}
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                {text(t('fields.birthDate'), 'person.birthDate', {
                  type: 'date',
                  required: true,
                })}
                <NativeSelect
                  label={t('fields.sex')}
                  required
                  name="person.sex"
                  disabled={fixed}
                  {...input('person.sex')}
                  data={[
                    { value: '', label: t('form.choose') },
                    { value: 'male', label: labels.sex('male') },
                    { value: 'female', label: labels.sex('female') },
                  ]}
                />
                {text(t('fields.genderIdentity'), 'person.genderIdentity', {
                  description: t('fields.genderIdentityHint'),
                  maxLength: 60,
                })}
                {text(t('fields.citizenship'), 'person.citizenship', { required: true, maxLength: 60 })}
                {text(t('fields.language'), 'person.language', {
                  required: true,
                  maxLength: 40,
                })}
                {text(t('fields.prisonNumber'), 'person.prisonNumber', {
                  required: true,
                  maxLength: 30,
                  autoCapitalize: 'characters',
                  spellCheck: false,
                })}
                {text(t('fields.nationalId'), 'person.nationalId', { maxLength: 40, spellCheck: false })}
              </SimpleGrid>
              <Checkbox
                label={t('fields.interpreterNeeded')}
                {...form.getInputProps('person.interpreterNeeded', { type: 'checkbox' })}
                disabled={fixed}
              />
            </Stack>
          </Fieldset>

          <Fieldset legend={t('admit.sections.commitment')}>
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NativeSelect
                  label={t('fields.institution')}
                  required
                  name="admission.institutionId"
                  {...input('admission.institutionId')}
                  data={[
                    { value: '', label: t('form.choose') },
                    ...choices.map((i) => ({
                      value: i.id,
                      label: `${i.code} · ${labels.institutionName(i.name)}`,
                    })),
                  ]}
                />
                <NativeSelect
                  label={t('fields.legalStatus')}
                  required
                  name="admission.legalStatus"
                  {...input('admission.legalStatus')}
                  data={[
                    { value: '', label: t('form.choose') },
                    { value: 'remand', label: labels.legalStatus('remand') },
                    { value: 'sentenced', label: labels.legalStatus('sentenced') },
                  ]}
                />
                {text(t('fields.commitmentOrderReference'), 'admission.commitmentOrderReference', {
                  required: true,
                  maxLength: 120,
                })}
                {text(t('fields.issuingAuthority'), 'admission.issuingAuthority', {
                  required: true,
                  maxLength: 200,
                })}
              </SimpleGrid>
              <Textarea
                label={t('fields.legalBasis')}
                description={t('fields.legalBasisHint')}
                required
                name="admission.legalBasis"
                {...input('admission.legalBasis')}
                resize="vertical"
                rows={2}
                maxLength={500}
              />
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                {text(t('fields.arrestedAt'), 'admission.arrestedAt', {
                  type: 'datetime-local',
                  required: true,
                  step: 1,
                  description: zoneHint,
                })}
                {text(t('fields.arrestPlace'), 'admission.arrestPlace', { required: true, maxLength: 300 })}
                {text(t('fields.admittedAt'), 'admission.admittedAt', {
                  type: 'datetime-local',
                  required: true,
                  step: 1,
                  description: zoneHint,
                })}
              </SimpleGrid>
            </Stack>
          </Fieldset>

          <Fieldset legend={t('admit.sections.arrival')}>
            <Stack gap="sm">
              {longText(
                t('fields.visibleInjuries'),
                'admission.visibleInjuries',
                t('fields.visibleInjuriesHint'),
              )}
              {longText(
                t('fields.illTreatmentComplaints'),
                'admission.illTreatmentComplaints',
                t('fields.illTreatmentComplaintsHint'),
              )}
              {longText(
                t('fields.propertySummary'),
                'admission.propertySummary',
                t('fields.propertySummaryHint'),
              )}
            </Stack>
          </Fieldset>

          <Fieldset legend={t('admit.sections.family')}>
            <Stack gap="sm">
              <Text size="sm">{t('admit.familyHint')}</Text>
              {values.family.map((row, index) => {
                const at = (field: string) => `family.${index}.${field}`;
                const n = index + 1;
                return (
                  <Fieldset key={row.key} legend={t('family.member', { n })} variant="filled">
                    <Stack gap="sm">
                      <SimpleGrid cols={{ base: 1, sm: 3 }}>
                        {text(t('family.relation'), at('relation'), {
                          required: true,
                          maxLength: 60,
                        })}
                        {text(t('family.name'), at('name'), {
                          required: true,
                          maxLength: 160,
                        })}
                        {text(t('family.age'), at('age'), {
                          inputMode: 'numeric',
                          maxLength: 3,
                        })}
                        {text(t('family.whereabouts'), at('whereabouts'), { maxLength: 300 })}
                        {text(t('family.caredForBy'), at('caredForBy'), {
                          maxLength: 200,
                          description: t('family.caredForByHint'),
                        })}
                      </SimpleGrid>
                      <Group justify="space-between">
                        <Checkbox
                          label={t('family.isChild')}
                          {...form.getInputProps(at('isChild'), { type: 'checkbox' })}
                        />
                        <Button variant="default" size="xs" onClick={() => removeFamily(index)}>
                          {t('family.remove', { n })}
                        </Button>
                      </Group>
                    </Stack>
                  </Fieldset>
                );
              })}
              <Group>
                <Button variant="default" onClick={addFamily}>
                  {t('family.add')}
                </Button>
              </Group>
            </Stack>
          </Fieldset>

          <Fieldset legend={t('admit.sections.emergencyContact')}>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {text(t('fields.contactName'), 'admission.emergencyContact.name', {
                required: true,
                maxLength: 160,
              })}
              {text(t('fields.contactRelation'), 'admission.emergencyContact.relation', {
                required: true,
                maxLength: 60,
              })}
              {text(t('fields.contactPhone'), 'admission.emergencyContact.phone', {
                required: true,
                maxLength: 40,
                type: 'tel',
                autoComplete: 'off',
              })}
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend={t('admit.sections.information')}>
            <Checkbox
              label={t('fields.informationGivenInLanguage')}
              description={t('fields.informationGivenInLanguageHint')}
              {...form.getInputProps('admission.informationGivenInLanguage', { type: 'checkbox' })}
            />
          </Fieldset>

          {errorCount > 0 ? (
            <Alert color="red" title={t('admit.notSaved')}>
              {t('admit.fixFields', { n: errorCount })}
            </Alert>
          ) : null}
          <WriteFeedback write={write} failureTitle={t('admit.notSaved')} />
          <Group className="no-print">
            <Button type="submit" loading={write.busy && !candidates}>
              {t('admit.submit')}
            </Button>
          </Group>
        </Stack>
      </form>

      <DuplicateDialog
        candidates={candidates}
        busy={write.busy}
        onConfirm={() => {
          confirmedNotDuplicate.current = true;
          write.submit();
        }}
        onCancel={() => setCandidates(null)}
      />
    </Stack>
  );
}
