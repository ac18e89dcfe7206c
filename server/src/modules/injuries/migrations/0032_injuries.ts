import type { ForeignKeyConstraintBuilder, Kysely } from 'kysely';

const deferrable = (fk: ForeignKeyConstraintBuilder) => fk.deferrable().initiallyImmediate();

/**
 * Injury documentation and reporting (issue 18 items 1, 2, 7–8; ADR 0035). Every row is written once
 * a record is signed as it is created, corrections are amendments, consent, photos, reports,
 * replies and reviews are rows of their own. Only the recipients of an institution are edited, with
 * their `version`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('injury_record')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('context', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('examined_at', 'text', (c) => c.notNull())
    .addColumn('persons_present', 'text', (c) => c.notNull())
    .addColumn('interpreter', 'text')
    .addColumn('out_of_hearing_and_sight', 'integer', (c) => c.notNull())
    .addColumn('presence_reason', 'text')
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('allegation', 'integer', (c) => c.notNull())
    .addColumn('no_injuries_seen', 'integer', (c) => c.notNull())
    .addColumn('conclusion', 'text', (c) => c.notNull())
    .addColumn('suggests_ill_treatment', 'integer', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('tests_and_treatment', 'text')
    .addColumn('report_required', 'integer', (c) => c.notNull())
    .addColumn('clinician_trained', 'integer', (c) => c.notNull())
    .addColumn('clinician_id', 'text', (c) => c.notNull())
    .addColumn('clinician_name', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('injury_record_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .addForeignKeyConstraint(
      'injury_record_institution_fk',
      ['institution_id'],
      'institution',
      ['id'],
      deferrable,
    )
    .execute();
  await db.schema
    .createIndex('injury_record_person')
    .on('injury_record')
    .columns(['person_id', 'signed_at'])
    .execute();
  await db.schema
    .createIndex('injury_record_institution')
    .on('injury_record')
    .columns(['institution_id', 'signed_at'])
    .execute();
  await db.schema.createIndex('injury_record_source').on('injury_record').column('source_id').execute();

  const child = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addForeignKeyConstraint(`${name}_record_fk`, ['record_id'], 'injury_record', ['id'], deferrable);

  await child('injury_lesion')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('view', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('x', 'real')
    .addColumn('y', 'real')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('length_cm', 'real')
    .addColumn('width_cm', 'real')
    .addColumn('colour', 'text')
    .addColumn('shape', 'text')
    .addColumn('estimated_age', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('from_screening', 'integer', (c) => c.notNull())
    .execute();
  await child('injury_amendment')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await child('injury_second_review')
    .addColumn('agrees', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('reviewer_id', 'text', (c) => c.notNull())
    .addColumn('reviewer_name', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', 'text', (c) => c.notNull())
    .execute();
  await child('injury_photo_consent')
    .addColumn('consent', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await child('injury_photo')
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('scale_in_frame', 'integer', (c) => c.notNull())
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .execute();
  await child('injury_report')
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('recipient_kind', 'text', (c) => c.notNull())
    .addColumn('recipient_name', 'text', (c) => c.notNull())
    .addColumn('recipient_address', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('person_objected', 'integer', (c) => c.notNull())
    .addColumn('objection', 'text')
    .addColumn('person_informed_at', 'text')
    .addColumn('reprisal_risk', 'integer', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('injury_report_institution')
    .on('injury_report')
    .columns(['institution_id', 'sent_at'])
    .execute();
  await db.schema
    .createTable('injury_report_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('risk_continues', 'integer')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint(
      'injury_report_event_report_fk',
      ['report_id'],
      'injury_report',
      ['id'],
      deferrable,
    )
    .execute();
  await child('injury_copy')
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requester_name', 'text')
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('handed_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute();
  for (const name of [
    'injury_lesion',
    'injury_amendment',
    'injury_second_review',
    'injury_photo_consent',
    'injury_photo',
    'injury_report',
    'injury_copy',
  ]) {
    await db.schema.createIndex(`${name}_record`).on(name).column('record_id').execute();
  }
  await db.schema
    .createIndex('injury_report_event_report')
    .on('injury_report_event')
    .column('report_id')
    .execute();
  await db.schema
    .createTable('injury_recipient')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint(
      'injury_recipient_institution_fk',
      ['institution_id'],
      'institution',
      ['id'],
      deferrable,
    )
    .addUniqueConstraint('injury_recipient_kind', ['institution_id', 'kind'])
    .execute();
  await db.schema
    .createTable('injury_training')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('trained_until', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('injury_training_user')
    .on('injury_training')
    .columns(['user_id', 'recorded_at'])
    .execute();
}
