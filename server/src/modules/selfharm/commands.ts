import {
  type ActionDoneInput,
  type AssessmentInput,
  type BadNewsInput,
  badNewsPromptFor,
  type CheckInput,
  type ConcernInput,
  checkProblems,
  checkState,
  type IncidentInput,
  newId,
  type PlanProblem,
  type PlanReviewInput,
  type PostClosureReviewInput,
  type PostIncidentReviewInput,
  postClosureDueAt,
  reviewInputProblems,
  whenProblems,
} from '@custodia/domain';
import { afterCommit, inTransaction, type Tx } from '../../platform/db/database.ts';
import { notFound, ruleRefused, staleVersion } from '../../platform/errors.ts';
import { once } from '../../platform/http/idempotency.ts';
import type { Caller } from '../identity/index.ts';
import {
  careMapOf,
  factsOf,
  inScope,
  insertPrompt,
  planInScope,
  type SelfharmDeps,
  type StoredCareMap,
} from './context.ts';
import { selfharmRepository as repo } from './repository.ts';
import type { SelfharmPlanTable } from './tables.ts';

const refuse = (problems: PlanProblem[]) => {
  if (problems.length) throw ruleRefused(problems);
};

/** The commands of a care plan (SSH-1, MHS-3, MHS-8): each one transaction with its audit record. */
export function createSelfharmCommands(deps: SelfharmDeps) {
  const { db, clock, audit, registry, live } = deps;

  /** Tells every replica's ward check list of the institution to refresh, once committed. */
  const changed = (tx: Tx, institutionId: string) =>
    afterCommit(tx, () => void live.publish(institutionId).catch(() => {}));

  /** Writes the plan's new state if nobody changed it meanwhile (409 otherwise). */
  async function update(tx: Tx, row: SelfharmPlanTable, set: Partial<SelfharmPlanTable>) {
    const result = await tx
      .updateTable('selfharm_plan')
      .set({ ...set, version: row.version + 1 })
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw staleVersion('care plan');
    return row.version + 1;
  }

  async function openConcern(tx: Tx, caller: Caller, personId: string, input: ConcernInput, now: Date) {
    const person = await registry.personForViewer(tx, caller.viewer, personId);
    const raisedAt = input.raisedAt ?? now.toISOString();
    const problems = whenProblems(raisedAt, 'raisedAt', now);
    if (person.status !== 'in_custody' || !person.institution_id)
      problems.push({ path: '', code: 'not_in_custody' });
    refuse(problems);
    const institutionId = person.institution_id as string;
    if (!inScope(caller.viewer, institutionId)) throw notFound('No such person.');
    const id = newId();
    await tx
      .insertInto('selfharm_plan')
      .values({
        id,
        person_id: personId,
        institution_id: institutionId,
        context: input.context,
        seen_or_heard: input.seenOrHeard,
        immediate_action: input.immediateAction,
        raised_at: raisedAt,
        raised_by: caller.userId,
        recorded_at: now.toISOString(),
        assessed_at: null,
        assessed_by: null,
        assessment: null,
        working_diagnosis: null,
        first_review_at: null,
        risk_level: null,
        mode: null,
        interval_minutes: null,
        observer_name: null,
        conversations_per_day: null,
        observation_since: null,
        care_map: null,
        next_review_at: null,
        last_check_at: null,
        closed_at: null,
        post_closure_due_at: null,
        post_closure_done_at: null,
        post_closure_outcome: null,
        post_closure_note: null,
        version: 1,
      })
      .execute();
    await audit.record(tx, caller.audit, {
      action: 'selfharm.concern.raise',
      dataClass: 'custodial',
      outcome: 'allowed',
      resourceType: 'selfharm_plan',
      resourceId: id,
      personId,
      details: { context: input.context },
    });
    changed(tx, institutionId);
    return id;
  }

  async function planFor(tx: Tx, caller: Caller, id: string) {
    return planInScope(await repo.plan(tx, id), caller.viewer);
  }

  return {
    /**
     * SSH-1: any staff member raises a concern in one screen — what was seen or heard and the
     * immediate action taken the same shift. The plan opens; the assessment and the first review
     * fall due within 24 h.
     */
    async raiseConcern(caller: Caller, personId: string, input: ConcernInput) {
      return inTransaction(db, async (tx) => ({
        id: await openConcern(tx, caller, personId, input, clock.now()),
      }));
    },

    /** SSH-1: the assessment interview (clinical, restricted to health roles), within 24 h. */
    async recordAssessment(caller: Caller, id: string, input: AssessmentInput & { version: number }) {
      return inTransaction(db, async (tx) => {
        const row = await planFor(tx, caller, id);
        const now = clock.now();
        const problems = whenProblems(input.assessedAt, 'assessedAt', now);
        if (row.closed_at) problems.push({ path: '', code: 'plan_closed' });
        else if (row.assessed_at) problems.push({ path: '', code: 'already_assessed' });
        if (input.assessedAt < row.raised_at) problems.push({ path: 'assessedAt', code: 'before_concern' });
        refuse(problems);
        if (row.version !== input.version) throw staleVersion('care plan');
        const version = await update(tx, row, {
          assessed_at: input.assessedAt,
          assessed_by: caller.userId,
          assessment: input.narrative,
          working_diagnosis: input.workingDiagnosis?.trim() || null,
        });
        await audit.record(tx, caller.audit, {
          action: 'selfharm.assessment.record',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'selfharm_plan',
          resourceId: id,
          personId: row.person_id,
        });
        return { id, version };
      });
    },

    /**
     * SSH-1, MHS-3: a multidisciplinary review (the first within 24 h): the risk level, the
     * observation, the care map, the next review — or closure, which only a review does; the
     * post-closure review then falls due (7 days).
     */
    async recordReview(caller: Caller, id: string, input: PlanReviewInput) {
      return inTransaction(db, async (tx) => {
        const row = await planFor(tx, caller, id);
        const now = clock.now();
        const problems = reviewInputProblems(input, now);
        if (row.closed_at) problems.push({ path: '', code: 'plan_closed' });
        else if (!row.assessed_at) problems.push({ path: '', code: 'assessment_required' });
        if (input.reviewedAt < row.raised_at) problems.push({ path: 'reviewedAt', code: 'before_concern' });
        refuse(problems);
        if (row.version !== input.version) throw staleVersion('care plan');
        const closing = input.decision === 'close';
        const earlier = careMapOf(row);
        const careMap: StoredCareMap = {
          triggers: input.careMap.triggers,
          protective: input.careMap.protective,
          actions: [
            ...earlier.actions.filter((a) => a.source === 'post_incident'),
            ...input.careMap.actions.map((a) => ({ ...a, doneAt: null, source: 'review' as const })),
          ],
        };
        const sameObservation =
          row.mode === input.mode && row.interval_minutes === input.intervalMinutes && row.observation_since;
        const reviewId = newId();
        await tx
          .insertInto('selfharm_review')
          .values({
            id: reviewId,
            plan_id: id,
            reviewed_at: input.reviewedAt,
            first: row.first_review_at ? 0 : 1,
            participants: JSON.stringify(input.participants),
            decision: input.decision,
            risk_level: input.riskLevel,
            mode: input.mode,
            interval_minutes: input.intervalMinutes,
            observer_name: input.mode === 'constant' ? (input.observerName?.trim() ?? null) : null,
            exception_reason: input.intervalMinutes > 15 ? (input.exceptionReason?.trim() ?? null) : null,
            conversations_per_day: input.conversationsPerDay,
            care_map: JSON.stringify(careMap),
            next_review_at: closing ? null : (input.nextReviewAt ?? null),
            note: input.note?.trim() || null,
            recorded_by: caller.userId,
            recorded_at: now.toISOString(),
          })
          .execute();
        const version = await update(tx, row, {
          first_review_at: row.first_review_at ?? input.reviewedAt,
          risk_level: input.riskLevel,
          mode: input.mode,
          interval_minutes: input.intervalMinutes,
          observer_name: input.mode === 'constant' ? (input.observerName?.trim() ?? null) : null,
          conversations_per_day: input.conversationsPerDay,
          // MHS-3: a new observation counts its first check from the review that set it.
          observation_since: sameObservation ? row.observation_since : input.reviewedAt,
          care_map: JSON.stringify(careMap),
          next_review_at: closing ? null : (input.nextReviewAt ?? null),
          closed_at: closing ? input.reviewedAt : null,
          post_closure_due_at: closing ? postClosureDueAt(input.reviewedAt) : null,
        });
        await audit.record(tx, caller.audit, {
          action: 'selfharm.review.record',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'selfharm_plan',
          resourceId: id,
          personId: row.person_id,
          details: { decision: input.decision, first: !row.first_review_at },
        });
        changed(tx, row.institution_id);
        return { id: reviewId, version };
      });
    },

    /**
     * SSH-1, MHS-3: a check from the ward list: when, what was seen, whether there was a
     * conversation. Refused for a closed plan, before the observation, in the future. A check that
     * comes after the one due is kept as late (a missed check in the report). Idempotent by key.
     */
    async recordCheck(caller: Caller, id: string, input: CheckInput, key?: string) {
      return inTransaction(db, async (tx) =>
        once(
          tx,
          clock,
          { userId: caller.userId, key, scope: `selfharm.check:${id}`, body: input },
          async () => {
            const row = await planFor(tx, caller, id);
            const now = clock.now();
            const checkedAt = input.checkedAt ?? now.toISOString();
            const facts = factsOf(row);
            refuse(checkProblems(facts, checkedAt, now));
            const due = checkState(facts, new Date(checkedAt));
            const checkId = newId();
            await tx
              .insertInto('selfharm_check')
              .values({
                id: checkId,
                plan_id: id,
                institution_id: row.institution_id,
                checked_at: checkedAt,
                seen: input.seen,
                conversation: input.conversation ? 1 : 0,
                late: due && due.status !== 'ok' ? 1 : 0,
                recorded_by: caller.userId,
                recorded_at: now.toISOString(),
              })
              .execute();
            await tx
              .updateTable('selfharm_plan')
              .set({ last_check_at: checkedAt })
              .where('id', '=', id)
              .where((eb) => eb.or([eb('last_check_at', 'is', null), eb('last_check_at', '<', checkedAt)]))
              .execute();
            await audit.record(tx, caller.audit, {
              action: 'selfharm.check.record',
              dataClass: 'health_alert',
              outcome: 'allowed',
              resourceType: 'selfharm_plan',
              resourceId: id,
              personId: row.person_id,
            });
            changed(tx, row.institution_id);
            return { id: checkId };
          },
        ),
      );
    },

    /** MHS-8: serious self-harm or an attempted suicide on the plan; its post-incident review falls due. */
    async recordIncident(caller: Caller, id: string, input: IncidentInput) {
      return inTransaction(db, async (tx) => {
        const row = await planFor(tx, caller, id);
        const now = clock.now();
        refuse(whenProblems(input.occurredAt, 'occurredAt', now));
        const incidentId = newId();
        await tx
          .insertInto('selfharm_incident')
          .values({
            id: incidentId,
            plan_id: id,
            kind: input.kind,
            occurred_at: input.occurredAt,
            description: input.description,
            recorded_by: caller.userId,
            recorded_at: now.toISOString(),
            reviewed_at: null,
            findings: null,
            reviewed_by: null,
          })
          .execute();
        await audit.record(tx, caller.audit, {
          action: 'selfharm.incident.record',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'selfharm_plan',
          resourceId: id,
          personId: row.person_id,
          details: { kind: input.kind },
        });
        return { id: incidentId };
      });
    },

    /** MHS-8: the post-incident review; its recommendations join the care map as actions. */
    async recordPostIncidentReview(caller: Caller, incidentId: string, input: PostIncidentReviewInput) {
      return inTransaction(db, async (tx) => {
        const incident = await tx
          .selectFrom('selfharm_incident')
          .selectAll()
          .where('id', '=', incidentId)
          .executeTakeFirst();
        if (!incident) throw notFound('No such incident.');
        const row = await planFor(tx, caller, incident.plan_id);
        const now = clock.now();
        const problems = whenProblems(input.reviewedAt, 'reviewedAt', now);
        if (incident.reviewed_at) problems.push({ path: '', code: 'already_reviewed' });
        if (input.reviewedAt < incident.occurred_at)
          problems.push({ path: 'reviewedAt', code: 'before_incident' });
        refuse(problems);
        await tx
          .updateTable('selfharm_incident')
          .set({ reviewed_at: input.reviewedAt, findings: input.findings, reviewed_by: caller.userId })
          .where('id', '=', incidentId)
          .where('reviewed_at', 'is', null)
          .execute();
        const map = careMapOf(row);
        map.actions.push(
          ...input.recommendations.map((r) => ({ ...r, doneAt: null, source: 'post_incident' as const })),
        );
        const version = await update(tx, row, { care_map: JSON.stringify(map) });
        await audit.record(tx, caller.audit, {
          action: 'selfharm.post_incident.record',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'selfharm_plan',
          resourceId: row.id,
          personId: row.person_id,
          details: { recommendations: input.recommendations.length },
        });
        return { id: incidentId, version };
      });
    },

    /**
     * SSH-1: the post-closure review. `reopen` opens a new plan at once (its concern is the review's
     * note), awaiting assessment like any other.
     */
    async recordPostClosureReview(caller: Caller, id: string, input: PostClosureReviewInput) {
      return inTransaction(db, async (tx) => {
        const row = await planFor(tx, caller, id);
        const now = clock.now();
        const problems = whenProblems(input.reviewedAt, 'reviewedAt', now);
        if (!row.closed_at) problems.push({ path: '', code: 'plan_not_closed' });
        else if (row.post_closure_done_at) problems.push({ path: '', code: 'post_closure_done' });
        else if (input.reviewedAt < row.closed_at)
          problems.push({ path: 'reviewedAt', code: 'before_closure' });
        if (input.outcome === 'reopen' && (input.note ?? '').trim().length < 3)
          problems.push({ path: 'note', code: 'note_required' });
        refuse(problems);
        await update(tx, row, {
          post_closure_done_at: input.reviewedAt,
          post_closure_outcome: input.outcome,
          post_closure_note: input.note?.trim() || null,
        });
        await audit.record(tx, caller.audit, {
          action: 'selfharm.post_closure.record',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'selfharm_plan',
          resourceId: id,
          personId: row.person_id,
          details: { outcome: input.outcome },
        });
        if (input.outcome !== 'reopen') return { id };
        const reopened = await openConcern(
          tx,
          caller,
          row.person_id,
          {
            context: 'other',
            seenOrHeard: (input.note ?? '').trim(),
            immediateAction: (input.note ?? '').trim(),
            raisedAt: now.toISOString(),
          },
          now,
        );
        return { id: reopened };
      });
    },

    /** A care-map action (from a review or a post-incident review, MHS-8) marked done, once. */
    async actionDone(caller: Caller, id: string, input: ActionDoneInput) {
      return inTransaction(db, async (tx) => {
        const row = await planFor(tx, caller, id);
        const map = careMapOf(row);
        const action = map.actions[input.index];
        if (!action) refuse([{ path: 'index', code: 'no_such_action' }]);
        else if (action.doneAt) refuse([{ path: 'index', code: 'action_done' }]);
        if (row.version !== input.version) throw staleVersion('care plan');
        (action as { doneAt: string | null }).doneAt = clock.now().toISOString();
        const version = await update(tx, row, { care_map: JSON.stringify(map) });
        await audit.record(tx, caller.audit, {
          action: 'selfharm.action.done',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'selfharm_plan',
          resourceId: id,
          personId: row.person_id,
          details: { source: action?.source ?? null },
        });
        return { id, version };
      });
    },

    /** MHS-4: a re-screening prompt done (the screening itself is recorded where it is done). */
    async promptDone(caller: Caller, promptId: string) {
      return inTransaction(db, async (tx) => {
        const prompt = await tx
          .selectFrom('selfharm_prompt')
          .selectAll()
          .where('id', '=', promptId)
          .executeTakeFirst();
        if (!prompt || !inScope(caller.viewer, prompt.institution_id)) throw notFound('No such prompt.');
        if (prompt.done_at) refuse([{ path: '', code: 'prompt_done' }]);
        await tx
          .updateTable('selfharm_prompt')
          .set({ done_at: clock.now().toISOString(), done_by: caller.userId })
          .where('id', '=', promptId)
          .execute();
        await audit.record(tx, caller.audit, {
          action: 'selfharm.prompt.done',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'selfharm_prompt',
          resourceId: promptId,
          personId: prompt.person_id,
        });
        return { id: promptId };
      });
    },

    /**
     * MHS-4: a high-risk moment leaves a re-screening prompt, in the transaction of what caused it:
     * a custody event (admission, transfer in, leaving for court — the registry's listener), a
     * segregation placement (the segregation service's listener), bad news recorded here. One prompt
     * per source and moment.
     */
    async promptFromCustodyEvent(
      tx: Tx,
      notice: { personId: string; eventId: string; institutionId: string | null; occurredAt: string },
      prompt: { moment: string; dueAt: string },
    ) {
      await insertPrompt(tx, notice, prompt);
    },

    /**
     * MHS-4: staff record that a person received bad news (coded: a death in the family, a refused
     * appeal…); a re-screening falls due within 24 h for those who assess. Any staff member may
     * record it (like a concern); nothing clinical is written.
     */
    async recordBadNews(caller: Caller, personId: string, input: BadNewsInput) {
      return inTransaction(db, async (tx) => {
        const person = await registry.personForViewer(tx, caller.viewer, personId);
        const now = clock.now();
        const receivedAt = input.receivedAt ?? now.toISOString();
        const problems = whenProblems(receivedAt, 'receivedAt', now);
        if (person.status !== 'in_custody' || !person.institution_id)
          problems.push({ path: '', code: 'not_in_custody' });
        refuse(problems);
        const institutionId = person.institution_id as string;
        if (!inScope(caller.viewer, institutionId)) throw notFound('No such person.');
        const id = newId();
        await tx
          .insertInto('selfharm_bad_news')
          .values({
            id,
            person_id: personId,
            institution_id: institutionId,
            kind: input.kind,
            received_at: receivedAt,
            note: input.note?.trim() || null,
            recorded_by: caller.userId,
            recorded_at: now.toISOString(),
          })
          .execute();
        await insertPrompt(
          tx,
          { personId, eventId: id, institutionId, occurredAt: receivedAt },
          badNewsPromptFor(receivedAt),
        );
        await audit.record(tx, caller.audit, {
          action: 'selfharm.bad_news.record',
          dataClass: 'custodial',
          outcome: 'allowed',
          resourceType: 'selfharm_bad_news',
          resourceId: id,
          personId,
          details: { kind: input.kind },
        });
        return { id };
      });
    },
  };
}
