import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateTo, migrateToLatest, migrationNames } from '../../platform/db/migrate.ts';
import { freshDatabase, postgresUnavailableReason, type TestDatabase } from '../../test/app.ts';

const skip = postgresUnavailableReason();
const MIGRATION = '0051_release_from_registry';

/**
 * ADR 0055, migration 0051 on both engines: medication's own planned release dates move into the
 * registry's (ADR 0050) where the registry has none for the same custody; prepared letters are kept
 * with the date they were prepared for; medication_release_plan is gone.
 */
describe.skipIf(skip)('TRC-6: migration 0051 moves medication’s release dates into the registry', () => {
  let t: TestDatabase;
  const institution = '01900000-0000-7000-8000-0000000000a1';
  const other = '01900000-0000-7000-8000-0000000000a2';
  const id = (n: number) => `01900000-0000-7000-8000-00000000000${n}`;

  beforeAll(async () => {
    t = await freshDatabase(undefined, false);
    const names = migrationNames();
    await migrateTo(t.handle.db, names[names.indexOf(MIGRATION) - 1] as string);
    const db = t.handle.db;
    for (const [iid, code] of [
      [institution, 'M-1'],
      [other, 'M-2'],
    ] as const)
      await db
        .insertInto('institution')
        .values({
          id: iid,
          code,
          name_az: code,
          name_en: code,
          name_ru: code,
          kind: 'prison',
          population_sex: 'male',
          capacity: 100,
          time_zone: 'Asia/Baku',
          version: 1,
          created_at: '2026-01-01T00:00:00.000Z',
        } as never)
        .execute();
    const person = (n: number, values: Record<string, unknown>) =>
      db
        .insertInto('person')
        .values({
          id: id(n),
          prison_number: `MIG-${n}`,
          surname_latin: `Person${n}`,
          given_name_latin: 'Test',
          patronymic_latin: null,
          surname_cyrillic: null,
          given_name_cyrillic: null,
          patronymic_cyrillic: null,
          name_key: `person${n} test`,
          birth_date: '1980-01-01',
          sex: 'male',
          gender_identity: null,
          citizenship: 'AZ',
          language: 'az',
          interpreter_needed: 0,
          national_id: null,
          status: 'in_custody',
          institution_id: institution,
          cell_id: null,
          status_since: '2026-06-01T08:00:00.000Z',
          destination_institution_id: null,
          legal_status: 'sentenced',
          admitted_at: '2026-06-01T08:00:00.000Z',
          planned_release_date: null,
          version: 1,
          created_at: '2026-06-01T08:00:00.000Z',
          ...values,
        })
        .execute();
    // 1: held, no registry date, planned by the doctor in this custody, letter prepared.
    await person(1, {});
    // 2: held, the registry already has a date: the registry's stays.
    await person(2, { planned_release_date: '2027-01-05' });
    // 3: released since: nothing to move.
    await person(3, { status: 'released', institution_id: null });
    // 4: held again, the plan dates from an earlier custody (set before this admission).
    await person(4, { admitted_at: '2026-10-01T08:00:00.000Z' });
    // 5: transferred since to another institution: the plan was the former institution's.
    await person(5, { institution_id: other });
    const plan = (n: number, plannedOn: string, setAt: string, letterAt: string | null) =>
      sql`insert into medication_release_plan (person_id, institution_id, planned_on, set_by, set_at, letter_at)
          values (${id(n)}, ${institution}, ${plannedOn}, ${'u'}, ${setAt}, ${letterAt})`.execute(db);
    await plan(1, '2026-12-10', '2026-11-01T09:00:00.000Z', '2026-11-20T09:00:00.000Z');
    await plan(2, '2026-12-20', '2026-11-01T09:00:00.000Z', null);
    await plan(3, '2026-12-11', '2026-11-01T09:00:00.000Z', null);
    await plan(4, '2026-09-30', '2026-08-01T09:00:00.000Z', null);
    await plan(5, '2026-12-12', '2026-11-01T09:00:00.000Z', null);
    await migrateToLatest(db);
  });
  afterAll(async () => t?.drop());

  it('TRC-6: the date moves where the registry has none for the same custody; the registry’s own is kept', async () => {
    const rows = await t.handle.db
      .selectFrom('person')
      .select(['id', 'planned_release_date', 'version'])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.planned_release_date, Number(r.version)])).toEqual([
      ['2026-12-10', 2],
      ['2027-01-05', 1],
      [null, 1],
      [null, 1],
      [null, 1],
    ]);
  });

  it('TRC-4: a prepared letter is kept with the release date it was prepared for; the old table is gone', async () => {
    const letters = await t.handle.db.selectFrom('medication_release_preparation').selectAll().execute();
    expect(letters).toEqual([
      { person_id: id(1), release_on: '2026-12-10', letter_at: '2026-11-20T09:00:00.000Z', letter_by: null },
    ]);
    await expect(sql`select count(*) from medication_release_plan`.execute(t.handle.db)).rejects.toThrow();
  });
});
