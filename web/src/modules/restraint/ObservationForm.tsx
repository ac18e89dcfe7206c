import { restraintObservationSchema } from '@custodia/domain/restraint';
import { Button, Checkbox, Group, Radio, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWriteForm, WriteFeedback } from '../../app/useWriteForm.tsx';
import { useProblemText } from './parts.tsx';
import { newIdempotencyKey, useRecordEvent } from './restraint.api.ts';

const options = {
  breathing: restraintObservationSchema.shape.breathing.options,
  limbCirculation: restraintObservationSchema.shape.limbCirculation.options,
  toiletNeeds: restraintObservationSchema.shape.toiletNeeds.options,
  mentalState: restraintObservationSchema.shape.mentalState.options,
  stillNeeded: ['yes', 'no'],
} as const;

type Choice = keyof typeof options;

/**
 * RST-6: the structured observation note. Nothing is pre-filled: each answer is a row of choices the
 * officer picks after looking (one click or arrow key each), so a note records what was seen, never
 * a default nobody checked. A usual observation: five choices and Save, six presses; a drink offered
 * is one more tick, and a note is optional.
 */
export function ObservationForm({
  episodeId,
  onDone,
  onCancel,
}: {
  episodeId: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('restraint');
  const problemText = useProblemText();
  // One key for this note: pressing Save twice on a flaky network records it once.
  const [key] = useState(newIdempotencyKey);
  const write = useWriteForm({
    initialValues: {
      breathing: '',
      limbCirculation: '',
      toiletNeeds: '',
      mentalState: '',
      hydrationOffered: false,
      stillNeeded: '',
      note: '',
    },
    write: useRecordEvent(episodeId, 'observation', key),
    refuse: (values) =>
      (Object.keys(options) as Choice[]).some((name) => values[name] === '')
        ? t('observation.unanswered')
        : null,
    toBody: (values) => ({
      ...values,
      stillNeeded: values.stillNeeded === 'yes',
      note: values.note.trim() || null,
      at: new Date().toISOString(),
    }),
    problemText,
    onSuccess: onDone,
  });
  const { form } = write;
  const values = form.values;

  const choice = (name: Choice) => (
    <Radio.Group
      label={t(`observation.${name}`)}
      value={values[name]}
      onChange={(value) => form.setFieldValue(name, value)}
      withAsterisk
    >
      <Group gap="md" mt={4}>
        {options[name].map((o) => (
          <Radio key={o} value={o} label={t(`observation.values.${o}`)} />
        ))}
      </Group>
    </Radio.Group>
  );

  return (
    <form {...write.formProps}>
      <Stack gap="xs">
        {choice('breathing')}
        {choice('limbCirculation')}
        {choice('toiletNeeds')}
        {choice('mentalState')}
        <Checkbox
          label={t('observation.hydrationOffered')}
          checked={values.hydrationOffered}
          onChange={(e) => {
            const checked = e.currentTarget.checked;
            form.setFieldValue('hydrationOffered', checked);
          }}
        />
        {choice('stillNeeded')}
        <Textarea
          label={t('observation.note')}
          value={values.note}
          onChange={(e) => {
            const note = e.currentTarget.value;
            form.setFieldValue('note', note);
          }}
          maxLength={2000}
        />
        <WriteFeedback write={write} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('cancel')}
          </Button>
          <Button type="submit" loading={write.busy}>
            {t('observation.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
