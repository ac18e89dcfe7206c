import {
  type CellInput,
  type CellLightingInput,
  type CellUpdate,
  type Clock,
  capacityWarnings,
  type InstitutionInput,
  type InstitutionUpdate,
  mayCreateInstitution,
  mayManageInstitution,
  newId,
  type StructureManager,
  spaceProblems,
  type UnitInput,
  type UnitUpdate,
} from '@custodia/domain';
import { type Db, inTransaction, type Tx } from '../../platform/db/database.ts';
import { type AppError, fieldConflict, forbidden, notFound, staleVersion } from '../../platform/errors.ts';
import type { AuditActor, AuditService } from '../audit/index.ts';

/**
 * Creating and editing institutions, units and cells (issue 4; ADR 0009). Administrative data:
 * edited in place with optimistic concurrency (`version`), each write audited in its transaction.
 * Scope: a new institution needs national scope or the system administrator; a unit or a cell only
 * the institutions the user works in (or all, for those two).
 */

const codeTaken = (path: string, what: string) =>
  fieldConflict(path, 'code_taken', `This code is already used by another ${what}.`);

/** Out of scope answers like a refusal by the gate, so a governor learns nothing about another prison. */
const outOfScope = () => forbidden('You may not change the structure of that institution.');

/** A unique index refused the row (two requests raced past the check on PostgreSQL). */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

async function unique<T>(work: () => Promise<T>, onConflict: () => AppError): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw onConflict();
    throw error;
  }
}

export function createStructureService(db: Db, clock: Clock, audit: AuditService) {
  async function occupantsOfInstitution(tx: Tx, institutionId: string) {
    const row = await tx
      .selectFrom('person')
      .select(tx.fn.countAll<number>().as('n'))
      .where('institution_id', '=', institutionId)
      .where('status', 'in', ['in_custody', 'temporarily_absent'])
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function occupantsOfCell(tx: Tx, cellId: string) {
    const row = await tx
      .selectFrom('person')
      .select(tx.fn.countAll<number>().as('n'))
      .where('cell_id', '=', cellId)
      .where('status', '=', 'in_custody')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function institutionCodeFree(tx: Tx, code: string, exceptId?: string) {
    let q = tx.selectFrom('institution').select('id').where('code', '=', code);
    if (exceptId) q = q.where('id', '!=', exceptId);
    return (await q.executeTakeFirst()) === undefined;
  }

  async function unitInScope(tx: Tx, user: StructureManager, unitId: string) {
    const unit = await tx.selectFrom('unit').selectAll().where('id', '=', unitId).executeTakeFirst();
    if (!unit) throw notFound('No such unit.');
    if (!mayManageInstitution(user, unit.institution_id)) throw outOfScope();
    return unit;
  }

  const service = {
    async createInstitution(actor: AuditActor, user: StructureManager, input: InstitutionInput) {
      if (!mayCreateInstitution(user))
        throw forbidden(
          'Only the system administrator or a user with national scope may add an institution.',
        );
      return inTransaction(db, async (tx) => {
        if (!(await institutionCodeFree(tx, input.code))) throw codeTaken('body.code', 'institution');
        const id = newId();
        await unique(
          () =>
            tx
              .insertInto('institution')
              .values({
                id,
                code: input.code,
                name_az: input.name.az,
                name_en: input.name.en,
                name_ru: input.name.ru,
                kind: input.kind,
                population_sex: input.populationSex,
                capacity: input.capacity,
                time_zone: input.timeZone,
                version: 1,
                created_at: clock.now().toISOString(),
              })
              .execute(),
          () => codeTaken('body.code', 'institution'),
        );
        await audit.record(tx, actor, {
          action: 'registry.institution.create',
          dataClass: 'administrative',
          outcome: 'allowed',
          resourceType: 'institution',
          resourceId: id,
          details: { code: input.code, capacity: input.capacity },
        });
        return { id, version: 1 };
      });
    },

    /** RES-8: a capacity below the people held there is saved, and flagged in the answer. */
    async updateInstitution(actor: AuditActor, user: StructureManager, id: string, input: InstitutionUpdate) {
      return inTransaction(db, async (tx) => {
        const current = await tx
          .selectFrom('institution')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirst();
        if (!current) throw notFound('No such institution.');
        if (!mayManageInstitution(user, id)) throw outOfScope();
        // Changing the code renames the institution everywhere: same rule as adding one.
        if (input.code !== current.code && !mayCreateInstitution(user))
          throw forbidden('Only the system administrator may change an institution’s code.');
        if (input.code !== current.code && !(await institutionCodeFree(tx, input.code, id)))
          throw codeTaken('body.code', 'institution');
        const result = await unique(
          () =>
            tx
              .updateTable('institution')
              .set({
                code: input.code,
                name_az: input.name.az,
                name_en: input.name.en,
                name_ru: input.name.ru,
                kind: input.kind,
                population_sex: input.populationSex,
                capacity: input.capacity,
                time_zone: input.timeZone,
                version: input.version + 1,
              })
              .where('id', '=', id)
              .where('version', '=', input.version)
              .executeTakeFirst(),
          () => codeTaken('body.code', 'institution'),
        );
        if (Number(result.numUpdatedRows) === 0) throw staleVersion('institution');
        const occupants = await occupantsOfInstitution(tx, id);
        const warnings = capacityWarnings(input.capacity, occupants);
        await audit.record(tx, actor, {
          action: 'registry.institution.update',
          dataClass: 'administrative',
          outcome: 'allowed',
          resourceType: 'institution',
          resourceId: id,
          details: {
            code: input.code,
            capacityBefore: current.capacity,
            capacity: input.capacity,
            occupants,
            warnings: warnings.join(',') || null,
          },
        });
        return { id, version: input.version + 1, occupants, warnings };
      });
    },

    async createUnit(actor: AuditActor, user: StructureManager, institutionId: string, input: UnitInput) {
      return inTransaction(db, async (tx) => {
        const institution = await tx
          .selectFrom('institution')
          .select('id')
          .where('id', '=', institutionId)
          .executeTakeFirst();
        if (!institution) throw notFound('No such institution.');
        if (!mayManageInstitution(user, institutionId)) throw outOfScope();
        const taken = await tx
          .selectFrom('unit')
          .select('id')
          .where('institution_id', '=', institutionId)
          .where('code', '=', input.code)
          .executeTakeFirst();
        if (taken) throw codeTaken('body.code', 'unit of this institution');
        const id = newId();
        await unique(
          () =>
            tx
              .insertInto('unit')
              .values({ id, institution_id: institutionId, code: input.code, name: input.name, version: 1 })
              .execute(),
          () => codeTaken('body.code', 'unit of this institution'),
        );
        await audit.record(tx, actor, {
          action: 'registry.unit.create',
          dataClass: 'administrative',
          outcome: 'allowed',
          resourceType: 'unit',
          resourceId: id,
          details: { institutionId, code: input.code },
        });
        return { id, version: 1 };
      });
    },

    async updateUnit(actor: AuditActor, user: StructureManager, id: string, input: UnitUpdate) {
      return inTransaction(db, async (tx) => {
        const unit = await unitInScope(tx, user, id);
        if (input.code !== unit.code) {
          const taken = await tx
            .selectFrom('unit')
            .select('id')
            .where('institution_id', '=', unit.institution_id)
            .where('code', '=', input.code)
            .where('id', '!=', id)
            .executeTakeFirst();
          if (taken) throw codeTaken('body.code', 'unit of this institution');
        }
        const result = await unique(
          () =>
            tx
              .updateTable('unit')
              .set({ code: input.code, name: input.name, version: input.version + 1 })
              .where('id', '=', id)
              .where('version', '=', input.version)
              .executeTakeFirst(),
          () => codeTaken('body.code', 'unit of this institution'),
        );
        if (Number(result.numUpdatedRows) === 0) throw staleVersion('unit');
        await audit.record(tx, actor, {
          action: 'registry.unit.update',
          dataClass: 'administrative',
          outcome: 'allowed',
          resourceType: 'unit',
          resourceId: id,
          details: { institutionId: unit.institution_id, code: input.code },
        });
        return { id, version: input.version + 1 };
      });
    },

    /** A new cell or room in a unit; the answer carries its RES-8 flags (a cell can be small from the start). */
    async createCell(actor: AuditActor, user: StructureManager, unitId: string, input: CellInput) {
      return inTransaction(db, async (tx) => {
        const unit = await unitInScope(tx, user, unitId);
        const taken = await tx
          .selectFrom('cell')
          .select('id')
          .where('unit_id', '=', unitId)
          .where('code', '=', input.code)
          .executeTakeFirst();
        if (taken) throw codeTaken('body.code', 'cell of this unit');
        const id = newId();
        await unique(
          () =>
            tx
              .insertInto('cell')
              .values({
                id,
                unit_id: unitId,
                institution_id: unit.institution_id,
                code: input.code,
                cell_type: input.cellType,
                certified_capacity: input.certifiedCapacity,
                floor_area_m2: input.floorAreaM2,
                version: 1,
                lighting: 'adequate',
                lighting_since: null,
                lighting_reason: null,
              })
              .execute(),
          () => codeTaken('body.code', 'cell of this unit'),
        );
        const problems = spaceProblems({
          floorAreaM2: input.floorAreaM2,
          certifiedCapacity: input.certifiedCapacity,
          occupants: 0,
        });
        await audit.record(tx, actor, {
          action: 'registry.cell.create',
          dataClass: 'administrative',
          outcome: 'allowed',
          resourceType: 'cell',
          resourceId: id,
          details: {
            institutionId: unit.institution_id,
            unitId,
            code: input.code,
            certifiedCapacity: input.certifiedCapacity,
            floorAreaM2: input.floorAreaM2,
            spaceProblems: problems.join(',') || null,
          },
        });
        return { id, version: 1, occupants: 0, warnings: [], spaceProblems: problems };
      });
    },

    /**
     * Edits a cell. A certified capacity below the people in it now is saved (they are there; the
     * record must say so) and flagged: `capacity_below_occupancy`, and RES-8 `over_capacity`.
     */
    async updateCell(actor: AuditActor, user: StructureManager, id: string, input: CellUpdate) {
      return inTransaction(db, async (tx) => {
        const cell = await tx.selectFrom('cell').selectAll().where('id', '=', id).executeTakeFirst();
        if (!cell) throw notFound('No such cell.');
        if (!mayManageInstitution(user, cell.institution_id)) throw outOfScope();
        if (input.code !== cell.code) {
          const taken = await tx
            .selectFrom('cell')
            .select('id')
            .where('unit_id', '=', cell.unit_id)
            .where('code', '=', input.code)
            .where('id', '!=', id)
            .executeTakeFirst();
          if (taken) throw codeTaken('body.code', 'cell of this unit');
        }
        const result = await unique(
          () =>
            tx
              .updateTable('cell')
              .set({
                code: input.code,
                cell_type: input.cellType,
                certified_capacity: input.certifiedCapacity,
                floor_area_m2: input.floorAreaM2,
                version: input.version + 1,
              })
              .where('id', '=', id)
              .where('version', '=', input.version)
              .executeTakeFirst(),
          () => codeTaken('body.code', 'cell of this unit'),
        );
        if (Number(result.numUpdatedRows) === 0) throw staleVersion('cell');
        const occupants = await occupantsOfCell(tx, id);
        const warnings = capacityWarnings(input.certifiedCapacity, occupants);
        const problems = spaceProblems({
          floorAreaM2: input.floorAreaM2,
          certifiedCapacity: input.certifiedCapacity,
          occupants,
        });
        await audit.record(tx, actor, {
          action: 'registry.cell.update',
          dataClass: 'administrative',
          outcome: 'allowed',
          resourceType: 'cell',
          resourceId: id,
          details: {
            institutionId: cell.institution_id,
            code: input.code,
            certifiedCapacityBefore: cell.certified_capacity,
            certifiedCapacity: input.certifiedCapacity,
            floorAreaM2Before: cell.floor_area_m2,
            floorAreaM2: input.floorAreaM2,
            occupants,
            warnings: warnings.join(',') || null,
            spaceProblems: problems.join(',') || null,
          },
        });
        return { id, version: input.version + 1, occupants, warnings, spaceProblems: problems };
      });
    },

    /**
     * SEG-12: records a cell's lighting from a date, with its reason. The cell carries the current
     * condition (read wherever a person is placed); the change is kept as a row of its own and on
     * the audit trail. A dark or constantly lit cell keeps the people in it — the record must say
     * where they are — but no one more can be placed there.
     */
    async setCellLighting(actor: AuditActor, user: StructureManager, id: string, input: CellLightingInput) {
      return inTransaction(db, async (tx) => {
        const cell = await tx.selectFrom('cell').selectAll().where('id', '=', id).executeTakeFirst();
        if (!cell) throw notFound('No such cell.');
        if (!mayManageInstitution(user, cell.institution_id)) throw outOfScope();
        const result = await tx
          .updateTable('cell')
          .set({
            lighting: input.lighting,
            lighting_since: input.since,
            lighting_reason: input.reason,
            version: input.version + 1,
          })
          .where('id', '=', id)
          .where('version', '=', input.version)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) throw staleVersion('cell');
        await tx
          .insertInto('cell_lighting_change')
          .values({
            id: newId(),
            cell_id: id,
            institution_id: cell.institution_id,
            lighting: input.lighting,
            since: input.since,
            reason: input.reason,
            recorded_by: actor.userId,
            recorded_at: clock.now().toISOString(),
          })
          .execute();
        const occupants = await occupantsOfCell(tx, id);
        await audit.record(tx, actor, {
          action: 'registry.cell.lighting',
          dataClass: 'administrative',
          outcome: 'allowed',
          resourceType: 'cell',
          resourceId: id,
          details: {
            institutionId: cell.institution_id,
            code: cell.code,
            lightingBefore: cell.lighting,
            lighting: input.lighting,
            since: input.since,
            occupants,
          },
        });
        return { id, version: input.version + 1 };
      });
    },
  };
  return service;
}

export type StructureService = ReturnType<typeof createStructureService>;
