import type { Kysely } from 'kysely';

/**
 * The planned release date of a person's current custody (issue 16; ADR 0050): entered and changed
 * by the registry, never before the admission, cleared by a new admission. Other modules list the
 * people of an institution whose planned release falls between two days (TB screening at release,
 * PHC-9; mental health's and medication's release plans) through the index below.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('person').addColumn('planned_release_date', 'text').execute();
  await db.schema
    .createIndex('person_planned_release')
    .on('person')
    .columns(['institution_id', 'planned_release_date'])
    .execute();
}
