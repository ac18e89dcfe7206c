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

  /**
   * The ids of the people held now in one unit of an institution, as a subquery (issue 15: the dose
   * round of a unit reads that unit's prescriptions, not the institution's).
   */
  personIdsInUnit(executor: Executor, institutionId: string, unitId: string) {
    return executor
      .selectFrom('person')
      .innerJoin('cell', 'cell.id', 'person.cell_id')
      .select('person.id')
      .where('person.institution_id', '=', institutionId)
      .where('person.status', '=', 'in_custody')
      .where('cell.unit_id', '=', unitId);
  },

  /**
   * Where people are held now: institution, cell and its code, unit, their current photo's id, and
   * their prison number and names (issue 15: the dose round lists a unit's people by cell, with their
   * photo), in one statement for a list the caller has already scoped (ADR 0059). People not in
   * custody are left out.
   */
  async custodyPlaces(
    executor: Executor,
    personIds: readonly string[],
  ): Promise<
    Map<
      string,
      {
        institutionId: string | null;
        cellId: string | null;
        cellCode: string | null;
        unitId: string | null;
        photoId: string | null;
        prisonNumber: string;
        surnameLatin: string | null;
        givenNameLatin: string | null;
        surnameCyrillic: string | null;
        givenNameCyrillic: string | null;
      }
    >
  > {
    if (!personIds.length) return new Map();
    const rows = await executor
      .selectFrom('person')
      .leftJoin('cell', 'cell.id', 'person.cell_id')
      .select((eb) => [
        'person.id',
        'person.institution_id',
        'person.cell_id',
        'cell.code',
        'cell.unit_id',
        'person.prison_number',
        'person.surname_latin',
        'person.given_name_latin',
        'person.surname_cyrillic',
        'person.given_name_cyrillic',
        // The photo now: the latest (earlier ones are history), one seek of person_photo_person.
        eb
          .selectFrom('person_photo')
          .select('person_photo.id')
          .whereRef('person_photo.person_id', '=', 'person.id')
          .orderBy('person_photo.uploaded_at', 'desc')
          .orderBy('person_photo.id', 'desc')
          .limit(1)
          .as('photo_id'),
      ])
      .where('person.id', 'in', [...new Set(personIds)])
      .where('person.status', '=', 'in_custody')
      .execute();
    return new Map(
      rows.map((r) => [
        r.id,
        {
          institutionId: r.institution_id,
          cellId: r.cell_id,
          cellCode: r.code ?? null,
          unitId: r.unit_id ?? null,
          photoId: r.photo_id ?? null,
          prisonNumber: r.prison_number,
          surnameLatin: r.surname_latin,
          givenNameLatin: r.given_name_latin,
          surnameCyrillic: r.surname_cyrillic,
          givenNameCyrillic: r.given_name_cyrillic,
        },
      ]),
    );
  },

  /** Demo seed: every staff record, by id, with its institution. */
  allStaff(executor: Executor) {
    return executor.selectFrom('staff_member').select(['id', 'institution_id']).orderBy('id').execute();
  },

  /** Demo seed: a staff member's restraint training (RST-8), set as the record is created. */
  async seedRestraintTraining(executor: Executor, staffId: string, trainedUntil: string) {
    await executor
      .updateTable('staff_member')
      .set({ restraint_trained_until: trainedUntil })
      .where('id', '=', staffId)
      .execute();
  },

  /** The codes of institutions by id, in the caller's transaction (TB-1: the register number). */
  async institutionCodes(executor: Executor, ids: readonly string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await executor
      .selectFrom('institution')
      .select(['id', 'code'])
      .where('id', 'in', [...ids])
      .execute();
    return new Map(rows.map((r) => [r.id, r.code]));
  },

  /** Demo seed: the ids of every institution. */
  async institutionIds(executor: Executor) {
    return (await executor.selectFrom('institution').select('id').orderBy('id').execute()).map((r) => r.id);
  },

  /** Demo seed: the cells of an institution of some types, with their unit and type. */
  cellsOfTypes(executor: Executor, institutionId: string, types: readonly string[]) {
    return executor
      .selectFrom('cell')
      .select(['id', 'unit_id', 'cell_type'])
      .where('institution_id', '=', institutionId)
      .where('cell_type', 'in', [...types])
      .execute();
  },

  /**
   * Demo seed: the people in custody, by id, with their sex; of one institution and at most `limit`
   * when asked.
   */
  peopleInCustody(executor: Executor, filter: { institutionId?: string; limit?: number } = {}) {
    let q = executor
      .selectFrom('person')
      .select(['id', 'sex'])
      .where('status', '=', 'in_custody')
      .orderBy('id');
    if (filter.institutionId) q = q.where('institution_id', '=', filter.institutionId);
    if (filter.limit) q = q.limit(filter.limit);
    return q.execute();
  },

  /** Demo seed: the admissions and transfers in, oldest first, with the person's sex and status. */
  arrivals(executor: Executor) {
    return executor
      .selectFrom('custody_event as e')
      .innerJoin('person as p', 'p.id', 'e.person_id')
      .select(['e.id', 'e.person_id', 'e.type', 'e.occurred_at', 'e.institution_id', 'p.sex', 'p.status'])
      .where('e.type', 'in', ['admission', 'transfer_in'])
      .orderBy('e.occurred_at')
      .execute();
  },

  /** Demo seed: the transfers out, oldest first, with their destination. */
  transfersOut(executor: Executor) {
    return executor
      .selectFrom('custody_event')
      .select(['person_id', 'occurred_at', 'destination_institution_id'])
      .where('type', '=', 'transfer_out')
      .orderBy('occurred_at')
      .execute();
  },
};
