import type { Kysely } from 'kysely';

/**
 * Issue 15 (ADR 0046): the officer's "not brought to the round (regime)" mark, one per person and
 * round (MDX-3); and the counts of in-possession supplies at review (MDX-5).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('medication_not_brought')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('round_date', 'text', (c) => c.notNull())
    .addColumn('round', 'text', (c) => c.notNull())
    .addColumn('round_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('marked_by', 'text', (c) => c.notNull())
    .addColumn('marked_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('medication_not_brought_round')
    .on('medication_not_brought')
    .columns(['person_id', 'round_date', 'round'])
    .unique()
    .execute();
  await db.schema
    .createIndex('medication_not_brought_institution')
    .on('medication_not_brought')
    .columns(['institution_id', 'round_at'])
    .execute();

  // MDX-5: an in-possession supply counted at review, against what should be left.
  await db.schema
    .createTable('medication_possession_count')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('prescription_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('supply_movement_id', 'text', (c) => c.notNull())
    .addColumn('supplied', 'integer', (c) => c.notNull())
    .addColumn('supplied_at', 'text', (c) => c.notNull())
    .addColumn('expected', 'integer', (c) => c.notNull())
    .addColumn('counted', 'integer', (c) => c.notNull())
    .addColumn('difference', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('counted_by', 'text', (c) => c.notNull())
    .addColumn('counted_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('medication_possession_count_person')
    .on('medication_possession_count')
    .columns(['person_id', 'counted_at'])
    .execute();
}
