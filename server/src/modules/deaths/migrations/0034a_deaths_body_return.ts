import type { ForeignKeyConstraintBuilder, Kysely } from 'kysely';

const deferrable = (fk: ForeignKeyConstraintBuilder) => fk.deferrable().initiallyImmediate();

/**
 * INJ-8 (ADR 0037, "The body"): the release of the body by the investigation authority and its return
 * (or a burial by the state for a documented reason). Rows are appended, never edited: a second
 * row is a correction with its reason, the latest stands. Sorts after `0034_deaths` ('_' < 'a').
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('death_body_release')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('released_at', 'text', (c) => c.notNull())
    .addColumn('release_reference', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('returned_at', 'text')
    .addColumn('recipient_name', 'text')
    .addColumn('recipient_relation', 'text')
    .addColumn('buried_on', 'text')
    .addColumn('note', 'text')
    .addColumn('correction_reason', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('death_body_release_event_fk', ['event_id'], 'death_event', ['id'], deferrable)
    .execute();
  await db.schema
    .createIndex('death_body_release_event')
    .on('death_body_release')
    .column('event_id')
    .execute();
}
