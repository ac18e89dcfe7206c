import {
  cellInputSchema,
  cellLightingInputSchema,
  cellLightings,
  cellTypes,
  institutionInputSchema,
  institutionKinds,
  populationSexes,
  unitInputSchema,
} from '@custodia/domain/registry';
import { Button, Group, Modal, NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useWriteForm, WriteFeedback, type WriteState } from '../../app/useWriteForm.tsx';
import { useRegistryLabels } from './labels.ts';
import type { Cell, InstitutionDetail, Unit } from './registry.api.ts';
import {
  type StructureChange,
  useSaveCell,
  useSaveCellLighting,
  useSaveInstitution,
  useSaveUnit,
} from './structure.api.ts';
import { useRegistryFormMessages } from './validation.ts';

/** A number field's value for the schema: empty is "missing", anything else a number (maybe NaN). */
const toNumber = (value: string) => (value.trim() === '' ? undefined : Number(value.replace(',', '.')));

/**
 * One dialog form: its fields, the refusal that no field shows (a stale version, forbidden) above
 * the buttons, Cancel and Save. `useWriteForm` checks the values with the shared schema (ADR 0009)
 * and puts the server's field errors (a taken code) on their fields.
 */
function StructureForm({
  write,
  onCancel,
  children,
}: {
  write: WriteState;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation('registry');
  return (
    <form {...write.formProps}>
      <Stack gap="sm">
        {children}
        <WriteFeedback write={write} failureTitle={t('structure.notSaved')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={write.busy}>
            {t('actionForms.cancel')}
          </Button>
          <Button type="submit" loading={write.busy}>
            {t('structure.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Dialog({
  opened,
  title,
  onClose,
  children,
}: {
  opened: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation('registry');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size="lg"
      closeButtonProps={{ 'aria-label': t('form.close') }}
    >
      {opened ? children : null}
    </Modal>
  );
}

type InstitutionValues = {
  code: string;
  name: { az: string; en: string; ru: string };
  kind: string;
  populationSex: string;
  capacity: string;
  timeZone: string;
};

/** Add an institution (system administrator, national scope) or edit one (ADR 0009). */
export function InstitutionDialog({
  opened,
  institution,
  codeEditable,
  onClose,
  onSaved,
}: {
  opened: boolean;
  /** The institution to edit; none to add one. */
  institution?: InstitutionDetail | null;
  codeEditable: boolean;
  onClose: () => void;
  onSaved: (change: StructureChange) => void;
}) {
  const { t } = useTranslation('registry');
  const title = institution
    ? t('structure.editInstitutionOf', { code: institution.code })
    : t('structure.addInstitution');
  return (
    <Dialog opened={opened} title={title} onClose={onClose}>
      <InstitutionForm
        institution={institution ?? null}
        codeEditable={codeEditable}
        onCancel={onClose}
        onSaved={onSaved}
      />
    </Dialog>
  );
}

function InstitutionForm({
  institution,
  codeEditable,
  onCancel,
  onSaved,
}: {
  institution: InstitutionDetail | null;
  codeEditable: boolean;
  onCancel: () => void;
  onSaved: (change: StructureChange) => void;
}) {
  const { t } = useTranslation('registry');
  const labels = useRegistryLabels();
  const write = useWriteForm({
    ...useRegistryFormMessages(),
    schema: institutionInputSchema,
    write: useSaveInstitution(institution),
    onSuccess: onSaved,
    toBody: (values) => ({
      ...values,
      kind: values.kind || undefined,
      populationSex: values.populationSex || undefined,
      capacity: toNumber(values.capacity),
    }),
    initialValues: {
      code: institution?.code ?? '',
      name: institution?.name ?? { az: '', en: '', ru: '' },
      kind: institution?.kind ?? '',
      populationSex: institution?.populationSex ?? '',
      capacity: institution ? String(institution.capacity) : '',
      timeZone: institution?.timeZone ?? 'Asia/Baku',
    } as InstitutionValues,
  });
  const { form } = write;
  const text = (
    path: 'code' | 'timeZone' | 'capacity',
    label: string,
    extra: Record<string, unknown> = {},
  ) => <TextInput label={label} required {...form.getInputProps(path)} {...extra} />;
  const name = (language: 'az' | 'en' | 'ru') => (
    <TextInput
      key={language}
      label={t(`structure.name_${language}`)}
      required
      lang={language}
      {...form.getInputProps(`name.${language}`)}
    />
  );
  return (
    <StructureForm write={write} onCancel={onCancel}>
      {text('code', t('institutions.code'), {
        disabled: Boolean(institution) && !codeEditable,
        description: t('structure.codeHint'),
      })}
      {name('az')}
      {name('en')}
      {name('ru')}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          label={t('institutions.kind')}
          required
          {...form.getInputProps('kind')}
          data={[
            { value: '', label: t('form.choose') },
            ...institutionKinds.map((k) => ({ value: k, label: labels.institutionKind(k) })),
          ]}
        />
        <NativeSelect
          label={t('institutions.population')}
          required
          {...form.getInputProps('populationSex')}
          data={[
            { value: '', label: t('form.choose') },
            ...populationSexes.map((k) => ({ value: k, label: labels.populationSex(k) })),
          ]}
        />
        {text('capacity', t('institutions.capacity'), { inputMode: 'numeric' })}
        {text('timeZone', t('structure.timeZone'), { description: t('structure.timeZoneHint') })}
      </SimpleGrid>
    </StructureForm>
  );
}

/** Add a unit to an institution, or rename one. */
export function UnitDialog({
  opened,
  institution,
  unit,
  onClose,
  onSaved,
}: {
  opened: boolean;
  institution: InstitutionDetail;
  unit?: Unit | null;
  onClose: () => void;
  onSaved: (change: StructureChange) => void;
}) {
  const { t } = useTranslation('registry');
  const title = unit
    ? t('structure.editUnitOf', { unit: `${unit.code} · ${unit.name}` })
    : t('structure.addUnitTo', { institution: institution.code });
  return (
    <Dialog opened={opened} title={title} onClose={onClose}>
      <UnitForm institution={institution} unit={unit ?? null} onCancel={onClose} onSaved={onSaved} />
    </Dialog>
  );
}

function UnitForm({
  institution,
  unit,
  onCancel,
  onSaved,
}: {
  institution: InstitutionDetail;
  unit: Unit | null;
  onCancel: () => void;
  onSaved: (change: StructureChange) => void;
}) {
  const { t } = useTranslation('registry');
  const write = useWriteForm({
    ...useRegistryFormMessages(),
    schema: unitInputSchema,
    write: useSaveUnit(institution.id, unit),
    onSuccess: onSaved,
    initialValues: { code: unit?.code ?? '', name: unit?.name ?? '' },
  });
  const { form } = write;
  return (
    <StructureForm write={write} onCancel={onCancel}>
      <TextInput
        label={t('structure.unitCode')}
        description={t('structure.codeHint')}
        required
        {...form.getInputProps('code')}
      />
      <TextInput label={t('structure.unitName')} required {...form.getInputProps('name')} />
    </StructureForm>
  );
}

/** Add a cell or room to a unit, or correct one (type, certified capacity, floor area: RES-8). */
export function CellDialog({
  opened,
  unit,
  cell,
  onClose,
  onSaved,
}: {
  opened: boolean;
  unit: Unit;
  cell?: Cell | null;
  onClose: () => void;
  onSaved: (change: StructureChange) => void;
}) {
  const { t } = useTranslation('registry');
  const title = cell
    ? t('structure.editCellOf', { cell: cell.code })
    : t('structure.addCellTo', { unit: `${unit.code} · ${unit.name}` });
  return (
    <Dialog opened={opened} title={title} onClose={onClose}>
      <CellForm unit={unit} cell={cell ?? null} onCancel={onClose} onSaved={onSaved} />
    </Dialog>
  );
}

function CellForm({
  unit,
  cell,
  onCancel,
  onSaved,
}: {
  unit: Unit;
  cell: Cell | null;
  onCancel: () => void;
  onSaved: (change: StructureChange) => void;
}) {
  const { t } = useTranslation('registry');
  const labels = useRegistryLabels();
  const write = useWriteForm({
    ...useRegistryFormMessages(),
    schema: cellInputSchema,
    write: useSaveCell(unit.id, cell),
    onSuccess: onSaved,
    initialValues: {
      code: cell?.code ?? '',
      cellType: cell?.cellType ?? 'ordinary',
      certifiedCapacity: cell ? String(cell.certifiedCapacity) : '',
      floorAreaM2: cell ? String(cell.floorAreaM2) : '',
    },
    toBody: (values) => ({
      code: values.code,
      cellType: values.cellType || undefined,
      certifiedCapacity: toNumber(values.certifiedCapacity),
      floorAreaM2: toNumber(values.floorAreaM2),
    }),
  });
  const { form } = write;
  const field = (path: 'code' | 'certifiedCapacity' | 'floorAreaM2', label: string, extra = {}) => (
    <TextInput label={label} required {...form.getInputProps(path)} {...extra} />
  );
  return (
    <StructureForm write={write} onCancel={onCancel}>
      {field('code', t('structure.cellCode'), { description: t('structure.codeHint') })}
      <NativeSelect
        label={t('space.type')}
        required
        {...form.getInputProps('cellType')}
        data={cellTypes.map((k) => ({ value: k, label: labels.cellType(k) }))}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {field('certifiedCapacity', t('space.capacity'), { inputMode: 'numeric' })}
        {field('floorAreaM2', t('space.area'), {
          inputMode: 'decimal',
          description: t('structure.areaHint'),
        })}
      </SimpleGrid>
    </StructureForm>
  );
}

const lightingSchema = cellLightingInputSchema.omit({ version: true });

/**
 * SEG-12: record a cell's lighting from a date, with the reason. Nothing is pre-filled: the
 * condition, the date and the reason are what the manager saw.
 */
export function CellLightingDialog({
  cell,
  onClose,
  onSaved,
}: {
  cell: Cell;
  onClose: () => void;
  onSaved: (change: StructureChange) => void;
}) {
  const { t } = useTranslation('registry');
  const labels = useRegistryLabels();
  const write = useWriteForm({
    ...useRegistryFormMessages(),
    schema: lightingSchema,
    write: useSaveCellLighting(cell),
    onSuccess: onSaved,
    initialValues: { lighting: '', since: '', reason: '' },
    toBody: (values) => ({
      lighting: values.lighting || undefined,
      since: values.since || undefined,
      reason: values.reason,
    }),
  });
  const { form } = write;
  return (
    <Dialog opened title={t('structure.lightingOf', { cell: cell.code })} onClose={onClose}>
      <StructureForm write={write} onCancel={onClose}>
        <NativeSelect
          label={t('structure.lighting')}
          description={t('structure.lightingHint')}
          required
          {...form.getInputProps('lighting')}
          data={[
            { value: '', label: '—' },
            ...cellLightings.map((k) => ({ value: k, label: labels.cellLighting(k) })),
          ]}
        />
        <TextInput
          type="date"
          label={t('structure.lightingSince')}
          required
          {...form.getInputProps('since')}
        />
        <Textarea
          label={t('structure.lightingReason')}
          required
          minRows={2}
          {...form.getInputProps('reason')}
        />
      </StructureForm>
    </Dialog>
  );
}
