import type { Kysely } from 'kysely';

/**
 * PHC-9 (ADR 0057): the staff's yearly TB screenings (occupational health): the staff member (the
 * registry's staff record), the day, the method and the result, who recorded it and when.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('programme_staff_screen')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('screened_on', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('programme_staff_screen_institution_ix')
    .on('programme_staff_screen')
    .columns(['institution_id', 'screened_on'])
    .execute();
}
