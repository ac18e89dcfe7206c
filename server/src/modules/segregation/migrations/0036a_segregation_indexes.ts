import type { Kysely } from 'kysely';

/**
 * Issue 18, Performance (ADR 0039). SEG-1 for the whole country reads one day's records by their
 * day. The wing list, the worklist and the register read what a placement's state needs from
 * covering indexes, without the tables' rows (notes and authors stay in the rows, for the timeline).
 * Sorts after `0036_cell_lighting`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('segregation_day_day')
    .on('segregation_day')
    .columns(['day', 'placement_id', 'recorded_at', 'out_of_cell_minutes', 'contact_minutes'])
    .execute();
  await db.schema
    .createIndex('segregation_day_state')
    .on('segregation_day')
    .columns([
      'placement_id',
      'day',
      'recorded_at',
      'out_of_cell_minutes',
      'outdoor_minutes',
      'contact_minutes',
    ])
    .execute();
  await db.schema
    .createIndex('segregation_health_visit_state')
    .on('segregation_health_visit')
    .columns(['placement_id', 'at', 'adverse_effect'])
    .execute();
  await db.schema
    .createIndex('segregation_management_visit_state')
    .on('segregation_management_visit')
    .columns(['placement_id', 'at'])
    .execute();
}
