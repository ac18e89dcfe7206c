import { type Kysely, sql } from 'kysely';

/**
 * The open episodes, kept beside the register (issue 6). "Open" means no end that stands, and
 * asking that of every episode an institution ever had grows with its history: 0.9 ms for two
 * years of one prison, and the national worklist asks it of every episode of the country. The
 * service keeps this table in the same transaction as the register: a row at the start, removed
 * at the end, put back when that end is corrected. The register itself stays append-only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('restraint_open_episode')
    .addColumn('episode_id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('restraint_open_episode_institution')
    .on('restraint_open_episode')
    .column('institution_id')
    .execute();
  await db.schema
    .createIndex('restraint_open_episode_person')
    .on('restraint_open_episode')
    .column('person_id')
    .execute();
  await sql`insert into restraint_open_episode (episode_id, institution_id, person_id)
    select e.id, e.institution_id, e.person_id from restraint_episode e
    where not exists (
      select 1 from restraint_event x where x.episode_id = e.id and x.kind = 'end'
        and not exists (select 1 from restraint_event c where c.corrects_event_id = x.id))`.execute(db);
}
