import type { ForeignKeyConstraintBuilder, Kysely } from 'kysely';

const deferrable = (fk: ForeignKeyConstraintBuilder) => fk.deferrable().initiallyImmediate();

/**
 * Use of force (issue 18 item 3, INJ-7, RST-11; ADR 0036). An incident row holds when, where and
 * the first reporter; who force was used on and the staff involved are rows of their own; each
 * staff member's account, the governor's reviews and the examinations are appended, never updated
 * . One examination per person and incident (unique), whoever records it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('force_incident')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text')
    .addColumn('cell_id', 'text')
    .addColumn('place_note', 'text')
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('restraint_episode_id', 'text')
    .addColumn('reported_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint(
      'force_incident_institution_fk',
      ['institution_id'],
      'institution',
      ['id'],
      deferrable,
    )
    .execute();
  await db.schema
    .createIndex('force_incident_institution')
    .on('force_incident')
    .columns(['institution_id', 'occurred_at'])
    .execute();

  await db.schema
    .createTable('force_incident_person')
    .addColumn('incident_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('force_incident_person_pk', ['incident_id', 'person_id'])
    .addForeignKeyConstraint(
      'force_incident_person_incident_fk',
      ['incident_id'],
      'force_incident',
      ['id'],
      deferrable,
    )
    .addForeignKeyConstraint('force_incident_person_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .execute();
  await db.schema
    .createIndex('force_incident_person_person')
    .on('force_incident_person')
    .column('person_id')
    .execute();

  await db.schema
    .createTable('force_incident_staff')
    .addColumn('incident_id', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('force_incident_staff_pk', ['incident_id', 'staff_id'])
    .addForeignKeyConstraint(
      'force_incident_staff_incident_fk',
      ['incident_id'],
      'force_incident',
      ['id'],
      deferrable,
    )
    .addForeignKeyConstraint(
      'force_incident_staff_staff_fk',
      ['staff_id'],
      'staff_member',
      ['id'],
      deferrable,
    )
    .execute();

  await db.schema
    .createTable('force_account')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('types', 'text', (c) => c.notNull())
    .addColumn('type_other', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('narrative', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('de_escalation_tried', 'integer', (c) => c.notNull())
    .addColumn('de_escalation', 'text')
    .addColumn('injuries_to_staff', 'text', (c) => c.notNull())
    .addColumn('injuries_to_person', 'text', (c) => c.notNull())
    .addColumn('witnesses', 'text')
    .addColumn('amends_id', 'text')
    .addColumn('amend_reason', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint(
      'force_account_incident_fk',
      ['incident_id'],
      'force_incident',
      ['id'],
      deferrable,
    )
    .addForeignKeyConstraint('force_account_amends_fk', ['amends_id'], 'force_account', ['id'], deferrable)
    .execute();
  await db.schema.createIndex('force_account_incident').on('force_account').column('incident_id').execute();

  await db.schema
    .createTable('force_review')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull())
    .addColumn('decision', 'text')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint(
      'force_review_incident_fk',
      ['incident_id'],
      'force_incident',
      ['id'],
      deferrable,
    )
    .execute();
  await db.schema.createIndex('force_review_incident').on('force_review').column('incident_id').execute();

  await db.schema
    .createTable('force_examination')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('examined_at', 'text', (c) => c.notNull())
    .addColumn('examined_by', 'text', (c) => c.notNull())
    .addColumn('non_medical_present', 'integer')
    .addColumn('presence_reason', 'text')
    .addColumn('note', 'text')
    .addColumn('injury_record_id', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('force_examination_once', ['incident_id', 'person_id'])
    .addForeignKeyConstraint(
      'force_examination_subject_fk',
      ['incident_id', 'person_id'],
      'force_incident_person',
      ['incident_id', 'person_id'],
      deferrable,
    )
    .execute();
}
