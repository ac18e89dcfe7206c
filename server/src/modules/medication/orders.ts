import {
  calendarDateIn,
  countersignDueAt,
  countersignState,
  defaultRoundTimes,
  type MedicationSettings,
  type MedicationSettingsView,
  newId,
  type OrdersOverview,
  permissionsOf,
  type Reconciliation,
  type ReconciliationInput,
  type RoundName,
  releaseNear,
  renewalDue,
  renewedEnd,
  roundNames,
  type ThresholdId,
  type VerbalOrderDecision,
  type VerbalOrderInput,
  wallTimeToInstant,
} from '@custodia/domain';
import { type Executor, inTransaction, type Tx } from '../../platform/db/database.ts';
import { notFound, ruleRefused, staleVersion } from '../../platform/errors.ts';
import type { Caller, Viewer } from '../identity/index.ts';
import type { CustodyEventNotice } from '../registry/index.ts';
import { type MedicationContext, medicationRules } from './context.ts';
import { createPrescribing, nextVersion } from './prescribe.ts';
import { roundTimesOf } from './round.ts';
import { assertMayPrescribe, feldsherMayPrescribe } from './settings.ts';
import type { MedicationDrugTable, MedicationPrescriptionTable } from './tables.ts';
import { personAccess } from './views.ts';

/** How many lines each list of the orders page and the worklist holds (the oldest first). */
export const ORDERS_LIMIT = 100;

const refuse = (path: string, code: string) => ruleRefused([{ path, code }], medicationRules);

/** The thresholds these use cases read, in one query. */
const limitIds = {
  countersignHours: 'MDX-1.countersign_hours',
  renewalLeadDays: 'MDX-1.renewal_lead_days',
  expiryDays: 'MDX-1.expiry_days',
  releaseLeadDays: 'TRC-6.release_lead_days',
} as const satisfies Record<string, ThresholdId>;
type Limits = Record<keyof typeof limitIds, number>;

/** The institutions a viewer reaches (national: every one). */
export type OrdersScope = Pick<Viewer, 'institutionIds' | 'national'> & { userId: string };

/**
 * Verbal orders and their countersignature, renewals, the institution's settings, reconciliation on
 * arrival and release preparation (issue 15 items 2 and 7; ADR 0045).
 */
export function createOrders(ctx: MedicationContext) {
  const { db, clock, audit, registry, identity, timeZone } = ctx;
  const access = personAccess(registry, audit);
  const prescribing = createPrescribing(ctx);

  async function limits(executor: Executor, institutionId: string): Promise<Limits> {
    const values = await ctx.thresholds(executor, Object.values(limitIds), institutionId);
    return Object.fromEntries(
      (Object.keys(limitIds) as (keyof Limits)[]).map((k) => [k, values.get(limitIds[k]) as number]),
    ) as Limits;
  }

  /** A list's limits: the institution's own when the scope is one institution, else the national ones. */
  const scopeLimits = (institutionIds: string[]) =>
    limits(db, institutionIds.length === 1 ? (institutionIds[0] as string) : '');

  async function scopeOf(scope: Pick<Viewer, 'institutionIds' | 'national'>) {
    return scope.national ? await registry.institutionIds(db) : scope.institutionIds;
  }

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

  const drugLabel = (d: Pick<MedicationDrugTable, 'inn' | 'strength'>) => `${d.inn} ${d.strength}`;
  const doseLabel = (r: Pick<MedicationPrescriptionTable, 'dose' | 'dose_unit' | 'route' | 'frequency'>) =>
    `${Number(r.dose)} ${r.dose_unit} · ${r.route} · ${r.frequency}`;

  /** The end of the institution's calendar day of `at` (a task "due the same day"). */
  function endOfDay(at: Date): string {
    const date = calendarDateIn(at, timeZone);
    return wallTimeToInstant(`${date}T23:59:59`, timeZone) ?? at.toISOString();
  }

  /**
   * TRC-*: an arrival (an admission or a transfer in) opens a reconciliation task for the receiving
   * institution's prescriber, due the same day; leaving (release, transfer out) closes an open one.
   */
  async function onCustodyEvent(tx: Tx, n: CustodyEventNotice) {
    if ((n.type === 'admission' || n.type === 'transfer_in') && n.institutionId) {
      await tx
        .insertInto('medication_reconciliation')
        .values({
          id: newId(),
          person_id: n.personId,
          institution_id: n.institutionId,
          event_id: n.eventId,
          opened_at: n.occurredAt,
          due_at: endOfDay(new Date(n.occurredAt)),
          status: 'open',
          decisions: null,
          completed_by: null,
          completed_at: null,
        })
        .execute();
    } else if (n.type === 'release' || n.type === 'transfer_out' || n.type === 'entered_in_error') {
      let q = tx
        .updateTable('medication_reconciliation')
        .set({ status: 'done', completed_at: n.occurredAt })
        .where('status', '=', 'open');
      q =
        n.type === 'entered_in_error'
          ? q.where('event_id', '=', n.correctsEventId ?? '')
          : q.where('person_id', '=', n.personId);
      await q.execute();
    }
  }
  registry.onCustodyEvent(onCustodyEvent);

  /** The ordering doctor, by username: an active independent prescriber working in the institution. */
  async function ordererId(username: string, institutionId: string): Promise<string> {
    const id = (await identity.userIdsByUsername(db, [username])).get(username);
    if (!id) throw refuse('orderedBy', 'orderer_not_prescriber');
    const user = await identity.getUser(id);
    const allowed =
      user.active &&
      permissionsOf(user.roles).has('medication.prescribe.independent') &&
      (user.institutionIds.length === 0 || user.institutionIds.includes(institutionId));
    if (!allowed) throw refuse('orderedBy', 'orderer_not_prescriber');
    return id;
  }

  /** The people of a list with their name and prison number (one query). */
  async function peopleOf(ids: string[], executor: Executor = db) {
    const labels = await registry.personLabels(executor, ids);
    return (id: string) => ({
      personId: id,
      name: labels.get(id)?.name ?? '',
      prisonNumber: labels.get(id)?.prisonNumber ?? '',
    });
  }

  return {
    /**
     * A nurse records a doctor's verbal (telephone) order: the prescription is active at once, in the
     * doctor's name, and waits for the doctor's countersignature (MDX-1; default 24 h).
     */
    async recordVerbalOrder(caller: Caller, personId: string, input: VerbalOrderInput) {
      const person = await registry.personForViewer(db, caller.viewer, personId);
      if (!person.institution_id) throw refuse('', 'not_in_custody');
      const doctorId = await ordererId(input.orderedBy, person.institution_id);
      return prescribing.prescribe(caller, personId, input.order, {
        prescriberId: doctorId,
        async record(tx, prescriptionId, institutionId) {
          const { countersignHours } = await limits(tx, institutionId);
          const now = clock.now().toISOString();
          await tx
            .insertInto('medication_verbal_order')
            .values({
              id: newId(),
              prescription_id: prescriptionId,
              person_id: personId,
              institution_id: institutionId,
              ordered_by: doctorId,
              recorded_by: caller.userId,
              recorded_at: now,
              due_at: countersignDueAt(now, countersignHours),
              status: 'pending',
              decided_by: null,
              decided_at: null,
              reason: null,
            })
            .execute();
        },
      });
    },

    /**
     * The doctor countersigns the verbal order, or rejects it with a reason (the prescription stops).
     * The named doctor decides; once the deadline has passed (escalated), any doctor of the institution.
     */
    async decideVerbalOrder(caller: Caller, orderId: string, input: VerbalOrderDecision) {
      return inTransaction(db, async (tx) => {
        const order = await tx
          .selectFrom('medication_verbal_order')
          .selectAll()
          .where('id', '=', orderId)
          .executeTakeFirst();
        if (!order) throw notFound('No such verbal order.');
        await access(tx, caller.viewer, caller.audit, order.person_id, {
          action:
            input.decision === 'countersign'
              ? 'medication.verbal_order.countersign'
              : 'medication.verbal_order.reject',
          resourceType: 'medication_verbal_order',
          resourceId: order.id,
        });
        if (order.status !== 'pending') throw refuse('', 'not_pending');
        const now = clock.now();
        const overdue = countersignState(order.due_at, now) === 'overdue';
        const mayDecide =
          order.ordered_by === caller.userId || (overdue && caller.has('medication.prescribe.independent'));
        if (!mayDecide) throw refuse('', 'not_the_orderer');
        if (input.decision === 'reject') {
          const row = await currentRow(tx, order.prescription_id);
          if (row.status !== 'stopped')
            await nextVersion(
              tx,
              clock,
              row,
              row.version,
              {
                action: 'stop',
                status: 'stopped',
                status_since: now.toISOString(),
                status_reason: input.reason ?? null,
              },
              caller.userId,
            );
        }
        await tx
          .updateTable('medication_verbal_order')
          .set({
            status: input.decision === 'countersign' ? 'countersigned' : 'rejected',
            decided_by: caller.userId,
            decided_at: now.toISOString(),
            reason: input.reason ?? null,
          })
          .where('id', '=', order.id)
          .where('status', '=', 'pending')
          .execute();
        return { ok: true as const };
      });
    },

    /** One-click renewal (MDX-1): a new version ending `MDX-1.expiry_days` from now. */
    async renew(caller: Caller, prescriptionId: string, input: { version: number }) {
      return inTransaction(db, async (tx) => {
        const row = await currentRow(tx, prescriptionId);
        await access(tx, caller.viewer, caller.audit, row.person_id, {
          action: 'medication.prescription.renew',
          resourceType: 'medication_prescription',
          resourceId: prescriptionId,
        });
        if (row.version !== input.version) throw staleVersion('prescription');
        await assertMayPrescribe(tx, caller, row.institution_id);
        if (row.status === 'stopped') throw refuse('', 'already_stopped');
        const l = await limits(tx, row.institution_id);
        const now = clock.now();
        if (!renewalDue(row.end_at, now, l.renewalLeadDays)) throw refuse('', 'not_due_for_renewal');
        return nextVersion(
          tx,
          clock,
          row,
          input.version,
          { action: 'renew', end_at: renewedEnd(now, l.expiryDays), status_reason: null },
          caller.userId,
        );
      });
    },

    /**
     * The prescriber's orders page: verbal orders to countersign (theirs, and any overdue in their
     * institutions), prescriptions to renew, reconciliations to do, releases to prepare. Audited once.
     */
    async overview(caller: Caller): Promise<OrdersOverview> {
      const institutionIds = await scopeOf(caller.viewer);
      const lists = await this.worklists(caller.viewer, caller.userId);
      await inTransaction(db, (tx) =>
        audit.record(tx, caller.audit, {
          action: 'medication.orders.read',
          dataClass: 'clinical',
          outcome: 'allowed',
          purpose: 'normal',
          resourceType: 'medication_orders',
          resourceId: institutionIds.length === 1 ? (institutionIds[0] as string) : null,
        }),
      );
      return lists;
    },

    /** The four lists of the orders page and the worklist, each bounded, in a handful of queries. */
    async worklists(
      scope: Pick<Viewer, 'institutionIds' | 'national'>,
      userId: string,
    ): Promise<OrdersOverview> {
      const institutionIds = await scopeOf(scope);
      if (!institutionIds.length)
        return {
          countersignatures: [],
          renewals: [],
          reconciliations: [],
          releases: [],
          possessionReviews: [],
        };
      const now = clock.now();
      const l = await scopeLimits(institutionIds);
      const verbal = await db
        .selectFrom('medication_verbal_order as v')
        .innerJoin('medication_prescription as p', (j) =>
          j.onRef('p.prescription_id', '=', 'v.prescription_id').on('p.current', '=', 1),
        )
        .innerJoin('medication_drug as d', 'd.id', 'p.drug_id')
        .select([
          'v.id',
          'v.prescription_id',
          'v.person_id',
          'v.ordered_by',
          'v.recorded_by',
          'v.recorded_at',
          'v.due_at',
          'd.inn',
          'd.strength',
          'p.dose',
          'p.dose_unit',
          'p.route',
          'p.frequency',
        ])
        .where('v.status', '=', 'pending')
        .where('v.institution_id', 'in', institutionIds)
        .where((eb) => eb.or([eb('v.ordered_by', '=', userId), eb('v.due_at', '<=', now.toISOString())]))
        .orderBy('v.due_at')
        .limit(ORDERS_LIMIT)
        .execute();
      const horizon = new Date(now.getTime() + l.renewalLeadDays * 86_400_000).toISOString();
      const renewals = await db
        .selectFrom('medication_prescription as p')
        .innerJoin('medication_drug as d', 'd.id', 'p.drug_id')
        .select(['p.prescription_id', 'p.version', 'p.person_id', 'p.end_at', 'd.inn', 'd.strength'])
        .where('p.current', '=', 1)
        .where('p.status', '!=', 'stopped')
        .where('p.institution_id', 'in', institutionIds)
        .where('p.end_at', '<=', horizon)
        .orderBy('p.end_at')
        .limit(ORDERS_LIMIT)
        .execute();
      const reconciliations = await db
        .selectFrom('medication_reconciliation')
        .select(['id', 'person_id', 'opened_at', 'due_at'])
        .where('status', '=', 'open')
        .where('institution_id', 'in', institutionIds)
        .orderBy('due_at')
        .limit(ORDERS_LIMIT)
        .execute();
      const today = calendarDateIn(now, timeZone);
      // TRC-6 (ADR 0055): the registry's planned release dates are the only ones; medication keeps the
      // letter prepared and the date it was prepared for.
      const releases = (
        await registry.plannedReleases(db, {
          institutionIds,
          from: today,
          to: new Date(Date.parse(`${today}T00:00:00Z`) + l.releaseLeadDays * 86_400_000)
            .toISOString()
            .slice(0, 10),
        })
      )
        .filter((r) => releaseNear(r.plannedReleaseDate, today, l.releaseLeadDays))
        .slice(0, ORDERS_LIMIT);
      const letters = releases.length
        ? new Map(
            (
              await db
                .selectFrom('medication_release_preparation')
                .select(['person_id', 'release_on', 'letter_at'])
                .where(
                  'person_id',
                  'in',
                  releases.map((r) => r.personId),
                )
                .execute()
            ).map((p) => [p.person_id, p]),
          )
        : new Map<string, { release_on: string; letter_at: string }>();
      // MDX-5: an in-possession supply's risk assessment is reviewed on its date (a revision sets the next).
      const reviews = await db
        .selectFrom('medication_prescription as p')
        .innerJoin('medication_drug as d', 'd.id', 'p.drug_id')
        .select(['p.prescription_id', 'p.person_id', 'p.review_date', 'd.inn', 'd.strength'])
        .where('p.current', '=', 1)
        .where('p.status', '=', 'active')
        .where('p.delivery', '=', 'in_possession')
        .where('p.institution_id', 'in', institutionIds)
        .where('p.review_date', '<=', today)
        .orderBy('p.review_date')
        .limit(ORDERS_LIMIT)
        .execute();
      const person = await peopleOf([
        ...verbal.map((v) => v.person_id),
        ...renewals.map((r) => r.person_id),
        ...reconciliations.map((r) => r.person_id),
        ...releases.map((r) => r.personId),
        ...reviews.map((r) => r.person_id),
      ]);
      const names = await identity.displayNames(db, [
        ...verbal.map((v) => v.ordered_by),
        ...verbal.map((v) => v.recorded_by),
      ]);
      return {
        countersignatures: verbal.map((v) => ({
          ...person(v.person_id),
          id: v.id,
          prescriptionId: v.prescription_id,
          drug: drugLabel(v),
          dose: doseLabel(v),
          orderedBy: names.get(v.ordered_by) ?? '',
          recordedBy: names.get(v.recorded_by) ?? '',
          recordedAt: v.recorded_at,
          dueAt: v.due_at,
          overdue: countersignState(v.due_at, now) === 'overdue',
          mine: v.ordered_by === userId,
        })),
        renewals: renewals.map((r) => ({
          ...person(r.person_id),
          prescriptionId: r.prescription_id,
          version: r.version,
          drug: drugLabel(r),
          endAt: r.end_at,
          expired: Date.parse(r.end_at) <= now.getTime(),
        })),
        reconciliations: reconciliations.map((r) => ({
          ...person(r.person_id),
          id: r.id,
          openedAt: r.opened_at,
          dueAt: r.due_at,
          overdue: Date.parse(r.due_at) <= now.getTime(),
        })),
        releases: releases.map((r) => {
          const letter = letters.get(r.personId);
          return {
            ...person(r.personId),
            plannedOn: r.plannedReleaseDate,
            letterAt: letter?.letter_at ?? null,
            letterFor: letter?.release_on ?? null,
            letterOutdated: Boolean(letter && letter.release_on !== r.plannedReleaseDate),
          };
        }),
        possessionReviews: reviews.map((r) => ({
          ...person(r.person_id),
          prescriptionId: r.prescription_id,
          drug: drugLabel(r),
          reviewDate: r.review_date ?? today,
          overdue: (r.review_date ?? today) < today,
        })),
      };
    },

    /** The verbal orders past their deadline in an institution set: the escalation line (health managers). */
    async overdueVerbalOrders(scope: Pick<Viewer, 'institutionIds' | 'national'>) {
      const institutionIds = await scopeOf(scope);
      if (!institutionIds.length) return [];
      return db
        .selectFrom('medication_verbal_order')
        .select([
          'institution_id',
          (eb) => eb.fn.countAll<number>().as('n'),
          (eb) => eb.fn.min('due_at').as('since'),
        ])
        .where('status', '=', 'pending')
        .where('institution_id', 'in', institutionIds)
        .where('due_at', '<=', clock.now().toISOString())
        .groupBy('institution_id')
        .limit(ORDERS_LIMIT)
        .execute();
    },

    /** A reconciliation task with the person's prescriptions not stopped (audited: a clinical read). */
    async reconciliation(caller: Caller, id: string): Promise<Reconciliation> {
      return inTransaction(db, async (tx) => {
        const row = await tx
          .selectFrom('medication_reconciliation')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirst();
        if (!row) throw notFound('No such reconciliation.');
        await access(tx, caller.viewer, caller.audit, row.person_id, {
          action: 'medication.reconciliation.read',
          resourceType: 'medication_reconciliation',
          resourceId: id,
        });
        const prescriptions = await tx
          .selectFrom('medication_prescription as p')
          .innerJoin('medication_drug as d', 'd.id', 'p.drug_id')
          .select([
            'p.prescription_id',
            'p.version',
            'p.dose',
            'p.dose_unit',
            'p.route',
            'p.frequency',
            'p.delivery',
            'p.status',
            'p.end_at',
            'd.inn',
            'd.strength',
          ])
          .where('p.person_id', '=', row.person_id)
          .where('p.current', '=', 1)
          .where('p.status', '!=', 'stopped')
          .orderBy('p.created_at')
          .limit(ORDERS_LIMIT)
          .execute();
        const person = await peopleOf([row.person_id], tx);
        return {
          id: row.id,
          personId: row.person_id,
          name: person(row.person_id).name,
          institutionId: row.institution_id,
          openedAt: row.opened_at,
          dueAt: row.due_at,
          status: row.status === 'open' ? 'open' : 'done',
          prescriptions: prescriptions.map((p) => ({
            prescriptionId: p.prescription_id,
            version: p.version,
            drug: drugLabel(p),
            dose: doseLabel(p),
            delivery: p.delivery,
            status: p.status,
            endAt: p.end_at,
          })),
        };
      });
    },

    /**
     * Completes a reconciliation: every prior prescription continued (a new version in the receiving
     * institution) or stopped with a reason. A change is a revision made before completing.
     */
    async reconcile(caller: Caller, id: string, input: ReconciliationInput) {
      return inTransaction(db, async (tx) => {
        const row = await tx
          .selectFrom('medication_reconciliation')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirst();
        if (!row) throw notFound('No such reconciliation.');
        await access(tx, caller.viewer, caller.audit, row.person_id, {
          action: 'medication.reconciliation.complete',
          resourceType: 'medication_reconciliation',
          resourceId: id,
        });
        if (row.status !== 'open') throw refuse('', 'reconciliation_done');
        await assertMayPrescribe(tx, caller, row.institution_id);
        const current = await tx
          .selectFrom('medication_prescription')
          .selectAll()
          .where('person_id', '=', row.person_id)
          .where('current', '=', 1)
          .where('status', '!=', 'stopped')
          .limit(ORDERS_LIMIT)
          .execute();
        const decided = new Map(input.decisions.map((d) => [d.prescriptionId, d]));
        const problems = current.flatMap((p, i) => {
          const d = decided.get(p.prescription_id);
          if (!d) return [{ path: `decisions.${i}`, code: 'decision_missing' }];
          if (d.action === 'stop' && !d.reason)
            return [{ path: `decisions.${i}.reason`, code: 'reason_required' }];
          return [];
        });
        if (problems.length) throw ruleRefused(problems, medicationRules);
        const now = clock.now().toISOString();
        for (const p of current) {
          const d = decided.get(p.prescription_id);
          if (!d) continue;
          await nextVersion(
            tx,
            clock,
            p,
            d.version,
            d.action === 'continue'
              ? { action: 'reconcile', institution_id: row.institution_id, status_reason: d.reason ?? null }
              : { action: 'stop', status: 'stopped', status_since: now, status_reason: d.reason ?? null },
            caller.userId,
          );
        }
        await tx
          .updateTable('medication_reconciliation')
          .set({
            status: 'done',
            decisions: JSON.stringify(input.decisions),
            completed_by: caller.userId,
            completed_at: now,
          })
          .where('id', '=', id)
          .execute();
        return { ok: true as const };
      });
    },

    /** The institution's medication settings: round times, feldsher prescribing, drug flags, countersignature time. */
    async settings(caller: Caller, institutionId: string): Promise<MedicationSettingsView> {
      if (!caller.viewer.national && !caller.viewer.institutionIds.includes(institutionId))
        throw notFound('No such institution.');
      const [roundTimes, feldsher, flags, l] = await Promise.all([
        roundTimesOf(db, institutionId),
        feldsherMayPrescribe(db, institutionId),
        db
          .selectFrom('medication_drug_flag')
          .selectAll()
          .where('institution_id', '=', institutionId)
          .orderBy('drug_id')
          .limit(200)
          .execute(),
        limits(db, institutionId),
      ]);
      return {
        institutionId,
        feldsherMayPrescribe: feldsher,
        roundTimes,
        drugFlags: flags.map((f) => ({
          drugId: f.drug_id,
          highRisk: f.high_risk === 1,
          programme: f.programme as MedicationSettings['drugFlags'][number]['programme'],
          supervisedOnly: f.supervised_only === 1,
        })),
        countersignHours: l.countersignHours,
      };
    },

    /** Changes an institution's settings (health manager, system administrator), audited. */
    async saveSettings(caller: Caller, institutionId: string, input: MedicationSettings) {
      if (!caller.viewer.national && !caller.viewer.institutionIds.includes(institutionId))
        throw notFound('No such institution.');
      if (!(await registry.institutionIds(db)).includes(institutionId))
        throw notFound('No such institution.');
      const drugIds = [...new Set(input.drugFlags.map((f) => f.drugId))];
      const known = drugIds.length
        ? new Set(
            (await db.selectFrom('medication_drug').select('id').where('id', 'in', drugIds).execute()).map(
              (d) => d.id,
            ),
          )
        : new Set<string>();
      const unknown = input.drugFlags.findIndex((f) => !known.has(f.drugId));
      if (unknown >= 0) throw refuse(`drugFlags.${unknown}.drugId`, 'unknown_drug');
      return inTransaction(db, async (tx) => {
        const now = clock.now().toISOString();
        await tx
          .insertInto('medication_institution_setting')
          .values({
            institution_id: institutionId,
            feldsher_may_prescribe: input.feldsherMayPrescribe ? 1 : 0,
            updated_by: caller.userId,
            updated_at: now,
          })
          .onConflict((oc) =>
            oc.column('institution_id').doUpdateSet({
              feldsher_may_prescribe: input.feldsherMayPrescribe ? 1 : 0,
              updated_by: caller.userId,
              updated_at: now,
            }),
          )
          .execute();
        await tx.deleteFrom('medication_round_time').where('institution_id', '=', institutionId).execute();
        const own = roundNames.filter((r) => input.roundTimes[r] !== defaultRoundTimes[r as RoundName]);
        if (own.length)
          await tx
            .insertInto('medication_round_time')
            .values(
              own.map((r) => ({ institution_id: institutionId, round: r, time_of_day: input.roundTimes[r] })),
            )
            .execute();
        await tx.deleteFrom('medication_drug_flag').where('institution_id', '=', institutionId).execute();
        if (input.drugFlags.length)
          await tx
            .insertInto('medication_drug_flag')
            .values(
              [...new Map(input.drugFlags.map((f) => [f.drugId, f])).values()].map((f) => ({
                institution_id: institutionId,
                drug_id: f.drugId,
                high_risk: f.highRisk ? 1 : 0,
                programme: f.programme,
                supervised_only: f.supervisedOnly ? 1 : 0,
              })),
            )
            .execute();
        await audit.record(tx, caller.audit, {
          action: 'medication.settings.update',
          dataClass: 'administrative',
          outcome: 'allowed',
          purpose: 'normal',
          resourceType: 'medication_settings',
          resourceId: institutionId,
          details: {
            feldsherMayPrescribe: input.feldsherMayPrescribe,
            drugFlags: input.drugFlags.length,
          },
        });
        return { ok: true as const };
      });
    },

    /**
     * TRC-4 (ADR 0055): records that the letter was prepared, and for which release date (the
     * registry's, or none when the registry has none): a later change of the date shows it must be redone.
     */
    async letterPrepared(tx: Tx, personId: string, releaseOn: string | null, userId: string) {
      if (!releaseOn) return;
      const values = { release_on: releaseOn, letter_at: clock.now().toISOString(), letter_by: userId };
      await tx
        .insertInto('medication_release_preparation')
        .values({ person_id: personId, ...values })
        .onConflict((oc) => oc.column('person_id').doUpdateSet(values))
        .execute();
    },
  };
}

export type MedicationOrders = ReturnType<typeof createOrders>;
