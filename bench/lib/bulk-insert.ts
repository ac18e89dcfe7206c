import { CompiledQuery, type Insertable, type Kysely } from 'kysely';
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
  const statements = new Map<number, string>();
  const textFor = (count: number) => {
    let text = statements.get(count);
    if (!text) {
      text = insertSql(dialect, table, columns, count);
      statements.set(count, text);
    }
    return text;
  };
  const work = async (executor: Kysely<Database>) => {
    let inserted = 0;
    for (let start = 0; start < records.length; start += perStatement) {
      const end = Math.min(start + perStatement, records.length);
      const parameters: unknown[] = new Array((end - start) * columns.length);
      let p = 0;
      for (let r = start; r < end; r++) {
        const record = records[r] as Record<string, unknown>;
        for (const column of columns) parameters[p++] = record[column] ?? null;
      }
      await executor.executeQuery(CompiledQuery.raw(textFor(end - start), parameters));
      inserted = end;
      options.onProgress?.(inserted);
    }
    return inserted;
  };
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
