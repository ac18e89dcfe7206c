import { type Kysely, sql } from 'kysely';

/**
 * ADR 0055: the registry's planned release date (ADR 0050) is the only one. Medication's own
 * `medication_release_plan` dates move into `person.planned_release_date` where the registry has
 * none for the same custody (the plan was set by a prescriber in the person's current institution,
 * after the current admission, for a day not before the admission day); the letters already prepared
 * are kept in `medication_release_preparation`, with the release date each was prepared for; the
 * old table goes. Forward-only, the same statements on SQLite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update person
       set planned_release_date = (
             select m.planned_on from medication_release_plan m where m.person_id = person.id
           ),
           version = version + 1
     where planned_release_date is null
       and status in ('in_custody', 'temporarily_absent')
       and admitted_at is not null
       and exists (
             select 1 from medication_release_plan m
              where m.person_id = person.id
                and m.institution_id = person.institution_id
                and m.set_at >= person.admitted_at
                and m.planned_on >= substr(person.admitted_at, 1, 10)
           )
  `.execute(db);

  await db.schema
    .createTable('medication_release_preparation')
    .addColumn('person_id', 'text', (c) => c.primaryKey())
    .addColumn('release_on', 'text', (c) => c.notNull())
    .addColumn('letter_at', 'text', (c) => c.notNull())
    .addColumn('letter_by', 'text')
    .execute();
  await sql`
    insert into medication_release_preparation (person_id, release_on, letter_at, letter_by)
    select person_id, planned_on, letter_at, null from medication_release_plan where letter_at is not null
  `.execute(db);

  await db.schema.dropIndex('medication_release_plan_date').execute();
  await db.schema.dropTable('medication_release_plan').execute();
}
