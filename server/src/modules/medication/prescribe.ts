import {
  type ActiveOrder,
  type Clock,
  calendarDateIn,
  deliveryProblems,
  duplicateProblem,
  frequencyPerDay,
  type MedicationLimits,
  type MedicationProblem,
  newId,
  type PrescriptionInput,
  type PrescriptionRevision,
  type PrescriptionStatus,
  type PrescriptionStatusChange,
  prescriptionEnd,
  timesOfDay,
} from '@custodia/domain';
import { inTransaction, type Tx } from '../../platform/db/database.ts';
import { notFound, ruleRefused, staleVersion } from '../../platform/errors.ts';
import type { Caller } from '../identity/index.ts';
import { allergyProblemsOf } from './allergy-check.ts';
import { type MedicationContext, medicationRules } from './context.ts';
import { medicationLimitsOf } from './limits.ts';
import { assertMayPrescribe, drugFlagsIn } from './settings.ts';
import type { MedicationDrugTable, MedicationPrescriptionTable } from './tables.ts';
import { personAccess } from './views.ts';

type Timing = Pick<
  PrescriptionInput,
  | 'dose'
  | 'doseUnit'
  | 'route'
  | 'frequency'
  | 'timesOfDay'
  | 'everyHours'
  | 'firstTime'
  | 'prnCondition'
  | 'prnMinIntervalHours'
  | 'prnMaxPerDay'
  | 'delivery'
  | 'riskAssessment'
  | 'reviewDate'
  | 'startAt'
  | 'endAt'
  | 'indication'
  | 'allergyOverrideReason'
>;

/** The columns of a version that come from what the prescriber wrote (MDX-1: all structured). */
function orderColumns(input: Timing, limits: MedicationLimits) {
  const prn = input.frequency === 'prn';
  const timing = {
    frequency: input.frequency,
    timesOfDay: input.timesOfDay,
    everyHours: input.everyHours,
    firstTime: input.firstTime,
  };
  return {
    dose: input.dose,
    dose_unit: input.doseUnit,
    route: input.route,
    frequency: input.frequency,
    times_of_day: JSON.stringify(timesOfDay(timing)),
    every_hours: input.frequency === 'every_n_hours' ? (input.everyHours ?? null) : null,
    frequency_per_day: frequencyPerDay(timing, input.prnMaxPerDay),
    prn: prn ? 1 : 0,
    prn_condition: prn ? (input.prnCondition ?? null) : null,
    prn_min_interval_hours: prn ? (input.prnMinIntervalHours ?? null) : null,
    prn_max_per_day: prn ? (input.prnMaxPerDay ?? null) : null,
    delivery: input.delivery,
    risk_assessment: input.delivery === 'in_possession' ? (input.riskAssessment ?? null) : null,
    review_date: input.delivery === 'in_possession' ? (input.reviewDate ?? null) : null,
    start_at: new Date(input.startAt).toISOString(),
    // Expiry: never later than MDX-1.expiry_days (default 90) after the start (DOMAIN.md §1.3).
    end_at: prescriptionEnd(
      new Date(input.startAt).toISOString(),
      input.endAt ? new Date(input.endAt).toISOString() : null,
      limits,
    ),
    indication: input.indication,
    allergy_override_reason: input.allergyOverrideReason ?? null,
  };
}

/** Adds the next version of a prescription; 409 when `version` is no longer the current one. */
export async function nextVersion(
  tx: Tx,
  clock: Clock,
  row: MedicationPrescriptionTable,
  version: number,
  changes: Partial<MedicationPrescriptionTable> & { action: string },
  userId: string,
) {
  if (row.version !== version) throw staleVersion('prescription');
  const done = await tx
    .updateTable('medication_prescription')
    .set({ current: 0 })
    .where('id', '=', row.id)
    .where('current', '=', 1)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1) throw staleVersion('prescription');
  const next: MedicationPrescriptionTable = {
    ...row,
    ...changes,
    id: newId(),
    version: row.version + 1,
    current: 1,
    prescriber_id: userId,
    created_at: clock.now().toISOString(),
  };
  await tx.insertInto('medication_prescription').values(next).execute();
  return { id: row.prescription_id, version: next.version };
}

/**
 * ADR 0045: a verbal order goes through `prescribe` with the doctor who gave it as the prescriber,
 * its own audit action, and `record` writing the order's countersignature line in the same transaction.
 */
export interface VerbalPrescribing {
  prescriberId: string;
  record(tx: Tx, prescriptionId: string, institutionId: string): Promise<void>;
}

/** Prescribing, revising, pausing, resuming and stopping: each a new version, the history kept. */
export function createPrescribing(ctx: MedicationContext) {
  const { db, clock, audit, registry, clinical, timeZone } = ctx;
  const access = personAccess(registry, audit);

  async function currentRow(tx: Tx, prescriptionId: string) {
    const row = await tx
      .selectFrom('medication_prescription')
      .selectAll()
      .where('prescription_id', '=', prescriptionId)
      .where('current', '=', 1)
      .executeTakeFirst();
    if (!row) throw notFound('No such prescription.');
    return row;
  }

  async function drugRow(tx: Tx, id: string) {
    return tx.selectFrom('medication_drug').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The allergy check (shared with the programme regimens): refused without an override reason. */
  async function allergyProblems(
    tx: Tx,
    personId: string,
    drug: MedicationDrugTable,
    override?: string | null,
  ) {
    return allergyProblemsOf(clinical.allergySubstances, tx, personId, [drug], override);
  }

  return {
    /** A new prescription (MedicationRequest), by a prescriber (the route's permission). */
    async prescribe(caller: Caller, personId: string, input: PrescriptionInput, verbal?: VerbalPrescribing) {
      return inTransaction(db, async (tx) => {
        const person = await access(tx, caller.viewer, caller.audit, personId, {
          action: verbal ? 'medication.verbal_order.record' : 'medication.prescription.create',
          resourceType: 'medication_prescription',
        });
        if (person.status !== 'in_custody' || !person.institution_id)
          throw ruleRefused([{ path: '', code: 'not_in_custody' }], medicationRules);
        if (!verbal) await assertMayPrescribe(tx, caller, person.institution_id);
        const drug = await drugRow(tx, input.drugId);
        if (!drug) throw ruleRefused([{ path: 'drugId', code: 'unknown_drug' }], medicationRules);
        const columns = orderColumns(input, await medicationLimitsOf(ctx, tx, person.institution_id));
        const existingRows = await tx
          .selectFrom('medication_prescription')
          .selectAll()
          .where('person_id', '=', personId)
          .where('current', '=', 1)
          .where('status', '!=', 'stopped')
          .execute();
        const existing: ActiveOrder[] = existingRows.map((r) => ({
          id: r.prescription_id,
          drugId: r.drug_id,
          route: r.route,
          status: r.status as PrescriptionStatus,
          endAt: r.end_at,
        }));
        const problems: (MedicationProblem & { message?: string })[] = [
          ...deliveryProblems(
            await drugFlagsIn(tx, person.institution_id, drug),
            input,
            calendarDateIn(clock.now(), timeZone),
          ),
        ];
        const replaced = input.replacesPrescriptionId
          ? existingRows.find((r) => r.prescription_id === input.replacesPrescriptionId)
          : undefined;
        if (input.replacesPrescriptionId && !replaced)
          problems.push({ path: 'replacesPrescriptionId', code: 'replaced_not_found' });
        // MDX-4: the same drug and route overlapping an active order, unless it replaces it.
        const duplicate = duplicateProblem(
          {
            drugId: drug.id,
            route: input.route,
            startAt: columns.start_at,
            replacesId: input.replacesPrescriptionId,
          },
          existing,
        );
        if (duplicate) problems.push(duplicate);
        problems.push(...(await allergyProblems(tx, personId, drug, input.allergyOverrideReason)));
        if (problems.length) throw ruleRefused(problems, medicationRules);

        const now = clock.now().toISOString();
        if (replaced) {
          await nextVersion(
            tx,
            clock,
            replaced,
            replaced.version,
            { action: 'stop', status: 'stopped', status_since: now, status_reason: 'replaced' },
            caller.userId,
          );
        }
        const id = newId();
        await tx
          .insertInto('medication_prescription')
          .values({
            id: newId(),
            prescription_id: id,
            version: 1,
            current: 1,
            action: 'prescribe',
            person_id: personId,
            institution_id: person.institution_id,
            drug_id: drug.id,
            ...columns,
            status: 'active',
            status_since: now,
            status_reason: null,
            replaces_id: replaced?.prescription_id ?? null,
            prescriber_id: verbal?.prescriberId ?? caller.userId,
            created_at: now,
          })
          .execute();
        await verbal?.record(tx, id, person.institution_id);
        return { id, version: 1 };
      });
    },

    /** A revision: new dose or timing, the drug unchanged; a new version. */
    async revise(caller: Caller, prescriptionId: string, input: PrescriptionRevision) {
      return inTransaction(db, async (tx) => {
        const row = await currentRow(tx, prescriptionId);
        await access(tx, caller.viewer, caller.audit, row.person_id, {
          action: 'medication.prescription.revise',
          resourceType: 'medication_prescription',
          resourceId: prescriptionId,
        });
        if (row.status === 'stopped')
          throw ruleRefused([{ path: '', code: 'already_stopped' }], medicationRules);
        await assertMayPrescribe(tx, caller, row.institution_id);
        const drug = await drugRow(tx, row.drug_id);
        if (!drug) throw notFound('No such drug.');
        const problems = [
          ...deliveryProblems(
            await drugFlagsIn(tx, row.institution_id, drug),
            input,
            calendarDateIn(clock.now(), timeZone),
          ),
          ...(await allergyProblems(tx, row.person_id, drug, input.allergyOverrideReason)),
        ];
        if (problems.length) throw ruleRefused(problems, medicationRules);
        return nextVersion(
          tx,
          clock,
          row,
          input.version,
          {
            action: 'revise',
            ...orderColumns(input, await medicationLimitsOf(ctx, tx, row.institution_id)),
            status_reason: input.reason,
          },
          caller.userId,
        );
      });
    },

    /** Pause, resume or stop with a reason; a new version, from now. */
    async changeStatus(caller: Caller, prescriptionId: string, input: PrescriptionStatusChange) {
      return inTransaction(db, async (tx) => {
        const row = await currentRow(tx, prescriptionId);
        await access(tx, caller.viewer, caller.audit, row.person_id, {
          action: `medication.prescription.${input.action}`,
          resourceType: 'medication_prescription',
          resourceId: prescriptionId,
        });
        if (row.version !== input.version) throw staleVersion('prescription');
        await assertMayPrescribe(tx, caller, row.institution_id);
        const code =
          row.status === 'stopped'
            ? 'already_stopped'
            : input.action === 'pause' && row.status === 'paused'
              ? 'already_paused'
              : input.action === 'resume' && row.status !== 'paused'
                ? 'not_paused'
                : null;
        if (code) throw ruleRefused([{ path: '', code }], medicationRules);
        const status = input.action === 'pause' ? 'paused' : input.action === 'stop' ? 'stopped' : 'active';
        return nextVersion(
          tx,
          clock,
          row,
          input.version,
          {
            action: input.action,
            status,
            status_since: clock.now().toISOString(),
            status_reason: input.reason,
          },
          caller.userId,
        );
      });
    },
  };
}
