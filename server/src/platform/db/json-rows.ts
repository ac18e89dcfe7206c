import {
  type Expression,
  type Kysely,
  PostgresAdapter,
  type RawBuilder,
  type ShallowDehydrateObject,
  type Simplify,
} from 'kysely';
import { jsonArrayFrom as postgresJsonArray } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArray } from 'kysely/helpers/sqlite';

/**
 * The rows of a subquery as one JSON array column (issue 13, ADR 0047): several short lists of one
 * record read in one statement, `select (…) as a, (…) as b`, instead of one statement each.
 * PostgreSQL aggregates with `json_agg`, SQLite with `json_group_array(json_object(…))` (so the
 * subquery must name its columns: no `selectAll`). Read each column back with `jsonRows`.
 *
 * Values keep their JSON types on both engines: text stays a string (a JSON document kept in a text
 * column comes back as that text), integers stay numbers, null stays null.
 */
export function jsonArrayOf<O>(
  executor: Kysely<never> | { getExecutor: Kysely<never>['getExecutor'] },
  query: Expression<O>,
): RawBuilder<Simplify<ShallowDehydrateObject<O>>[]> {
  return executor.getExecutor().adapter instanceof PostgresAdapter
    ? postgresJsonArray(query)
    : sqliteJsonArray(query as Parameters<typeof sqliteJsonArray<O>>[0]);
}

/**
 * A column made by `jsonArrayOf`, as rows: PostgreSQL's driver parses JSON, SQLite's gives the text.
 * Sorted again by `order` when given: an aggregate keeps its subquery's order on both engines in
 * practice, but neither promises it.
 */
export function jsonRows<O>(
  value: O[] | string | null,
  order?: (a: NoInfer<O>, b: NoInfer<O>) => number,
): O[] {
  const rows = value === null ? [] : typeof value === 'string' ? (JSON.parse(value) as O[]) : value;
  return order ? rows.sort(order) : rows;
}

/** Newest first by a text timestamp (ISO 8601 sorts as text). */
export const newestFirst =
  <K extends string>(key: K) =>
  (a: Record<K, unknown>, b: Record<K, unknown>) =>
    String(b[key]) < String(a[key]) ? -1 : String(b[key]) > String(a[key]) ? 1 : 0;

/** Oldest first by a text timestamp. */
export const oldestFirst =
  <K extends string>(key: K) =>
  (a: Record<K, unknown>, b: Record<K, unknown>) =>
    newestFirst(key)(b, a);
