import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { type DatabaseTarget, redactUrl } from '../config.ts';
import { ConfigError } from '../errors.ts';
import { CurrentSchemaPostgresDialect } from './pg-introspector.ts';
import type { Database } from './schema.ts';
import { GroupCommitSqliteDialect } from './sqlite-driver.ts';
import { statementCounter } from './statement-count.ts';

export type Dialect = 'sqlite' | 'postgresql';
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the database or a transaction on it: repositories accept both. */
export type Executor = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** Human-readable target (password removed), for messages. */
  describe: string;
  close(): Promise<void>;
  /**
   * PostgreSQL only: a dedicated connection LISTENing on `channel` (for news between replicas);
   * resolves to a function that stops listening. `onLost` is called if the connection fails (news
   * may then be missed). Absent on SQLite (one process holds the file).
   */
  listen?(
    channel: string,
    onMessage: (payload: string) => void,
    onLost?: () => void,
  ): Promise<() => Promise<void>>;
}

// pg returns int8 (COUNT(*), SUM) as strings; our counts fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

/** mkdir -p one level at a time (recursive mkdirSync can spin forever on special file systems). */
function makeFolders(dir: string): void {
  if (fs.existsSync(dir)) return;
  const parent = path.dirname(dir);
  if (parent !== dir) makeFolders(parent);
  fs.mkdirSync(dir);
}

function openSqlite(file: string): SQLite.Database {
  if (file !== ':memory:') {
    const dir = path.dirname(file);
    try {
      makeFolders(dir);
      fs.accessSync(dir, fs.constants.W_OK);
    } catch {
      throw new ConfigError(`cannot write to the data folder ${dir}: check that it exists and is writable`);
    }
  }
  let database: SQLite.Database;
  try {
    database = new SQLite(file);
  } catch (error) {
    throw new ConfigError(`cannot open the SQLite database ${file}: ${(error as Error).message}`);
  }
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  // Clinical durability: a committed dose or observation survives a power cut; concurrent
  // transactions share the fsync (group commit, ./sqlite-driver.ts, ADR 0013).
  database.pragma('synchronous = FULL');
  database.pragma('busy_timeout = 5000');
  return database;
}

export interface OpenOptions {
  /** PostgreSQL only: the schema to use (tests get a fresh schema per file). */
  searchPath?: string;
  poolSize?: number;
}

export async function openDatabase(
  target: DatabaseTarget,
  options: OpenOptions = {},
): Promise<DatabaseHandle> {
  if (target.dialect === 'sqlite') {
    const database = openSqlite(target.file);
    const db = new Kysely<Database>({
      dialect: new GroupCommitSqliteDialect(database),
      plugins: [statementCounter],
    });
    return { db, dialect: 'sqlite', describe: `sqlite:${target.file}`, close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5000,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  });
  // An idle client that loses its server must not crash the process.
  pool.on('error', () => {});
  const describe = redactUrl(target.url);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    const reason = (error as NodeJS.ErrnoException).code || (error as Error).message;
    throw new ConfigError(`cannot reach PostgreSQL at ${describe}: ${reason}`);
  }
  const db = new Kysely<Database>({
    dialect: new CurrentSchemaPostgresDialect({ pool }),
    plugins: [statementCounter],
  });
  return {
    db,
    dialect: 'postgresql',
    describe,
    close: () => db.destroy(),
    async listen(channel, onMessage, onLost) {
      if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
      const client = new pg.Client({ connectionString: target.url });
      let stopping = false;
      client.on('error', () => {
        if (!stopping) onLost?.();
      });
      client.on('end', () => {
        if (!stopping) onLost?.();
      });
      client.on('notification', (message) => {
        if (message.channel === channel) onMessage(message.payload ?? '');
      });
      await client.connect();
      await client.query(`listen ${channel}`);
      return async () => {
        stopping = true;
        await client.end().catch(() => {});
      };
    },
  };
}

const commitCallbacks = new WeakMap<object, Array<() => void>>();

/** Runs `work` in one transaction: everything it writes (and its audit record) commits or none of it. */
export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const callbacks: Array<() => void> = [];
  const ended: Array<() => void> = [];
  let result: T;
  try {
    result = await db.transaction().execute(async (tx) => {
      commitCallbacks.set(tx, callbacks);
      endCallbacks.set(tx, ended);
      const hooks: Array<() => Promise<void>> = [];
      beforeCommitHooks.set(tx, hooks);
      const value = await work(tx);
      // The transaction's last writes, in the order asked for (the audit trail's events, ADR 0058).
      for (const hook of hooks) await hook();
      beforeCommitHooks.delete(tx);
      return value;
    });
  } finally {
    for (const callback of ended) callback();
  }
  for (const callback of callbacks) callback();
  return result;
}

const endCallbacks = new WeakMap<object, Array<() => void>>();

/**
 * Runs `callback` once the transaction of `inTransaction` that `executor` is has ended, committed or
 * rolled back; at once outside one. A kept read (./kept-read.ts) trusts nothing while a change is
 * open.
 */
export function afterEnd(executor: Executor | Tx, callback: () => void): void {
  const callbacks = endCallbacks.get(executor);
  if (callbacks) callbacks.push(callback);
  else callback();
}

const beforeCommitHooks = new WeakMap<object, Array<() => Promise<void>>>();

/**
 * Runs `hook` inside the transaction of `inTransaction` that `executor` is, once its work is done and
 * right before it commits; a failing hook rolls everything back. Answers false (and runs nothing)
 * where `executor` is not such a transaction, or its work is already done: the caller writes at once.
 */
export function beforeCommit(executor: Executor | Tx, hook: () => Promise<void>): boolean {
  const hooks = beforeCommitHooks.get(executor);
  if (!hooks) return false;
  hooks.push(hook);
  return true;
}

/**
 * Runs `callback` once what `executor` wrote is committed: after the transaction of `inTransaction`
 * that `executor` is, or at once outside one (each statement commits by itself). A rolled-back
 * transaction runs none (an in-process cache forgets what a committed change made stale).
 */
export function afterCommit(executor: Executor | Tx, callback: () => void): void {
  const callbacks = commitCallbacks.get(executor);
  if (callbacks) callbacks.push(callback);
  else callback();
}

export async function databaseVersion(db: Db, dialect: Dialect): Promise<string> {
  if (dialect === 'sqlite') {
    const { rows } = await sql<{ v: string }>`select sqlite_version() as v`.execute(db);
    return `SQLite ${rows[0]?.v}`;
  }
  const { rows } = await sql<{ v: string }>`show server_version`.execute(db);
  return `PostgreSQL ${(rows[0] as unknown as { server_version: string }).server_version}`;
}

/** A cheap round trip that fails when the database does not answer within `timeoutMs`. */
export async function ping(db: Db, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const probe = sql`select 1`.execute(db).then(() => true as const);
    return await Promise.race([probe, timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
