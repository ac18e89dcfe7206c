import { completeScreening } from '@custodia/domain';
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

const skip = postgresUnavailableReason();
const NOW = '2026-11-28T09:00:00.000Z';

/**
 * Issue 14 item 5: signing is a decision. An empty note is refused with nothing written; the notes
 * awaiting their author's signature and the screenings awaiting a doctor's countersignature are on
 * the doctor's worklist.
 */
describe.skipIf(skip)('signing an encounter', () => {
  let t: TestApp;
  let registrar: Session;
  let nurse: Session;
  let doctor: Session;
  let pilot1: string;

  async function admitNew(surnameLatin: string) {
    const res = await as(registrar).post('/api/v1/persons', {
      person: personBody({ surnameLatin, givenNameLatin: 'Test', birthDate: '1987-05-06' }),
      admission: admissionBody(pilot1, '2026-11-28T08:00:00.000Z'),
      confirmedNotDuplicate: true,
    });
    expect(res).toHaveStatus(201);
    return res.json().id as string;
  }

  const auditOf = (resourceId: string) =>
    t.services.database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome', 'details'])
      .where('resource_id', '=', resourceId)
      .orderBy('seq')
      .execute();
  const worklist = async (session: Session) =>
    (await allWorklistItems(session)) as {
      kind: string;
      subjectId: string;
      label: string;
    }[];

  beforeAll(async () => {
    t = await buildTestApp({ now: NOW });
    t.clock.set(new Date());
    await seedTestDemo(t);
    t.clock.set(NOW);
    registrar = await signInAs(t.app, 'registry_officer');
    nurse = await signInAs(t.app, 'nurse');
    doctor = await signInAs(t.app, 'doctor');
    const institutions = (await as(registrar).get('/api/v1/institutions')).json().items;
    pilot1 = institutions.find((i: { code: string }) => i.code === 'PILOT-1').id;
  });
  afterAll(async () => t?.close());

  it('the demo gives demo.doctor a note to sign and a screening to countersign on first sign-in', async () => {
    const items = await worklist(doctor);
    const note = items.find((i) => i.kind === 'encounter_signature');
    expect(note).toBeDefined();
    expect(items.some((i) => i.kind === 'screening_countersignature')).toBe(true);
    // The note has something written: it can be signed as it is.
    const encounter = (await as(doctor).get(`/api/v1/encounters/${note?.subjectId}`)).json();
    expect(encounter).toMatchObject({ status: 'draft', type: 'routine' });
    expect(encounter.content.subjective).toMatch(/\S/);
  });

  it('X-2: refuses to sign an empty note (encounter_note_empty, 400): nothing is written, no signature is audited; the draft waits on the author’s worklist until it is signed', async () => {
    const personId = await admitNew('Boşqeydov');
    const content = {
      type: 'routine',
      startedAt: '2026-11-28T08:30:00.000Z',
      personsPresent: [{ kind: 'clinician', name: 'Dr Demo', sex: 'male' }],
      subjective: '   ',
    };
    const created = await as(doctor).post(`/api/v1/persons/${personId}/encounters`, content);
    expect(created).toHaveStatus(201);
    const id = created.json().id as string;

    // On the author's worklist, labelled with the person, leading to the encounter.
    const before = await worklist(doctor);
    expect(before).toContainEqual(
      expect.objectContaining({
        kind: 'encounter_signature',
        subjectId: id,
        label: expect.stringContaining('Boşqeydov'),
      }),
    );
    // Nobody else's draft is on the nurse's worklist.
    expect((await worklist(nurse)).some((i) => i.subjectId === id)).toBe(false);

    const auditBefore = await auditOf(id);
    const refused = await as(doctor).post(`/api/v1/encounters/${id}/sign`, { version: 1 });
    expect(refused).toHaveStatus(400);
    expect(refused.json().code).toBe('encounter_note_empty');
    // the refused attempt is on record as denied; no signature (allowed) record was written.
    const auditAfter = await auditOf(id);
    expect(auditAfter.slice(0, auditBefore.length)).toEqual(auditBefore);
    const added = auditAfter.slice(auditBefore.length);
    expect(added.filter((a) => a.outcome === 'allowed')).toEqual([]);
    expect(
      added.every((a) => a.outcome === 'denied' && String(a.details).includes('encounter_note_empty')),
    ).toBe(true);
    const after = (await as(doctor).get(`/api/v1/encounters/${id}`)).json();
    expect(after).toMatchObject({ status: 'draft', version: 1, signedAt: null, contentHash: null });
    expect((await worklist(doctor)).some((i) => i.subjectId === id)).toBe(true);

    // With a note written, it signs, and leaves the worklist.
    expect(
      await as(doctor).put(`/api/v1/encounters/${id}`, {
        ...content,
        subjective: 'Headache; no fever.',
        version: 1,
      }),
    ).toHaveStatus(200);
    expect(await as(doctor).post(`/api/v1/encounters/${id}/sign`, { version: 2 })).toHaveStatus(200);
    expect((await worklist(doctor)).some((i) => i.subjectId === id)).toBe(false);
  });

  it('ADM-1: a completed screening awaits the doctor’s countersignature on the doctor’s worklist, not the nurse’s', async () => {
    const personId = await admitNew('İmzasızov');
    const tasks = (await as(nurse).get(`/api/v1/clinical-tasks?institutionId=${pilot1}`)).json().items as {
      id: string;
      kind: string;
      personId: string;
    }[];
    const task = tasks.find((x) => x.personId === personId && x.kind === 'admission_screening');
    const started = (await as(nurse).post(`/api/v1/clinical-tasks/${task?.id}/screening`)).json();
    const encounter = (await as(nurse).get(`/api/v1/encounters/${started.encounterId}`)).json();
    const saved = await as(nurse).put(`/api/v1/encounters/${started.encounterId}`, {
      ...encounter.content,
      version: encounter.version,
      structured: completeScreening(),
    });
    expect(saved).toHaveStatus(200);
    const completed = await as(nurse).post(`/api/v1/encounters/${started.encounterId}/complete-screening`, {
      version: saved.json().version,
    });
    expect(completed).toHaveStatus(200);

    const item = (await worklist(doctor)).find(
      (i) => i.kind === 'screening_countersignature' && i.label.includes('İmzasızov'),
    );
    expect(item).toBeDefined();
    expect((await worklist(nurse)).some((i) => i.kind === 'screening_countersignature')).toBe(false);
    // The item leads to the task, whose screening the doctor signs (a screening is signed on its answers).
    const doctorsTasks = (await as(doctor).get(`/api/v1/clinical-tasks?institutionId=${pilot1}`)).json()
      .items;
    expect(doctorsTasks.find((x: { id: string }) => x.id === item?.subjectId)?.encounterId).toBe(
      started.encounterId,
    );
    expect(
      await as(doctor).post(`/api/v1/encounters/${started.encounterId}/sign`, {
        version: completed.json().version,
      }),
    ).toHaveStatus(200);
    expect((await worklist(doctor)).some((i) => i.subjectId === item?.subjectId)).toBe(false);
  });
});
