import type { Executor } from '../../platform/db/database.ts';
import type { SelfharmIncidentTable } from './tables.ts';

/** The self-harm module's reads (Kysely), each one statement. */
export const selfharmRepository = {
  plan(executor: Executor, id: string) {
    return executor.selectFrom('selfharm_plan').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** The plans not closed, or closed with the post-closure review still to do, of some institutions. */
  activePlans(executor: Executor, institutionIds: readonly string[] | null, limit = 500) {
    let q = executor
      .selectFrom('selfharm_plan')
      .selectAll()
      .where('post_closure_done_at', 'is', null)
      .orderBy('raised_at')
      .orderBy('id')
      .limit(limit);
    if (institutionIds) q = q.where('institution_id', 'in', [...institutionIds]);
    return q;
  },

  /** The open plans of one institution (the ward check list). */
  openPlans(executor: Executor, institutionId: string, limit = 500) {
    return executor
      .selectFrom('selfharm_plan')
      .selectAll()
      .where('institution_id', '=', institutionId)
      .where('closed_at', 'is', null)
      .orderBy('raised_at')
      .orderBy('id')
      .limit(limit)
      .execute();
  },

  async incidentsOf(executor: Executor, planIds: readonly string[]) {
    const byPlan = new Map<string, SelfharmIncidentTable[]>();
    if (!planIds.length) return byPlan;
    const rows = await executor
      .selectFrom('selfharm_incident')
      .selectAll()
      .where('plan_id', 'in', [...planIds])
      .orderBy('occurred_at')
      .execute();
    for (const r of rows) byPlan.set(r.plan_id, [...(byPlan.get(r.plan_id) ?? []), r]);
    return byPlan;
  },
};
