import { type Kysely, sql } from 'kysely';

/**
 * Restraint at national scale (docs/benchmarks.md, issue 6).
 *
 * Almost no restraint event is a correction, so `corrects_event_id` is nearly always null. Over a
 * full index, ANALYZE then counts every row under one key (SQLite's sqlite_stat1 said 137,222 rows
 * per value at national scale) and the planner scanned the whole table for "is this end
 * corrected?" instead of using the index: the board took 9 s. A partial index holds only the
 * corrections, its statistics say what a lookup costs, and `corrects_event_id = x` can use it on
 * both engines.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('restraint_event_corrects').execute();
  await db.schema
    .createIndex('restraint_event_corrects')
    .on('restraint_event')
    .column('corrects_event_id')
    .where(sql.ref('corrects_event_id'), 'is not', null)
    .execute();
  // The register page of a period: a seek on (institution, start) instead of every episode of the
  // institution sorted (0.6-1 ms at national scale).
  await db.schema
    .createIndex('restraint_episode_institution_started')
    .on('restraint_episode')
    .columns(['institution_id', 'started_at'])
    .execute();
}
