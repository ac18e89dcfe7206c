import type { ForeignKeyConstraintBuilder, Kysely } from 'kysely';

const deferrable = (fk: ForeignKeyConstraintBuilder) => fk.deferrable().initiallyImmediate();

/** Break-the-glass grants: who opened whose record outside their scope, why, until when, and its review. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('break_glass')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('review_note', 'text')
    .addForeignKeyConstraint('break_glass_user_fk', ['user_id'], 'user_account', ['id'], deferrable)
    .addForeignKeyConstraint('break_glass_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .execute();
  await db.schema
    .createIndex('break_glass_user')
    .on('break_glass')
    .columns(['user_id', 'expires_at'])
    .execute();
  await db.schema
    .createIndex('break_glass_review')
    .on('break_glass')
    .columns(['reviewed_at', 'started_at'])
    .execute();
}
