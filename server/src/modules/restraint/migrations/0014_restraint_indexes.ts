import type { Kysely } from 'kysely';

/**
 * "Open" and "not corrected" on the restraint register read, for every end event, whether a
 * correction points at it (`corrects_event_id`). Without an index that is a scan of every event of
 * the country per episode: the national board never answered (docs/benchmarks.md, issue 6).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('restraint_event_corrects')
    .on('restraint_event')
    .columns(['corrects_event_id'])
    .execute();
  // The worklist's "ended in the last three days" (debriefs and the examination after).
  await db.schema
    .createIndex('restraint_event_kind_at')
    .on('restraint_event')
    .columns(['kind', 'at'])
    .execute();
}
