import type { Kysely } from 'kysely';

/** Settings of this deployment, including the marker that the database holds demo data. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('system_setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
