import {
  addDaysToDate,
  type ControlledBook,
  type ControlledCountInput,
  calendarDateIn,
  countDifference,
  expiryState,
  newId,
  permissionsOf,
  type StockBatch,
  type StockDispenseInput,
  type StockIssueInput,
  type StockLine,
  type StockMovement,
  type StockMovementKind,
  type StockOverview,
  type StockReceiptInput,
  type StockReturnInput,
  type StockRuleCode,
  type StockTask,
  type StockTaskResolveInput,
  type StockWriteOffInput,
  withdrawalProblems,
  witnessProblem,
} from '@custodia/domain';
import type { Executor, Tx } from '../../../platform/db/database.ts';
import { inTransaction } from '../../../platform/db/database.ts';
import { notFound, ruleRefused } from '../../../platform/errors.ts';
import { once } from '../../../platform/http/idempotency.ts';
import { decodeCursor, toPage } from '../../../platform/http/paging.ts';
import type { AuditAction } from '../../audit/index.ts';
import type { Caller } from '../../identity/index.ts';
import type { MedicationContext } from '../context.ts';
import { expiryWarningDaysOf } from '../limits.ts';
import type { MedicationDrugTable, MedicationStockBatchTable } from '../tables.ts';
import { drugsById, drugView, personAccess } from '../views.ts';

const stockRules = { message: 'The pharmacy rules do not allow this; see the field errors.' } as const;
const refuse = (path: string, code: StockRuleCode) => ruleRefused([{ path, code }], stockRules);

/** A scope: the institutions a user works in, or national. */
export interface StockScope {
  institutionIds: string[];
  national: boolean;
}
const inScope = (scope: StockScope, institutionId: string) =>
  scope.national || scope.institutionIds.includes(institutionId);

/**
 * Pharmacy and stock (issue 15 item 3; ADR 0040): batches and the append-only ledger, dispensing to a
 * round (ward stock) or to a person, returns, wastage and destruction (a witness for a controlled
 * drug), the pharmacy's stock tasks (MDX-3) and the controlled-drug book with its daily count.
 */
export function createPharmacy(ctx: MedicationContext) {
  const { db, clock, audit, registry, identity } = ctx;
  const access = personAccess(registry, audit);

  /** The institution's name and zone (read before a transaction: one query, cached per call). */
  async function institution(scope: StockScope, institutionId: string) {
    if (!inScope(scope, institutionId)) throw notFound('No such institution.');
    const found = (await registry.listInstitutions()).find((i) => i.id === institutionId);
    if (!found) throw notFound('No such institution.');
    return { id: found.id, name: found.name.en, timeZone: found.timeZone || ctx.timeZone };
  }

  /** The batch, in the caller's scope (404 otherwise), with its drug. */
  async function batchOf(tx: Executor, scope: StockScope, batchId: string) {
    const batch = await tx
      .selectFrom('medication_stock_batch')
      .selectAll()
      .where('id', '=', batchId)
      .executeTakeFirst();
    if (!batch || !inScope(scope, batch.institution_id)) throw notFound('No such batch.');
    const drug = await tx
      .selectFrom('medication_drug')
      .selectAll()
      .where('id', '=', batch.drug_id)
      .executeTakeFirstOrThrow();
    return { batch, drug };
  }

  /**
   * The witness of a controlled drug's write-off or count: a different, active user who may witness
   * (`medication.controlled.witness`) and works in the institution. Read before the transaction.
   */
  async function witnessId(
    caller: Caller,
    controlled: boolean,
    username: string | null | undefined,
    institutionId: string,
  ): Promise<string | null> {
    if (!controlled && !username) return null;
    const id = username ? (await identity.userIdsByUsername(db, [username])).get(username) : undefined;
    if (username && !id) throw refuse('witness', 'witness_not_allowed');
    const problem = witnessProblem(controlled, caller.userId, id);
    if (problem) throw refuse('witness', problem);
    if (!id) return null;
    const user = await identity.getUser(id);
    const allowed =
      user.active &&
      permissionsOf(user.roles).has('medication.controlled.witness') &&
      (user.institutionIds.length === 0 || user.institutionIds.includes(institutionId));
    if (!allowed) throw refuse('witness', 'witness_not_allowed');
    return id;
  }

  async function auditStock(
    tx: Tx,
    caller: Caller,
    action: AuditAction,
    resourceType: string,
    resourceId: string,
    details: Record<string, string | number | boolean | null>,
  ) {
    await audit.record(tx, caller.audit, {
      action,
      dataClass: 'administrative',
      outcome: 'allowed',
      resourceType,
      resourceId,
      details,
    });
  }

  /**
   * Takes `quantity` out of a batch: refused in words when it would go below zero or the batch has
   * expired (nothing written). The conditional update keeps it above zero under concurrent writers.
   */
  async function withdraw(
    tx: Tx,
    batch: MedicationStockBatchTable,
    quantity: number,
    timeZone: string,
    allowExpired = false,
  ) {
    const problems = withdrawalProblems(
      { quantity: batch.quantity, expiryDate: batch.expiry_date },
      quantity,
      { now: clock.now(), timeZone, allowExpired },
    );
    if (problems.length) throw ruleRefused(problems, stockRules);
    const result = await tx
      .updateTable('medication_stock_batch')
      .set((eb) => ({ quantity: eb('quantity', '-', quantity) }))
      .where('id', '=', batch.id)
      .where('quantity', '>=', quantity)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw refuse('quantity', 'stock_below_zero');
    return batch.quantity - quantity;
  }

  async function movement(
    tx: Tx,
    caller: Caller,
    batch: MedicationStockBatchTable,
    kind: StockMovementKind,
    quantity: number,
    balanceAfter: number,
    extra: Partial<{
      person_id: string;
      prescription_id: string;
      supply: string;
      unit_id: string | null;
      round: string;
      reason: string | null;
      witness_id: string | null;
    }> = {},
  ) {
    const id = newId();
    await tx
      .insertInto('medication_stock_movement')
      .values({
        id,
        institution_id: batch.institution_id,
        drug_id: batch.drug_id,
        batch_id: batch.id,
        kind,
        quantity,
        balance_after: balanceAfter,
        person_id: extra.person_id ?? null,
        prescription_id: extra.prescription_id ?? null,
        supply: extra.supply ?? null,
        unit_id: extra.unit_id ?? null,
        round: extra.round ?? null,
        reason: extra.reason ?? null,
        witness_id: extra.witness_id ?? null,
        recorded_by: caller.userId,
        recorded_at: clock.now().toISOString(),
      })
      .execute();
    return id;
  }

  /** Zone of a batch's institution, read before the transaction. */
  async function zoneOfBatch(caller: Caller, batchId: string) {
    const { batch, drug } = await batchOf(db, caller.viewer, batchId);
    const inst = await institution(caller.viewer, batch.institution_id);
    return { inst, drug };
  }

  const service = {
    /** The stock of an institution: each drug with stock or active prescriptions, its batches and flags, and the open tasks. */
    async overview(caller: Caller, institutionId: string): Promise<StockOverview> {
      const inst = await institution(caller.viewer, institutionId);
      const now = clock.now();
      const warningDays = await expiryWarningDaysOf(ctx, db, [institutionId]);
      const [batches, active, tasks] = await Promise.all([
        db
          .selectFrom('medication_stock_batch')
          .selectAll()
          .where('institution_id', '=', institutionId)
          .where('quantity', '>', 0)
          .orderBy('expiry_date')
          .execute(),
        activePrescriptionCounts(db, [institutionId], now),
        db
          .selectFrom('medication_stock_task')
          .selectAll()
          .where('institution_id', '=', institutionId)
          .where('status', '=', 'open')
          .orderBy('opened_at')
          .limit(200)
          .execute(),
      ]);
      const drugIds = new Set([
        ...batches.map((b) => b.drug_id),
        ...[...active.keys()]
          .filter((k) => k.startsWith(`${institutionId}|`))
          .map((k) => k.split('|')[1] ?? ''),
        ...tasks.map((t) => t.drug_id),
      ]);
      const drugs = await drugsById(db, [...drugIds]);
      const names = await identity.displayNames(
        db,
        tasks.flatMap((t) => (t.resolved_by ? [t.resolved_by] : [])),
      );
      const lines: StockLine[] = [...drugIds]
        .flatMap((id) => {
          const drug = drugs.get(id);
          if (!drug) return [];
          const own = batches
            .filter((b) => b.drug_id === id)
            .map((b) => batchView(b, now, inst.timeZone, warningDays));
          const available = own.filter((b) => b.expiry !== 'expired').reduce((s, b) => s + b.quantity, 0);
          const activePrescriptions = active.get(`${institutionId}|${id}`) ?? 0;
          return [
            {
              drug: drugView(drug),
              controlled: drug.controlled === 1,
              available,
              total: own.reduce((s, b) => s + b.quantity, 0),
              activePrescriptions,
              stockOut: available === 0 && activePrescriptions > 0,
              batches: own,
            },
          ];
        })
        .sort((a, b) => Number(b.stockOut) - Number(a.stockOut) || a.drug.inn.localeCompare(b.drug.inn));
      return {
        institutionId,
        timeZone: inst.timeZone,
        lines,
        tasks: tasks.flatMap((t) => {
          const drug = drugs.get(t.drug_id);
          return drug ? [taskView(t, drug, names)] : [];
        }),
      };
    },

    /** A receipt: a new batch (batch number, expiry, supplier, reference) and its ledger line. */
    async receive(caller: Caller, input: StockReceiptInput, key?: string) {
      const inst = await institution(caller.viewer, input.institutionId);
      if (input.expiryDate < calendarDateIn(clock.now(), inst.timeZone))
        throw refuse('expiryDate', 'expiry_in_the_past');
      return inTransaction(db, (tx) =>
        once(
          tx,
          clock,
          { userId: caller.userId, key, scope: 'medication.stock.receipt', body: input },
          async () => {
            const drug = await tx
              .selectFrom('medication_drug')
              .select('id')
              .where('id', '=', input.drugId)
              .executeTakeFirst();
            if (!drug) throw refuse('drugId', 'batch_not_found');
            const batch: MedicationStockBatchTable = {
              id: newId(),
              institution_id: input.institutionId,
              drug_id: input.drugId,
              batch_number: input.batchNumber,
              expiry_date: input.expiryDate,
              supplier: input.supplier,
              reference: input.reference ?? null,
              quantity: input.quantity,
              received_at: clock.now().toISOString(),
            };
            await tx.insertInto('medication_stock_batch').values(batch).execute();
            const id = await movement(tx, caller, batch, 'receipt', input.quantity, input.quantity, {
              reason: input.reference ? `${input.supplier} · ${input.reference}` : input.supplier,
            });
            await auditStock(tx, caller, 'medication.stock.receive', 'medication_stock_batch', batch.id, {
              drugId: input.drugId,
              quantity: input.quantity,
            });
            return { id: batch.id, movementId: id, balanceAfter: input.quantity };
          },
        ),
      );
    },

    /** Ward stock for a round (ADR 0040: the round's doses draw on it; a dose given does not move the pharmacy's stock). */
    async issue(caller: Caller, input: StockIssueInput, key?: string) {
      const { inst } = await zoneOfBatch(caller, input.batchId);
      if (input.unitId) {
        const units = (await registry.getInstitution(inst.id)).units;
        if (!units.some((u) => u.id === input.unitId)) throw refuse('unitId', 'out_of_scope');
      }
      return inTransaction(db, (tx) =>
        once(
          tx,
          clock,
          { userId: caller.userId, key, scope: 'medication.stock.issue', body: input },
          async () => {
            const { batch } = await batchOf(tx, caller.viewer, input.batchId);
            const balanceAfter = await withdraw(tx, batch, input.quantity, inst.timeZone);
            const id = await movement(tx, caller, batch, 'issue_round', -input.quantity, balanceAfter, {
              unit_id: input.unitId ?? null,
              round: input.round,
              reason: input.note ?? null,
            });
            await auditStock(tx, caller, 'medication.stock.issue', 'medication_stock_movement', id, {
              batchId: batch.id,
              quantity: input.quantity,
            });
            return { id, balanceAfter };
          },
        ),
      );
    },

    /** A supply to a person (in-possession or at release) against their active prescription: clinical. */
    async dispense(caller: Caller, input: StockDispenseInput, key?: string) {
      const { inst } = await zoneOfBatch(caller, input.batchId);
      return inTransaction(db, (tx) =>
        once(
          tx,
          clock,
          { userId: caller.userId, key, scope: 'medication.stock.dispense', body: input },
          async () => {
            const { batch } = await batchOf(tx, caller.viewer, input.batchId);
            const prescription = await tx
              .selectFrom('medication_prescription')
              .selectAll()
              .where('prescription_id', '=', input.prescriptionId)
              .where('current', '=', 1)
              .executeTakeFirst();
            if (!prescription) throw notFound('No such prescription.');
            await access(tx, caller.viewer, caller.audit, prescription.person_id, {
              action: 'medication.stock.dispense',
              resourceType: 'medication_stock_movement',
              resourceId: input.prescriptionId,
            });
            const now = clock.now();
            if (
              prescription.status !== 'active' ||
              Date.parse(prescription.end_at) <= now.getTime() ||
              prescription.drug_id !== batch.drug_id ||
              prescription.institution_id !== batch.institution_id
            )
              throw refuse('prescriptionId', 'no_active_prescription');
            const balanceAfter = await withdraw(tx, batch, input.quantity, inst.timeZone);
            const id = await movement(tx, caller, batch, 'dispense_person', -input.quantity, balanceAfter, {
              person_id: prescription.person_id,
              prescription_id: input.prescriptionId,
              supply: input.supply,
              reason: input.note ?? null,
            });
            return { id, balanceAfter };
          },
        ),
      );
    },

    /** A return into the pharmacy's store (from a unit's trolley or a person's supply) with its reason. */
    async returnStock(caller: Caller, input: StockReturnInput, key?: string) {
      await zoneOfBatch(caller, input.batchId);
      return inTransaction(db, (tx) =>
        once(
          tx,
          clock,
          { userId: caller.userId, key, scope: 'medication.stock.return', body: input },
          async () => {
            const { batch } = await batchOf(tx, caller.viewer, input.batchId);
            await tx
              .updateTable('medication_stock_batch')
              .set((eb) => ({ quantity: eb('quantity', '+', input.quantity) }))
              .where('id', '=', batch.id)
              .execute();
            const balanceAfter = batch.quantity + input.quantity;
            const id = await movement(tx, caller, batch, 'return', input.quantity, balanceAfter, {
              reason: input.reason,
            });
            await auditStock(tx, caller, 'medication.stock.return', 'medication_stock_movement', id, {
              batchId: batch.id,
              quantity: input.quantity,
            });
            return { id, balanceAfter };
          },
        ),
      );
    },

    /**
     * Wastage or destruction: for a controlled drug a witness — a different user, recorded (refused
     * otherwise, nothing written). An expired batch may be written off (that is what destruction is for).
     */
    async writeOff(caller: Caller, input: StockWriteOffInput, key?: string) {
      const { inst, drug } = await zoneOfBatch(caller, input.batchId);
      const witness = await witnessId(caller, drug.controlled === 1, input.witness, inst.id);
      return inTransaction(db, (tx) =>
        once(
          tx,
          clock,
          { userId: caller.userId, key, scope: 'medication.stock.write_off', body: input },
          async () => {
            const { batch } = await batchOf(tx, caller.viewer, input.batchId);
            const balanceAfter = await withdraw(tx, batch, input.quantity, inst.timeZone, true);
            const id = await movement(tx, caller, batch, input.kind, -input.quantity, balanceAfter, {
              reason: input.reason,
              witness_id: witness,
            });
            await auditStock(
              tx,
              caller,
              input.kind === 'destroy' ? 'medication.stock.destroy' : 'medication.stock.waste',
              'medication_stock_movement',
              id,
              { batchId: batch.id, quantity: input.quantity, witnessed: witness !== null },
            );
            return { id, balanceAfter };
          },
        ),
      );
    },

    /** The ledger of an institution, newest first, paged. Persons are not named (administrative). */
    async movements(
      caller: Caller,
      query: { institutionId: string; drugId?: string; limit: number; cursor?: string },
    ) {
      await institution(caller.viewer, query.institutionId);
      const after = decodeCursor(query.cursor, 2);
      let q = db
        .selectFrom('medication_stock_movement as m')
        .innerJoin('medication_stock_batch as b', 'b.id', 'm.batch_id')
        .selectAll('m')
        .select('b.batch_number')
        .where('m.institution_id', '=', query.institutionId)
        .orderBy('m.recorded_at', 'desc')
        .orderBy('m.id', 'desc')
        .limit(query.limit + 1);
      if (query.drugId) q = q.where('m.drug_id', '=', query.drugId);
      if (after) {
        const [at, id] = after as [string, string];
        q = q.where((eb) =>
          eb.or([eb('m.recorded_at', '<', at), eb.and([eb('m.recorded_at', '=', at), eb('m.id', '<', id)])]),
        );
      }
      const rows = await q.execute();
      const drugs = await drugsById(
        db,
        rows.map((r) => r.drug_id),
      );
      const names = await identity.displayNames(
        db,
        rows.flatMap((r) => [r.recorded_by, ...(r.witness_id ? [r.witness_id] : [])]),
      );
      return toPage(
        rows,
        query.limit,
        (r) => [r.recorded_at, r.id],
        (r): StockMovement => ({
          id: r.id,
          kind: r.kind as StockMovementKind,
          drug: drugView(drugs.get(r.drug_id) as MedicationDrugTable),
          batchNumber: r.batch_number,
          quantity: Number(r.quantity),
          balanceAfter: Number(r.balance_after),
          supply: (r.supply as StockMovement['supply']) ?? null,
          round: r.round,
          reason: r.reason,
          witness: r.witness_id ? (names.get(r.witness_id) ?? null) : null,
          recordedBy: names.get(r.recorded_by) ?? '',
          recordedAt: r.recorded_at,
        }),
      );
    },

    /** MDX-3: closes a stock task with its resolution (received, substituted, prescriber informed) and a note. */
    async resolveTask(caller: Caller, taskId: string, input: StockTaskResolveInput) {
      return inTransaction(db, async (tx) => {
        const task = await tx
          .selectFrom('medication_stock_task')
          .selectAll()
          .where('id', '=', taskId)
          .executeTakeFirst();
        if (!task || !inScope(caller.viewer, task.institution_id)) throw notFound('No such task.');
        if (task.status !== 'open') throw refuse('resolution', 'already_resolved');
        const now = clock.now().toISOString();
        await tx
          .updateTable('medication_stock_task')
          .set({
            status: 'resolved',
            resolution: input.resolution,
            note: input.note,
            resolved_by: caller.userId,
            resolved_at: now,
          })
          .where('id', '=', taskId)
          .where('status', '=', 'open')
          .execute();
        await auditStock(tx, caller, 'medication.stock_task.resolve', 'medication_stock_task', taskId, {
          resolution: input.resolution,
        });
        return { id: taskId };
      });
    },

    /** The controlled-drug book of an institution: each controlled drug's balance, counts of the last week, incidents. */
    async controlledBook(caller: Caller, institutionId: string): Promise<ControlledBook> {
      const inst = await institution(caller.viewer, institutionId);
      const now = clock.now();
      const today = calendarDateIn(now, inst.timeZone);
      const weekAgo = addDaysToDate(today, -7);
      const drugs = await db
        .selectFrom('medication_drug')
        .selectAll()
        .where('controlled', '=', 1)
        .orderBy('inn')
        .execute();
      const ids = drugs.map((d) => d.id);
      const [balances, counts, incidents] = ids.length
        ? await Promise.all([
            bookBalances(db, institutionId, ids),
            db
              .selectFrom('medication_cd_count')
              .selectAll()
              .where('institution_id', '=', institutionId)
              .where('count_date', '>=', weekAgo)
              .orderBy('count_date', 'desc')
              .execute(),
            db
              .selectFrom('medication_cd_incident as i')
              .innerJoin('medication_cd_count as c', 'c.id', 'i.count_id')
              .selectAll('i')
              .select('c.count_date')
              .where('i.institution_id', '=', institutionId)
              .where((eb) => eb.or([eb('i.status', '=', 'open'), eb('c.count_date', '>=', weekAgo)]))
              .orderBy('i.opened_at', 'desc')
              .limit(100)
              .execute(),
          ])
        : [new Map<string, number>(), [], []];
      const names = await identity.displayNames(db, [
        ...counts.flatMap((c) => [c.counted_by, c.witness_id]),
        ...incidents.flatMap((i) => (i.resolved_by ? [i.resolved_by] : [])),
      ]);
      const byId = new Map(drugs.map((d) => [d.id, d]));
      return {
        institutionId,
        timeZone: inst.timeZone,
        today,
        drugs: drugs.map((d) => ({
          drug: drugView(d),
          bookBalance: balances.get(d.id) ?? 0,
          countedToday: counts.some((c) => c.drug_id === d.id && c.count_date === today),
          counts: counts
            .filter((c) => c.drug_id === d.id)
            .map((c) => ({
              id: c.id,
              date: c.count_date,
              bookBalance: Number(c.book_balance),
              counted: Number(c.counted),
              difference: Number(c.difference),
              countedBy: names.get(c.counted_by) ?? '',
              witness: names.get(c.witness_id) ?? '',
              countedAt: c.counted_at,
            })),
        })),
        incidents: incidents.flatMap((i) => {
          const drug = byId.get(i.drug_id);
          return drug
            ? [
                {
                  id: i.id,
                  drug: drugView(drug),
                  date: i.count_date,
                  difference: Number(i.difference),
                  openedAt: i.opened_at,
                  status: i.status as 'open' | 'resolved',
                  explanation: i.explanation,
                  resolvedBy: i.resolved_by ? (names.get(i.resolved_by) ?? null) : null,
                  resolvedAt: i.resolved_at,
                },
              ]
            : [];
        }),
      };
    },

    /**
     * The daily count of a controlled drug, witnessed, against the book balance (the sum of its
     * batches, kept with the ledger). A difference opens an incident in the same transaction.
     */
    async recordCount(caller: Caller, input: ControlledCountInput, key?: string) {
      const inst = await institution(caller.viewer, input.institutionId);
      const drug = await db
        .selectFrom('medication_drug')
        .selectAll()
        .where('id', '=', input.drugId)
        .executeTakeFirst();
      if (!drug) throw notFound('No such drug.');
      if (drug.controlled !== 1) throw refuse('drugId', 'not_controlled');
      const witness = await witnessId(caller, true, input.witness, inst.id);
      const now = clock.now();
      const date = calendarDateIn(now, inst.timeZone);
      return inTransaction(db, (tx) =>
        once(
          tx,
          clock,
          { userId: caller.userId, key, scope: 'medication.controlled.count', body: input },
          async () => {
            const done = await tx
              .selectFrom('medication_cd_count')
              .select('id')
              .where('institution_id', '=', input.institutionId)
              .where('drug_id', '=', input.drugId)
              .where('count_date', '=', date)
              .executeTakeFirst();
            if (done) throw refuse('counted', 'already_counted');
            const book = (await bookBalances(tx, input.institutionId, [input.drugId])).get(input.drugId) ?? 0;
            const difference = countDifference(book, input.counted);
            const id = newId();
            await tx
              .insertInto('medication_cd_count')
              .values({
                id,
                institution_id: input.institutionId,
                drug_id: input.drugId,
                count_date: date,
                book_balance: book,
                counted: input.counted,
                difference,
                note: input.note ?? null,
                counted_by: caller.userId,
                witness_id: witness as string,
                counted_at: now.toISOString(),
              })
              .execute();
            let incidentId: string | null = null;
            if (difference !== 0) {
              incidentId = newId();
              await tx
                .insertInto('medication_cd_incident')
                .values({
                  id: incidentId,
                  institution_id: input.institutionId,
                  drug_id: input.drugId,
                  count_id: id,
                  difference,
                  opened_at: now.toISOString(),
                  status: 'open',
                  explanation: null,
                  resolved_by: null,
                  resolved_at: null,
                })
                .execute();
            }
            await auditStock(tx, caller, 'medication.controlled.count', 'medication_cd_count', id, {
              drugId: input.drugId,
              difference,
            });
            return { id, difference, incidentId };
          },
        ),
      );
    },

    /** Closes a controlled-drug incident with an explanation (pharmacist or health manager). */
    async resolveIncident(caller: Caller, incidentId: string, explanation: string) {
      return inTransaction(db, async (tx) => {
        const incident = await tx
          .selectFrom('medication_cd_incident')
          .selectAll()
          .where('id', '=', incidentId)
          .executeTakeFirst();
        if (!incident || !inScope(caller.viewer, incident.institution_id))
          throw notFound('No such incident.');
        if (incident.status !== 'open') throw refuse('explanation', 'already_resolved');
        await tx
          .updateTable('medication_cd_incident')
          .set({
            status: 'resolved',
            explanation,
            resolved_by: caller.userId,
            resolved_at: clock.now().toISOString(),
          })
          .where('id', '=', incidentId)
          .where('status', '=', 'open')
          .execute();
        await auditStock(
          tx,
          caller,
          'medication.controlled.resolve',
          'medication_cd_incident',
          incidentId,
          {},
        );
        return { id: incidentId };
      });
    },

    // ------------------------------------------------------------ worklist (bounded reads)

    /** MDX-3: the open stock tasks of the user's institutions. */
    async openTasks(scope: StockScope, limit: number) {
      if (!scope.national && !scope.institutionIds.length) return [];
      let q = db
        .selectFrom('medication_stock_task')
        .selectAll()
        .where('status', '=', 'open')
        .orderBy('opened_at')
        .limit(limit);
      if (!scope.national) q = q.where('institution_id', 'in', scope.institutionIds);
      const rows = await q.execute();
      const drugs = await drugsById(
        db,
        rows.map((r) => r.drug_id),
      );
      return rows.map((r) => ({ ...r, drug: drugs.get(r.drug_id) }));
    },

    /** Stock-outs: no usable stock of a drug with active prescriptions; and batches expiring soon (PHC-3). */
    async stockFlags(scope: StockScope, limit: number) {
      if (!scope.institutionIds.length) return { stockOuts: [], expiring: [] };
      const now = clock.now();
      const today = calendarDateIn(now, ctx.timeZone);
      const warningDays = await expiryWarningDaysOf(ctx, db, scope.institutionIds);
      const [active, usable, expiring] = await Promise.all([
        activePrescriptionCounts(db, scope.institutionIds, now),
        db
          .selectFrom('medication_stock_batch')
          .select(['institution_id', 'drug_id'])
          .where('institution_id', 'in', scope.institutionIds)
          .where('quantity', '>', 0)
          .where('expiry_date', '>=', today)
          .groupBy(['institution_id', 'drug_id'])
          .execute(),
        db
          .selectFrom('medication_stock_batch')
          .selectAll()
          .where('institution_id', 'in', scope.institutionIds)
          .where('quantity', '>', 0)
          .where('expiry_date', '<=', addDaysToDate(today, warningDays))
          .orderBy('expiry_date')
          .limit(limit)
          .execute(),
      ]);
      const has = new Set(usable.map((u) => `${u.institution_id}|${u.drug_id}`));
      const outs = [...active.keys()].filter((k) => !has.has(k)).slice(0, limit);
      const drugs = await drugsById(db, [
        ...outs.map((k) => k.split('|')[1] ?? ''),
        ...expiring.map((b) => b.drug_id),
      ]);
      return {
        stockOuts: outs.flatMap((k) => {
          const [institutionId = '', drugId = ''] = k.split('|');
          const drug = drugs.get(drugId);
          return drug ? [{ institutionId, drugId, drug, prescriptions: active.get(k) ?? 0 }] : [];
        }),
        expiring: expiring.flatMap((b) => {
          const drug = drugs.get(b.drug_id);
          return drug ? [{ ...b, drug }] : [];
        }),
      };
    },

    /** Controlled-drug incidents still open. */
    async openIncidents(scope: StockScope, limit: number) {
      if (!scope.national && !scope.institutionIds.length) return [];
      let q = db
        .selectFrom('medication_cd_incident')
        .selectAll()
        .where('status', '=', 'open')
        .orderBy('opened_at')
        .limit(limit);
      if (!scope.national) q = q.where('institution_id', 'in', scope.institutionIds);
      const rows = await q.execute();
      const drugs = await drugsById(
        db,
        rows.map((r) => r.drug_id),
      );
      return rows.map((r) => ({ ...r, drug: drugs.get(r.drug_id) }));
    },

    /** The institution's name and zone, for reports. */
    institution,
  };
  return service;
}

/**
 * MDX-3: a dose recorded "not available (stock)" opens a pharmacy task the same day, in the dose's
 * transaction: one open task per institution and drug, counting the doses it missed.
 */
export async function openStockTask(tx: Tx, institutionId: string, drugId: string, at: string) {
  const open = await tx
    .selectFrom('medication_stock_task')
    .select(['id'])
    .where('institution_id', '=', institutionId)
    .where('drug_id', '=', drugId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (open) {
    await tx
      .updateTable('medication_stock_task')
      .set((eb) => ({ doses: eb('doses', '+', 1), last_at: at }))
      .where('id', '=', open.id)
      .execute();
    return open.id;
  }
  const id = newId();
  await tx
    .insertInto('medication_stock_task')
    .values({
      id,
      institution_id: institutionId,
      drug_id: drugId,
      opened_at: at,
      last_at: at,
      doses: 1,
      status: 'open',
      resolution: null,
      note: null,
      resolved_by: null,
      resolved_at: null,
    })
    .execute();
  return id;
}

/** Active prescriptions (current version, active, not lapsed, not PRN-only excluded) per `institution|drug`. */
async function activePrescriptionCounts(executor: Executor, institutionIds: string[], now: Date) {
  if (!institutionIds.length) return new Map<string, number>();
  const rows = await executor
    .selectFrom('medication_prescription')
    .select(['institution_id', 'drug_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('institution_id', 'in', institutionIds)
    .where('current', '=', 1)
    .where('status', '=', 'active')
    .where('end_at', '>', now.toISOString())
    .groupBy(['institution_id', 'drug_id'])
    .execute();
  return new Map(rows.map((r) => [`${r.institution_id}|${r.drug_id}`, Number(r.n)]));
}

/** The book balance of drugs in an institution: the sum of their batches (each moved only with a ledger line). */
async function bookBalances(executor: Executor, institutionId: string, drugIds: string[]) {
  const rows = await executor
    .selectFrom('medication_stock_batch')
    .select(['drug_id', (eb) => eb.fn.sum<number>('quantity').as('n')])
    .where('institution_id', '=', institutionId)
    .where('drug_id', 'in', drugIds)
    .groupBy('drug_id')
    .execute();
  return new Map(rows.map((r) => [r.drug_id, Number(r.n)]));
}

function batchView(
  b: MedicationStockBatchTable,
  now: Date,
  timeZone: string,
  warningDays: number,
): StockBatch {
  return {
    id: b.id,
    batchNumber: b.batch_number,
    expiryDate: b.expiry_date,
    quantity: Number(b.quantity),
    supplier: b.supplier,
    reference: b.reference,
    receivedAt: b.received_at,
    expiry: expiryState(b.expiry_date, now, timeZone, warningDays),
  };
}

function taskView(
  t: {
    id: string;
    opened_at: string;
    last_at: string;
    doses: number;
    status: string;
    resolution: string | null;
    note: string | null;
    resolved_by: string | null;
    resolved_at: string | null;
  },
  drug: MedicationDrugTable,
  names: Map<string, string>,
): StockTask {
  return {
    id: t.id,
    drug: drugView(drug),
    openedAt: t.opened_at,
    lastAt: t.last_at,
    doses: Number(t.doses),
    status: t.status as 'open' | 'resolved',
    resolution: (t.resolution as StockTask['resolution']) ?? null,
    note: t.note,
    resolvedBy: t.resolved_by ? (names.get(t.resolved_by) ?? null) : null,
    resolvedAt: t.resolved_at,
  };
}

export type PharmacyService = ReturnType<typeof createPharmacy>;
