import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
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

describe.skipIf(skip)('requests and complaints (MED-5, RES-7, INJ-4)', () => {
  let t: TestApp;
  let officer: Session;
  let governor: Session;
  let nurse: Session;
  let doctor: Session;
  let registrar: Session;
  let social: Session;
  let inspector: Session;
  let pilot1: string;

  async function admitNew(surname: string) {
    const res = await as(registrar).post('/api/v1/persons', {
      person: personBody({ surnameLatin: surname, givenNameLatin: 'Test', birthDate: '1985-05-05' }),
      admission: admissionBody(pilot1, hoursBefore(100)),
      confirmedNotDuplicate: true,
    });
    expect(res).toHaveStatus(201);
    return res.json().id as string;
  }

  /**
   * How many rows the module's tables hold: "nothing written" compares these (a refused clinical
   * request leaves its refusal in the audit trail, X-2, so the trail is counted apart).
   */
  async function counts() {
    const db = t.services.database.db;
    const n = async (table: string) =>
      Number(
        (
          await db
            .selectFrom(table as 'complaint')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      requests: await n('health_request'),
      complaints: await n('complaint'),
      events: await n('complaint_event'),
      dispatches: await n('complaint_dispatch'),
      examinations: await n('allegation_examination'),
    };
  }

  const box = (over: Record<string, unknown> = {}) => ({
    text: 'Pain in the lower back for three days',
    urgency: 'routine',
    boxOpenedAt: hoursBefore(2),
    paperDate: '2026-12-05',
    ...over,
  });
  const complaint = (over: Record<string, unknown> = {}) => ({
    addressee: 'governor',
    category: 'conditions',
    text: 'The heating in the cell does not work',
    receivedAt: hoursBefore(1),
    ...over,
  });

  beforeAll(async () => {
    t = await buildTestApp({ now: NOW });
    await seedTestDemo(t);
    officer = await signInAs(t.app, 'custodial_officer');
    governor = await signInAs(t.app, 'governor');
    nurse = await signInAs(t.app, 'nurse');
    doctor = await signInAs(t.app, 'doctor');
    registrar = await signInAs(t.app, 'registry_officer');
    social = await signInAs(t.app, 'social_worker');
    inspector = await signInAs(t.app, 'inspector');
    const institutions = (await as(registrar).get('/api/v1/institutions')).json().items;
    pilot1 = institutions.find((i: { code: string }) => i.code === 'PILOT-1').id;
  });
  afterAll(async () => t?.close());

  it('the demo: health staff have requests to triage and an examination after an allegation; the governor complaints due', async () => {
    const kinds = async (s: Session) =>
      ((await allWorklistItems(s)) as { kind: string }[]).map((i) => i.kind);
    expect(await kinds(nurse)).toEqual(
      expect.arrayContaining(['requests_triage', 'requests_allegation_examination']),
    );
    expect(await kinds(governor)).toContain('requests_complaint_due');
    expect(await kinds(officer)).not.toContain('requests_triage');
    // MED-5: the demo's urgent kiosk request of 30 h ago is overdue (due at midnight in Baku).
    const urgent = ((
      await as(nurse).get('/api/v1/worklist?module=requests&kind=requests_triage_urgent')
    ).json().items ?? []) as { severity: string }[];
    expect(urgent.some((i) => i.severity === 'overdue')).toBe(true);
  });

  it('MED-5: a nurse enters a request from the box and triages it; custodial staff get 403 and never see it', async () => {
    const person = await admitNew('Qasımov');
    const key = { 'idempotency-key': `box-${person}` };
    const res = await as(nurse).post(`/api/v1/persons/${person}/health-requests`, box(), key);
    expect(res).toHaveStatus(201);
    const id = res.json().id as string;
    // A retry with the same Idempotency-Key records it once.
    const before = await counts();
    expect((await as(nurse).post(`/api/v1/persons/${person}/health-requests`, box(), key)).json().id).toBe(
      id,
    );
    expect(await counts()).toEqual(before);

    const read = (await as(nurse).get(`/api/v1/health-requests/${id}`)).json();
    expect(read.text).toBe('Pain in the lower back for three days');
    expect(read.receivedAt).toBe(hoursBefore(2));
    expect(read.triageDueAt).toBe(new Date(Date.parse(hoursBefore(2)) + 24 * 3_600_000).toISOString());
    expect(read.enteredBy).toBe('Demo · Nurse');
    expect(read.paperDate).toBe('2026-12-05');

    for (const s of [officer, governor, registrar, social]) {
      expect(await as(s).get(`/api/v1/health-requests/${id}`)).toHaveStatus(403);
      expect(await as(s).get(`/api/v1/health-requests?institutionId=${pilot1}`)).toHaveStatus(403);
    }
    const waiting = (
      await as(nurse).get(`/api/v1/health-requests?institutionId=${pilot1}&state=waiting`)
    ).json();
    expect(waiting.items.map((i: { id: string }) => i.id)).toContain(id);

    const triage = await as(nurse).post(`/api/v1/health-requests/${id}/triage`, {
      outcome: 'appointment_booked',
      appointmentAt: '2026-12-07T06:00:00.000Z',
      version: 1,
    });
    expect(triage).toHaveStatus(201);
    const done = (await as(nurse).get(`/api/v1/health-requests/${id}`)).json();
    expect(done.triage).toEqual(
      expect.objectContaining({ outcome: 'appointment_booked', inTime: true, by: 'Demo · Nurse' }),
    );
  });

  it('MED-5: the kiosk writes only: the officer who unlocked it gets the id back, never the content', async () => {
    const person = await admitNew('Rüstəmov');
    const res = await as(officer).post(`/api/v1/persons/${person}/kiosk-requests`, {
      text: 'I need to see the dentist',
      urgency: 'urgent',
    });
    expect(res).toHaveStatus(201);
    expect(Object.keys(res.json())).toEqual(['id']);
    expect(await as(officer).get(`/api/v1/health-requests/${res.json().id}`)).toHaveStatus(403);
    const read = (await as(nurse).get(`/api/v1/health-requests/${res.json().id}`)).json();
    expect(read.channel).toBe('kiosk');
    // MED-5: urgent the same day: midnight in Baku is 20:00 UTC.
    expect(read.triageDueAt).toBe('2026-12-06T20:00:00.000Z');
  });

  it('MED-5: bad input is refused in words and writes nothing (box in the future, no reason, triaged twice)', async () => {
    const person = await admitNew('Məlikov');
    const before = await counts();
    const future = await as(nurse).post(
      `/api/v1/persons/${person}/health-requests`,
      box({ boxOpenedAt: '2026-12-06T12:00:00.000Z' }),
    );
    expect(future).toHaveStatus(400);
    expect(future.json().errors).toEqual([
      expect.objectContaining({ path: 'body.boxOpenedAt', code: 'in_the_future' }),
    ]);
    const empty = await as(nurse).post(`/api/v1/persons/${person}/health-requests`, box({ text: '' }));
    expect(empty).toHaveStatus(400);
    expect(await counts()).toEqual(before);

    const id = (await as(nurse).post(`/api/v1/persons/${person}/health-requests`, box())).json().id;
    const mid = await counts();
    const noReason = await as(nurse).post(`/api/v1/health-requests/${id}/triage`, {
      outcome: 'no_action',
      version: 1,
    });
    expect(noReason).toHaveStatus(400);
    expect(noReason.json().errors[0].code).toBe('reason_required');
    expect(await counts()).toEqual(mid);
    expect(
      await as(nurse).post(`/api/v1/health-requests/${id}/triage`, { outcome: 'seen', version: 1 }),
    ).toHaveStatus(201);
    const twice = await as(nurse).post(`/api/v1/health-requests/${id}/triage`, {
      outcome: 'seen',
      version: 2,
    });
    expect(twice).toHaveStatus(400);
    expect(twice.json().errors[0].code).toBe('already_triaged');
  });

  it('RES-7: a complaint to the ombudsman is read by its handling role only: 403 and absent from lists for prison staff', async () => {
    const person = await admitNew('Sadıqov');
    const res = await as(registrar).post(
      `/api/v1/persons/${person}/complaints`,
      complaint({ addressee: 'ombudsman', category: 'staff_conduct', text: 'Letter to the ombudsman' }),
    );
    expect(res).toHaveStatus(201);
    const id = res.json().id as string;
    for (const s of [registrar, social, governor]) {
      expect(await as(s).get(`/api/v1/complaints/${id}`)).toHaveStatus(403);
      const list = (await as(s).get(`/api/v1/complaints?institutionId=${pilot1}&personId=${person}`)).json();
      expect(list.items).toEqual([]);
    }
    expect(await as(officer).get(`/api/v1/complaints/${id}`)).toHaveStatus(403);
    expect(await as(officer).get(`/api/v1/complaints?institutionId=${pilot1}`)).toHaveStatus(403);
    const read = await as(inspector).get(`/api/v1/complaints/${id}`);
    expect(read).toHaveStatus(200);
    expect(read.json()).toEqual(
      expect.objectContaining({ text: 'Letter to the ombudsman', confidential: true, canHandle: true }),
    );
    // 30 calendar days from the day of receipt in Baku, due at the midnight ending the 30th day.
    expect(read.json().answerDueAt).toBe('2027-01-05T20:00:00.000Z');
  });

  it('RES-7: a complaint marked confidential to the governor: the governor reads it, registry staff do not', async () => {
    const person = await admitNew('Tağıyev');
    const id = (
      await as(social).post(`/api/v1/persons/${person}/complaints`, complaint({ confidential: true }))
    ).json().id;
    const open = (
      await as(social).post(
        `/api/v1/persons/${person}/complaints`,
        complaint({ text: 'Not enough hot water' }),
      )
    ).json().id;
    expect(await as(social).get(`/api/v1/complaints/${id}`)).toHaveStatus(403);
    expect(await as(registrar).get(`/api/v1/complaints/${id}`)).toHaveStatus(403);
    expect(await as(registrar).get(`/api/v1/complaints/${open}`)).toHaveStatus(200);
    const list = (await as(registrar).get(`/api/v1/complaints?personId=${person}`)).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([open]);
    expect(await as(governor).get(`/api/v1/complaints/${id}`)).toHaveStatus(200);
  });

  it('RES-7: the governor acknowledges, answers with its date and closes; each step recorded, the registrar cannot answer', async () => {
    const person = await admitNew('Vəliyev');
    const id = (await as(registrar).post(`/api/v1/persons/${person}/complaints`, complaint())).json().id;
    expect(
      await as(registrar).post(`/api/v1/complaints/${id}/actions`, { action: 'acknowledge', version: 1 }),
    ).toHaveStatus(403);
    expect(
      await as(governor).post(`/api/v1/complaints/${id}/actions`, { action: 'acknowledge', version: 1 }),
    ).toHaveStatus(201);
    const before = await counts();
    const noDate = await as(governor).post(`/api/v1/complaints/${id}/actions`, {
      action: 'answer',
      text: 'Repaired',
      version: 2,
    });
    expect(noDate).toHaveStatus(400);
    expect(noDate.json().errors[0].code).toBe('answer_date_required');
    expect(await counts()).toEqual(before);
    expect(
      await as(governor).post(`/api/v1/complaints/${id}/actions`, {
        action: 'answer',
        text: 'The heating was repaired today.',
        answerDate: '2026-12-06',
        version: 2,
      }),
    ).toHaveStatus(201);
    expect(
      await as(governor).post(`/api/v1/complaints/${id}/actions`, {
        action: 'close',
        text: 'Answered',
        version: 3,
      }),
    ).toHaveStatus(201);
    const read = (await as(governor).get(`/api/v1/complaints/${id}`)).json();
    expect(read.status).toBe('closed');
    expect(read.events.map((e: { action: string }) => e.action)).toEqual(['acknowledge', 'answer', 'close']);
    expect(read.events[1]).toEqual(
      expect.objectContaining({ answerDate: '2026-12-06', by: 'Demo · Governor' }),
    );
  });

  it('INJ-4: an allegation is escalated in the same transaction: the dispatch and the examination due at once for the doctor', async () => {
    const person = await admitNew('Zeynalov');
    const before = await counts();
    const refused = await as(registrar).post(
      `/api/v1/persons/${person}/complaints`,
      complaint({ category: 'ill_treatment', allegation: true }),
    );
    expect(refused).toHaveStatus(400);
    expect(refused.json().errors[0].code).toBe('dispatch_channel_required');
    expect(await counts()).toEqual(before);

    const res = await as(registrar).post(
      `/api/v1/persons/${person}/complaints`,
      complaint({
        category: 'ill_treatment',
        allegation: true,
        dispatchChannel: 'electronic',
        text: 'Beaten at the count',
      }),
    );
    expect(res).toHaveStatus(201);
    const id = res.json().id as string;
    const after = await counts();
    expect(after.complaints - before.complaints).toBe(1);
    expect(after.dispatches - before.dispatches).toBe(1);
    expect(after.examinations - before.examinations).toBe(1);

    // An allegation is confidential: registry staff no longer read it; the governor's office does.
    expect(await as(registrar).get(`/api/v1/complaints/${id}`)).toHaveStatus(403);
    const read = (await as(governor).get(`/api/v1/complaints/${id}`)).json();
    expect(read.dispatches).toEqual([
      expect.objectContaining({ body: 'prosecutor', channel: 'electronic', at: NOW }),
    ]);
    expect(read.dispatches[0].reference).toMatch(/^INJ4-20261206-/);
    expect(read.examination).toEqual(expect.objectContaining({ dueAt: NOW, examinedAt: null }));

    const items = (
      await as(doctor).get('/api/v1/worklist?module=requests&kind=requests_allegation_examination')
    ).json().items as { subjectId: string }[];
    expect(items.map((i) => i.subjectId)).toContain(id);
    const exam = (await as(doctor).get(`/api/v1/allegation-examinations/${id}`)).json();
    expect(exam).toEqual(expect.objectContaining({ personId: person, dueAt: NOW, examinedAt: null }));
    expect(exam).not.toHaveProperty('text');
    expect(await as(officer).get(`/api/v1/allegation-examinations/${id}`)).toHaveStatus(403);

    // INJ-4: the escalation cannot be withdrawn, even if the person objects.
    const mid = await counts();
    const withdraw = await as(governor).post(`/api/v1/complaints/${id}/actions`, {
      action: 'close',
      text: 'The person withdraws the complaint',
      withdrawn: true,
      version: 1,
    });
    expect(withdraw).toHaveStatus(400);
    expect(withdraw.json().code).toBe('escalation_irreversible');
    expect(await counts()).toEqual(mid);
  });

  it('INJ-4: a request from the box alleging ill-treatment opens an escalated complaint to the prosecutor', async () => {
    const person = await admitNew('Hüseynli');
    const before = await counts();
    const res = await as(nurse).post(
      `/api/v1/persons/${person}/health-requests`,
      box({ allegation: true, dispatchChannel: 'hand', text: 'Bruises after the search' }),
    );
    expect(res).toHaveStatus(201);
    const after = await counts();
    expect([after.complaints - before.complaints, after.dispatches - before.dispatches]).toEqual([1, 1]);
    const read = (await as(nurse).get(`/api/v1/health-requests/${res.json().id}`)).json();
    expect(read.allegationComplaintId).toBeTruthy();
  });

  it('INJ-4: allegationExamined links the injury record once, refused by name otherwise, audited', async () => {
    const person = await admitNew('Nəbiyev');
    const id = (
      await as(registrar).post(
        `/api/v1/persons/${person}/complaints`,
        complaint({ category: 'ill_treatment', allegation: true, dispatchChannel: 'post' }),
      )
    ).json().id as string;
    const plain = (await as(registrar).post(`/api/v1/persons/${person}/complaints`, complaint())).json()
      .id as string;
    const db = t.services.database.db;
    const doctorId = (
      await db
        .selectFrom('user_account')
        .select('id')
        .where('username', '=', 'demo.doctor')
        .executeTakeFirstOrThrow()
    ).id;
    const call = (complaintId: string, injuryRecordId = 'injury-made-up-1') =>
      inTransaction(db, (tx) =>
        t.services.requests.allegationExamined(tx, {
          complaintId,
          personId: person,
          injuryRecordId,
          at: NOW,
          userId: doctorId,
        }),
      );
    const codeOf = async (p: Promise<unknown>) => {
      try {
        await p;
        return null;
      } catch (e) {
        return e instanceof AppError ? e.code : String(e);
      }
    };
    expect(await codeOf(call('no-such-complaint'))).toBe('allegation_not_found');
    expect(await codeOf(call(plain))).toBe('not_an_allegation');
    const auditRows = async () =>
      Number(
        (
          await db
            .selectFrom('audit_event')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('action', '=', 'requests.allegation.examined')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await auditRows();
    await call(id);
    expect((await auditRows()) - before).toBe(1);
    expect(await codeOf(call(id, 'injury-made-up-2'))).toBe('allegation_already_examined');
    const exam = (await as(doctor).get(`/api/v1/allegation-examinations/${id}`)).json();
    expect(exam).toEqual(expect.objectContaining({ injuryRecordId: 'injury-made-up-1', examinedAt: NOW }));
    const items = (
      await as(doctor).get('/api/v1/worklist?module=requests&kind=requests_allegation_examination')
    ).json().items as { subjectId: string }[];
    expect(items.map((i) => i.subjectId)).not.toContain(id);
  });

  it('MED-5, RES-7, DAT-6: the month’s register: suppressed for the governor, whole for the doctor; the PDF reads back in words', async () => {
    const url = `/api/v1/requests/register?institutionId=${pilot1}&month=2026-12`;
    const gov = (await as(governor).get(url)).json();
    expect(gov.suppression).not.toBeNull();
    expect(gov.suppression.cells.length).toBeGreaterThan(0);
    const doc = (await as(doctor).get(url)).json();
    expect(doc.suppression).toBeNull();
    expect(doc.requests.total).toBeGreaterThan(0);
    expect(
      doc.complaints.byAddressee.find((a: { addressee: string }) => a.addressee === 'ombudsman').received,
    ).toBeGreaterThan(0);
    expect(await as(officer).get(url)).toHaveStatus(403);

    const pdf = await as(doctor).get(
      `/api/v1/requests/register/export?institutionId=${pilot1}&month=2026-12&format=pdf&language=en`,
    );
    expect(pdf).toHaveStatus(200);
    const text = pdfText(pdf.rawPayload);
    for (const word of ['Requests', 'complaints', 'register', 'Ombudsman', 'Urgent', 'Sealed', 'box'])
      expect(text).toContain(word);
    expect(text).not.toMatch(/sealed_box|ill_treatment/);
    const csv = await as(governor).get(
      `/api/v1/requests/register/export?institutionId=${pilot1}&month=2026-12&format=csv&language=az`,
    );
    expect(csv).toHaveStatus(200);
    expect(csv.body).toContain('Möhürlü qutu');
    expect(csv.body).toContain('gizlədilib');
    expect(
      await as(governor).get(`/api/v1/requests/register?institutionId=${pilot1}&month=2026-13`),
    ).toHaveStatus(400);
  });
});
