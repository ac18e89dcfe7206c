import {
  CONTACT_LOOKBACK_MONTHS,
  calendarDateIn,
  contactsFromStays,
  lastFinishedQuarter,
  programmeAddDays,
  programmeAddMonths,
  registerNumber,
} from '@custodia/domain';
import type {
  ProgrammeContactTable,
  ProgrammeEpisodeTable,
  ProgrammeScreenTable,
  ProgrammeTaskTable,
  ProgrammeTestTable,
} from '../../server/src/modules/programmes/tables.ts';
import { createRegistryService } from '../../server/src/modules/registry/service.ts';
import type { Db } from '../../server/src/platform/db/database.ts';
import { bulkInsert } from '../lib/bulk-insert.ts';
import { benchId } from '../lib/ids.ts';
import type { GeneratorPart } from './index.ts';

/** system_setting key holding {@link ProgrammesBenchFacts} as JSON, read by the TB scenarios. */
export const PROGRAMMES_FACTS = 'bench_programmes';

export interface ProgrammesBenchFacts {
  /** The quarter the country's cohort report is asked for (the last finished one). */
  quarter: string;
  /** The contact investigation of the index person with the long placement history. */
  investigationId: string;
  indexPersonId: string;
  /** Placements written for the index person (one a month over up to 3 years). */
  placements: number;
  contacts: number;
}

const DAY = 86_400_000;
const ZONE = 'Asia/Baku';
/** Issue 16 item 8, Performance: about 2 % of everyone ever held had a TB episode, one in seven RR/MDR. */
const TB_SHARE = 0.02;
const DR_SHARE = 0.15;
/** Yearly screening (PHC-9) reached about 80 % of the people held today. */
const SCREENED_SHARE = 0.8;
const OUTCOMES: [string, number][] = [
  ['cured', 55],
  ['treatment_completed', 20],
  ['treatment_failed', 4],
  ['died', 4],
  ['lost_to_follow_up', 9],
  ['not_evaluated', 8],
];

const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Programme registers (issue 16, Performance; ADR 0050): TB episodes across the whole historical
 * population — about 2 % of everyone ever held, some RR/MDR — with their diagnostic and monitoring
 * tests, WHO outcomes once treatment would have ended, register numbers from per-institution,
 * per-year counters, yearly screenings of the people held today, and one index person given a
 * placement a month over the last 3 years with the contact investigation the registration would
 * open (computed by the registry's `placementStays` and the domain's `contactsFromStays`).
 */
export const programmesPart: GeneratorPart = {
  module: 'programmes',
  async run({ db, dialect, random, now, log }) {
    const nowMs = now.getTime();
    const at = now.toISOString();
    const today = calendarDateIn(now, ZONE);
    const doctor = await db
      .selectFrom('user_account')
      .select('id')
      .where('username', 'in', ['bench.doctor', 'bench.clinician', 'bench.admin'])
      .orderBy('username', 'desc')
      .executeTakeFirst();
    if (!doctor) throw new Error('the programmes part needs the identity part');
    const by = doctor.id;
    await bulkInsert(db, dialect, 'programme_regimen', [
      {
        code: '2HRZE/4HR',
        programme: 'tb',
        name: '2HRZE/4HR (drug-susceptible TB)',
        grp: 'susceptible',
        phases: JSON.stringify([
          { months: 2, lines: [{ drugCode: 'rhze', dose: 4, doseUnit: 'tablet' }] },
          { months: 4, lines: [{ drugCode: 'rh', dose: 4, doseUnit: 'tablet' }] },
        ]),
        active: 1,
        updated_at: at,
      },
      {
        code: 'BPaLM',
        programme: 'tb',
        name: 'BPaLM, 6 months (RR/MDR-TB)',
        grp: 'drug_resistant',
        phases: JSON.stringify([
          {
            months: 6,
            lines: [
              { drugCode: 'bedaquiline', dose: 200, doseUnit: 'mg' },
              { drugCode: 'pretomanid', dose: 200, doseUnit: 'mg' },
              { drugCode: 'linezolid', dose: 600, doseUnit: 'mg' },
              { drugCode: 'moxifloxacin', dose: 400, doseUnit: 'mg' },
            ],
          },
        ]),
        active: 1,
        updated_at: at,
      },
    ]);
    const institutions = await db.selectFrom('institution').select(['id', 'code']).execute();
    const codeOf = new Map(institutions.map((i) => [i.id, i.code]));
    const people = await db
      .selectFrom('person')
      .select(['id', 'institution_id', 'admitted_at', 'status', 'status_since'])
      .where('institution_id', 'is not', null)
      .orderBy('id')
      .execute();

    const counters = new Map<string, number>();
    const episodes: ProgrammeEpisodeTable[] = [];
    const tests: ProgrammeTestTable[] = [];
    const screens: ProgrammeScreenTable[] = [];
    const test = (
      e: ProgrammeEpisodeTable,
      over: Partial<ProgrammeTestTable> & Pick<ProgrammeTestTable, 'test' | 'sample_on'>,
    ): ProgrammeTestTable => ({
      id: benchId(random, Date.parse(`${over.sample_on}T06:00:00Z`)),
      episode_id: e.id,
      person_id: e.person_id,
      purpose: 'diagnosis',
      specimen: 'sputum',
      ordered_by: by,
      ordered_at: `${over.sample_on}T06:00:00.000Z`,
      result_on: programmeAddDays(over.sample_on, 2),
      result: null,
      rifampicin: null,
      dst: null,
      note: null,
      resulted_by: by,
      resulted_at: `${programmeAddDays(over.sample_on, 2)}T09:00:00.000Z`,
      reviewed_at: `${programmeAddDays(over.sample_on, 3)}T09:00:00.000Z`,
      ...over,
    });
    const pickOutcome = () => {
      let r = random() * 100;
      for (const [o, w] of OUTCOMES) {
        r -= w;
        if (r < 0) return o;
      }
      return 'cured';
    };

    for (const p of people) {
      const institutionId = p.institution_id as string;
      const held = p.status === 'in_custody' || p.status === 'temporarily_absent';
      if (held && random() < SCREENED_SHARE) {
        const on = ymd(nowMs - Math.floor(random() * 360) * DAY);
        screens.push({
          id: benchId(random, Date.parse(`${on}T08:00:00Z`)),
          person_id: p.id,
          institution_id: institutionId,
          method: random() < 0.7 ? 'symptom' : 'chest_xray',
          occasion: 'yearly',
          screened_on: on,
          result: 'negative',
          symptoms: '{}',
          note: null,
          episode_id: null,
          recorded_by: by,
          recorded_at: `${on}T08:00:00.000Z`,
        });
      }
      if (random() >= TB_SHARE) continue;
      const from = p.admitted_at ? Date.parse(p.admitted_at) : nowMs - 365 * DAY;
      const to = !held && p.status_since ? Date.parse(p.status_since) : nowMs;
      const span = Math.max(DAY, to - from - 10 * DAY);
      const diagnosedOn = ymd(from + 8 * DAY + Math.floor(random() * span));
      if (diagnosedOn > today) continue;
      const presumedOn = programmeAddDays(diagnosedOn, -5);
      const dr = random() < DR_SHARE;
      const months = dr ? 6 + Math.floor(random() * 4) * 3 : 6;
      const ended = programmeAddMonths(diagnosedOn, months) <= today;
      const outcome = ended || !held ? pickOutcome() : null;
      const outcomeOn = outcome
        ? [programmeAddMonths(diagnosedOn, outcome === 'died' ? 2 : months), today].sort()[0]!
        : null;
      const year = Number(diagnosedOn.slice(0, 4));
      const key = `${institutionId}|${year}`;
      const sequence = (counters.get(key) ?? 0) + 1;
      counters.set(key, sequence);
      const pulmonary = random() < 0.85;
      const e: ProgrammeEpisodeTable = {
        id: benchId(random, Date.parse(`${presumedOn}T07:00:00Z`)),
        programme: 'tb',
        person_id: p.id,
        institution_id: institutionId,
        source: random() < 0.3 ? 'admission_screening' : 'symptom_screen',
        presumed_on: presumedOn,
        status: outcome ? 'closed' : 'on_treatment',
        register_number: registerNumber(codeOf.get(institutionId) ?? 'X', year, sequence),
        category: random() < 0.8 ? 'new' : 'relapse',
        bacteriology: random() < 0.75 ? 'bacteriologically_confirmed' : 'clinically_diagnosed',
        site: pulmonary ? 'pulmonary' : 'extrapulmonary',
        resistance: dr ? (random() < 0.7 ? 'mdr' : 'rr') : 'susceptible',
        diagnosed_on: diagnosedOn,
        registered_on: diagnosedOn,
        regimen_code: dr ? 'BPaLM' : '2HRZE/4HR',
        treatment_start_on: diagnosedOn,
        treatment_months: months,
        treatment_weeks: null,
        prescription_ids: null,
        outcome,
        outcome_on: outcomeOn,
        failure_reason: outcome === 'treatment_failed' ? 'Culture positive at month 5' : null,
        isolation_ended_on: pulmonary ? programmeAddDays(diagnosedOn, 21) : null,
        isolation_end_reason: pulmonary ? 'Smear negative after treatment started' : null,
        previous_episode_id: null,
        note: null,
        created_by: by,
        created_at: `${presumedOn}T07:00:00.000Z`,
        version: 1,
      };
      episodes.push(e);
      tests.push(
        test(e, {
          test: 'xpert',
          sample_on: presumedOn,
          result: 'detected',
          rifampicin: dr ? 'detected' : 'not_detected',
        }),
      );
      if (dr)
        tests.push(
          test(e, {
            test: 'dst',
            specimen: 'sputum',
            sample_on: presumedOn,
            dst: JSON.stringify({ rifampicin: 'resistant', isoniazid: 'resistant' }),
          }),
        );
      // Monitoring: smears at months 2, 5 and 6 (susceptible) or monthly cultures (RR/MDR), until now.
      const points = dr ? Array.from({ length: months }, (_, i) => i + 1) : [2, 5, 6];
      for (const m of points) {
        const sample = programmeAddMonths(diagnosedOn, m);
        if (sample > programmeAddDays(outcomeOn ?? today, -3)) break;
        tests.push(
          test(e, {
            test: dr ? 'culture' : 'smear',
            purpose: 'monitoring',
            sample_on: sample,
            result: 'negative',
          }),
        );
      }
    }
    await bulkInsert(db, dialect, 'programme_episode', episodes);
    await bulkInsert(db, dialect, 'programme_test', tests);
    await bulkInsert(db, dialect, 'programme_screen', screens);
    await bulkInsert(
      db,
      dialect,
      'programme_counter',
      [...counters].map(([key, last]) => {
        const [institution_id, year] = key.split('|') as [string, string];
        return { institution_id, programme: 'tb', year: Number(year), last };
      }),
    );

    // The index person: held longest since their last arrival, given a placement a month for up to 3 years.
    const arrival = await db
      .selectFrom('custody_event as e')
      .innerJoin('person as p', 'p.id', 'e.person_id')
      .select(['e.person_id', 'p.institution_id', (eb) => eb.fn.max('e.occurred_at').as('arrived')])
      .where('p.status', '=', 'in_custody')
      .where('e.type', 'in', ['admission', 'transfer_in'])
      .groupBy(['e.person_id', 'p.institution_id'])
      .orderBy('arrived')
      .limit(1)
      .executeTakeFirstOrThrow();
    const indexPersonId = arrival.person_id;
    const home = arrival.institution_id as string;
    const cells = await db
      .selectFrom('cell')
      .select(['id', 'unit_id'])
      .where('institution_id', '=', home)
      .where('cell_type', '=', 'ordinary')
      .orderBy('unit_id')
      .orderBy('id')
      .limit(12)
      .execute();
    const start = Math.max(Date.parse(arrival.arrived as string) + DAY, nowMs - 3 * 365 * DAY);
    const moves: {
      id: string;
      person_id: string;
      type: string;
      occurred_at: string;
      recorded_at: string;
      recorded_by: string;
      institution_id: string;
      cell_id: string;
    }[] = [];
    for (let t = start, k = 0; t < nowMs - 2 * DAY; t += 30 * DAY, k++) {
      const cell = cells[k % cells.length] as { id: string };
      const occurred = new Date(t).toISOString();
      moves.push({
        id: benchId(random, t),
        person_id: indexPersonId,
        type: 'placement',
        occurred_at: occurred,
        recorded_at: occurred,
        recorded_by: by,
        institution_id: home,
        cell_id: cell.id,
      });
    }
    await bulkInsert(db, dialect, 'custody_event', moves);
    const last = moves[moves.length - 1];
    if (last)
      await db.updateTable('person').set({ cell_id: last.cell_id }).where('id', '=', indexPersonId).execute();

    // The index case and the contact investigation its registration opens (TB-5).
    const diagnosedOn = programmeAddDays(today, -2);
    const year = Number(diagnosedOn.slice(0, 4));
    const key = `${home}|${year}`;
    const sequence = (counters.get(key) ?? 0) + 1;
    await db
      .updateTable('programme_counter')
      .set({ last: sequence })
      .where('institution_id', '=', home)
      .where('programme', '=', 'tb')
      .where('year', '=', year)
      .execute();
    if (!counters.has(key))
      await bulkInsert(db, dialect, 'programme_counter', [
        { institution_id: home, programme: 'tb', year, last: sequence },
      ]);
    const indexEpisodeId = benchId(random, nowMs - 3 * DAY);
    await bulkInsert(db, dialect, 'programme_episode', [
      {
        id: indexEpisodeId,
        programme: 'tb',
        person_id: indexPersonId,
        institution_id: home,
        source: 'symptom_screen',
        presumed_on: programmeAddDays(diagnosedOn, -3),
        status: 'registered',
        register_number: registerNumber(codeOf.get(home) ?? 'X', year, sequence),
        category: 'new',
        bacteriology: 'bacteriologically_confirmed',
        site: 'pulmonary',
        resistance: 'mdr',
        diagnosed_on: diagnosedOn,
        registered_on: diagnosedOn,
        regimen_code: null,
        treatment_start_on: null,
        treatment_months: null,
        prescription_ids: null,
        outcome: null,
        outcome_on: null,
        failure_reason: null,
        isolation_ended_on: null,
        isolation_end_reason: null,
        previous_episode_id: null,
        note: null,
        created_by: by,
        created_at: at,
        version: 1,
      },
    ]);
    const windowTo = at;
    const windowFrom = new Date(
      `${programmeAddMonths(today, -CONTACT_LOOKBACK_MONTHS)}T00:00:00Z`,
    ).toISOString();
    // The registry's own reading of the placement history (placementStays reads nothing else).
    const registry = createRegistryService(
      db as unknown as Db,
      { now: () => now },
      null as never,
      null as never,
    );
    const mine = await registry.placementStays(db, {
      personIds: [indexPersonId],
      unitIds: [],
      from: windowFrom,
      to: windowTo,
    });
    const units = [...new Set(mine.map((s) => s.unitId))];
    const others = units.length
      ? await registry.placementStays(db, { personIds: [], unitIds: units, from: windowFrom, to: windowTo })
      : [];
    const contacts = contactsFromStays(indexPersonId, mine, others, { from: windowFrom, to: windowTo });
    const investigationId = benchId(random, nowMs);
    await bulkInsert(db, dialect, 'programme_contact_investigation', [
      {
        id: investigationId,
        episode_id: indexEpisodeId,
        person_id: indexPersonId,
        institution_id: home,
        window_from: windowFrom,
        window_to: windowTo,
        opened_by: by,
        opened_at: at,
      },
    ]);
    const tasks: ProgrammeTaskTable[] = [];
    const contactRows: ProgrammeContactTable[] = [];
    for (const c of contacts) {
      const taskId = benchId(random, nowMs);
      tasks.push({
        id: taskId,
        programme: 'tb',
        kind: 'contact_screen',
        person_id: c.personId,
        institution_id: home,
        due_on: programmeAddDays(today, 7),
        source_id: investigationId,
        opened_at: at,
        done_on: null,
        done_by: null,
        note: null,
      });
      contactRows.push({
        id: benchId(random, nowMs),
        investigation_id: investigationId,
        person_id: c.personId,
        setting: c.setting,
        overlap_from: c.overlapFrom,
        overlap_to: c.overlapTo,
        task_id: taskId,
        screened_on: null,
        outcome: null,
        note: null,
        recorded_by: null,
      });
    }
    await bulkInsert(db, dialect, 'programme_task', tasks);
    await bulkInsert(db, dialect, 'programme_contact', contactRows);

    const facts: ProgrammesBenchFacts = {
      quarter: lastFinishedQuarter(today),
      investigationId,
      indexPersonId,
      placements: moves.length,
      contacts: contacts.length,
    };
    await bulkInsert(db, dialect, 'system_setting', [
      { key: PROGRAMMES_FACTS, value: JSON.stringify(facts), updated_at: at },
    ]);
    const dr = episodes.filter((e) => e.resistance !== 'susceptible').length;
    log(`${episodes.length} episodes (${dr} RR/MDR), ${tests.length} tests, ${screens.length} screenings`);
    return `${episodes.length + 1} TB episodes (${dr} RR/MDR), ${tests.length} tests, ${screens.length} yearly screenings; index person with ${moves.length} placements and ${contacts.length} contacts`;
  },
};
