import {
  type DailyRecordInput,
  dayIn,
  dayRecordProblems,
  type HealthVisitInput,
  newId,
  type SegProblem,
} from '@custodia/domain';
import { inTransaction, type Tx } from '../../platform/db/database.ts';
import { ruleRefused } from '../../platform/errors.ts';
import { once } from '../../platform/http/idempotency.ts';
import type { Caller } from '../identity/index.ts';
import { placementInScope, type SegregationDeps } from './context.ts';
import { segregationRepository as repo } from './repository.ts';
import type { SegregationPlacementTable } from './tables.ts';

/**
 * A visit's time: within the placement and not in the future (5 minutes of clock drift allowed).
 */
function visitTimeProblems(row: SegregationPlacementTable, at: string, now: Date): SegProblem[] {
  const problems: SegProblem[] = [];
  if (row.ended_at) problems.push({ path: '', code: 'placement_ended' });
  if (Date.parse(at) > now.getTime() + 5 * 60_000) problems.push({ path: 'at', code: 'in_the_future' });
  if (at < row.started_at) problems.push({ path: 'at', code: 'before_placement' });
  return problems;
}

/** What is recorded day by day about a separated person: the day, health and management visits. */
export function createRecordCommands(deps: SegregationDeps) {
  const { db, clock, timeZone, audit } = deps;

  /**
   * One record on a placement: in one transaction, once per Idempotency-Key, on a placement in the
   * caller's scope, refused in words (nothing written) when `check` finds problems; `write` inserts
   * the row and its audit record and returns the new id.
   */
  function recordOn<Body>(
    caller: Caller,
    id: string,
    key: string | undefined,
    kind: string,
    body: Body,
    check: (row: SegregationPlacementTable, now: Date) => SegProblem[],
    write: (tx: Tx, row: SegregationPlacementTable, now: Date, recordId: string) => Promise<void>,
  ) {
    return inTransaction(db, (tx) =>
      once(tx, clock, { userId: caller.userId, key, scope: `segregation:${id}:${kind}`, body }, async () => {
        const row = placementInScope(await repo.placement(tx, id), caller.viewer);
        const now = clock.now();
        const problems = check(row, now);
        if (problems.length) throw ruleRefused(problems);
        const recordId = newId();
        await write(tx, row, now, recordId);
        return { id: recordId };
      }),
    );
  }

  return {
    /**
     * SEG-1, SEG-9, SEG-10: a day's minutes out of cell, outdoors and in meaningful contact. A later
     * record of the same day stands over the earlier one (both stay in the timeline).
     */
    async recordDay(caller: Caller, id: string, input: DailyRecordInput, key?: string) {
      return recordOn(
        caller,
        id,
        key,
        'day',
        input,
        (row, now) =>
          dayRecordProblems(input, {
            now,
            timeZone,
            placementStartedAt: row.started_at,
            placementEndedAt: row.ended_at,
          }),
        async (tx, row, now, recordId) => {
          await tx
            .insertInto('segregation_day')
            .values({
              id: recordId,
              placement_id: id,
              day: input.day,
              out_of_cell_minutes: input.outOfCellMinutes,
              outdoor_minutes: input.outdoorMinutes,
              contact_minutes: input.contactMinutes,
              recorded_by: caller.userId,
              recorded_at: now.toISOString(),
            })
            .execute();
          await audit.record(tx, caller.audit, {
            action: 'segregation.day.record',
            dataClass: 'custodial',
            outcome: 'allowed',
            resourceType: 'segregation_placement',
            resourceId: id,
            personId: row.person_id,
            details: { day: input.day },
          });
        },
      );
    },

    /**
     * SEG-5, SEG-7: a clinician's visit (its content is clinical: MED-1). An adverse effect is the
     * clinician's recommendation to end, which the director must answer within 24 h.
     */
    async recordHealthVisit(caller: Caller, id: string, input: HealthVisitInput, key?: string) {
      return recordOn(
        caller,
        id,
        key,
        'health_visit',
        input,
        (row, now) => visitTimeProblems(row, input.at, now),
        async (tx, row, now, recordId) => {
          await tx
            .insertInto('segregation_health_visit')
            .values({
              id: recordId,
              placement_id: id,
              at: input.at,
              seen: input.seen ? 1 : 0,
              adverse_effect: input.adverseEffect ? 1 : 0,
              note: input.note ?? null,
              recorded_by: caller.userId,
              recorded_at: now.toISOString(),
            })
            .execute();
          await audit.record(tx, caller.audit, {
            action: 'segregation.health_visit.record',
            dataClass: 'clinical',
            outcome: 'allowed',
            resourceType: 'segregation_placement',
            resourceId: id,
            personId: row.person_id,
            details: { day: dayIn(input.at, timeZone) },
          });
        },
      );
    },

    /** SEG-8: the director's or a senior manager's visit. */
    async recordManagementVisit(
      caller: Caller,
      id: string,
      input: { at: string; note?: string | null },
      key?: string,
    ) {
      return recordOn(
        caller,
        id,
        key,
        'management_visit',
        input,
        (row, now) => visitTimeProblems(row, input.at, now),
        async (tx, row, now, recordId) => {
          await tx
            .insertInto('segregation_management_visit')
            .values({
              id: recordId,
              placement_id: id,
              at: input.at,
              note: input.note ?? null,
              recorded_by: caller.userId,
              recorded_at: now.toISOString(),
            })
            .execute();
          await audit.record(tx, caller.audit, {
            action: 'segregation.management_visit.record',
            dataClass: 'custodial',
            outcome: 'allowed',
            resourceType: 'segregation_placement',
            resourceId: id,
            personId: row.person_id,
          });
        },
      );
    },
  };
}
