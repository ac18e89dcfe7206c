import type { ForeignKeyConstraintBuilder, Kysely } from 'kysely';

const deferrable = (fk: ForeignKeyConstraintBuilder) => fk.deferrable().initiallyImmediate();

/**
 * Deaths in custody, serious injuries and disappearances (issue 18 item 5, ADR 0037). The event row
 * holds what was first reported and is never edited: amendments, checklist steps, the
 * investigation, the clinical part, the frozen file, reviews and actions are rows of their own. Only
 * the closure is set on the event, once; a review's conclusion and an action's completion likewise.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('death_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('found_at', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('found_by', 'text', (c) => c.notNull())
    .addColumn('circumstances', 'text', (c) => c.notNull())
    .addColumn('resuscitation_attempted', 'integer')
    .addColumn('pronounced_by', 'text')
    .addColumn('pronounced_at', 'text')
    .addColumn('setting', 'text')
    .addColumn('manner', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .addColumn('close_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addForeignKeyConstraint('death_event_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .addForeignKeyConstraint(
      'death_event_institution_fk',
      ['institution_id'],
      'institution',
      ['id'],
      deferrable,
    )
    .execute();
  await db.schema
    .createIndex('death_event_institution')
    .on('death_event')
    .columns(['institution_id', 'found_at'])
    .execute();
  await db.schema
    .createIndex('death_event_person')
    .on('death_event')
    .columns(['person_id', 'found_at'])
    .execute();
  await db.schema
    .createIndex('death_event_open')
    .on('death_event')
    .columns(['closed_at', 'institution_id'])
    .execute();

  const child = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .addForeignKeyConstraint(`${name}_event_fk`, ['event_id'], 'death_event', ['id'], deferrable);

  await child('death_amendment')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .execute();
  await child('death_involved_staff')
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .execute();
  await child('death_step')
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('note', 'text')
    .execute();
  await child('death_investigation')
    .addColumn('authority', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .execute();
  await child('death_clinical')
    .addColumn('cause_code', 'text')
    .addColumn('cause_text', 'text')
    .addColumn('autopsy', 'text', (c) => c.notNull())
    .addColumn('autopsy_result', 'text')
    .execute();
  await child('death_snapshot')
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .execute();
  await child('death_review')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('concluded_at', 'text')
    .addColumn('concluded_by', 'text')
    .addColumn('findings', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('death_reviewer')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('death_reviewer_review_fk', ['review_id'], 'death_review', ['id'], deferrable)
    .execute();
  await child('death_action')
    .addColumn('review_id', 'text', (c) => c.notNull())
    .addColumn('recommendation', 'text', (c) => c.notNull())
    .addColumn('owner_staff_id', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('done_by', 'text')
    .addColumn('evidence', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addForeignKeyConstraint('death_action_review_fk', ['review_id'], 'death_review', ['id'], deferrable)
    .execute();
  for (const table of [
    'death_amendment',
    'death_involved_staff',
    'death_step',
    'death_investigation',
    'death_clinical',
    'death_snapshot',
    'death_review',
    'death_action',
  ]) {
    await db.schema.createIndex(`${table}_event`).on(table).column('event_id').execute();
  }
  await db.schema.createIndex('death_reviewer_review').on('death_reviewer').column('review_id').execute();
  await db.schema
    .createIndex('death_action_open')
    .on('death_action')
    .columns(['done_at', 'due_on'])
    .execute();
}
