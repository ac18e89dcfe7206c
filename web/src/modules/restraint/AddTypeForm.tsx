import {
  approvedEquipment,
  approvedHolds,
  type RestraintType,
  restraintTypes,
} from '@custodia/domain/restraint';
import { Alert, Button, Group, NativeSelect, Stack, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemText } from './parts.tsx';
import { newIdempotencyKey, restraintApi, useRefreshRestraint } from './restraint.api.ts';

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
  const refresh = useRefreshRestraint();
  const choices = restraintTypes.filter((type) => !current.includes(type));
  const [type, setType] = useState<RestraintType | ''>('');
  const [reason, setReason] = useState('');
  const [equipment, setEquipment] = useState('');
  const [hold, setHold] = useState('');
  const [medication, setMedication] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [key] = useState(newIdempotencyKey);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      await restraintApi.record(
        episodeId,
        'types_added',
        {
          at: new Date().toISOString(),
          types: type ? [type] : [],
          combinationReason: reason,
          equipment: type === 'mechanical' && equipment ? [equipment] : [],
          holds: type === 'physical' && hold ? [hold] : [],
          medication: type === 'chemical' ? medication.trim() || null : null,
        },
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

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <NativeSelect
          label={t('episode.typeToAdd')}
          required
          value={type}
          onChange={(e) => setType(e.currentTarget.value as RestraintType | '')}
          data={[
            { value: '', label: t('start.chooseStaff') },
            ...choices.map((c) => ({ value: c, label: t(`types.${c}`) })),
          ]}
          data-autofocus
        />
        <Textarea
          label={t('start.combinationReason')}
          required
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          maxLength={1000}
        />
        {type === 'mechanical' ? (
          <NativeSelect
            label={t('start.equipment')}
            required
            value={equipment}
            onChange={(e) => setEquipment(e.currentTarget.value)}
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
            value={hold}
            onChange={(e) => setHold(e.currentTarget.value)}
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
            value={medication}
            onChange={(e) => setMedication(e.currentTarget.value)}
            maxLength={500}
          />
        ) : null}
        {failure ? (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('episode.actions')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
