import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';

/**
 * SQLite for the server: group commit and a prepared-statement cache (ADR 0013).
 *
 * With `synchronous=FULL` every commit waits for an fsync of the WAL, and better-sqlite3 waits on
 * the event loop, so one transaction at a time paid one fsync each. Here the transactions that
 * queue for the one connection while another runs share one outer SQLite transaction: each is a
 * SAVEPOINT inside it (its own rollback stays its own), and the outer COMMIT — one fsync — runs
 * once the connection is released with nobody waiting for it, right after that turn of the event
 * loop, so that requests already read from their sockets join first (or at once when the group
 * reached `maxTransactions` or `maxWaitMs`). A transaction's `execute()` resolves only after that COMMIT:
 * what a caller has been told is written is on disk, as before. A write outside a transaction
 * that joins an open group waits for it in the same way.
 *
 * What changes: a read that runs while a group is open sees the group's writes a few milliseconds
 * before they are on disk. If that COMMIT fails (a full or failing disk), every writer of the group
 * gets the error and nothing of the group is kept.
 *
 * The fsync off the event loop (ADR 0058). A database opened with `synchronous=FULL` in WAL mode is
 * switched to NORMAL (the WAL written at COMMIT, not synced), and the driver syncs the WAL file
 * itself in libuv's thread pool after each group's COMMIT: the group's callers are answered only
 * once that fsync has returned, so what a caller is told is written is on disk, exactly as with FULL.
 * The event loop goes on with other requests (and the next group) while the disk works, instead of
 * waiting in the COMMIT. Commits that arrive during one fsync share the next. Checkpoints keep
 * NORMAL's own syncs (the WAL before, the database after). If an fsync fails, its writers get the
 * error and the driver refuses all further work: what the disk holds is then known only after a
 * restart (as PostgreSQL does after a failed fsync).
 */
export interface GroupCommitOptions {
  /** Commit a group once it holds this many transactions, even if others are waiting. */
  maxTransactions: number;
  /** Commit a group this long after it opened, at the next release of the connection, even if others wait. */
  maxWaitMs: number;
  /** Prepared statements kept (least recently used goes first). */
  statementCacheSize: number;
  /** Makes a file durable (tests replace it to hold or fail the fsync); fs.fsync in the thread pool. */
  syncFile?: (fd: number) => Promise<void>;
}

export const defaultGroupCommit: GroupCommitOptions = {
  maxTransactions: 64,
  maxWaitMs: 10,
  statementCacheSize: 500,
};

/** One outer transaction shared by several callers' transactions. */
class Group {
  readonly openedAt = performance.now();
  transactions = 0;
  settled = false;
  /** A commit is scheduled for the next turn of the event loop. */
  scheduled = false;
  readonly done: Promise<void>;
  #resolve!: () => void;
  #reject!: (error: Error) => void;
  constructor() {
    this.done = new Promise<void>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.done.catch(() => {}); // awaited by its members; a group of reads alone has nobody to tell
  }
  resolve(): void {
    this.settled = true;
    this.#resolve();
  }
  reject(error: Error): void {
    this.settled = true;
    this.#reject(error);
  }
}

const fsyncInPool = promisify(fs.fsync);
const noop = () => {};

/**
 * The WAL's fsync, in the thread pool (ADR 0058). `durable()` answers once an fsync that began after
 * the call has returned: at once if none is running, else the one after the running one, shared by
 * everyone who asks meanwhile.
 */
class WalSync {
  #fd: number | undefined;
  #inode: number | undefined;
  #running: Promise<void> | undefined;
  #next: Promise<void> | undefined;
  constructor(
    readonly file: string,
    readonly syncFile: (fd: number) => Promise<void>,
  ) {}

  durable(): Promise<void> {
    if (this.#next) return this.#next;
    if (this.#running) {
      this.#next = this.#running.then(noop, noop).then(() => {
        this.#next = undefined;
        return this.#begin();
      });
      return this.#next;
    }
    return this.#begin();
  }

  #begin(): Promise<void> {
    const running: Promise<void> = Promise.resolve()
      .then(() => this.syncFile(this.#open()))
      .finally(() => {
        if (this.#running === running) this.#running = undefined;
      });
    this.#running = running;
    return running;
  }

  /** The WAL's descriptor; opened again if SQLite made a new file (it deletes the WAL only on close). */
  #open(): number {
    const inode = fs.statSync(this.file).ino;
    if (this.#fd === undefined || inode !== this.#inode) {
      if (this.#fd !== undefined) fs.closeSync(this.#fd);
      this.#fd = fs.openSync(this.file, 'r');
      this.#inode = inode;
    }
    return this.#fd;
  }

  /** Waits for the syncs under way, then lets the descriptor go. */
  async close(): Promise<void> {
    await (this.#next ?? this.#running)?.then(noop, noop);
    if (this.#fd !== undefined) fs.closeSync(this.#fd);
    this.#fd = undefined;
  }
}

/** A FIFO lock that knows how many wait for it. */
class Lock {
  #held = false;
  #queue: Array<() => void> = [];
  get waiting(): number {
    return this.#queue.length;
  }
  async acquire(): Promise<void> {
    if (this.tryAcquire()) return;
    await new Promise<void>((resolve) => this.#queue.push(resolve));
  }
  /** Takes the lock if it is free, at once. */
  tryAcquire(): boolean {
    if (this.#held) return false;
    this.#held = true;
    return true;
  }
  release(): void {
    const next = this.#queue.shift();
    if (next) next();
    else this.#held = false;
  }
}

const SAVEPOINT = 'custodia_tx';

/** One holding of the connection: Kysely gets a new lease each time it acquires it. */
class Lease implements DatabaseConnection {
  released = false;
  /** The open group this lease wrote into, whose commit it must wait for. */
  group: Group | undefined;
  /** A write outside any transaction committed by itself: its release waits for the WAL's fsync. */
  autocommitted = false;
  constructor(readonly driver: GroupCommitSqliteDriver) {}
  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    if (this.released) return Promise.reject(new Error('SQLite connection used after its release'));
    return Promise.resolve(this.driver.run<R>(this, compiledQuery));
  }
  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiledQuery.query)) {
      throw new Error('the SQLite driver streams SELECT queries only');
    }
    // Not from the cache: an iterating statement is busy until the loop ends.
    const statement = this.driver.database.prepare(compiledQuery.sql);
    for (const row of statement.iterate(compiledQuery.parameters as unknown[])) {
      if (this.released) throw new Error('SQLite connection used after its release');
      yield { rows: [row as R] };
    }
  }
}

export class GroupCommitSqliteDriver implements Driver {
  readonly #lock = new Lock();
  readonly #statements = new Map<string, SQLite.Statement>();
  #group: Group | undefined;
  /** Groups committed and transactions in them, since the start (for tests and the benchmark notes). */
  readonly stats = { groups: 0, transactions: 0, syncs: 0 };
  /** Set when the driver syncs the WAL itself (a file in WAL mode opened with synchronous=FULL). */
  readonly #wal: WalSync | undefined;
  /** A failed fsync: nothing more is done until a restart (ADR 0058). */
  #failure: Error | undefined;

  constructor(
    readonly database: SQLite.Database,
    readonly options: GroupCommitOptions = defaultGroupCommit,
  ) {
    const wal = String(database.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal';
    if (wal && !database.memory && database.pragma('synchronous', { simple: true }) === 2) {
      database.pragma('synchronous = NORMAL');
      const syncFile = options.syncFile ?? fsyncInPool;
      this.#wal = new WalSync(path.resolve(`${database.name}-wal`), (fd) => {
        this.stats.syncs++;
        return syncFile(fd);
      });
    }
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#failure) throw this.#failure;
    await this.#lock.acquire();
    return new Lease(this);
  }

  /** Resolves once what is committed now is on disk (at once when SQLite syncs each commit itself). */
  #durable(): Promise<void> {
    if (!this.#wal) return Promise.resolve();
    return this.#wal.durable().catch((error: Error) => {
      this.#failure ??= new Error(`the database's write-ahead log could not be synced: ${error.message}`);
      throw this.#failure;
    });
  }

  /** Runs one statement on the connection (the lease holds the lock). */
  run<R>(lease: Lease, { sql, parameters }: CompiledQuery): QueryResult<R> {
    const statement = this.#prepare(sql);
    if (this.#group && !statement.readonly) lease.group = this.#group;
    if (statement.reader) return { rows: statement.all(parameters as unknown[]) as R[] };
    const { changes, lastInsertRowid } = statement.run(parameters as unknown[]);
    if (!statement.readonly && !this.database.inTransaction) lease.autocommitted = true;
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  #prepare(sql: string): SQLite.Statement {
    const cached = this.#statements.get(sql);
    if (cached) {
      this.#statements.delete(sql);
      this.#statements.set(sql, cached);
      return cached;
    }
    const statement = this.database.prepare(sql);
    this.#statements.set(sql, statement);
    if (this.#statements.size > this.options.statementCacheSize) {
      const oldest = this.#statements.keys().next().value;
      if (oldest !== undefined) this.#statements.delete(oldest);
    }
    return statement;
  }

  #exec(sql: string): void {
    this.#prepare(sql).run();
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    if (!this.#group) {
      this.#exec('begin');
      this.#group = new Group();
    }
    this.#exec(`savepoint ${SAVEPOINT}`);
    this.#group.transactions++;
    lease.group = this.#group;
  }

  async commitTransaction(): Promise<void> {
    // Into the group; on disk when the group commits (releaseConnection).
    this.#exec(`release ${SAVEPOINT}`);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // Rolled back: nothing of this transaction waits to be written (the caller gets its own error).
    (connection as Lease).group = undefined;
    if (this.database.inTransaction) {
      this.#exec(`rollback to ${SAVEPOINT}`);
      this.#exec(`release ${SAVEPOINT}`);
      return;
    }
    // SQLite rolled the whole outer transaction back itself (disk full, I/O error): the group is lost.
    const group = this.#group;
    this.#group = undefined;
    group?.reject(new Error('the database rolled back a group of transactions after an error'));
  }

  async savepoint(connection: DatabaseConnection, name: string) {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoted(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string) {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${quoted(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string) {
    await connection.executeQuery(CompiledQuery.raw(`release ${quoted(name)}`));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    if (lease.released) return;
    lease.released = true;
    const group = this.#group;
    if (
      group &&
      (group.transactions >= this.options.maxTransactions ||
        performance.now() - group.openedAt >= this.options.maxWaitMs)
    ) {
      this.#commit(group);
    } else if (group && this.#lock.waiting === 0 && !group.scheduled) {
      // Nobody waits now; requests already read from their sockets may still join on this turn
      // of the event loop. Commit right after it (at a quiet moment, that is at once).
      group.scheduled = true;
      setImmediate(() => this.#commitWhenFree(group));
    }
    this.#lock.release();
    if (lease.group) await lease.group.done; // throws if the group's commit (or its fsync) failed
    if (lease.autocommitted) await this.#durable();
  }

  #commitWhenFree(group: Group): void {
    group.scheduled = false;
    if (this.#group !== group) return; // committed (or lost) meanwhile
    // Held: its holder's release commits or schedules again.
    if (!this.#lock.tryAcquire()) return;
    try {
      this.#commit(group);
    } finally {
      this.#lock.release();
    }
  }

  #commit(group: Group): void {
    this.#group = undefined;
    try {
      this.#exec('commit');
      this.stats.groups++;
      this.stats.transactions += group.transactions;
      // Answered once on disk; meanwhile the event loop serves others (ADR 0058).
      this.#durable().then(
        () => group.resolve(),
        (error: Error) => group.reject(error),
      );
    } catch (error) {
      if (this.database.inTransaction) this.database.prepare('rollback').run();
      group.reject(error as Error);
    }
  }

  async destroy(): Promise<void> {
    const group = this.#group;
    if (group && this.database.inTransaction) this.#commit(group);
    await group?.done.catch(noop);
    await this.#wal?.close();
    this.#statements.clear();
    this.database.close();
  }
}

function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Kysely's SQLite dialect with the driver above. */
export class GroupCommitSqliteDialect implements Dialect {
  readonly driver: GroupCommitSqliteDriver;
  constructor(database: SQLite.Database, options?: GroupCommitOptions) {
    this.driver = new GroupCommitSqliteDriver(database, options);
  }
  createDriver(): Driver {
    return this.driver;
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}
