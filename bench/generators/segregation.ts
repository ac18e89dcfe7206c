import { addDays, dayIn, wallTimeToInstant } from '@custodia/domain';
import type {
  SegregationDayTable,
  SegregationHealthVisitTable,
  SegregationManagementVisitTable,
  SegregationPlacementTable,
} from '../../server/src/modules/segregation/tables.ts';
import { bulkInsert } from '../lib/bulk-insert.ts';
import { benchId, pickWeighted } from '../lib/ids.ts';
import type { GeneratorPart } from './index.ts';

/** system_setting key holding {@link SegregationBenchFacts} as JSON, read by the load scenarios. */
export const SEGREGATION_FACTS = 'bench_segregation';
/** A governor of the bench institution (wing list, register) and a national inspector (SEG-1 country-wide). */
export const BENCH_GOVERNOR = 'bench.governor';
export const BENCH_INSPECTOR = 'bench.inspector';

export interface SegregationBenchFacts {
  /** The bench doctor's institution (the one with most people in custody): its wing list and register. */
  institutionId: string;
  /** The last whole year of the register (YYYY) and the current month (YYYY-MM). */
  year: string;
  month: string;
  /** Yesterday in the institutions' zone: a day every open placement has a record of. */
  day: string;
}

const ZONE = 'Asia/Baku';
const DAY = 86_400_000;
const HOUR = 3_600_000;
/** About 150 placements per institution and year over two years: 6,000 a year at national scale. */
const PLACEMENTS_PER_INSTITUTION_YEAR = 150;
const YEARS = 2;
/** Open now: a large wing in the bench institution, a few elsewhere. */
const OPEN_IN_BENCH_INSTITUTION = 40;
const OPEN_ELSEWHERE = 5;

const kinds = [
  ['disciplinary', 6],
  ['administrative', 2],
  ['protective', 1.5],
  ['own_request', 0.5],
] as const;

/**
 * Solitary confinement and segregation (issue 18): placements across every institution over two
 * years, each with a daily record, a health visit and (disciplinary) a management visit for every
 * day of its whole duration, a few days missed; open placements now, with their days up to today —
 * a large wing in the bench institution. Written in one transaction per institution through
 * `bulkInsert`.
 */
export const segregationPart: GeneratorPart = {
  module: 'segregation',
  async run({ db, dialect, random, now, log }) {
    const doctor = await db
      .selectFrom('user_account as u')
      .innerJoin('user_institution as ui', 'ui.user_id', 'u.id')
      .select(['ui.institution_id'])
      .where('u.username', '=', 'bench.doctor')
      .executeTakeFirst();
    if (!doctor) throw new Error('the segregation part needs the clinical part (bench.doctor)');
    const admin = await db
      .selectFrom('user_account')
      .selectAll()
      .where('username', '=', 'bench.admin')
      .executeTakeFirstOrThrow();
    const nowMs = now.getTime();
    const governorId = benchId(random, nowMs - 500 * DAY);
    const inspectorId = benchId(random, nowMs - 500 * DAY);
    await db.transaction().execute(async (tx) => {
      await bulkInsert(tx, dialect, 'user_account', [
        {
          ...admin,
          id: governorId,
          username: BENCH_GOVERNOR,
          display_name: 'Bench · Governor',
          staff_id: null,
        },
        {
          ...admin,
          id: inspectorId,
          username: BENCH_INSPECTOR,
          display_name: 'Bench · Inspector',
          staff_id: null,
        },
      ]);
      await bulkInsert(tx, dialect, 'user_role', [
        { user_id: governorId, role: 'governor' },
        { user_id: inspectorId, role: 'inspector' },
      ]);
      await bulkInsert(tx, dialect, 'user_institution', [
        { user_id: governorId, institution_id: doctor.institution_id },
      ]);
    });
    const nurses = await db
      .selectFrom('user_role')
      .select('user_id')
      .where('role', '=', 'nurse')
      .limit(50)
      .execute();
    const nurseIds = nurses.length ? nurses.map((n) => n.user_id) : [governorId];
    const today = dayIn(now, ZONE);
    const startOfDay = (day: string) =>
      Date.parse(wallTimeToInstant(`${day}T00:00:00`, ZONE) ?? `${day}T00:00:00Z`);

    const institutions = await db.selectFrom('institution').select('id').orderBy('id').execute();
    let placements = 0;
    let days = 0;
    let healthVisits = 0;
    let managementVisits = 0;
    for (const institution of institutions) {
      const people = await db
        .selectFrom('person')
        .select('id')
        .where('institution_id', '=', institution.id)
        .where('status', '=', 'in_custody')
        .limit(2_000)
        .execute();
      if (!people.length) continue;
      const cells = await db
        .selectFrom('cell')
        .select('id')
        .where('institution_id', '=', institution.id)
        .where('cell_type', '=', 'segregation')
        .execute();
      const placementRows: SegregationPlacementTable[] = [];
      const dayRows: SegregationDayTable[] = [];
      const healthRows: SegregationHealthVisitTable[] = [];
      const managementRows: SegregationManagementVisitTable[] = [];
      const historical = PLACEMENTS_PER_INSTITUTION_YEAR * YEARS;
      const open = Math.min(
        people.length,
        institution.id === doctor.institution_id ? OPEN_IN_BENCH_INSTITUTION : OPEN_ELSEWHERE,
      );
      for (let i = 0; i < historical + open; i++) {
        const isOpen = i >= historical;
        // Open placements go to distinct people (one open placement a person); history to anyone.
        const person = people[isOpen ? i - historical : Math.floor(random() * people.length)] as {
          id: string;
        };
        const kind = pickWeighted(random, kinds);
        const length =
          kind === 'disciplinary' ? 1 + Math.floor(random() * 14) : 3 + Math.floor(random() * 45);
        const started = isOpen
          ? nowMs - Math.floor(random() * Math.min(length, 20) * DAY) - HOUR
          : nowMs - 2 * DAY - Math.floor(random() * (YEARS * 365 - length) * DAY) - length * DAY;
        const ended = isOpen ? null : started + length * DAY;
        const id = benchId(random, started);
        const cell = cells.length ? (cells[Math.floor(random() * cells.length)] as { id: string }).id : null;
        placementRows.push({
          id,
          person_id: person.id,
          institution_id: institution.id,
          kind,
          reason: kind === 'disciplinary' ? 'Fight in the dining hall' : 'Risk from other prisoners',
          offence_reference: kind === 'disciplinary' ? `DISC-${i}` : null,
          cell_id: cell,
          started_at: new Date(started).toISOString(),
          planned_end_at: new Date(started + length * DAY).toISOString(),
          override_reason: null,
          decided_by: governorId,
          recorded_at: new Date(started + 10 * 60_000).toISOString(),
          ended_at: ended === null ? null : new Date(ended).toISOString(),
          end_reason: ended === null ? null : 'Sanction served',
          ended_by: ended === null ? null : governorId,
          ended_recorded_at: ended === null ? null : new Date(ended + 5 * 60_000).toISOString(),
          version: ended === null ? 1 : 2,
        });
        // Every day of the placement: its record (the evening), a health visit, a management visit.
        const first = dayIn(new Date(started), ZONE);
        const last = ended === null ? today : dayIn(new Date(ended), ZONE);
        for (let d = first; d <= last; d = addDays(d, 1)) {
          const base = startOfDay(d);
          const isToday = d === today;
          const entry = (hour: number, by: string) => ({
            id: benchId(random, base + hour * HOUR),
            placement_id: id,
            recorded_by: by,
            recorded_at: new Date(base + hour * HOUR + 60_000).toISOString(),
          });
          // Today's record comes in the evening: still due now. Yesterday and before: 97% recorded.
          if (!isToday && random() < 0.97) {
            const solitary = random() < 0.35;
            const out = solitary ? 30 + Math.floor(random() * 60) : 120 + Math.floor(random() * 240);
            dayRows.push({
              ...entry(21, governorId),
              day: d,
              out_of_cell_minutes: out,
              outdoor_minutes: Math.min(
                out,
                solitary ? 30 + Math.floor(random() * 40) : 60 + Math.floor(random() * 60),
              ),
              contact_minutes: solitary ? Math.floor(random() * 110) : 120 + Math.floor(random() * 120),
            });
          }
          if (random() < 0.96 && !(isToday && random() < 0.5)) {
            healthRows.push({
              ...entry(10, nurseIds[Math.floor(random() * nurseIds.length)] as string),
              at: new Date(base + 10 * HOUR).toISOString(),
              seen: 1,
              adverse_effect: random() < 0.01 ? 1 : 0,
              note: null,
            });
          }
          if (kind === 'disciplinary' && random() < 0.92) {
            managementRows.push({
              ...entry(15, governorId),
              at: new Date(base + 15 * HOUR).toISOString(),
              note: null,
            });
          }
        }
      }
      await db.transaction().execute(async (tx) => {
        await bulkInsert(tx, dialect, 'segregation_placement', placementRows);
        await bulkInsert(tx, dialect, 'segregation_day', dayRows);
        await bulkInsert(tx, dialect, 'segregation_health_visit', healthRows);
        await bulkInsert(tx, dialect, 'segregation_management_visit', managementRows);
      });
      placements += placementRows.length;
      days += dayRows.length;
      healthVisits += healthRows.length;
      managementVisits += managementRows.length;
    }
    const facts: SegregationBenchFacts = {
      institutionId: doctor.institution_id,
      year: String(new Date(nowMs - 180 * DAY).getUTCFullYear()),
      month: today.slice(0, 7),
      day: addDays(today, -1),
    };
    await bulkInsert(db, dialect, 'system_setting', [
      { key: SEGREGATION_FACTS, value: JSON.stringify(facts), updated_at: now.toISOString() },
    ]);
    log(
      `${placements} placements, ${days} days, ${healthVisits} health visits, ${managementVisits} management visits`,
    );
    return `${placements} segregation placements, ${days} daily records, ${healthVisits} health and ${managementVisits} management visits (sign in as ${BENCH_GOVERNOR} or ${BENCH_INSPECTOR})`;
  },
};
