import type { ForeignKeyConstraintBuilder, Kysely } from 'kysely';

const deferrable = (fk: ForeignKeyConstraintBuilder) => fk.deferrable().initiallyImmediate();

/**
 * Confidential requests to health care (MED-5) and complaints (RES-7), allegations escalated (INJ-4):
 * issue 18 item 6, ADR 0038. A request's triage and a complaint's status are set on their rows with
 * a `version`; every step of a complaint, each dispatch and the examination's result are rows of
 * their own, never deleted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('health_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('paper_date', 'text')
    .addColumn('box_opened_at', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('triage_due_at', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('triaged_at', 'text')
    .addColumn('triaged_by', 'text')
    .addColumn('triage_outcome', 'text')
    .addColumn('appointment_at', 'text')
    .addColumn('triage_reason', 'text')
    .addColumn('triage_note', 'text')
    .addColumn('allegation_complaint_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addForeignKeyConstraint('health_request_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .addForeignKeyConstraint(
      'health_request_institution_fk',
      ['institution_id'],
      'institution',
      ['id'],
      deferrable,
    )
    .execute();
  await db.schema
    .createIndex('health_request_waiting')
    .on('health_request')
    .columns(['institution_id', 'triaged_at', 'triage_due_at'])
    .execute();
  await db.schema
    .createIndex('health_request_received')
    .on('health_request')
    .columns(['institution_id', 'received_at'])
    .execute();

  await db.schema
    .createTable('complaint')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('addressee', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('confidential', 'integer', (c) => c.notNull())
    .addColumn('allegation', 'integer', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('answer_due_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('source_request_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addForeignKeyConstraint('complaint_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .addForeignKeyConstraint(
      'complaint_institution_fk',
      ['institution_id'],
      'institution',
      ['id'],
      deferrable,
    )
    .execute();
  await db.schema
    .createIndex('complaint_received')
    .on('complaint')
    .columns(['institution_id', 'received_at'])
    .execute();
  await db.schema
    .createIndex('complaint_open')
    .on('complaint')
    .columns(['institution_id', 'status', 'answer_due_at'])
    .execute();

  await db.schema
    .createTable('complaint_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('complaint_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('answer_date', 'text')
    .addColumn('forward_to', 'text')
    .addColumn('withdrawn', 'integer', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint(
      'complaint_event_complaint_fk',
      ['complaint_id'],
      'complaint',
      ['id'],
      deferrable,
    )
    .execute();
  await db.schema
    .createIndex('complaint_event_complaint')
    .on('complaint_event')
    .column('complaint_id')
    .execute();

  await db.schema
    .createTable('complaint_dispatch')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('complaint_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addForeignKeyConstraint(
      'complaint_dispatch_complaint_fk',
      ['complaint_id'],
      'complaint',
      ['id'],
      deferrable,
    )
    .execute();
  await db.schema
    .createIndex('complaint_dispatch_complaint')
    .on('complaint_dispatch')
    .column('complaint_id')
    .execute();

  await db.schema
    .createTable('allegation_examination')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('complaint_id', 'text', (c) => c.notNull().unique())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('injury_record_id', 'text')
    .addColumn('examined_at', 'text')
    .addColumn('examined_by', 'text')
    .addColumn('recorded_at', 'text')
    .addForeignKeyConstraint(
      'allegation_examination_complaint_fk',
      ['complaint_id'],
      'complaint',
      ['id'],
      deferrable,
    )
    .execute();
  await db.schema
    .createIndex('allegation_examination_due')
    .on('allegation_examination')
    .columns(['institution_id', 'examined_at'])
    .execute();
}
