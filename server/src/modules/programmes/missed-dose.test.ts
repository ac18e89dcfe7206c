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
/** 2026-12-07 09:00 in Baku: the morning round (08:00, 04:00 UTC) is an hour past. */
const NOW = '2026-12-07T05:00:00.000Z';
const MORNING = '2026-12-07T04:00:00.000Z';

/**
 * PHC-7 (ADR 0057): a supervised TB dose missed today reaches the treating doctor and the programme
 * nurse the same day (a worklist line), derived from now through medication's exported function.
 */
describe.skipIf(skip)('PHC-7: a missed supervised TB dose raises an alert the same day', () => {
  let t: TestApp;
  let officer: Session;
  let doctor: Session;
  let nurse: Session;
  let person: string;
  let prescriptionIds: string[];

  const lines = async (who: Session) =>
    (
      (await allWorklistItems(who)) as { kind: string; subjectId: string; label: string; dueAt: string }[]
    ).filter((i) => i.kind === 'tb_dose_missed_today' && i.subjectId === person);

  beforeAll(async () => {
    t = await buildTestApp({ now: NOW });
    await seedTestDemo(t);
    officer = await signInAs(t.app, 'custodial_officer');
    doctor = await signInAs(t.app, 'doctor');
    nurse = await signInAs(t.app, 'nurse');
    const registrar = await signInAs(t.app, 'registry_officer');
    const institutions = (await as(registrar).get('/api/v1/institutions')).json().items as {
      id: string;
      code: string;
    }[];
    const pilot1 = institutions.find((i) => i.code === 'PILOT-1')?.id as string;
    const admitted = await as(registrar).post('/api/v1/persons', {
      person: personBody({ surnameLatin: 'Dozov', givenNameLatin: 'Test', birthDate: '1985-03-04' }),
      admission: admissionBody(pilot1, '2026-11-01T08:00:00.000Z'),
      confirmedNotDuplicate: true,
    });
    expect(admitted).toHaveStatus(201);
    person = admitted.json().id;
    const screen = await as(nurse).post(`/api/v1/persons/${person}/tb-screens`, {
      method: 'symptom',
      occasion: 'yearly',
      screenedOn: '2026-12-01',
      result: 'positive',
      cough2Weeks: true,
    });
    expect(screen).toHaveStatus(201);
    const episodeId = screen.json().episodeId as string;
    expect(
      await as(doctor).post(`/api/v1/programme-episodes/${episodeId}/registration`, {
        category: 'new',
        bacteriology: 'clinically_diagnosed',
        site: 'pulmonary',
        resistance: 'susceptible',
        diagnosedOn: '2026-12-03',
        registeredOn: '2026-12-03',
      }),
    ).toHaveStatus(200);
    const treatment = await as(doctor).post(`/api/v1/programme-episodes/${episodeId}/treatment`, {
      regimenCode: '2HRZE/4HR',
      startOn: '2026-12-07',
    });
    expect(treatment).toHaveStatus(200);
    prescriptionIds = treatment.json().prescriptionIds;
  });
  afterAll(async () => t?.close());

  it('PHC-7: a dose that may still be given raises nothing; missed (six hours after its time) it is on the doctor’s and the nurse’s worklist the same day', async () => {
    expect(await lines(doctor)).toEqual([]);
    // 14:30 in Baku, the same day: the morning dose is missed (MDX-2, derived from now).
    t.clock.set('2026-12-07T10:30:00.000Z');
    // Hours later: the morning's sessions have timed out, everyone signs in again.
    officer = await signInAs(t.app, 'custodial_officer');
    doctor = await signInAs(t.app, 'doctor');
    nurse = await signInAs(t.app, 'nurse');
    const forDoctor = await lines(doctor);
    expect(forDoctor).toEqual([expect.objectContaining({ dueAt: MORNING })]);
    expect(forDoctor[0]?.label).not.toMatch(/isoniazid|rifampicin|ethambutol|pyrazinamide/i);
    expect(await lines(nurse)).toHaveLength(1);
  });

  it('PHC-7, MED-3: the officer never gets the line, nor the drug', async () => {
    const items = (await allWorklistItems(officer)) as { kind: string }[];
    expect(items.some((i) => i.kind === 'tb_dose_missed_today')).toBe(false);
    expect(JSON.stringify(items)).not.toMatch(/isoniazid|rifampicin|ethambutol|pyrazinamide/i);
  });

  it('PHC-7: the line stays while one drug of the regimen is missed; the doses recorded given (late, still recordable) end it', async () => {
    const give = async (id: string) =>
      expect(
        await as(nurse).post(`/api/v1/medication/prescriptions/${id}/administrations`, {
          dueAt: MORNING,
          outcome: 'given',
          mouthCheck: true,
        }),
      ).toHaveStatus(201);
    const [first, ...rest] = prescriptionIds;
    for (const id of rest) await give(id);
    expect(await lines(doctor)).toHaveLength(1);
    await give(first as string);
    expect(await lines(doctor)).toEqual([]);
  });
});
