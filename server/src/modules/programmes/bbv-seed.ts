import {
  type BbvRegimenCode,
  bbvRegimens,
  daaEndOn,
  newId,
  programmeAddDays,
  programmeAddMonths,
} from '@custodia/domain';
import type { Tx } from '../../platform/db/database.ts';
import { seededRandom } from '../../platform/seed.ts';
import { programmeApi } from '../medication/index.ts';
import type { ProgrammeBbvOfferTable, ProgrammeBbvTestTable } from './bbv-tables.ts';
import type { ProgrammesDeps } from './context.ts';
import type { ProgrammeEpisodeTable } from './tables.ts';

/**
 * The blood-borne demo (issue 16 item 8; ADR 0048; DOMAIN §4.3): of the people held, one in twenty
 * has the entry offer pending and one in twenty refused six months ago (the re-offer falls due); the
 * others were tested. Rates after the Spanish prison programmes: anti-HCV reactive about 13 %, of them
 * about 80 % viraemic; HIV about 3 %; HBsAg about 3 %. Most people with HIV are on ART with viral
 * loads; some viraemic people are on DAA, a few cured, the rest waiting; recent results wait for the
 * doctor's review, so the nurse and the doctor have work on first sign-in.
 */
export async function seedBloodBorne(
  tx: Tx,
  input: {
    /** The medical record's allergies: the regimens go through medication's allergy check (ADR 0050). */
    allergies: ProgrammesDeps['allergies'];
    held: readonly { id: string; institutionId: string }[];
    today: string;
    at: string;
    doctor: string;
    nurse: string;
  },
): Promise<string> {
  const { held, today, at, doctor, nurse } = input;
  const random = seededRandom(4813);
  const offers: ProgrammeBbvOfferTable[] = [];
  const tests: ProgrammeBbvTestTable[] = [];
  const episodes: ProgrammeEpisodeTable[] = [];
  const treat: { e: ProgrammeEpisodeTable; regimen: BbvRegimenCode }[] = [];
  const offer = (p: { id: string; institutionId: string }, over: Partial<ProgrammeBbvOfferTable>) =>
    offers.push({
      id: newId(),
      person_id: p.id,
      institution_id: p.institutionId,
      occasion: 'entry',
      due_on: today,
      status: 'pending',
      offered_on: null,
      offered_by: null,
      tests: '[]',
      pre_test_counselling: 0,
      note: null,
      created_at: at,
      recorded_at: null,
      ...over,
    });
  const test = (
    p: { id: string; institutionId: string },
    over: Pick<ProgrammeBbvTestTable, 'test' | 'sample_on'> & Partial<ProgrammeBbvTestTable>,
  ) => {
    const row: ProgrammeBbvTestTable = {
      id: newId(),
      person_id: p.id,
      institution_id: p.institutionId,
      offer_id: null,
      episode_id: null,
      ordered_by: nurse,
      ordered_at: at,
      result_on: null,
      result: null,
      value: null,
      note: null,
      resulted_by: null,
      resulted_at: null,
      post_counselled_on: null,
      post_counselled_by: null,
      reviewed_at: null,
      ...over,
    };
    tests.push(row);
    return row;
  };
  const episode = (p: { id: string; institutionId: string }, programme: string, on: string) => {
    const e: ProgrammeEpisodeTable = {
      id: newId(),
      programme,
      person_id: p.id,
      institution_id: p.institutionId,
      source: 'test_result',
      presumed_on: on,
      status: 'registered',
      register_number: null,
      category: 'new_diagnosis',
      bacteriology: null,
      site: null,
      resistance: null,
      diagnosed_on: on,
      registered_on: on,
      regimen_code: null,
      treatment_start_on: null,
      treatment_months: null,
      treatment_weeks: null,
      prescription_ids: null,
      outcome: null,
      outcome_on: null,
      failure_reason: null,
      isolation_ended_on: null,
      isolation_end_reason: null,
      previous_episode_id: null,
      note: null,
      created_by: doctor,
      created_at: at,
      version: 1,
    };
    episodes.push(e);
    return e;
  };

  held.forEach((p, i) => {
    if (i % 20 === 3) {
      offer(p, { due_on: programmeAddDays(today, (i % 9) - 4) });
      return;
    }
    if (i % 20 === 7) {
      const refusedOn = programmeAddDays(today, -175 - (i % 10));
      offer(p, {
        status: 'refused',
        offered_on: refusedOn,
        offered_by: nurse,
        due_on: refusedOn,
        recorded_at: at,
      });
      offer(p, { occasion: 'reoffer', due_on: programmeAddDays(refusedOn, 180) });
      return;
    }
    const offeredOn = programmeAddDays(today, -((i * 37) % 420) - 2);
    const recent = i % 20 === 11;
    const sampleOn = recent ? programmeAddDays(today, -3) : offeredOn;
    const resultOn = programmeAddDays(sampleOn, 2);
    const offerId = newId();
    offers.push({
      id: offerId,
      person_id: p.id,
      institution_id: p.institutionId,
      occasion: 'entry',
      due_on: offeredOn,
      status: 'accepted',
      offered_on: offeredOn,
      offered_by: nurse,
      tests: JSON.stringify(['hiv', 'hbsag', 'hcv_ab', 'syphilis']),
      pre_test_counselling: 1,
      note: null,
      created_at: at,
      recorded_at: at,
    });
    const r = random();
    const hcv = r < 0.13;
    const hiv = random() < 0.03;
    const hbv = random() < 0.03;
    const resulted = (t: string, result: string) =>
      test(p, {
        test: t,
        sample_on: sampleOn,
        offer_id: offerId,
        result_on: resultOn,
        result,
        resulted_by: nurse,
        resulted_at: at,
        post_counselled_on: recent ? null : resultOn,
        post_counselled_by: recent ? null : nurse,
        reviewed_at: recent ? null : at,
      });
    const hivRow = resulted('hiv', hiv ? 'reactive' : 'non_reactive');
    const hbvRow = resulted('hbsag', hbv ? 'reactive' : 'non_reactive');
    const abRow = resulted('hcv_ab', hcv ? 'reactive' : 'non_reactive');
    resulted('syphilis', random() < 0.02 ? 'reactive' : 'non_reactive');
    if (hiv) {
      const e = episode(p, 'hiv', resultOn);
      hivRow.episode_id = e.id;
      test(p, {
        test: 'cd4',
        sample_on: resultOn,
        episode_id: e.id,
        result_on: resultOn,
        value: 200 + ((i * 13) % 500),
        resulted_by: nurse,
        resulted_at: at,
        reviewed_at: at,
      });
      if (!recent && i % 5 !== 0) {
        e.treatment_start_on = programmeAddDays(resultOn, 14);
        e.regimen_code = 'tld';
        e.status = 'on_treatment';
        treat.push({ e, regimen: 'tld' });
        const sixMonths = programmeAddMonths(e.treatment_start_on, 6);
        if (sixMonths < today)
          test(p, {
            test: 'hiv_vl',
            sample_on: sixMonths,
            episode_id: e.id,
            result_on: programmeAddDays(sixMonths, 5),
            value: i % 7 === 0 ? 4200 : 40,
            resulted_by: nurse,
            resulted_at: at,
            reviewed_at: at,
          });
      }
    }
    if (hbv) hbvRow.episode_id = episode(p, 'hbv', resultOn).id;
    if (hcv && i % 5 !== 4) {
      const rnaOn = programmeAddDays(resultOn, 7);
      if (rnaOn > today) return;
      const e = episode(p, 'hcv', programmeAddDays(rnaOn, 3));
      abRow.episode_id = e.id;
      test(p, {
        test: 'hcv_rna',
        sample_on: rnaOn,
        episode_id: e.id,
        result_on: programmeAddDays(rnaOn, 3),
        result: 'detected',
        value: 150_000 + i * 97,
        resulted_by: nurse,
        resulted_at: at,
        reviewed_at: recent ? null : at,
      });
      for (const [lab, value] of [
        ['ast', 35 + (i % 90)],
        ['alt', 30 + (i % 110)],
        ['platelets', 120 + ((i * 7) % 200)],
      ] as const)
        test(p, {
          test: lab,
          sample_on: rnaOn,
          episode_id: e.id,
          result_on: programmeAddDays(rnaOn, 1),
          value,
          resulted_by: nurse,
          resulted_at: at,
          reviewed_at: at,
        });
      const startOn = programmeAddDays(rnaOn, 21);
      if (startOn > today || i % 3 === 0) return;
      e.treatment_start_on = startOn;
      e.treatment_weeks = 12;
      e.regimen_code = 'sof_vel_12w';
      e.status = 'on_treatment';
      const endOn = daaEndOn(startOn, 12);
      const svrOn = programmeAddDays(endOn, 90);
      if (svrOn <= today) {
        test(p, {
          test: 'hcv_rna',
          sample_on: svrOn,
          episode_id: e.id,
          result_on: programmeAddDays(svrOn, 3),
          result: 'not_detected',
          resulted_by: nurse,
          resulted_at: at,
          reviewed_at: at,
        });
        e.status = 'closed';
        e.outcome = 'cured';
        e.outcome_on = programmeAddDays(svrOn, 3);
      } else if (endOn > today) treat.push({ e, regimen: 'sof_vel_12w' });
    }
  });
  for (let i = 0; i < offers.length; i += 500)
    await tx
      .insertInto('programme_bbv_offer')
      .values(offers.slice(i, i + 500))
      .execute();
  for (let i = 0; i < episodes.length; i += 500)
    await tx
      .insertInto('programme_episode')
      .values(episodes.slice(i, i + 500))
      .execute();
  for (let i = 0; i < tests.length; i += 500)
    await tx
      .insertInto('programme_bbv_test')
      .values(tests.slice(i, i + 500))
      .execute();
  let prescribed = 0;
  for (const { e, regimen } of treat) {
    const r = bbvRegimens[regimen];
    const startOn = e.treatment_start_on as string;
    const endOn = r.weeks ? daaEndOn(startOn, r.weeks) : programmeAddDays(today, 60);
    const { ids } = await programmeApi.prescribeSupervisedRegimen(tx, {
      personId: e.person_id,
      institutionId: e.institution_id,
      prescriberId: doctor,
      startAt: new Date(`${r.weeks ? startOn : programmeAddDays(today, -30)}T00:00:00Z`).toISOString(),
      endAt: new Date(`${endOn}T00:00:00Z`).toISOString(),
      indication: e.programme === 'hiv' ? `HIV ART ${regimen}` : `HCV DAA ${regimen}`,
      lines: r.lines,
      now: at,
      allergies: input.allergies,
    });
    if (ids.length) {
      prescribed++;
      await tx
        .updateTable('programme_episode')
        .set({ prescription_ids: JSON.stringify(ids) })
        .where('id', '=', e.id)
        .execute();
    }
  }
  const count = (p: string) => episodes.filter((e) => e.programme === p).length;
  return `${offers.filter((o) => o.status === 'pending').length} BBV offers pending, ${count('hiv')} HIV, ${count('hcv')} HCV viraemic, ${count('hbv')} HBV, ${prescribed} on ART/DAA`;
}
