import type { Executor } from '../../platform/db/database.ts';

/**
 * What other modules read of the institutions' structure and staff, inside their own transaction (a
 * module calls the registry's service, never its tables; ADR 0020).
 */
export const registryLookups = {
  /** A cell by id, or undefined. */
  cell(executor: Executor, id: string) {
    return executor.selectFrom('cell').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Staff members by id (those that exist), with their institution and restraint training (RST-8). */
  staffMembers(executor: Executor, ids: string[]) {
    return executor
      .selectFrom('staff_member')
      .select(['id', 'institution_id', 'restraint_trained_until'])
      .where('id', 'in', ids)
      .execute();
  },

  /** The units of an institution, by id and code. */
  units(executor: Executor, institutionId: string) {
    return executor
      .selectFrom('unit')
      .select(['id', 'code'])
      .where('institution_id', '=', institutionId)
      .execute();
  },
};
