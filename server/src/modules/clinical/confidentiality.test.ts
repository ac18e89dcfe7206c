import { completeScreening, DOCUMENT_MAX_BYTES, type ScreeningForm } from '@custodia/domain';
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
import { pdfText } from '../../test/pdf-text.ts';

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
  let manager: Session;
  let officer: Session;
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
    manager = await signIn(t.app, 'demo.health-manager');
    officer = await signIn(t.app, 'demo.officer');
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
  async function registerRequest(personId: string, session = doctor) {
    const res = await call(session, 'POST', `/api/v1/persons/${personId}/access-requests`, {
      receivedAt: '2026-11-28T08:00:00.000Z',
      thirdParty: 'Lawyer Aynur Quliyeva',
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }

  it('MED-2: a health manager, who may not read restricted items, cannot make the copy (403, nothing written)', async () => {
    const id = await admitNew('Qasımov');
    await call(doctor, 'POST', `/api/v1/persons/${id}/problems`, { code: 'B24', restricted: true });
    // The health manager registers the request; making the copy is for one who may read all of it.
    const requestId = await registerRequest(id, manager);
    const before = await t.services.database.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'clinical.access_request.fulfil')
      .executeTakeFirstOrThrow();
    const refused = await call(manager, 'POST', `/api/v1/access-requests/${requestId}/fulfil?language=en`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('file_copy_needs_restricted_reader');
    expect(refused.headers['content-type']).not.toContain('pdf');
    const list = (await call(manager, 'GET', `/api/v1/persons/${id}/access-requests`)).json().items;
    expect(list).toEqual([expect.objectContaining({ id: requestId, fulfilledAt: null })]);
    const after = await t.services.database.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'clinical.access_request.fulfil')
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    // The doctor, who may, makes it.
    const copy = await call(doctor, 'POST', `/api/v1/access-requests/${requestId}/fulfil?language=en`);
    expect(copy.statusCode, copy.body.slice(0, 200)).toBe(200);
    expect(pdfText(copy.rawPayload)).toContain('B24');
  });

  it('MED-2: the copy is the whole file, read back out of the PDF; entered in error left out, resolved marked', async () => {
    const id = await admitNew('Məlikov');
    const post = async (session: Session, url: string, body: unknown) => {
      const res = await call(session, 'POST', url, body);
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    };
    // Problems: a restricted one, a resolved one, one entered in error.
    await post(doctor, `/api/v1/persons/${id}/problems`, {
      code: 'B24',
      restricted: true,
      note: 'Known since 2019',
    });
    const ht = await post(nurse, `/api/v1/persons/${id}/problems`, { code: 'I10' });
    await post(nurse, `/api/v1/problems/${ht.id}/corrections`, {
      status: 'resolved',
      reason: 'Normal for 6 months',
    });
    const wrong = await post(nurse, `/api/v1/persons/${id}/problems`, { code: 'J45.9' });
    await post(nurse, `/api/v1/problems/${wrong.id}/corrections`, {
      status: 'entered_in_error',
      reason: 'Another person',
    });
    // Allergies: one current, one entered in error.
    await post(nurse, `/api/v1/persons/${id}/allergies`, {
      substance: 'Penicillin',
      category: 'medication',
      severity: 'severe',
      reaction: 'Hives',
    });
    const peanut = await post(nurse, `/api/v1/persons/${id}/allergies`, {
      substance: 'Peanuts',
      category: 'food',
      severity: 'mild',
    });
    await post(nurse, `/api/v1/allergies/${peanut.id}/corrections`, {
      status: 'entered_in_error',
      reason: 'Another person',
    });
    // Encounters: a restricted one with its amendment; one entered in error.
    await signedNote(id, true, 'Psychotherapy');
    const mistaken = await signedNote(id, false, 'Mistaken');
    await post(doctor, `/api/v1/encounters/${mistaken}/corrections`, {
      kind: 'entered_in_error',
      reason: 'Written in the wrong file',
    });
    // Vital signs (one reading entered in error), a restricted lab result, a consent, a document.
    await post(nurse, `/api/v1/persons/${id}/vitals`, { takenAt: '2026-11-28T08:10:00.000Z', pulse: 72 });
    const fever = await post(nurse, `/api/v1/persons/${id}/vitals`, {
      takenAt: '2026-11-28T08:20:00.000Z',
      temperature: 39.9,
    });
    await post(nurse, `/api/v1/observations/${fever.ids[0]}/corrections`, {
      status: 'entered_in_error',
      reason: 'Thermometer of another patient',
    });
    await post(doctor, `/api/v1/persons/${id}/lab-results`, {
      test: 'hiv_rapid',
      effectiveAt: '2026-11-28T08:15:00.000Z',
      valueCode: 'reactive',
      restricted: true,
    });
    await post(nurse, `/api/v1/persons/${id}/consents`, {
      topic: 'HIV test',
      decision: 'consented',
      informationGiven: 'Purpose, meaning of the result and confidentiality explained',
      signature: 'signed',
      recordedAt: '2026-11-28T08:12:00.000Z',
    });
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/v1/persons/${id}/documents?type=referral_letter&title=Letter%20from%20the%20city%20hospital&restricted=true`,
      headers: { ...doctor.headers, 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.4\n% letter\n%%EOF\n'),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    // The admission screening with an injury on the body chart.
    await signedScreening(
      id,
      completeScreening({
        vitals: { weight: 81, pulse: 70 },
        injuries: {
          status: 'assessed',
          noInjuriesSeen: false,
          items: [
            {
              side: 'front',
              region: 'arm_left',
              x: 0.2,
              y: 0.45,
              description: 'Bruise 3 cm on the forearm',
              personsAccount: 'Fell in the police van',
              consistency: 'consistent',
            },
          ],
          illTreatment: 'alleged',
          illTreatmentAccount: 'Hit at the police station',
        },
      }),
      false,
    );

    const copy = await call(
      doctor,
      'POST',
      `/api/v1/access-requests/${await registerRequest(id)}/fulfil?language=en`,
    );
    expect(copy.statusCode, copy.body.slice(0, 200)).toBe(200);
    const text = pdfText(copy.rawPayload);
    // Who and when: made at 09:00 UTC, shown in the institution's time (Baku, +4).
    expect(text).toContain('Copy of the medical file');
    expect(text).toContain('For: Lawyer Aynur Quliyeva');
    expect(text).toContain('Made: 2026-11-28 13:00');
    // The platform's footer on every page: made when (to the second, in that time zone) and by whom.
    expect(text).toMatch(/Generated 2026-11-28 13:00:00 \(Asia\/Baku\), by \S+/);
    expect(text).toMatch(/Page 1 of \d+/);
    // Problems: restricted included, resolved marked, entered in error left out.
    expect(text).toContain('B24');
    expect(text).toContain('Known since 2019');
    expect(text).toMatch(/I10 .* Resolved 2026-11-28: Normal for 6 months/);
    expect(text).not.toContain('J45.9');
    expect(text).toContain('Penicillin');
    expect(text).not.toContain('Peanuts');
    // Encounters with their amendments; the mistaken one left out with its amendment.
    expect(text).toContain('Psychotherapy body');
    expect(text).toContain('Psychotherapy amendment reason');
    expect(text).toContain('Psychotherapy amendment text');
    expect(text).not.toContain('Mistaken');
    // Vital signs, lab results, consents, documents.
    expect(text).toMatch(/Vital signs .*2026-11-28 12:10 Pulse: 72/);
    expect(text).not.toContain('39.9');
    expect(text).toMatch(/Laboratory results .*HIV rapid test: Reactive/);
    expect(text).toContain('HIV test — Consented');
    expect(text).toContain('Purpose, meaning of the result and confidentiality explained');
    expect(text).toContain('Letter from the city hospital');
    // The screening, with the injury record and body chart as text.
    expect(text).toContain('Admission screenings');
    expect(text).toMatch(/Injury 1: Front — Left arm \(position on the chart: 20%, 45%\)/);
    expect(text).toContain('Bruise 3 cm on the forearm');
    expect(text).toContain('Fell in the police van');
    expect(text).toContain('Hit at the police station');
    // Its readings and its allergy answer (issue 14 item 8).
    expect(text).toMatch(/Weight, height and vital signs: Weight 81 kg, Pulse 70 beats\/min/);
    expect(text).toContain('Allergies: No known allergies');
  });
  it('MED-9: every clinical response says Cache-Control: no-store, refusals too; a custodial one is unaffected', async () => {
    const id = await admitNew('Bağırov');
    const responses = [
      await call(nurse, 'GET', `/api/v1/persons/${id}/chart`),
      await call(nurse, 'GET', `/api/v1/persons/${id}/encounters`),
      await call(nurse, 'GET', `/api/v1/persons/${id}/observations?category=vital-signs`),
      await call(nurse, 'POST', `/api/v1/persons/${id}/problems`, { code: 'I10' }),
      await call(nurse, 'GET', '/api/v1/terminology?q=I10'),
      await call(nurse, 'GET', `/fhir/R4/Condition?patient=${id}`),
      await call(officer, 'GET', `/api/v1/persons/${id}/health-alerts`),
      // Refusals: no permission, and a person who does not exist.
      await call(officer, 'GET', `/api/v1/persons/${id}/chart`),
      await call(nurse, 'GET', '/api/v1/persons/no-such-person/chart'),
    ];
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 201, 200, 200, 200, 403, 404]);
    for (const res of responses) expect(res.headers['cache-control'], res.body.slice(0, 80)).toBe('no-store');
    // A route that sets its own no-store keeps it.
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/v1/persons/${id}/documents?type=other&title=Letter`,
      headers: { ...doctor.headers, 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.4\n% letter\n%%EOF\n'),
    });
    const content = await call(doctor, 'GET', `/api/v1/documents/${upload.json().id}/content`);
    expect(content.headers['cache-control']).toBe('private, no-store');
    // Custodial data (the person's identity) is not health data: its caching is left as it was.
    const person = await call(registrar, 'GET', `/api/v1/persons/${id}`);
    expect(person.statusCode).toBe(200);
    expect(person.headers['cache-control']).toBeUndefined();
  });
  it('caps: a document over 10 MB is refused in words and not stored; an indicator period is at most a year', async () => {
    const id = await admitNew('Cəfərov');
    const big = Buffer.alloc(DOCUMENT_MAX_BYTES + 1, 0x20);
    big.write('%PDF-1.4\n');
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/v1/persons/${id}/documents?type=imaging&title=Scan`,
      headers: { ...doctor.headers, 'content-type': 'application/pdf' },
      payload: big,
    });
    expect(upload.statusCode).toBe(413);
    expect(upload.json()).toMatchObject({ code: 'document_too_large' });
    expect(upload.json().detail).toContain('10 MB');
    expect((await call(doctor, 'GET', `/api/v1/persons/${id}/documents`)).json().items).toEqual([]);

    const rate = (from: string, to: string) =>
      call(manager, 'GET', `/api/v1/statistics/screening?from=${from}&to=${to}`);
    const long = await rate('2025-01-01', '2026-11-28');
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({ code: 'period_too_long' });
    expect(long.json().detail).toContain('366 days');
    const reversed = await rate('2026-11-28', '2026-11-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json()).toMatchObject({ code: 'period_reversed' });
    const year = await rate('2025-11-28', '2026-11-28');
    expect(year.statusCode, year.body).toBe(200);
  });
});
