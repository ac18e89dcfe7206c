import { type ForeignKeyConstraintBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

const deferrable = (fk: ForeignKeyConstraintBuilder) => fk.deferrable().initiallyImmediate();

/**
 * Restraint and seclusion (issue 6): the append-only register (X-2, RST-10) — an episode row holds
 * what was known at the start; everything after (approval, observations, reviews, handovers, end,
 * debriefs, corrections, complaints) is an event row. Neither table can be updated or deleted.
 * Each institution keeps its restraint policy as numbered versions (RST-14). Staff records carry the
 * expiry of their restraint training (RST-8) until the training module exists.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('staff_member').addColumn('restraint_trained_until', 'text').execute();

  await db.schema
    .createTable('restraint_episode')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text')
    .addColumn('cell_id', 'text', (c) => c.notNull())
    .addColumn('cell_type', 'text', (c) => c.notNull())
    /** JSON arrays: types, less restrictive measures tried, equipment, holds, applied by, flags. */
    .addColumn('types', 'text', (c) => c.notNull())
    .addColumn('combination_reason', 'text')
    .addColumn('in_view_of_others', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('late_entry_reason', 'text')
    .addColumn('authorisation', 'text', (c) => c.notNull())
    .addColumn('order_assessment', 'text')
    .addColumn('harm', 'text', (c) => c.notNull())
    .addColumn('harm_description', 'text', (c) => c.notNull())
    .addColumn('less_restrictive', 'text', (c) => c.notNull())
    .addColumn('less_restrictive_description', 'text', (c) => c.notNull())
    .addColumn('person_preferences', 'text', (c) => c.notNull())
    .addColumn('equipment', 'text', (c) => c.notNull())
    .addColumn('holds', 'text', (c) => c.notNull())
    .addColumn('medication', 'text')
    .addColumn('applied_by', 'text', (c) => c.notNull())
    .addColumn('supervisor_id', 'text', (c) => c.notNull())
    .addColumn('flags', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('restraint_episode_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .addForeignKeyConstraint(
      'restraint_episode_institution_fk',
      ['institution_id'],
      'institution',
      ['id'],
      deferrable,
    )
    .execute();
  await db.schema
    .createIndex('restraint_episode_institution')
    .on('restraint_episode')
    .columns(['institution_id', 'started_at'])
    .execute();
  await db.schema
    .createIndex('restraint_episode_person')
    .on('restraint_episode')
    .columns(['person_id', 'started_at'])
    .execute();

  await db.schema
    .createTable('restraint_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('episode_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    /** The event's structured content (domain schemas) as JSON. */
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('corrects_event_id', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint(
      'restraint_event_episode_fk',
      ['episode_id'],
      'restraint_episode',
      ['id'],
      deferrable,
    )
    .execute();
  await db.schema
    .createIndex('restraint_event_episode')
    .on('restraint_event')
    .columns(['episode_id', 'kind', 'at'])
    .execute();

  await db.schema
    .createTable('restraint_policy')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint(
      'restraint_policy_institution_fk',
      ['institution_id'],
      'institution',
      ['id'],
      deferrable,
    )
    .addUniqueConstraint('restraint_policy_version', ['institution_id', 'version'])
    .execute();

  // Commands that record an event accept an Idempotency-Key: a retry on a flaky network records
  // once and gets the first answer again (ARCHITECTURE.md). The key is written in the command's
  // own transaction.
  await db.schema
    .createTable('idempotency_key')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_key_pk', ['user_id', 'key'])
    .execute();

  const appendOnly = ['restraint_episode', 'restraint_event', 'restraint_policy'];
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
