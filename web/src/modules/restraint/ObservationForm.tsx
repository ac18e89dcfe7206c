import { restraintObservationSchema } from '@custodia/domain/restraint';
import { Alert, Button, Checkbox, Group, NativeSelect, Stack, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemText } from './parts.tsx';
import { newIdempotencyKey, restraintApi, useRefreshRestraint } from './restraint.api.ts';

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
  const refresh = useRefreshRestraint();
  const [values, setValues] = useState({
    breathing: 'normal',
    limbCirculation: 'not_applicable',
    toiletNeeds: 'not_needed',
    mentalState: 'calm',
    hydrationOffered: true,
    stillNeeded: true,
    note: '',
  });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // One key for this note: pressing Save twice on a flaky network records it once.
  const [key] = useState(newIdempotencyKey);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      await restraintApi.record(
        episodeId,
        'observation',
        { ...values, note: values.note.trim() || null, at: new Date().toISOString() },
        key,
      );
      await refresh();
      onDone();
    } catch (error) {
      setFailure(problemText(error));
    } finally {
      setBusy(false);
    }
  }

  const select = (name: keyof typeof options) => (
    <NativeSelect
      label={t(`observation.${name}`)}
      value={values[name]}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setValues((v) => ({ ...v, [name]: value }));
      }}
      data={options[name].map((o) => ({ value: o, label: t(`observation.values.${o}`) }))}
    />
  );

  return (
    <form onSubmit={submit} noValidate>
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
            setValues((v) => ({ ...v, hydrationOffered: checked }));
          }}
        />
        <Checkbox
          label={t('observation.stillNeeded')}
          checked={values.stillNeeded}
          onChange={(e) => {
            const checked = e.currentTarget.checked;
            setValues((v) => ({ ...v, stillNeeded: checked }));
          }}
        />
        <Textarea
          label={t('observation.note')}
          value={values.note}
          onChange={(e) => {
            const note = e.currentTarget.value;
            setValues((v) => ({ ...v, note }));
          }}
          maxLength={2000}
        />
        {failure ? (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('cancel')}
          </Button>
          <Button type="submit" loading={busy} data-autofocus>
            {t('observation.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
