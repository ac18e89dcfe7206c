import type { ForeignKeyConstraintBuilder, Kysely } from 'kysely';

const deferrable = (fk: ForeignKeyConstraintBuilder) => fk.deferrable().initiallyImmediate();

/**
 * Programme registers (issue 16, ADR 0044; DOMAIN.md §0.4): one episode table for every programme,
 * its tests, screenings, tasks, contact investigations, register-number counters and regimen
 * templates. Tests are resulted once (the result columns set once); outcomes are set once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('programme_episode')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('programme', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('presumed_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('register_number', 'text', (c) => c.unique())
    .addColumn('category', 'text')
    .addColumn('bacteriology', 'text')
    .addColumn('site', 'text')
    .addColumn('resistance', 'text')
    .addColumn('diagnosed_on', 'text')
    .addColumn('registered_on', 'text')
    .addColumn('regimen_code', 'text')
    .addColumn('treatment_start_on', 'text')
    .addColumn('treatment_months', 'integer')
    .addColumn('prescription_ids', 'text')
    .addColumn('outcome', 'text')
    .addColumn('outcome_on', 'text')
    .addColumn('failure_reason', 'text')
    .addColumn('isolation_ended_on', 'text')
    .addColumn('isolation_end_reason', 'text')
    .addColumn('previous_episode_id', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addForeignKeyConstraint('programme_episode_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .addForeignKeyConstraint(
      'programme_episode_institution_fk',
      ['institution_id'],
      'institution',
      ['id'],
      deferrable,
    )
    .execute();
  await db.schema
    .createIndex('programme_episode_person_ix')
    .on('programme_episode')
    .columns(['person_id', 'programme'])
    .execute();
  await db.schema
    .createIndex('programme_episode_register_ix')
    .on('programme_episode')
    .columns(['institution_id', 'programme', 'registered_on'])
    .execute();
  await db.schema
    .createIndex('programme_episode_open_ix')
    .on('programme_episode')
    .columns(['programme', 'status', 'institution_id'])
    .execute();

  await db.schema
    .createTable('programme_test')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('episode_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('test', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('specimen', 'text')
    .addColumn('sample_on', 'text', (c) => c.notNull())
    .addColumn('ordered_by', 'text', (c) => c.notNull())
    .addColumn('ordered_at', 'text', (c) => c.notNull())
    .addColumn('result_on', 'text')
    .addColumn('result', 'text')
    .addColumn('rifampicin', 'text')
    .addColumn('dst', 'text')
    .addColumn('note', 'text')
    .addColumn('resulted_by', 'text')
    .addColumn('resulted_at', 'text')
    .addColumn('reviewed_at', 'text')
    .addForeignKeyConstraint(
      'programme_test_episode_fk',
      ['episode_id'],
      'programme_episode',
      ['id'],
      deferrable,
    )
    .execute();
  await db.schema
    .createIndex('programme_test_episode_ix')
    .on('programme_test')
    .columns(['episode_id', 'sample_on'])
    .execute();

  await db.schema
    .createTable('programme_screen')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('occasion', 'text', (c) => c.notNull())
    .addColumn('screened_on', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('symptoms', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('episode_id', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('programme_screen_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .execute();
  await db.schema
    .createIndex('programme_screen_person_ix')
    .on('programme_screen')
    .columns(['person_id', 'screened_on'])
    .execute();
  await db.schema
    .createIndex('programme_screen_institution_ix')
    .on('programme_screen')
    .columns(['institution_id', 'screened_on'])
    .execute();

  await db.schema
    .createTable('programme_task')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('programme', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('done_on', 'text')
    .addColumn('done_by', 'text')
    .addColumn('note', 'text')
    .addForeignKeyConstraint('programme_task_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .execute();
  await db.schema
    .createIndex('programme_task_open_ix')
    .on('programme_task')
    .columns(['institution_id', 'done_on', 'due_on'])
    .execute();

  await db.schema
    .createTable('programme_contact_investigation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('episode_id', 'text', (c) => c.notNull().unique())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('window_from', 'text', (c) => c.notNull())
    .addColumn('window_to', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint(
      'programme_ci_episode_fk',
      ['episode_id'],
      'programme_episode',
      ['id'],
      deferrable,
    )
    .execute();

  await db.schema
    .createTable('programme_contact')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('investigation_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('setting', 'text', (c) => c.notNull())
    .addColumn('overlap_from', 'text', (c) => c.notNull())
    .addColumn('overlap_to', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text')
    .addColumn('screened_on', 'text')
    .addColumn('outcome', 'text')
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text')
    .addForeignKeyConstraint(
      'programme_contact_investigation_fk',
      ['investigation_id'],
      'programme_contact_investigation',
      ['id'],
      deferrable,
    )
    .execute();
  await db.schema
    .createIndex('programme_contact_ci_ix')
    .on('programme_contact')
    .columns(['investigation_id'])
    .execute();

  await db.schema
    .createTable('programme_counter')
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('programme', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('programme_counter_pk', ['institution_id', 'programme', 'year'])
    .execute();

  await db.schema
    .createTable('programme_regimen')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('programme', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('grp', 'text', (c) => c.notNull())
    .addColumn('phases', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
