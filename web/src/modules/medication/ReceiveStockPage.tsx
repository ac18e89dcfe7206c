import { stockReceiptInputSchema } from '@custodia/domain/medication';
import { Button, NumberInput, Select, Stack, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm, WriteFeedback } from '../../app/useWriteForm.tsx';
import { useDrugName } from './labels.ts';
import { useDrugs } from './medication.api.ts';
import { InstitutionPicker, PharmacyLinks, usePharmacyInstitution } from './PharmacyParts.tsx';
import { useReceive } from './pharmacy.api.ts';

const num = (v: number | string) => (v === '' ? undefined : Number(v));

/** Receive stock (ADR 0040): a batch with its number, expiry date, quantity and supplier. */
export function ReceiveStockPage() {
  const { t } = useTranslation('medication');
  usePageTitle(t('pharmacy.receive.title'));
  const { institutionId, setInstitutionId, options } = usePharmacyInstitution();
  const [search] = useSearchParams();
  const drugs = useDrugs('');
  const drugName = useDrugName();
  const receive = useReceive();
  const { form, formProps, busy, ...state } = useWriteForm({
    initialValues: {
      drugId: search.get('drugId') ?? '',
      batchNumber: '',
      expiryDate: '',
      quantity: '' as number | string,
      supplier: '',
      reference: '',
    },
    schema: stockReceiptInputSchema,
    write: receive,
    toBody: (v) => ({
      institutionId,
      drugId: v.drugId,
      batchNumber: v.batchNumber,
      expiryDate: v.expiryDate,
      quantity: num(v.quantity),
      supplier: v.supplier,
      reference: v.reference.trim() ? v.reference : null,
    }),
    fieldMessage: (code) => t(`errors.${code}`, { defaultValue: '' }) || undefined,
    notice: (result) => t('pharmacy.receive.done', { quantity: result.balanceAfter ?? 0 }),
    onSuccess: () => form.reset(),
  });

  return (
    <Stack>
      <Title order={1}>{t('pharmacy.receive.title')}</Title>
      <PharmacyLinks institutionId={institutionId} />
      <InstitutionPicker value={institutionId} options={options} onChange={setInstitutionId} />
      <form {...formProps}>
        <Stack maw={560}>
          <Select
            label={t('prescription.drug')}
            searchable
            required
            data={(drugs.data ?? []).map((d) => ({ value: d.id, label: drugName(d) }))}
            {...form.getInputProps('drugId')}
          />
          <TextInput label={t('pharmacy.batchNumber')} required {...form.getInputProps('batchNumber')} />
          <TextInput
            type="date"
            label={t('pharmacy.expiryDate')}
            required
            {...form.getInputProps('expiryDate')}
          />
          <NumberInput
            label={t('pharmacy.quantity')}
            required
            min={1}
            allowDecimal={false}
            {...form.getInputProps('quantity')}
          />
          <TextInput label={t('pharmacy.receive.supplier')} required {...form.getInputProps('supplier')} />
          <TextInput label={t('pharmacy.receive.reference')} {...form.getInputProps('reference')} />
          <WriteFeedback write={state} />
          <Button type="submit" loading={busy}>
            {t('pharmacy.receive.submit')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
