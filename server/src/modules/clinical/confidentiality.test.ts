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

/**
 * Restricted items (PRODUCT.md, "restricted clinical"), the copy of one's file (MED-2) and what every
 * clinical response tells caches, through the real HTTP stack. The nurse and the feldsher are
 * clinicians who may not read restricted items; the doctor may.
 */
describe.skipIf(skip)('clinical confidentiality', () => {
  let t: TestApp;
  let registrar: Session;
  let nurse: Session;
  let feldsher: Session;
  let doctor: Session;
  let pilot1: string;

  const call = (session: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: session.headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  async function admitNew(surnameLatin: string, at = '2026-11-28T08:00:00.000Z') {
    const res = await call(registrar, 'POST', '/api/v1/persons', {
      person: personBody({ surnameLatin, givenNameLatin: 'Tural', birthDate: '1988-03-03' }),
      admission: admissionBody(pilot1, at),
      confirmedNotDuplicate: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }

  /** A signed note by the doctor, restricted or not, amended once by the doctor. */
  async function signedNote(personId: string, restricted: boolean, words: string) {
    const content = {
      type: 'routine',
      startedAt: '2026-11-28T08:30:00.000Z',
      personsPresent: [{ kind: 'clinician', name: 'Dr Leyla Həsənova', sex: 'female' }],
      subjective: `${words} body`,
      restricted,
    };
    const created = await call(doctor, 'POST', `/api/v1/persons/${personId}/encounters`, content);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const signed = await call(doctor, 'POST', `/api/v1/encounters/${id}/sign`, { version: 1 });
    expect(signed.statusCode, signed.body).toBe(200);
    const amended = await call(doctor, 'POST', `/api/v1/encounters/${id}/corrections`, {
      kind: 'amendment',
      reason: `${words} amendment reason`,
      text: `${words} amendment text`,
    });
    expect(amended.statusCode, amended.body).toBe(201);
    return id;
  }

  /** The nurse opens the admission screening of a person, fills it and completes it; the doctor signs. */
  async function signedScreening(personId: string, form: ScreeningForm, restricted: boolean) {
    const chart = (await call(nurse, 'GET', `/api/v1/persons/${personId}/chart`)).json();
    const task = chart.tasks.find((x: { kind: string }) => x.kind === 'admission_screening');
    const started = (await call(nurse, 'POST', `/api/v1/clinical-tasks/${task.id}/screening`)).json();
    const encounterId = started.encounterId as string;
    const encounter = (await call(nurse, 'GET', `/api/v1/encounters/${encounterId}`)).json();
    const saved = await call(nurse, 'PUT', `/api/v1/encounters/${encounterId}`, {
      ...encounter.content,
      restricted,
      version: encounter.version,
      structured: form,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const completed = await call(nurse, 'POST', `/api/v1/encounters/${encounterId}/complete-screening`, {
      version: saved.json().version,
    });
    expect(completed.statusCode, completed.body).toBe(200);
    const signed = await call(doctor, 'POST', `/api/v1/encounters/${encounterId}/sign`, {
      version: completed.json().version,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    return encounterId;
  }

  beforeAll(async () => {
    t = await buildTestApp({ now: NOW });
    t.clock.set(new Date());
    await seedTestDemo(t);
    t.clock.set(NOW);
    registrar = await signIn(t.app, 'demo.registry-officer');
    nurse = await signIn(t.app, 'demo.nurse');
    feldsher = await signIn(t.app, 'demo.feldsher');
    doctor = await signIn(t.app, 'demo.doctor');
    const institutions = (await call(registrar, 'GET', '/api/v1/institutions')).json().items;
    pilot1 = institutions.find((i: { code: string }) => i.code === 'PILOT-1').id;
  });
  afterAll(async () => t?.close());

  it('restricted clinical (PRODUCT.md): an amendment takes the restriction of what it amends — chart, list and encounter', async () => {
    const id = await admitNew('Hüseynov');
    const secret = await signedNote(id, true, 'Psychotherapy');
    const open = await signedNote(id, false, 'Headache');

    for (const url of [
      `/api/v1/persons/${id}/chart`,
      `/api/v1/persons/${id}/encounters`,
      `/api/v1/encounters/${secret}`,
    ]) {
      const res = await call(nurse, 'GET', url);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.body, url).not.toContain('Psychotherapy');
    }
    const asNurse = (await call(nurse, 'GET', `/api/v1/encounters/${secret}`)).json();
    expect(asNurse).toMatchObject({ hidden: true, content: null, corrections: [] });
    // The unrestricted note keeps its amendment for everyone.
    const other = (await call(nurse, 'GET', `/api/v1/encounters/${open}`)).json();
    expect(other.corrections).toEqual([expect.objectContaining({ text: 'Headache amendment text' })]);
    // The doctor, who may read restricted items, sees the amendment.
    const asDoctor = (await call(doctor, 'GET', `/api/v1/encounters/${secret}`)).json();
    expect(asDoctor.corrections).toEqual([
      expect.objectContaining({
        reason: 'Psychotherapy amendment reason',
        text: 'Psychotherapy amendment text',
      }),
    ]);
    // One who may not read the note may not amend it either; nothing is written.
    const blind = await call(nurse, 'POST', `/api/v1/encounters/${secret}/corrections`, {
      kind: 'amendment',
      reason: 'Amending what I cannot read',
      text: 'Blind amendment',
    });
    expect(blind.statusCode).toBe(404);
    expect((await call(doctor, 'GET', `/api/v1/encounters/${secret}`)).json().corrections).toHaveLength(1);
  });

  it('restricted clinical (PRODUCT.md): the FHIR Observation search leaves out the findings of a restricted screening', async () => {
    const open = await admitNew('Abbasov');
    const openScreening = await signedScreening(open, completeScreening(), false);
    const id = await admitNew('Nəsirov');
    const secret = await signedScreening(id, completeScreening(), true);
    const search = async (session: Session, personId: string) => {
      const res = await call(session, 'GET', `/fhir/R4/Observation?patient=${personId}`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().entry as { resource: { id: string } }[]).map((e) => e.resource.id);
    };
    expect(await search(feldsher, open)).toContain(`${openScreening}-tb-symptom-screen`);
    expect(await search(feldsher, id)).toEqual([]);
    expect(await search(doctor, id)).toContain(`${secret}-tb-symptom-screen`);
    // Read by id, the same finding is not found for the feldsher.
    const byId = await call(feldsher, 'GET', `/fhir/R4/Observation/${secret}-suicide-screen`);
    expect(byId.statusCode).toBe(404);
  });
});
