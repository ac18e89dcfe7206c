import type { ForeignKeyConstraintBuilder, Kysely } from 'kysely';

const deferrable = (fk: ForeignKeyConstraintBuilder) => fk.deferrable().initiallyImmediate();

/**
 * Blood-borne infections in the programme engine (issue 16 item 4; ADR 0048): the BBV-1 offers (one
 * pending row per person at a time: the entry offer, then the re-offer after a refusal), the tests
 * (offered screening tests, RNA, viral load, CD4, fibrosis labs; resulted once; restricted clinical
 * data) and the length of a fixed course (DAA weeks) on the episode.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('programme_bbv_offer')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('occasion', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('offered_on', 'text')
    .addColumn('offered_by', 'text')
    .addColumn('tests', 'text', (c) => c.notNull())
    .addColumn('pre_test_counselling', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text')
    .addForeignKeyConstraint('programme_bbv_offer_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .execute();
  await db.schema
    .createIndex('programme_bbv_offer_person_ix')
    .on('programme_bbv_offer')
    .columns(['person_id', 'status'])
    .execute();
  await db.schema
    .createIndex('programme_bbv_offer_due_ix')
    .on('programme_bbv_offer')
    .columns(['institution_id', 'status', 'due_on'])
    .execute();

  await db.schema
    .createTable('programme_bbv_test')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('offer_id', 'text')
    .addColumn('episode_id', 'text')
    .addColumn('test', 'text', (c) => c.notNull())
    .addColumn('sample_on', 'text', (c) => c.notNull())
    .addColumn('ordered_by', 'text', (c) => c.notNull())
    .addColumn('ordered_at', 'text', (c) => c.notNull())
    .addColumn('result_on', 'text')
    .addColumn('result', 'text')
    .addColumn('value', 'double precision')
    .addColumn('note', 'text')
    .addColumn('resulted_by', 'text')
    .addColumn('resulted_at', 'text')
    .addColumn('post_counselled_on', 'text')
    .addColumn('post_counselled_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addForeignKeyConstraint('programme_bbv_test_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .addForeignKeyConstraint(
      'programme_bbv_test_episode_fk',
      ['episode_id'],
      'programme_episode',
      ['id'],
      deferrable,
    )
    .execute();
  await db.schema
    .createIndex('programme_bbv_test_person_ix')
    .on('programme_bbv_test')
    .columns(['person_id', 'sample_on'])
    .execute();
  await db.schema
    .createIndex('programme_bbv_test_cascade_ix')
    .on('programme_bbv_test')
    .columns(['test', 'result_on', 'institution_id'])
    .execute();

  await db.schema.alterTable('programme_episode').addColumn('treatment_weeks', 'integer').execute();
}
