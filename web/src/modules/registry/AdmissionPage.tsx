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
import { type ComponentProps, type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useActiveInstitution } from '../../app/activeInstitution.ts';
import { ApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { displayName, fromLocalInput, toLocalInput } from '../../app/format.ts';
import { useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { DuplicateDialog } from './DuplicateDialog.tsx';
import { useRegistryLabels } from './labels.ts';
import {
  admitPerson,
  type DuplicateCandidate,
  duplicateCandidates,
  type PersonSummary,
  problemFieldCode,
  readmitPerson,
  useInstitutions,
  usePerson,
  useRefreshAfterChange,
  useTimeZoneOf,
} from './registry.api.ts';
import { type PathErrors, serverPathErrors, validatePaths } from './validation.ts';

interface FamilyRow {
  key: number;
  relation: string;
  name: string;
  isChild: boolean;
  age: string;
  whereabouts: string;
  caredForBy: string;
}

export interface AdmissionValues {
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
}

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
  const refresh = useRefreshAfterChange();
  const user = useCurrentUser();
  const institutions = useInstitutions();
  usePageTitle(fixed ? t('readmit.title') : t('admit.title'));

  const choices = (institutions.data ?? []).filter(
    (i) => user?.national || user?.institutionIds.includes(i.id),
  );
  const timeZoneOf = useTimeZoneOf();
  const [values, setValues] = useState<AdmissionValues>(() => emptyValues('', undefined));
  // Date and time fields are the wall-clock time of the institution of admission (or, before one is
  // chosen, of the user's institutions when they share one zone), never the browser's own zone.
  const choiceZones = [...new Set(choices.map((i) => i.timeZone))];
  const zone =
    timeZoneOf(values.admission.institutionId) ?? (choiceZones.length === 1 ? choiceZones[0] : undefined);
  const touchedAdmittedAt = useRef(false);
  useEffect(() => {
    if (!touchedAdmittedAt.current)
      setValues((v) => ({ ...v, admission: { ...v.admission, admittedAt: toLocalInput(new Date(), zone) } }));
  }, [zone]);
  // Re-admission: the registered identity, once it has loaded.
  const loaded = existing.data;
  useEffect(() => {
    if (loaded) setValues((v) => ({ ...v, person: identityValues(loaded) }));
  }, [loaded]);
  const [errors, setErrors] = useState<PathErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [candidates, setCandidates] = useState<DuplicateCandidate[] | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const [focusError, setFocusError] = useState(0);

  // One institution to choose from: chosen already. Several: the one chosen in the shell (ADR 0009).
  const active = useActiveInstitution();
  const preferred =
    choices.length === 1
      ? choices[0]?.id
      : choices.some((i) => i.id === active.activeId)
        ? active.activeId
        : undefined;
  useEffect(() => {
    if (preferred)
      setValues((v) =>
        v.admission.institutionId ? v : { ...v, admission: { ...v.admission, institutionId: preferred } },
      );
  }, [preferred]);

  // After a refused submit, the first marked field takes the focus.
  useEffect(() => {
    if (!focusError) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusError]);

  // Editing a field takes its error away; the rest stay until the next attempt to save.
  const clear = (...paths: string[]) =>
    setErrors((e) =>
      paths.some((p) => p in e)
        ? Object.fromEntries(Object.entries(e).filter(([p]) => !paths.includes(p)))
        : e,
    );
  const setPerson = <K extends keyof AdmissionValues['person']>(
    key: K,
    value: AdmissionValues['person'][K],
  ) => {
    setValues((v) => ({ ...v, person: { ...v.person, [key]: value } }));
    clear(`person.${key}`, ...(nameFields.includes(key) ? ['person.surnameLatin'] : []));
  };
  const setAdmission = <K extends keyof AdmissionValues['admission']>(
    key: K,
    value: AdmissionValues['admission'][K],
  ) => {
    if (key === 'admittedAt') touchedAdmittedAt.current = true;
    setValues((v) => ({ ...v, admission: { ...v.admission, [key]: value } }));
    clear(`admission.${key}`);
  };
  const setContact = (key: 'name' | 'relation' | 'phone', value: string) => {
    setValues((v) => ({
      ...v,
      admission: { ...v.admission, emergencyContact: { ...v.admission.emergencyContact, [key]: value } },
    }));
    clear(`admission.emergencyContact.${key}`);
  };
  const setFamily = (index: number, change: Partial<FamilyRow>) => {
    setValues((v) => ({
      ...v,
      family: v.family.map((row, i) => (i === index ? { ...row, ...change } : row)),
    }));
    clear(...Object.keys(change).map((k) => `admission.familyMembers.${index}.${k}`));
  };
  const addFamily = () =>
    setValues((v) => ({
      ...v,
      family: [
        ...v.family,
        {
          key: ++familyKey,
          relation: '',
          name: '',
          isChild: false,
          age: '',
          whereabouts: '',
          caredForBy: '',
        },
      ],
    }));
  const removeFamily = (index: number) => {
    setValues((v) => ({ ...v, family: v.family.filter((_, i) => i !== index) }));
    setErrors({});
  };

  async function send(confirmedNotDuplicate: boolean) {
    setFailure(null);
    const input = toAdmitInput(values, confirmedNotDuplicate, zone);
    if (personId) {
      await resend(personId, input.admission);
      return;
    }
    const checked = validatePaths(admitSchema, input, t);
    if (!checked.ok) {
      // zod runs the schema's "a name in one script" rule only once the other fields of the person
      // pass; say it at once, with the schema's own message.
      const { surnameLatin, givenNameLatin, surnameCyrillic, givenNameCyrillic } = values.person;
      const named =
        (surnameLatin.trim() && givenNameLatin.trim()) ||
        (surnameCyrillic.trim() && givenNameCyrillic.trim());
      if (!named) checked.errors['person.surnameLatin'] ??= t('validation.name_required');
      setErrors(checked.errors);
      setCandidates(null);
      setFocusError((n) => n + 1);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const { id } = await admitPerson(checked.data);
      await refresh();
      navigate(`/registry/persons/${id}`, { state: { notice: 'admitted' } });
    } catch (error) {
      const duplicates = duplicateCandidates(error);
      if (duplicates) {
        setCandidates(duplicates);
        return;
      }
      setCandidates(null);
      refused(error);
    } finally {
      setBusy(false);
    }
  }

  /** Re-admission of a registered person: only the admission is sent; the identity stays as it is. */
  async function resend(id: string, admission: unknown) {
    const checked = validatePaths(readmitSchema, { admission }, t);
    if (!checked.ok) {
      setErrors(checked.errors);
      setFocusError((n) => n + 1);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await readmitPerson(id, checked.data);
      await refresh();
      navigate(`/registry/persons/${id}`, { state: { notice: 'admitted' } });
    } catch (error) {
      refused(error);
    } finally {
      setBusy(false);
    }
  }

  /** What the server refused, at the field it concerns, or in words below the form. */
  function refused(error: unknown) {
    const fields = serverPathErrors(error, t);
    const eventCode = problemFieldCode(error);
    if (error instanceof ApiError && error.code === 'event_not_allowed' && eventCode) {
      const field = eventCodeField[eventCode];
      const text = t(`eventErrors.${eventCode}`, { defaultValue: '' }) || errorMessage(error);
      if (field) fields[field] = text;
      else setFailure(text);
      delete fields[''];
    } else if (Object.keys(fields).length === 0) {
      setFailure(errorMessage(error));
    }
    setErrors(fields);
    setFocusError((n) => n + 1);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void send(false);
  }

  const errorCount = Object.keys(errors).length;
  const zoneHint = zone ? t('fields.timeZoneHint', { zone }) : undefined;
  const { person, admission } = values;
  const text = (
    label: string,
    path: string,
    value: string,
    onChange: (value: string) => void,
    extra: Partial<ComponentProps<typeof TextInput>> = {},
  ) => (
    <TextInput
      label={label}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={errors[path]}
      name={path}
      readOnly={fixed && path.startsWith('person.')}
      {...extra}
    />
  );
  const longText = (
    label: string,
    path: string,
    value: string,
    onChange: (value: string) => void,
    description?: string,
  ) => (
    <Textarea
      label={label}
      description={description}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={errors[path]}
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

      <form
        ref={formRef}
        onSubmit={submit}
        noValidate
        aria-label={fixed ? t('readmit.title') : t('admit.title')}
      >
        <Stack gap="lg">
          <Fieldset legend={t('admit.sections.identity')}>
            <Stack gap="sm">
              <Text size="sm" id="admit-names-hint">
                {fixed ? t('readmit.identityHint') : t('admit.namesHint')}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                {text(t('fields.surnameLatin'), 'person.surnameLatin', person.surnameLatin, (v) =>
                  setPerson('surnameLatin', v),
                )}
                {text(t('fields.givenNameLatin'), 'person.givenNameLatin', person.givenNameLatin, (v) =>
                  setPerson('givenNameLatin', v),
                )}
                {text(t('fields.patronymicLatin'), 'person.patronymicLatin', person.patronymicLatin, (v) =>
                  setPerson('patronymicLatin', v),
                )}
                {text(t('fields.surnameCyrillic'), 'person.surnameCyrillic', person.surnameCyrillic, (v) =>
                  setPerson('surnameCyrillic', v),
                )}
                {text(
                  t('fields.givenNameCyrillic'),
                  'person.givenNameCyrillic',
                  person.givenNameCyrillic,
                  (v) => setPerson('givenNameCyrillic', v),
                )}
                {text(
                  t('fields.patronymicCyrillic'),
                  'person.patronymicCyrillic',
                  person.patronymicCyrillic,
                  (v) => setPerson('patronymicCyrillic', v),
                )}
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                {text(
                  t('fields.birthDate'),
                  'person.birthDate',
                  person.birthDate,
                  (v) => setPerson('birthDate', v),
                  {
                    type: 'date',
                    required: true,
                  },
                )}
                <NativeSelect
                  label={t('fields.sex')}
                  required
                  name="person.sex"
                  disabled={fixed}
                  value={person.sex}
                  onChange={(e) => setPerson('sex', e.currentTarget.value)}
                  error={errors['person.sex']}
                  data={[
                    { value: '', label: t('form.choose') },
                    { value: 'male', label: labels.sex('male') },
                    { value: 'female', label: labels.sex('female') },
                  ]}
                />
                {text(
                  t('fields.genderIdentity'),
                  'person.genderIdentity',
                  person.genderIdentity,
                  (v) => setPerson('genderIdentity', v),
                  { description: t('fields.genderIdentityHint'), maxLength: 60 },
                )}
                {text(
                  t('fields.citizenship'),
                  'person.citizenship',
                  person.citizenship,
                  (v) => setPerson('citizenship', v),
                  { required: true, maxLength: 60 },
                )}
                {text(
                  t('fields.language'),
                  'person.language',
                  person.language,
                  (v) => setPerson('language', v),
                  {
                    required: true,
                    maxLength: 40,
                  },
                )}
                {text(
                  t('fields.prisonNumber'),
                  'person.prisonNumber',
                  person.prisonNumber,
                  (v) => setPerson('prisonNumber', v),
                  { required: true, maxLength: 30, autoCapitalize: 'characters', spellCheck: false },
                )}
                {text(
                  t('fields.nationalId'),
                  'person.nationalId',
                  person.nationalId,
                  (v) => setPerson('nationalId', v),
                  { maxLength: 40, spellCheck: false },
                )}
              </SimpleGrid>
              <Checkbox
                label={t('fields.interpreterNeeded')}
                checked={person.interpreterNeeded}
                disabled={fixed}
                onChange={(e) => setPerson('interpreterNeeded', e.currentTarget.checked)}
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
                  value={admission.institutionId}
                  onChange={(e) => setAdmission('institutionId', e.currentTarget.value)}
                  error={errors['admission.institutionId']}
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
                  value={admission.legalStatus}
                  onChange={(e) => setAdmission('legalStatus', e.currentTarget.value)}
                  error={errors['admission.legalStatus']}
                  data={[
                    { value: '', label: t('form.choose') },
                    { value: 'remand', label: labels.legalStatus('remand') },
                    { value: 'sentenced', label: labels.legalStatus('sentenced') },
                  ]}
                />
                {text(
                  t('fields.commitmentOrderReference'),
                  'admission.commitmentOrderReference',
                  admission.commitmentOrderReference,
                  (v) => setAdmission('commitmentOrderReference', v),
                  { required: true, maxLength: 120 },
                )}
                {text(
                  t('fields.issuingAuthority'),
                  'admission.issuingAuthority',
                  admission.issuingAuthority,
                  (v) => setAdmission('issuingAuthority', v),
                  { required: true, maxLength: 200 },
                )}
              </SimpleGrid>
              <Textarea
                label={t('fields.legalBasis')}
                description={t('fields.legalBasisHint')}
                required
                name="admission.legalBasis"
                value={admission.legalBasis}
                onChange={(e) => setAdmission('legalBasis', e.currentTarget.value)}
                error={errors['admission.legalBasis']}
                resize="vertical"
                rows={2}
                maxLength={500}
              />
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                {text(
                  t('fields.arrestedAt'),
                  'admission.arrestedAt',
                  admission.arrestedAt,
                  (v) => setAdmission('arrestedAt', v),
                  { type: 'datetime-local', required: true, step: 1, description: zoneHint },
                )}
                {text(
                  t('fields.arrestPlace'),
                  'admission.arrestPlace',
                  admission.arrestPlace,
                  (v) => setAdmission('arrestPlace', v),
                  { required: true, maxLength: 300 },
                )}
                {text(
                  t('fields.admittedAt'),
                  'admission.admittedAt',
                  admission.admittedAt,
                  (v) => setAdmission('admittedAt', v),
                  { type: 'datetime-local', required: true, step: 1, description: zoneHint },
                )}
              </SimpleGrid>
            </Stack>
          </Fieldset>

          <Fieldset legend={t('admit.sections.arrival')}>
            <Stack gap="sm">
              {longText(
                t('fields.visibleInjuries'),
                'admission.visibleInjuries',
                admission.visibleInjuries,
                (v) => setAdmission('visibleInjuries', v),
                t('fields.visibleInjuriesHint'),
              )}
              {longText(
                t('fields.illTreatmentComplaints'),
                'admission.illTreatmentComplaints',
                admission.illTreatmentComplaints,
                (v) => setAdmission('illTreatmentComplaints', v),
                t('fields.illTreatmentComplaintsHint'),
              )}
              {longText(
                t('fields.propertySummary'),
                'admission.propertySummary',
                admission.propertySummary,
                (v) => setAdmission('propertySummary', v),
                t('fields.propertySummaryHint'),
              )}
            </Stack>
          </Fieldset>

          <Fieldset legend={t('admit.sections.family')}>
            <Stack gap="sm">
              <Text size="sm">{t('admit.familyHint')}</Text>
              {values.family.map((row, index) => {
                const at = (field: string) => `admission.familyMembers.${index}.${field}`;
                const n = index + 1;
                return (
                  <Fieldset key={row.key} legend={t('family.member', { n })} variant="filled">
                    <Stack gap="sm">
                      <SimpleGrid cols={{ base: 1, sm: 3 }}>
                        {text(
                          t('family.relation'),
                          at('relation'),
                          row.relation,
                          (v) => setFamily(index, { relation: v }),
                          {
                            required: true,
                            maxLength: 60,
                          },
                        )}
                        {text(t('family.name'), at('name'), row.name, (v) => setFamily(index, { name: v }), {
                          required: true,
                          maxLength: 160,
                        })}
                        {text(t('family.age'), at('age'), row.age, (v) => setFamily(index, { age: v }), {
                          inputMode: 'numeric',
                          maxLength: 3,
                        })}
                        {text(
                          t('family.whereabouts'),
                          at('whereabouts'),
                          row.whereabouts,
                          (v) => setFamily(index, { whereabouts: v }),
                          { maxLength: 300 },
                        )}
                        {text(
                          t('family.caredForBy'),
                          at('caredForBy'),
                          row.caredForBy,
                          (v) => setFamily(index, { caredForBy: v }),
                          { maxLength: 200, description: t('family.caredForByHint') },
                        )}
                      </SimpleGrid>
                      <Group justify="space-between">
                        <Checkbox
                          label={t('family.isChild')}
                          checked={row.isChild}
                          onChange={(e) => setFamily(index, { isChild: e.currentTarget.checked })}
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
              {text(
                t('fields.contactName'),
                'admission.emergencyContact.name',
                admission.emergencyContact.name,
                (v) => setContact('name', v),
                { required: true, maxLength: 160 },
              )}
              {text(
                t('fields.contactRelation'),
                'admission.emergencyContact.relation',
                admission.emergencyContact.relation,
                (v) => setContact('relation', v),
                { required: true, maxLength: 60 },
              )}
              {text(
                t('fields.contactPhone'),
                'admission.emergencyContact.phone',
                admission.emergencyContact.phone,
                (v) => setContact('phone', v),
                { required: true, maxLength: 40, type: 'tel', autoComplete: 'off' },
              )}
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend={t('admit.sections.information')}>
            <Checkbox
              label={t('fields.informationGivenInLanguage')}
              description={t('fields.informationGivenInLanguageHint')}
              checked={admission.informationGivenInLanguage}
              onChange={(e) => setAdmission('informationGivenInLanguage', e.currentTarget.checked)}
            />
          </Fieldset>

          {errorCount > 0 ? (
            <Alert color="red" title={t('admit.notSaved')}>
              {t('admit.fixFields', { n: errorCount })}
            </Alert>
          ) : null}
          {failure ? (
            <Alert color="red" role="alert" title={t('admit.notSaved')}>
              {typeof failure === 'string' ? failure : errorMessage(failure)}
            </Alert>
          ) : null}
          <Group className="no-print">
            <Button type="submit" loading={busy && !candidates}>
              {t('admit.submit')}
            </Button>
          </Group>
        </Stack>
      </form>

      <DuplicateDialog
        candidates={candidates}
        busy={busy}
        onConfirm={() => void send(true)}
        onCancel={() => setCandidates(null)}
      />
    </Stack>
  );
}
