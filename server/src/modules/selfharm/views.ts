import {
  checkState,
  type ObservationMode,
  officerSchedule,
  type PersonPlans,
  type Plan,
  type PlanClinical,
  type PromptList,
  planDue,
  planStatus,
  promptState,
  type SafetyAlert,
  type Schedule,
  type WardList,
} from '@custodia/domain';
import { type Executor, inTransaction } from '../../platform/db/database.ts';
import { forbidden } from '../../platform/errors.ts';
import type { Caller, Viewer } from '../identity/index.ts';
import { careMapOf, factsOf, inScope, planInScope, promptPreRelease, type SelfharmDeps } from './context.ts';
import { selfharmRepository as repo } from './repository.ts';
import type { SelfharmPlanTable } from './tables.ts';

const CHECKS_SHOWN = 50;
const PROMPTS_SHOWN = 100;

/** SSH-1, MED-3: the schedule as custodial staff see it, with the last and next check. */
export function scheduleOf(row: SelfharmPlanTable, now: Date): Schedule {
  const facts = factsOf(row);
  const check = checkState(facts, now);
  const observation = row.mode
    ? {
        mode: row.mode as ObservationMode,
        intervalMinutes: row.interval_minutes ?? 0,
        observerName: row.observer_name,
      }
    : null;
  return {
    ...officerSchedule(row.closed_at ? null : observation, careMapOf(row), row.conversations_per_day),
    lastCheckAt: row.last_check_at,
    nextCheckDueAt: check?.nextCheckDueAt ?? null,
    checkStatus: check?.status ?? null,
  };
}

/** The reads of care plans: the ward check list, a plan, its clinical part, a person's plans. */
export function createSelfharmViews(deps: SelfharmDeps) {
  const { db, clock, audit, registry, identity } = deps;

  /** The ward check list of an institution, read in one go for a page or a live update. */
  async function ward(executor: Executor, institutionId: string): Promise<WardList> {
    const now = clock.now();
    const rows = await repo.openPlans(executor, institutionId);
    const ids = rows.map((r) => r.person_id);
    const [labels, places] = await Promise.all([
      registry.personLabels(executor, ids),
      registry.custodyPlaces(executor, ids),
    ]);
    const items = rows.map((r) => {
      const label = labels.get(r.person_id);
      const place = places.get(r.person_id);
      return {
        planId: r.id,
        personId: r.person_id,
        prisonNumber: label?.prisonNumber ?? '',
        name: label?.name ?? '',
        cellCode: place?.cellCode ?? null,
        unitId: place?.unitId ?? null,
        status: planStatus(factsOf(r)),
        schedule: scheduleOf(r, now),
      };
    });
    // Missed checks first, then the next due first.
    const rank = (s: Schedule) => (s.checkStatus === 'escalated' ? 0 : s.checkStatus === 'missed' ? 1 : 2);
    items.sort(
      (a, b) =>
        rank(a.schedule) - rank(b.schedule) ||
        (a.schedule.nextCheckDueAt ?? '~').localeCompare(b.schedule.nextCheckDueAt ?? '~'),
    );
    return { institutionId, now: now.toISOString(), items };
  }

  return {
    /** SSH-1: the ward check list (every open plan of an institution), audited once per view. */
    async wardList(caller: Caller, institutionId: string): Promise<WardList> {
      if (!inScope(caller.viewer, institutionId)) throw forbidden('You do not work there.');
      return inTransaction(db, async (tx) => {
        const list = await ward(tx, institutionId);
        await audit.record(tx, caller.audit, {
          action: 'selfharm.ward.read',
          dataClass: 'health_alert',
          outcome: 'allowed',
          resourceType: 'institution',
          resourceId: institutionId,
          details: { count: list.items.length },
        });
        return list;
      });
    },

    /** The ward check list for a live update (the stream was audited when it opened). */
    liveWard: (institutionId: string) => ward(db, institutionId),

    /** A plan as every reader of plans sees it: no level, no assessment, no diagnosis, no note (MED-3). */
    async plan(caller: Caller, id: string): Promise<Plan> {
      return inTransaction(db, async (tx) => {
        const row = planInScope(await repo.plan(tx, id), caller.viewer);
        const now = clock.now();
        const incidents = (await repo.incidentsOf(tx, [id])).get(id) ?? [];
        const checks = await tx
          .selectFrom('selfharm_check')
          .selectAll()
          .where('plan_id', '=', id)
          .orderBy('checked_at', 'desc')
          .orderBy('id', 'desc')
          .limit(CHECKS_SHOWN)
          .execute();
        const [labels, names] = await Promise.all([
          registry.personLabels(tx, [row.person_id]),
          identity.displayNames(tx, [row.raised_by, ...checks.map((c) => c.recorded_by)]),
        ]);
        const facts = factsOf(row, incidents);
        await audit.record(tx, caller.audit, {
          action: 'selfharm.plan.read',
          dataClass: 'health_alert',
          outcome: 'allowed',
          resourceType: 'selfharm_plan',
          resourceId: id,
          personId: row.person_id,
        });
        const label = labels.get(row.person_id);
        return {
          id,
          personId: row.person_id,
          prisonNumber: label?.prisonNumber ?? '',
          name: label?.name ?? '',
          institutionId: row.institution_id,
          status: planStatus(facts),
          context: row.context,
          raisedAt: row.raised_at,
          raisedBy: names.get(row.raised_by) ?? '',
          seenOrHeard: row.seen_or_heard,
          immediateAction: row.immediate_action,
          assessedAt: row.assessed_at,
          firstReviewAt: row.first_review_at,
          nextReviewAt: row.next_review_at,
          closedAt: row.closed_at,
          postClosureDueAt: row.post_closure_due_at,
          postClosureDoneAt: row.post_closure_done_at,
          schedule: scheduleOf(row, now),
          due: planDue(facts, now).map((d) => ({ alert: d.alert, dueAt: d.dueAt, overdue: d.overdue })),
          checks: checks.map((c) => ({
            id: c.id,
            checkedAt: c.checked_at,
            seen: c.seen,
            conversation: c.conversation === 1,
            late: c.late === 1,
            author: names.get(c.recorded_by) ?? '',
          })),
          incidents: incidents.map((i) => ({
            id: i.id,
            occurredAt: i.occurred_at,
            reviewed: !!i.reviewed_at,
          })),
          version: row.version,
        };
      });
    },

    /** The clinician's part: risk level, assessment, diagnosis, reviews with notes, incidents (audited). */
    async clinical(caller: Caller, id: string): Promise<PlanClinical> {
      return inTransaction(db, async (tx) => {
        const row = planInScope(await repo.plan(tx, id), caller.viewer);
        const [reviews, incidents] = await Promise.all([
          tx
            .selectFrom('selfharm_review')
            .selectAll()
            .where('plan_id', '=', id)
            .orderBy('reviewed_at', 'desc')
            .orderBy('id', 'desc')
            .limit(200)
            .execute(),
          repo.incidentsOf(tx, [id]),
        ]);
        const names = await identity.displayNames(tx, [
          ...(row.assessed_by ? [row.assessed_by] : []),
          ...reviews.map((r) => r.recorded_by),
        ]);
        await audit.record(tx, caller.audit, {
          action: 'selfharm.plan.clinical.read',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'selfharm_plan',
          resourceId: id,
          personId: row.person_id,
        });
        const map = careMapOf(row);
        return {
          id,
          riskLevel: row.risk_level,
          assessment:
            row.assessed_at && row.assessment
              ? {
                  assessedAt: row.assessed_at,
                  author: names.get(row.assessed_by ?? '') ?? '',
                  narrative: row.assessment,
                  workingDiagnosis: row.working_diagnosis,
                }
              : null,
          careMap: map,
          reviews: reviews.map((r) => ({
            id: r.id,
            reviewedAt: r.reviewed_at,
            first: r.first === 1,
            participants: JSON.parse(r.participants) as { name: string; discipline: string }[],
            decision: r.decision,
            riskLevel: r.risk_level,
            mode: r.mode,
            intervalMinutes: r.interval_minutes,
            observerName: r.observer_name,
            exceptionReason: r.exception_reason,
            conversationsPerDay: r.conversations_per_day,
            nextReviewAt: r.next_review_at,
            note: r.note,
            author: names.get(r.recorded_by) ?? '',
          })),
          incidents: (incidents.get(id) ?? []).map((i) => ({
            id: i.id,
            kind: i.kind,
            occurredAt: i.occurred_at,
            description: i.description,
            reviewedAt: i.reviewed_at,
            findings: i.findings,
          })),
          postClosure: row.post_closure_done_at
            ? {
                reviewedAt: row.post_closure_done_at,
                outcome: row.post_closure_outcome ?? '',
                note: row.post_closure_note,
              }
            : null,
        };
      });
    },

    /** A person's plans, newest first (the person page's tab). */
    async ofPerson(caller: Caller, personId: string): Promise<PersonPlans> {
      return inTransaction(db, async (tx) => {
        await registry.personForViewer(tx, caller.viewer, personId);
        const rows = await tx
          .selectFrom('selfharm_plan')
          .selectAll()
          .where('person_id', '=', personId)
          .orderBy('raised_at', 'desc')
          .orderBy('id', 'desc')
          .limit(100)
          .execute();
        await audit.record(tx, caller.audit, {
          action: 'selfharm.person.read',
          dataClass: 'health_alert',
          outcome: 'allowed',
          resourceType: 'person',
          resourceId: personId,
          personId,
        });
        return {
          items: rows
            .filter((r) => inScope(caller.viewer, r.institution_id))
            .map((r) => ({
              id: r.id,
              status: planStatus(factsOf(r)),
              raisedAt: r.raised_at,
              closedAt: r.closed_at,
            })),
        };
      });
    },

    /** MHS-4: the re-screening prompts not yet done of an institution, oldest deadline first. */
    async prompts(caller: Caller, institutionId: string): Promise<PromptList> {
      if (!inScope(caller.viewer, institutionId)) throw forbidden('You do not work there.');
      return inTransaction(db, async (tx) => {
        // MHS-4: the weeks before release, from the planned release dates (when there is a source).
        await promptPreRelease(tx, deps.releases, clock.now(), [institutionId]);
        const rows = await tx
          .selectFrom('selfharm_prompt')
          .selectAll()
          .where('institution_id', '=', institutionId)
          .where('done_at', 'is', null)
          .orderBy('due_at')
          .orderBy('id')
          .limit(PROMPTS_SHOWN)
          .execute();
        const labels = await registry.personLabels(
          tx,
          rows.map((r) => r.person_id),
        );
        await audit.record(tx, caller.audit, {
          action: 'selfharm.prompt.read',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'institution',
          resourceId: institutionId,
          details: { count: rows.length },
        });
        const now = clock.now();
        return {
          items: rows.map((r) => ({
            id: r.id,
            personId: r.person_id,
            prisonNumber: labels.get(r.person_id)?.prisonNumber ?? '',
            name: labels.get(r.person_id)?.name ?? '',
            moment: r.moment,
            occurredAt: r.occurred_at,
            dueAt: r.due_at,
            overdue: promptState({ dueAt: r.due_at, doneAt: r.done_at }, now) === 'overdue',
          })),
        };
      });
    },

    /**
     * What is due on the plans and prompts of a viewer's institutions, for the worklist (bounded):
     * SSH-1, MHS-3, MHS-8 deadlines and MHS-4 prompts.
     */
    async dueItems(viewer: Pick<Viewer, 'institutionIds' | 'national'>, withPrompts: boolean) {
      // `withPrompts`: the reader assesses (the clinical deadlines, incidents and MHS-4 prompts too).
      const now = clock.now();
      const scope = viewer.national ? null : viewer.institutionIds;
      const releases = deps.releases;
      if (withPrompts && releases)
        await inTransaction(db, (tx) => promptPreRelease(tx, releases, now, scope));
      // Those who only record checks need the open plans and their names, nothing more.
      let plansQuery = repo.activePlans(db, scope);
      if (!withPrompts) plansQuery = plansQuery.where('closed_at', 'is', null);
      const rows = await plansQuery.execute();
      const incidents = withPrompts
        ? await repo.incidentsOf(
            db,
            rows.map((r) => r.id),
          )
        : new Map();
      let prompts: {
        id: string;
        person_id: string;
        institution_id: string;
        moment: string;
        due_at: string;
        occurred_at: string;
      }[] = [];
      if (withPrompts) {
        let q = db
          .selectFrom('selfharm_prompt')
          .select(['id', 'person_id', 'institution_id', 'moment', 'due_at', 'occurred_at'])
          .where('done_at', 'is', null)
          .orderBy('due_at')
          .limit(PROMPTS_SHOWN);
        if (scope) q = q.where('institution_id', 'in', scope);
        prompts = await q.execute();
      }
      const labels = await registry.personLabels(db, [
        ...rows.map((r) => r.person_id),
        ...prompts.map((p) => p.person_id),
      ]);
      const label = (personId: string) => {
        const l = labels.get(personId);
        return l ? `${l.prisonNumber} ${l.surname}` : '';
      };
      return {
        plans: rows.flatMap((r) =>
          planDue(factsOf(r, incidents.get(r.id) ?? []), now).map((d) => ({
            planId: r.id,
            institutionId: r.institution_id,
            label: label(r.person_id),
            since: r.raised_at,
            ...d,
          })),
        ),
        prompts: prompts.map((p) => ({
          promptId: p.id,
          institutionId: p.institution_id,
          label: label(p.person_id),
          moment: p.moment,
          since: p.occurred_at,
          dueAt: p.due_at,
          overdue: now.toISOString() > p.due_at,
        })),
      };
    },

    /**
     * MED-3, SSH-1: the observation of each open plan as a coded health alert (what to do, never
     * why), for the pages where custodial staff act. One statement per batch.
     */
    async inForce(executor: Executor, personIds: readonly string[]): Promise<Map<string, SafetyAlert[]>> {
      const byPerson = new Map<string, SafetyAlert[]>();
      const ids = [...new Set(personIds)];
      if (!ids.length) return byPerson;
      const rows = await executor
        .selectFrom('selfharm_plan')
        .select(['id', 'person_id', 'interval_minutes', 'observation_since'])
        .where('person_id', 'in', ids)
        .where('closed_at', 'is', null)
        .where('interval_minutes', 'is not', null)
        .execute();
      for (const r of rows) {
        if (!r.interval_minutes || !r.observation_since) continue;
        const list = byPerson.get(r.person_id) ?? [];
        list.push({
          id: r.id,
          detail: { kind: 'observation', intervalMinutes: r.interval_minutes },
          startsAt: r.observation_since,
          endsAt: null,
        });
        byPerson.set(r.person_id, list);
      }
      return byPerson;
    },
  };
}
