import type { ForeignKeyConstraintBuilder, Kysely } from 'kysely';

const deferrable = (fk: ForeignKeyConstraintBuilder) => fk.deferrable().initiallyImmediate();

/**
 * Post-exposure prophylaxis and hepatitis B vaccination (issue 16 item 4; BBV-2, PHC-11; ADR 0049):
 * an exposure report with its first dose and course, its follow-up tests (one row per time point,
 * resulted once), a vaccination course with its schedule, and its doses (given or refused).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('programme_pep')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('exposed_at', 'text', (c) => c.notNull())
    .addColumn('exposure_type', 'text', (c) => c.notNull())
    .addColumn('source_status', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('reported_by', 'text', (c) => c.notNull())
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('first_dose_at', 'text')
    .addColumn('regimen_code', 'text')
    .addColumn('late_reason', 'text')
    .addColumn('prescription_ids', 'text')
    .addColumn('started_by', 'text')
    .addColumn('closure', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('closure_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addForeignKeyConstraint('programme_pep_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .addForeignKeyConstraint(
      'programme_pep_institution_fk',
      ['institution_id'],
      'institution',
      ['id'],
      deferrable,
    )
    .execute();
  await db.schema.createIndex('programme_pep_person_ix').on('programme_pep').columns(['person_id']).execute();
  await db.schema
    .createIndex('programme_pep_institution_ix')
    .on('programme_pep')
    .columns(['institution_id', 'exposed_at'])
    .execute();

  await db.schema
    .createTable('programme_pep_followup')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('pep_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('timepoint', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('done_on', 'text')
    .addColumn('hiv', 'text')
    .addColumn('hbv', 'text')
    .addColumn('hcv', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text')
    .addForeignKeyConstraint('programme_pep_followup_pep_fk', ['pep_id'], 'programme_pep', ['id'], deferrable)
    .execute();
  await db.schema
    .createIndex('programme_pep_followup_pep_ix')
    .on('programme_pep_followup')
    .columns(['pep_id'])
    .execute();
  await db.schema
    .createIndex('programme_pep_followup_due_ix')
    .on('programme_pep_followup')
    .columns(['institution_id', 'done_on', 'due_on'])
    .execute();

  await db.schema
    .createTable('programme_hepb_course')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('schedule', 'text', (c) => c.notNull())
    .addColumn('immunity', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('offered_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('next_due_on', 'text')
    .addColumn('complete', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('programme_hepb_course_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .execute();
  await db.schema
    .createIndex('programme_hepb_course_person_ix')
    .on('programme_hepb_course')
    .columns(['person_id'])
    .execute();
  await db.schema
    .createIndex('programme_hepb_course_due_ix')
    .on('programme_hepb_course')
    .columns(['institution_id', 'next_due_on'])
    .execute();

  await db.schema
    .createTable('programme_hepb_dose')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('course_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('dose_number', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('given_on', 'text', (c) => c.notNull())
    .addColumn('batch', 'text')
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint(
      'programme_hepb_dose_course_fk',
      ['course_id'],
      'programme_hepb_course',
      ['id'],
      deferrable,
    )
    .execute();
  await db.schema
    .createIndex('programme_hepb_dose_course_ix')
    .on('programme_hepb_dose')
    .columns(['course_id'])
    .execute();
}
