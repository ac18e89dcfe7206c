import { calendarDateIn, programmeAddDays } from '@custodia/domain';
import type {
  ProgrammeBbvOfferTable,
  ProgrammeBbvTestTable,
} from '../../server/src/modules/programmes/bbv-tables.ts';
import type { ProgrammeEpisodeTable } from '../../server/src/modules/programmes/tables.ts';
import { bulkInsert } from '../lib/bulk-insert.ts';
import { benchId } from '../lib/ids.ts';
import type { GeneratorPart } from './index.ts';

/** system_setting key holding {@link BbvBenchFacts} as JSON, read by the cascade scenario. */
export const BBV_FACTS = 'bench_bbv';

export interface BbvBenchFacts {
  /** The period the country's cascades are asked for: everything generated. */
  from: string;
  to: string;
}

const ZONE = 'Asia/Baku';
/** DOMAIN.md §4.3: about 85 % accept the entry offer; anti-HCV about 13 %, 80 % of those viraemic; HIV about 3 %. */
const ACCEPTED = 0.85;
const HCV_AB = 0.13;
const VIRAEMIC = 0.8;
const HIV = 0.03;

/**
 * Blood-borne infections (issue 16, Performance; ADR 0048): for everyone ever held, the entry offer
 * at admission and, when accepted, the HIV and anti-HCV tests with their results; HCV RNA after a
 * reactive antibody, an episode for a detected RNA or a reactive HIV test, treatment for most,
 * SVR12 or suppression for most of those treated, and six-monthly viral loads on ART — the rows
 * the country's HIV and HCV cascades count.
 */
export const bbvPart: GeneratorPart = {
  module: 'bbv',
  async run({ db, dialect, random, now }) {
    const today = calendarDateIn(now, ZONE);
    const by = (
      await db
        .selectFrom('user_account')
        .select('id')
        .where('username', 'in', ['bench.doctor', 'bench.clinician', 'bench.admin'])
        .orderBy('username', 'desc')
        .executeTakeFirst()
    )?.id;
    if (!by) throw new Error('the bbv part needs the identity part');
    const people = await db
      .selectFrom('person')
      .select(['id', 'institution_id', 'admitted_at'])
      .where('institution_id', 'is not', null)
      .orderBy('id')
      .execute();
    const offers: ProgrammeBbvOfferTable[] = [];
    const tests: ProgrammeBbvTestTable[] = [];
    const episodes: ProgrammeEpisodeTable[] = [];
    let from = today;
    const test = (
      p: { id: string; institution_id: string },
      over: Pick<ProgrammeBbvTestTable, 'test' | 'sample_on' | 'result'> & Partial<ProgrammeBbvTestTable>,
    ): ProgrammeBbvTestTable => {
      const resultOn = programmeAddDays(over.sample_on, 3);
      return {
        id: benchId(random, Date.parse(`${over.sample_on}T06:00:00Z`)),
        person_id: p.id,
        institution_id: p.institution_id,
        offer_id: null,
        episode_id: null,
        ordered_by: by,
        ordered_at: `${over.sample_on}T06:00:00.000Z`,
        result_on: resultOn,
        value: null,
        note: null,
        resulted_by: by,
        resulted_at: `${resultOn}T09:00:00.000Z`,
        post_counselled_on: resultOn,
        post_counselled_by: by,
        reviewed_at: `${resultOn}T10:00:00.000Z`,
        ...over,
      };
    };
    const episode = (
      p: { id: string; institution_id: string },
      programme: 'hiv' | 'hcv',
      diagnosedOn: string,
      treated: boolean,
      outcome: string | null,
      outcomeOn: string | null,
    ): ProgrammeEpisodeTable => ({
      id: benchId(random, Date.parse(`${diagnosedOn}T07:00:00Z`)),
      programme,
      person_id: p.id,
      institution_id: p.institution_id,
      source: 'test_result',
      presumed_on: diagnosedOn,
      status: outcome ? 'closed' : treated ? 'on_treatment' : 'registered',
      register_number: null,
      category: null,
      bacteriology: null,
      site: null,
      resistance: null,
      diagnosed_on: diagnosedOn,
      registered_on: diagnosedOn,
      regimen_code: treated ? (programme === 'hiv' ? 'tld' : 'sof_dcv_12w') : null,
      treatment_start_on: treated ? programmeAddDays(diagnosedOn, 14) : null,
      treatment_months: null,
      treatment_weeks: treated && programme === 'hcv' ? 12 : null,
      prescription_ids: null,
      outcome,
      outcome_on: outcomeOn,
      failure_reason: null,
      isolation_ended_on: null,
      isolation_end_reason: null,
      previous_episode_id: null,
      note: null,
      created_by: by,
      created_at: `${diagnosedOn}T07:00:00.000Z`,
      version: 1,
    });
    for (const person of people) {
      if (!person.institution_id) continue;
      const p = { id: person.id, institution_id: person.institution_id };
      const admitted = person.admitted_at ? person.admitted_at.slice(0, 10) : today;
      const sampleOn = programmeAddDays(admitted, 2) < today ? programmeAddDays(admitted, 2) : admitted;
      if (sampleOn < from) from = sampleOn;
      const accepted = random() < ACCEPTED;
      const offerId = benchId(random, Date.parse(`${admitted}T06:00:00Z`));
      offers.push({
        id: offerId,
        person_id: p.id,
        institution_id: p.institution_id,
        occasion: 'entry',
        due_on: programmeAddDays(admitted, 7),
        status: accepted ? 'accepted' : 'refused',
        offered_on: admitted,
        offered_by: by,
        tests: JSON.stringify(accepted ? ['hiv', 'hbsag', 'hcv_ab', 'syphilis'] : []),
        pre_test_counselling: accepted ? 1 : 0,
        note: null,
        created_at: `${admitted}T06:00:00.000Z`,
        recorded_at: `${admitted}T06:00:00.000Z`,
      });
      if (!accepted) continue;
      const hiv = random() < HIV;
      const hcvAb = random() < HCV_AB;
      tests.push(
        test(p, {
          test: 'hiv',
          sample_on: sampleOn,
          result: hiv ? 'reactive' : 'non_reactive',
          offer_id: offerId,
        }),
      );
      tests.push(
        test(p, {
          test: 'hcv_ab',
          sample_on: sampleOn,
          result: hcvAb ? 'reactive' : 'non_reactive',
          offer_id: offerId,
        }),
      );
      const diagnosedOn = programmeAddDays(sampleOn, 3);
      if (hcvAb) {
        const rnaOn = programmeAddDays(sampleOn, 7);
        const viraemic = random() < VIRAEMIC;
        tests.push(
          test(p, { test: 'hcv_rna', sample_on: rnaOn, result: viraemic ? 'detected' : 'not_detected' }),
        );
        if (viraemic) {
          const treated = random() < 0.5;
          const svrOn = programmeAddDays(diagnosedOn, 14 + 7 * 12 + 84);
          const cured = treated && svrOn < today && random() < 0.9;
          const e = episode(
            p,
            'hcv',
            programmeAddDays(rnaOn, 3),
            treated,
            cured ? 'cured' : null,
            cured ? svrOn : null,
          );
          episodes.push(e);
          if (cured)
            tests.push(
              test(p, { test: 'hcv_rna', sample_on: svrOn, result: 'not_detected', episode_id: e.id }),
            );
        }
      }
      if (hiv) {
        const treated = random() < 0.85;
        const e = episode(p, 'hiv', diagnosedOn, treated, null, null);
        episodes.push(e);
        // Viral loads every six months on ART, most suppressed.
        const suppressed = random() < 0.8;
        if (e.treatment_start_on)
          for (
            let on = programmeAddDays(e.treatment_start_on, 182);
            on < today;
            on = programmeAddDays(on, 182)
          )
            tests.push(
              test(p, {
                test: 'hiv_vl',
                sample_on: on,
                result: suppressed ? 'not_detected' : 'detected',
                value: suppressed ? 40 : 12_000,
                episode_id: e.id,
              }),
            );
      }
    }
    const facts: BbvBenchFacts = { from, to: today };
    // One transaction: the episodes before the tests that name them; a failure leaves nothing.
    await db.transaction().execute(async (tx) => {
      await bulkInsert(tx, dialect, 'programme_bbv_offer', offers);
      await bulkInsert(tx, dialect, 'programme_episode', episodes);
      await bulkInsert(tx, dialect, 'programme_bbv_test', tests);
      await bulkInsert(tx, dialect, 'system_setting', [
        { key: BBV_FACTS, value: JSON.stringify(facts), updated_at: now.toISOString() },
      ]);
    });
    return `${offers.length} entry offers, ${tests.length} tests, ${episodes.length} HIV and HCV episodes (cascades from ${from})`;
  },
};
