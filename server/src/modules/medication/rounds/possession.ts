import {
  expectedInPossession,
  newId,
  type PossessionCount,
  type PossessionCountInput,
  type Possession as PossessionView,
  possessionCountProblems,
} from '@custodia/domain';
import { type Executor, inTransaction } from '../../../platform/db/database.ts';
import { notFound, ruleRefused } from '../../../platform/errors.ts';
import type { Caller } from '../../identity/index.ts';
import { type MedicationContext, medicationRules } from '../context.ts';
import type { MedicationPossessionCountTable } from '../tables.ts';
import { drugsById, personAccess } from '../views.ts';

/** The latest in-possession supply of each prescription (the pharmacy's ledger, ADR 0040): one query. */
async function latestSupplies(executor: Executor, prescriptionIds: readonly string[]) {
  if (!prescriptionIds.length) return new Map<string, { id: string; quantity: number; at: string }>();
  const rows = await executor
    .selectFrom('medication_stock_movement')
    .select(['id', 'prescription_id', 'quantity', 'recorded_at'])
    .where('kind', '=', 'dispense_person')
    .where('supply', '=', 'in_possession')
    .where('prescription_id', 'in', [...prescriptionIds])
    .orderBy('recorded_at', 'desc')
    .execute();
  const latest = new Map<string, { id: string; quantity: number; at: string }>();
  for (const r of rows)
    if (r.prescription_id && !latest.has(r.prescription_id))
      latest.set(r.prescription_id, { id: r.id, quantity: Math.abs(Number(r.quantity)), at: r.recorded_at });
  return latest;
}

/**
 * MDX-5 (issue 15 item 5; ADR 0046): in-possession supplies are dispensed in packs (the pharmacy's
 * supply to the person) and counted at review: what should be left against what is found, a
 * difference explained in a note. Clinical: read and written by health staff, audited.
 */
export function createPossession(ctx: MedicationContext) {
  const { db, clock, audit, registry, identity } = ctx;
  const access = personAccess(registry, audit);
  const unitsPerDay = (row: { dose: number; frequency_per_day: number }) =>
    Number(row.dose) * Number(row.frequency_per_day);

  const view = (
    r: MedicationPossessionCountTable,
    drug: string,
    names: Map<string, string>,
  ): PossessionCount => ({
    id: r.id,
    prescriptionId: r.prescription_id,
    drug,
    supplied: r.supplied,
    suppliedAt: r.supplied_at,
    expected: r.expected,
    counted: r.counted,
    difference: r.difference,
    note: r.note,
    countedBy: names.get(r.counted_by) ?? '',
    countedAt: r.counted_at,
  });

  return {
    /** The person's in-possession prescriptions, their last supply, what should be left; the last counts. */
    async possession(caller: Caller, personId: string): Promise<PossessionView> {
      return inTransaction(db, async (tx) => {
        await access(tx, caller.viewer, caller.audit, personId, {
          action: 'medication.possession.read',
          resourceType: 'medication_possession_count',
        });
        const now = clock.now();
        const [prescriptions, counts] = await Promise.all([
          tx
            .selectFrom('medication_prescription')
            .selectAll()
            .where('person_id', '=', personId)
            .where('current', '=', 1)
            .where('delivery', '=', 'in_possession')
            .where('status', '=', 'active')
            .where('end_at', '>', now.toISOString())
            .limit(50)
            .execute(),
          tx
            .selectFrom('medication_possession_count')
            .selectAll()
            .where('person_id', '=', personId)
            .orderBy('counted_at', 'desc')
            .limit(20)
            .execute(),
        ]);
        const drugOf = new Map(prescriptions.map((p) => [p.prescription_id, p.drug_id]));
        const others = [...new Set(counts.map((c) => c.prescription_id))].filter((id) => !drugOf.has(id));
        const [supplies, names, countDrugs] = await Promise.all([
          latestSupplies(
            tx,
            prescriptions.map((p) => p.prescription_id),
          ),
          identity.displayNames(tx, [...new Set(counts.map((c) => c.counted_by))]),
          others.length
            ? tx
                .selectFrom('medication_prescription')
                .select(['prescription_id', 'drug_id'])
                .where('prescription_id', 'in', others)
                .where('current', '=', 1)
                .execute()
            : [],
        ]);
        for (const c of countDrugs) drugOf.set(c.prescription_id, c.drug_id);
        const drugs = await drugsById(tx, [...new Set(drugOf.values())]);
        const drugName = (prescriptionId: string) => {
          const d = drugs.get(drugOf.get(prescriptionId) ?? '');
          return d ? `${d.name_en} ${d.strength}` : '';
        };
        return {
          supplies: prescriptions.map((p) => {
            const supply = supplies.get(p.prescription_id);
            return {
              prescriptionId: p.prescription_id,
              drug: drugName(p.prescription_id),
              reviewDate: p.review_date,
              supplied: supply?.quantity ?? null,
              suppliedAt: supply?.at ?? null,
              expectedNow: supply
                ? expectedInPossession(
                    { quantity: supply.quantity, suppliedAt: supply.at },
                    unitsPerDay(p),
                    now,
                  )
                : null,
            };
          }),
          counts: counts.map((c) => view(c, drugName(c.prescription_id), names)),
        };
      });
    },

    /** Records a count at review against the last supply; a difference needs a note (MDX-5). */
    async countPossession(
      caller: Caller,
      prescriptionId: string,
      input: PossessionCountInput,
    ): Promise<PossessionCount> {
      return inTransaction(db, async (tx) => {
        const row = await tx
          .selectFrom('medication_prescription')
          .selectAll()
          .where('prescription_id', '=', prescriptionId)
          .where('current', '=', 1)
          .executeTakeFirst();
        if (!row) throw notFound('No such prescription.');
        await access(tx, caller.viewer, caller.audit, row.person_id, {
          action: 'medication.possession.count',
          resourceType: 'medication_possession_count',
          resourceId: prescriptionId,
        });
        if (row.delivery !== 'in_possession')
          throw ruleRefused([{ path: '', code: 'not_in_possession' }], medicationRules);
        const supply = (await latestSupplies(tx, [prescriptionId])).get(prescriptionId);
        if (!supply) throw ruleRefused([{ path: '', code: 'no_supply' }], medicationRules);
        const now = clock.now();
        const expected = expectedInPossession(
          { quantity: supply.quantity, suppliedAt: supply.at },
          unitsPerDay(row),
          now,
        );
        const problems = possessionCountProblems(expected, input.counted, input.note);
        if (problems.length) throw ruleRefused(problems, medicationRules);
        const count: MedicationPossessionCountTable = {
          id: newId(),
          prescription_id: prescriptionId,
          person_id: row.person_id,
          institution_id: row.institution_id,
          supply_movement_id: supply.id,
          supplied: supply.quantity,
          supplied_at: supply.at,
          expected,
          counted: input.counted,
          difference: input.counted - expected,
          note: input.note ?? null,
          counted_by: caller.userId,
          counted_at: now.toISOString(),
        };
        await tx.insertInto('medication_possession_count').values(count).execute();
        const drug = (await drugsById(tx, [row.drug_id])).get(row.drug_id);
        return view(
          count,
          drug ? `${drug.name_en} ${drug.strength}` : '',
          new Map([[caller.userId, caller.user.displayName]]),
        );
      });
    },
  };
}

export type Possession = ReturnType<typeof createPossession>;
