import { type ForeignKeyConstraintBuilder, type Kysely, sql } from 'kysely';

const deferrable = (fk: ForeignKeyConstraintBuilder) => fk.deferrable().initiallyImmediate();

/**
 * Issue 12, items 3 and 8.
 *
 * Wrong second-factor codes are counted on their own, so a correct password (which clears the
 * password count) no longer clears them; the fifth wrong code locks the account.
 *
 * Break the glass: a request names a prison number and is recorded whether or not the number
 * belongs to anyone (so the answer cannot tell), and a request over the daily cap is recorded,
 * refused, and flagged for the health manager's review. The table is rebuilt (SQLite cannot drop
 * NOT NULL): `person_id` may be null, `prison_number` and `over_limit` are added.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('user_account')
    .addColumn('code_failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('break_glass_v2')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text')
    .addColumn('prison_number', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('over_limit', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('review_note', 'text')
    .addForeignKeyConstraint('break_glass_v2_user_fk', ['user_id'], 'user_account', ['id'], deferrable)
    .addForeignKeyConstraint('break_glass_v2_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .execute();
  await sql`insert into break_glass_v2
      (id, user_id, person_id, prison_number, reason, started_at, expires_at, over_limit,
       reviewed_by, reviewed_at, review_note)
    select b.id, b.user_id, b.person_id, p.prison_number, b.reason, b.started_at, b.expires_at, 0,
       b.reviewed_by, b.reviewed_at, b.review_note
    from break_glass b join person p on p.id = b.person_id`.execute(db);
  await db.schema.dropTable('break_glass').execute();
  await db.schema.alterTable('break_glass_v2').renameTo('break_glass').execute();
  await db.schema
    .createIndex('break_glass_user')
    .on('break_glass')
    .columns(['user_id', 'expires_at'])
    .execute();
  // The daily cap counts a user's requests by when they were made.
  await db.schema
    .createIndex('break_glass_user_started')
    .on('break_glass')
    .columns(['user_id', 'started_at'])
    .execute();
  await db.schema
    .createIndex('break_glass_review')
    .on('break_glass')
    .columns(['reviewed_at', 'started_at'])
    .execute();
}
