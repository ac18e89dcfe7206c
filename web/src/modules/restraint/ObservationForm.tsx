import { restraintObservationSchema } from '@custodia/domain/restraint';
import { Button, Checkbox, Group, NativeSelect, Stack, Textarea } from '@mantine/core';
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
};

/**
 * RST-6: the structured observation note, pre-filled with the usual answers and with the focus on
 * "Save", so that "Observe" then Enter records it: two key presses when nothing is unusual.
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
      breathing: 'normal',
      limbCirculation: 'not_applicable',
      toiletNeeds: 'not_needed',
      mentalState: 'calm',
      hydrationOffered: true,
      stillNeeded: true,
      note: '',
    },
    write: useRecordEvent(episodeId, 'observation', key),
    toBody: (values) => ({ ...values, note: values.note.trim() || null, at: new Date().toISOString() }),
    problemText,
    onSuccess: onDone,
  });
  const { form } = write;
  const values = form.values;

  const select = (name: keyof typeof options) => (
    <NativeSelect
      label={t(`observation.${name}`)}
      value={values[name]}
      onChange={(e) => {
        const value = e.currentTarget.value;
        form.setFieldValue(name, value);
      }}
      data={options[name].map((o) => ({ value: o, label: t(`observation.values.${o}`) }))}
    />
  );

  return (
    <form {...write.formProps}>
      <Stack gap="xs">
        <Group grow>
          {select('breathing')}
          {select('limbCirculation')}
        </Group>
        <Group grow>
          {select('toiletNeeds')}
          {select('mentalState')}
        </Group>
        <Checkbox
          label={t('observation.hydrationOffered')}
          checked={values.hydrationOffered}
          onChange={(e) => {
            const checked = e.currentTarget.checked;
            form.setFieldValue('hydrationOffered', checked);
          }}
        />
        <Checkbox
          label={t('observation.stillNeeded')}
          checked={values.stillNeeded}
          onChange={(e) => {
            const checked = e.currentTarget.checked;
            form.setFieldValue('stillNeeded', checked);
          }}
        />
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
          <Button type="submit" loading={write.busy} data-autofocus>
            {t('observation.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
