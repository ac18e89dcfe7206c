import type { Kysely } from 'kysely';

/**
 * Issue 16, Performance (ADR 0056): the country's HIV and hepatitis C cascade counts distinct people
 * tested in a period over every blood-borne test ever recorded. The cascade's index now carries the
 * person and the result, so counting the people tested, and those with a reactive antibody, reads the
 * index alone instead of fetching every test row of the period; each person's last viral load is one
 * seek in a second index (by test, person and date), not every viral load of the period read into the
 * server; and the episodes diagnosed in the period are one range of a new index instead of a walk of
 * every programme episode.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('programme_bbv_test_cascade_ix').execute();
  await db.schema
    .createIndex('programme_bbv_test_cascade_ix')
    .on('programme_bbv_test')
    .columns(['test', 'result_on', 'institution_id', 'person_id', 'result'])
    .execute();
  await db.schema
    .createIndex('programme_bbv_test_last_ix')
    .on('programme_bbv_test')
    .columns(['test', 'person_id', 'sample_on', 'value'])
    .execute();
  await db.schema
    .createIndex('programme_episode_diagnosed_ix')
    .on('programme_episode')
    .columns(['programme', 'diagnosed_on'])
    .execute();
}
