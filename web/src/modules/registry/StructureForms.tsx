import {
  type CellInput,
  cellInputSchema,
  cellTypes,
  type InstitutionInput,
  institutionInputSchema,
  institutionKinds,
  populationSexes,
  type UnitInput,
  unitInputSchema,
} from '@custodia/domain/registry';
import { Alert, Button, Group, Modal, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { useRegistryLabels } from './labels.ts';
import type { Cell, InstitutionDetail, Unit } from './registry.api.ts';
import {
  createCell,
  createInstitution,
  createUnit,
  type StructureChange,
  updateCell,
  updateInstitution,
  updateUnit,
} from './structure.api.ts';
import { type PathErrors, serverPathErrors, validatePaths } from './validation.ts';

/** A number field's value for the schema: empty is "missing", anything else a number (maybe NaN). */
const toNumber = (value: string) => (value.trim() === '' ? undefined : Number(value.replace(',', '.')));

/**
 * One dialog form: checks the values with the shared schema (ADR 0009), sends them, and shows the
 * server's refusal at its field (a taken code) or above the buttons (a stale version).
 */
function StructureForm<S extends Parameters<typeof validatePaths>[0]>({
  schema,
  values,
  send,
  onSaved,
  onCancel,
  children,
  setErrors,
}: {
  schema: S;
  values: unknown;
  send: (data: ReturnType<S['parse']>) => Promise<StructureChange>;
  onSaved: (change: StructureChange) => void;
  onCancel: () => void;
  children: ReactNode;
  setErrors: (errors: PathErrors) => void;
}) {
  const { t } = useTranslation('registry');
  const errorMessage = useErrorMessage();
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const [focusError, setFocusError] = useState(0);

  useEffect(() => {
    if (focusError) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusError]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const checked = validatePaths(schema, values, t);
    if (!checked.ok) {
      setErrors(checked.errors);
      setFocusError((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      onSaved(await send(checked.data as ReturnType<S['parse']>));
    } catch (error) {
      const fields = serverPathErrors(error, t);
      setErrors(fields);
      // A field error says enough at its field; anything else (stale version, forbidden) above the buttons.
      if (Object.keys(fields).length === 0 || !(error instanceof ApiError)) setFailure(error);
      else setFocusError((n) => n + 1);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        {children}
        {failure ? (
          <Alert color="red" role="alert" title={t('structure.notSaved')}>
            {errorMessage(failure)}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={busy}>
            {t('actionForms.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('structure.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function useFieldState<V>(initial: V) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<PathErrors>({});
  const set = (path: string, update: (v: V) => V) => {
    setValues(update);
    setErrors((e) => (path in e ? Object.fromEntries(Object.entries(e).filter(([p]) => p !== path)) : e));
  };
  return { values, errors, setErrors, set };
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

interface InstitutionValues {
  code: string;
  name: { az: string; en: string; ru: string };
  kind: string;
  populationSex: string;
  capacity: string;
  timeZone: string;
}

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
  const { values, errors, setErrors, set } = useFieldState<InstitutionValues>({
    code: institution?.code ?? '',
    name: institution?.name ?? { az: '', en: '', ru: '' },
    kind: institution?.kind ?? '',
    populationSex: institution?.populationSex ?? '',
    capacity: institution ? String(institution.capacity) : '',
    timeZone: institution?.timeZone ?? 'Asia/Baku',
  });
  const input = {
    ...values,
    kind: values.kind || undefined,
    populationSex: values.populationSex || undefined,
    capacity: toNumber(values.capacity),
  };
  const text = (
    path: 'code' | 'timeZone' | 'capacity',
    label: string,
    extra: Record<string, unknown> = {},
  ) => (
    <TextInput
      label={label}
      required
      value={values[path]}
      error={errors[path]}
      onChange={(e) => {
        const value = e.currentTarget.value;
        set(path, (v) => ({ ...v, [path]: value }));
      }}
      {...extra}
    />
  );
  const name = (language: 'az' | 'en' | 'ru') => (
    <TextInput
      key={language}
      label={t(`structure.name_${language}`)}
      required
      lang={language}
      value={values.name[language]}
      error={errors[`name.${language}`]}
      onChange={(e) => {
        const value = e.currentTarget.value;
        set(`name.${language}`, (v) => ({ ...v, name: { ...v.name, [language]: value } }));
      }}
    />
  );
  return (
    <StructureForm
      schema={institutionInputSchema}
      values={input}
      setErrors={setErrors}
      onCancel={onCancel}
      onSaved={onSaved}
      send={(data: InstitutionInput) =>
        institution
          ? updateInstitution(institution.id, { ...data, version: institution.version })
          : createInstitution(data)
      }
    >
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
          value={values.kind}
          error={errors.kind}
          onChange={(e) => {
            const value = e.currentTarget.value;
            set('kind', (v) => ({ ...v, kind: value }));
          }}
          data={[
            { value: '', label: t('form.choose') },
            ...institutionKinds.map((k) => ({ value: k, label: labels.institutionKind(k) })),
          ]}
        />
        <NativeSelect
          label={t('institutions.population')}
          required
          value={values.populationSex}
          error={errors.populationSex}
          onChange={(e) => {
            const value = e.currentTarget.value;
            set('populationSex', (v) => ({ ...v, populationSex: value }));
          }}
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
  const { values, errors, setErrors, set } = useFieldState({
    code: unit?.code ?? '',
    name: unit?.name ?? '',
  });
  return (
    <StructureForm
      schema={unitInputSchema}
      values={values}
      setErrors={setErrors}
      onCancel={onCancel}
      onSaved={onSaved}
      send={(data: UnitInput) =>
        unit ? updateUnit(unit.id, { ...data, version: unit.version }) : createUnit(institution.id, data)
      }
    >
      <TextInput
        label={t('structure.unitCode')}
        description={t('structure.codeHint')}
        required
        value={values.code}
        error={errors.code}
        onChange={(e) => {
          const value = e.currentTarget.value;
          set('code', (v) => ({ ...v, code: value }));
        }}
      />
      <TextInput
        label={t('structure.unitName')}
        required
        value={values.name}
        error={errors.name}
        onChange={(e) => {
          const value = e.currentTarget.value;
          set('name', (v) => ({ ...v, name: value }));
        }}
      />
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
  const { values, errors, setErrors, set } = useFieldState({
    code: cell?.code ?? '',
    cellType: cell?.cellType ?? 'ordinary',
    certifiedCapacity: cell ? String(cell.certifiedCapacity) : '',
    floorAreaM2: cell ? String(cell.floorAreaM2) : '',
  });
  const input = {
    code: values.code,
    cellType: values.cellType || undefined,
    certifiedCapacity: toNumber(values.certifiedCapacity),
    floorAreaM2: toNumber(values.floorAreaM2),
  };
  const field = (path: 'code' | 'certifiedCapacity' | 'floorAreaM2', label: string, extra = {}) => (
    <TextInput
      label={label}
      required
      value={values[path]}
      error={errors[path]}
      onChange={(e) => {
        const value = e.currentTarget.value;
        set(path, (v) => ({ ...v, [path]: value }));
      }}
      {...extra}
    />
  );
  return (
    <StructureForm
      schema={cellInputSchema}
      values={input}
      setErrors={setErrors}
      onCancel={onCancel}
      onSaved={onSaved}
      send={(data: CellInput) =>
        cell ? updateCell(cell.id, { ...data, version: cell.version }) : createCell(unit.id, data)
      }
    >
      {field('code', t('structure.cellCode'), { description: t('structure.codeHint') })}
      <NativeSelect
        label={t('space.type')}
        required
        value={values.cellType}
        error={errors.cellType}
        onChange={(e) => {
          const value = e.currentTarget.value;
          set('cellType', (v) => ({ ...v, cellType: value }));
        }}
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
