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

/** Issue 12: the screening's countersignature (ADM-1). */
describe.skipIf(skip)('admission screening rules', () => {
  let t: TestApp;
  let registrar: Session;
  let nurse: Session;
  let doctor: Session;
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
});
