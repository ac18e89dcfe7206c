import {
  calendarDateIn,
  lastFinishedQuarter,
  newId,
  outcomeCohortOf,
  programmeAddDays,
  programmeAddMonths,
  quarterBounds,
  type RegimenTemplate,
  registerNumber,
} from '@custodia/domain';
import type { Tx } from '../../platform/db/database.ts';
import type { SeedPart } from '../../platform/seed.ts';
import type { AuditRecorder } from '../audit/index.ts';
import type { ClinicalServices } from '../clinical/index.ts';
import type { IdentityServices } from '../identity/index.ts';
import { programmeApi } from '../medication/index.ts';
import type { RegistryServices } from '../registry/index.ts';
import { seedBloodBorne } from './bbv-seed.ts';
import type { ProgrammesServices } from './index.ts';
import { seedPepAndVaccination } from './pep-seed.ts';
import type { ProgrammeEpisodeTable, ProgrammeTestTable } from './tables.ts';

type Needs = RegistryServices & IdentityServices & ProgrammesServices & ClinicalServices;
const ZONE = 'Asia/Baku';

/** The regimen templates of the demo (configurable afterwards): WHO first-line and all-oral RR/MDR. */
export const demoRegimens: RegimenTemplate[] = [
  {
    code: '2HRZE/4HR',
    name: '2HRZE/4HR (drug-susceptible TB)',
    group: 'susceptible',
    phases: [
      { months: 2, lines: [{ drugCode: 'rhze', dose: 4, doseUnit: 'tablet' }] },
      { months: 4, lines: [{ drugCode: 'rh', dose: 4, doseUnit: 'tablet' }] },
    ],
    active: true,
  },
  {
    code: 'BPaLM',
    name: 'BPaLM, 6 months (RR/MDR-TB)',
    group: 'drug_resistant',
    phases: [
      {
        months: 6,
        lines: [
          { drugCode: 'bedaquiline', dose: 200, doseUnit: 'mg' },
          { drugCode: 'pretomanid', dose: 200, doseUnit: 'mg' },
          { drugCode: 'linezolid', dose: 600, doseUnit: 'mg' },
          { drugCode: 'moxifloxacin', dose: 400, doseUnit: 'mg' },
        ],
      },
    ],
    active: true,
  },
  {
    code: 'BPaL',
    name: 'BPaL, 6 months (pre-XDR-TB)',
    group: 'drug_resistant',
    phases: [
      {
        months: 6,
        lines: [
          { drugCode: 'bedaquiline', dose: 200, doseUnit: 'mg' },
          { drugCode: 'pretomanid', dose: 200, doseUnit: 'mg' },
          { drugCode: 'linezolid', dose: 600, doseUnit: 'mg' },
        ],
      },
    ],
    active: true,
  },
];

/** The programme drugs BPaLM names that the demo formulary lacks. */
const extraDrugs = [
  {
    code: 'pretomanid',
    inn: 'pretomanid',
    az: 'Pretomanid',
    en: 'Pretomanid',
    ru: 'Претоманид',
    strength: '200 mg',
    form: 'tablet',
    route: 'oral',
    atc: 'J04AK08',
    highRisk: false,
  },
  {
    code: 'moxifloxacin',
    inn: 'moxifloxacin',
    az: 'Moksifloksasin',
    en: 'Moxifloxacin',
    ru: 'Моксифлоксацин',
    strength: '400 mg',
    form: 'tablet',
    route: 'oral',
    atc: 'J01MA14',
    highRisk: false,
  },
];

function episode(
  over: Partial<ProgrammeEpisodeTable> &
    Pick<ProgrammeEpisodeTable, 'person_id' | 'institution_id' | 'presumed_on' | 'created_by' | 'created_at'>,
): ProgrammeEpisodeTable {
  return {
    id: newId(),
    programme: 'tb',
    source: 'symptom_screen',
    status: 'presumptive',
    treatment_weeks: null,
    register_number: null,
    category: null,
    bacteriology: null,
    site: null,
    resistance: null,
    diagnosed_on: null,
    registered_on: null,
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
    version: 1,
    ...over,
  };
}

function test(
  e: ProgrammeEpisodeTable,
  over: Partial<ProgrammeTestTable> & Pick<ProgrammeTestTable, 'test' | 'sample_on'>,
): ProgrammeTestTable {
  return {
    id: newId(),
    episode_id: e.id,
    person_id: e.person_id,
    purpose: 'diagnosis',
    specimen: over.test === 'xray' ? null : 'sputum',
    ordered_by: e.created_by,
    ordered_at: `${over.sample_on}T06:00:00.000Z`,
    result_on: null,
    result: null,
    rifampicin: null,
    dst: null,
    note: null,
    resulted_by: null,
    resulted_at: null,
    reviewed_at: null,
    ...over,
  };
}

/**
 * TB programme demo data (issue 16 item 8): about 2 % of the people in custody on TB treatment (one in
 * five RR/MDR), a completed outcome cohort (registered four quarters before the last finished one),
 * presumptive cases awaiting tests and a result awaiting review, yearly screenings for most people,
 * and an open contact investigation from the placement history of an MDR case.
 */
export const programmesSeed: SeedPart<AuditRecorder, Needs> = {
  module: 'programmes',
  async run({ tx, now, audit, store, services: { registry, identity, programmes, clinical } }) {
    const at = now.toISOString();
    const today = calendarDateIn(now, ZONE);
    const users = await identity.userIdsByUsername(tx, ['demo.doctor', 'demo.nurse']);
    const doctor = users.get('demo.doctor');
    const nurse = users.get('demo.nurse');
    if (!doctor || !nurse) throw new Error('the programmes demo needs the demo users');
    await tx
      .insertInto('programme_regimen')
      .values(
        demoRegimens.map((r) => ({
          code: r.code,
          programme: 'tb',
          name: r.name,
          grp: r.group,
          phases: JSON.stringify(r.phases),
          active: 1,
          updated_at: at,
        })),
      )
      .execute();
    await programmeApi.addProgrammeDrugs(tx, extraDrugs, at);

    const people = await registry.peopleInCustody(tx);
    const places = await registry.custodyPlaces(
      tx,
      people.map((p) => p.id),
    );
    const held = people.flatMap((p) => {
      const institutionId = places.get(p.id)?.institutionId;
      return institutionId ? [{ id: p.id, institutionId }] : [];
    });
    const codeOf = await registry.institutionCodes(tx, [...new Set(held.map((p) => p.institutionId))]);
    const counters = new Map<string, number>();
    const number = (institutionId: string, registeredOn: string) => {
      const year = Number(registeredOn.slice(0, 4));
      const key = `${institutionId}|${year}`;
      const next = (counters.get(key) ?? 0) + 1;
      counters.set(key, next);
      return registerNumber(codeOf.get(institutionId) ?? 'X', year, next);
    };

    const episodes: ProgrammeEpisodeTable[] = [];
    const tests: ProgrammeTestTable[] = [];
    const prescribe: {
      e: ProgrammeEpisodeTable;
      regimen: RegimenTemplate;
      phase: number;
      startOn: string;
    }[] = [];

    // About 2 %: every 50th person in custody on treatment; every 5th of them RR/MDR.
    const onTreatment = held.filter((_, i) => i % 50 === 7);
    onTreatment.forEach((p, i) => {
      const mdr = i % 5 === 0;
      const startOn = programmeAddDays(today, -(20 + ((i * 23) % 140)));
      const diagnosedOn = programmeAddDays(startOn, -3);
      const presumedOn = programmeAddDays(startOn, -8);
      const e = episode({
        person_id: p.id,
        institution_id: p.institutionId,
        presumed_on: presumedOn,
        source: i % 3 === 0 ? 'admission_screening' : 'symptom_screen',
        status: 'on_treatment',
        category: i % 7 === 3 ? 'relapse' : 'new',
        bacteriology: 'bacteriologically_confirmed',
        site: i % 9 === 4 ? 'extrapulmonary' : 'pulmonary',
        resistance: mdr ? 'mdr' : 'susceptible',
        diagnosed_on: diagnosedOn,
        registered_on: diagnosedOn,
        regimen_code: mdr ? 'BPaLM' : '2HRZE/4HR',
        treatment_start_on: startOn,
        treatment_months: 6,
        // Two weeks of treatment and a negative smear end the isolation of most drug-susceptible cases.
        isolation_ended_on: !mdr && i % 2 === 0 ? programmeAddDays(startOn, 21) : null,
        isolation_end_reason: !mdr && i % 2 === 0 ? 'Smear negative after 2 weeks of treatment' : null,
        created_by: doctor,
        created_at: `${presumedOn}T07:00:00.000Z`,
      });
      e.register_number = number(p.institutionId, diagnosedOn);
      episodes.push(e);
      tests.push(
        test(e, {
          test: 'xpert',
          sample_on: presumedOn,
          result_on: programmeAddDays(presumedOn, 1),
          result: 'detected',
          rifampicin: mdr ? 'detected' : 'not_detected',
          resulted_by: nurse,
          resulted_at: `${programmeAddDays(presumedOn, 1)}T09:00:00.000Z`,
          reviewed_at: `${programmeAddDays(presumedOn, 2)}T09:00:00.000Z`,
        }),
      );
      if (mdr)
        tests.push(
          test(e, {
            test: 'dst',
            sample_on: presumedOn,
            result_on: programmeAddDays(presumedOn, 5),
            dst: JSON.stringify({
              rifampicin: 'resistant',
              isoniazid: 'resistant',
              fluoroquinolone: 'susceptible',
            }),
            resulted_by: nurse,
            resulted_at: `${programmeAddDays(presumedOn, 5)}T09:00:00.000Z`,
            reviewed_at: `${programmeAddDays(presumedOn, 6)}T09:00:00.000Z`,
          }),
        );
      const months = Math.floor((Date.parse(today) - Date.parse(startOn)) / (30 * 86_400_000));
      const phase = !mdr && months >= 2 ? 1 : 0;
      const phaseStart = phase ? programmeAddMonths(startOn, 2) : startOn;
      prescribe.push({
        e,
        regimen: demoRegimens[mdr ? 1 : 0] as RegimenTemplate,
        phase,
        startOn: phaseStart,
      });
    });

    // The completed cohort: registered four quarters before the last finished quarter, every outcome recorded.
    const cohort = quarterBounds(outcomeCohortOf(lastFinishedQuarter(today)));
    const outcomes = [
      'cured',
      'cured',
      'cured',
      'treatment_completed',
      'cured',
      'treatment_completed',
      'died',
      'lost_to_follow_up',
      'cured',
      'not_evaluated',
    ];
    const closed = held.filter((_, i) => i % 50 === 23).slice(0, outcomes.length);
    closed.forEach((p, i) => {
      const registeredOn = programmeAddDays(cohort.from, 5 + i * 8);
      const outcome = outcomes[i] as string;
      const outcomeOn = programmeAddMonths(
        registeredOn,
        outcome === 'died' ? 2 : outcome === 'lost_to_follow_up' ? 3 : 6,
      );
      const e = episode({
        person_id: p.id,
        institution_id: p.institutionId,
        presumed_on: programmeAddDays(registeredOn, -5),
        status: 'closed',
        category: 'new',
        bacteriology: i % 4 === 3 ? 'clinically_diagnosed' : 'bacteriologically_confirmed',
        site: 'pulmonary',
        resistance: 'susceptible',
        diagnosed_on: registeredOn,
        registered_on: registeredOn,
        regimen_code: '2HRZE/4HR',
        treatment_start_on: registeredOn,
        treatment_months: 6,
        outcome: outcome === 'cured' && i % 4 === 3 ? 'treatment_completed' : outcome,
        outcome_on: outcomeOn,
        created_by: doctor,
        created_at: `${registeredOn}T07:00:00.000Z`,
      });
      e.register_number = number(p.institutionId, registeredOn);
      episodes.push(e);
      tests.push(
        test(e, {
          test: 'smear',
          sample_on: programmeAddDays(registeredOn, -2),
          result_on: programmeAddDays(registeredOn, -1),
          result: 'positive_2',
          reviewed_at: at,
        }),
      );
      for (const m of [2, 5, 6])
        tests.push(
          test(e, {
            test: 'smear',
            purpose: 'monitoring',
            sample_on: programmeAddMonths(registeredOn, m),
            result_on: programmeAddDays(programmeAddMonths(registeredOn, m), 2),
            result: 'negative',
            reviewed_at: at,
          }),
        );
    });

    // Presumptive cases: two awaiting their tests, one with a result awaiting review.
    const presumptive = held.filter((_, i) => i % 50 === 41).slice(0, 3);
    presumptive.forEach((p, i) => {
      const presumedOn = programmeAddDays(today, -(i + 1));
      const e = episode({
        person_id: p.id,
        institution_id: p.institutionId,
        presumed_on: presumedOn,
        created_by: nurse,
        created_at: `${presumedOn}T08:00:00.000Z`,
      });
      episodes.push(e);
      if (i === 2)
        tests.push(
          test(e, {
            test: 'smear',
            sample_on: presumedOn,
            result_on: today,
            result: 'negative',
            resulted_by: nurse,
            resulted_at: at,
          }),
        );
    });

    if (episodes.length) await tx.insertInto('programme_episode').values(episodes).execute();
    if (tests.length) await tx.insertInto('programme_test').values(tests).execute();
    for (const [key, last] of counters) {
      const [institutionId, year] = key.split('|') as [string, string];
      await tx
        .insertInto('programme_counter')
        .values({ institution_id: institutionId, programme: 'tb', year: Number(year), last })
        .execute();
    }
    // The regimens, prescribed through medication as supervised-only doses.
    for (const p of prescribe) {
      const phase = p.regimen.phases[p.phase];
      if (!phase) continue;
      const { ids } = await programmeApi.prescribeSupervisedRegimen(tx, {
        personId: p.e.person_id,
        institutionId: p.e.institution_id,
        prescriberId: doctor,
        startAt: `${p.startOn}T00:00:00.000Z`,
        endAt: `${programmeAddMonths(p.startOn, phase.months)}T00:00:00.000Z`,
        indication: `TB ${p.e.register_number} ${p.regimen.code}`,
        lines: phase.lines,
        now: at,
        // The same allergy check as any prescription (ADR 0050); the demo's TB patients have none that match.
        allergies: clinical.allergySubstances,
      });
      if (ids.length)
        await tx
          .updateTable('programme_episode')
          .set({ prescription_ids: JSON.stringify(ids) })
          .where('id', '=', p.e.id)
          .execute();
    }
    // Yearly screening (PHC-9): most people screened in the last year; every 12th not yet.
    const screens = held
      .filter((_, i) => i % 12 !== 5)
      .map((p, i) => ({
        id: newId(),
        person_id: p.id,
        institution_id: p.institutionId,
        method: i % 3 === 0 ? 'chest_xray' : 'symptom',
        occasion: i % 4 === 0 ? 'admission' : 'yearly',
        screened_on: programmeAddDays(today, -((i * 37) % 330) - 1),
        result: 'negative',
        symptoms: JSON.stringify({ cough2Weeks: false, fever: false, weightLoss: false, nightSweats: false }),
        note: null,
        episode_id: null,
        recorded_by: nurse,
        recorded_at: at,
      }));
    for (let i = 0; i < screens.length; i += 500)
      await tx
        .insertInto('programme_screen')
        .values(screens.slice(i, i + 500))
        .execute();

    // An open contact investigation: the first pulmonary MDR case's cell and unit mates.
    const index = episodes.find((e) => e.resistance === 'mdr' && e.site === 'pulmonary');
    let contacts = 0;
    if (index) {
      const id = await programmes.openContactInvestigation(tx as Tx, index, doctor);
      contacts = (
        await tx.selectFrom('programme_contact').select('id').where('investigation_id', '=', id).execute()
      ).length;
    }
    for (const e of episodes)
      await audit.record(
        tx,
        { userId: null, username: 'seed', role: null, clientAddress: null },
        {
          action: e.registered_on ? 'programmes.episode.register' : 'programmes.episode.open',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'programme_episode',
          resourceId: e.id,
          personId: e.person_id,
          details: { demo: true },
        },
      );
    const pep = await seedPepAndVaccination(tx as Tx, {
      now,
      people: held,
      doctor,
      nurse,
      audit,
      institutionId: ((store.get('institutionIds') as string[] | undefined) ??
        (await registry.institutionIds(tx)))[0],
      allergies: clinical.allergySubstances,
    });
    // ADR 0048: HIV, hepatitis B/C and syphilis offers, results and treatment.
    const bbv = await seedBloodBorne(tx as Tx, {
      held,
      today,
      at,
      doctor,
      nurse,
      allergies: clinical.allergySubstances,
    });
    return `${onTreatment.length} on TB treatment, ${closed.length} in a closed cohort, ${presumptive.length} presumptive, ${screens.length} screenings, ${contacts} contacts; ${pep}; ${bbv}`;
  },
};
