import {
  calendarDateIn,
  type IsolationReviewInput,
  isolationReviewDueOn,
  isolationReviewProblems,
  newId,
} from '@custodia/domain';
import { type Executor, inTransaction } from '../../platform/db/database.ts';
import { ruleRefused } from '../../platform/errors.ts';
import type { Caller } from '../identity/index.ts';
import { episodeRow, type ProgrammesDeps, personAccess, programmeRules } from './context.ts';
import type { ProgrammeEpisodeTable } from './tables.ts';
import { isolationOf } from './views.ts';

export interface IsolationReviewState {
  dueOn: string;
  lastReviewedOn: string | null;
  infectiousUntil: string | null;
}

/**
 * PHC-6 (ADR 0050): the airborne isolation of a TB episode as a medical order with review dates.
 * The isolation begins with the presumption of TB; a clinician reviews it at least every 14 days,
 * each review recorded (a done `isolation_review` row of `programme_task`, its note the infectious
 * period defined), and ends it only with a reason (`endIsolation`). The review due date is derived
 * from the last review; the worklist shows it from the day it is due.
 */
export function createIsolationReviews(deps: ProgrammesDeps) {
  const { db, clock, timeZone } = deps;
  const access = personAccess(deps);
  const today = () => calendarDateIn(clock.now(), timeZone);

  /** The review state of the episodes whose isolation is in force: one statement. */
  async function reviewStates(
    executor: Executor,
    episodes: readonly ProgrammeEpisodeTable[],
  ): Promise<Map<string, IsolationReviewState>> {
    const isolated = episodes.filter(isolationOf);
    const result = new Map<string, IsolationReviewState>();
    if (!isolated.length) return result;
    const rows = await executor
      .selectFrom('programme_task')
      .select(['source_id', 'done_on', 'note'])
      .where('kind', '=', 'isolation_review')
      .where(
        'source_id',
        'in',
        isolated.map((e) => e.id),
      )
      .orderBy('done_on', 'desc')
      .orderBy('id', 'desc')
      .execute();
    for (const e of isolated) {
      const last = rows.find((r) => r.source_id === e.id);
      const note = last?.note ? (JSON.parse(last.note) as { infectiousUntil?: string }) : null;
      result.set(e.id, {
        dueOn: isolationReviewDueOn(e.presumed_on, last?.done_on ?? null),
        lastReviewedOn: last?.done_on ?? null,
        infectiousUntil: note?.infectiousUntil ?? null,
      });
    }
    return result;
  }

  return {
    reviewStates,

    /** PHC-6: a clinician's review of the isolation in force: the infectious period defined, a note. Audited. */
    async reviewIsolation(caller: Caller, episodeId: string, input: IsolationReviewInput) {
      return inTransaction(db, async (tx) => {
        const e = await episodeRow(tx, episodeId);
        await access(tx, caller.viewer, caller.audit, e.person_id, {
          action: 'programmes.isolation.review',
          resourceType: 'programme_episode',
          resourceId: e.id,
        });
        if (!isolationOf(e))
          throw ruleRefused([{ path: '', code: 'isolation_not_in_force' }], programmeRules);
        const problems = isolationReviewProblems(input, e.presumed_on, today());
        if (problems.length) throw ruleRefused(problems, programmeRules);
        const last = (await reviewStates(tx, [e])).get(e.id);
        const id = newId();
        await tx
          .insertInto('programme_task')
          .values({
            id,
            programme: e.programme,
            kind: 'isolation_review',
            person_id: e.person_id,
            institution_id: e.institution_id,
            due_on: last?.dueOn ?? input.reviewedOn,
            source_id: e.id,
            opened_at: clock.now().toISOString(),
            done_on: input.reviewedOn,
            done_by: caller.userId,
            note: JSON.stringify({ infectiousUntil: input.infectiousUntil, note: input.note ?? null }),
          })
          .execute();
        return { id };
      });
    },
  };
}
