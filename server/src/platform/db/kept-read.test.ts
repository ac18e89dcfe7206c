import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, postgresUnavailableReason, type TestDatabase, testEngine } from '../../test/app.ts';
import { type Db, inTransaction, openDatabase } from './database.ts';
import { createKeptRead, startKeptReads, stopKeptReads } from './kept-read.ts';

const skip = postgresUnavailableReason();

/** A one-row table read whole, as the rule thresholds are. */
const readValue = async (db: Db) =>
  Number((await sql<{ v: number }>`select v from kept_test`.execute(db)).rows[0]?.v ?? Number.NaN);

/**
 * ADR 0059: a kept read answers from memory only what is committed and not since changed. Each test
 * would fail if the kept value outlived a change, were taken from an uncommitted or rolled-back one,
 * or were kept from a load that began before a change.
 */
describe.skipIf(skip)(`ADR 0059: a kept read (${testEngine()})`, () => {
  let t: TestDatabase;
  const setValue = (db: Db, v: number) => sql`update kept_test set v = ${v}`.execute(db);

  beforeAll(async () => {
    t = await freshDatabase();
    await sql`create table kept_test (v integer not null)`.execute(t.handle.db);
    await sql`insert into kept_test (v) values (1)`.execute(t.handle.db);
  });
  afterAll(async () => t?.drop());

  it('is loaded when the app starts and answered from memory; a committed change is seen at once', async () => {
    const kept = createKeptRead(t.handle, 'custodia_kept_a', readValue);
    await startKeptReads(t.handle);
    try {
      expect(kept.peek()).toBe(1);
      await inTransaction(t.handle.db, async (tx) => {
        await kept.changed(tx);
        await setValue(tx, 2);
        // While the change is open nothing is answered from memory.
        expect(kept.peek()).toBeUndefined();
      });
      // Loaded again after the commit: never the value from before it.
      await expect
        .poll(() => {
          expect(kept.peek()).not.toBe(1);
          return kept.peek();
        })
        .toBe(2);
    } finally {
      await stopKeptReads(t.handle);
      await setValue(t.handle.db, 1);
    }
  });

  it('a change rolled back leaves the committed value; nothing is kept while it was open', async () => {
    const kept = createKeptRead(t.handle, 'custodia_kept_b', readValue);
    await startKeptReads(t.handle);
    try {
      await expect.poll(() => kept.peek()).toBe(1);
      await expect(
        inTransaction(t.handle.db, async (tx) => {
          await kept.changed(tx);
          await setValue(tx, 7);
          // A load now, on SQLite through the same connection, could see the uncommitted 7.
          expect(kept.peek()).toBeUndefined();
          throw new Error('the work failed');
        }),
      ).rejects.toThrow('the work failed');
      await expect.poll(() => kept.peek()).toBe(1);
    } finally {
      await stopKeptReads(t.handle);
    }
  });

  it('a load that began before a change is thrown away', async () => {
    let release: (v: number) => void = () => {};
    let loads = 0;
    let done = false;
    // The load at the start answers at once; later ones wait for `release`.
    const kept = createKeptRead(t.handle, 'custodia_kept_c', () => {
      loads += 1;
      if (loads === 1 || done) return Promise.resolve(0);
      return new Promise<number>((resolve) => {
        release = resolve;
      });
    });
    await startKeptReads(t.handle);
    try {
      expect(kept.peek()).toBe(0);
      // A change: the load begun at its end is held, and a second change comes before it returns.
      await inTransaction(t.handle.db, (tx) => kept.changed(tx));
      expect(loads).toBe(2);
      await inTransaction(t.handle.db, (tx) => kept.changed(tx));
      release(1);
      // The stale load kept nothing: a peek after it starts a new load, and answers nothing meanwhile.
      await expect
        .poll(() => {
          expect(kept.peek()).toBeUndefined();
          return loads;
        })
        .toBe(3);
      release(3);
      await expect.poll(() => kept.peek()).toBe(3);
    } finally {
      done = true;
      release(0);
      await stopKeptReads(t.handle);
    }
  });

  it.skipIf(testEngine() !== 'postgresql')(
    'another replica hears a committed change and forgets (LISTEN/NOTIFY); a replica not listening keeps nothing',
    async () => {
      const other = await openDatabase(t.config.database, { searchPath: t.schema as string, poolSize: 2 });
      const here = createKeptRead(t.handle, 'custodia_kept_d', readValue);
      const there = createKeptRead(other, 'custodia_kept_d', readValue);
      try {
        // Not started: PostgreSQL keeps nothing without listening to the other replicas.
        expect(there.peek()).toBeUndefined();
        await startKeptReads(t.handle);
        await startKeptReads(other);
        await expect.poll(() => there.peek()).toBe(1);
        const heard = there.heard();
        await inTransaction(t.handle.db, async (tx) => {
          await here.changed(tx);
          await setValue(tx, 5);
        });
        await expect.poll(() => there.heard(), { timeout: 15_000 }).toBeGreaterThan(heard);
        await expect.poll(() => there.peek()).toBe(5);
      } finally {
        await stopKeptReads(t.handle);
        await stopKeptReads(other);
        await other.close();
        await setValue(t.handle.db, 1);
      }
    },
  );
});
