import { absenceKinds, custodyEventInputSchema, legalStatuses } from '@custodia/domain/registry';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { FormErrors } from '@mantine/form';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { fromLocalInput, toLocalInput, WARNING_COLOR } from '../../app/format.ts';
import { moduleNamespaces } from '../../app/i18n.ts';
import { useWriteForm } from '../../app/useWriteForm.tsx';
import { useRegistryLabels } from './labels.ts';
import {
  type Cell,
  type CustodyEvent,
  type PersonSummary,
  problemFieldCode,
  useInstitution,
  useInstitutions,
  useRecordCustodyEvent,
  useTimeZoneOf,
} from './registry.api.ts';
import { useRegistryFormMessages } from './validation.ts';

export type EventAction =
  | 'placement'
  | 'transfer_out'
  | 'transfer_in'
  | 'absence_out'
  | 'absence_return'
  | 'release'
  | 'legal_status'
  | 'entered_in_error';

/** The actions that make sense for a person's current status (the server checks the same). */
export function actionsFor(status: string): EventAction[] {
  switch (status) {
    case 'in_custody':
      return ['placement', 'transfer_out', 'absence_out', 'release', 'legal_status'];
    case 'in_transit':
      return ['transfer_in', 'legal_status'];
    case 'temporarily_absent':
      return ['absence_return', 'legal_status'];
    default:
      return [];
  }
}

/** Event codes that are about the date and time given. */
const timeProblems = new Set(['event_before_previous_event', 'event_in_the_future', 'event_before_birth']);

type Values = {
  occurredAt: string;
  note: string;
  cellId: string;
  overCapacityReason: string;
  placementGuardReason: string;
  destinationInstitutionId: string;
  absenceKind: string;
  returnedFromPoliceOrInvestigation: boolean;
  releaseReason: string;
  legalStatus: string;
  reason: string;
};

function initialValues(timeZone: string | undefined): Values {
  return {
    occurredAt: toLocalInput(new Date(), timeZone),
    note: '',
    cellId: '',
    overCapacityReason: '',
    placementGuardReason: '',
    destinationInstitutionId: '',
    absenceKind: '',
    returnedFromPoliceOrInvestigation: false,
    releaseReason: '',
    legalStatus: '',
    reason: '',
  };
}

function eventInput(
  action: EventAction,
  v: Values,
  correcting: CustodyEvent | null,
  timeZone: string | undefined,
) {
  const base = { type: action, occurredAt: fromLocalInput(v.occurredAt, timeZone), note: v.note };
  switch (action) {
    case 'placement':
      return {
        ...base,
        cellId: v.cellId,
        overCapacityReason: v.overCapacityReason,
        placementGuardReason: v.placementGuardReason,
      };
    case 'transfer_out':
      return { ...base, destinationInstitutionId: v.destinationInstitutionId };
    case 'absence_out':
      return { ...base, absenceKind: v.absenceKind || undefined };
    case 'absence_return':
      return { ...base, returnedFromPoliceOrInvestigation: v.returnedFromPoliceOrInvestigation };
    case 'release':
      return { ...base, releaseReason: v.releaseReason };
    case 'legal_status':
      return { ...base, legalStatus: v.legalStatus || undefined };
    case 'entered_in_error':
      return { ...base, correctsEventId: correcting?.id ?? '', reason: v.reason };
    default:
      return base;
  }
}

/** Whether one more person in this cell would put it over its certified capacity. */
function wouldBeOver(cell: Cell | undefined, person: PersonSummary): boolean {
  if (!cell) return false;
  const already = person.cell?.id === cell.id && person.status === 'in_custody' ? 0 : 1;
  return cell.occupants + already > cell.certifiedCapacity;
}

/**
 * The form for one custody event, in a dialog: when it happened, what it needs (a cell, a
 * destination, a kind of absence, a reason…) and an optional note. Checked with the shared
 * `custodyEventInputSchema`; what the server refuses is shown in words, at the field it concerns.
 */
export function EventDialog({
  person,
  action,
  correcting,
  onClose,
  onRecorded,
}: {
  person: PersonSummary;
  action: EventAction | null;
  correcting: CustodyEvent | null;
  onClose: () => void;
  onRecorded: (action: EventAction) => void;
}) {
  const { t } = useTranslation('registry');
  // The title stays while the dialog fades out, so that it is never a dialog without a name.
  const titled = useRef<EventAction>('placement');
  if (action) titled.current = action;
  return (
    <Modal
      opened={action !== null}
      onClose={onClose}
      title={t(`actions.${titled.current}`)}
      size="lg"
      closeButtonProps={{ 'aria-label': t('form.close') }}
    >
      {action ? (
        <EventForm
          key={`${action}-${correcting?.id ?? ''}`}
          person={person}
          action={action}
          correcting={correcting}
          onCancel={onClose}
          onRecorded={onRecorded}
        />
      ) : null}
    </Modal>
  );
}

function EventForm({
  person,
  action,
  correcting,
  onCancel,
  onRecorded,
}: {
  person: PersonSummary;
  action: EventAction;
  correcting: CustodyEvent | null;
  onCancel: () => void;
  onRecorded: (action: EventAction) => void;
}) {
  const { t, i18n } = useTranslation('registry');
  const labels = useRegistryLabels();
  const errorMessage = useErrorMessage();
  // ADM-6: another module's placement guard (airborne isolation, housing by resistance) refused the
  // cell without a recorded reason: its code, said in that module's words once they are loaded.
  const [guardCode, setGuardCode] = useState<string | null>(null);
  const [, setGuardWordsLoaded] = useState(false);
  useEffect(() => {
    if (!guardCode) return;
    let live = true;
    void i18n.loadNamespaces(moduleNamespaces).then(() => {
      if (live) setGuardWordsLoaded(true);
    });
    return () => {
      live = false;
    };
  }, [guardCode, i18n]);
  const guardWords = guardCode
    ? t(
        moduleNamespaces.map((namespace) => `${namespace}:errors.${guardCode}`),
        { defaultValue: t('actionForms.placementGuardRefused') },
      )
    : null;
  // Date and time are the wall-clock time of the institution concerned: where the person arrives for
  // an arrival, otherwise where they are held.
  const timeZoneOf = useTimeZoneOf();
  const zone = timeZoneOf(
    action === 'transfer_in' ? person.destinationInstitution?.id : person.institution?.id,
  );
  const institutions = useInstitutions();
  const here = useInstitution(action === 'placement' ? person.institution?.id : null);
  const cells = here.data?.units.flatMap((u) => u.cells) ?? [];
  const write = useWriteForm({
    ...useRegistryFormMessages(),
    initialValues: initialValues(zone),
    schema: custodyEventInputSchema,
    toBody: (values) => eventInput(action, values, correcting, zone),
    // Over capacity, a reason is needed (RES-8): said before anything is sent.
    // After a guard's refusal, its reason is needed before sending again.
    refine: (values, errors): FormErrors => {
      const next =
        action === 'placement' &&
        wouldBeOver(
          cells.find((c) => c.id === values.cellId),
          person,
        ) &&
        !values.overCapacityReason.trim()
          ? { ...errors, overCapacityReason: t('fieldErrors.over_capacity') }
          : errors;
      return guardCode && !values.placementGuardReason.trim()
        ? { ...next, placementGuardReason: t('fieldErrors.too_small') }
        : next;
    },
    // A refused time at its field, any other refused event in words; over capacity at the reason.
    refused: (error, fields) => {
      const guard =
        error instanceof ApiError
          ? error.problem?.errors?.find((e) => e.path === 'body.placementGuardReason')
          : undefined;
      if (guard) {
        for (const path of Object.keys(fields)) delete fields[path];
        setGuardCode(guard.code);
        fields.placementGuardReason = t('fieldErrors.too_small');
        return null;
      }
      const code = problemFieldCode(error);
      if (error instanceof ApiError && error.code === 'event_not_allowed' && code) {
        for (const path of Object.keys(fields)) delete fields[path];
        const text = t(`eventErrors.${code}`, { defaultValue: '' }) || errorMessage(error);
        if (!timeProblems.has(code)) return text;
        fields.occurredAt = text;
        return null;
      }
      if (error instanceof ApiError && error.code === 'over_capacity') {
        for (const path of Object.keys(fields)) delete fields[path];
        fields.overCapacityReason = t('fieldErrors.over_capacity');
        return null;
      }
      return undefined;
    },
    write: useRecordCustodyEvent(person.id),
    onSuccess: () => onRecorded(action),
  });
  const { form } = write;
  const values = form.values;
  const touchedTime = useRef(false);
  // The institutions' zones may arrive after the dialog opened: "now" is then shown in the right zone.
  const setFieldValue = form.setFieldValue;
  useEffect(() => {
    if (!touchedTime.current) setFieldValue('occurredAt', toLocalInput(new Date(), zone));
  }, [zone, setFieldValue]);
  const chosenCell = cells.find((c) => c.id === values.cellId);
  const over = action === 'placement' && wouldBeOver(chosenCell, person);

  const currentInstitution = person.institution?.id;

  return (
    <form {...write.formProps}>
      <Stack gap="sm">
        {action === 'entered_in_error' && correcting ? (
          <Text size="sm">
            {t('actionForms.correcting', {
              when: labels.dateTime(correcting.occurredAt, timeZoneOf(correcting.institutionId) ?? zone),
              what: labels.eventType(correcting.type),
            })}
          </Text>
        ) : null}

        <TextInput
          type="datetime-local"
          step={1}
          label={action === 'entered_in_error' ? t('actionForms.noticedAt') : t('actionForms.occurredAt')}
          required
          description={zone ? t('fields.timeZoneHint', { zone }) : undefined}
          value={values.occurredAt}
          onChange={(e) => {
            touchedTime.current = true;
            form.setFieldValue('occurredAt', e.currentTarget.value);
          }}
          error={form.errors.occurredAt}
          data-autofocus
        />

        {action === 'placement' ? (
          here.isPending ? (
            <Group gap="sm" role="status">
              <Loader size="sm" />
              <Text>{t('actionForms.loadingCells')}</Text>
            </Group>
          ) : (
            <>
              <NativeSelect
                label={t('actionForms.cell')}
                description={t('actionForms.cellHint')}
                required
                value={values.cellId}
                onChange={(e) => form.setFieldValue('cellId', e.currentTarget.value)}
                error={form.errors.cellId}
                data={[
                  { value: '', label: t('form.choose') },
                  ...(here.data?.units ?? []).map((unit) => ({
                    group: `${unit.code} · ${unit.name}`,
                    items: unit.cells.map((cell) => {
                      const label = t(
                        cell.occupants >= cell.certifiedCapacity
                          ? 'actionForms.cellOptionFull'
                          : 'actionForms.cellOption',
                        {
                          code: cell.code,
                          type: labels.cellType(cell.cellType),
                          occupants: cell.occupants,
                          capacity: cell.certifiedCapacity,
                        },
                      );
                      // SEG-12: a dark or constantly lit cell is shown, in words, and cannot be chosen.
                      // (A server from before lighting sends none: such a cell is adequate.)
                      return !cell.lighting || cell.lighting === 'adequate'
                        ? { value: cell.id, label }
                        : {
                            value: cell.id,
                            label: `${label} · ${labels.cellLighting(cell.lighting)}`,
                            disabled: true,
                          };
                    }),
                  })),
                ]}
              />
              {chosenCell ? (
                <Text size="sm" role="status">
                  {t('actionForms.cellOccupancy', {
                    occupants: chosenCell.occupants,
                    capacity: chosenCell.certifiedCapacity,
                    area: labels.number(chosenCell.floorAreaM2),
                  })}
                </Text>
              ) : null}
              {over || form.errors.overCapacityReason ? (
                <>
                  <Alert color="orange" variant="light" title={t('actionForms.overCapacityTitle')}>
                    {t('actionForms.overCapacityBody')}
                  </Alert>
                  <Textarea
                    label={t('actionForms.overCapacityReason')}
                    required
                    value={values.overCapacityReason}
                    onChange={(e) => form.setFieldValue('overCapacityReason', e.currentTarget.value)}
                    error={form.errors.overCapacityReason}
                    resize="vertical"
                    rows={2}
                    maxLength={500}
                  />
                </>
              ) : null}
              {guardCode ? (
                <>
                  <Alert color={WARNING_COLOR} role="alert" title={t('actionForms.placementGuardTitle')}>
                    {guardWords}
                  </Alert>
                  <Textarea
                    label={t('actionForms.placementGuardReason')}
                    description={t('actionForms.placementGuardHint')}
                    required
                    value={values.placementGuardReason}
                    onChange={(e) => form.setFieldValue('placementGuardReason', e.currentTarget.value)}
                    error={form.errors.placementGuardReason}
                    resize="vertical"
                    rows={2}
                    maxLength={500}
                  />
                </>
              ) : null}
            </>
          )
        ) : null}

        {action === 'transfer_out' ? (
          <NativeSelect
            label={t('actionForms.destination')}
            required
            value={values.destinationInstitutionId}
            onChange={(e) => form.setFieldValue('destinationInstitutionId', e.currentTarget.value)}
            error={form.errors.destinationInstitutionId}
            data={[
              { value: '', label: t('form.choose') },
              ...(institutions.data ?? [])
                .filter((i) => i.id !== currentInstitution)
                .map((i) => ({ value: i.id, label: `${i.code} · ${labels.institutionName(i.name)}` })),
            ]}
          />
        ) : null}

        {action === 'transfer_in' && person.destinationInstitution ? (
          <Text size="sm">
            {t('actionForms.arrivingAt', {
              institution: `${person.destinationInstitution.code} · ${labels.institutionName(person.destinationInstitution.name)}`,
            })}
          </Text>
        ) : null}

        {action === 'absence_out' ? (
          <NativeSelect
            label={t('actionForms.absenceKind')}
            required
            value={values.absenceKind}
            onChange={(e) => form.setFieldValue('absenceKind', e.currentTarget.value)}
            error={form.errors.absenceKind}
            data={[
              { value: '', label: t('form.choose') },
              ...absenceKinds.map((kind) => ({ value: kind, label: labels.absenceKind(kind) })),
            ]}
          />
        ) : null}

        {action === 'absence_return' ? (
          <Checkbox
            label={t('actionForms.returnedFromPolice')}
            description={t('actionForms.returnedFromPoliceHint')}
            checked={values.returnedFromPoliceOrInvestigation}
            onChange={(e) => form.setFieldValue('returnedFromPoliceOrInvestigation', e.currentTarget.checked)}
          />
        ) : null}

        {action === 'release' ? (
          <TextInput
            label={t('actionForms.releaseReason')}
            description={t('actionForms.releaseReasonHint')}
            required
            maxLength={300}
            value={values.releaseReason}
            onChange={(e) => form.setFieldValue('releaseReason', e.currentTarget.value)}
            error={form.errors.releaseReason}
          />
        ) : null}

        {action === 'legal_status' ? (
          <NativeSelect
            label={t('actionForms.legalStatus')}
            required
            value={values.legalStatus}
            onChange={(e) => form.setFieldValue('legalStatus', e.currentTarget.value)}
            error={form.errors.legalStatus}
            data={[
              { value: '', label: t('form.choose') },
              ...legalStatuses
                .filter((status) => status !== person.legalStatus)
                .map((status) => ({ value: status, label: labels.legalStatus(status) })),
            ]}
          />
        ) : null}

        {action === 'entered_in_error' ? (
          <Textarea
            label={t('actionForms.errorReason')}
            description={t('actionForms.errorReasonHint')}
            required
            value={values.reason}
            onChange={(e) => form.setFieldValue('reason', e.currentTarget.value)}
            error={form.errors.reason}
            resize="vertical"
            rows={2}
            maxLength={500}
          />
        ) : null}

        <Textarea
          label={t('actionForms.note')}
          value={values.note}
          onChange={(e) => form.setFieldValue('note', e.currentTarget.value)}
          error={form.errors.note}
          resize="vertical"
          rows={2}
          maxLength={1000}
        />

        {write.failure ? (
          <Alert color="red" role="alert" title={t('actionForms.notRecorded')}>
            {write.failure}
          </Alert>
        ) : null}

        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('actionForms.cancel')}
          </Button>
          <Button type="submit" loading={write.busy}>
            {t('actionForms.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
