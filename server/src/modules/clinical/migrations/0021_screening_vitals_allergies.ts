import { type ForeignKeyConstraintBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

const deferrable = (fk: ForeignKeyConstraintBuilder) => fk.deferrable().initiallyImmediate();

/**
 * The admission screening feeds the chart (issue 14 item 8, ADR 0031). Additive only: screenings
 * written before keep reading as they were.
 *
 * - `allergy.encounter_id`: the screening an allergy was named at (null for one entered on the chart).
 * - `allergy_statement`: "no known allergies" as an answer given (at a screening), append-only; the
 *   chart shows the latest one while no allergy is listed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('allergy').addColumn('encounter_id', 'text').execute();
  await db.schema
    .createTable('allergy_statement')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    /** none_known (the only statement so far). */
    .addColumn('statement', 'text', (c) => c.notNull())
    .addColumn('encounter_id', 'text')
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('allergy_statement_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .execute();
  await db.schema
    .createIndex('allergy_statement_person')
    .on('allergy_statement')
    .columns(['person_id', 'recorded_at'])
    .execute();
  const table = 'allergy_statement';
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(table)}
      for each row execute function clinical_append_only()`.execute(db);
  } else {
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
