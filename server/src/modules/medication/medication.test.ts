import { roundSchema } from '@custodia/domain';
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
// 13:00 in Baku: the morning dose (08:00 = 04:00Z) is late, the evening one (18:00 = 14:00Z) to come.
const NOW = '2026-11-28T09:00:00.000Z';
const TODAY_0800 = '2026-11-28T04:00:00.000Z';
const TODAY_1800 = '2026-11-28T14:00:00.000Z';
const hoursBefore = (h: number) => new Date(Date.parse(NOW) - h * 3_600_000).toISOString();

describe.skipIf(skip)('medication (issue 15): prescriptions, the round, dose records', () => {
  let t: TestApp;
  let doctor: Session;
  let nurse: Session;
  let officer: Session;
  let registrar: Session;
  let pilot1: string;
  let drugs: Map<string, string>;

  const db = () => t.services.database.db;
  const count = async (table: 'medication_prescription' | 'medication_administration') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** Audit records of what was done (a refused write is audited too, as `denied`). */
  const auditCount = async () =>
    Number(
      (
        await db()
          .selectFrom('audit_event')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('outcome', '=', 'allowed')
          .executeTakeFirstOrThrow()
      ).n,
    );

  async function admitNew(surname: string) {
    const res = await as(registrar).post('/api/v1/persons', {
      person: personBody({ surnameLatin: surname, givenNameLatin: 'Test', birthDate: '1988-03-04' }),
      admission: admissionBody(pilot1, hoursBefore(72)),
      confirmedNotDuplicate: true,
    });
    expect(res).toHaveStatus(201);
    return res.json().id as string;
  }

  const order = (drug: string, overrides: Record<string, unknown> = {}) => ({
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

  async function prescribe(personId: string, body: Record<string, unknown>) {
    const res = await as(doctor).post(`/api/v1/persons/${personId}/prescriptions`, body);
    expect(res).toHaveStatus(201);
    return res.json().id as string;
  }

  /** Bad input: the given code in the field errors, and nothing written (not even an audit record). */
  async function refusedWithNothingWritten(
    call: () => Promise<{ statusCode: number; json(): unknown; body: string }>,
    code: string,
  ) {
    const before = [
      await count('medication_prescription'),
      await count('medication_administration'),
      await auditCount(),
    ];
    const res = await call();
    expect(res.statusCode, res.body).toBe(400);
    const problem = res.json() as { errors?: { code: string }[] };
    expect(problem.errors?.map((e) => e.code)).toContain(code);
    expect([
      await count('medication_prescription'),
      await count('medication_administration'),
      await auditCount(),
    ]).toEqual(before);
  }

  beforeAll(async () => {
    t = await buildTestApp({ now: NOW });
    await seedTestDemo(t);
    doctor = await signIn(t.app, 'demo.doctor');
    nurse = await signIn(t.app, 'demo.nurse');
    officer = await signIn(t.app, 'demo.officer');
    registrar = await signIn(t.app, 'demo.registry-officer');
    const institutions = (await as(registrar).get('/api/v1/institutions')).json().items;
    pilot1 = institutions.find((i: { code: string }) => i.code === 'PILOT-1').id;
    const list = await as(doctor).get('/api/v1/medication/drugs?limit=100');
    expect(list).toHaveStatus(200);
    drugs = new Map(list.json().items.map((d: { code: string; id: string }) => [d.code, d.id]));
  });
  afterAll(async () => t?.close());

  it('the demo formulary holds about 60 drugs, flagged by programme; searchable by name in any script', async () => {
    expect(drugs.size).toBeGreaterThanOrEqual(55);
    const tb = await as(doctor).get('/api/v1/medication/drugs?q=rifamp');
    expect(tb.json().items.some((d: { programme: string }) => d.programme === 'tb')).toBe(true);
    const methadone = await as(doctor).get('/api/v1/medication/drugs?q=metadon');
    expect(methadone.json().items[0].names.en).toBe('Methadone');
  });

  it('MED-3: custodial roles get 403 on every medication route', async () => {
    const routes = t.app.routeTable.filter(
      (r) => r.method !== 'HEAD' && (r.url.includes('/medication') || r.url.includes('/prescriptions')),
    );
    // 8 of the first slice, 12 of the pharmacy (ADR 0040), 8 of orders and release (ADR 0045; the
    // release-plan route went with ADR 0055), 7 of the round's extras (ADR 0046; the officer's mark
    // and the reports are tested with their readers in rounds.test.ts).
    expect(routes.length).toBe(35);
    const id = '01900000-0000-7000-8000-000000000000';
    for (const session of [officer, await signIn(t.app, 'demo.governor'), registrar]) {
      for (const route of routes.filter((r) => !/attendance|reports\/rounds/.test(r.url))) {
        const res = await t.app.inject({
          method: route.method as 'GET',
          url: route.url.replace(':id', id),
          headers: session.headers,
          ...(route.method === 'POST' ? { payload: {} } : {}),
        });
        expect(res.statusCode, `${route.method} ${route.url}`).toBe(403);
      }
    }
  });

  it('only prescribers prescribe: a nurse gets 403', async () => {
    const person = await admitNew('Nurseorder');
    const res = await as(nurse).post(`/api/v1/persons/${person}/prescriptions`, order('rhze'));
    expect(res).toHaveStatus(403);
  });

  it('the doctor prescribes a supervised TB drug; it is on the person’s list and in the chart, and audited', async () => {
    const person = await admitNew('Prescribed');
    const before = await auditCount();
    const id = await prescribe(person, order('rhze', { dose: 4 }));
    expect(await auditCount()).toBe(before + 1);
    const list = await as(nurse).get(`/api/v1/persons/${person}/medication`);
    expect(list).toHaveStatus(200);
    expect(list.json().prescriptions[0]).toMatchObject({
      id,
      version: 1,
      status: 'active',
      delivery: 'supervised',
      frequencyPerDay: 2,
    });
    // The expiry: 90 days after the start unless it ends earlier.
    expect(list.json().prescriptions[0].endAt).toBe(
      new Date(Date.parse(hoursBefore(24)) + 90 * 86_400_000).toISOString(),
    );
    const chart = await as(doctor).get(`/api/v1/persons/${person}/chart`);
    expect(chart).toHaveStatus(200);
    expect(chart.json().medication.prescriptions[0].id).toBe(id);
  });

  it('MDX-4: the same drug and route while one is active is refused, nothing written; replacing it works', async () => {
    const person = await admitNew('Duplicate');
    const first = await prescribe(person, order('rhze'));
    await refusedWithNothingWritten(
      () => as(doctor).post(`/api/v1/persons/${person}/prescriptions`, order('rhze')),
      'duplicate_active',
    );
    const second = await prescribe(person, order('rhze', { dose: 3, replacesPrescriptionId: first }));
    const list = (await as(doctor).get(`/api/v1/persons/${person}/medication`)).json();
    expect(list.prescriptions.map((p: { id: string; status: string }) => [p.id, p.status])).toEqual([
      [second, 'active'],
      [first, 'stopped'],
    ]);
    expect(list.history.map((p: { id: string }) => p.id)).toEqual([first]);
  });

  it('MDX-5: a programme drug in possession is refused; in-possession needs a risk assessment and review date', async () => {
    const person = await admitNew('Possession');
    await refusedWithNothingWritten(
      () =>
        as(doctor).post(
          `/api/v1/persons/${person}/prescriptions`,
          order('tld', { delivery: 'in_possession' }),
        ),
      'supervised_only',
    );
    await refusedWithNothingWritten(
      () =>
        as(doctor).post(
          `/api/v1/persons/${person}/prescriptions`,
          order('amlodipine', { delivery: 'in_possession', doseUnit: 'mg', dose: 5 }),
        ),
      'risk_assessment_required',
    );
    await prescribe(
      person,
      order('amlodipine', {
        delivery: 'in_possession',
        doseUnit: 'mg',
        dose: 5,
        riskAssessment: 'Stable, no self-harm history',
        reviewDate: '2026-12-28',
      }),
    );
  });

  it('allergy check: a drug the person is recorded as allergic to is refused without an override reason', async () => {
    const person = await admitNew('Allergic');
    const allergy = await as(nurse).post(`/api/v1/persons/${person}/allergies`, {
      substance: 'Amoxicillin',
      category: 'medication',
      severity: 'severe',
    });
    expect(allergy).toHaveStatus(201);
    const amoxicillin = order('amoxicillin', { doseUnit: 'mg', dose: 500, frequency: 'three_times_daily' });
    await refusedWithNothingWritten(
      () => as(doctor).post(`/api/v1/persons/${person}/prescriptions`, amoxicillin),
      'allergy_override_required',
    );
    await prescribe(person, {
      ...amoxicillin,
      allergyOverrideReason: 'Mild rash years ago; benefits outweigh',
    });
  });

  it('MDX-2: the round lists the due dose; the nurse records it once; a second record is refused', async () => {
    const person = await admitNew('Roundone');
    const id = await prescribe(person, order('rhze'));
    const round = await as(nurse).get(
      `/api/v1/medication/round?institutionId=${pilot1}&date=2026-11-28&round=morning`,
    );
    expect(round).toHaveStatus(200);
    const row = round.json().rows.find((r: { prescriptionId: string }) => r.prescriptionId === id);
    expect(row).toMatchObject({
      dueAt: TODAY_0800,
      state: 'late',
      surname: 'Roundone',
      delivery: 'supervised',
      record: null,
    });
    expect(round.json().roundTime).toBe('08:00');
    // The answer is exactly its schema (it is written by the compiled serialiser), each drug once.
    expect(roundSchema.strict().safeParse(round.json()).success).toBe(true);
    const drugIds = round.json().drugs.map((d: { id: string }) => d.id);
    expect(new Set(drugIds).size).toBe(drugIds.length);
    expect(round.json().drugs.find((d: { id: string }) => d.id === row.drugId)).toMatchObject({
      code: 'rhze',
    });
    // A worklist line opens the round holding its dose: at 13:00 the late morning dose is in the morning round.
    const byInstant = await as(nurse).get(
      `/api/v1/medication/round?institutionId=${pilot1}&at=${TODAY_0800}`,
    );
    expect(byInstant.json()).toMatchObject({ round: 'morning', date: '2026-11-28' });
    expect((await as(nurse).get(`/api/v1/medication/round?institutionId=${pilot1}`)).json().round).toBe(
      'noon',
    );
    const give = { dueAt: TODAY_0800, outcome: 'given', mouthCheck: true };
    expect(await as(nurse).post(`/api/v1/medication/prescriptions/${id}/administrations`, give)).toHaveStatus(
      201,
    );
    await refusedWithNothingWritten(
      () => as(nurse).post(`/api/v1/medication/prescriptions/${id}/administrations`, give),
      'already_recorded',
    );
    const after = await as(nurse).get(
      `/api/v1/medication/round?institutionId=${pilot1}&date=2026-11-28&round=morning`,
    );
    const recorded = after.json().rows.find((r: { prescriptionId: string }) => r.prescriptionId === id);
    expect(recorded).toMatchObject({ state: 'recorded', record: { outcome: 'given' } });
    const history = await as(doctor).get(`/api/v1/persons/${person}/medication/administrations?limit=1`);
    expect(history.json().items[0]).toMatchObject({ outcome: 'given', mouthCheck: true, dueAt: TODAY_0800 });
  });

  it('a dose at 01:30 belongs to the night round of the day before (the nearest round)', async () => {
    const person = await admitNew('Nightdose');
    const id = await prescribe(
      person,
      order('rhze', {
        frequency: 'every_n_hours',
        everyHours: 24,
        firstTime: '01:30',
        startAt: hoursBefore(48),
      }),
    );
    const night = await as(nurse).get(
      `/api/v1/medication/round?institutionId=${pilot1}&date=2026-11-27&round=night`,
    );
    const row = night.json().rows.find((r: { prescriptionId: string }) => r.prescriptionId === id);
    // 01:30 in Baku on 28 November is 21:30 UTC on the 27th.
    expect(row).toMatchObject({ dueAt: '2026-11-27T21:30:00.000Z' });
    const morning = await as(nurse).get(
      `/api/v1/medication/round?institutionId=${pilot1}&date=2026-11-28&round=morning`,
    );
    expect(morning.json().rows.some((r: { prescriptionId: string }) => r.prescriptionId === id)).toBe(false);
    const byInstant = await as(nurse).get(
      `/api/v1/medication/round?institutionId=${pilot1}&at=2026-11-27T21:30:00.000Z`,
    );
    expect(byInstant.json()).toMatchObject({ date: '2026-11-27', round: 'night' });
  });

  it("MDX-2: a unit's round lists only the people held in that unit now", async () => {
    const detail = (await as(registrar).get(`/api/v1/institutions/${pilot1}`)).json();
    const units = (
      detail.units as {
        id: string;
        cells: { id: string; cellType: string; occupants: number; certifiedCapacity: number }[];
      }[]
    )
      .map((u) => ({
        id: u.id,
        cell: u.cells.find((c) => c.cellType === 'ordinary' && c.occupants < c.certifiedCapacity),
      }))
      .filter((u) => u.cell);
    const [east, west] = units;
    if (!east?.cell || !west?.cell) throw new Error('the demo institution needs two units with room');
    const inEast = await admitNew('Eastwing');
    const inWest = await admitNew('Westwing');
    for (const [person, cell] of [
      [inEast, east.cell.id],
      [inWest, west.cell.id],
    ])
      expect(
        await as(registrar).post(`/api/v1/persons/${person}/events`, {
          type: 'placement',
          occurredAt: hoursBefore(1),
          cellId: cell,
        }),
      ).toHaveStatus(201);
    const eastId = await prescribe(inEast, order('rhze'));
    const westId = await prescribe(inWest, order('rhze'));
    const ids = async (query: string) =>
      (
        await as(nurse).get(
          `/api/v1/medication/round?institutionId=${pilot1}&date=2026-11-28&round=morning${query}`,
        )
      )
        .json()
        .rows.map((r: { prescriptionId: string }) => r.prescriptionId);
    const eastRound = await ids(`&unitId=${east.id}`);
    expect(eastRound).toContain(eastId);
    expect(eastRound).not.toContain(westId);
    const whole = await ids('');
    expect(whole).toEqual(expect.arrayContaining([eastId, westId]));
  });

  it('an Idempotency-Key makes a retried dose record one record', async () => {
    const person = await admitNew('Retried');
    const id = await prescribe(person, order('rhze'));
    const headers = { 'idempotency-key': 'retry-0001-abcdef' };
    const body = { dueAt: TODAY_0800, outcome: 'given', mouthCheck: true };
    const a = await as(nurse).post(`/api/v1/medication/prescriptions/${id}/administrations`, body, headers);
    const b = await as(nurse).post(`/api/v1/medication/prescriptions/${id}/administrations`, body, headers);
    expect(a).toHaveStatus(201);
    expect(b).toHaveStatus(201);
    expect(b.json().id).toBe(a.json().id);
  });

  it('bad input: refused without a note, not given without a reason, a future due time, a negative dose — nothing written', async () => {
    const person = await admitNew('Badinput');
    const id = await prescribe(person, order('rhze'));
    const url = `/api/v1/medication/prescriptions/${id}/administrations`;
    await refusedWithNothingWritten(
      () => as(nurse).post(url, { dueAt: TODAY_0800, outcome: 'not_given', reason: 'refused' }),
      'note_required',
    );
    await refusedWithNothingWritten(
      () => as(nurse).post(url, { dueAt: TODAY_0800, outcome: 'not_given' }),
      'reason_required',
    );
    await refusedWithNothingWritten(
      () => as(nurse).post(url, { dueAt: '2026-11-29T04:00:00.000Z', outcome: 'given', mouthCheck: true }),
      'not_yet_due',
    );
    await refusedWithNothingWritten(
      () => as(nurse).post(url, { dueAt: '2026-11-28T05:00:00.000Z', outcome: 'given', mouthCheck: true }),
      'not_a_due_time',
    );
    await refusedWithNothingWritten(
      () => as(nurse).post(url, { dueAt: TODAY_0800, outcome: 'given', mouthCheck: false }),
      'mouth_check_required',
    );
    const before = await count('medication_administration');
    const negative = await as(nurse).post(url, {
      dueAt: TODAY_0800,
      outcome: 'given_partial',
      doseGiven: -2,
      mouthCheck: true,
    });
    expect(negative).toHaveStatus(400);
    expect(negative.json().code).toBe('validation_failed');
    const text = await as(nurse).post(url, {
      dueAt: TODAY_0800,
      outcome: 'given_partial',
      doseGiven: 'two',
      mouthCheck: true,
    });
    expect(text).toHaveStatus(400);
    expect(await count('medication_administration')).toBe(before);
    // A refusal with its counselling note is recorded.
    expect(
      await as(nurse).post(url, {
        dueAt: TODAY_0800,
        outcome: 'not_given',
        reason: 'refused',
        note: 'Counselled on TB',
      }),
    ).toHaveStatus(201);
  });

  it('a stopped or a future prescription takes no dose; pause and stop are new versions with their reasons', async () => {
    const person = await admitNew('Stopped');
    const id = await prescribe(person, order('rhze', { startAt: hoursBefore(30) }));
    const stop = await as(doctor).post(`/api/v1/medication/prescriptions/${id}/status`, {
      action: 'stop',
      reason: 'Treatment changed after culture result',
      version: 1,
    });
    expect(stop).toHaveStatus(201);
    expect(stop.json().version).toBe(2);
    const stale = await as(doctor).post(`/api/v1/medication/prescriptions/${id}/status`, {
      action: 'pause',
      reason: 'again',
      version: 1,
    });
    expect(stale).toHaveStatus(409);
    const other = await admitNew('Future');
    const future = await prescribe(other, order('rhze', { startAt: '2026-11-30T00:00:00.000Z' }));
    await refusedWithNothingWritten(
      () =>
        as(nurse).post(`/api/v1/medication/prescriptions/${future}/administrations`, {
          dueAt: TODAY_0800,
          outcome: 'given',
          mouthCheck: true,
        }),
      'before_start',
    );
    // Pause then record: refused as paused.
    const paused = await prescribe(
      other,
      order('metformin', { doseUnit: 'mg', dose: 500, startAt: hoursBefore(30) }),
    );
    expect(
      await as(doctor).post(`/api/v1/medication/prescriptions/${paused}/status`, {
        action: 'pause',
        reason: 'Fasting for a procedure',
        version: 1,
      }),
    ).toHaveStatus(201);
    // At 18:30 in Baku the evening dose is due, but neither prescription gives it any more.
    t.clock.set('2026-11-28T14:30:00.000Z');
    try {
      const evening = await signIn(t.app, 'demo.nurse');
      for (const [prescription, code] of [
        [id, 'prescription_stopped'],
        [paused, 'prescription_paused'],
      ] as const) {
        await refusedWithNothingWritten(
          () =>
            as(evening).post(`/api/v1/medication/prescriptions/${prescription}/administrations`, {
              dueAt: TODAY_1800,
              outcome: 'given',
              mouthCheck: true,
            }),
          code,
        );
      }
    } finally {
      t.clock.set(NOW);
      // The clinical idle timeout ended the morning sessions while the clock was ahead.
      doctor = await signIn(t.app, 'demo.doctor');
      nurse = await signIn(t.app, 'demo.nurse');
      officer = await signIn(t.app, 'demo.officer');
    }
    const list = (await as(doctor).get(`/api/v1/persons/${person}/medication`)).json();
    expect(list.prescriptions[0]).toMatchObject({
      status: 'stopped',
      statusReason: 'Treatment changed after culture result',
      action: 'stop',
    });
  });

  it('a revision is a new version with the new dose; the history keeps the first; a stale version is refused', async () => {
    const person = await admitNew('Revised');
    const id = await prescribe(person, order('rhze', { dose: 3 }));
    const revision = {
      ...order('rhze', { dose: 4, frequency: 'once_daily' }),
      drugId: undefined,
      version: 1,
      reason: 'Weight gained: dose band changed',
    };
    const revised = await as(doctor).post(`/api/v1/medication/prescriptions/${id}/revisions`, revision);
    expect(revised).toHaveStatus(201);
    expect(revised.json()).toEqual({ id, version: 2 });
    const before = await count('medication_prescription');
    expect(await as(doctor).post(`/api/v1/medication/prescriptions/${id}/revisions`, revision)).toHaveStatus(
      409,
    );
    expect(await count('medication_prescription')).toBe(before);
    expect(
      await as(nurse).post(`/api/v1/medication/prescriptions/${id}/revisions`, { ...revision, version: 2 }),
    ).toHaveStatus(403);
    const list = (await as(doctor).get(`/api/v1/persons/${person}/medication`)).json();
    expect(list.prescriptions[0]).toMatchObject({
      id,
      version: 2,
      action: 'revise',
      dose: 4,
      frequencyPerDay: 1,
      statusReason: 'Weight gained: dose band changed',
    });
    expect(
      list.history.map((p: { id: string; version: number; dose: number }) => [p.id, p.version, p.dose]),
    ).toEqual([[id, 1, 3]]);
  });

  it('PRN: inside the minimum interval or above the daily maximum is refused, nothing written', async () => {
    const person = await admitNew('Prnpain');
    const id = await prescribe(
      person,
      order('paracetamol', {
        dose: 1000,
        doseUnit: 'mg',
        frequency: 'prn',
        prnCondition: 'Pain',
        prnMinIntervalHours: 4,
        prnMaxPerDay: 2,
        indication: 'Back pain',
      }),
    );
    const url = `/api/v1/medication/prescriptions/${id}/administrations`;
    const dose = (givenAt: string) => ({ outcome: 'given', mouthCheck: true, givenAt });
    expect(await as(nurse).post(url, dose(hoursBefore(10)))).toHaveStatus(201);
    await refusedWithNothingWritten(() => as(nurse).post(url, dose(hoursBefore(8))), 'prn_min_interval');
    expect(await as(nurse).post(url, dose(hoursBefore(5)))).toHaveStatus(201);
    await refusedWithNothingWritten(() => as(nurse).post(url, dose(NOW)), 'prn_max_per_day');
    await refusedWithNothingWritten(
      () => as(nurse).post(url, { ...dose(NOW), dueAt: TODAY_0800 }),
      'prn_has_no_due_time',
    );
  });

  it('MED-3: the officer sees that the person must attend the dose round, never the drug; the nurse sees the doses due', async () => {
    const person = await admitNew('Attendee');
    await prescribe(person, order('rhze', { indication: 'Pulmonary TB' }));
    const worklist = await as(officer).get('/api/v1/worklist');
    expect(worklist).toHaveStatus(200);
    const lines = worklist.json().items.filter((i: { module: string }) => i.module === 'medication');
    const line = lines.find((i: { subjectId: string }) => i.subjectId === person);
    expect(line).toMatchObject({ kind: 'attend_dose_round', dueAt: TODAY_1800 });
    expect(line.label).toContain('18:00');
    const text = JSON.stringify(lines);
    for (const word of ['Rifampicin', 'isoniazid', 'TB', 'tablet', 'Methadone', 'metformin'])
      expect(text.toLowerCase()).not.toContain(word.toLowerCase());
    expect(lines.every((i: { kind: string }) => i.kind === 'attend_dose_round')).toBe(true);
    const nurseList = await allWorklistItems(nurse);
    expect(
      nurseList.some(
        (i: { module: string; kind: string; subjectId: string }) =>
          i.module === 'medication' && i.kind === 'dose_overdue' && i.subjectId === person,
      ),
    ).toBe(true);
  });

  it('MDX-3: a dose not available puts the drug on the pharmacist’s worklist; regime lockdown is kept as its own cause', async () => {
    const person = await admitNew('Stockout');
    const id = await prescribe(person, order('ethambutol', { dose: 2 }));
    const url = `/api/v1/medication/prescriptions/${id}/administrations`;
    expect(
      await as(nurse).post(url, { dueAt: TODAY_0800, outcome: 'not_given', reason: 'not_available_stock' }),
    ).toHaveStatus(201);
    const pharmacist = await signIn(t.app, 'demo.pharmacist');
    const items = await allWorklistItems(pharmacist);
    // ADR 0040: the line is now the pharmacy's stock task (pharmacy/pharmacy.test.ts).
    const line = items.find(
      (i: { kind: string; label: string }) =>
        i.kind === 'stock_task' && i.label.startsWith('Ethambutol 400 mg'),
    );
    expect(line).toMatchObject({ module: 'medication', severity: 'overdue' });
    expect(line.label).toMatch(/^Ethambutol 400 mg · \d+$/);
    // The pharmacist reads medication but gives none, and prescribes none.
    expect(
      await as(pharmacist).post(url, { dueAt: TODAY_1800, outcome: 'given', mouthCheck: true }),
    ).toHaveStatus(403);
    const lockdown = await admitNew('Lockdown');
    const other = await prescribe(lockdown, order('ethambutol', { dose: 2 }));
    expect(
      await as(nurse).post(`/api/v1/medication/prescriptions/${other}/administrations`, {
        dueAt: TODAY_0800,
        outcome: 'not_given',
        reason: 'regime_lockdown',
      }),
    ).toHaveStatus(201);
    const history = (await as(doctor).get(`/api/v1/persons/${lockdown}/medication/administrations`)).json();
    expect(history.items[0]).toMatchObject({ outcome: 'not_given', reason: 'regime_lockdown' });
  });

  it('issue 15 item 5: two supervised TB doses missed in a row put the person on the prescriber’s worklist', async () => {
    const missing = await admitNew('Missedtwice');
    const adherent = await admitNew('Adherent');
    const start = { startAt: hoursBefore(60), frequency: 'once_daily' };
    const a = await prescribe(missing, order('rhze', start));
    const b = await prescribe(adherent, order('rhze', start));
    const yesterday = '2026-11-27T04:00:00.000Z';
    // The first: 26 November never recorded (missed), 27 November refused; today's dose is only late.
    expect(
      await as(nurse).post(`/api/v1/medication/prescriptions/${a}/administrations`, {
        dueAt: yesterday,
        outcome: 'not_given',
        reason: 'refused',
        note: 'Refused; counselled',
      }),
    ).toHaveStatus(201);
    // The second was given yesterday: no run of missed doses.
    expect(
      await as(nurse).post(`/api/v1/medication/prescriptions/${b}/administrations`, {
        dueAt: yesterday,
        outcome: 'given',
        mouthCheck: true,
      }),
    ).toHaveStatus(201);
    const items = await allWorklistItems(doctor);
    const missed = items.filter((i: { kind: string }) => i.kind === 'programme_doses_missed');
    const line = missed.find((i: { subjectId: string }) => i.subjectId === missing);
    expect(line).toMatchObject({ module: 'medication', severity: 'overdue' });
    expect(line.label).toMatch(/ · 2$/);
    expect(missed.some((i: { subjectId: string }) => i.subjectId === adherent)).toBe(false);
    // ADR 0046: the programme's nurse gets the line too (rounds.test.ts).
    const nurseItems = await allWorklistItems(nurse);
    expect(nurseItems.some((i: { kind: string }) => i.kind === 'programme_doses_missed')).toBe(true);
  });

  it('the demo seed leaves today’s round due and a week of recorded rounds', async () => {
    const round = await as(nurse).get(`/api/v1/medication/round?institutionId=${pilot1}&round=morning`);
    expect(round.json().rows.length).toBeGreaterThan(5);
    const yesterday = await as(nurse).get(
      `/api/v1/medication/round?institutionId=${pilot1}&date=2026-11-27&round=morning`,
    );
    const states: string[] = yesterday.json().rows.map((r: { state: string }) => r.state);
    expect(states.filter((s) => s === 'recorded').length).toBeGreaterThan(5);
  });
});
