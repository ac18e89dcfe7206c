import {
  type DeathEventKind,
  type DeathManner,
  type DeathProblem,
  type DeathReviewKind,
  deathReviewerProblems,
  deathReviewKindProblems,
  newId,
  REVIEW_DUE_DAYS,
} from '@custodia/domain';
import type { AuditActionCode } from '@custodia/domain/audit/words';
import { inTransaction, type Tx } from '../../platform/db/database.ts';
import { notFound, ruleRefused } from '../../platform/errors.ts';
import type { Caller } from '../identity/index.ts';
import { amended } from './commands.ts';
import { type DeathsDeps, eventInScope } from './context.ts';
import type { DeathEventTable, DeathReviewTable } from './tables.ts';

const DAY_MS = 86_400_000;

/** The internal mortality review and its recommendations (MHS-8, DAT-7, MON-2). */
export function createReviewCommands(deps: DeathsDeps) {
  const { db, clock, audit, registry } = deps;

  async function reviewInScope(tx: Tx, caller: Caller, reviewId: string) {
    const review = await tx
      .selectFrom('death_review')
      .selectAll()
      .where('id', '=', reviewId)
      .executeTakeFirst();
    if (!review) throw notFound('No such review.');
    const event = await eventInScope(tx, review.event_id, caller.viewer);
    return { review, event };
  }

  /** A staff member of the event's institution, or the problem. */
  async function staffProblems(
    tx: Tx,
    event: DeathEventTable,
    staffId: string,
    path: string,
  ): Promise<DeathProblem[]> {
    const [staff] = await registry.staffMembers(tx, [staffId]);
    return staff && staff.institution_id === event.institution_id ? [] : [{ path, code: 'staff_elsewhere' }];
  }

  const audited = (
    tx: Tx,
    caller: Caller,
    event: DeathEventTable,
    action: AuditActionCode,
    details?: Record<string, string>,
  ) =>
    audit.record(tx, caller.audit, {
      action,
      dataClass: 'clinical',
      outcome: 'allowed',
      resourceType: 'death_event',
      resourceId: event.id,
      personId: event.person_id,
      ...(details ? { details } : {}),
    });

  return {
    /** MHS-8: a clinical review (a psychological autopsy for a suicide), due 60 days after it opens. */
    async openReview(caller: Caller, eventId: string, input: { kind: DeathReviewKind }) {
      return inTransaction(db, async (tx) => {
        const row = await eventInScope(tx, eventId, caller.viewer);
        const amendments = await tx
          .selectFrom('death_amendment')
          .select('changes')
          .where('event_id', '=', eventId)
          .orderBy('recorded_at')
          .orderBy('id')
          .execute();
        const event = amended(row, amendments);
        const existing = await tx
          .selectFrom('death_review')
          .select('kind')
          .where('event_id', '=', eventId)
          .execute();
        const problems = [
          ...deathReviewKindProblems(
            input.kind,
            event.kind as DeathEventKind,
            event.manner as DeathManner | null,
          ),
          ...(existing.some((r) => r.kind === input.kind) ? [{ path: 'kind', code: 'review_exists' }] : []),
          ...(event.closed_at ? [{ path: '', code: 'already_closed' }] : []),
        ];
        if (problems.length) throw ruleRefused(problems);
        const now = clock.now();
        const id = newId();
        await tx
          .insertInto('death_review')
          .values({
            id,
            event_id: eventId,
            kind: input.kind,
            due_at: new Date(now.getTime() + REVIEW_DUE_DAYS * DAY_MS).toISOString(),
            concluded_at: null,
            concluded_by: null,
            findings: null,
            version: 1,
            recorded_by: caller.userId,
            recorded_at: now.toISOString(),
          })
          .execute();
        await audited(tx, caller, row, 'deaths.review.open', { kind: input.kind });
        return { id };
      });
    },

    /** INJ-8, MHS-8: a reviewer assigned; staff recorded as involved in the event are refused. */
    async assignReviewer(caller: Caller, reviewId: string, input: { staffId: string }) {
      return inTransaction(db, async (tx) => {
        const { review, event } = await reviewInScope(tx, caller, reviewId);
        const involved = await tx
          .selectFrom('death_involved_staff')
          .select('staff_id')
          .where('event_id', '=', event.id)
          .execute();
        const already = await tx
          .selectFrom('death_reviewer')
          .select('staff_id')
          .where('review_id', '=', reviewId)
          .execute();
        const problems = [
          ...deathReviewerProblems(
            input.staffId,
            involved.map((i) => i.staff_id),
          ),
          ...(await staffProblems(tx, event, input.staffId, 'staffId')),
          ...(already.some((a) => a.staff_id === input.staffId)
            ? [{ path: 'staffId', code: 'already_assigned' }]
            : []),
          ...(review.concluded_at ? [{ path: '', code: 'review_concluded' }] : []),
        ];
        if (problems.length) throw ruleRefused(problems);
        const id = newId();
        await tx
          .insertInto('death_reviewer')
          .values({
            id,
            review_id: reviewId,
            staff_id: input.staffId,
            recorded_by: caller.userId,
            recorded_at: clock.now().toISOString(),
          })
          .execute();
        await audited(tx, caller, event, 'deaths.review.assign');
        return { id };
      });
    },

    /** MHS-8: the review concluded with its findings (clinical); needs at least one reviewer. */
    async concludeReview(caller: Caller, reviewId: string, input: { findings: string }) {
      return inTransaction(db, async (tx) => {
        const { review, event } = await reviewInScope(tx, caller, reviewId);
        const reviewers = await tx
          .selectFrom('death_reviewer')
          .select('id')
          .where('review_id', '=', reviewId)
          .execute();
        const problems: DeathProblem[] = [
          ...(review.concluded_at ? [{ path: '', code: 'review_concluded' }] : []),
          ...(reviewers.length ? [] : [{ path: '', code: 'no_reviewer' }]),
        ];
        if (problems.length) throw ruleRefused(problems);
        await tx
          .updateTable('death_review')
          .set({
            concluded_at: clock.now().toISOString(),
            concluded_by: caller.userId,
            findings: input.findings,
            version: review.version + 1,
          })
          .where('id', '=', reviewId)
          .where('concluded_at', 'is', null)
          .execute();
        await audited(tx, caller, event, 'deaths.review.conclude');
        return { id: reviewId };
      });
    },

    /** MON-2: a recommendation of the review becomes an action with its owner and due date. */
    async addAction(
      caller: Caller,
      reviewId: string,
      input: { recommendation: string; ownerStaffId: string; dueOn: string },
    ) {
      return inTransaction(db, async (tx) => {
        const { event } = await reviewInScope(tx, caller, reviewId);
        const now = clock.now();
        const problems = [
          ...(await staffProblems(tx, event, input.ownerStaffId, 'ownerStaffId')),
          ...(input.dueOn < now.toISOString().slice(0, 10) ? [{ path: 'dueOn', code: 'in_the_past' }] : []),
        ];
        if (problems.length) throw ruleRefused(problems);
        const id = newId();
        await tx
          .insertInto('death_action')
          .values({
            id,
            event_id: event.id,
            review_id: reviewId,
            recommendation: input.recommendation,
            owner_staff_id: input.ownerStaffId,
            due_on: input.dueOn,
            done_at: null,
            done_by: null,
            evidence: null,
            version: 1,
            recorded_by: caller.userId,
            recorded_at: now.toISOString(),
          })
          .execute();
        await audited(tx, caller, event, 'deaths.action.add');
        return { id };
      });
    },

    /** MON-2: an action done, with its evidence (set once). */
    async completeAction(caller: Caller, actionId: string, input: { evidence: string }) {
      return inTransaction(db, async (tx) => {
        const action = await tx
          .selectFrom('death_action')
          .selectAll()
          .where('id', '=', actionId)
          .executeTakeFirst();
        if (!action) throw notFound('No such action.');
        const event = await eventInScope(tx, action.event_id, caller.viewer);
        if (action.done_at) throw ruleRefused([{ path: '', code: 'action_done' }]);
        await tx
          .updateTable('death_action')
          .set({
            done_at: clock.now().toISOString(),
            done_by: caller.userId,
            evidence: input.evidence,
            version: action.version + 1,
          })
          .where('id', '=', actionId)
          .where('done_at', 'is', null)
          .execute();
        await audit.record(tx, caller.audit, {
          action: 'deaths.action.done',
          dataClass: 'custodial',
          outcome: 'allowed',
          resourceType: 'death_event',
          resourceId: event.id,
          personId: event.person_id,
        });
        return { id: actionId };
      });
    },
  };
}

export type { DeathReviewTable };
