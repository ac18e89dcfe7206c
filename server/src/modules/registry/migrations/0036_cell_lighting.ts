import type { Kysely } from 'kysely';

/**
 * SEG-12 (issue 18; ADR 0039): a cell's lighting. The cell row carries its current condition (read
 * where a person is placed), and every change is a row of `cell_lighting_change`, never updated:
 * the condition, the day it applies from, the reason, who recorded it and when.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('cell')
    .addColumn('lighting', 'text', (c) => c.notNull().defaultTo('adequate'))
    .execute();
  await db.schema.alterTable('cell').addColumn('lighting_since', 'text').execute();
  await db.schema.alterTable('cell').addColumn('lighting_reason', 'text').execute();
  await db.schema
    .createTable('cell_lighting_change')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cell_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('lighting', 'text', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('cell_lighting_change_cell_fk', ['cell_id'], 'cell', ['id'], (fk) =>
      fk.deferrable().initiallyImmediate(),
    )
    .execute();
  await db.schema
    .createIndex('cell_lighting_change_cell')
    .on('cell_lighting_change')
    .columns(['cell_id', 'recorded_at'])
    .execute();
}
