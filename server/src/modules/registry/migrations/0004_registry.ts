import type { ForeignKeyConstraintBuilder, Kysely } from 'kysely';

const deferrable = (fk: ForeignKeyConstraintBuilder) => fk.deferrable().initiallyImmediate();

/**
 * Registry: institutions → units → cells; persons in custody with their search tokens; the
 * append-only custody events from which status and location are derived; staff.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('institution')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_az', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_ru', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('population_sex', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('unit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('unit_institution_fk', ['institution_id'], 'institution', ['id'], deferrable)
    .addUniqueConstraint('unit_code_uq', ['institution_id', 'code'])
    .execute();

  await db.schema
    .createTable('cell')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('cell_type', 'text', (c) => c.notNull())
    .addColumn('certified_capacity', 'integer', (c) => c.notNull())
    .addColumn('floor_area_m2', 'double precision', (c) => c.notNull())
    .addForeignKeyConstraint('cell_unit_fk', ['unit_id'], 'unit', ['id'], deferrable)
    .addForeignKeyConstraint('cell_institution_fk', ['institution_id'], 'institution', ['id'], deferrable)
    .addUniqueConstraint('cell_code_uq', ['unit_id', 'code'])
    .execute();
  await db.schema.createIndex('cell_institution').on('cell').columns(['institution_id', 'code']).execute();

  await db.schema
    .createTable('person')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('prison_number', 'text', (c) => c.notNull().unique())
    .addColumn('surname_latin', 'text')
    .addColumn('given_name_latin', 'text')
    .addColumn('patronymic_latin', 'text')
    .addColumn('surname_cyrillic', 'text')
    .addColumn('given_name_cyrillic', 'text')
    .addColumn('patronymic_cyrillic', 'text')
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('gender_identity', 'text')
    .addColumn('citizenship', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('interpreter_needed', 'integer', (c) => c.notNull())
    .addColumn('national_id', 'text')
    // Derived from custody events in the same transaction that records them (never typed in).
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text')
    .addColumn('cell_id', 'text')
    .addColumn('status_since', 'text')
    .addColumn('destination_institution_id', 'text')
    .addColumn('legal_status', 'text')
    .addColumn('admitted_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('person_institution_fk', ['institution_id'], 'institution', ['id'], deferrable)
    .addForeignKeyConstraint('person_cell_fk', ['cell_id'], 'cell', ['id'], deferrable)
    .execute();
  await db.schema.createIndex('person_name_key').on('person').columns(['name_key', 'birth_date']).execute();
  await db.schema
    .createIndex('person_institution')
    .on('person')
    .columns(['institution_id', 'status'])
    .execute();
  await db.schema.createIndex('person_cell').on('person').column('cell_id').execute();

  // One row per folded name word: a prefix search is an index range scan on both engines.
  await db.schema
    .createTable('person_name_token')
    .addColumn('token', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('person_name_token_pk', ['token', 'person_id'])
    .addForeignKeyConstraint('person_name_token_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .execute();
  await db.schema
    .createIndex('person_name_token_person')
    .on('person_name_token')
    .column('person_id')
    .execute();

  await db.schema
    .createTable('custody_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('institution_id', 'text')
    .addColumn('cell_id', 'text')
    .addColumn('destination_institution_id', 'text')
    .addColumn('absence_kind', 'text')
    .addColumn('legal_status', 'text')
    .addColumn('returned_from_police', 'integer')
    .addColumn('corrects_event_id', 'text')
    .addColumn('note', 'text')
    .addColumn('data', 'text')
    .addForeignKeyConstraint('custody_event_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .addForeignKeyConstraint(
      'custody_event_institution_fk',
      ['institution_id'],
      'institution',
      ['id'],
      deferrable,
    )
    .addForeignKeyConstraint('custody_event_cell_fk', ['cell_id'], 'cell', ['id'], deferrable)
    .execute();
  await db.schema
    .createIndex('custody_event_person')
    .on('custody_event')
    .columns(['person_id', 'occurred_at'])
    .execute();
  await db.schema
    .createIndex('custody_event_type')
    .on('custody_event')
    .columns(['type', 'occurred_at'])
    .execute();

  await db.schema
    .createTable('staff_member')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint(
      'staff_member_institution_fk',
      ['institution_id'],
      'institution',
      ['id'],
      deferrable,
    )
    .execute();
  await db.schema
    .createIndex('staff_member_institution')
    .on('staff_member')
    .columns(['institution_id', 'full_name'])
    .execute();
}
