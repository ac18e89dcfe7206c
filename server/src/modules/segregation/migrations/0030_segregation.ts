import type { ForeignKeyConstraintBuilder, Kysely } from 'kysely';

const deferrable = (fk: ForeignKeyConstraintBuilder) => fk.deferrable().initiallyImmediate();

/**
 * Solitary confinement and segregation (issue 18 item 4, ADR 0033). A placement row holds what the
 * decision-maker signed; what follows — the daily records, health visits, management visits and the
 * director's decisions — are rows of their own, never updated (a later daily record of the same day
 * stands over the earlier one, which stays in the timeline). Only the end is set on the placement,
 * once, with its `version`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('segregation_placement')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('offence_reference', 'text')
    .addColumn('cell_id', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('planned_end_at', 'text', (c) => c.notNull())
    .addColumn('override_reason', 'text')
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('end_reason', 'text')
    .addColumn('ended_by', 'text')
    .addColumn('ended_recorded_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addForeignKeyConstraint('segregation_placement_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .addForeignKeyConstraint(
      'segregation_placement_institution_fk',
      ['institution_id'],
      'institution',
      ['id'],
      deferrable,
    )
    .execute();
  await db.schema
    .createIndex('segregation_placement_open')
    .on('segregation_placement')
    .columns(['institution_id', 'ended_at'])
    .execute();
  await db.schema
    .createIndex('segregation_placement_person')
    .on('segregation_placement')
    .columns(['person_id', 'started_at'])
    .execute();

  const child = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('placement_id', 'text', (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .addForeignKeyConstraint(
        `${name}_placement_fk`,
        ['placement_id'],
        'segregation_placement',
        ['id'],
        deferrable,
      );

  await child('segregation_day')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('out_of_cell_minutes', 'integer', (c) => c.notNull())
    .addColumn('outdoor_minutes', 'integer', (c) => c.notNull())
    .addColumn('contact_minutes', 'integer', (c) => c.notNull())
    .execute();
  await child('segregation_health_visit')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('seen', 'integer', (c) => c.notNull())
    .addColumn('adverse_effect', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await child('segregation_management_visit')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await child('segregation_decision')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute();
  for (const table of [
    'segregation_day',
    'segregation_health_visit',
    'segregation_management_visit',
    'segregation_decision',
  ]) {
    await db.schema.createIndex(`${table}_placement`).on(table).column('placement_id').execute();
  }
}
