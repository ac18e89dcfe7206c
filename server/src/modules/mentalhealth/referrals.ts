import {
  type AssessmentOutcome,
  assessedInTime,
  type MhAssessmentInput,
  newId,
  type ReferralCreateInput,
  type ReferralRow,
  type ReferralSource,
  type ReferralUrgency,
  type ReferralView,
  referralDueAt,
  referralEscalation,
  type TransferLimits,
  type TransferView,
  transferDays,
  transferLimits,
  transferState,
  womenOnlyInterventions,
} from '@custodia/domain';
import { type Executor, inTransaction, type Tx } from '../../platform/db/database.ts';
import { forbidden, notFound, ruleRefused, staleVersion } from '../../platform/errors.ts';
import { once } from '../../platform/http/idempotency.ts';
import { decodeCursor, keysetAfter, toPage } from '../../platform/http/paging.ts';
import type { Caller } from '../identity/index.ts';
import { inScope, type MentalhealthDeps, PAGE_LIMIT, scopeOf } from './context.ts';
import type { MhReferralTable, MhTransferTable } from './tables.ts';

type Viewer = Caller['viewer'];

/**
 * MHS-1: referrals for a psychiatric or psychological assessment, from the admission screening
 * (ADM-9: the clinical module's `mental_health_referral` task, taken into the inbox), any member of
 * staff, the person's own request (MED-5) and an instrument's trigger (MHT-2); the assessment with
 * its outcome, and the transfer to a psychiatric facility (MHS-5). ADR 0043.
 */
export function createReferrals(deps: MentalhealthDeps) {
  const { db, clock, timeZone, audit, registry, identity, screening, terminology, requests } = deps;

  async function personInCustody(tx: Tx, viewer: Viewer, personId: string) {
    const person = await registry.personForViewer(tx, viewer, personId);
    if (person.status !== 'in_custody' || !person.institution_id)
      throw ruleRefused([{ path: 'personId', code: 'not_in_custody' }]);
    if (!inScope(viewer, person.institution_id)) throw forbidden('You do not work there.');
    return { id: person.id, institutionId: person.institution_id };
  }

  /** Inserts a referral (its due time derived from the urgency); the caller audits it. */
  async function insertReferral(
    tx: Executor,
    values: {
      personId: string;
      institutionId: string;
      source: ReferralSource;
      urgency: ReferralUrgency;
      sameDay?: boolean;
      reason: string;
      rule: string | null;
      referredAt: string;
      referredBy: string;
      screeningTaskId?: string | null;
      healthRequestId?: string | null;
      responseId?: string | null;
    },
  ) {
    const id = newId();
    await tx
      .insertInto('mh_referral')
      .values({
        id,
        person_id: values.personId,
        institution_id: values.institutionId,
        source: values.source,
        urgency: values.urgency,
        reason: values.reason,
        rule: values.rule,
        referred_at: values.referredAt,
        due_at: referralDueAt(values.referredAt, values.urgency, timeZone, values.sameDay ?? false),
        referred_by: values.referredBy,
        screening_task_id: values.screeningTaskId ?? null,
        health_request_id: values.healthRequestId ?? null,
        response_id: values.responseId ?? null,
        assessed_at: null,
        version: 1,
      })
      .execute();
    return id;
  }

  /**
   * MHS-5: the transfer limits in force in each institution (its own rule thresholds, else the
   * national ones, else the defaults; ADR 0051): one statement per distinct institution.
   */
  async function transferLimitsOf(executor: Executor, institutionIds: readonly string[]) {
    const limits = new Map<string, TransferLimits>();
    for (const id of new Set(institutionIds)) {
      const values = await screening.thresholdValues(
        executor,
        ['MHS-5.transfer_target_days', 'MHS-5.transfer_escalation_days'],
        id,
      );
      limits.set(id, {
        targetDays: values.get('MHS-5.transfer_target_days') ?? transferLimits.targetDays,
        escalationDays: values.get('MHS-5.transfer_escalation_days') ?? transferLimits.escalationDays,
      });
    }
    return limits;
  }

  function transferView(
    t: MhTransferTable,
    label: { prisonNumber: string; name: string } | undefined,
    now: Date,
    limits: ReadonlyMap<string, TransferLimits>,
  ): TransferView {
    const facts = {
      requestedAt: t.requested_at,
      transferredAt: t.transferred_at,
      cancelledAt: t.cancelled_at,
    };
    return {
      id: t.id,
      personId: t.person_id,
      prisonNumber: label?.prisonNumber ?? '',
      name: label?.name ?? '',
      institutionId: t.institution_id,
      facility: t.facility,
      requestedAt: t.requested_at,
      transferredAt: t.transferred_at,
      cancelledAt: t.cancelled_at,
      state: transferState(facts, now, limits.get(t.institution_id) ?? transferLimits),
      days: transferDays(facts, now),
      version: t.version,
    };
  }

  async function referralRows(executor: Executor, rows: MhReferralTable[]) {
    const labels = await registry.personLabels(
      executor,
      rows.map((r) => r.person_id),
    );
    const outcomes = rows.length
      ? await executor
          .selectFrom('mh_assessment')
          .select(['referral_id', 'outcome'])
          .where(
            'referral_id',
            'in',
            rows.map((r) => r.id),
          )
          .execute()
      : [];
    const outcomeOf = new Map(outcomes.map((o) => [o.referral_id, o.outcome as AssessmentOutcome]));
    const now = clock.now();
    return rows.map(
      (r): ReferralRow => ({
        id: r.id,
        kind: 'referral',
        personId: r.person_id,
        prisonNumber: labels.get(r.person_id)?.prisonNumber ?? '',
        name: labels.get(r.person_id)?.name ?? '',
        institutionId: r.institution_id,
        source: r.source as ReferralSource,
        urgency: r.urgency as ReferralUrgency,
        referredAt: r.referred_at,
        dueAt: r.due_at,
        escalation: referralEscalation(
          { referredAt: r.referred_at, dueAt: r.due_at, assessedAt: r.assessed_at },
          now,
        ),
        assessedAt: r.assessed_at,
        outcome: outcomeOf.get(r.id) ?? null,
      }),
    );
  }

  const service = {
    insertReferral,
    personInCustody,

    /**
     * MHS-1: a referral by any member of staff (an officer too: the answer is its id only), or the
     * person's own confidential request (MED-5) entered by health staff.
     */
    async raise(caller: Caller, input: ReferralCreateInput, key?: string) {
      return inTransaction(db, (tx) =>
        once(
          tx,
          clock,
          { userId: caller.userId, key, scope: 'mentalhealth:referral', body: input },
          async () => {
            const person = await personInCustody(tx, caller.viewer, input.personId);
            if (input.healthRequestId) {
              const owner = await requests.requestOwner(tx, input.healthRequestId);
              if (!owner || owner.personId !== person.id)
                throw ruleRefused([{ path: 'healthRequestId', code: 'request_not_this_person' }]);
            }
            const id = await insertReferral(tx, {
              personId: person.id,
              institutionId: person.institutionId,
              source: input.source,
              urgency: input.urgency,
              reason: input.reason,
              rule: 'MHS-1',
              referredAt: clock.now().toISOString(),
              referredBy: caller.userId,
              healthRequestId: input.healthRequestId ?? null,
            });
            await audit.record(tx, caller.audit, {
              action: 'mentalhealth.referral.raise',
              dataClass: caller.has('mentalhealth.read') ? 'clinical' : 'custodial',
              outcome: 'allowed',
              resourceType: 'mh_referral',
              resourceId: id,
              personId: person.id,
              details: { source: input.source, urgency: input.urgency },
            });
            return { id };
          },
        ),
      );
    },

    /**
     * ADM-9, MHS-1: the screening's referral task taken into the inbox (ADR 0043: the clinical module
     * opens the task; the referral is made here, naming it, and the task is closed once committed).
     */
    async acceptScreeningTask(
      caller: Caller,
      taskId: string,
      input: { urgency: ReferralUrgency; reason: string },
    ) {
      const id = await inTransaction(db, async (tx) => {
        const tasks = await screening.openTasks(
          caller.viewer,
          { kinds: ['mental_health_referral'], limit: 200 },
          tx,
        );
        const task = tasks.find((t) => t.id === taskId);
        if (!task) throw notFound('No such open referral task.');
        const taken = await tx
          .selectFrom('mh_referral')
          .select('id')
          .where('screening_task_id', '=', taskId)
          .executeTakeFirst();
        if (taken) throw ruleRefused([{ path: 'taskId', code: 'already_referred' }]);
        const id = await insertReferral(tx, {
          personId: task.personId,
          institutionId: task.institutionId,
          source: 'screening',
          urgency: input.urgency,
          reason: input.reason,
          rule: 'ADM-9',
          // The referral dates from the screening that raised it.
          referredAt: task.triggeredAt,
          referredBy: caller.userId,
          screeningTaskId: taskId,
        });
        await audit.record(tx, caller.audit, {
          action: 'mentalhealth.referral.accept',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'mh_referral',
          resourceId: id,
          personId: task.personId,
          details: { urgency: input.urgency, taskId },
        });
        return id;
      });
      // The clinical task closes through its own service, once the referral is committed.
      await screening.completeTask(caller.audit, caller.viewer, taskId, null);
      return { id };
    },

    /**
     * MHS-1: the inbox: referrals waiting for assessment by due time (the screening's referral tasks
     * not yet taken in first, on the first page), or all newest first; paged, one audit event.
     */
    async list(
      caller: Caller,
      query: {
        institutionId?: string;
        state: 'waiting' | 'all';
        personId?: string;
        cursor?: string;
        limit?: number;
      },
    ) {
      const limit = Math.min(query.limit ?? PAGE_LIMIT, PAGE_LIMIT);
      const institutions = scopeOf(caller.viewer, query.institutionId);
      return inTransaction(db, async (tx) => {
        let rows: MhReferralTable[] = [];
        if (!institutions || institutions.length) {
          let q = tx
            .selectFrom('mh_referral')
            .selectAll()
            .limit(limit + 1);
          if (institutions) q = q.where('institution_id', 'in', institutions);
          if (query.personId) q = q.where('person_id', '=', query.personId);
          const after = decodeCursor(query.cursor, 2);
          if (query.state === 'waiting') {
            q = q.where('assessed_at', 'is', null).orderBy('due_at').orderBy('id');
            if (after) q = q.where(keysetAfter(['due_at', 'id'], after));
          } else {
            q = q.orderBy('referred_at', 'desc').orderBy('id', 'desc');
            if (after) q = q.where(keysetAfter(['referred_at', 'id'], after, 'desc'));
          }
          rows = await q.execute();
        }
        const page = toPage(
          rows,
          limit,
          (r) => (query.state === 'waiting' ? [r.due_at, r.id] : [r.referred_at, r.id]),
          (r) => r,
        );
        const items = await referralRows(tx, page.items);
        let tasks: ReferralRow[] = [];
        if (query.state === 'waiting' && !query.cursor && !query.personId) {
          const open = await screening.openTasks(
            caller.viewer,
            {
              kinds: ['mental_health_referral'],
              limit: PAGE_LIMIT,
              ...(query.institutionId ? { institutionId: query.institutionId } : {}),
            },
            tx,
          );
          const taken = open.length
            ? new Set(
                (
                  await tx
                    .selectFrom('mh_referral')
                    .select('screening_task_id')
                    .where(
                      'screening_task_id',
                      'in',
                      open.map((t) => t.id),
                    )
                    .execute()
                ).map((r) => r.screening_task_id),
              )
            : new Set();
          const now = clock.now();
          tasks = open
            .filter((t) => !taken.has(t.id))
            .map((t) => ({
              id: t.id,
              kind: 'screening_task' as const,
              personId: t.personId,
              prisonNumber: t.person.prisonNumber,
              name: `${t.person.surnameLatin ?? t.person.surnameCyrillic ?? ''} ${t.person.givenNameLatin ?? t.person.givenNameCyrillic ?? ''}`.trim(),
              institutionId: t.institutionId,
              source: 'screening' as const,
              urgency: null,
              referredAt: t.triggeredAt,
              dueAt: t.dueAt,
              escalation: referralEscalation(
                { referredAt: t.triggeredAt, dueAt: t.dueAt, assessedAt: null },
                now,
              ),
              assessedAt: null,
              outcome: null,
            }));
        }
        await audit.record(tx, caller.audit, {
          action: 'mentalhealth.referral.list',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'mh_referral',
          details: { institutionId: query.institutionId ?? null, count: items.length + tasks.length },
        });
        return { items: [...tasks, ...items], nextCursor: page.nextCursor };
      });
    },

    /** MHS-1: one referral; its assessment only for readers of restricted clinical data (audited). */
    async get(caller: Caller, id: string): Promise<ReferralView> {
      return inTransaction(db, async (tx) => {
        const row = await tx.selectFrom('mh_referral').selectAll().where('id', '=', id).executeTakeFirst();
        if (!row || !inScope(caller.viewer, row.institution_id)) throw notFound('No such referral.');
        const [base] = await referralRows(tx, [row]);
        const a = await tx
          .selectFrom('mh_assessment')
          .selectAll()
          .where('referral_id', '=', id)
          .executeTakeFirst();
        const t = a
          ? await tx
              .selectFrom('mh_transfer')
              .selectAll()
              .where('assessment_id', '=', a.id)
              .executeTakeFirst()
          : undefined;
        const names = await identity.displayNames(tx, [row.referred_by, ...(a ? [a.assessed_by] : [])]);
        const restricted = caller.has('mentalhealth.assess');
        await audit.record(tx, caller.audit, {
          action: 'mentalhealth.referral.read',
          dataClass: restricted && a ? 'restricted_clinical' : 'clinical',
          outcome: 'allowed',
          resourceType: 'mh_referral',
          resourceId: id,
          personId: row.person_id,
        });
        const view: ReferralView = {
          ...(base as ReferralRow),
          reason: row.reason,
          referredBy: names.get(row.referred_by) ?? '',
          rule: row.rule,
          version: row.version,
          transfer: t
            ? transferView(t, base, clock.now(), await transferLimitsOf(tx, [t.institution_id]))
            : null,
        };
        if (restricted)
          view.assessment = a
            ? {
                id: a.id,
                assessedAt: a.assessed_at,
                assessedBy: names.get(a.assessed_by) ?? '',
                history: a.history,
                mentalState: a.mental_state,
                riskFormulation: a.risk_formulation,
                riskLevel: a.risk_level as 'low' | 'moderate' | 'high',
                diagnosisCode: a.diagnosis_code,
                diagnosisText: a.diagnosis_text,
                outcome: a.outcome as AssessmentOutcome,
                carePlan: a.care_plan ? JSON.parse(a.care_plan) : null,
                inTime:
                  assessedInTime({ dueAt: row.due_at, assessedAt: a.assessed_at }, clock.now()) === true,
              }
            : null;
        return view;
      });
    },

    /**
     * MHS-1: the assessment by a psychiatrist or psychologist, once, with its outcome: no further
     * action, a care plan (MHS-2; MHS-9: for a woman, trauma history asked), or a transfer request
     * to a psychiatric facility (MHS-5), whose time to transfer starts now.
     */
    async assess(caller: Caller, id: string, input: MhAssessmentInput, key?: string) {
      // The terminology is read before the transaction (its own connection; SQLite has one).
      const [concept] = input.diagnosisCode
        ? await terminology.search({ q: input.diagnosisCode, limit: 1 })
        : [];
      return inTransaction(db, (tx) =>
        once(
          tx,
          clock,
          { userId: caller.userId, key, scope: `mentalhealth:assess:${id}`, body: input },
          async () => {
            const row = await tx
              .selectFrom('mh_referral')
              .selectAll()
              .where('id', '=', id)
              .executeTakeFirst();
            if (!row || !inScope(caller.viewer, row.institution_id)) throw notFound('No such referral.');
            const now = clock.now();
            const problems: { path: string; code: string }[] = [];
            if (row.assessed_at) problems.push({ path: '', code: 'already_assessed' });
            if (Date.parse(input.assessedAt) > now.getTime() + 60_000)
              problems.push({ path: 'assessedAt', code: 'in_the_future' });
            if (Date.parse(input.assessedAt) < Date.parse(row.referred_at))
              problems.push({ path: 'assessedAt', code: 'before_referral' });
            if (input.outcome === 'care_plan' && !input.carePlan)
              problems.push({ path: 'carePlan', code: 'care_plan_required' });
            if (input.outcome === 'transfer' && !input.transferFacility)
              problems.push({ path: 'transferFacility', code: 'facility_required' });
            const sex = (await registry.personSummaries(tx, [row.person_id])).get(row.person_id)?.sex;
            if (input.carePlan && sex !== 'female' && womenOnlyInterventions.has(input.carePlan.intervention))
              problems.push({ path: 'carePlan.intervention', code: 'women_only' });
            // MHS-9: a woman's care plan is trauma-informed: the template asks her trauma history.
            if (
              input.outcome === 'care_plan' &&
              input.carePlan &&
              sex === 'female' &&
              !input.carePlan.traumaHistoryAsked
            )
              problems.push({ path: 'carePlan.traumaHistoryAsked', code: 'trauma_history_required' });
            let diagnosisText = input.diagnosisText ?? null;
            if (input.diagnosisCode) {
              if (!concept || concept.code !== input.diagnosisCode)
                problems.push({ path: 'diagnosisCode', code: 'icd10_unknown' });
              else diagnosisText = diagnosisText || concept.display;
            }
            if (problems.length) throw ruleRefused(problems);
            const updated = await tx
              .updateTable('mh_referral')
              .set({ assessed_at: input.assessedAt, version: row.version + 1 })
              .where('id', '=', id)
              .where('version', '=', input.version)
              .executeTakeFirst();
            if (Number(updated.numUpdatedRows) !== 1) throw staleVersion('referral');
            const assessmentId = newId();
            await tx
              .insertInto('mh_assessment')
              .values({
                id: assessmentId,
                referral_id: id,
                person_id: row.person_id,
                institution_id: row.institution_id,
                assessed_at: input.assessedAt,
                assessed_by: caller.userId,
                history: input.history,
                mental_state: input.mentalState,
                risk_formulation: input.riskFormulation,
                risk_level: input.riskLevel,
                diagnosis_code: input.diagnosisCode ?? null,
                diagnosis_text: diagnosisText,
                outcome: input.outcome,
                care_plan:
                  input.outcome === 'care_plan' && input.carePlan ? JSON.stringify(input.carePlan) : null,
                recorded_at: now.toISOString(),
              })
              .execute();
            if (input.outcome === 'transfer' && input.transferFacility)
              await tx
                .insertInto('mh_transfer')
                .values({
                  id: newId(),
                  person_id: row.person_id,
                  institution_id: row.institution_id,
                  assessment_id: assessmentId,
                  facility: input.transferFacility,
                  requested_at: input.assessedAt,
                  transferred_at: null,
                  cancelled_at: null,
                  cancel_reason: null,
                  version: 1,
                })
                .execute();
            await audit.record(tx, caller.audit, {
              action: 'mentalhealth.assessment.record',
              dataClass: 'restricted_clinical',
              outcome: 'allowed',
              resourceType: 'mh_assessment',
              resourceId: assessmentId,
              personId: row.person_id,
              details: { outcome: input.outcome, riskLevel: input.riskLevel },
            });
            return { id: assessmentId };
          },
        ),
      );
    },

    /** MHS-5: the transfers waiting (or all), longest waiting first; bounded page. */
    async transfers(caller: Caller, query: { institutionId?: string; state: 'waiting' | 'all' }) {
      const institutions = scopeOf(caller.viewer, query.institutionId);
      return inTransaction(db, async (tx) => {
        let rows: MhTransferTable[] = [];
        if (!institutions || institutions.length) {
          let q = tx.selectFrom('mh_transfer').selectAll().orderBy('requested_at').limit(PAGE_LIMIT);
          if (institutions) q = q.where('institution_id', 'in', institutions);
          if (query.state === 'waiting')
            q = q.where('transferred_at', 'is', null).where('cancelled_at', 'is', null);
          rows = await q.execute();
        }
        const labels = await registry.personLabels(
          tx,
          rows.map((r) => r.person_id),
        );
        await audit.record(tx, caller.audit, {
          action: 'mentalhealth.transfer.list',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'mh_transfer',
          details: { count: rows.length },
        });
        const now = clock.now();
        const limits = await transferLimitsOf(
          tx,
          rows.map((r) => r.institution_id),
        );
        return { items: rows.map((r) => transferView(r, labels.get(r.person_id), now, limits)) };
      });
    },

    /** MHS-5: the transfer done or cancelled (with its reason); stale version 409. */
    async updateTransfer(
      caller: Caller,
      id: string,
      input: {
        version: number;
        action: 'transferred' | 'cancelled';
        at: string;
        reason?: string | null | undefined;
      },
    ) {
      return inTransaction(db, async (tx) => {
        const row = await tx.selectFrom('mh_transfer').selectAll().where('id', '=', id).executeTakeFirst();
        if (!row || !inScope(caller.viewer, row.institution_id)) throw notFound('No such transfer.');
        const problems: { path: string; code: string }[] = [];
        if (row.transferred_at || row.cancelled_at) problems.push({ path: '', code: 'transfer_closed' });
        if (Date.parse(input.at) > clock.now().getTime() + 60_000)
          problems.push({ path: 'at', code: 'in_the_future' });
        if (Date.parse(input.at) < Date.parse(row.requested_at))
          problems.push({ path: 'at', code: 'before_request' });
        if (input.action === 'cancelled' && !input.reason?.trim())
          problems.push({ path: 'reason', code: 'reason_required' });
        if (problems.length) throw ruleRefused(problems);
        const updated = await tx
          .updateTable('mh_transfer')
          .set(
            input.action === 'transferred'
              ? { transferred_at: input.at, version: row.version + 1 }
              : { cancelled_at: input.at, cancel_reason: input.reason ?? null, version: row.version + 1 },
          )
          .where('id', '=', id)
          .where('version', '=', input.version)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) throw staleVersion('transfer');
        await audit.record(tx, caller.audit, {
          action: 'mentalhealth.transfer.update',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'mh_transfer',
          resourceId: id,
          personId: row.person_id,
          details: { action: input.action },
        });
        return { id };
      });
    },

    /** The worklist: referrals waiting and transfers open where the viewer works, bounded. */
    async waiting(viewer: { institutionIds: string[]; national: boolean }) {
      const institutions = viewer.national ? null : viewer.institutionIds;
      if (institutions && !institutions.length) return { referrals: [], transfers: [] };
      let r = db
        .selectFrom('mh_referral')
        .select(['id', 'person_id', 'institution_id', 'urgency', 'referred_at', 'due_at', 'assessed_at'])
        .where('assessed_at', 'is', null)
        .orderBy('due_at')
        .limit(200);
      let t = db
        .selectFrom('mh_transfer')
        .selectAll()
        .where('transferred_at', 'is', null)
        .where('cancelled_at', 'is', null)
        .orderBy('requested_at')
        .limit(100);
      if (institutions) {
        r = r.where('institution_id', 'in', institutions);
        t = t.where('institution_id', 'in', institutions);
      }
      const [referrals, transfers] = await Promise.all([r.execute(), t.execute()]);
      const labels = await registry.personLabels(db, [
        ...referrals.map((x) => x.person_id),
        ...transfers.map((x) => x.person_id),
      ]);
      const now = clock.now();
      const limits = await transferLimitsOf(
        db,
        transfers.map((x) => x.institution_id),
      );
      return {
        referrals: referrals.map((x) => ({ ...x, label: labels.get(x.person_id) })),
        transfers: transfers.map((x) => transferView(x, labels.get(x.person_id), now, limits)),
      };
    },
  };
  return service;
}

export type Referrals = ReturnType<typeof createReferrals>;
