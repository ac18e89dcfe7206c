import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  buildTestApp,
  postgresUnavailableReason,
  type Session,
  seedTestDemo,
  signInAs,
  type TestApp,
} from '../../test/app.ts';
import { admissionBody, personBody } from '../../test/fixtures.ts';

/**
 * The injury record answers the examination another module asked for (ADR 0035, 0036, 0038): a use
 * of force's (RST-11) or an allegation's (INJ-4), in the record's own transaction — and when that
 * examination does not exist, is someone else's or is already done, nothing at all is written.
 */
const skip = postgresUnavailableReason();
/** 2026-12-06 13:00 in Baku. */
const NOW = '2026-12-06T09:00:00.000Z';
const hoursBefore = (h: number) => new Date(Date.parse(NOW) - h * 3_600_000).toISOString();

describe.skipIf(skip)('an injury record completes the examination it answers (RST-11, INJ-4)', () => {
  let t: TestApp;
  let doctor: Session;
  let officer: Session;
  let registrar: Session;
  let pilot1: string;
  let staffId: string;

  async function admitNew(surname: string) {
    const res = await as(registrar).post('/api/v1/persons', {
      person: personBody({ surnameLatin: surname, givenNameLatin: 'Test', birthDate: '1987-05-06' }),
      admission: admissionBody(pilot1, hoursBefore(30)),
      confirmedNotDuplicate: true,
    });
    expect(res).toHaveStatus(201);
    return res.json().id as string;
  }

  const record = (context: string, sourceId: string) => ({
    context,
    sourceId,
    examinedAt: hoursBefore(0.5),
    personsPresent: 'The doctor only',
    interpreter: null,
    outOfHearingAndSight: true,
    account: { text: 'Says he was held against the wall', allegation: false },
    noInjuriesSeen: false,
    lesions: [
      {
        view: 'back',
        region: 'back_upper',
        type: 'abrasion',
        lengthCm: 3,
        estimatedAge: 'under_24h',
      },
    ],
    conclusion: 'consistent',
    suggestsIllTreatment: false,
    cause: 'staff_force',
  });

  async function useOfForce(person: string) {
    const res = await as(officer).post('/api/v1/force/incidents', {
      occurredAt: hoursBefore(1),
      institutionId: pilot1,
      placeNote: 'Landing 3',
      personIds: [person],
      staffIds: [staffId],
      account: {
        staffId,
        types: ['physical_hold'],
        reason: 'refusal_of_lawful_order',
        narrative: 'He refused to return to the cell; we walked him there holding his arms.',
        durationMinutes: 2,
        deEscalationTried: true,
        deEscalation: 'Asked him to go back several times.',
        injuriesToStaff: 'no',
        injuriesToPerson: 'unknown',
        witnesses: null,
      },
    });
    expect(res).toHaveStatus(201);
    return res.json().id as string;
  }

  const injuryRecords = async () =>
    Number(
      (
        await t.services.database.db
          .selectFrom('injury_record')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await buildTestApp({ now: NOW });
    await seedTestDemo(t);
    doctor = await signInAs(t.app, 'doctor');
    officer = await signInAs(t.app, 'custodial_officer');
    registrar = await signInAs(t.app, 'registry_officer');
    const institutions = (await as(registrar).get('/api/v1/institutions')).json().items;
    pilot1 = institutions.find((i: { code: string }) => i.code === 'PILOT-1').id;
    const staff = (await as(officer).get(`/api/v1/staff?institutionId=${pilot1}&limit=200`)).json().items;
    const linked = new Set(
      (await t.services.database.db.selectFrom('user_account').select('staff_id').execute()).map(
        (r) => r.staff_id,
      ),
    );
    staffId = staff.find((s: { id: string }) => !linked.has(s.id)).id;
  });
  afterAll(async () => t?.close());

  it('RST-11: the record made after a use of force is the examination’s result; twice, or for the wrong person, writes nothing', async () => {
    const person = await admitNew('Hüseynli');
    const other = await admitNew('Kazımlı');
    const incident = await useOfForce(person);

    const before = await injuryRecords();
    const wrongPerson = await as(doctor).post(
      `/api/v1/persons/${other}/injuries`,
      record('after_use_of_force', incident),
    );
    expect(wrongPerson).toHaveStatus(400);
    expect(wrongPerson.json().errors.map((e: { code: string }) => e.code)).toContain('no_such_examination');
    expect(await injuryRecords()).toBe(before);

    const res = await as(doctor).post(
      `/api/v1/persons/${person}/injuries`,
      record('after_use_of_force', incident),
    );
    expect(res).toHaveStatus(201);
    const exams = (await as(doctor).get(`/api/v1/force/incidents/${incident}/examinations`)).json().items;
    expect(exams).toEqual([
      expect.objectContaining({ personId: person, outcome: 'injury_record', injuryRecordId: res.json().id }),
    ]);
    // The officer sees that it was done, never what was found (MED-1).
    const seen = (await as(officer).get(`/api/v1/force/incidents/${incident}`)).json();
    expect(seen.persons[0].examination).toEqual(expect.objectContaining({ state: 'done' }));
    expect(JSON.stringify(seen)).not.toContain('back_upper');

    const twice = await as(doctor).post(
      `/api/v1/persons/${person}/injuries`,
      record('after_use_of_force', incident),
    );
    expect(twice).toHaveStatus(400);
    expect(twice.json().errors.map((e: { code: string }) => e.code)).toContain('examination_already_done');
    expect(await injuryRecords()).toBe(before + 1);
  });

  it('INJ-4: the record made after an allegation is its examination; an unknown complaint writes nothing', async () => {
    const person = await admitNew('Səfərli');
    const before = await injuryRecords();
    const unknown = await as(doctor).post(
      `/api/v1/persons/${person}/injuries`,
      record('allegation', '0190aaaa-bbbb-7ccc-8ddd-eeeeffff0001'),
    );
    expect(unknown).toHaveStatus(404);
    expect(unknown.json().code).toBe('allegation_not_found');
    expect(await injuryRecords()).toBe(before);

    const complaint = await as(registrar).post(`/api/v1/persons/${person}/complaints`, {
      addressee: 'prosecutor',
      category: 'ill_treatment',
      text: 'Beaten during the evening count',
      receivedAt: hoursBefore(2),
      allegation: true,
      dispatchChannel: 'electronic',
    });
    expect(complaint).toHaveStatus(201);
    const complaintId = complaint.json().id as string;
    const res = await as(doctor).post(
      `/api/v1/persons/${person}/injuries`,
      record('allegation', complaintId),
    );
    expect(res).toHaveStatus(201);
    const exam = (await as(doctor).get(`/api/v1/allegation-examinations/${complaintId}`)).json();
    expect(exam).toEqual(expect.objectContaining({ personId: person, examinedAt: hoursBefore(0.5) }));
    const items = (
      await as(doctor).get('/api/v1/worklist?module=requests&kind=requests_allegation_examination')
    ).json().items as { subjectId: string }[];
    expect(items.map((i) => i.subjectId)).not.toContain(complaintId);
  });
});
