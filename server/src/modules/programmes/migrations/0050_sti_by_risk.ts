import type { ForeignKeyConstraintBuilder, Kysely } from 'kysely';

const deferrable = (fk: ForeignKeyConstraintBuilder) => fk.deferrable().initiallyImmediate();

/**
 * Chlamydia and gonorrhoea tested by risk (issue 16 item 4; ADR 0054; ADM-7, WOM-3): the risk
 * assessments (one pending row per person, opened at admission; then recorded with the risks, the
 * decision and the tests ordered — the tests are rows of `programme_bbv_test`, restricted like every
 * blood-borne result) and the treatments given for a detected result.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('programme_sti_assessment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assessed_on', 'text')
    .addColumn('assessed_by', 'text')
    .addColumn('risks', 'text', (c) => c.notNull())
    .addColumn('tests', 'text', (c) => c.notNull())
    .addColumn('pre_test_counselling', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text')
    .addForeignKeyConstraint(
      'programme_sti_assessment_person_fk',
      ['person_id'],
      'person',
      ['id'],
      deferrable,
    )
    .execute();
  await db.schema
    .createIndex('programme_sti_assessment_person_ix')
    .on('programme_sti_assessment')
    .columns(['person_id', 'status'])
    .execute();

  await db.schema
    .createTable('programme_sti_treatment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('test_id', 'text', (c) => c.notNull())
    .addColumn('infection', 'text', (c) => c.notNull())
    .addColumn('regimen_code', 'text', (c) => c.notNull())
    .addColumn('given_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('programme_sti_treatment_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .addForeignKeyConstraint(
      'programme_sti_treatment_test_fk',
      ['test_id'],
      'programme_bbv_test',
      ['id'],
      deferrable,
    )
    .execute();
  await db.schema
    .createIndex('programme_sti_treatment_test_ix')
    .on('programme_sti_treatment')
    .columns(['test_id'])
    .unique()
    .execute();
}
