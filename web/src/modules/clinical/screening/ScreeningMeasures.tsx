import {
  allergyAnswers,
  allergyCategories,
  allergySeverities,
  type ScreeningAllergy,
  screeningVitalNames,
} from '@custodia/domain';
import {
  Button,
  Fieldset,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormValues, Problems } from './formValues.ts';
import { Choice, Field, fieldId } from './ScreeningForm.tsx';

type VitalName = (typeof screeningVitalNames)[number];

interface SectionProps {
  values: FormValues;
  onValues: (change: (values: FormValues) => FormValues, paths: string[]) => void;
  problems: Problems;
}

/** What the field shows for a stored reading. */
const shown = (value: number | null | undefined) =>
  value === null || value === undefined ? '' : String(value);

/**
 * One reading, typed as text (a decimal point or comma mid-way stays as typed) and kept as a number;
 * empty is "not measured", never a normal value put in for the clinician.
 */
function Reading({
  name,
  value,
  onChange,
  problems,
}: {
  name: VitalName;
  value: number | null | undefined;
  onChange: (value: number | null) => void;
  problems: Problems;
}) {
  const { t } = useTranslation('screening');
  const path = `vitals.${name}`;
  const [text, setText] = useState(shown(value));
  // A value set from outside (a restored or discarded draft) replaces what is shown.
  useEffect(() => {
    setText((current) => (Number(current.replace(',', '.')) === value ? current : shown(value)));
  }, [value]);
  return (
    <Field path={path} problems={problems}>
      <TextInput
        id={fieldId(path)}
        label={t(`vitals.${name}`)}
        inputMode="decimal"
        autoComplete="off"
        value={text}
        onChange={(e) => {
          const typed = e.currentTarget.value.replace(/[^0-9.,]/g, '');
          setText(typed);
          const number = Number(typed.replace(',', '.'));
          onChange(typed === '' || !Number.isFinite(number) ? null : number);
        }}
        error={problems[path]}
      />
    </Field>
  );
}

/** Weight, height and vital signs at the screening: each optional; the chart's vital signs on completion. */
export function VitalsSection({ values, onValues, problems }: SectionProps) {
  const { t } = useTranslation('screening');
  const vitals = values.vitals ?? {};
  const set = (name: VitalName, value: number | null) =>
    onValues(
      (v) => ({ ...v, vitals: { ...(v.vitals ?? {}), [name]: value } }),
      // Blood pressure is checked as a pair: a change to one clears the other's message too.
      name === 'systolic' || name === 'diastolic'
        ? ['vitals.systolic', 'vitals.diastolic']
        : [`vitals.${name}`],
    );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="screening-section-vitals">
      <Title order={2} size="h3" id="screening-section-vitals" mb="xs">
        {t('sections.vitals')}
      </Title>
      <Text size="sm" mb="sm">
        {t('vitals.intro')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
        {screeningVitalNames.map((name) => (
          <Reading
            key={name}
            name={name}
            value={vitals[name]}
            onChange={(value) => set(name, value)}
            problems={problems}
          />
        ))}
      </SimpleGrid>
    </Paper>
  );
}

const blankAllergy = (): ScreeningAllergy => ({
  substance: '',
  category: null,
  severity: null,
  reaction: null,
});

/** "Any allergies?": no known allergies, the allergies named, or unknown; never answered for the clinician. */
export function AllergiesSection({ values, onValues, problems }: SectionProps) {
  const { t } = useTranslation('screening');
  const allergies = values.allergies ?? { answer: null, items: [] };
  const items = allergies.items;
  const change = (next: typeof allergies, paths: string[]) =>
    onValues((v) => ({ ...v, allergies: next }), ['allergies.answer', 'allergies.items', ...paths]);
  const setItem = (index: number, patch: Partial<ScreeningAllergy>) =>
    change(
      { ...allergies, items: items.map((item, i) => (i === index ? { ...item, ...patch } : item)) },
      Object.keys(patch).map((k) => `allergies.items.${index}.${k}`),
    );
  const options = (group: string, codes: readonly string[]) =>
    codes.map((c) => ({ value: c, label: t(`${group}.${c}`) }));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="screening-section-allergies">
      <Title order={2} size="h3" id="screening-section-allergies" mb="xs">
        {t('sections.allergies')}
      </Title>
      <Stack gap="sm">
        <Text size="sm">{t('allergies.intro')}</Text>
        <Choice
          path="allergies.answer"
          label={t('allergies.question')}
          value={allergies.answer}
          options={options('allergies.answers', allergyAnswers)}
          onChange={(answer) =>
            change(
              {
                answer: answer as (typeof allergyAnswers)[number],
                // Listing starts with one blank allergy; another answer lists none.
                items: answer === 'listed' ? (items.length ? items : [blankAllergy()]) : [],
              },
              [],
            )
          }
          problems={problems}
          required
        />
        {allergies.answer === 'listed' ? (
          <Field path="allergies.items" problems={problems}>
            <Stack gap="sm">
              {problems['allergies.items'] ? (
                <Text c="red.9" size="sm">
                  {problems['allergies.items']}
                </Text>
              ) : null}
              {items.map((item, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the list has no ids; rows are removed by position
                <Fieldset key={i} legend={t('allergies.allergy', { n: i + 1 })}>
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                    <Field path={`allergies.items.${i}.substance`} problems={problems}>
                      <TextInput
                        id={fieldId(`allergies.items.${i}.substance`)}
                        label={t('allergies.substance')}
                        value={item.substance}
                        maxLength={200}
                        onChange={(e) => setItem(i, { substance: e.currentTarget.value })}
                        error={problems[`allergies.items.${i}.substance`]}
                        withAsterisk
                      />
                    </Field>
                    <Field path={`allergies.items.${i}.reaction`} problems={problems}>
                      <TextInput
                        id={fieldId(`allergies.items.${i}.reaction`)}
                        label={t('allergies.reaction')}
                        value={item.reaction ?? ''}
                        maxLength={500}
                        onChange={(e) => setItem(i, { reaction: e.currentTarget.value })}
                      />
                    </Field>
                    <Field path={`allergies.items.${i}.category`} problems={problems}>
                      <NativeSelect
                        id={fieldId(`allergies.items.${i}.category`)}
                        label={t('allergies.category')}
                        value={item.category ?? ''}
                        data={[
                          { value: '', label: t('choose') },
                          ...options('allergies.categories', allergyCategories),
                        ]}
                        onChange={(e) =>
                          setItem(i, {
                            category: (e.currentTarget.value || null) as ScreeningAllergy['category'],
                          })
                        }
                        error={problems[`allergies.items.${i}.category`]}
                        withAsterisk
                      />
                    </Field>
                    <Field path={`allergies.items.${i}.severity`} problems={problems}>
                      <NativeSelect
                        id={fieldId(`allergies.items.${i}.severity`)}
                        label={t('allergies.severity')}
                        value={item.severity ?? ''}
                        data={[
                          { value: '', label: t('choose') },
                          ...options('allergies.severities', allergySeverities),
                        ]}
                        onChange={(e) =>
                          setItem(i, {
                            severity: (e.currentTarget.value || null) as ScreeningAllergy['severity'],
                          })
                        }
                        error={problems[`allergies.items.${i}.severity`]}
                        withAsterisk
                      />
                    </Field>
                  </SimpleGrid>
                  <Group mt="sm">
                    <Button
                      variant="default"
                      className="screening-no-print"
                      onClick={() =>
                        change({ ...allergies, items: items.filter((_, k) => k !== i) }, [
                          `allergies.items.${i}`,
                        ])
                      }
                    >
                      {t('allergies.remove', { n: i + 1 })}
                    </Button>
                  </Group>
                </Fieldset>
              ))}
              <Group>
                <Button
                  variant="default"
                  className="screening-no-print"
                  disabled={items.length >= 20}
                  onClick={() => change({ ...allergies, items: [...items, blankAllergy()] }, [])}
                >
                  {t('allergies.add')}
                </Button>
              </Group>
            </Stack>
          </Field>
        ) : null}
      </Stack>
    </Paper>
  );
}
