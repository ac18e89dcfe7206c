import { type ForeignKeyConstraintBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

const deferrable = (fk: ForeignKeyConstraintBuilder) => fk.deferrable().initiallyImmediate();

/**
 * MHS-3 (issue 12): a suicide/self-harm observation alert has its checks and its multidisciplinary
 * reviews, both append-only. An interval longer than 15 minutes keeps its exception reason on the
 * alert, for health-care staff (not in the coded detail custodial staff read).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('health_alert').addColumn('exception_reason', 'text').execute();

  await db.schema
    .createTable('observation_check')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('alert_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('observation_check_alert_fk', ['alert_id'], 'health_alert', ['id'], deferrable)
    .execute();
  // The latest check of an alert: one index lookup per alert.
  await db.schema
    .createIndex('observation_check_alert')
    .on('observation_check')
    .columns(['alert_id', 'checked_at'])
    .execute();

  await db.schema
    .createTable('observation_review')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('alert_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', 'text', (c) => c.notNull())
    /** Who took part and in which discipline (JSON). */
    .addColumn('participants', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('observation_review_alert_fk', ['alert_id'], 'health_alert', ['id'], deferrable)
    .execute();
  await db.schema
    .createIndex('observation_review_alert')
    .on('observation_review')
    .column('alert_id')
    .execute();

  const appendOnly = ['observation_check', 'observation_review'];
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    for (const table of appendOnly) {
      await sql`create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(table)}
        for each row execute function clinical_append_only()`.execute(db);
    }
  } else {
    for (const table of appendOnly) {
      await sql`create trigger ${sql.raw(`${table}_no_update`)} before update on ${sql.table(table)}
        begin select raise(abort, ${sql.lit(`${table} is append-only: record a correction instead`)}); end`.execute(
        db,
      );
      await sql`create trigger ${sql.raw(`${table}_no_delete`)} before delete on ${sql.table(table)}
        begin select raise(abort, ${sql.lit(`${table} is append-only: record a correction instead`)}); end`.execute(
        db,
      );
    }
  }
}
