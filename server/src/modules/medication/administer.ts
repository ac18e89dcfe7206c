import {
  type AdministrationRecordInput,
  administrationProblems,
  type DeliveryMode,
  type MedicationProblem,
  newId,
  prnProblem,
  recordedTimeProblems,
} from '@custodia/domain';
import { sql } from 'kysely';
import { inTransaction } from '../../platform/db/database.ts';
import { notFound, ruleRefused } from '../../platform/errors.ts';
import { once } from '../../platform/http/idempotency.ts';
import type { Caller } from '../identity/index.ts';
import { type MedicationContext, medicationRules } from './context.ts';
import { medicationLimitsOf } from './limits.ts';
import { openStockTask } from './pharmacy/stock.ts';
import { dosing } from './round.ts';
import { personAccess } from './views.ts';

const DAY = 86_400_000;

/** Recording a dose: one record per due dose (MDX-2), or a PRN dose within its limits. */
export function createAdministering(ctx: MedicationContext) {
  const { db, clock, audit, registry, timeZone } = ctx;
  const access = personAccess(registry, audit);

  return {
    /**
     * Records what happened to a due dose (given, given in part, not given with a coded reason) or a
     * PRN dose. An `Idempotency-Key` makes a retry on a flaky network record it once; bad input
     * records nothing (and leaves no audit record: the transaction rolls back).
     */
    async record(caller: Caller, prescriptionId: string, input: AdministrationRecordInput, key?: string) {
      return inTransaction(db, (tx) =>
        once(
          tx,
          clock,
          { userId: caller.userId, key, scope: `medication.administration:${prescriptionId}`, body: input },
          async () => {
            const dueAt = input.dueAt ? new Date(input.dueAt).toISOString() : null;
            // The prescription, and whether this due dose is already recorded, in one statement
            // (ADR 0059: on PostgreSQL each statement is a round trip).
            const row = await tx
              .selectFrom('medication_prescription')
              .selectAll()
              .select((eb) =>
                (dueAt
                  ? eb
                      .selectFrom('medication_administration')
                      .select('medication_administration.id')
                      .whereRef(
                        'medication_administration.prescription_id',
                        '=',
                        'medication_prescription.prescription_id',
                      )
                      .where('medication_administration.due_at', '=', dueAt)
                      .limit(1)
                  : sql<string | null>`null`
                ).as('recorded_id'),
              )
              .where('prescription_id', '=', prescriptionId)
              .where('current', '=', 1)
              .executeTakeFirst();
            if (!row) throw notFound('No such prescription.');
            await access(tx, caller.viewer, caller.audit, row.person_id, {
              action: 'medication.administration.record',
              resourceType: 'medication_administration',
              resourceId: prescriptionId,
            });
            const now = clock.now();
            const givenAt = new Date(input.givenAt ?? now.toISOString()).toISOString();
            const prescription = {
              ...dosing(row),
              prn: row.prn === 1,
              delivery: row.delivery as DeliveryMode,
            };
            const alreadyRecorded = row.recorded_id !== null;
            // The institution's limits from the rule-threshold table (X-1; ADR 0045).
            const limits = await medicationLimitsOf(ctx, tx, row.institution_id);
            const problems: MedicationProblem[] = administrationProblems(
              prescription,
              { ...input, dueAt, givenAt },
              { now, timeZone, alreadyRecorded },
              limits,
            );
            // ADR 0046: a time sent with the dose (the offline queue's) within the dose's windows.
            if (input.givenAt) problems.push(...recordedTimeProblems({ dueAt, givenAt }, now, limits));
            if (input.outcome === 'given_partial' && !input.doseGiven)
              problems.push({ path: 'doseGiven', code: 'dose_given_required' });
            if (row.prn === 1 && input.outcome !== 'not_given') {
              const earlier = await tx
                .selectFrom('medication_administration')
                .select('given_at')
                .where('prescription_id', '=', prescriptionId)
                .where('outcome', 'in', ['given', 'given_partial'])
                .where('given_at', '>', new Date(Date.parse(givenAt) - 3 * DAY).toISOString())
                .execute();
              const prn = prnProblem(
                earlier.map((e) => e.given_at),
                givenAt,
                {
                  minIntervalHours: Number(row.prn_min_interval_hours ?? 0),
                  maxPerDay: row.prn_max_per_day ?? 1,
                },
              );
              if (prn) problems.push(prn);
            }
            if (problems.length) throw ruleRefused(problems, medicationRules);
            const id = newId();
            await insertOnce(() =>
              tx
                .insertInto('medication_administration')
                .values({
                  id,
                  prescription_id: prescriptionId,
                  prescription_version: row.version,
                  person_id: row.person_id,
                  institution_id: row.institution_id,
                  due_at: dueAt,
                  given_at: givenAt,
                  outcome: input.outcome,
                  reason: input.outcome === 'not_given' ? (input.reason ?? null) : null,
                  note: input.note ?? null,
                  dose_given:
                    input.outcome === 'given'
                      ? Number(row.dose)
                      : input.outcome === 'given_partial'
                        ? (input.doseGiven ?? null)
                        : null,
                  mouth_check: input.mouthCheck ? 1 : 0,
                  recorded_by: caller.userId,
                  recorded_at: now.toISOString(),
                })
                .execute(),
            );
            // MDX-3: "not available (stock)" opens the pharmacy's task the same day, in this transaction.
            if (input.outcome === 'not_given' && input.reason === 'not_available_stock')
              await openStockTask(tx, row.institution_id, row.drug_id, now.toISOString());
            return { id };
          },
        ),
      );
    },
  };
}

/** MDX-2: two nurses recording the same due dose at once: the second is told it is already recorded. */
async function insertOnce(insert: () => Promise<unknown>) {
  try {
    await insert();
  } catch (error) {
    if (/unique/i.test(String((error as Error).message)))
      throw ruleRefused([{ path: 'dueAt', code: 'already_recorded' }], medicationRules);
    throw error;
  }
}
