import {
  roundNames,
  type StockOverview,
  stockDispenseInputSchema,
  stockIssueInputSchema,
  supplyKinds,
} from '@custodia/domain/medication';
import { Button, NumberInput, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useFormats } from '../../app/format.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm, WriteFeedback } from '../../app/useWriteForm.tsx';
import { useInstitution } from '../registry/registry.api.ts';
import { useDrugName } from './labels.ts';
import { usePersonMedication } from './medication.api.ts';
import { InstitutionPicker, PharmacyLinks, usePharmacyInstitution } from './PharmacyParts.tsx';
import { useDispense, useIssue, useStock } from './pharmacy.api.ts';

const num = (v: number | string) => (v === '' ? undefined : Number(v));

/** The batches one may draw on (not expired, not empty), as choices, optionally of one drug. */
function useBatchChoices(stock: StockOverview | undefined, drugId?: string) {
  const { t } = useTranslation('medication');
  const drugName = useDrugName();
  const { date } = useFormats();
  return (stock?.lines ?? [])
    .filter((l) => !drugId || l.drug.id === drugId)
    .flatMap((l) =>
      l.batches
        .filter((b) => b.expiry !== 'expired' && b.quantity > 0)
        .map((b) => ({
          value: b.id,
          label: `${drugName(l.drug)} · ${t('pharmacy.stock.batchLine', { batch: b.batchNumber, expiry: date(b.expiryDate), quantity: b.quantity })}`,
        })),
    );
}

/**
 * Dispense (ADR 0040): ward stock issued to a round (the round's doses draw on it), or a supply to a
 * person (in-possession, release) against their active prescription, from the person's medication
 * tab (`?personId=`). Never below zero, never an expired batch: the server refuses in words.
 */
export function DispensePage() {
  const { t } = useTranslation('medication');
  usePageTitle(t('pharmacy.dispense.title'));
  const { institutionId, setInstitutionId, options } = usePharmacyInstitution();
  const [search] = useSearchParams();
  const personId = search.get('personId') ?? '';
  const [mode, setMode] = useState(personId ? 'person' : 'round');
  const stock = useStock(institutionId);
  return (
    <Stack>
      <Title order={1}>{t('pharmacy.dispense.title')}</Title>
      <PharmacyLinks institutionId={institutionId} />
      <InstitutionPicker value={institutionId} options={options} onChange={setInstitutionId} />
      <SegmentedControl
        value={mode}
        onChange={setMode}
        data={[
          { value: 'round', label: t('pharmacy.dispense.toRound') },
          { value: 'person', label: t('pharmacy.dispense.toPerson') },
        ]}
        w="fit-content"
      />
      {mode === 'round' ? (
        <IssueForm stock={stock.data} institutionId={institutionId} />
      ) : personId ? (
        <PersonForm stock={stock.data} personId={personId} />
      ) : (
        <Text>{t('pharmacy.dispense.fromPersonTab')}</Text>
      )}
    </Stack>
  );
}

function IssueForm({ stock, institutionId }: { stock: StockOverview | undefined; institutionId: string }) {
  const { t } = useTranslation('medication');
  const units = useInstitution(institutionId).data?.units ?? [];
  const batches = useBatchChoices(stock);
  const issue = useIssue();
  const { form, formProps, busy, ...state } = useWriteForm({
    initialValues: { batchId: '', quantity: '' as number | string, unitId: '', round: '', note: '' },
    schema: stockIssueInputSchema,
    write: issue,
    toBody: (v) => ({
      batchId: v.batchId,
      quantity: num(v.quantity),
      unitId: v.unitId || null,
      round: v.round || undefined,
      note: v.note.trim() ? v.note : null,
    }),
    fieldMessage: (code) => t(`errors.${code}`, { defaultValue: '' }) || undefined,
    notice: (result) => t('pharmacy.balanceAfter', { quantity: result.balanceAfter ?? 0 }),
    onSuccess: () => form.reset(),
  });
  return (
    <form {...formProps}>
      <Stack maw={640}>
        <Select
          label={t('pharmacy.batch')}
          searchable
          required
          data={batches}
          {...form.getInputProps('batchId')}
        />
        <Select
          label={t('round.unit')}
          data={[
            { value: '', label: t('round.allUnits') },
            ...units.map((u) => ({ value: u.id, label: u.code })),
          ]}
          {...form.getInputProps('unitId')}
        />
        <Select
          label={t('round.round')}
          required
          data={roundNames.map((r) => ({ value: r, label: t(`rounds.${r}`) }))}
          {...form.getInputProps('round')}
        />
        <NumberInput
          label={t('pharmacy.quantity')}
          required
          min={1}
          allowDecimal={false}
          {...form.getInputProps('quantity')}
        />
        <TextInput label={t('pharmacy.note')} {...form.getInputProps('note')} />
        <WriteFeedback write={state} />
        <Button type="submit" loading={busy}>
          {t('pharmacy.dispense.submitRound')}
        </Button>
      </Stack>
    </form>
  );
}

function PersonForm({ stock, personId }: { stock: StockOverview | undefined; personId: string }) {
  const { t } = useTranslation('medication');
  const drugName = useDrugName();
  const medication = usePersonMedication(personId);
  const active = (medication.data?.prescriptions ?? []).filter((p) => p.status === 'active' && !p.expired);
  const dispense = useDispense();
  const { form, formProps, busy, ...state } = useWriteForm({
    initialValues: { prescriptionId: '', batchId: '', supply: '', quantity: '' as number | string, note: '' },
    schema: stockDispenseInputSchema,
    write: dispense,
    toBody: (v) => ({
      prescriptionId: v.prescriptionId,
      batchId: v.batchId,
      supply: v.supply || undefined,
      quantity: num(v.quantity),
      note: v.note.trim() ? v.note : null,
    }),
    fieldMessage: (code) => t(`errors.${code}`, { defaultValue: '' }) || undefined,
    notice: (result) => t('pharmacy.balanceAfter', { quantity: result.balanceAfter ?? 0 }),
    onSuccess: () => form.reset(),
  });
  const drugId = active.find((p) => p.id === form.getValues().prescriptionId)?.drug.id;
  const batches = useBatchChoices(stock, drugId ?? '\u0000');
  return (
    <form {...formProps}>
      <Stack maw={640}>
        <Select
          label={t('pharmacy.dispense.prescription')}
          required
          data={active.map((p) => ({ value: p.id, label: drugName(p.drug) }))}
          {...form.getInputProps('prescriptionId')}
        />
        <Select
          label={t('pharmacy.batch')}
          searchable
          required
          data={batches}
          {...form.getInputProps('batchId')}
        />
        <Select
          label={t('pharmacy.dispense.supply')}
          required
          data={supplyKinds.map((s) => ({ value: s, label: t(`pharmacy.supply.${s}`) }))}
          {...form.getInputProps('supply')}
        />
        <NumberInput
          label={t('pharmacy.quantity')}
          required
          min={1}
          allowDecimal={false}
          {...form.getInputProps('quantity')}
        />
        <TextInput label={t('pharmacy.note')} {...form.getInputProps('note')} />
        <WriteFeedback write={state} />
        <Button type="submit" loading={busy}>
          {t('pharmacy.dispense.submitPerson')}
        </Button>
      </Stack>
    </form>
  );
}
