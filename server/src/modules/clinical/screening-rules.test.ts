import { completeScreening, type ScreeningForm } from '@custodia/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  postgresUnavailableReason,
  type Session,
  seedTestDemo,
  signIn,
  type TestApp,
} from '../../test/app.ts';
import { admissionBody, personBody } from '../../test/fixtures.ts';

const skip = postgresUnavailableReason();
const NOW = '2026-11-28T09:00:00.000Z';

/** Issue 12: the screening's countersignature (ADM-1), observation checks (MHS-3), WOM-6. */
describe.skipIf(skip)('admission screening and encounter rules', () => {
  let t: TestApp;
  let registrar: Session;
  let nurse: Session;
  let doctor: Session;
  let admin: Session;
  let officer: Session;
  let pilot1: string;

  const call = (session: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: session.headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  async function admitNew(surnameLatin: string, sex: 'male' | 'female' = 'male') {
    const res = await call(registrar, 'POST', '/api/v1/persons', {
      person: personBody({ surnameLatin, givenNameLatin: 'Test', birthDate: '1988-03-03', sex }),
      admission: admissionBody(pilot1, '2026-11-28T08:00:00.000Z'),
      confirmedNotDuplicate: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }

  const openTasks = async (session: Session) =>
    (await call(session, 'GET', `/api/v1/clinical-tasks?institutionId=${pilot1}`)).json().items as {
      id: string;
      kind: string;
      personId: string;
      state: string;
      dueAt: string;
      encounterId: string | null;
    }[];

  /** Opens the person's screening, fills it and completes it as `by` (the nurse by default). */
  async function screen(personId: string, form: ScreeningForm, by: Session = nurse) {
    const task = (await openTasks(by)).find(
      (x) => x.personId === personId && x.kind === 'admission_screening',
    );
    if (!task) throw new Error('no screening task');
    const started = (await call(by, 'POST', `/api/v1/clinical-tasks/${task.id}/screening`)).json();
    const encounter = (await call(by, 'GET', `/api/v1/encounters/${started.encounterId}`)).json();
    const saved = await call(by, 'PUT', `/api/v1/encounters/${started.encounterId}`, {
      ...encounter.content,
      version: encounter.version,
      structured: form,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const completed = await call(by, 'POST', `/api/v1/encounters/${started.encounterId}/complete-screening`, {
      version: saved.json().version,
    });
    return { encounterId: started.encounterId as string, taskId: task.id, completed };
  }

  beforeAll(async () => {
    t = await buildTestApp({ now: NOW });
    t.clock.set(new Date());
    await seedTestDemo(t);
    t.clock.set(NOW);
    registrar = await signIn(t.app, 'demo.registry-officer');
    nurse = await signIn(t.app, 'demo.nurse');
    doctor = await signIn(t.app, 'demo.doctor');
    admin = await signIn(t.app, 'demo.admin');
    officer = await signIn(t.app, 'demo.officer');
    const institutions = (await call(registrar, 'GET', '/api/v1/institutions')).json().items;
    pilot1 = institutions.find((i: { code: string }) => i.code === 'PILOT-1').id;
  });
  afterAll(async () => t?.close());

  it('ADM-1: the nurse completes (the screening counts as done), cannot countersign; the countersignature is due, then overdue, and the doctor’s signature closes it', async () => {
    const id = await admitNew('Countersignov');
    const { encounterId, taskId, completed } = await screen(id, completeScreening());
    expect(completed.statusCode, completed.body).toBe(200);
    // Done at completion for the ADM-1 count: the screening task is closed now, not at signing.
    expect((await openTasks(nurse)).some((x) => x.id === taskId)).toBe(false);
    const countersign = (await openTasks(doctor)).find(
      (x) => x.kind === 'screening_countersignature' && x.personId === id,
    );
    expect(countersign).toMatchObject({
      state: 'due',
      dueAt: '2026-11-29T09:00:00.000Z',
      encounterId,
    });
    // The task closes only by the signature, not by hand.
    const byHand = await call(doctor, 'POST', `/api/v1/clinical-tasks/${countersign?.id}/complete`, {});
    expect(byHand.statusCode).toBe(400);

    // A nurse (her own screening) cannot countersign.
    const byNurse = await call(nurse, 'POST', `/api/v1/encounters/${encounterId}/sign`, {
      version: completed.json().version,
    });
    expect(byNurse.statusCode).toBe(403);

    t.clock.set('2026-11-29T09:00:01.000Z');
    try {
      const lateDoctor = await signIn(t.app, 'demo.doctor');
      const late = (await openTasks(lateDoctor)).find((x) => x.id === countersign?.id);
      expect(late?.state).toBe('overdue');
      const worklist = (await call(lateDoctor, 'GET', '/api/v1/worklist')).json().items;
      expect(worklist).toContainEqual(
        expect.objectContaining({ kind: 'screening_countersignature', severity: 'overdue' }),
      );
      const signed = await call(lateDoctor, 'POST', `/api/v1/encounters/${encounterId}/sign`, {
        version: completed.json().version,
      });
      expect(signed.statusCode, signed.body).toBe(200);
      expect((await openTasks(lateDoctor)).some((x) => x.id === countersign?.id)).toBe(false);
    } finally {
      t.clock.set(NOW);
    }
  });

  it('ADM-1: the countersignature limit is a threshold like the others', async () => {
    const rules = (await call(doctor, 'GET', '/api/v1/rule-thresholds')).json().items;
    expect(rules).toContainEqual(
      expect.objectContaining({ id: 'ADM-1.countersignature_due_minutes', value: 24 * 60 }),
    );
  });

  /** A woman's routine encounter in which she asked for a female clinician (WOM-6). */
  const requested = {
    type: 'routine',
    startedAt: '2026-11-28T08:30:00.000Z',
    personsPresent: [{ kind: 'clinician', name: 'The examining clinician', sex: null }],
    femaleClinicianRequested: true,
    subjective: 'Lower abdominal pain since yesterday.',
  };

  async function draftFor(session: Session, personId: string, content: Record<string, unknown> = requested) {
    const created = await call(session, 'POST', `/api/v1/persons/${personId}/encounters`, content);
    expect(created.statusCode, created.body).toBe(201);
    return created.json().id as string;
  }

  it('WOM-6: the request for a female clinician is checked against the sex on the clinician’s staff record', async () => {
    const woman = await admitNew('Əliyeva', 'female');
    // The demo doctor's account is linked to his staff record (a man): a female staff member must be present.
    const byDoctor = await draftFor(doctor, woman);
    const refused = await call(doctor, 'POST', `/api/v1/encounters/${byDoctor}/sign`, { version: 1 });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json().errors.map((e: { code: string }) => e.code)).toEqual(['female_staff_required']);
    const withNurse = await call(doctor, 'PUT', `/api/v1/encounters/${byDoctor}`, {
      ...requested,
      personsPresent: [
        ...requested.personsPresent,
        { kind: 'health_staff', name: 'Günay Məmmədova', sex: 'female' },
      ],
      version: 1,
    });
    expect(withNurse.statusCode, withNurse.body).toBe(200);
    expect(
      (await call(doctor, 'POST', `/api/v1/encounters/${byDoctor}/sign`, { version: 2 })).statusCode,
    ).toBe(200);
    // The demo nurse is a woman on her staff record: her request is met.
    const byNurse = await draftFor(nurse, woman);
    const signed = await call(nurse, 'POST', `/api/v1/encounters/${byNurse}/sign`, { version: 1 });
    expect(signed.statusCode, signed.body).toBe(200);
  });

  it('WOM-6: an account linked to no staff record signs a female-clinician request only with a recorded reason', async () => {
    const created = await call(admin, 'POST', '/api/v1/users', {
      username: 'locum.doctor',
      displayName: 'Locum doctor',
      roles: ['doctor'],
      institutionIds: [pilot1],
    });
    expect(created.statusCode, created.body).toBe(201);
    const first = await signIn(t.app, 'locum.doctor', created.json().oneTimePassword);
    const changed = await call(first, 'POST', '/api/v1/account/password', {
      currentPassword: created.json().oneTimePassword,
      newPassword: 'a long and private phrase for the locum',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const locum = await signIn(t.app, 'locum.doctor', 'a long and private phrase for the locum');
    const woman = await admitNew('Quliyeva', 'female');
    const id = await draftFor(locum, woman);
    const refused = await call(locum, 'POST', `/api/v1/encounters/${id}/sign`, { version: 1 });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json().errors).toEqual([
      expect.objectContaining({ path: 'body.noStaffRecordReason', code: 'no_staff_record_reason_required' }),
    ]);
    const reasoned = await call(locum, 'PUT', `/api/v1/encounters/${id}`, {
      ...requested,
      noStaffRecordReason: 'Locum from the city hospital; staff record requested from personnel',
      version: 1,
    });
    expect(reasoned.statusCode, reasoned.body).toBe(200);
    const signed = await call(locum, 'POST', `/api/v1/encounters/${id}/sign`, { version: 2 });
    expect(signed.statusCode, signed.body).toBe(200);
  });

  type AlertView = {
    id: string;
    detail: { kind: string; intervalMinutes?: number };
    active: boolean;
    version: number;
    observation: { lastCheckAt: string | null; nextCheckDueAt: string; overdue: boolean } | null;
  };
  const alertsOf = async (session: Session, personId: string) =>
    (await call(session, 'GET', `/api/v1/persons/${personId}/health-alerts`)).json().items as AlertView[];

  it('MHS-3: the screen’s observation is at most 15 minutes apart, longer only by a recorded exception', async () => {
    const id = await admitNew('Observasiyev');
    const base = completeScreening();
    const positive = (observationMinutes: number, observationExceptionReason?: string) =>
      completeScreening({
        mentalHealth: {
          ...base.mentalHealth,
          suicideScreen: 'positive',
          observationMinutes,
          observationExceptionReason,
        },
      });
    const { completed } = await screen(id, positive(30));
    expect(completed.statusCode).toBe(400);
    expect(completed.json().errors).toContainEqual(
      expect.objectContaining({
        path: 'body.structured.mentalHealth.observationExceptionReason',
        code: 'observation_exception_reason_required',
      }),
    );
    // A clinician's own alert follows the same rule.
    const alertAt = (intervalMinutes: number, exceptionReason?: string) =>
      call(doctor, 'POST', `/api/v1/persons/${id}/health-alerts`, {
        detail: { kind: 'observation', intervalMinutes },
        startsAt: NOW,
        exceptionReason,
      });
    expect((await alertAt(20)).json().errors[0].code).toBe('observation_exception_reason_required');
    expect((await alertAt(45, 'Shared cell with a trained peer supporter')).statusCode).toBe(400);
    expect((await alertAt(20, 'Shared cell with a trained peer supporter')).statusCode).toBe(201);
  });

  it('MHS-3: checks are recorded, a missed check alerts, and only a multidisciplinary review ends the observation', async () => {
    const id = await admitNew('Yoxlamov');
    const base = completeScreening();
    const { completed } = await screen(
      id,
      completeScreening({
        mentalHealth: { ...base.mentalHealth, suicideScreen: 'positive', observationMinutes: 15 },
      }),
    );
    expect(completed.statusCode, completed.body).toBe(200);
    // ADM-9: the positive screen raised the observation alert, due for its first check in 15 minutes.
    const [alert] = (await alertsOf(officer, id)).filter((a) => a.detail.kind === 'observation');
    expect(alert?.observation).toEqual({
      lastCheckAt: null,
      nextCheckDueAt: '2026-11-28T09:15:00.000Z',
      overdue: false,
    });
    const alertId = alert?.id as string;

    // The officer on the landing records a check; the next one is due 15 minutes after it.
    t.clock.set('2026-11-28T09:10:00.000Z');
    try {
      const check = await call(officer, 'POST', `/api/v1/health-alerts/${alertId}/checks`, {});
      expect(check.statusCode, check.body).toBe(201);
      expect(check.json()).toMatchObject({ lastCheckAt: '2026-11-28T09:10:00.000Z', overdue: false });
      // Sixteen minutes without a check: missed, on the alert and on the officer's worklist.
      t.clock.set('2026-11-28T09:26:00.000Z');
      const officerNow = await signIn(t.app, 'demo.officer');
      const [late] = (await alertsOf(officerNow, id)).filter((a) => a.id === alertId);
      expect(late?.observation).toMatchObject({ nextCheckDueAt: '2026-11-28T09:25:00.000Z', overdue: true });
      const worklist = (await call(officerNow, 'GET', '/api/v1/worklist')).json().items;
      expect(worklist).toContainEqual(
        expect.objectContaining({ kind: 'observation_check', severity: 'overdue', subjectId: id }),
      );

      const doctorNow = await signIn(t.app, 'demo.doctor');
      // Not by simply ending it…
      const ended = await call(doctorNow, 'POST', `/api/v1/health-alerts/${alertId}/end`, {
        endsAt: '2026-11-28T09:26:00.000Z',
        version: late?.version,
      });
      expect(ended.statusCode).toBe(400);
      expect(ended.json().errors[0].code).toBe('observation_ends_by_review');
      // …nor by a custodial officer, nor by a review of one discipline.
      const review = (participants: { name: string; discipline: string }[]) => ({
        reviewedAt: '2026-11-28T09:26:00.000Z',
        participants,
        decision: 'end_observation',
        version: late?.version,
      });
      const team = [
        { name: 'Rəşad Hüseynov', discipline: 'doctor' },
        { name: 'Officer Quliyev', discipline: 'custodial' },
        { name: 'Aynur Həsənova', discipline: 'psychologist' },
      ];
      expect(
        (await call(officerNow, 'POST', `/api/v1/health-alerts/${alertId}/reviews`, review(team))).statusCode,
      ).toBe(403);
      const alone = await call(
        doctorNow,
        'POST',
        `/api/v1/health-alerts/${alertId}/reviews`,
        review([team[0] as (typeof team)[0], { name: 'Dr Məmmədli', discipline: 'doctor' }]),
      );
      expect(alone.statusCode).toBe(400);
      expect(alone.json().errors[0].code).toBe('review_not_multidisciplinary');
      const reviewed = await call(
        doctorNow,
        'POST',
        `/api/v1/health-alerts/${alertId}/reviews`,
        review(team),
      );
      expect(reviewed.statusCode, reviewed.body).toBe(201);
      const [after] = (await alertsOf(officerNow, id)).filter((a) => a.id === alertId);
      expect(after).toBeUndefined();
      expect(
        (await call(officerNow, 'GET', '/api/v1/worklist'))
          .json()
          .items.some((i: { subjectId: string }) => i.subjectId === id),
      ).toBe(false);
      const stored = await t.services.database.db
        .selectFrom('observation_review')
        .selectAll()
        .where('alert_id', '=', alertId)
        .execute();
      expect(stored).toHaveLength(1);
      expect(JSON.parse(stored[0]?.participants ?? '[]')).toEqual(team);
      expect(stored[0]?.decision).toBe('end_observation');
    } finally {
      t.clock.set(NOW);
    }
  });
});
