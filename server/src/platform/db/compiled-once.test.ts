import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, postgresUnavailableReason, type TestDatabase, testEngine } from '../../test/app.ts';
import { compiledOnce } from './compiled-once.ts';
import type { Executor } from './database.ts';

const skip = postgresUnavailableReason();

interface Scratch {
  scratch: { id: string; owner: string; secret: number };
}

describe.skipIf(skip)(
  `a statement compiled once, run with each request's values (ADR 0052) on ${testEngine()}`,
  () => {
    let t: TestDatabase;
    let db: Kysely<Scratch>;

    beforeAll(async () => {
      t = await freshDatabase();
      db = t.handle.db as unknown as Kysely<Scratch>;
      await db.schema
        .createTable('scratch')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('secret', 'integer', (c) => c.notNull())
        .execute();
      await db
        .insertInto('scratch')
        .values([
          { id: 'a', owner: 'u1', secret: 0 },
          { id: 'b', owner: 'u2', secret: 1 },
          { id: 'c', owner: 'u1', secret: 1 },
        ])
        .execute();
    });
    afterAll(async () => t?.drop());

    it('builds once per shape and answers each run with its own values', async () => {
      let builds = 0;
      const visible = compiledOnce(['id', 'owner'], (executor, { id, owner }, shape) => {
        builds += 1;
        const x = executor as unknown as Kysely<Scratch>;
        let q = x.selectFrom('scratch').select('id').where('id', '>=', id).orderBy('id');
        if (shape === 'own') q = q.where((eb) => eb.or([eb('secret', '=', 0), eb('owner', '=', owner)]));
        return q;
      });
      const run = async (shape: string, id: string, owner: string) =>
        (await visible.execute(db as unknown as Executor, shape, { id, owner })).rows.map((r) => r.id);
      expect(await run('own', 'a', 'u1')).toEqual(['a', 'c']);
      expect(await run('own', 'a', 'u2')).toEqual(['a', 'b']);
      expect(await run('own', 'b', 'u2')).toEqual(['b']);
      expect(await run('all', 'a', 'u1')).toEqual(['a', 'b', 'c']);
      expect(builds).toBe(2);
    });

    it('refuses a statement into which a value was folded, not passed as a parameter of its own', async () => {
      const folded = compiledOnce(['owner'], (executor, { owner }) =>
        (executor as unknown as Kysely<Scratch>)
          .selectFrom('scratch')
          .select('id')
          .where('owner', 'like', `${owner}%`),
      );
      await expect(folded.execute(db as unknown as Executor, 'one', { owner: 'u' })).rejects.toThrow(
        'a value was changed',
      );
    });
  },
);
