import type { Kysely } from 'kysely';

/**
 * SEG-1 for the whole country from one day's records (issue 18, Performance; ADR 0039): the day's
 * records are read by their day, not placement by placement. Sorts after `0036_cell_lighting`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('segregation_day_day')
    .on('segregation_day')
    .columns(['day', 'placement_id'])
    .execute();
}
