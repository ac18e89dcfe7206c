import {
  bodyRegions,
  chestXrayResults,
  type EncounterContent,
  fitnessResults,
  istanbulGrades,
  presentKinds,
  presumptiveTb,
} from '@custodia/domain';
import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
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
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { WARNING_COLOR } from '../../../app/format.ts';
import { BodyChart, regionCentre } from './BodyChart.tsx';
import { type FormValues, type InjuryDraft, newInjuryKey, type Problems, type Sex } from './formValues.ts';
import { AllergiesSection, VitalsSection } from './ScreeningMeasures.tsx';

type Region = (typeof bodyRegions)[number];
/** INJ-3: the Istanbul Protocol's grades, then "cannot assess" (with a reason). */
const consistencyOptions: string[] = [...istanbulGrades, 'cannot_assess'];
type SectionName = 'healthNeeds' | 'injuries' | 'mentalHealth' | 'tuberculosis' | 'bloodBorne' | 'fitness';

export interface ScreeningFormProps {
  values: FormValues;
  onValues: (change: (values: FormValues) => FormValues, paths: string[]) => void;
  content: EncounterContent;
  onContent: (change: (content: EncounterContent) => EncounterContent, paths: string[]) => void;
  sex: Sex;
  problems: Problems;
  readOnly: boolean;
}

/** A field's wrapper: carries its path, so the first problem in form order can take the focus. */
export function Field({
  path,
  problems,
  children,
}: {
  path: string;
  problems: Problems;
  children: ReactNode;
}) {
  return (
    <div data-path={path} data-problem={problems[path] ? 'true' : undefined}>
      {children}
    </div>
  );
}

export const fieldId = (path: string) => `screening-${path.replace(/\./g, '-')}`;

interface ChoiceProps {
  path: string;
  label: string;
  description?: string;
  value: string | null | undefined;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
  problems: Problems;
  required?: boolean;
}

/** A radio group: one Tab stop, arrow keys between the choices. */
export function Choice({
  path,
  label,
  description,
  value,
  options,
  onChange,
  problems,
  required,
}: ChoiceProps) {
  return (
    <Field path={path} problems={problems}>
      <Radio.Group
        id={fieldId(path)}
        name={fieldId(path)}
        label={label}
        description={description}
        value={value ?? null}
        onChange={onChange}
        error={problems[path]}
        withAsterisk={required}
      >
        <Group gap="md" mt={6}>
          {options.map((o) => (
            <Radio
              key={o.value}
              value={o.value}
              label={o.label}
              aria-invalid={problems[path] ? true : undefined}
            />
          ))}
        </Group>
      </Radio.Group>
    </Field>
  );
}

export function ScreeningFormFields({
  values,
  onValues,
  content,
  onContent,
  sex,
  problems,
  readOnly,
}: ScreeningFormProps) {
  const { t } = useTranslation('screening');
  const yesNo = [
    { value: 'yes', label: t('yes') },
    { value: 'no', label: t('no') },
  ];
  const boolValue = (v: boolean | null | undefined) => (v === true ? 'yes' : v === false ? 'no' : null);
  const opts = (group: string, codes: readonly string[]) =>
    codes.map((c) => ({ value: c, label: t(`${group}.${c}`) }));

  /** Sets one field of one section. */
  function set<S extends keyof FormValues>(section: S, key: string, value: unknown) {
    onValues(
      (v) => ({ ...v, [section]: { ...(v[section] as object), [key]: value } }),
      [`${String(section)}.${key}`, ...(key === 'status' ? [`${String(section)}.notAssessedReason`] : [])],
    );
  }

  function yesNoField(section: keyof FormValues, field: string) {
    const current = (values[section] as Record<string, unknown> | null)?.[field] as
      | boolean
      | null
      | undefined;
    return (
      <Choice
        key={`${String(section)}.${field}`}
        path={`${String(section)}.${field}`}
        label={t(`fields.${field}`)}
        value={boolValue(current)}
        options={yesNo}
        onChange={(v) => set(section, field, v === 'yes')}
        problems={problems}
        required
      />
    );
  }

  function notesField(section: keyof FormValues, field: string, label?: string) {
    const path = `${String(section)}.${field}`;
    const current = (values[section] as Record<string, unknown> | null)?.[field] as string | null | undefined;
    return (
      <Field key={path} path={path} problems={problems}>
        <Textarea
          id={fieldId(path)}
          label={label ?? t(`fields.${field}`)}
          value={current ?? ''}
          onChange={(e) => set(section, field, e.currentTarget.value)}
          error={problems[path]}
          rows={2}
        />
      </Field>
    );
  }

  /** A section of ADM-2: assessed (its questions) or not assessed with a reason. */
  function section(name: SectionName, children: ReactNode) {
    const current = values[name] as { status?: string | null; notAssessedReason?: string | null };
    const statuses = name === 'injuries' ? ['assessed'] : ['assessed', 'not_assessed'];
    const headingId = `screening-section-${name}`;
    return (
      <Paper withBorder p="md" component="section" aria-labelledby={headingId} key={name}>
        <Title order={2} size="h3" id={headingId} mb="xs">
          {t(`sections.${name}`)}
        </Title>
        <Stack gap="sm">
          <Choice
            path={`${name}.status`}
            label={t('sectionStatus.label')}
            value={current.status}
            options={opts('sectionStatus', statuses)}
            onChange={(v) => set(name, 'status', v)}
            problems={problems}
            required
          />
          {current.status === 'not_assessed' && name !== 'injuries' ? (
            <Field path={`${name}.notAssessedReason`} problems={problems}>
              <Textarea
                id={fieldId(`${name}.notAssessedReason`)}
                label={t('sectionStatus.reason')}
                value={current.notAssessedReason ?? ''}
                onChange={(e) => set(name, 'notAssessedReason', e.currentTarget.value)}
                error={problems[`${name}.notAssessedReason`]}
                withAsterisk
                rows={2}
              />
            </Field>
          ) : null}
          {current.status === 'assessed' ? children : null}
        </Stack>
      </Paper>
    );
  }

  // Injuries (ADM-4, INJ-1).
  const injuries = values.injuries.items;
  const setInjury = (index: number, change: Partial<InjuryDraft>) =>
    onValues(
      (v) => ({
        ...v,
        injuries: {
          ...v.injuries,
          items: v.injuries.items.map((item, i) => (i === index ? { ...item, ...change } : item)),
        },
      }),
      [...Object.keys(change).map((k) => `injuries.items.${index}.${k}`), 'injuries.items'],
    );
  const addInjury = (side: 'front' | 'back', region: Region, point: { x: number; y: number }) =>
    onValues(
      (v) => ({
        ...v,
        injuries: {
          ...v.injuries,
          noInjuriesSeen: false,
          items: [
            ...v.injuries.items,
            {
              key: newInjuryKey(),
              side,
              region,
              x: point.x,
              y: point.y,
              description: '',
              personsAccount: '',
              consistency: null,
              consistencyReason: '',
            },
          ],
        },
      }),
      ['injuries.items', 'injuries.noInjuriesSeen'],
    );
  const removeInjury = (index: number) =>
    onValues(
      (v) => ({
        ...v,
        injuries: { ...v.injuries, items: v.injuries.items.filter((_, i) => i !== index) },
      }),
      ['injuries.items'],
    );

  // Persons present (MED-4).
  const present = content.personsPresent;
  const setPresent = (index: number, change: Partial<(typeof present)[number]>) =>
    onContent(
      (c) => ({
        ...c,
        personsPresent: c.personsPresent.map((p, i) => (i === index ? { ...p, ...change } : p)),
      }),
      [
        ...Object.keys(change).map((k) => `content.personsPresent.${index}.${k}`),
        'content.personsPresent',
        'content.custodialPresenceReason',
      ],
    );
  const custodialPresent = present.some((p) => p.kind === 'custodial_staff');
  const women = values.women;

  return (
    <fieldset disabled={readOnly} className="screening-fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
      <Stack gap="md">
        <Paper withBorder p="md" component="section" aria-labelledby="screening-section-presence">
          <Title order={2} size="h3" id="screening-section-presence" mb="xs">
            {t('sections.presence')}
          </Title>
          <Text size="sm" mb="sm">
            {t('presence.intro')}
          </Text>
          <Field path="content.personsPresent" problems={problems}>
            <Stack gap="sm">
              {problems['content.personsPresent'] ? (
                <Text c="red.9" size="sm" id={fieldId('content.personsPresent')}>
                  {problems['content.personsPresent']}
                </Text>
              ) : null}
              {present.map((person, i) => (
                <Fieldset
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own
                  key={i}
                  legend={t('presence.person', { n: i + 1 })}
                  variant="unstyled"
                >
                  <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="sm">
                    <NativeSelect
                      label={t('presence.kind')}
                      value={person.kind}
                      data={opts('presence.kinds', presentKinds)}
                      onChange={(e) =>
                        setPresent(i, { kind: e.currentTarget.value as (typeof presentKinds)[number] })
                      }
                    />
                    <Field path={`content.personsPresent.${i}.name`} problems={problems}>
                      <TextInput
                        id={fieldId(`content.personsPresent.${i}.name`)}
                        label={t('presence.name')}
                        value={person.name}
                        onChange={(e) => setPresent(i, { name: e.currentTarget.value })}
                        error={problems[`content.personsPresent.${i}.name`]}
                        withAsterisk
                      />
                    </Field>
                    <Field path={`content.personsPresent.${i}.sex`} problems={problems}>
                      <NativeSelect
                        id={fieldId(`content.personsPresent.${i}.sex`)}
                        label={t('presence.sex')}
                        value={person.sex ?? ''}
                        data={[
                          { value: '', label: t('presence.sexes.unknown') },
                          { value: 'female', label: t('presence.sexes.female') },
                          { value: 'male', label: t('presence.sexes.male') },
                        ]}
                        onChange={(e) =>
                          setPresent(i, {
                            sex: (e.currentTarget.value || null) as 'male' | 'female' | null,
                          })
                        }
                        error={problems[`content.personsPresent.${i}.sex`]}
                      />
                    </Field>
                    <Group align="flex-end">
                      <Button
                        variant="default"
                        className="screening-no-print"
                        disabled={present.length <= 1}
                        onClick={() =>
                          onContent(
                            (c) => ({ ...c, personsPresent: c.personsPresent.filter((_, j) => j !== i) }),
                            ['content.personsPresent'],
                          )
                        }
                      >
                        {t('presence.remove', { n: i + 1 })}
                      </Button>
                    </Group>
                  </SimpleGrid>
                </Fieldset>
              ))}
              <Group>
                <Button
                  variant="default"
                  className="screening-no-print"
                  disabled={present.length >= 20}
                  onClick={() =>
                    onContent(
                      (c) => ({
                        ...c,
                        personsPresent: [...c.personsPresent, { kind: 'health_staff', name: '', sex: null }],
                      }),
                      ['content.personsPresent'],
                    )
                  }
                >
                  {t('presence.add')}
                </Button>
              </Group>
            </Stack>
          </Field>
          {custodialPresent ? (
            <Field path="content.custodialPresenceReason" problems={problems}>
              <Textarea
                id={fieldId('content.custodialPresenceReason')}
                mt="sm"
                label={t('presence.custodialReason')}
                value={content.custodialPresenceReason ?? ''}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  onContent(
                    (c) => ({ ...c, custodialPresenceReason: value }),
                    ['content.custodialPresenceReason'],
                  );
                }}
                error={problems['content.custodialPresenceReason']}
                withAsterisk
                rows={2}
              />
            </Field>
          ) : null}
          <Checkbox
            mt="sm"
            label={t('presence.interpreterUsed')}
            checked={content.interpreterUsed}
            onChange={(e) => {
              const checked = e.currentTarget.checked;
              onContent((c) => ({ ...c, interpreterUsed: checked }), []);
            }}
          />
        </Paper>

        <VitalsSection values={values} onValues={onValues} problems={problems} />
        <AllergiesSection values={values} onValues={onValues} problems={problems} />

        {section(
          'healthNeeds',
          <>
            {notesField('healthNeeds', 'currentMedication')}
            {notesField('healthNeeds', 'chronicConditions')}
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {yesNoField('healthNeeds', 'onOpioidSubstitution')}
              {yesNoField('healthNeeds', 'onAntiretroviral')}
              {yesNoField('healthNeeds', 'onTbTreatment')}
              {yesNoField('healthNeeds', 'otherEssentialMedication')}
            </SimpleGrid>
            <Text size="sm">{t('healthNeeds.prescriberNote')}</Text>
          </>,
        )}

        {section(
          'injuries',
          <>
            <Field path="injuries.noInjuriesSeen" problems={problems}>
              <Checkbox
                id={fieldId('injuries.noInjuriesSeen')}
                label={t('injuries.noInjuriesSeen')}
                checked={values.injuries.noInjuriesSeen === true}
                onChange={(e) => set('injuries', 'noInjuriesSeen', e.currentTarget.checked)}
                error={problems['injuries.noInjuriesSeen']}
              />
            </Field>
            <Field path="injuries.items" problems={problems}>
              <Text size="sm" mb="xs" id="screening-chart-help">
                {t('injuries.chartHelp')}
              </Text>
              {problems['injuries.items'] ? (
                <Text c="red.9" size="sm" mb="xs">
                  {problems['injuries.items']}
                </Text>
              ) : null}
              <BodyChart injuries={injuries} readOnly={readOnly} onAdd={addInjury} />
            </Field>
            {injuries.map((injury, i) => (
              <Fieldset key={injury.key} legend={t('injuries.injury', { n: i + 1 })}>
                <Stack gap="sm">
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                    <NativeSelect
                      label={t('injuries.side')}
                      value={injury.side}
                      data={opts('injuries.views', ['front', 'back'])}
                      onChange={(e) => {
                        const side = e.currentTarget.value as 'front' | 'back';
                        setInjury(i, { side, ...regionCentre(side, injury.region) });
                      }}
                    />
                    <NativeSelect
                      label={t('injuries.region')}
                      value={injury.region}
                      data={opts('regions', bodyRegions)}
                      onChange={(e) => {
                        const region = e.currentTarget.value as Region;
                        setInjury(i, { region, ...regionCentre(injury.side, region) });
                      }}
                    />
                  </SimpleGrid>
                  <Field path={`injuries.items.${i}.description`} problems={problems}>
                    <Textarea
                      id={fieldId(`injuries.items.${i}.description`)}
                      label={t('injuries.description')}
                      description={t('injuries.descriptionHelp')}
                      value={injury.description}
                      onChange={(e) => setInjury(i, { description: e.currentTarget.value })}
                      error={problems[`injuries.items.${i}.description`]}
                      withAsterisk
                      rows={2}
                    />
                  </Field>
                  <Textarea
                    label={t('injuries.personsAccount')}
                    value={injury.personsAccount}
                    onChange={(e) => setInjury(i, { personsAccount: e.currentTarget.value })}
                    rows={2}
                  />
                  <Choice
                    path={`injuries.items.${i}.consistency`}
                    label={t('injuries.consistency')}
                    value={injury.consistency}
                    options={opts(
                      'injuries.consistencies',
                      // INJ-3: the earlier scale's "cannot say" is shown only where it was recorded.
                      injury.consistency === 'cannot_say'
                        ? [...consistencyOptions, 'cannot_say']
                        : consistencyOptions,
                    )}
                    onChange={(v) => setInjury(i, { consistency: v as InjuryDraft['consistency'] })}
                    problems={problems}
                    required
                  />
                  {injury.consistency === 'cannot_assess' ? (
                    <Field path={`injuries.items.${i}.consistencyReason`} problems={problems}>
                      <Textarea
                        id={fieldId(`injuries.items.${i}.consistencyReason`)}
                        label={t('injuries.consistencyReason')}
                        value={injury.consistencyReason}
                        onChange={(e) => setInjury(i, { consistencyReason: e.currentTarget.value })}
                        error={problems[`injuries.items.${i}.consistencyReason`]}
                        withAsterisk
                        rows={2}
                      />
                    </Field>
                  ) : null}
                  <Group>
                    <Button variant="default" className="screening-no-print" onClick={() => removeInjury(i)}>
                      {t('injuries.remove', { n: i + 1 })}
                    </Button>
                  </Group>
                </Stack>
              </Fieldset>
            ))}
            <Choice
              path="injuries.illTreatment"
              label={t('injuries.illTreatment')}
              value={values.injuries.illTreatment}
              options={opts('injuries.illTreatments', ['alleged', 'denied', 'declined_to_answer'])}
              onChange={(v) => set('injuries', 'illTreatment', v)}
              problems={problems}
              required
            />
            {values.injuries.illTreatment === 'alleged'
              ? notesField('injuries', 'illTreatmentAccount', t('injuries.illTreatmentAccount'))
              : null}
          </>,
        )}

        {section(
          'mentalHealth',
          <>
            <Choice
              path="mentalHealth.suicideScreen"
              label={t('mentalHealth.suicideScreen')}
              value={values.mentalHealth.suicideScreen}
              options={opts('mentalHealth.screens', ['negative', 'positive'])}
              onChange={(v) => set('mentalHealth', 'suicideScreen', v)}
              problems={problems}
              required
            />
            {values.mentalHealth.suicideScreen === 'positive' ? (
              <Field path="mentalHealth.observationMinutes" problems={problems}>
                <NativeSelect
                  id={fieldId('mentalHealth.observationMinutes')}
                  label={t('mentalHealth.observationMinutes')}
                  description={t('mentalHealth.observationHelp')}
                  value={String(values.mentalHealth.observationMinutes ?? '')}
                  data={[
                    { value: '', label: t('choose') },
                    // MHS-3: at most 15 minutes; 30 only by a recorded exception.
                    ...[5, 10, 15, 30].map((m) => ({
                      value: String(m),
                      label: t('mentalHealth.minutes', { n: m }),
                    })),
                    // An earlier draft's longer interval stays shown (it must be changed to complete).
                    ...(values.mentalHealth.observationMinutes && values.mentalHealth.observationMinutes > 30
                      ? [
                          {
                            value: String(values.mentalHealth.observationMinutes),
                            label: t('mentalHealth.minutes', { n: values.mentalHealth.observationMinutes }),
                          },
                        ]
                      : []),
                  ]}
                  onChange={(e) =>
                    set(
                      'mentalHealth',
                      'observationMinutes',
                      e.currentTarget.value ? Number(e.currentTarget.value) : null,
                    )
                  }
                  error={problems['mentalHealth.observationMinutes']}
                  withAsterisk
                />
              </Field>
            ) : null}
            {values.mentalHealth.suicideScreen === 'positive' &&
            (values.mentalHealth.observationMinutes ?? 0) > 15 ? (
              <Field path="mentalHealth.observationExceptionReason" problems={problems}>
                <Textarea
                  id={fieldId('mentalHealth.observationExceptionReason')}
                  label={t('mentalHealth.observationExceptionReason')}
                  value={values.mentalHealth.observationExceptionReason ?? ''}
                  onChange={(e) => set('mentalHealth', 'observationExceptionReason', e.currentTarget.value)}
                  error={problems['mentalHealth.observationExceptionReason']}
                  withAsterisk
                  rows={2}
                />
              </Field>
            ) : null}
            {yesNoField('mentalHealth', 'previousSelfHarm')}
            <Choice
              path="mentalHealth.withdrawal"
              label={t('mentalHealth.withdrawal')}
              value={values.mentalHealth.withdrawal}
              options={opts('mentalHealth.withdrawals', [
                'none',
                'opioids',
                'alcohol',
                'benzodiazepines',
                'other',
              ])}
              onChange={(v) => set('mentalHealth', 'withdrawal', v)}
              problems={problems}
              required
            />
            {notesField('mentalHealth', 'notes')}
          </>,
        )}

        {section(
          'tuberculosis',
          <>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {yesNoField('tuberculosis', 'cough')}
              {yesNoField('tuberculosis', 'fever')}
              {yesNoField('tuberculosis', 'nightSweats')}
              {yesNoField('tuberculosis', 'weightLoss')}
              {yesNoField('tuberculosis', 'haemoptysis')}
              {yesNoField('tuberculosis', 'contactWithTb')}
            </SimpleGrid>
            <Choice
              path="tuberculosis.chestXray"
              label={t('tuberculosis.chestXray')}
              value={values.tuberculosis.chestXray}
              options={opts('tuberculosis.xrays', chestXrayResults)}
              onChange={(v) => set('tuberculosis', 'chestXray', v)}
              problems={problems}
              required
            />
            {values.tuberculosis.chestXray &&
            values.tuberculosis.chestXray !== 'normal' &&
            values.tuberculosis.chestXray !== 'abnormal'
              ? notesField('tuberculosis', 'chestXrayReason', t('tuberculosis.chestXrayReason'))
              : null}
            {notesField('tuberculosis', 'otherContagiousSigns')}
            {presumptiveTb(values as never) ? (
              <Alert color={WARNING_COLOR} variant="outline" title={t('tuberculosis.presumptiveTitle')}>
                {t('tuberculosis.presumptive')}
              </Alert>
            ) : null}
          </>,
        )}

        {section(
          'bloodBorne',
          <>
            <Text size="sm">{t('bloodBorne.intro')}</Text>
            {(['hiv', 'hepatitisB', 'hepatitisC', 'sti'] as const).map((test) => (
              <Choice
                key={test}
                path={`bloodBorne.${test}`}
                label={t(`bloodBorne.${test}`)}
                value={values.bloodBorne[test]}
                options={opts('bloodBorne.offers', ['accepted', 'declined', 'known_positive'])}
                onChange={(v) => set('bloodBorne', test, v)}
                problems={problems}
                required
              />
            ))}
          </>,
        )}

        {section(
          'fitness',
          <>
            <Text size="sm">{t('fitness.intro')}</Text>
            {(['work', 'exercise', 'activities'] as const).map((area) => (
              <Choice
                key={area}
                path={`fitness.${area}`}
                label={t(`fitness.${area}`)}
                value={values.fitness[area]}
                options={opts('fitness.results', fitnessResults)}
                onChange={(v) => set('fitness', area, v)}
                problems={problems}
                required
              />
            ))}
          </>,
        )}

        {sex === 'female' && women ? (
          <Paper withBorder p="md" component="section" aria-labelledby="screening-section-women">
            <Title order={2} size="h3" id="screening-section-women" mb="xs">
              {t('sections.women')}
            </Title>
            <Field path="women" problems={problems}>
              <Stack gap="sm">
                <Text size="sm">{t('women.intro')}</Text>
                <Choice
                  path="women.pregnancy"
                  label={t('women.pregnancy')}
                  value={women.pregnancy}
                  options={opts('women.pregnancies', [
                    'pregnant',
                    'not_pregnant',
                    'unsure',
                    'declined_to_answer',
                  ])}
                  onChange={(v) => set('women', 'pregnancy', v)}
                  problems={problems}
                  required
                />
                <Choice
                  path="women.recentBirthOrLoss"
                  label={t('women.recentBirthOrLoss')}
                  value={women.recentBirthOrLoss}
                  options={opts('women.answers', ['yes', 'no', 'declined_to_answer'])}
                  onChange={(v) => set('women', 'recentBirthOrLoss', v)}
                  problems={problems}
                />
                {notesField('women', 'reproductiveHistory', t('women.reproductiveHistory'))}
                <Choice
                  path="women.violenceBeforeAdmission"
                  label={t('women.violenceBeforeAdmission')}
                  value={women.violenceBeforeAdmission}
                  options={opts('women.answers', ['yes', 'no', 'declined_to_answer'])}
                  onChange={(v) => set('women', 'violenceBeforeAdmission', v)}
                  problems={problems}
                  required
                />
                {women.violenceBeforeAdmission === 'yes' ? (
                  <Choice
                    path="women.supportOffered"
                    label={t('women.supportOffered')}
                    value={boolValue(women.supportOffered)}
                    options={yesNo}
                    onChange={(v) => set('women', 'supportOffered', v === 'yes')}
                    problems={problems}
                    required
                  />
                ) : null}
                <Field path="women.childrenOutside" problems={problems}>
                  <TextInput
                    id={fieldId('women.childrenOutside')}
                    label={t('women.childrenOutside')}
                    inputMode="numeric"
                    value={women.childrenOutside ?? ''}
                    onChange={(e) => {
                      const text = e.currentTarget.value.trim();
                      set('women', 'childrenOutside', text === '' ? null : Number(text));
                    }}
                    error={problems['women.childrenOutside']}
                  />
                </Field>
                <Choice
                  path="women.femaleClinicianRequested"
                  label={t('women.femaleClinicianRequested')}
                  value={boolValue(women.femaleClinicianRequested)}
                  options={yesNo}
                  onChange={(v) => {
                    set('women', 'femaleClinicianRequested', v === 'yes');
                    // WOM-6: the encounter records the request too (checked when it is signed).
                    onContent((c) => ({ ...c, femaleClinicianRequested: v === 'yes' }), []);
                  }}
                  problems={problems}
                  required
                />
                {/* WOM-6: asked for when the server finds the account linked to no staff record. */}
                {women.femaleClinicianRequested &&
                (content.noStaffRecordReason || problems['content.noStaffRecordReason']) ? (
                  <Field path="content.noStaffRecordReason" problems={problems}>
                    <Textarea
                      id={fieldId('content.noStaffRecordReason')}
                      label={t('women.noStaffRecordReason')}
                      value={content.noStaffRecordReason ?? ''}
                      onChange={(e) => {
                        const value = e.currentTarget.value;
                        onContent(
                          (c) => ({ ...c, noStaffRecordReason: value }),
                          ['content.noStaffRecordReason'],
                        );
                      }}
                      error={problems['content.noStaffRecordReason']}
                      withAsterisk
                      rows={2}
                    />
                  </Field>
                ) : null}
              </Stack>
            </Field>
          </Paper>
        ) : null}
      </Stack>
    </fieldset>
  );
}
