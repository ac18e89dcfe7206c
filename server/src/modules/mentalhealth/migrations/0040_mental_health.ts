import type { ForeignKeyConstraintBuilder, Kysely } from 'kysely';

const deferrable = (fk: ForeignKeyConstraintBuilder) => fk.deferrable().initiallyImmediate();

/**
 * Mental health (issue 17 items 1–3; ADR 0043): referrals and their assessment (MHS-1), transfers to
 * a psychiatric facility (MHS-5), the instrument registry and responses (MHT-1, MHT-2), therapy
 * courses, enrolment, sessions and coded attendance (MHS-2, MHS-9, MHT-3). Clinical rows are
 * written once; a referral's and a transfer's row carry a `version`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('mh_instrument')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('licence_name', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('mh_referral')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('rule', 'text')
    .addColumn('referred_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('referred_by', 'text', (c) => c.notNull())
    .addColumn('screening_task_id', 'text', (c) => c.unique())
    .addColumn('health_request_id', 'text')
    .addColumn('response_id', 'text')
    .addColumn('assessed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addForeignKeyConstraint('mh_referral_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .addForeignKeyConstraint(
      'mh_referral_institution_fk',
      ['institution_id'],
      'institution',
      ['id'],
      deferrable,
    )
    .execute();
  await db.schema
    .createIndex('mh_referral_waiting')
    .on('mh_referral')
    .columns(['institution_id', 'assessed_at', 'due_at'])
    .execute();
  await db.schema
    .createIndex('mh_referral_referred')
    .on('mh_referral')
    .columns(['institution_id', 'referred_at'])
    .execute();
  await db.schema
    .createIndex('mh_referral_person')
    .on('mh_referral')
    .columns(['person_id', 'referred_at'])
    .execute();

  await db.schema
    .createTable('mh_assessment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('referral_id', 'text', (c) => c.notNull().unique())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('assessed_at', 'text', (c) => c.notNull())
    .addColumn('assessed_by', 'text', (c) => c.notNull())
    .addColumn('history', 'text', (c) => c.notNull())
    .addColumn('mental_state', 'text', (c) => c.notNull())
    .addColumn('risk_formulation', 'text', (c) => c.notNull())
    .addColumn('risk_level', 'text', (c) => c.notNull())
    .addColumn('diagnosis_code', 'text')
    .addColumn('diagnosis_text', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('care_plan', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('mh_assessment_referral_fk', ['referral_id'], 'mh_referral', ['id'], deferrable)
    .addForeignKeyConstraint('mh_assessment_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .execute();
  await db.schema
    .createIndex('mh_assessment_institution')
    .on('mh_assessment')
    .columns(['institution_id', 'assessed_at'])
    .execute();

  await db.schema
    .createTable('mh_transfer')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('assessment_id', 'text', (c) => c.notNull())
    .addColumn('facility', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('transferred_at', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('cancel_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addForeignKeyConstraint(
      'mh_transfer_assessment_fk',
      ['assessment_id'],
      'mh_assessment',
      ['id'],
      deferrable,
    )
    .addForeignKeyConstraint('mh_transfer_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .execute();
  await db.schema
    .createIndex('mh_transfer_open')
    .on('mh_transfer')
    .columns(['institution_id', 'transferred_at', 'requested_at'])
    .execute();

  await db.schema
    .createTable('mh_course')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('intervention', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('facilitator_ids', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('planned_sessions', 'integer', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addForeignKeyConstraint(
      'mh_course_institution_fk',
      ['institution_id'],
      'institution',
      ['id'],
      deferrable,
    )
    .execute();
  await db.schema
    .createIndex('mh_course_institution')
    .on('mh_course')
    .columns(['institution_id', 'starts_on'])
    .execute();

  await db.schema
    .createTable('mh_response')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('instrument_code', 'text', (c) => c.notNull())
    .addColumn('instrument_version', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('band', 'text')
    .addColumn('risk', 'text')
    .addColumn('course_id', 'text')
    .addColumn('completed_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('mh_response_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .execute();
  await db.schema
    .createIndex('mh_response_person')
    .on('mh_response')
    .columns(['person_id', 'completed_at'])
    .execute();

  await db.schema
    .createTable('mh_enrolment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('course_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('goal', 'text', (c) => c.notNull())
    .addColumn('enrolled_at', 'text', (c) => c.notNull())
    .addColumn('enrolled_by', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('mh_enrolment_course_fk', ['course_id'], 'mh_course', ['id'], deferrable)
    .addForeignKeyConstraint('mh_enrolment_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .addUniqueConstraint('mh_enrolment_once', ['course_id', 'person_id'])
    .execute();
  await db.schema.createIndex('mh_enrolment_person').on('mh_enrolment').columns(['person_id']).execute();

  await db.schema
    .createTable('mh_session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('course_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('held_at', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('mh_session_course_fk', ['course_id'], 'mh_course', ['id'], deferrable)
    .execute();
  await db.schema
    .createIndex('mh_session_course')
    .on('mh_session')
    .columns(['course_id', 'held_at'])
    .execute();
  await db.schema
    .createIndex('mh_session_institution')
    .on('mh_session')
    .columns(['institution_id', 'held_at'])
    .execute();

  await db.schema
    .createTable('mh_attendance')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('enrolment_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('measure_taken', 'integer', (c) => c.notNull())
    .addForeignKeyConstraint('mh_attendance_session_fk', ['session_id'], 'mh_session', ['id'], deferrable)
    .addForeignKeyConstraint(
      'mh_attendance_enrolment_fk',
      ['enrolment_id'],
      'mh_enrolment',
      ['id'],
      deferrable,
    )
    .addUniqueConstraint('mh_attendance_once', ['session_id', 'enrolment_id'])
    .execute();
  await db.schema
    .createIndex('mh_attendance_enrolment')
    .on('mh_attendance')
    .columns(['enrolment_id'])
    .execute();
}
