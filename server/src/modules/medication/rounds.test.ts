import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allWorklistItems,
  as,
  buildTestApp,
  postgresUnavailableReason,
  type Session,
  seedTestDemo,
  signIn,
  type TestApp,
} from '../../test/app.ts';
import { admissionBody, personBody } from '../../test/fixtures.ts';

const skip = postgresUnavailableReason();
// 13:00 in Baku: the morning round (08:00 = 04:00Z) five hours ago, the evening one (18:00) to come.
const NOW = '2026-11-28T09:00:00.000Z';
const TODAY_0800 = '2026-11-28T04:00:00.000Z';
const hoursBefore = (h: number) => new Date(Date.parse(NOW) - h * 3_600_000).toISOString();

describe.skipIf(skip)('medication rounds (ADR 0046): offline records, the officer’s mark, reports', () => {
  let t: TestApp;
  let doctor: Session;
  let nurse: Session;
  let feldsher: Session;
  let officer: Session;
  let governor: Session;
  let registrar: Session;
  let pilot1: string;
  let drugs: Map<string, string>;

  const db = () => t.services.database.db;
  const marks = async () =>
    Number(
      (
        await db()
          .selectFrom('medication_not_brought')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  async function admitNew(surname: string) {
    const res = await as(registrar).post('/api/v1/persons', {
      person: personBody({ surnameLatin: surname, givenNameLatin: 'Round', birthDate: '1987-02-03' }),
      admission: admissionBody(pilot1, hoursBefore(72)),
      confirmedNotDuplicate: true,
    });
    expect(res).toHaveStatus(201);
    return res.json().id as string;
  }

  async function prescribe(personId: string, drug: string, overrides: Record<string, unknown> = {}) {
    const res = await as(doctor).post(`/api/v1/persons/${personId}/prescriptions`, {
      drugId: drugs.get(drug),
      dose: 1,
      doseUnit: 'tablet',
      route: 'oral',
      frequency: 'twice_daily',
      delivery: 'supervised',
      startAt: hoursBefore(24),
      indication: 'Pulmonary TB',
      ...overrides,
    });
    expect(res).toHaveStatus(201);
    return res.json().id as string;
  }

  beforeAll(async () => {
    t = await buildTestApp({ now: NOW });
    await seedTestDemo(t);
    doctor = await signIn(t.app, 'demo.doctor');
    nurse = await signIn(t.app, 'demo.nurse');
    feldsher = await signIn(t.app, 'demo.feldsher');
    officer = await signIn(t.app, 'demo.officer');
    governor = await signIn(t.app, 'demo.governor');
    registrar = await signIn(t.app, 'demo.registry-officer');
    const institutions = (await as(registrar).get('/api/v1/institutions')).json().items;
    pilot1 = institutions.find((i: { code: string }) => i.code === 'PILOT-1').id;
    const list = await as(doctor).get('/api/v1/medication/drugs?limit=100');
    drugs = new Map(list.json().items.map((d: { code: string; id: string }) => [d.code, d.id]));
  });
  afterAll(async () => t?.close());

  it('MED-3: the officer may only mark "not brought"; 403 on every other medication route, the governor only reads the reports', async () => {
    const routes = t.app.routeTable.filter(
      (r) => r.method !== 'HEAD' && (r.url.includes('/medication') || r.url.includes('/prescriptions')),
    );
    const id = '01900000-0000-7000-8000-000000000000';
    const call = (session: Session, route: (typeof routes)[number]) =>
      t.app.inject({
        method: route.method as 'GET',
        url: route.url.replace(':id', id),
        headers: session.headers,
        ...(route.method === 'POST' ? { payload: {} } : {}),
      });
    for (const route of routes) {
      const mark = route.url === '/api/v1/medication/attendance/not-brought';
      const res = await call(officer, route);
      if (mark) expect(res.statusCode, route.url).toBe(400);
      else expect(res.statusCode, `${route.method} ${route.url}`).toBe(403);
      const gov = await call(governor, route);
      if (route.url.startsWith('/api/v1/medication/reports/rounds')) expect(gov.statusCode).toBe(400);
      else expect(gov.statusCode, `${route.method} ${route.url}`).toBe(403);
    }
    // The nurse may not mark for the officer.
    expect(
      await as(nurse).post('/api/v1/medication/attendance/not-brought', { personId: id, dueAt: TODAY_0800 }),
    ).toHaveStatus(403);
  });

  it('MDX-3: the officer marks a person not brought to the morning round; the nurse sees it; no drug in the answer', async () => {
    const person = await admitNew('Notbrought');
    await prescribe(person, 'rhze');
    const res = await as(officer).post('/api/v1/medication/attendance/not-brought', {
      personId: person,
      dueAt: TODAY_0800,
      note: 'Wing locked down after a search',
    });
    expect(res).toHaveStatus(201);
    expect(res.json()).toMatchObject({
      personId: person,
      date: '2026-11-28',
      round: 'morning',
      roundAt: TODAY_0800,
    });
    for (const word of ['rhze', 'rifampicin', 'tablet', 'tb'])
      expect(res.body.toLowerCase()).not.toContain(word);
    // Pressing twice gives the same mark.
    const again = await as(officer).post('/api/v1/medication/attendance/not-brought', {
      personId: person,
      dueAt: TODAY_0800,
    });
    expect(again.json().id).toBe(res.json().id);
    const seen = await as(nurse).get(
      `/api/v1/medication/round/not-brought?institutionId=${pilot1}&date=2026-11-28&round=morning`,
    );
    expect(seen).toHaveStatus(200);
    const mine = seen.json().items.find((m: { personId: string }) => m.personId === person);
    expect(mine).toMatchObject({ note: 'Wing locked down after a search' });
    expect(mine.markedBy).not.toBe('');
    const audit = await db()
      .selectFrom('audit_event')
      .select(['action', 'data_class'])
      .where('action', '=', 'medication.not_brought.record')
      .execute();
    expect(audit.length).toBe(1);
  });

  it('MDX-3: a mark for a person without a dose in the round, or a round long over, is refused and writes nothing', async () => {
    const nobody = await admitNew('Nodose');
    const before = await marks();
    const none = await as(officer).post('/api/v1/medication/attendance/not-brought', {
      personId: nobody,
      dueAt: TODAY_0800,
    });
    expect(none).toHaveStatus(400);
    expect(none.json().errors.map((e: { code: string }) => e.code)).toContain('no_dose_in_round');
    const person = await admitNew('Lateround');
    await prescribe(person, 'rhze', { startAt: hoursBefore(60) });
    const over = await as(officer).post('/api/v1/medication/attendance/not-brought', {
      personId: person,
      dueAt: '2026-11-27T04:00:00.000Z',
    });
    expect(over.json().errors.map((e: { code: string }) => e.code)).toContain('round_over');
    expect(await marks()).toBe(before);
  });

  it('ADR 0046: a dose recorded offline arrives with its real time (kept apart from the time received); windows checked', async () => {
    const person = await admitNew('Offline');
    const id = await prescribe(person, 'rhze');
    const url = `/api/v1/medication/prescriptions/${id}/administrations`;
    const givenAt = '2026-11-28T04:12:00.000Z';
    const res = await as(nurse).post(
      url,
      { dueAt: TODAY_0800, outcome: 'given', mouthCheck: true, givenAt },
      { 'idempotency-key': '01936a00-0000-7000-8000-000000000001' },
    );
    expect(res).toHaveStatus(201);
    const row = await db()
      .selectFrom('medication_administration')
      .select(['given_at', 'recorded_at'])
      .where('prescription_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ given_at: givenAt, recorded_at: NOW });
    // The same key again (the queue resent after a lost answer): the same record, not a conflict.
    const resent = await as(nurse).post(
      url,
      { dueAt: TODAY_0800, outcome: 'given', mouthCheck: true, givenAt },
      { 'idempotency-key': '01936a00-0000-7000-8000-000000000001' },
    );
    expect(resent.json().id).toBe(res.json().id);

    const early = await prescribe(await admitNew('Tooearly'), 'rhze');
    const tooEarly = await as(nurse).post(`/api/v1/medication/prescriptions/${early}/administrations`, {
      dueAt: TODAY_0800,
      outcome: 'given',
      mouthCheck: true,
      givenAt: '2026-11-28T02:30:00.000Z',
    });
    expect(tooEarly.json().errors.map((e: { code: string }) => e.code)).toContain('given_before_due');
    const tooLate = await as(nurse).post(`/api/v1/medication/prescriptions/${early}/administrations`, {
      dueAt: '2026-11-27T14:00:00.000Z',
      outcome: 'given',
      mouthCheck: true,
      givenAt: '2026-11-27T14:05:00.000Z',
    });
    expect(tooLate.json().errors.map((e: { code: string }) => e.code)).toContain('recorded_too_late');
  });

  it('MDX-2: a queued record of a dose another nurse recorded meanwhile is refused, and the other record is shown', async () => {
    const person = await admitNew('Conflict');
    const id = await prescribe(person, 'rhze');
    const url = `/api/v1/medication/prescriptions/${id}/administrations`;
    expect(
      await as(feldsher).post(url, {
        dueAt: TODAY_0800,
        outcome: 'not_given',
        reason: 'refused',
        note: 'Refused; counselled',
      }),
    ).toHaveStatus(201);
    const queued = await as(nurse).post(
      url,
      { dueAt: TODAY_0800, outcome: 'given', mouthCheck: true, givenAt: '2026-11-28T04:20:00.000Z' },
      { 'idempotency-key': '01936a00-0000-7000-8000-000000000002' },
    );
    expect(queued).toHaveStatus(400);
    expect(queued.json().errors.map((e: { code: string }) => e.code)).toContain('already_recorded');
    const other = await as(nurse).get(
      `/api/v1/medication/prescriptions/${id}/administrations/record?dueAt=${TODAY_0800}`,
    );
    expect(other).toHaveStatus(200);
    expect(other.json()).toMatchObject({ outcome: 'not_given', reason: 'refused', recordedAt: NOW });
    expect(other.json().recordedBy).toMatch(/Feldsher/i);
    expect(
      await as(nurse).get(
        `/api/v1/medication/prescriptions/${id}/administrations/record?dueAt=2026-11-28T14:00:00.000Z`,
      ),
    ).toHaveStatus(404);
  });

  it('issue 15 item 5: the programme’s nurse gets the missed supervised doses line too', async () => {
    const person = await admitNew('Nurseline');
    const id = await prescribe(person, 'rhze', { startAt: hoursBefore(60), frequency: 'once_daily' });
    expect(
      await as(nurse).post(`/api/v1/medication/prescriptions/${id}/administrations`, {
        dueAt: '2026-11-27T04:00:00.000Z',
        outcome: 'not_given',
        reason: 'refused',
        note: 'Refused',
      }),
    ).toHaveStatus(201);
    const items = await allWorklistItems(nurse);
    expect(
      items.some(
        (i: { kind: string; subjectId: string }) =>
          i.kind === 'programme_doses_missed' && i.subjectId === person,
      ),
    ).toBe(true);
  });

  it('issue 15 item 8, MDX-3, DAT-6: the daily report per unit; the governor sees only regime counts, small ones suppressed', async () => {
    const person = await admitNew('Reported');
    const id = await prescribe(person, 'rhze');
    await as(nurse).post(`/api/v1/medication/prescriptions/${id}/administrations`, {
      dueAt: TODAY_0800,
      outcome: 'not_given',
      reason: 'regime_lockdown',
    });
    const q = `institutionId=${pilot1}&from=2026-11-28&to=2026-11-28`;
    const clinical = await as(nurse).get(`/api/v1/medication/reports/rounds?${q}`);
    expect(clinical).toHaveStatus(200);
    const report = clinical.json();
    expect(report.clinical).toBe(true);
    const due = report.days.reduce((s: number, d: { due: number }) => s + d.due, 0);
    const counted = report.days.reduce(
      (s: number, d: { counts: Record<string, number> }) =>
        s + Object.values(d.counts).reduce((a, b) => a + b, 0),
      0,
    );
    expect(due).toBeGreaterThan(0);
    expect(counted).toBe(due);
    // The lockdown recorded here and the officer's mark (earlier test) both count as regime causes.
    expect(report.regimeTotal).toBeGreaterThanOrEqual(2);
    expect(
      report.adherence.some(
        (a: { personId: string; programme: string }) => a.personId === person && a.programme === 'tb',
      ),
    ).toBe(true);

    const gov = await as(governor).get(`/api/v1/medication/reports/rounds?${q}`);
    expect(gov).toHaveStatus(200);
    const g = gov.json();
    expect(g).toMatchObject({ clinical: false, days: [], adherence: [], suppressionThreshold: 5 });
    for (const r of g.regime as { doses: number | null }[])
      if (r.doses !== null) expect(r.doses === 0 || r.doses >= 5).toBe(true);
    if (g.regimeTotal !== null) expect(g.regimeTotal === 0 || g.regimeTotal >= 5).toBe(true);
    for (const word of ['Reported', 'Rifampicin', 'rhze']) expect(gov.body).not.toContain(word);

    const csv = await as(governor).get(`/api/v1/medication/reports/rounds/export?${q}&format=csv`);
    expect(csv).toHaveStatus(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain('regime-caused missed doses');
    const pdf = await as(nurse).get(`/api/v1/medication/reports/rounds/export?${q}&format=pdf`);
    expect(pdf).toHaveStatus(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const long = await as(nurse).get(
      `/api/v1/medication/reports/rounds?institutionId=${pilot1}&from=2026-10-01&to=2026-11-28`,
    );
    expect(long).toHaveStatus(400);
  });

  it('MDX-5: an in-possession pack counted at review against what should be left; a difference needs a note', async () => {
    const pharmacist = await signIn(t.app, 'demo.pharmacist');
    const person = await admitNew('Possession');
    const rx = await prescribe(person, 'loratadine', {
      delivery: 'in_possession',
      frequency: 'once_daily',
      riskAssessment: 'Low risk; stable; keeps the pack in the locker',
      reviewDate: '2026-12-05',
      indication: 'Allergic rhinitis',
    });
    const receipt = await as(pharmacist).post('/api/v1/medication/stock/receipts', {
      institutionId: pilot1,
      drugId: drugs.get('loratadine'),
      batchNumber: 'POS-1',
      expiryDate: '2027-06-30',
      quantity: 60,
      supplier: 'Central medical warehouse',
    });
    expect(receipt).toHaveStatus(201);
    expect(
      await as(pharmacist).post('/api/v1/medication/stock/dispensings', {
        batchId: receipt.json().id,
        prescriptionId: rx,
        supply: 'in_possession',
        quantity: 14,
      }),
    ).toHaveStatus(201);
    const url = `/api/v1/medication/prescriptions/${rx}/possession-counts`;
    t.clock.set('2026-11-30T09:00:00.000Z');
    try {
      // Two days on, the sessions of the morning have expired: sign in again.
      const [n2, d2, o2] = await Promise.all(
        ['demo.nurse', 'demo.doctor', 'demo.officer'].map((u) => signIn(t.app, u)),
      );
      // Two days of one tablet a day since the pack of 14: 12 should be left.
      const view = (await as(n2 as Session).get(`/api/v1/persons/${person}/medication/possession`)).json();
      expect(view.supplies).toEqual([
        expect.objectContaining({
          prescriptionId: rx,
          supplied: 14,
          expectedNow: 12,
          reviewDate: '2026-12-05',
        }),
      ]);
      const before = Number(
        (
          await db()
            .selectFrom('medication_possession_count')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      const short = await as(n2 as Session).post(url, { counted: 10 });
      expect(short).toHaveStatus(400);
      expect(short.json().errors.map((e: { code: string }) => e.code)).toContain('discrepancy_note_required');
      expect(
        Number(
          (
            await db()
              .selectFrom('medication_possession_count')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ).toBe(before);
      const noted = await as(n2 as Session).post(url, {
        counted: 10,
        note: 'Says two were lost in a cell search',
      });
      expect(noted).toHaveStatus(201);
      expect(noted.json()).toMatchObject({ expected: 12, counted: 10, difference: -2 });
      expect(await as(n2 as Session).post(url, { counted: 12 })).toHaveStatus(201);
      const counts = (await as(d2 as Session).get(`/api/v1/persons/${person}/medication/possession`)).json()
        .counts;
      expect(counts.map((c: { difference: number }) => c.difference).sort()).toEqual([-2, 0]);
      // A supervised drug is not counted in possession.
      const supervised = await as(d2 as Session).post(`/api/v1/persons/${person}/prescriptions`, {
        drugId: drugs.get('rhze'),
        dose: 1,
        doseUnit: 'tablet',
        route: 'oral',
        frequency: 'once_daily',
        delivery: 'supervised',
        startAt: '2026-11-30T08:00:00.000Z',
        indication: 'Pulmonary TB',
      });
      expect(supervised).toHaveStatus(201);
      const refused = await as(n2 as Session).post(
        `/api/v1/medication/prescriptions/${supervised.json().id}/possession-counts`,
        {
          counted: 3,
        },
      );
      expect(refused.json().errors.map((e: { code: string }) => e.code)).toContain('not_in_possession');
      expect(await as(o2 as Session).get(`/api/v1/persons/${person}/medication/possession`)).toHaveStatus(
        403,
      );
    } finally {
      t.clock.set(NOW);
    }
  });
  it('MDX-2, X-1: the late and missed windows of a round are the institution’s rule thresholds', async () => {
    const manager = await signIn(t.app, 'demo.health-manager');
    const person = await admitNew('Window');
    await prescribe(person, 'rhze');
    const state = async () => {
      const res = await as(nurse).get(
        `/api/v1/medication/round?institutionId=${pilot1}&date=2026-11-28&round=morning`,
      );
      expect(res).toHaveStatus(200);
      return res.json().rows.find((r: { personId: string }) => r.personId === person)?.state;
    };
    // The 08:00 dose, five hours ago: late by the default windows (60 min late, 6 h missed).
    expect(await state()).toBe('late');
    const set = (value: number) =>
      as(manager).put('/api/v1/rule-thresholds/MDX-2.missed_minutes', { value, institutionId: pilot1 });
    expect(await set(240)).toHaveStatus(204);
    try {
      expect(await state()).toBe('missed');
    } finally {
      expect(await set(360)).toHaveStatus(204);
    }
    expect(await state()).toBe('late');
  });
});
