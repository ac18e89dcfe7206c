import { PAGE_LIMIT_MAX, type Page } from '@custodia/domain';
import { type SqlBool, sql } from 'kysely';
import { badRequest } from '../errors.ts';

/** A position in a keyset-ordered list: the sort values of the last row seen, ending with its id. */
export type CursorValues = (string | number)[];

export function encodeCursor(values: CursorValues): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/** Decodes a cursor sent by a client; anything not made by `encodeCursor` is a 400, never a 500. */
export function decodeCursor(cursor: string | undefined, arity: number): CursorValues | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))
    ) {
      return values as CursorValues;
    }
  } catch {
    // fall through
  }
  throw badRequest('bad_cursor', 'The paging cursor is not valid: start again from the first page.');
}

/**
 * Turns `limit + 1` fetched rows into a page: the extra row only says that there is more.
 * `keyOf` gives the cursor values of a row, in the same order as the query's ORDER BY.
 */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  keyOf: (row: Row) => CursorValues,
  map: (row: Row) => Item,
): Page<Item> {
  const bounded = Math.min(limit, PAGE_LIMIT_MAX);
  const hasMore = rows.length > bounded;
  const kept = hasMore ? rows.slice(0, bounded) : rows;
  const last = kept[kept.length - 1];
  return { items: kept.map(map), nextCursor: hasMore && last ? encodeCursor(keyOf(last)) : null };
}

/**
 * The keyset condition "after this cursor" as a row-value comparison, `(a, b) > (x, y)`, which both
 * engines evaluate with an index on (a, b). All columns sort in the same direction.
 */
export function keysetAfter(columns: string[], values: CursorValues, direction: 'asc' | 'desc' = 'asc') {
  const op = direction === 'asc' ? sql.raw('>') : sql.raw('<');
  const refs = sql.join(columns.map((c) => sql.ref(c)));
  return sql<SqlBool>`(${refs}) ${op} (${sql.join(values)})`;
}
