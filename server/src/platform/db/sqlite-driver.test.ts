import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { type Generated, Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommitSqliteDialect, type GroupCommitSqliteDriver } from './sqlite-driver.ts';

interface Tables {
  note: { id: Generated<number>; text: string };
  child: { id: Generated<number>; parent_id: number };
}

let dir: string;
let file: string;
let db: Kysely<Tables>;
let driver: GroupCommitSqliteDriver;

function open(options?: ConstructorParameters<typeof GroupCommitSqliteDialect>[1]): void {
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  const dialect = new GroupCommitSqliteDialect(database, options);
  driver = dialect.driver;
  db = new Kysely<Tables>({ dialect });
}

/** What another process sees: only what is committed. */
function committedTexts(): string[] {
  const other = new SQLite(file, { readonly: true });
  try {
    return (other.prepare('select text from note order by id').all() as { text: string }[]).map(
      (r) => r.text,
    );
  } finally {
    other.close();
  }
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-group-commit-'));
  file = path.join(dir, 'test.db');
  open();
  await sql`create table note (id integer primary key, text text not null unique)`.execute(db);
  await sql`create table child (id integer primary key,
    parent_id integer not null references note (id) deferrable initially deferred)`.execute(db);
});

afterEach(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const insert = (text: string) =>
  db.transaction().execute(async (tx) => {
    await tx.insertInto('note').values({ text }).execute();
    return text;
  });

describe('SQLite group commit (ADR 0013)', () => {
  it('transactions that queue together share one commit, and each is on disk when it resolves', async () => {
    const before = driver.stats.groups;
    const texts = Array.from({ length: 20 }, (_, i) => `note ${i}`);
    const done = await Promise.all(
      texts.map(async (text) => {
        await insert(text);
        // Resolved: another connection (another process) must see it already.
        return committedTexts().includes(text);
      }),
    );
    expect(done).toEqual(texts.map(() => true));
    expect(driver.stats.groups - before).toBeLessThan(5);
    expect(driver.stats.transactions).toBeGreaterThanOrEqual(20);
  });

  it('one transaction that fails in a group takes back only its own writes', async () => {
    const results = await Promise.allSettled([
      insert('first'),
      db.transaction().execute(async (tx) => {
        await tx.insertInto('note').values({ text: 'doomed' }).execute();
        throw new Error('refused by a rule');
      }),
      insert('first'), // unique: fails at its statement
      insert('third'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('refused by a rule');
    expect(committedTexts()).toEqual(['first', 'third']);
  });

  it('a write outside a transaction that joins an open group waits for its commit', async () => {
    // No time limit on the group: on a loaded machine 10 ms can pass before `after` is queued.
    await db.destroy();
    open({ maxTransactions: 64, maxWaitMs: 10_000, statementCacheSize: 50 });
    let letGo!: () => void;
    const held = new Promise<void>((resolve) => {
      letGo = resolve;
    });
    const slow = db.transaction().execute(async (tx) => {
      await tx.insertInto('note').values({ text: 'slow' }).execute();
      await held;
    });
    const plain = db
      .insertInto('note')
      .values({ text: 'plain' })
      .execute()
      .then(() => committedTexts());
    const after = insert('after'); // queued behind it: the plain write does not commit the group itself
    letGo();
    await Promise.all([slow, after]);
    expect(await plain).toEqual(['slow', 'plain', 'after']);
  });

  it('a group whose commit fails fails every writer in it and keeps nothing', async () => {
    const results = await Promise.allSettled([
      insert('kept only if the group commits'),
      db.transaction().execute(async (tx) => {
        await tx.insertInto('child').values({ parent_id: 999 }).execute(); // checked at COMMIT
      }),
      insert('also lost'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(committedTexts()).toEqual([]);
    // The connection is usable again afterwards.
    await insert('after');
    expect(committedTexts()).toEqual(['after']);
  });

  it('a group is committed once it holds maxTransactions, even while others wait', async () => {
    await db.destroy();
    open({ maxTransactions: 3, maxWaitMs: 10_000, statementCacheSize: 50 });
    const before = driver.stats.groups;
    await Promise.all(Array.from({ length: 9 }, (_, i) => insert(`n${i}`)));
    expect(driver.stats.groups - before).toBe(3);
  });

  it('cached statements follow a change of the schema', async () => {
    await insert('a');
    const read = () => sql<Record<string, unknown>>`select * from note`.execute(db);
    expect(Object.keys((await read()).rows[0] ?? {})).toEqual(['id', 'text']);
    await sql`alter table note add column extra text`.execute(db);
    expect(Object.keys((await read()).rows[0] ?? {})).toEqual(['id', 'text', 'extra']);
  });

  it('keeps at most statementCacheSize statements, and evicted ones still run', async () => {
    await db.destroy();
    open({ maxTransactions: 64, maxWaitMs: 10, statementCacheSize: 2 });
    for (let round = 0; round < 2; round++) {
      for (const n of [1, 2, 3, 4]) {
        const { rows } = await sql<{ v: number }>`select ${sql.lit(n)} as v`.execute(db);
        expect(rows[0]?.v).toBe(n);
      }
    }
  });
});

describe('SQLite commits made durable off the event loop (ADR 0058)', () => {
  /** A stand-in for fs.fsync that the test lets go, or fails, one call at a time. */
  function heldSync() {
    const calls: { fd: number; release: () => void; fail: (error: Error) => void }[] = [];
    const syncFile = (fd: number) =>
      new Promise<void>((resolve, reject) => {
        calls.push({ fd, release: resolve, fail: reject });
      });
    return { calls, syncFile };
  }
  const turns = async (n = 5) => {
    for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
  };
  const settledFlag = (promise: Promise<unknown>) => {
    const state = { settled: false };
    promise.then(
      () => {
        state.settled = true;
      },
      () => {
        state.settled = true;
      },
    );
    return state;
  };

  it('a database opened with synchronous=FULL in WAL mode is run NORMAL, and the driver syncs its WAL', async () => {
    const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
    expect(rows[0]?.synchronous).toBe(1);
    const before = driver.stats.syncs;
    await insert('synced');
    expect(driver.stats.syncs).toBeGreaterThan(before);
  });

  it('a transaction is answered only after the fsync of the WAL, which runs while the event loop goes on', async () => {
    await db.destroy();
    const sync = heldSync();
    open({ maxTransactions: 64, maxWaitMs: 10, statementCacheSize: 50, syncFile: sync.syncFile });
    const written = insert('held');
    const state = settledFlag(written);
    await turns();
    // Committed (another process reads it) but not yet answered: the fsync has not returned.
    expect(committedTexts()).toEqual(['held']);
    expect(sync.calls).toHaveLength(1);
    expect(state.settled).toBe(false);
    // The event loop is free meanwhile: a read is answered.
    const { rows } = await sql<{ n: number }>`select count(*) as n from note`.execute(db);
    expect(rows[0]?.n).toBe(1);
    expect(state.settled).toBe(false);
    sync.calls[0]?.release();
    expect(await written).toBe('held');
  });

  it('commits made while one fsync runs share the next; none is answered by an fsync that began before it', async () => {
    await db.destroy();
    const sync = heldSync();
    open({ maxTransactions: 64, maxWaitMs: 10, statementCacheSize: 50, syncFile: sync.syncFile });
    const first = insert('first');
    await turns();
    expect(sync.calls).toHaveLength(1);
    const later = [insert('second'), insert('third')];
    const laterState = later.map(settledFlag);
    await turns();
    expect(committedTexts()).toEqual(['first', 'second', 'third']);
    sync.calls[0]?.release(); // began before the later commits: it answers the first only
    expect(await first).toBe('first');
    await turns();
    expect(laterState.map((s) => s.settled)).toEqual([false, false]);
    expect(sync.calls).toHaveLength(2); // one more fsync for both
    sync.calls[1]?.release();
    expect(await Promise.all(later)).toEqual(['second', 'third']);
  });

  it('a write outside a transaction is answered only after the fsync', async () => {
    await db.destroy();
    const sync = heldSync();
    open({ maxTransactions: 64, maxWaitMs: 10, statementCacheSize: 50, syncFile: sync.syncFile });
    const plain = db.insertInto('note').values({ text: 'plain' }).execute();
    const state = settledFlag(plain);
    await turns();
    expect(committedTexts()).toEqual(['plain']);
    expect(state.settled).toBe(false);
    sync.calls[0]?.release();
    await plain;
  });

  it('a failed fsync fails its writers, and the driver refuses all further work', async () => {
    await db.destroy();
    const sync = heldSync();
    open({ maxTransactions: 64, maxWaitMs: 10, statementCacheSize: 50, syncFile: sync.syncFile });
    const written = insert('unsure');
    await turns();
    sync.calls[0]?.fail(new Error('EIO'));
    await expect(written).rejects.toThrow(/could not be synced: EIO/);
    await expect(insert('after')).rejects.toThrow(/could not be synced/);
    await expect(sql`select 1`.execute(db)).rejects.toThrow(/could not be synced/);
  });

  it('a database not in WAL mode keeps its own synchronous setting and syncs nothing itself', async () => {
    await db.destroy();
    const other = path.join(dir, 'rollback.db');
    const database = new SQLite(other);
    database.pragma('journal_mode = DELETE');
    database.pragma('synchronous = FULL');
    const dialect = new GroupCommitSqliteDialect(database);
    db = new Kysely<Tables>({ dialect });
    await sql`create table note (id integer primary key, text text not null unique)`.execute(db);
    await insert('plain journal');
    expect(database.pragma('synchronous', { simple: true })).toBe(2);
    expect(dialect.driver.stats.syncs).toBe(0);
  });
});
