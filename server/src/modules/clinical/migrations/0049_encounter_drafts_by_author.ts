import type { Kysely } from 'kysely';

/**
 * The worklist's unsigned notes of their author (issue 14 item 5; issue 13, ADR 0052): the
 * encounters of one author in one status, oldest first, are one index seek instead of a walk of
 * every encounter in created order (18 ms per worklist at pilot scale, 150,000 encounters: the
 * most expensive statement of a clinician's worklist). A full index, not a partial one on drafts:
 * the status comes as a parameter, which neither engine matches against a partial index's predicate
 * when it prepares the statement.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('encounter_author_status')
    .on('encounter')
    .columns(['author_id', 'status', 'created_at', 'id'])
    .execute();
}
