import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../platform/db/database.ts';
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

describe.skipIf(skip)('use of force (INJ-7, RST-11)', () => {
  let t: TestApp;
  let officer: Session;
  let governor: Session;
  let doctor: Session;
  let nurse: Session;
  let registrar: Session;
  let healthManager: Session;
  let pilot1: string;
  let staff: { id: string; fullName: string }[];

  async function admitNew(surname: string) {
    const res = await as(registrar).post('/api/v1/persons', {
      person: personBody({ surnameLatin: surname, givenNameLatin: 'Test', birthDate: '1988-02-03' }),
      admission: admissionBody(pilot1, hoursBefore(100)),
      confirmedNotDuplicate: true,
    });
    expect(res).toHaveStatus(201);
    return res.json().id as string;
  }

  const account = (staffId: string, over: Record<string, unknown> = {}) => ({
    staffId,
    types: ['physical_hold'],
    reason: 'protect_others',
    narrative: 'He hit another prisoner; I held his arms until he calmed down.',
    durationMinutes: 4,
    deEscalationTried: true,
    deEscalation: 'Talked to him for five minutes.',
    injuriesToStaff: 'no',
    injuriesToPerson: 'unknown',
    witnesses: 'Officer on the landing',
    ...over,
  });

  const report = (personIds: string[], over: Record<string, unknown> = {}) => ({
    occurredAt: hoursBefore(1),
    institutionId: pilot1,
    placeNote: 'Landing 2',
    personIds,
    staffIds: [staff[0]?.id, staff[1]?.id],
    account: account(staff[0]?.id as string),
    ...over,
  });

  /** How many rows the module's tables and the audit trail hold: "nothing written" compares these. */
  async function counts() {
    const db = t.services.database.db;
    const n = async (table: string) =>
      Number(
        (
          await db
            .selectFrom(table as 'force_incident')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      incidents: await n('force_incident'),
      accounts: await n('force_account'),
      examinations: await n('force_examination'),
      reviews: await n('force_review'),
      audit: await n('audit_event'),
    };
  }

  async function file(personIds: string[], over: Record<string, unknown> = {}) {
    const res = await as(officer).post('/api/v1/force/incidents', report(personIds, over));
    expect(res).toHaveStatus(201);
    return res.json().id as string;
  }

  const kinds = async (session: Session) =>
    ((await allWorklistItems(session)) as { kind: string; subjectId: string }[]).map(
      (i) => `${i.kind}:${i.subjectId}`,
    );

  beforeAll(async () => {
    t = await buildTestApp({ now: NOW });
    await seedTestDemo(t);
    officer = await signInAs(t.app, 'custodial_officer');
    governor = await signInAs(t.app, 'governor');
    doctor = await signInAs(t.app, 'doctor');
    nurse = await signInAs(t.app, 'nurse');
    registrar = await signInAs(t.app, 'registry_officer');
    healthManager = await signInAs(t.app, 'health_manager');
    const institutions = (await as(registrar).get('/api/v1/institutions')).json().items;
    pilot1 = institutions.find((i: { code: string }) => i.code === 'PILOT-1').id;
    staff = (await as(governor).get(`/api/v1/staff?institutionId=${pilot1}&limit=200`)).json().items;
    // Staff records not linked to a clinician's account (an officer files for themselves).
    const linked = new Set(
      (await t.services.database.db.selectFrom('user_account').select('staff_id').execute()).map(
        (r) => r.staff_id,
      ),
    );
    staff = staff.filter((s) => !linked.has(s.id));
  });
  afterAll(async () => t?.close());

  it('the demo: governors, doctors and officers each find work on their worklist (INJ-7, RST-11)', async () => {
    const governorList = await kinds(governor);
    expect(governorList.some((k) => k.startsWith('force_review_due:'))).toBe(true);
    expect(governorList.some((k) => k.startsWith('force_examination_due:'))).toBe(false);
    expect((await kinds(doctor)).some((k) => k.startsWith('force_examination_due:'))).toBe(true);
    const officerList = await kinds(officer);
    expect(officerList.some((k) => k.startsWith('force_account_missing:'))).toBe(true);
    // X-2, MED-1: a clinical task is never shown to custodial staff.
    expect(officerList.some((k) => k.startsWith('force_examination_due:'))).toBe(false);
  });

  it('INJ-7, RST-11: an officer reports; the governor and health staff see it; the examination is due at once', async () => {
    const person = await admitNew('Kərimov');
    const id = await file([person]);
    const incident = (await as(officer).get(`/api/v1/force/incidents/${id}`)).json();
    expect(incident.persons).toHaveLength(1);
    expect(incident.persons[0].examination).toEqual({
      state: 'due',
      overdueAt: hoursBefore(1 - 4),
      examinedAt: null,
    });
    expect(incident.accounts[0].types).toEqual(['physical_hold']);
    expect(incident.staff.map((s: { accountGiven: boolean }) => s.accountGiven)).toEqual(
      expect.arrayContaining([true, false]),
    );
    expect(incident.decision).toBeNull();
    expect(await kinds(governor)).toContain(`force_review_due:${id}`);
    expect(await kinds(nurse)).toContain(`force_examination_due:${id}`);
    expect(await kinds(officer)).toContain(`force_account_missing:${id}`);
    const list = (await as(officer).get(`/api/v1/force/incidents?personId=${person}`)).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([id]);
  });

  it('INJ-7: a time in the future, an unknown person, no staff involved: refused in words, nothing written', async () => {
    const person = await admitNew('Əliyev');
    const before = await counts();
    const future = await as(officer).post(
      '/api/v1/force/incidents',
      report([person], { occurredAt: new Date(Date.parse(NOW) + 3_600_000).toISOString() }),
    );
    expect(future).toHaveStatus(400);
    expect(future.json().errors.map((e: { code: string }) => e.code)).toContain('in_the_future');
    const unknown = await as(officer).post('/api/v1/force/incidents', report(['no-such-person']));
    expect(unknown).toHaveStatus(400);
    expect(unknown.json().errors.map((e: { code: string }) => e.code)).toContain('unknown_person');
    const nobody = await as(officer).post('/api/v1/force/incidents', report([person], { staffIds: [] }));
    expect(nobody).toHaveStatus(400);
    expect(nobody.json().errors.map((e: { code: string }) => e.code)).toContain('no_staff');
    const noPerson = await as(officer).post('/api/v1/force/incidents', report([]));
    expect(noPerson.json().errors.map((e: { code: string }) => e.code)).toContain('no_person');
    const noType = await as(officer).post(
      '/api/v1/force/incidents',
      report([person], { account: account(staff[0]?.id as string, { types: [] }) }),
    );
    expect(noType.json().errors.map((e: { code: string }) => e.code)).toContain('no_force_type');
    const badEpisode = await as(officer).post(
      '/api/v1/force/incidents',
      report([person], { restraintEpisodeId: 'no-such-episode' }),
    );
    expect(badEpisode.json().errors.map((e: { code: string }) => e.code)).toContain(
      'restraint_episode_mismatch',
    );
    expect(await counts()).toEqual(before);
  });

  it('INJ-7: only custodial roles file; a health role cannot file as staff involved (ADR 0036), nothing written', async () => {
    const person = await admitNew('Hüseynli');
    const before = await counts();
    const res = await as(doctor).post('/api/v1/force/incidents', report([person]));
    expect(res).toHaveStatus(403);
    const registry = await as(registrar).post('/api/v1/force/incidents', report([person]));
    expect(registry).toHaveStatus(403);
    const { audit: _a, ...rest } = await counts();
    const { audit: _b, ...expected } = before;
    expect(rest).toEqual(expected);
  });

  it('INJ-7, X-2: each staff member gives one account; a correction is an amendment, the old one stays', async () => {
    const person = await admitNew('Rzayev');
    const id = await file([person]);
    const second = account(staff[1]?.id as string, { types: ['physical_hold', 'mechanical_restraint'] });
    expect(await as(officer).post(`/api/v1/force/incidents/${id}/accounts`, second)).toHaveStatus(201);
    const again = await as(officer).post(`/api/v1/force/incidents/${id}/accounts`, second);
    expect(again).toHaveStatus(400);
    expect(again.json().errors.map((e: { code: string }) => e.code)).toContain('account_already_given');
    const outsider = await as(officer).post(
      `/api/v1/force/incidents/${id}/accounts`,
      account(staff[2]?.id as string),
    );
    expect(outsider.json().errors.map((e: { code: string }) => e.code)).toContain('author_not_involved');
    const first = (await as(officer).get(`/api/v1/force/incidents/${id}`)).json().accounts[0];
    const amended = await as(officer).post(`/api/v1/force/incidents/${id}/amendments`, {
      ...account(staff[0]?.id as string, { durationMinutes: 6 }),
      amendsId: first.id,
      amendReason: 'The hold lasted longer than first written',
    });
    expect(amended).toHaveStatus(201);
    const incident = (await as(governor).get(`/api/v1/force/incidents/${id}`)).json();
    expect(incident.accounts).toHaveLength(3);
    expect(incident.accounts.find((a: { id: string }) => a.id === first.id).superseded).toBe(true);
    expect(incident.accounts.at(-1).amendsId).toBe(first.id);
    expect(await kinds(officer)).not.toContain(`force_account_missing:${id}`);
  });

  it('INJ-7: the governor acknowledges, then decides; the report leaves the worklist', async () => {
    const person = await admitNew('Nəsirov');
    const id = await file([person]);
    const ack = await as(governor).post(`/api/v1/force/incidents/${id}/reviews`, {
      note: 'Seen; awaiting accounts',
    });
    expect(ack).toHaveStatus(201);
    expect(await kinds(governor)).toContain(`force_review_due:${id}`);
    expect(
      await as(officer).post(`/api/v1/force/incidents/${id}/reviews`, {
        decision: 'justified',
        note: 'Fine',
      }),
    ).toHaveStatus(403);
    const decide = await as(governor).post(`/api/v1/force/incidents/${id}/reviews`, {
      decision: 'referred_for_investigation',
      note: 'Two accounts disagree on the spray',
    });
    expect(decide).toHaveStatus(201);
    const incident = (await as(officer).get(`/api/v1/force/incidents/${id}`)).json();
    expect(incident.decision).toBe('referred_for_investigation');
    expect(incident.acknowledged).toBe(true);
    expect(await kinds(governor)).not.toContain(`force_review_due:${id}`);
  });

  it('RST-11, MED-4, MED-1: the doctor records the examination; custodial staff never read its content', async () => {
    const person = await admitNew('Qasımov');
    const id = await file([person]);
    const before = await counts();
    // MED-4: non-medical staff present without the clinician's recorded reason: refused.
    const noReason = await as(doctor).post(`/api/v1/force/incidents/${id}/examinations`, {
      personId: person,
      outcome: 'no_injuries',
      examinedAt: hoursBefore(0.5),
      nonMedicalStaffPresent: true,
    });
    expect(noReason).toHaveStatus(400);
    expect(noReason.json().errors.map((e: { code: string }) => e.code)).toContain('presence_reason_required');
    const early = await as(doctor).post(`/api/v1/force/incidents/${id}/examinations`, {
      personId: person,
      outcome: 'no_injuries',
      examinedAt: hoursBefore(2),
      nonMedicalStaffPresent: false,
    });
    expect(early.json().errors.map((e: { code: string }) => e.code)).toContain('before_force');
    // Nothing written (a refused clinical write is itself audited, ADR 0017).
    expect({ ...(await counts()), audit: 0 }).toEqual({ ...before, audit: 0 });
    // Custodial staff cannot record one either.
    expect(
      await as(officer).post(`/api/v1/force/incidents/${id}/examinations`, {
        personId: person,
        outcome: 'no_injuries',
        examinedAt: hoursBefore(0.5),
        nonMedicalStaffPresent: false,
      }),
    ).toHaveStatus(403);
    const done = await as(doctor).post(`/api/v1/force/incidents/${id}/examinations`, {
      personId: person,
      outcome: 'no_injuries',
      examinedAt: hoursBefore(0.5),
      nonMedicalStaffPresent: false,
      note: 'Red mark on the left wrist, no swelling',
    });
    expect(done).toHaveStatus(201);
    const twice = await as(nurse).post(`/api/v1/force/incidents/${id}/examinations`, {
      personId: person,
      outcome: 'refused',
      examinedAt: hoursBefore(0.2),
      nonMedicalStaffPresent: false,
    });
    expect(twice.json().errors.map((e: { code: string }) => e.code)).toContain('examination_already_done');
    // MED-1: the officer sees that it was done and when, never what was found.
    const seen = await as(officer).get(`/api/v1/force/incidents/${id}`);
    expect(seen.json().persons[0].examination).toEqual({
      state: 'done',
      overdueAt: hoursBefore(-3),
      examinedAt: hoursBefore(0.5),
    });
    expect(seen.body).not.toContain('Red mark');
    expect(seen.body).not.toContain('no_injuries');
    expect(await as(officer).get(`/api/v1/force/incidents/${id}/examinations`)).toHaveStatus(403);
    expect(await as(governor).get(`/api/v1/force/incidents/${id}/examinations`)).toHaveStatus(403);
    const clinical = await as(doctor).get(`/api/v1/force/incidents/${id}/examinations`);
    expect(clinical).toHaveStatus(200);
    expect(clinical.json().items[0]).toMatchObject({
      outcome: 'no_injuries',
      note: 'Red mark on the left wrist, no swelling',
      nonMedicalStaffPresent: false,
      examinedBy: 'Demo · Doctor',
    });
    // The clinical read is audited as clinical.
    const audit = await t.services.database.db
      .selectFrom('audit_event')
      .select(['action', 'data_class'])
      .where('action', '=', 'force.examination.read')
      .execute();
    expect(audit.some((a) => a.data_class === 'clinical')).toBe(true);
    expect(await kinds(doctor)).not.toContain(`force_examination_due:${id}`);
  });

  it('RST-11: examinationResult marks the examination done with an injury record, audited; refused in words otherwise', async () => {
    const person = await admitNew('Bağırov');
    const other = await admitNew('Səfərov');
    const id = await file([person]);
    const { force, database } = t.services;
    const users = await database.db.selectFrom('user_account').select(['id', 'username']).execute();
    const doctorId = users.find((u) => u.username === 'demo.doctor')?.id as string;
    expect(await force.incidentForExamination(database.db, id, person)).toEqual({
      institutionId: pilot1,
      occurredAt: hoursBefore(1),
    });
    expect(await force.incidentForExamination(database.db, id, other)).toBeUndefined();
    const injuryRecordId = '01937a00-0000-7000-8000-000000000abc';
    const before = await counts();
    await expect(
      inTransaction(database.db, (tx) =>
        force.examinationResult(tx, {
          useOfForceId: id,
          personId: other,
          injuryRecordId,
          at: hoursBefore(0.5),
          userId: doctorId,
        }),
      ),
    ).rejects.toMatchObject({ fieldErrors: [expect.objectContaining({ message: 'no_such_examination' })] });
    expect(await counts()).toEqual(before);
    await inTransaction(database.db, (tx) =>
      force.examinationResult(tx, {
        useOfForceId: id,
        personId: person,
        injuryRecordId,
        at: hoursBefore(0.5),
        userId: doctorId,
      }),
    );
    const after = await counts();
    expect(after.examinations).toBe(before.examinations + 1);
    expect(after.audit).toBe(before.audit + 1);
    await expect(
      inTransaction(database.db, (tx) =>
        force.examinationResult(tx, {
          useOfForceId: id,
          personId: person,
          injuryRecordId,
          at: hoursBefore(0.4),
          userId: doctorId,
        }),
      ),
    ).rejects.toMatchObject({
      fieldErrors: [expect.objectContaining({ message: 'examination_already_done' })],
    });
    const clinical = (await as(doctor).get(`/api/v1/force/incidents/${id}/examinations`)).json();
    expect(clinical.items[0]).toMatchObject({ outcome: 'injury_record', injuryRecordId });
    const officerView = (await as(officer).get(`/api/v1/force/incidents/${id}`)).json();
    expect(officerView.persons[0].examination.state).toBe('done');
  });

  it('INJ-7, RST-11, DAT-6: the monthly register, suppressed for the governor, whole for health, in CSV and PDF', async () => {
    const url = (format?: string) =>
      format
        ? `/api/v1/force/register/export?institutionId=${pilot1}&month=2026-12&format=${format}&language=en`
        : `/api/v1/force/register?institutionId=${pilot1}&month=2026-12`;
    const whole = (await as(healthManager).get(url())).json();
    expect(whole.suppression).toBeNull();
    expect(whole.total.incidents).toBeGreaterThanOrEqual(6);
    expect(whole.total.byType.physical_hold).toBe(whole.total.incidents);
    expect(whole.total.examinedInTime).toBeGreaterThanOrEqual(3);
    const shown = (await as(governor).get(url())).json();
    expect(shown.suppression.threshold).toBe(5);
    // DAT-6: every count from 1 to 4 is suppressed for a non-clinical reader.
    const all = [shown.total, ...shown.units].flatMap((c: Record<string, unknown>) => [
      ...Object.values(c).filter((v) => typeof v === 'number'),
      ...Object.values(c.byType as Record<string, number | null>),
    ]);
    expect(all.filter((n) => n !== null && (n as number) > 0 && (n as number) < 5)).toEqual([]);
    expect(shown.total.byType.incapacitant_spray).toBeNull();
    const csv = await as(governor).get(url('csv'));
    expect(csv).toHaveStatus(200);
    expect(csv.body).toContain('Use-of-force register 2026-12');
    expect(csv.body).toContain('suppressed');
    const pdf = pdfText((await as(governor).get(url('pdf'))).rawPayload);
    expect(pdf).toContain('Use-of-force register');
    expect(pdf).toContain('Examined within 4 h');
    expect(await as(officer).get(url())).toHaveStatus(403);
  });
});
