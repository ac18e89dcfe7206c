import type { Kysely } from 'kysely';

/** Issue 15, first slice (ADR 0027): the formulary, versioned prescriptions, dose records, the ATC index, round times. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('medication_drug')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('inn', 'text', (c) => c.notNull())
    .addColumn('name_az', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_ru', 'text', (c) => c.notNull())
    .addColumn('strength', 'text', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('atc_code', 'text')
    .addColumn('high_risk', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('programme', 'text')
    .addColumn('supervised_only', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('observe_after', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('medication_prescription')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('prescription_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('current', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('drug_id', 'text', (c) => c.notNull().references('medication_drug.id'))
    .addColumn('dose', 'double precision', (c) => c.notNull())
    .addColumn('dose_unit', 'text', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('times_of_day', 'text', (c) => c.notNull())
    .addColumn('every_hours', 'integer')
    .addColumn('frequency_per_day', 'double precision', (c) => c.notNull())
    .addColumn('prn', 'integer', (c) => c.notNull())
    .addColumn('prn_condition', 'text')
    .addColumn('prn_min_interval_hours', 'double precision')
    .addColumn('prn_max_per_day', 'integer')
    .addColumn('delivery', 'text', (c) => c.notNull())
    .addColumn('risk_assessment', 'text')
    .addColumn('review_date', 'text')
    .addColumn('start_at', 'text', (c) => c.notNull())
    .addColumn('end_at', 'text', (c) => c.notNull())
    .addColumn('indication', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_since', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('allergy_override_reason', 'text')
    .addColumn('replaces_id', 'text')
    .addColumn('prescriber_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('medication_prescription_version')
    .on('medication_prescription')
    .columns(['prescription_id', 'version'])
    .unique()
    .execute();
  await db.schema
    .createIndex('medication_prescription_person')
    .on('medication_prescription')
    .columns(['person_id', 'current'])
    .execute();
  await db.schema
    .createIndex('medication_prescription_institution')
    .on('medication_prescription')
    .columns(['institution_id', 'current', 'status'])
    .execute();

  await db.schema
    .createTable('medication_administration')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('prescription_id', 'text', (c) => c.notNull())
    .addColumn('prescription_version', 'integer', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text')
    .addColumn('given_at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('note', 'text')
    .addColumn('dose_given', 'double precision')
    .addColumn('mouth_check', 'integer', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  // MDX-2: exactly one record per due dose (PRN doses have no due time; NULLs are distinct).
  await db.schema
    .createIndex('medication_administration_due')
    .on('medication_administration')
    .columns(['prescription_id', 'due_at'])
    .unique()
    .execute();
  await db.schema
    .createIndex('medication_administration_person')
    .on('medication_administration')
    .columns(['person_id', 'given_at'])
    .execute();
  await db.schema
    .createIndex('medication_administration_institution')
    .on('medication_administration')
    .columns(['institution_id', 'due_at'])
    .execute();

  // The ATC classification as imported from the licensed file (`custodia terminology import-atc`).
  await db.schema
    .createTable('medication_atc')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('medication_round_time')
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('round', 'text', (c) => c.notNull())
    .addColumn('time_of_day', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('medication_round_time_pk', ['institution_id', 'round'])
    .execute();
}
