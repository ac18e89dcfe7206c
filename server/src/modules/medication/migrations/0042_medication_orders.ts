import type { Kysely } from 'kysely';

/** Issue 15 items 2 and 7 (ADR 0045): verbal orders, institution settings and drug flags, reconciliation, release plans. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('medication_verbal_order')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('prescription_id', 'text', (c) => c.notNull().unique())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('ordered_by', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('reason', 'text')
    .execute();
  await db.schema
    .createIndex('medication_verbal_order_pending')
    .on('medication_verbal_order')
    .columns(['status', 'institution_id', 'due_at'])
    .execute();

  await db.schema
    .createTable('medication_institution_setting')
    .addColumn('institution_id', 'text', (c) => c.primaryKey())
    .addColumn('feldsher_may_prescribe', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('medication_drug_flag')
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('drug_id', 'text', (c) => c.notNull().references('medication_drug.id'))
    .addColumn('high_risk', 'integer', (c) => c.notNull())
    .addColumn('programme', 'text')
    .addColumn('supervised_only', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('medication_drug_flag_pk', ['institution_id', 'drug_id'])
    .execute();

  await db.schema
    .createTable('medication_reconciliation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decisions', 'text')
    .addColumn('completed_by', 'text')
    .addColumn('completed_at', 'text')
    .execute();
  await db.schema
    .createIndex('medication_reconciliation_open')
    .on('medication_reconciliation')
    .columns(['status', 'institution_id', 'due_at'])
    .execute();
  await db.schema
    .createIndex('medication_reconciliation_person')
    .on('medication_reconciliation')
    .columns(['person_id', 'status'])
    .execute();

  await db.schema
    .createTable('medication_release_plan')
    .addColumn('person_id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('planned_on', 'text', (c) => c.notNull())
    .addColumn('set_by', 'text', (c) => c.notNull())
    .addColumn('set_at', 'text', (c) => c.notNull())
    .addColumn('letter_at', 'text')
    .execute();
  await db.schema
    .createIndex('medication_release_plan_date')
    .on('medication_release_plan')
    .columns(['institution_id', 'planned_on'])
    .execute();
}
