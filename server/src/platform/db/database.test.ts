import { newId } from '@custodia/domain';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, postgresUnavailableReason, type TestDatabase, testEngine } from '../../test/app.ts';
import { AppError } from '../errors.ts';
import { decodeCursor, keysetAfter, toPage } from '../http/paging.ts';
import { inTransaction, openDatabase } from './database.ts';
import { isEmpty, listTables } from './introspect.ts';
import { appliedMigrations, migrateToLatest, migrationNames } from './migrate.ts';

const skip = postgresUnavailableReason();

interface Scratch {
  scratch: { id: string; rank: number; label: string };
}

describe.skipIf(skip)(`database platform on ${testEngine()}`, () => {
  let t: TestDatabase;
  let db: Kysely<Scratch>;

  beforeAll(async () => {
    t = await freshDatabase();
    db = t.handle.db as unknown as Kysely<Scratch>;
    await db.schema
      .createTable('scratch')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('rank', 'integer', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .execute();
  });
  afterAll(async () => t?.drop());

  it('runs on the engine this project targets, with SQLite durability settings', async () => {
    expect(t.handle.dialect).toBe(testEngine());
    if (t.handle.dialect === 'sqlite') {
      const pragma = async (name: string) =>
        Object.values(((await sql.raw(`pragma ${name}`).execute(t.handle.db)).rows[0] ?? {}) as object)[0];
      expect(String(await pragma('journal_mode')).toLowerCase()).toBe('wal');
      expect(await pragma('foreign_keys')).toBe(1);
      // Opened FULL; the group-commit driver makes it NORMAL and syncs the WAL itself before it answers
      // a writer (ADR 0058; server/src/platform/db/sqlite-driver.test.ts).
      expect(await pragma('synchronous')).toBe(1);
    }
  });

  it('migrations are listed in code, applied in order, and a second run applies nothing', async () => {
    expect(await appliedMigrations(t.handle.db)).toEqual(migrationNames());
    expect(await migrateToLatest(t.handle.db)).toEqual([]);
    const tables = (await listTables(t.handle.db, t.handle.dialect)).map((x) => x.name);
    expect(tables).toContain('system_setting');
    expect(tables).not.toContain('kysely_migration');
  });

  it('a transaction that fails writes nothing', async () => {
    await expect(
      inTransaction(t.handle.db, async (tx) => {
        await tx.insertInto('system_setting').values({ key: 'half', value: '1', updated_at: 'x' }).execute();
        throw new Error('second step failed');
      }),
    ).rejects.toThrow('second step failed');
    const row = await t.handle.db
      .selectFrom('system_setting')
      .selectAll()
      .where('key', '=', 'half')
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('keyset paging walks every row once, in order, however the pages fall', async () => {
    const rows = Array.from({ length: 37 }, (_, i) => ({ id: newId(), rank: i % 5, label: `row ${i}` }));
    await db.insertInto('scratch').values(rows).execute();
    const expected = [...rows].sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : 1)).map((r) => r.id);
    for (const limit of [1, 7, 10, 37, 50]) {
      const seen: string[] = [];
      let cursor: string | null | undefined;
      do {
        const after = decodeCursor(cursor ?? undefined, 2);
        let query = db
          .selectFrom('scratch')
          .selectAll()
          .orderBy('rank')
          .orderBy('id')
          .limit(limit + 1);
        if (after) query = query.where(keysetAfter(['rank', 'id'], after));
        const page = toPage(
          await query.execute(),
          limit,
          (r) => [r.rank, r.id],
          (r) => r.id,
        );
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(expected);
    }
  });

  it('a cursor that was not made by the server is a 400, not a 500', () => {
    for (const bad of [
      'not-base64!',
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from('[1]').toString('base64url'),
    ]) {
      try {
        decodeCursor(bad, 2);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).status).toBe(400);
        expect((error as AppError).code).toBe('bad_cursor');
      }
    }
  });

  it.skipIf(testEngine() !== 'postgresql')(
    'PostgreSQL: introspection sees the current schema only, so another schema dropped meanwhile cannot fail a migration',
    async () => {
      // Another schema in the same database as this file's (ADR 0053: each file has a database of
      // its own, so the other schema is made here rather than by another freshDatabase).
      const schema = `other_${newId().replaceAll('-', '').slice(-12)}`;
      await sql`create schema ${sql.id(schema)}`.execute(t.handle.db);
      const other = await openDatabase(t.config.database, { searchPath: schema, poolSize: 1 });
      const dropOther = async () => {
        await other.close();
        await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(t.handle.db);
      };
      try {
        await sql`create table lonely (id text primary key, n integer)`.execute(other.db);
        const mine = (await t.handle.db.introspection.getTables()).map((table) => table.schema);
        expect(new Set(mine)).toEqual(new Set([t.schema]));
        const theirs = await other.db.introspection.getTables({ withInternalKyselyTables: true });
        expect(theirs.map((table) => table.name)).toEqual(['lonely']);
        expect(theirs[0]?.columns.map((c) => [c.name, c.isNullable])).toEqual([
          ['id', false],
          ['n', true],
        ]);
        // With the other schema gone, this one still migrates and introspects.
        await dropOther();
        expect(await migrateToLatest(t.handle.db)).toEqual([]);
        expect((await listTables(t.handle.db, 'postgresql')).length).toBeGreaterThan(10);
      } finally {
        await dropOther().catch(() => {});
      }
    },
  );

  it('knows whether the database is empty', async () => {
    const other = await freshDatabase();
    try {
      expect(await isEmpty(other.handle.db, other.handle.dialect)).toBe(true);
      await other.handle.db
        .insertInto('system_setting')
        .values({ key: 'k', value: 'v', updated_at: 'x' })
        .execute();
      expect(await isEmpty(other.handle.db, other.handle.dialect)).toBe(false);
    } finally {
      await other.drop();
    }
  });
});
