import {
  deliveryModes,
  doseUnits,
  frequencyCodes,
  medicationRoutes,
  type Prescription,
  prescriptionInputSchema,
  prescriptionRevisionSchema,
  verbalOrderInputSchema,
} from '@custodia/domain/medication';
import {
  Button,
  Group,
  NumberInput,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { displayName, fromLocalInput, toLocalInput } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm, WriteFeedback } from '../../app/useWriteForm.tsx';
import { usePerson, useTimeZoneOf } from '../registry/registry.api.ts';
import { useDrugName } from './labels.ts';
import { useDrugs, usePersonMedication, usePrescribe, useRevise } from './medication.api.ts';
import { useVerbalOrder } from './orders.api.ts';

const text = (v: string) => (v.trim() ? v.trim() : null);
const num = (v: number | string) => (v === '' || v === null ? null : Number(v));

/**
 * Prescribing from the person's chart (issue 15 item 2): every field structured (MDX-1); nothing
 * clinical is pre-filled but the start (now, in the institution's zone). The server checks MDX-4
 * (a duplicate needs "replaces"), MDX-5 (supervised-only drugs, the in-possession risk assessment)
 * and the person's recorded allergies (an override needs its reason); each refusal lands on its field.
 */
export function PrescribePage() {
  const { t } = useTranslation('medication');
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const revising = search.get('revise');
  usePageTitle(t(revising ? 'prescribe.reviseTitle' : 'prescribe.title'));
  const person = usePerson(id);
  const medication = usePersonMedication(id);
  return (
    <Stack maw={720}>
      <Title order={1}>{t(revising ? 'prescribe.reviseTitle' : 'prescribe.title')}</Title>
      <QueryState query={person} loading={t('loading')}>
        {(p) => <Title order={2}>{`${displayName(p)} · ${p.prisonNumber}`}</Title>}
      </QueryState>
      <QueryState query={medication} loading={t('loading')}>
        {(data) => {
          const current = revising ? data.prescriptions.find((p) => p.id === revising) : undefined;
          if (revising && (!current || current.status === 'stopped'))
            return <Text role="alert">{t('errors.already_stopped')}</Text>;
          return (
            <PrescriptionForm
              personId={id}
              institutionId={person.data?.institution?.id}
              revising={current}
              allergies={data.allergies}
              active={data.prescriptions.filter((p) => p.status !== 'stopped')}
            />
          );
        }}
      </QueryState>
    </Stack>
  );
}

const wall = (instant: string | null, zone: string | undefined) =>
  instant ? toLocalInput(new Date(instant), zone) : '';

/**
 * The fields of a prescription: a new one, a revision of `revising` (the drug stays; a reason), or a
 * doctor's verbal order recorded by a nurse (`verbal`: the doctor's username too; ADR 0045).
 */
export function PrescriptionForm({
  personId: id,
  institutionId,
  revising,
  allergies,
  active: current,
  verbal = false,
}: {
  personId: string;
  institutionId: string | undefined;
  revising?: Prescription;
  allergies: string[];
  active: Prescription[];
  verbal?: boolean;
}) {
  const { t } = useTranslation('medication');
  const navigate = useNavigate();
  const zone = useTimeZoneOf()(institutionId);
  const drugs = useDrugs('');
  const drugName = useDrugName();
  const prescribe = usePrescribe(id);
  const revise = useRevise(id, revising?.id ?? '');
  const verbalOrder = useVerbalOrder(id);
  const r = revising;
  const { form, formProps, busy, ...state } = useWriteForm({
    // Nothing clinical is pre-filled for a new prescription; a revision starts from the current version.
    initialValues: {
      drugId: r?.drug.id ?? '',
      dose: (r?.dose ?? '') as number | string,
      doseUnit: r?.doseUnit ?? '',
      route: r?.route ?? '',
      frequency: r?.frequency ?? '',
      everyHours: (r?.everyHours ?? '') as number | string,
      firstTime: r?.frequency === 'every_n_hours' ? (r.timesOfDay[0] ?? '') : '',
      prnCondition: r?.prnCondition ?? '',
      prnMinIntervalHours: (r?.prnMinIntervalHours ?? '') as number | string,
      prnMaxPerDay: (r?.prnMaxPerDay ?? '') as number | string,
      delivery: r?.delivery ?? '',
      riskAssessment: r?.riskAssessment ?? '',
      reviewDate: r?.reviewDate ?? '',
      startAt: r ? wall(r.startAt, zone) : toLocalInput(new Date(), zone),
      endAt: r ? wall(r.endAt, zone) : '',
      indication: r?.indication ?? '',
      allergyOverrideReason: r?.allergyOverrideReason ?? '',
      replacesPrescriptionId: '',
      reason: '',
      orderedBy: '',
    },
    schema: (r
      ? prescriptionRevisionSchema
      : verbal
        ? verbalOrderInputSchema
        : prescriptionInputSchema) as typeof prescriptionInputSchema,
    write: (r ? revise : verbal ? verbalOrder : prescribe) as typeof prescribe,
    fieldOf: (path) => path.replace(/^order\./, ''),
    toBody: (v) => {
      const order = {
        ...(r ? { version: r.version, reason: v.reason } : { drugId: v.drugId }),
        dose: num(v.dose),
        doseUnit: v.doseUnit || undefined,
        route: v.route || undefined,
        frequency: v.frequency || undefined,
        everyHours: v.frequency === 'every_n_hours' ? num(v.everyHours) : null,
        firstTime: v.frequency === 'every_n_hours' ? text(v.firstTime) : null,
        prnCondition: v.frequency === 'prn' ? text(v.prnCondition) : null,
        prnMinIntervalHours: v.frequency === 'prn' ? num(v.prnMinIntervalHours) : null,
        prnMaxPerDay: v.frequency === 'prn' ? num(v.prnMaxPerDay) : null,
        delivery: v.delivery || undefined,
        riskAssessment: v.delivery === 'in_possession' ? text(v.riskAssessment) : null,
        reviewDate: v.delivery === 'in_possession' ? text(v.reviewDate) : null,
        startAt: fromLocalInput(v.startAt, zone),
        endAt: v.endAt ? fromLocalInput(v.endAt, zone) : null,
        indication: v.indication,
        allergyOverrideReason: text(v.allergyOverrideReason),
        ...(r ? {} : { replacesPrescriptionId: v.replacesPrescriptionId || null }),
      };
      return verbal ? { orderedBy: v.orderedBy.trim(), order } : order;
    },
    fieldMessage: (code) => t(`errors.${code}`, { defaultValue: '' }) || undefined,
    refused: (_error, fields) => (Object.keys(fields).length ? t('prescribe.checkFields') : undefined),
    invalid: t('prescribe.checkFields'),
    onSuccess: () => void navigate(`/registry/persons/${encodeURIComponent(id)}?tab=medication`),
  });
  const values = form.getValues();

  return (
    <form {...formProps}>
      <Stack>
        {verbal ? (
          <TextInput
            label={t('orders.verbal.orderedBy')}
            description={t('orders.verbal.orderedByHint')}
            required
            {...form.getInputProps('orderedBy')}
          />
        ) : null}
        <Select
          label={t('prescription.drug')}
          searchable
          required
          disabled={Boolean(r)}
          nothingFoundMessage={t('prescribe.noDrug')}
          data={(drugs.data ?? []).map((d) => ({ value: d.id, label: drugName(d) }))}
          {...form.getInputProps('drugId')}
          onChange={(value) => {
            form.setFieldValue('drugId', value ?? '');
            const drug = drugs.data?.find((d) => d.id === value);
            if (drug) form.setFieldValue('route', drug.route);
          }}
        />
        <Group grow align="start">
          <NumberInput
            label={t('prescription.dose')}
            required
            min={0}
            decimalScale={3}
            {...form.getInputProps('dose')}
          />
          <Select
            label={t('prescription.unit')}
            required
            data={doseUnits.map((u) => ({ value: u, label: t(`units.${u}`) }))}
            {...form.getInputProps('doseUnit')}
          />
          <Select
            label={t('prescription.route')}
            required
            data={medicationRoutes.map((r) => ({ value: r, label: t(`routes.${r}`) }))}
            {...form.getInputProps('route')}
          />
        </Group>
        <Select
          label={t('prescription.frequency')}
          required
          data={frequencyCodes.map((f) => ({ value: f, label: t(`frequencies.${f}`, { hours: 'N' }) }))}
          {...form.getInputProps('frequency')}
        />
        {values.frequency === 'every_n_hours' ? (
          <Group grow align="start">
            <NumberInput
              label={t('prescription.everyHours')}
              required
              min={1}
              max={24}
              {...form.getInputProps('everyHours')}
            />
            <TextInput type="time" label={t('prescription.firstTime')} {...form.getInputProps('firstTime')} />
          </Group>
        ) : null}
        {values.frequency === 'prn' ? (
          <Group grow align="start">
            <TextInput
              label={t('prescription.prnCondition')}
              required
              {...form.getInputProps('prnCondition')}
            />
            <NumberInput
              label={t('prescription.prnMinInterval')}
              required
              min={0.5}
              {...form.getInputProps('prnMinIntervalHours')}
            />
            <NumberInput
              label={t('prescription.prnMaxPerDay')}
              required
              min={1}
              {...form.getInputProps('prnMaxPerDay')}
            />
          </Group>
        ) : null}
        <Radio.Group label={t('prescription.delivery')} required {...form.getInputProps('delivery')}>
          <Group mt="xs">
            {deliveryModes.map((d) => (
              <Radio key={d} value={d} label={t(`delivery.${d}`)} />
            ))}
          </Group>
        </Radio.Group>
        {values.delivery === 'in_possession' ? (
          <Group grow align="start">
            <Textarea
              label={t('prescription.riskAssessment')}
              required
              {...form.getInputProps('riskAssessment')}
            />
            <TextInput
              type="date"
              label={t('prescription.reviewDate')}
              required
              {...form.getInputProps('reviewDate')}
            />
          </Group>
        ) : null}
        <Group grow align="start">
          <TextInput
            type="datetime-local"
            label={t('prescription.start')}
            description={zone ? t('prescribe.zone', { zone }) : undefined}
            required
            {...form.getInputProps('startAt')}
          />
          <TextInput
            type="datetime-local"
            label={t('prescription.end')}
            description={t('prescribe.endHint')}
            {...form.getInputProps('endAt')}
          />
        </Group>
        <TextInput label={t('prescription.indication')} required {...form.getInputProps('indication')} />
        {current.length && !r ? (
          <Select
            label={t('prescription.replaces')}
            description={t('prescribe.replacesHint')}
            clearable
            data={current.map((c) => ({
              value: c.id,
              label: `${drugName(c.drug)} · ${c.dose} ${t(`units.${c.doseUnit}`)}`,
            }))}
            {...form.getInputProps('replacesPrescriptionId')}
          />
        ) : null}
        {allergies.length ? (
          <Textarea
            label={t('prescription.allergyOverride')}
            description={t('person.allergies', { list: allergies.join(', ') })}
            {...form.getInputProps('allergyOverrideReason')}
          />
        ) : null}
        {r ? (
          <Textarea label={t('prescription.reviseReason')} required {...form.getInputProps('reason')} />
        ) : null}
        <WriteFeedback write={state} />
        <Group>
          <Button type="submit" loading={busy} size="md">
            {t(r ? 'prescribe.saveRevision' : verbal ? 'orders.verbal.save' : 'prescribe.save')}
          </Button>
          <Button variant="default" onClick={() => void navigate(-1)}>
            {t('cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
