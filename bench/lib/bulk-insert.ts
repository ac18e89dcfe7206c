import { performance } from 'node:perf_hooks';
import { CompiledQuery, type Insertable, type Kysely, sql } from 'kysely';
import type { Dialect } from '../../server/src/platform/db/database.ts';
import type { Database } from '../../server/src/platform/db/schema.ts';

/**
 * Bound parameters one statement may carry: SQLite's SQLITE_MAX_VARIABLE_NUMBER (32766 since 3.32)
 * and PostgreSQL's wire protocol limit (a 16-bit parameter count).
 */
export const PARAMETER_LIMIT: Record<Dialect, number> = { sqlite: 32766, postgresql: 65535 };

/** Rows per statement when the caller does not say; measured in bench/bulk-insert.check.ts. */
export const DEFAULT_BATCH_ROWS = 1000;

export interface BulkInsertOptions {
  /** Rows per INSERT statement; lowered automatically to stay under the engine's parameter limit. */
  batchRows?: number;
  /** Called after each statement with the number of rows inserted so far (for progress lines). */
  onProgress?: (inserted: number) => void;
}

export class BulkInsertError extends Error {}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/** How many rows fit in one statement of `columns` columns on this engine, at most `batchRows`. */
export function rowsPerStatement(dialect: Dialect, columns: number, batchRows = DEFAULT_BATCH_ROWS): number {
  if (columns < 1) throw new BulkInsertError('a row needs at least one column');
  if (!Number.isInteger(batchRows) || batchRows < 1)
    throw new BulkInsertError(`batchRows must be a positive integer, not ${batchRows}`);
  const fit = Math.floor(PARAMETER_LIMIT[dialect] / columns);
  if (fit < 1) throw new BulkInsertError(`${columns} columns exceed the ${dialect} parameter limit`);
  return Math.min(batchRows, fit);
}

function insertSql(dialect: Dialect, table: string, columns: string[], rows: number): string {
  const head = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values `;
  const tuples: string[] = [];
  let n = 0;
  for (let r = 0; r < rows; r++) {
    const marks: string[] = [];
    for (let c = 0; c < columns.length; c++) marks.push(dialect === 'sqlite' ? '?' : `$${++n}`);
    tuples.push(`(${marks.join(', ')})`);
  }
  return head + tuples.join(', ');
}

/**
 * Inserts `rows` into `table` with multi-row INSERT statements, chunked under the engine's parameter
 * limit, all inside one transaction (the caller's, when `db` already is one): every row lands, or none.
 *
 * Every row must have the same columns as the first (values are passed as they are: map booleans to
 * 0/1 and instants to ISO strings first, as the repositories do). It builds the SQL text itself rather
 * than through Kysely's query builder, so millions of rows cost no per-value syntax tree.
 * Returns the number of rows inserted.
 */
export async function bulkInsert<T extends keyof Database & string>(
  db: Kysely<Database>,
  dialect: Dialect,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  options: BulkInsertOptions = {},
): Promise<number> {
  const first = rows[0];
  if (!first) return 0;
  const columns = Object.keys(first);
  const perStatement = rowsPerStatement(dialect, columns.length, options.batchRows);
  const records = rows as readonly Record<string, unknown>[];
  for (let i = 1; i < records.length; i++) {
    const keys = Object.keys(records[i] ?? {});
    if (keys.length !== columns.length || !columns.every((c) => c in (records[i] ?? {}))) {
      throw new BulkInsertError(
        `${table} row ${i} has columns (${keys.join(', ')}), the first row (${columns.join(', ')})`,
      );
    }
  }
  const parameters: unknown[] = new Array(records.length * columns.length);
  let p = 0;
  for (const record of records) for (const column of columns) parameters[p++] = record[column] ?? null;
  return insertValues(db, dialect, table, columns, parameters, perStatement, options);
}

/**
 * Like {@link bulkInsert}, for a generator that writes millions of rows: the rows come as one flat
 * array of values, row after row in the order of `columns` (no object per row to build, to read back
 * by key and to collect). `values.length` must be a multiple of `columns.length`; `undefined` is sent
 * as NULL. SQLite: the same statements, chunking and transaction as `bulkInsert`; PostgreSQL: one
 * `unnest` statement per `batchRows` rows (default {@link UNNEST_BATCH_ROWS}). Returns the rows inserted.
 */
export async function bulkInsertValues<T extends keyof Database & string>(
  db: Kysely<Database>,
  dialect: Dialect,
  table: T,
  columns: readonly (keyof Database[T] & string)[],
  values: readonly unknown[],
  options: BulkInsertOptions = {},
): Promise<number> {
  if (!values.length) return 0;
  if (values.length % columns.length !== 0)
    throw new BulkInsertError(
      `${table}: ${values.length} values do not make whole rows of ${columns.length} columns`,
    );
  if (dialect === 'postgresql') return insertUnnest(db, table, columns, values, options);
  const perStatement = rowsPerStatement(dialect, columns.length, options.batchRows);
  return insertValues(db, dialect, table, columns, values, perStatement, options);
}

/** PostgreSQL rows per `unnest` statement when the caller does not say (one array parameter per column). */
export const UNNEST_BATCH_ROWS = 10_000;

/**
 * PostgreSQL: `insert … select * from unnest($1::type[], …)`, one array per column, so a statement
 * of ten thousand rows carries as many parameters as the table has columns and its text is parsed
 * in no time (a multi-row VALUES of a thousand rows is a new statement of 14,000 parameters to
 * parse and plan each time). The column types come from the catalogue.
 */
async function insertUnnest(
  db: Kysely<Database>,
  table: string,
  columns: readonly string[],
  values: readonly unknown[],
  options: BulkInsertOptions,
): Promise<number> {
  const width = columns.length;
  const rows = values.length / width;
  const perStatement = options.batchRows ?? UNNEST_BATCH_ROWS;
  if (!Number.isInteger(perStatement) || perStatement < 1)
    throw new BulkInsertError(`batchRows must be a positive integer, not ${perStatement}`);
  const work = async (executor: Kysely<Database>) => {
    const { rows: types } = await sql<{ name: string; type: string }>`
      select column_name as name, format_type(a.atttypid, a.atttypmod) as type
        from information_schema.columns c
        join pg_attribute a on a.attname = c.column_name
         and a.attrelid = (quote_ident(c.table_schema) || '.' || quote_ident(c.table_name))::regclass
       where c.table_schema = current_schema() and c.table_name = ${table}`.execute(executor);
    const typeOf = new Map(types.map((t) => [t.name, t.type]));
    const casts = columns.map((c, i) => {
      const type = typeOf.get(c);
      if (!type) throw new BulkInsertError(`${table} has no column ${c}`);
      return `$${i + 1}::${type}[]`;
    });
    const text = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) select * from unnest(${casts.join(', ')})`;
    let inserted = 0;
    for (let start = 0; start < rows; start += perStatement) {
      const end = Math.min(start + perStatement, rows);
      const arrays: unknown[][] = columns.map(() => new Array(end - start));
      for (let r = start, j = 0; r < end; r++, j++) {
        const base = r * width;
        for (let c = 0; c < width; c++) (arrays[c] as unknown[])[j] = values[base + c] ?? null;
      }
      await executor.executeQuery(CompiledQuery.raw(text, arrays));
      inserted = end;
      options.onProgress?.(inserted);
    }
    return inserted;
  };
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

async function insertValues(
  db: Kysely<Database>,
  dialect: Dialect,
  table: string,
  columns: readonly string[],
  values: readonly unknown[],
  perStatement: number,
  options: BulkInsertOptions,
): Promise<number> {
  const width = columns.length;
  const rows = values.length / width;
  const statements = new Map<number, string>();
  const textFor = (count: number) => {
    let text = statements.get(count);
    if (!text) {
      text = insertSql(dialect, table, [...columns], count);
      statements.set(count, text);
    }
    return text;
  };
  const work = async (executor: Kysely<Database>) => {
    let inserted = 0;
    for (let start = 0; start < rows; start += perStatement) {
      const end = Math.min(start + perStatement, rows);
      const parameters = values.slice(start * width, end * width);
      for (let i = 0; i < parameters.length; i++) if (parameters[i] === undefined) parameters[i] = null;
      await executor.executeQuery(CompiledQuery.raw(textFor(end - start), parameters));
      inserted = end;
      options.onProgress?.(inserted);
    }
    return inserted;
  };
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

interface SecondaryIndex {
  name: string;
  /** The statement that creates it again, as the engine reports it. */
  definition: string;
}

/**
 * The indexes of `table` that a bulk load may drop and create again: SQLite's with a CREATE INDEX
 * statement (not the primary key's or a UNIQUE column's automatic index), PostgreSQL's not backing a
 * constraint (primary key, UNIQUE or EXCLUDE constraints stay).
 */
export async function secondaryIndexes(
  db: Kysely<Database>,
  dialect: Dialect,
  table: string,
): Promise<SecondaryIndex[]> {
  if (dialect === 'sqlite') {
    const { rows } = await sql<{ name: string; definition: string }>`
      select name, sql as definition from sqlite_master
       where type = 'index' and tbl_name = ${table} and sql is not null order by name`.execute(db);
    return rows;
  }
  const { rows } = await sql<{ name: string; definition: string }>`
    select i.relname as name, pg_get_indexdef(x.indexrelid) as definition
      from pg_index x
      join pg_class i on i.oid = x.indexrelid
      join pg_class t on t.oid = x.indrelid
      join pg_namespace n on n.oid = t.relnamespace
     where t.relname = ${table} and n.nspname = current_schema()
       and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)
     order by i.relname`.execute(db);
  return rows;
}

/**
 * Runs a bulk load of `tables` without their secondary indexes, and creates them again afterwards in
 * one transaction: building an index once from all its rows (a sort) costs far less than updating it
 * for every row inserted. Only for a generator filling tables nobody reads meanwhile; when `work`
 * fails the indexes are still created again (on what was written), then the error is thrown.
 * SQLite: a larger page cache, no WAL checkpoint and no fsync during the load (then as before, and
 * one checkpoint). Returns what `work` returned.
 */
export async function withoutSecondaryIndexes<R>(
  db: Kysely<Database>,
  dialect: Dialect,
  tables: readonly string[],
  work: () => Promise<R>,
  log?: (line: string) => void,
): Promise<R> {
  const dropped: SecondaryIndex[] = [];
  for (const table of tables) dropped.push(...(await secondaryIndexes(db, dialect, table)));
  // SQLite: a page cache that holds the primary key's index, a checkpoint every 50,000 pages (200 MB)
  // rather than every 1000, and no fsync per chunk (a generator that fails is run again on an empty
  // database). Without checkpoints the WAL grew to five times the database (30 GB for the national
  // doses): each chunk appends again every page it touches.
  const pragmas =
    dialect === 'sqlite'
      ? { cache_size: -262_144, wal_autocheckpoint: 50_000, synchronous: 0, temp_store: 2 }
      : {};
  const previous = new Map<string, unknown>();
  for (const [name, value] of Object.entries(pragmas)) {
    previous.set(name, Object.values((await sql.raw(`pragma ${name}`).execute(db)).rows[0] ?? {})[0]);
    await sql.raw(`pragma ${name} = ${value}`).execute(db);
  }
  await db.transaction().execute(async (tx) => {
    for (const index of dropped) await sql`drop index ${sql.id(index.name)}`.execute(tx);
  });
  try {
    return await work();
  } finally {
    const started = performance.now();
    await db.transaction().execute(async (tx) => {
      if (dialect === 'postgresql') await sql`set local maintenance_work_mem = '256MB'`.execute(tx);
      for (const index of dropped) await sql.raw(index.definition).execute(tx);
    });
    for (const [name, value] of previous) await sql.raw(`pragma ${name} = ${Number(value)}`).execute(db);
    if (dialect === 'sqlite') await sql`pragma wal_checkpoint(truncate)`.execute(db);
    log?.(
      `${dropped.length} index(es) of ${tables.join(', ')} created again in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
}
