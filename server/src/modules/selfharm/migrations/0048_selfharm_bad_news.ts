import type { ForeignKeyConstraintBuilder, Kysely } from 'kysely';

const deferrable = (fk: ForeignKeyConstraintBuilder) => fk.deferrable().initiallyImmediate();

/**
 * MHS-4 (ADR 0051): bad news a person received, recorded by staff as a coded event (a death in the
 * family, a refused appeal…); each one leaves a re-screening prompt. Written once, never updated.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('selfharm_bad_news')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('selfharm_bad_news_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .execute();
  await db.schema
    .createIndex('selfharm_bad_news_person')
    .on('selfharm_bad_news')
    .columns(['person_id', 'received_at'])
    .execute();
}
