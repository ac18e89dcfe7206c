import type { Kysely } from 'kysely';

/**
 * Units and cells become editable administrative rows (issue 4; ADR 0009): each carries a `version`
 * for optimistic concurrency, as institutions already do. Existing rows start at version 1.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('unit')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('cell')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}
