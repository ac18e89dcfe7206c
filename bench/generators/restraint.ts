import { newId } from '@custodia/domain';
import type {
  RestraintEpisodeTable,
  RestraintEventTable,
  RestraintOpenEpisodeTable,
} from '../../server/src/modules/restraint/tables.ts';
import { bulkInsert } from '../lib/bulk-insert.ts';
import type { GeneratorPart } from './index.ts';

/** system_setting key holding {@link RestraintBenchFacts} as JSON, read by the load scenarios. */
export const RESTRAINT_FACTS = 'bench_restraint';

export interface RestraintBenchFacts {
  /** The bench doctor's institution: its board has open episodes, its register a year of history. */
  institutionId: string;
  openEpisodeIds: string[];
  /** A whole year of the register (YYYY). */
  year: string;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Issue 6: about 10,000 episodes a year across the national scale (40 institutions). */
const EPISODES_PER_INSTITUTION_YEAR = 250;
const YEARS = 2;

/**
 * Restraint and seclusion history (issue 6): about 250 episodes per institution and year over two
 * years (10,000 a year at national scale), each with its approval, observations every 15 minutes,
 * reviews every hour, the end and the debriefs; and five open episodes in the bench doctor's
 * institution for the board and the observation scenario.
 */
export const restraintPart: GeneratorPart = {
  module: 'restraint',
  async run({ db, dialect, random, now, log }) {
    const doctor = await db
      .selectFrom('user_account as u')
      .innerJoin('user_institution as ui', 'ui.user_id', 'u.id')
      .select(['u.id', 'ui.institution_id'])
      .where('u.username', '=', 'bench.doctor')
      .executeTakeFirst();
    if (!doctor) throw new Error('the restraint part needs the clinical part (bench.doctor)');
    const institutions = await db.selectFrom('institution').select('id').execute();
    let episodes = 0;
    let events = 0;
    const openEpisodeIds: string[] = [];
    for (const institution of institutions) {
      const rooms = await db
        .selectFrom('cell')
        .select(['id', 'unit_id', 'cell_type'])
        .where('institution_id', '=', institution.id)
        .limit(20)
        .execute();
      const people = await db
        .selectFrom('person')
        .select('id')
        .where('institution_id', '=', institution.id)
        .where('status', '=', 'in_custody')
        .limit(400)
        .execute();
      const staff = await db
        .selectFrom('staff_member')
        .select('id')
        .where('institution_id', '=', institution.id)
        .limit(2)
        .execute();
      if (!rooms.length || !people.length || staff.length < 2) continue;
      const episodeRows: RestraintEpisodeTable[] = [];
      const eventRows: RestraintEventTable[] = [];
      const openRows: RestraintOpenEpisodeTable[] = [];
      const count = EPISODES_PER_INSTITUTION_YEAR * YEARS;
      const open = institution.id === doctor.institution_id ? 5 : 0;
      for (let i = 0; i < count + open; i++) {
        const isOpen = i >= count;
        const person = people[isOpen ? i - count : Math.floor(random() * people.length)] as { id: string };
        const room = rooms[Math.floor(random() * rooms.length)] as (typeof rooms)[number];
        const start = isOpen
          ? now.getTime() - (2 + i - count) * MINUTE
          : now.getTime() - Math.floor(random() * YEARS * 365 * DAY) - 2 * DAY;
        const minutes = 10 + Math.floor(random() * (random() < 0.1 ? 300 : 60));
        const id = newId();
        const at = (m: number) => new Date(start + m * MINUTE).toISOString();
        const emergency = random() < 0.6;
        episodeRows.push({
          id,
          person_id: person.id,
          institution_id: institution.id,
          unit_id: room.unit_id ?? null,
          cell_id: room.id,
          cell_type: room.cell_type,
          types: JSON.stringify(['seclusion']),
          combination_reason: null,
          in_view_of_others: 0,
          started_at: at(0),
          late_entry_reason: null,
          authorisation: emergency ? ('emergency_start' as const) : ('doctor_order' as const),
          order_assessment: emergency ? null : 'Examined: acute agitation',
          harm: 'harm_to_others',
          harm_description: 'Threatened others during an acute crisis',
          less_restrictive: JSON.stringify(['verbal_de_escalation']),
          less_restrictive_description: 'De-escalation tried first',
          person_preferences: 'No preference stated',
          equipment: '[]',
          holds: '[]',
          medication: null,
          applied_by: JSON.stringify([(staff[0] as { id: string }).id]),
          supervisor_id: (staff[1] as { id: string }).id,
          supervision_position: 'doorway',
          flags: JSON.stringify(emergency ? ['emergency_start'] : []),
          recorded_by: doctor.id,
          recorded_at: at(1),
        });
        if (isOpen) {
          openEpisodeIds.push(id);
          openRows.push({ episode_id: id, institution_id: institution.id, person_id: person.id });
          continue;
        }
        const event = (kind: string, m: number, payload: object) =>
          eventRows.push({
            id: newId(),
            episode_id: id,
            institution_id: institution.id,
            kind,
            at: at(m),
            payload: JSON.stringify(payload),
            corrects_event_id: null,
            recorded_by: doctor.id,
            recorded_at: at(m),
          });
        if (emergency) event('approval', 8, { assessment: 'Seen; risk to others' });
        for (let m = 15; m < minutes; m += 15) {
          event('observation', m - 1, {
            breathing: 'normal',
            limbCirculation: 'not_applicable',
            hydrationOffered: true,
            toiletNeeds: 'not_needed',
            mentalState: 'agitated',
            stillNeeded: true,
          });
        }
        for (let m = 60; m < minutes; m += 60)
          event('review', m - 2, { findings: 'Still needed', continueMeasure: true });
        event('end', minutes, { reason: 'no_longer_needed' });
        event('debrief_person', minutes + 120, { summary: 'Debrief with the person' });
        event('debrief_staff', minutes + 180, { summary: 'Staff debrief' });
      }
      await bulkInsert(db, dialect, 'restraint_episode', episodeRows);
      await bulkInsert(db, dialect, 'restraint_event', eventRows);
      if (openRows.length) await bulkInsert(db, dialect, 'restraint_open_episode', openRows);
      episodes += episodeRows.length;
      events += eventRows.length;
    }
    const facts: RestraintBenchFacts = {
      institutionId: doctor.institution_id,
      openEpisodeIds,
      year: String(new Date(now.getTime() - 180 * DAY).getUTCFullYear()),
    };
    await bulkInsert(db, dialect, 'system_setting', [
      { key: RESTRAINT_FACTS, value: JSON.stringify(facts), updated_at: now.toISOString() },
    ]);
    log(`${episodes} episodes, ${events} events`);
    return `${episodes} restraint episodes (${openEpisodeIds.length} open in ${doctor.institution_id}), ${events} events`;
  },
};
