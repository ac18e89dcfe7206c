import {
  approvedEquipment,
  approvedHolds,
  type RestraintType,
  restraintTypes,
} from '@custodia/domain/restraint';
import { Button, Group, NativeSelect, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWriteForm, WriteFeedback } from '../../app/useWriteForm.tsx';
import { useProblemText } from './parts.tsx';
import { newIdempotencyKey, useRecordEvent } from './restraint.api.ts';

/**
 * RST-1: another type joins the open episode (never a second episode beside it), with the reason
 * the combination shortens the measure or prevents serious harm, and what the type needs: the
 * equipment (padded cloth only), the hold, or the medication given.
 */
export function AddTypeForm({
  episodeId,
  current,
  onDone,
  onCancel,
}: {
  episodeId: string;
  current: readonly RestraintType[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('restraint');
  const problemText = useProblemText();
  const choices = restraintTypes.filter((type) => !current.includes(type));
  // One key for this change: pressing Save twice on a flaky network records it once.
  const [key] = useState(newIdempotencyKey);
  const write = useWriteForm({
    initialValues: { type: '' as RestraintType | '', reason: '', equipment: '', hold: '', medication: '' },
    write: useRecordEvent(episodeId, 'types_added', key),
    toBody: ({ type, reason, equipment, hold, medication }) => ({
      at: new Date().toISOString(),
      types: type ? [type] : [],
      combinationReason: reason,
      equipment: type === 'mechanical' && equipment ? [equipment] : [],
      holds: type === 'physical' && hold ? [hold] : [],
      medication: type === 'chemical' ? medication.trim() || null : null,
    }),
    problemText,
    onSuccess: onDone,
  });
  const { form } = write;
  const type = form.values.type;

  return (
    <form {...write.formProps}>
      <Stack gap="sm">
        <NativeSelect
          label={t('episode.typeToAdd')}
          required
          {...form.getInputProps('type')}
          data={[
            { value: '', label: t('start.chooseStaff') },
            ...choices.map((c) => ({ value: c, label: t(`types.${c}`) })),
          ]}
          data-autofocus
        />
        <Textarea
          label={t('start.combinationReason')}
          required
          {...form.getInputProps('reason')}
          maxLength={1000}
        />
        {type === 'mechanical' ? (
          <NativeSelect
            label={t('start.equipment')}
            required
            {...form.getInputProps('equipment')}
            data={[
              { value: '', label: t('start.chooseStaff') },
              ...approvedEquipment.map((o) => ({ value: o, label: t(`equipment.${o}`) })),
            ]}
          />
        ) : null}
        {type === 'physical' ? (
          <NativeSelect
            label={t('start.holds')}
            required
            {...form.getInputProps('hold')}
            data={[
              { value: '', label: t('start.chooseStaff') },
              ...approvedHolds.map((o) => ({ value: o, label: t(`holds.${o}`) })),
            ]}
          />
        ) : null}
        {type === 'chemical' ? (
          <Textarea
            label={t('start.medication')}
            required
            {...form.getInputProps('medication')}
            maxLength={500}
          />
        ) : null}
        <WriteFeedback write={write} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('cancel')}
          </Button>
          <Button type="submit" loading={write.busy}>
            {t('episode.actions')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
