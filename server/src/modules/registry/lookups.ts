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

  /** The codes of cells by id (those that exist), in one query (RST-14: the live board names the cell). */
  async cellCodes(executor: Executor, ids: readonly string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await executor
      .selectFrom('cell')
      .select(['id', 'code'])
      .where('id', 'in', [...new Set(ids)])
      .execute();
    return new Map(rows.map((r) => [r.id, r.code]));
  },

  /**
   * Staff members by id (those that exist), with their institution, restraint training (RST-8) and
   * version.
   */
  staffMembers(executor: Executor, ids: string[]) {
    return executor
      .selectFrom('staff_member')
      .select(['id', 'institution_id', 'restraint_trained_until', 'version'])
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

  /**
   * RST-8: sets a staff member's restraint training, if the record is still at `version`; true when
   * it was. The caller has checked its scope and records the audit event in the same transaction.
   */
  async setRestraintTraining(
    executor: Executor,
    staffId: string,
    input: { trainedUntil: string | null; version: number },
  ): Promise<boolean> {
    const result = await executor
      .updateTable('staff_member')
      .set({ restraint_trained_until: input.trainedUntil, version: input.version + 1 })
      .where('id', '=', staffId)
      .where('version', '=', input.version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** Demo seed only: links a staff record to the user account of the same person. */
  async linkStaffUser(executor: Executor, staffId: string, userId: string) {
    await executor.updateTable('staff_member').set({ user_id: userId }).where('id', '=', staffId).execute();
  },

  /**
   * The ids of the people held in some institutions, as a subquery for another module's query that
   * filters by the person's institution (one statement, the person table named only here).
   */
  personIdsIn(executor: Executor, institutionIds: readonly string[]) {
    return executor
      .selectFrom('person')
      .select('id')
      .where('institution_id', 'in', [...institutionIds]);
  },
};
