import { completeScreening, type ScreeningForm } from '@custodia/domain';
import { sql } from 'kysely';
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

describe.skipIf(skip)('medical record and admission screening', () => {
  let t: TestApp;
  let registrar: Session;
  let nurse: Session;
  let doctor: Session;
  let officer: Session;
  let pilot1: string;

  const call = (session: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: session.headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  async function admitNew(overrides: Record<string, unknown> = {}, at = '2026-11-28T08:00:00.000Z') {
    const res = await call(registrar, 'POST', '/api/v1/persons', {
      person: personBody({
        surnameLatin: 'Kərimov',
        givenNameLatin: 'Tural',
        birthDate: '1988-03-03',
        ...overrides,
      }),
      admission: admissionBody(pilot1, at),
      confirmedNotDuplicate: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }

  async function screeningTaskOf(personId: string) {
    const res = await call(nurse, 'GET', `/api/v1/persons/${personId}/chart`);
    if (res.statusCode !== 200) throw new Error(res.body);
    const chart = res.json();
    return chart.tasks.find(
      (x: { kind: string }) => x.kind === 'admission_screening' || x.kind === 'rescreening',
    );
  }

  async function auditCount(action: string) {
    const row = await t.services.database.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', action)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Opens the screening of a person's task, fills it and completes it as the nurse. */
  async function screen(personId: string, form: ScreeningForm) {
    const task = await screeningTaskOf(personId);
    const started = (await call(nurse, 'POST', `/api/v1/clinical-tasks/${task.id}/screening`)).json();
    const encounter = (await call(nurse, 'GET', `/api/v1/encounters/${started.encounterId}`)).json();
    const saved = await call(nurse, 'PUT', `/api/v1/encounters/${started.encounterId}`, {
      ...encounter.content,
      version: encounter.version,
      structured: form,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const completed = await call(
      nurse,
      'POST',
      `/api/v1/encounters/${started.encounterId}/complete-screening`,
      {
        version: saved.json().version,
      },
    );
    return { encounterId: started.encounterId as string, taskId: task.id as string, completed };
  }

  beforeAll(async () => {
    t = await buildTestApp({ now: NOW });
    t.clock.set(new Date());
    await seedTestDemo(t);
    t.clock.set(NOW);
    registrar = await signIn(t.app, 'demo.registry-officer');
    nurse = await signIn(t.app, 'demo.nurse');
    doctor = await signIn(t.app, 'demo.doctor');
    officer = await signIn(t.app, 'demo.officer');
    const institutions = (await call(registrar, 'GET', '/api/v1/institutions')).json().items;
    pilot1 = institutions.find((i: { code: string }) => i.code === 'PILOT-1').id;
  });
  afterAll(async () => t?.close());

  it('ADM-1: an admission opens a screening due 24 h later, overdue after (injected clock), on the nurse’s worklist', async () => {
    const id = await admitNew();
    const task = await screeningTaskOf(id);
    expect(task).toMatchObject({
      kind: 'admission_screening',
      sourceRef: 'ADM-1',
      dueAt: '2026-11-29T08:00:00.000Z',
    });
    const open = (await call(nurse, 'GET', `/api/v1/clinical-tasks?institutionId=${pilot1}`)).json().items;
    expect(open.find((x: { id: string }) => x.id === task.id).state).toBe('due');
    t.clock.set('2026-11-29T08:00:01.000Z');
    try {
      // A day later the morning session has idled out: the next shift's nurse signs in.
      const nextShift = await signIn(t.app, 'demo.nurse');
      const later = (await call(nextShift, 'GET', `/api/v1/clinical-tasks?institutionId=${pilot1}`)).json()
        .items;
      expect(later.find((x: { id: string }) => x.id === task.id).state).toBe('overdue');
      const worklist = (await call(nextShift, 'GET', '/api/v1/worklist')).json().items;
      expect(worklist).toContainEqual(
        expect.objectContaining({
          module: 'clinical',
          kind: 'admission_screening',
          subjectId: task.id,
          severity: 'overdue',
        }),
      );
    } finally {
      t.clock.set(NOW);
    }
    // The custodial officer's worklist carries no clinical task.
    const officers = (await call(officer, 'GET', '/api/v1/worklist')).json().items;
    expect(officers.some((i: { module: string }) => i.module === 'clinical')).toBe(false);
  });

  it('ADM-5: a return recorded as from police custody or investigation opens a new screening', async () => {
    const id = await admitNew({ surnameLatin: 'Əsgərov' });
    await screen(id, completeScreening());
    const out = await call(registrar, 'POST', `/api/v1/persons/${id}/events`, {
      type: 'absence_out',
      occurredAt: '2026-11-28T08:20:00.000Z',
      absenceKind: 'investigative',
    });
    expect(out.statusCode, out.body).toBe(201);
    const back = await call(registrar, 'POST', `/api/v1/persons/${id}/events`, {
      type: 'absence_return',
      occurredAt: '2026-11-28T08:40:00.000Z',
      returnedFromPoliceOrInvestigation: true,
    });
    expect(back.statusCode, back.body).toBe(201);
    const task = await screeningTaskOf(id);
    expect(task).toMatchObject({
      kind: 'rescreening',
      sourceRef: 'ADM-5',
      dueAt: '2026-11-28T16:40:00.000Z',
    });
  });

  it('ADM-2: a screening with a blank section cannot be completed; nothing is closed', async () => {
    const id = await admitNew({ surnameLatin: 'Babayev' });
    const form = completeScreening({ fitness: { status: null } });
    const { completed, taskId } = await screen(id, form);
    expect(completed.statusCode).toBe(400);
    expect(completed.json().code).toBe('screening_incomplete');
    expect(completed.json().errors).toContainEqual(
      expect.objectContaining({ path: 'body.structured.fitness.status', code: 'section_blank' }),
    );
    const task = await screeningTaskOf(id);
    expect(task.id).toBe(taskId);
  });

  it('ADM-6, MED-3: a positive TB symptom screen creates an isolation alert the officer sees, and a diagnostic task; the officer gets 403 on the chart', async () => {
    const id = await admitNew({ surnameLatin: 'Hüseynov' });
    const base = completeScreening();
    const { completed, encounterId } = await screen(
      id,
      completeScreening({ tuberculosis: { ...base.tuberculosis, cough: true, nightSweats: true } }),
    );
    expect(completed.statusCode, completed.body).toBe(200);
    const chart = (await call(nurse, 'GET', `/api/v1/persons/${id}/chart`)).json();
    expect(chart.tasks.map((x: { kind: string }) => x.kind)).toContain('tb_diagnostic');

    const alerts = await call(officer, 'GET', `/api/v1/persons/${id}/health-alerts`);
    expect(alerts.statusCode).toBe(200);
    const items = alerts.json().items as { detail: { kind: string } }[];
    expect(items).toContainEqual(
      expect.objectContaining({
        detail: { kind: 'infection_control', precaution: 'airborne' },
        active: true,
      }),
    );
    expect(items.map((a) => a.detail.kind).sort()).toEqual([
      'fitness',
      'fitness',
      'fitness',
      'infection_control',
    ]);
    // No diagnosis, no source encounter, no author travels with an alert.
    expect(alerts.body).not.toMatch(/tubercul|cough|encounter|ADM-6/i);

    for (const url of [
      `/api/v1/persons/${id}/chart`,
      `/api/v1/persons/${id}/encounters`,
      `/api/v1/encounters/${encounterId}`,
      `/api/v1/persons/${id}/observations?category=laboratory`,
      `/api/v1/persons/${id}/consents`,
      '/api/v1/clinical-tasks',
      '/api/v1/terminology?q=A15',
    ]) {
      expect((await call(officer, 'GET', url)).statusCode, url).toBe(403);
    }
    expect(
      (await call(officer, 'POST', `/api/v1/persons/${id}/vitals`, { takenAt: NOW, pulse: 80 })).statusCode,
    ).toBe(403);
  });

  it('ADM-9: a positive suicide screen creates a mental-health referral and an observation alert', async () => {
    const id = await admitNew({ surnameLatin: 'Nəsirov' });
    const base = completeScreening();
    const { completed } = await screen(
      id,
      completeScreening({
        mentalHealth: { ...base.mentalHealth, suicideScreen: 'positive', observationMinutes: 15 },
      }),
    );
    expect(completed.statusCode, completed.body).toBe(200);
    const chart = (await call(doctor, 'GET', `/api/v1/persons/${id}/chart`)).json();
    expect(chart.tasks.map((x: { kind: string }) => x.kind)).toContain('mental_health_referral');
    expect(chart.alerts.map((a: { detail: unknown }) => a.detail)).toContainEqual({
      kind: 'observation',
      intervalMinutes: 15,
    });
  });

  it('sign-lock: the doctor signs the nurse’s screening; the content is hashed; a change is refused; an amendment keeps the original', async () => {
    const id = await admitNew({ surnameLatin: 'Rəhimov' });
    const { encounterId, completed } = await screen(id, completeScreening());
    expect(completed.statusCode, completed.body).toBe(200);
    // A custodial officer cannot sign; the doctor can.
    expect(
      (await call(officer, 'POST', `/api/v1/encounters/${encounterId}/sign`, { version: 3 })).statusCode,
    ).toBe(403);
    const signed = await call(doctor, 'POST', `/api/v1/encounters/${encounterId}/sign`, {
      version: completed.json().version,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().contentHash).toMatch(/^[0-9a-f]{64}$/);

    const encounter = (await call(doctor, 'GET', `/api/v1/encounters/${encounterId}`)).json();
    const change = await call(nurse, 'PUT', `/api/v1/encounters/${encounterId}`, {
      ...encounter.content,
      version: encounter.version,
    });
    expect(change.statusCode).toBe(409);
    expect(change.json().code).toBe('encounter_locked');

    const amend = await call(doctor, 'POST', `/api/v1/encounters/${encounterId}/corrections`, {
      kind: 'amendment',
      reason: 'Chest X-ray report arrived after signing',
      text: 'Chest X-ray: no abnormality.',
    });
    expect(amend.statusCode, amend.body).toBe(201);
    const after = (await call(doctor, 'GET', `/api/v1/encounters/${encounterId}`)).json();
    expect(after.contentHash).toBe(signed.json().contentHash);
    expect(after.structured).toEqual(encounter.structured);
    // Who wrote, signed and amended it, by name.
    const nameOf = async (session: typeof doctor) =>
      (await call(session, 'GET', '/api/v1/auth/session')).json().user.displayName as string;
    const [nurseName, doctorName] = [await nameOf(nurse), await nameOf(doctor)];
    expect(nurseName).not.toBe(doctorName);
    expect(after).toMatchObject({ authorName: nurseName, signedByName: doctorName });
    expect(after.corrections).toEqual([
      expect.objectContaining({
        kind: 'amendment',
        text: 'Chest X-ray: no abnormality.',
        authorName: doctorName,
      }),
    ]);

    const error = await call(doctor, 'POST', `/api/v1/encounters/${encounterId}/corrections`, {
      kind: 'entered_in_error',
      reason: 'Recorded against the wrong person',
    });
    expect(error.statusCode).toBe(201);
    const final = (await call(doctor, 'GET', `/api/v1/encounters/${encounterId}`)).json();
    expect(final).toMatchObject({
      enteredInError: true,
      status: 'signed',
      contentHash: signed.json().contentHash,
    });
  });

  it('X-2: the database itself refuses to change a signed encounter or a clinical entry', async () => {
    const { db } = t.services.database;
    const signed = await db
      .selectFrom('encounter')
      .select('id')
      .where('status', '=', 'signed')
      .executeTakeFirstOrThrow();
    await expect(
      sql`update encounter set content = '{}' where id = ${signed.id}`.execute(db),
    ).rejects.toThrow(/locked/);
    await expect(sql`delete from encounter where id = ${signed.id}`.execute(db)).rejects.toThrow(/locked/);
    const problem = await db.selectFrom('problem').select('id').executeTakeFirstOrThrow();
    await expect(sql`update problem set code = 'A00' where id = ${problem.id}`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from problem where id = ${problem.id}`.execute(db)).rejects.toThrow(
      /append-only/,
    );
  });

  it('MED-4: an encounter with custodial staff present cannot be signed without a reason', async () => {
    const id = await admitNew({ surnameLatin: 'Vəliyev' });
    const content = {
      type: 'routine',
      startedAt: '2026-11-28T08:30:00.000Z',
      personsPresent: [
        { kind: 'clinician', name: 'Dr Leyla Həsənova', sex: 'female' },
        { kind: 'custodial_staff', name: 'Officer Quliyev', sex: 'male' },
      ],
      subjective: 'Headache for two days.',
    };
    const created = await call(doctor, 'POST', `/api/v1/persons/${id}/encounters`, content);
    expect(created.statusCode, created.body).toBe(201);
    const encounterId = created.json().id;
    const refused = await call(doctor, 'POST', `/api/v1/encounters/${encounterId}/sign`, { version: 1 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].code).toBe('custodial_presence_reason_required');
    const fixed = await call(doctor, 'PUT', `/api/v1/encounters/${encounterId}`, {
      ...content,
      custodialPresenceReason: 'Assaulted a nurse at the last visit; officer at the door',
      version: 1,
    });
    expect(fixed.statusCode).toBe(200);
    // A draft is its author's: the nurse may not change it.
    const other = await call(nurse, 'PUT', `/api/v1/encounters/${encounterId}`, { ...content, version: 2 });
    expect(other.statusCode).toBe(403);
    expect(
      (await call(doctor, 'POST', `/api/v1/encounters/${encounterId}/sign`, { version: 2 })).statusCode,
    ).toBe(200);
  });

  it('restricted items are visible to their author and to restricted-clinical roles only', async () => {
    const id = await admitNew({ surnameLatin: 'Sultanov' });
    const hiv = await call(doctor, 'POST', `/api/v1/persons/${id}/problems`, {
      code: 'B24',
      restricted: true,
    });
    expect(hiv.statusCode, hiv.body).toBe(201);
    const ht = await call(nurse, 'POST', `/api/v1/persons/${id}/problems`, {
      code: 'I10',
      restricted: false,
    });
    expect(ht.statusCode, ht.body).toBe(201);
    const asNurse = (await call(nurse, 'GET', `/api/v1/persons/${id}/chart`)).json();
    expect(asNurse.problems.map((p: { code: string }) => p.code)).toEqual(['I10']);
    const asDoctor = (await call(doctor, 'GET', `/api/v1/persons/${id}/chart`)).json();
    expect(asDoctor.problems.map((p: { code: string }) => p.code).sort()).toEqual(['B24', 'I10']);
    // An unknown code is refused: problems are coded (DAT-5).
    const unknown = await call(doctor, 'POST', `/api/v1/persons/${id}/problems`, { code: 'Q99.9' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].code).toBe('unknown_code');
    // Resolved problems leave the summary; the row stays.
    const resolved = await call(nurse, 'POST', `/api/v1/problems/${ht.json().id}/corrections`, {
      status: 'resolved',
      reason: 'Normal for 6 months',
    });
    expect(resolved.statusCode).toBe(201);
    const later = (await call(doctor, 'GET', `/api/v1/persons/${id}/chart`)).json();
    expect(later.problems.map((p: { code: string }) => p.code)).toEqual(['B24']);
  });

  it('vital signs: impossible values are refused and nothing is written; BMI is computed; the chart shows the latest', async () => {
    const id = await admitNew({ surnameLatin: 'Orucov' });
    const bad = await call(nurse, 'POST', `/api/v1/persons/${id}/vitals`, {
      takenAt: NOW,
      pulse: 400,
      temperature: 36.6,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      expect.objectContaining({ path: 'body.pulse', code: 'implausible_value' }),
    ]);
    expect((await call(nurse, 'GET', `/api/v1/persons/${id}/chart`)).json().vitals).toEqual([]);

    await call(nurse, 'POST', `/api/v1/persons/${id}/vitals`, {
      takenAt: '2026-11-28T07:00:00.000Z',
      pulse: 90,
      weight: 80,
      height: 180,
    });
    const ok = await call(nurse, 'POST', `/api/v1/persons/${id}/vitals`, {
      takenAt: '2026-11-28T08:00:00.000Z',
      pulse: 72,
      systolic: 120,
      diastolic: 80,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const vitals = (await call(nurse, 'GET', `/api/v1/persons/${id}/chart`)).json().vitals;
    const byTest = Object.fromEntries(
      vitals.map((v: { test: string; valueNumber: number }) => [v.test, v.valueNumber]),
    );
    expect(byTest).toEqual({ pulse: 72, systolic: 120, diastolic: 80, weight: 80, height: 180, bmi: 24.7 });
  });

  it('MED-1: every chart read leaves an audit record', async () => {
    const id = await admitNew({ surnameLatin: 'Mirzəyev' });
    const before = await auditCount('clinical.chart.read');
    await call(doctor, 'GET', `/api/v1/persons/${id}/chart`);
    await call(nurse, 'GET', `/api/v1/persons/${id}/chart`);
    expect(await auditCount('clinical.chart.read')).toBe(before + 2);
  });

  it('a person held elsewhere answers 404 like a missing one', async () => {
    const other = await t.services.database.db
      .selectFrom('person as p')
      .innerJoin('institution as i', 'i.id', 'p.institution_id')
      .select('p.id')
      .where('i.code', '=', 'PILOT-2')
      .where('p.status', '=', 'in_custody')
      .executeTakeFirstOrThrow();
    expect((await call(doctor, 'GET', `/api/v1/persons/${other.id}/chart`)).statusCode).toBe(404);
    expect((await call(doctor, 'GET', '/api/v1/persons/nobody/chart')).statusCode).toBe(404);
  });

  it('MED-6: a refusal without a witness is refused', async () => {
    const id = await admitNew({ surnameLatin: 'Cəfərov' });
    const body = {
      topic: 'Chest X-ray',
      decision: 'refused',
      informationGiven: 'Purpose, benefits and risks explained in Azerbaijani',
      signature: 'declined_to_sign',
      recordedAt: '2026-11-28T08:30:00.000Z',
    };
    const res = await call(doctor, 'POST', `/api/v1/persons/${id}/consents`, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].code).toBe('witness_required');
    const ok = await call(doctor, 'POST', `/api/v1/persons/${id}/consents`, {
      ...body,
      witness: 'Nurse Günay Əliyeva',
    });
    expect(ok.statusCode).toBe(201);
    expect((await call(doctor, 'GET', `/api/v1/persons/${id}/consents`)).json().items).toHaveLength(1);
  });

  it('X-4: a threshold is loosened only with a legal basis, and new screenings follow it', async () => {
    const manager = await signIn(t.app, 'demo.health-manager');
    const loose = await call(manager, 'PUT', '/api/v1/rule-thresholds/ADM-1.screening_due_minutes', {
      value: 2880,
      institutionId: pilot1,
    });
    expect(loose.statusCode).toBe(400);
    expect(loose.json().errors[0].code).toBe('legal_basis_required');
    const tight = await call(manager, 'PUT', '/api/v1/rule-thresholds/ADM-1.screening_due_minutes', {
      value: 720,
      institutionId: pilot1,
    });
    expect(tight.statusCode).toBe(204);
    try {
      const id = await admitNew({ surnameLatin: 'Tağıyev' });
      expect((await screeningTaskOf(id)).dueAt).toBe('2026-11-28T20:00:00.000Z');
    } finally {
      await call(manager, 'PUT', '/api/v1/rule-thresholds/ADM-1.screening_due_minutes', {
        value: 1440,
        institutionId: pilot1,
      });
    }
    expect(
      (await call(doctor, 'PUT', '/api/v1/rule-thresholds/ADM-1.screening_due_minutes', { value: 60 }))
        .statusCode,
    ).toBe(403);
    // the limits in force and their sources are open to everyone signed in, including the
    // system administrator who sets them and the officer who works under them.
    const admin = await signIn(t.app, 'demo.admin');
    for (const session of [admin, officer]) {
      const list = await call(session, 'GET', `/api/v1/rule-thresholds?institutionId=${pilot1}`);
      expect(list.statusCode).toBe(200);
      expect(list.json().items).toContainEqual(
        expect.objectContaining({ id: 'ADM-1.screening_due_minutes', value: 1440 }),
      );
    }
  });

  it('ADM-1 indicator: % screened within the limit and the median time, with no names', async () => {
    const governor = await signIn(t.app, 'demo.governor');
    const res = await call(
      governor,
      'GET',
      `/api/v1/statistics/screening?institutionId=${pilot1}&from=2025-11-29&to=2026-11-29`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const stats = res.json();
    expect(stats.admissions).toBeGreaterThan(100);
    expect(stats.percentInTime).toBeGreaterThan(50);
    expect(stats.percentInTime).toBeLessThanOrEqual(100);
    expect(stats.medianMinutes).toBeGreaterThan(0);
    expect(Object.keys(stats).sort()).toEqual([
      'admissions',
      'medianMinutes',
      'percentInTime',
      'screened',
      'screenedInTime',
      'suppression',
    ]);
  });

  it('DAT-6: the ADM-1 indicator outside the health service leaves out counts of 1 to 4 and what gives them away, and says so', async () => {
    const governor = await signIn(t.app, 'demo.governor');
    const manager = await signIn(t.app, 'demo.health-manager');
    const rate = async (session: typeof governor, from: string, to: string) =>
      (
        await call(
          session,
          'GET',
          `/api/v1/statistics/screening?institutionId=${pilot1}&from=${from}&to=${to}`,
        )
      ).json();
    // Three admissions on a day with no other: the health service sees them as they are.
    for (const surnameLatin of ['Abbasov', 'Babayev', 'Cəlilov']) {
      await admitNew({ surnameLatin }, '2024-03-05T10:00:00.000Z');
    }
    const [from, to] = ['2024-03-05', '2024-03-06'];
    const full = await rate(manager, from, to);
    expect(full).toMatchObject({ admissions: 3, suppression: null });
    const shown = await rate(governor, from, to);
    expect(shown).toMatchObject({ admissions: null, percentInTime: null });
    expect(shown.suppression.threshold).toBe(5);
    expect(shown.suppression.cells).toContain('admissions');
    for (const n of [shown.admissions, shown.screened, shown.screenedInTime]) {
      expect(n === null || n === 0 || n >= 5).toBe(true);
    }
    // The whole year is large enough to be shown, to the governor too.
    const year = await rate(governor, '2025-11-29', '2026-11-29');
    expect(year.admissions).toBeGreaterThan(100);
  });

  it('terminology: the demo list is found by code and by words in any script', async () => {
    const byCode = (await call(doctor, 'GET', '/api/v1/terminology?q=a15')).json().items;
    expect(byCode.length).toBeGreaterThan(0);
    expect(byCode.every((c: { code: string; demo: boolean }) => c.code.startsWith('A15') && c.demo)).toBe(
      true,
    );
    const ru = (
      await call(doctor, 'GET', `/api/v1/terminology?q=${encodeURIComponent('туберкул')}&language=ru`)
    ).json().items;
    expect(ru.some((c: { code: string }) => c.code.startsWith('A1'))).toBe(true);
  });
  it('documents: PDF or image checked by content, SHA-256 kept, restricted ones hidden; anything else refused and not stored', async () => {
    const id = await admitNew({ surnameLatin: 'Zeynalov' });
    const pdf = Buffer.from('%PDF-1.4\n% a referral letter\n%%EOF\n');
    const upload = (body: Buffer, query: string, session = doctor, type = 'application/octet-stream') =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/persons/${id}/documents?${query}`,
        headers: { ...session.headers, 'content-type': type },
        payload: body,
      });
    const res = await upload(
      pdf,
      'type=referral_letter&title=Referral%20to%20cardiology',
      doctor,
      'text/plain',
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ contentType: 'application/pdf', size: pdf.length });
    expect(res.json().sha256).toMatch(/^[0-9a-f]{64}$/);
    const back = await call(nurse, 'GET', `/api/v1/documents/${res.json().id}/content`);
    expect(back.statusCode).toBe(200);
    expect(back.headers['content-type']).toBe('application/pdf');
    expect(back.rawPayload.equals(pdf)).toBe(true);

    const refused = await upload(
      Buffer.from('MZ not a document'),
      'type=other&title=Program',
      doctor,
      'application/pdf',
    );
    expect(refused.statusCode).toBe(415);
    const secret = await upload(
      Buffer.from('%PDF-1.4 psychotherapy notes'),
      'type=other&title=Notes&restricted=true',
    );
    expect(secret.statusCode).toBe(201);
    const asNurse = (await call(nurse, 'GET', `/api/v1/persons/${id}/documents`)).json().items;
    expect(asNurse.map((d: { title: string }) => d.title)).toEqual(['Referral to cardiology']);
    expect((await call(nurse, 'GET', `/api/v1/documents/${secret.json().id}/content`)).statusCode).toBe(404);
    expect((await call(doctor, 'GET', `/api/v1/persons/${id}/documents`)).json().items).toHaveLength(2);
    expect((await call(officer, 'GET', `/api/v1/documents/${res.json().id}/content`)).statusCode).toBe(403);
  });

  it('MED-2: a request for a copy of one’s file is registered, fulfilled once with a PDF, and its date kept', async () => {
    const id = await admitNew({ surnameLatin: 'Ələkbərov' });
    await call(doctor, 'POST', `/api/v1/persons/${id}/problems`, { code: 'I10' });
    const registered = await call(doctor, 'POST', `/api/v1/persons/${id}/access-requests`, {
      receivedAt: '2026-11-28T08:00:00.000Z',
      thirdParty: 'Lawyer Aynur Quliyeva',
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const requestId = registered.json().id;
    expect((await call(nurse, 'POST', `/api/v1/access-requests/${requestId}/fulfil`)).statusCode).toBe(403);
    const copy = await call(doctor, 'POST', `/api/v1/access-requests/${requestId}/fulfil?language=az`);
    expect(copy.statusCode, copy.body.slice(0, 200)).toBe(200);
    expect(copy.headers['content-type']).toBe('application/pdf');
    expect(copy.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // The copy holds the file, read back out of the PDF (the whole file: confidentiality.test.ts).
    const text = pdfText(copy.rawPayload);
    expect(text).toContain('Tibbi kartanın surəti');
    expect(text).toContain('Lawyer Aynur Quliyeva');
    expect(text).toContain('I10');
    const list = (await call(doctor, 'GET', `/api/v1/persons/${id}/access-requests`)).json().items;
    expect(list).toEqual([
      expect.objectContaining({ id: requestId, thirdParty: 'Lawyer Aynur Quliyeva', fulfilledAt: NOW }),
    ]);
    const again = await call(doctor, 'POST', `/api/v1/access-requests/${requestId}/fulfil`);
    expect(again.statusCode).toBe(400);
    expect(again.json().errors[0].code).toBe('already_fulfilled');
  });
});
