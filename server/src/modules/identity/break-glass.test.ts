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

const skip = postgresUnavailableReason();

describe.skipIf(skip)('break the glass', () => {
  let t: TestApp;
  let doctor: Session;
  let outside: { id: string; prisonNumber: string };

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set(new Date());
    await seedTestDemo(t);
    doctor = await signInAs(t.app, 'doctor'); // works in PILOT-1
    const inspector = await signInAs(t.app, 'inspector');
    const institutions = (await as(inspector).get('/api/v1/institutions')).json().items;
    const pilot2 = institutions.find((i: { code: string }) => i.code === 'PILOT-2').id;
    const people = (await as(inspector).get('/api/v1/persons?limit=200')).json().items;
    outside = people.find(
      (p: { institution: { id: string } | null; status: string }) =>
        p.institution?.id === pilot2 && p.status === 'in_custody',
    );
  });
  afterAll(async () => t?.close());

  const open = (session: Session, body: object) => as(session).post('/api/v1/break-glass', body);
  const person = (session: Session) => as(session).get(`/api/v1/persons/${outside.id}`);

  it('needs a reason of at least 20 characters and changes nothing without one', async () => {
    const res = await open(doctor, { prisonNumber: outside.prisonNumber, reason: 'urgent' });
    expect(res).toHaveStatus(400);
    expect(res.json().errors[0]).toMatchObject({ path: 'body.reason' });
    expect(await person(doctor)).toHaveStatus(404);
  });

  it('custodial staff cannot break the glass', async () => {
    const officer = await signInAs(t.app, 'custodial_officer');
    const res = await open(officer, {
      prisonNumber: outside.prisonNumber,
      reason: 'I would like to see this record now',
    });
    expect(res).toHaveStatus(403);
  });

  it('opens the person for 60 minutes, audits every look as break_glass, then closes by itself', async () => {
    expect(await person(doctor)).toHaveStatus(404);
    const res = await open(doctor, {
      prisonNumber: outside.prisonNumber,
      reason: 'Arrived unconscious from PILOT-2 at night; no file here yet',
    });
    expect(res).toHaveStatus(201);
    expect(res.json().personId).toBe(outside.id);
    expect(await person(doctor)).toHaveStatus(200);
    const looks = await t.services.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('person_id', '=', outside.id)
      .where('purpose', '=', 'break_glass')
      .execute();
    expect(looks.map((e) => e.action).sort()).toEqual(['identity.break_glass.open', 'registry.person.read']);
    t.clock.advance(61 * 60_000);
    doctor = await signInAs(t.app, 'doctor');
    expect(await person(doctor)).toHaveStatus(404);
  });

  it('appears on the health manager’s review list until reviewed', async () => {
    const manager = await signInAs(t.app, 'health_manager');
    const pending = (await as(manager).get('/api/v1/break-glass')).json();
    expect(pending.items).toHaveLength(1);
    expect(pending.items[0]).toMatchObject({ username: 'demo.doctor', personId: outside.id });
    const reviewed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/break-glass/${pending.items[0].id}/review`,
      headers: manager.headers,
      payload: { note: 'Justified: emergency admission' },
    });
    expect(reviewed).toHaveStatus(200);
    expect((await as(manager).get('/api/v1/break-glass')).json().items).toHaveLength(0);
    const all = (await as(manager).get('/api/v1/break-glass?status=all')).json();
    expect(all.items[0]).toMatchObject({
      reviewedBy: 'demo.health-manager',
      reviewNote: 'Justified: emergency admission',
    });
  });

  it('a person already in scope needs no break-the-glass', async () => {
    const people = (await as(doctor).get('/api/v1/persons?limit=50')).json().items;
    expect(people.length).toBeGreaterThan(0);
    const res = await open(doctor, {
      prisonNumber: people[0].prisonNumber,
      reason: 'This one is already in my institution',
    });
    expect(res).toHaveStatus(409);
  });
});

describe.skipIf(skip)('X-2: reads outside one’s scope are audited', () => {
  let t: TestApp;
  let doctor: Session;
  let outside: { id: string; prisonNumber: string };

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set(new Date());
    await seedTestDemo(t);
    doctor = await signInAs(t.app, 'doctor'); // works in PILOT-1
    const inspector = await signInAs(t.app, 'inspector');
    const institutions = (await as(inspector).get('/api/v1/institutions')).json().items;
    const pilot2 = institutions.find((i: { code: string }) => i.code === 'PILOT-2').id;
    const people = (await as(inspector).get('/api/v1/persons?limit=200')).json().items;
    outside = people.find(
      (p: { institution: { id: string } | null; status: string }) =>
        p.institution?.id === pilot2 && p.status === 'in_custody',
    );
  });
  afterAll(async () => t?.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: doctor.headers });
  const events = (action: string) =>
    t.services.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('username', '=', 'demo.doctor')
      .where('action', '=', action)
      .orderBy('seq')
      .execute();

  it('X-2: reading a person outside one’s scope answers like a missing one and leaves a denied audit event', async () => {
    const person = await get(`/api/v1/persons/${outside.id}`);
    const history = await get(`/api/v1/persons/${outside.id}/events`);
    const missing = await get('/api/v1/persons/no-such-person');
    expect(person).toHaveStatus(404);
    expect(history).toHaveStatus(404);
    expect(person.json()).toEqual(missing.json());
    for (const action of ['registry.person.read', 'registry.custody_history.read']) {
      const rows = await events(action);
      expect(rows, action).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        outcome: 'denied',
        person_id: outside.id,
        resource_type: 'person',
        resource_id: outside.id,
      });
      expect(JSON.parse(rows[0]?.details ?? '{}')).toEqual({ reason: 'out_of_scope' });
    }
  });

  it('X-2: a break-the-glass read of the custody history leaves one audit event per request, not per row', async () => {
    const grant = await t.app.inject({
      method: 'POST',
      url: '/api/v1/break-glass',
      headers: doctor.headers,
      payload: { prisonNumber: outside.prisonNumber, reason: 'Arrived unconscious from PILOT-2 at night' },
    });
    expect(grant).toHaveStatus(201);
    const first = await get(`/api/v1/persons/${outside.id}/events?limit=50`);
    expect(first).toHaveStatus(200);
    expect(first.json().items.length).toBeGreaterThan(1);
    await get(`/api/v1/persons/${outside.id}/events?limit=1`);
    const looks = (await events('registry.custody_history.read')).filter((e) => e.outcome === 'allowed');
    expect(looks).toHaveLength(2);
    for (const look of looks) {
      expect(look).toMatchObject({ purpose: 'break_glass', person_id: outside.id, data_class: 'custodial' });
    }
  });
});

describe.skipIf(skip)('break the glass: no existence oracle, a daily cap, no review of one’s own', () => {
  let t: TestApp;
  let doctor: Session;
  let manager: Session;
  let outside: { id: string; prisonNumber: string }[];

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set(new Date());
    await seedTestDemo(t);
    doctor = await signInAs(t.app, 'doctor'); // works in PILOT-1
    manager = await signInAs(t.app, 'health_manager');
    const inspector = await signInAs(t.app, 'inspector');
    const institutions = (await as(inspector).get('/api/v1/institutions')).json().items;
    const pilot2 = institutions.find((i: { code: string }) => i.code === 'PILOT-2').id;
    const people = (await as(inspector).get('/api/v1/persons?limit=200')).json().items;
    outside = people.filter(
      (p: { institution: { id: string } | null; status: string }) =>
        p.institution?.id === pilot2 && p.status === 'in_custody',
    );
  });
  afterAll(async () => t?.close());

  const open = (session: Session, prisonNumber: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/break-glass',
      headers: session.headers,
      payload: { prisonNumber, reason: 'Brought in unconscious, no file here yet' },
    });
  const shape = (body: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v]));

  it('MED-1: an unknown prison number and one held elsewhere get the same answer, and both are recorded for review', async () => {
    const known = await open(doctor, outside[0]!.prisonNumber);
    const unknown = await open(doctor, 'NO-SUCH-0000');
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(known).toHaveStatus(201);
    expect(shape(unknown.json())).toEqual(shape(known.json()));
    // Opening what the unknown number gave answers like any person out of reach.
    const ghost = await t.app.inject({
      method: 'GET',
      url: `/api/v1/persons/${unknown.json().personId}`,
      headers: doctor.headers,
    });
    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/v1/persons/no-such-person',
      headers: doctor.headers,
    });
    expect(ghost).toHaveStatus(404);
    expect(ghost.json()).toEqual(missing.json());
    const pending = (await as(manager).get('/api/v1/break-glass')).json().items;
    expect(pending.map((p: { prisonNumber: string }) => p.prisonNumber).sort()).toEqual(
      [outside[0]!.prisonNumber, 'NO-SUCH-0000'].sort(),
    );
    expect(
      pending.find((p: { prisonNumber: string }) => p.prisonNumber === 'NO-SUCH-0000').personId,
    ).toBeNull();
  });

  it('MED-1: past 3 requests in a day the next is refused, recorded, flagged for review and put on the health manager’s worklist', async () => {
    expect(await open(doctor, outside[1]!.prisonNumber)).toHaveStatus(201); // the third today
    const fourth = await open(doctor, outside[2]!.prisonNumber);
    expect(fourth).toHaveStatus(429);
    expect(fourth.json().code).toBe('break_glass_limit');
    // Refused: the person stays out of reach.
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/persons/${outside[2]!.id}`,
          headers: doctor.headers,
        })
      ).statusCode,
    ).toBe(404);
    const flagged = await t.services.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'identity.break_glass.over_limit')
      .execute();
    expect(flagged).toHaveLength(1);
    expect(flagged[0]).toMatchObject({
      outcome: 'denied',
      username: 'demo.doctor',
      person_id: outside[2]!.id,
    });
    expect(JSON.parse(flagged[0]?.details ?? '{}')).toMatchObject({ flaggedForReview: true, perDay: 3 });
    const review = (await as(manager).get('/api/v1/break-glass')).json().items;
    expect(review.filter((r: { overLimit: boolean }) => r.overLimit)).toHaveLength(1);
    const worklist = await allWorklistItems(manager);
    expect(worklist.filter((i: { kind: string }) => i.kind === 'break_glass_over_limit')).toEqual([
      expect.objectContaining({ module: 'identity', label: expect.stringContaining('demo.doctor') }),
    ]);
    // A day later the count starts again.
    t.clock.advance(24 * 60 * 60_000 + 1000);
    doctor = await signInAs(t.app, 'doctor');
    manager = await signInAs(t.app, 'health_manager');
    expect(await open(doctor, outside[2]!.prisonNumber)).toHaveStatus(201);
  });

  it('MED-1: nobody reviews their own break-the-glass request', async () => {
    // A doctor breaks the glass, then is made health manager too: the request stays someone else's to review.
    const system = { userId: null, username: 'test', role: null, clientAddress: null };
    const { user, oneTimePassword } = await t.services.identity.createUser(system, {
      username: 'doctor.manager',
      displayName: 'Doctor, later health manager',
      roles: ['doctor'],
      institutionIds: [(await t.services.registry.listInstitutions()).find((i) => i.code === 'PILOT-1')!.id],
      language: 'en',
    });
    await t.services.database.db
      .updateTable('user_account')
      .set({ must_change_password: 0 })
      .where('username', '=', 'doctor.manager')
      .execute();
    const asDoctor = await signIn(t.app, 'doctor.manager', oneTimePassword);
    const own = await open(asDoctor, outside[3]!.prisonNumber);
    expect(own).toHaveStatus(201);
    await t.services.identity.updateUser(system, user.id, {
      version: user.version,
      roles: ['doctor', 'health_manager'],
    });
    const both = await signIn(t.app, 'doctor.manager', oneTimePassword);
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/break-glass/${own.json().id}/review`,
      headers: both.headers,
      payload: { note: 'Looks fine to me' },
    });
    expect(refused).toHaveStatus(403);
    expect(refused.json().code).toBe('break_glass_own_review');
    const pending = (await as(manager).get('/api/v1/break-glass')).json().items;
    expect(pending.map((p: { id: string }) => p.id)).toContain(own.json().id);
    const reviewed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/break-glass/${own.json().id}/review`,
      headers: manager.headers,
      payload: { note: 'Checked with the duty doctor' },
    });
    expect(reviewed).toHaveStatus(200);
  });
});
