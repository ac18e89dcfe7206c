import type { Kysely } from 'kysely';

/**
 * A person's encounters of one type, newest first (issue 13: "the person with 5,000 encounters the
 * same as anyone"; ADR 0058). The chart's last admission screenings were read by walking every
 * encounter of the person in time order, newest first, until twenty screenings were found: a person
 * with 5,000 encounters and one screening walked all 5,000 (1 ms of the chart's 3 ms statement at
 * pilot scale). With the type in the index it is one seek, however long the history.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('encounter_person_type')
    .on('encounter')
    .columns(['person_id', 'type', 'started_at', 'id'])
    .execute();
}
