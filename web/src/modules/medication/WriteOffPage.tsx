import { stockReturnInputSchema, stockWriteOffInputSchema } from '@custodia/domain/medication';
import {
  Button,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useFormats } from '../../app/format.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm, WriteFeedback } from '../../app/useWriteForm.tsx';
import { useDrugName } from './labels.ts';
import { InstitutionPicker, PharmacyLinks, usePharmacyInstitution } from './PharmacyParts.tsx';
import { useReturnStock, useStock, useWriteOff } from './pharmacy.api.ts';

const num = (v: number | string) => (v === '' ? undefined : Number(v));

/**
 * Return, waste or destroy (ADR 0040): each with its reason; wastage and destruction of a controlled
 * drug need a witness, a different user named by their username (the server checks who they are).
 */
export function WriteOffPage() {
  const { t } = useTranslation('medication');
  usePageTitle(t('pharmacy.writeOff.title'));
  const { institutionId, setInstitutionId, options } = usePharmacyInstitution();
  const [search] = useSearchParams();
  const [kind, setKind] = useState<'return' | 'waste' | 'destroy'>('destroy');
  const stock = useStock(institutionId);
  const drugName = useDrugName();
  const { date } = useFormats();
  const batches = (stock.data?.lines ?? []).flatMap((l) =>
    l.batches.map((b) => ({
      value: b.id,
      controlled: l.controlled,
      label: `${drugName(l.drug)} · ${t('pharmacy.stock.batchLine', { batch: b.batchNumber, expiry: date(b.expiryDate), quantity: b.quantity })}${b.expiry === 'expired' ? ` · ${t('pharmacy.expiry.expired')}` : ''}`,
    })),
  );
  const writeOff = useWriteOff();
  const giveBack = useReturnStock();
  const { form, formProps, busy, ...state } = useWriteForm({
    initialValues: {
      batchId: search.get('batchId') ?? '',
      quantity: '' as number | string,
      reason: '',
      witness: '',
    },
    schema: (kind === 'return'
      ? stockReturnInputSchema
      : stockWriteOffInputSchema) as typeof stockWriteOffInputSchema,
    write: (kind === 'return' ? giveBack : writeOff) as typeof writeOff,
    toBody: (v) =>
      kind === 'return'
        ? { batchId: v.batchId, quantity: num(v.quantity), reason: v.reason }
        : {
            batchId: v.batchId,
            kind,
            quantity: num(v.quantity),
            reason: v.reason,
            witness: v.witness.trim() ? v.witness.trim() : null,
          },
    fieldMessage: (code) => t(`errors.${code}`, { defaultValue: '' }) || undefined,
    notice: (result) => t('pharmacy.balanceAfter', { quantity: result.balanceAfter ?? 0 }),
    onSuccess: () => form.reset(),
  });
  const controlled = batches.find((b) => b.value === form.getValues().batchId)?.controlled ?? false;

  return (
    <Stack>
      <Title order={1}>{t('pharmacy.writeOff.title')}</Title>
      <PharmacyLinks institutionId={institutionId} />
      <InstitutionPicker value={institutionId} options={options} onChange={setInstitutionId} />
      <SegmentedControl
        value={kind}
        onChange={(v) => setKind(v as typeof kind)}
        data={(['return', 'waste', 'destroy'] as const).map((k) => ({
          value: k,
          label: t(`pharmacy.kinds.${k}`),
        }))}
        w="fit-content"
      />
      <form {...formProps}>
        <Stack maw={640}>
          <Select
            label={t('pharmacy.batch')}
            searchable
            required
            data={batches.map(({ value, label }) => ({ value, label }))}
            {...form.getInputProps('batchId')}
          />
          <NumberInput
            label={t('pharmacy.quantity')}
            required
            min={1}
            allowDecimal={false}
            {...form.getInputProps('quantity')}
          />
          <Textarea label={t('pharmacy.writeOff.reason')} required {...form.getInputProps('reason')} />
          {kind !== 'return' ? (
            <TextInput
              label={t('pharmacy.witness')}
              description={t('pharmacy.witnessHelp')}
              required={controlled}
              autoComplete="off"
              {...form.getInputProps('witness')}
            />
          ) : null}
          <WriteFeedback write={state} />
          <Button type="submit" loading={busy}>
            {t(`pharmacy.writeOff.submit.${kind}`)}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
