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
import { DENIED_EVENTS_PER_MINUTE } from './denials.ts';

const skip = postgresUnavailableReason();
const NOW = '2026-11-28T09:00:00.000Z';

describe.skipIf(skip)('X-2: what the audit trail records beyond the gate', () => {
  let t: TestApp;
  let registrar: Session;
  let officer: Session;
  let nurse: Session;
  let pilot1: string;
  let pilot2: string;

  const call = (session: Session, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: session.headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  const rowsOf = (username: string) =>
    t.services.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('username', '=', username)
      .orderBy('seq')
      .execute();

  async function admitTo(institutionId: string, surname: string) {
    const res = await call(registrar, 'POST', '/api/v1/persons', {
      person: personBody({ surnameLatin: surname, givenNameLatin: 'Test', birthDate: '1987-04-05' }),
      admission: admissionBody(institutionId, '2026-11-28T07:00:00.000Z'),
      confirmedNotDuplicate: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }

  beforeAll(async () => {
    t = await buildTestApp({ now: NOW });
    t.clock.set(new Date());
    await seedTestDemo(t);
    t.clock.set(NOW);
    registrar = await signIn(t.app, 'demo.registry-officer');
    officer = await signIn(t.app, 'demo.officer');
    nurse = await signIn(t.app, 'demo.nurse');
    const institutions = (await call(registrar, 'GET', '/api/v1/institutions')).json().items;
    pilot1 = institutions.find((i: { code: string }) => i.code === 'PILOT-1').id;
    pilot2 = institutions.find((i: { code: string }) => i.code === 'PILOT-2').id;
  });
  afterAll(async () => t?.close());

  it('X-2: viewing the restraint board leaves one audit event per request, the page and the live stream alike', async () => {
    const before = (await rowsOf('demo.officer')).filter((r) =>
      r.action.startsWith('restraint.board'),
    ).length;
    const page = await call(officer, 'GET', `/api/v1/restraint/board?institutionId=${pilot1}`);
    expect(page.statusCode).toBe(200);
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const controller = new AbortController();
    const response = await fetch(`${address}/api/v1/restraint/board/stream?institutionId=${pilot1}`, {
      headers: { cookie: officer.cookie },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    // The first board arrives after the view is recorded.
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toContain('event: board');
    controller.abort();
    const views = (await rowsOf('demo.officer')).filter((r) => r.action.startsWith('restraint.board'));
    expect(views.length).toBe(before + 2);
    expect(views.slice(-2)).toEqual([
      expect.objectContaining({
        action: 'restraint.board.read',
        outcome: 'allowed',
        resource_type: 'institution',
        resource_id: pilot1,
      }),
      expect.objectContaining({ action: 'restraint.board.stream', outcome: 'allowed', resource_id: pilot1 }),
    ]);
  });

  it('X-2: a clinical write refused after the gate leaves a denied event: a rule broken, a person out of scope', async () => {
    // A rule: a screening task is completed by its form, not by the plain "complete" command.
    const mine = await admitTo(pilot1, 'Rüstəmov');
    const chart = (await call(nurse, 'GET', `/api/v1/persons/${mine}/chart`)).json();
    const task = chart.tasks.find((x: { kind: string }) => x.kind === 'admission_screening');
    const refused = await call(nurse, 'POST', `/api/v1/clinical-tasks/${task.id}/complete`, {});
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    expect(refused.statusCode).toBeLessThan(500);
    let rows = await rowsOf('demo.nurse');
    expect(rows.at(-1)).toMatchObject({
      action: 'POST /api/v1/clinical-tasks/:id/complete',
      outcome: 'denied',
      data_class: 'clinical',
      resource_id: task.id,
    });
    expect(JSON.parse(rows.at(-1)?.details ?? '{}')).toEqual({
      status: refused.statusCode,
      code: refused.json().code,
    });
    // Nothing of the refused command stays "allowed".
    expect(rows.some((r) => r.action === 'clinical.task.complete' && r.resource_id === task.id)).toBe(false);

    // Out of scope: the nurse works in PILOT-1 only.
    const elsewhere = await admitTo(pilot2, 'Quliyev');
    const outOfScope = await call(nurse, 'POST', `/api/v1/persons/${elsewhere}/allergies`, {
      substance: 'Penicillin',
      category: 'medication',
      severity: 'severe',
    });
    expect(outOfScope.statusCode).toBe(404);
    rows = await rowsOf('demo.nurse');
    expect(rows.at(-1)).toMatchObject({
      action: 'POST /api/v1/persons/:id/allergies',
      outcome: 'denied',
      resource_id: elsewhere,
    });
    expect(JSON.parse(rows.at(-1)?.details ?? '{}')).toEqual({ status: 404, code: 'not_found' });
  });

  it('X-2: a loop of denied requests from one session writes at most the limit a minute, then one event, then the count', async () => {
    const looping = await signIn(t.app, 'demo.officer');
    const start = (await rowsOf('demo.officer')).length;
    const attempts = DENIED_EVENTS_PER_MINUTE + 30;
    for (let i = 0; i < attempts; i++) {
      const res = await call(looping, 'GET', `/api/v1/users/loop-${i}`);
      expect(res.statusCode).toBe(403);
    }
    let rows = (await rowsOf('demo.officer')).slice(start);
    expect(rows.filter((r) => r.action === 'GET /api/v1/users/:id')).toHaveLength(DENIED_EVENTS_PER_MINUTE);
    const limited = rows.filter((r) => r.action === 'audit.denials_limited');
    expect(limited).toHaveLength(1);
    expect(limited[0]).toMatchObject({ outcome: 'denied', resource_id: `loop-${DENIED_EVENTS_PER_MINUTE}` });
    expect(rows).toHaveLength(DENIED_EVENTS_PER_MINUTE + 1);

    // Another session is counted on its own.
    const other = await call(officer, 'GET', '/api/v1/users/other-session');
    expect(other.statusCode).toBe(403);
    rows = await rowsOf('demo.officer');
    expect(rows.at(-1)).toMatchObject({ action: 'GET /api/v1/users/:id', resource_id: 'other-session' });

    // A minute later, the next denial writes the count of those not written, then itself.
    t.clock.set(new Date(Date.parse(NOW) + 61_000));
    try {
      const next = await call(looping, 'GET', '/api/v1/users/after-the-minute');
      expect(next.statusCode).toBe(403);
      rows = await rowsOf('demo.officer');
      const [summary, denial] = rows.slice(-2);
      expect(summary).toMatchObject({ action: 'audit.denials_suppressed', outcome: 'denied' });
      expect(JSON.parse(summary?.details ?? '{}')).toMatchObject({
        count: attempts - DENIED_EVENTS_PER_MINUTE,
      });
      expect(denial).toMatchObject({ action: 'GET /api/v1/users/:id', resource_id: 'after-the-minute' });
    } finally {
      t.clock.set(NOW);
    }
  });
});
