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
/** Monday 2026-12-07, 22:30 in Baku (UTC+4): outside the default working hours (Mon–Fri 09:00–18:00). */
const NIGHT = '2026-12-07T18:30:00.000Z';
/** Tuesday 10:00 and 18:00 in Baku. */
const TUESDAY_10 = '2026-12-08T06:00:00.000Z';
const TUESDAY_18 = '2026-12-08T14:00:00.000Z';

/** PHC-11 (ADR 0057): a PEP exposure reported outside working hours raises an alert. */
describe.skipIf(skip)('PHC-11: PEP outside working hours', () => {
  let t: TestApp;
  let night: string;
  let day: string;
  const sessions = async () => ({
    doctor: await signInAs(t.app, 'doctor'),
    manager: await signInAs(t.app, 'health_manager'),
    nurse: await signInAs(t.app, 'nurse'),
    officer: await signInAs(t.app, 'custodial_officer'),
  });
  const lines = async (who: Session, person: string) =>
    (
      (await allWorklistItems(who)) as { kind: string; subjectId: string; dueAt: string; since: string }[]
    ).filter((i) => i.kind === 'pep_out_of_hours' && i.subjectId === person);
  const report = async (nurse: Session, person: string, exposedAt: string) => {
    const res = await as(nurse).post(`/api/v1/persons/${person}/pep`, {
      exposedAt,
      type: 'needlestick',
      sourceStatus: 'unknown',
    });
    expect(res).toHaveStatus(201);
  };

  beforeAll(async () => {
    t = await buildTestApp({ now: NIGHT });
    await seedTestDemo(t);
    const registrar = await signInAs(t.app, 'registry_officer');
    const institutions = (await as(registrar).get('/api/v1/institutions')).json().items as {
      id: string;
      code: string;
    }[];
    const pilot1 = institutions.find((i) => i.code === 'PILOT-1')?.id as string;
    const admit = async (surname: string) => {
      const res = await as(registrar).post('/api/v1/persons', {
        person: personBody({ surnameLatin: surname, givenNameLatin: 'Test', birthDate: '1991-05-06' }),
        admission: admissionBody(pilot1, '2026-11-01T08:00:00.000Z'),
        confirmedNotDuplicate: true,
      });
      expect(res).toHaveStatus(201);
      return res.json().id as string;
    };
    night = await admit('Gecov');
    day = await admit('Gunduzov');
  });
  afterAll(async () => t?.close());

  it('PHC-11: an exposure reported at night is on the doctors’ and the health manager’s worklist until the end of the next working day; not the nurse’s, not the officer’s', async () => {
    const s = await sessions();
    await report(s.nurse, night, '2026-12-07T18:00:00.000Z');
    const expected = [expect.objectContaining({ since: NIGHT, dueAt: TUESDAY_18 })];
    expect(await lines(s.doctor, night)).toEqual(expected);
    expect(await lines(s.manager, night)).toEqual(expected);
    expect(await lines(s.nurse, night)).toEqual([]);
    const officerItems = (await allWorklistItems(s.officer)) as { kind: string }[];
    expect(officerItems.some((i) => i.kind.startsWith('pep_'))).toBe(false);
  });

  it('PHC-11: an exposure reported in working hours raises none; the night’s alert ends with the next working day', async () => {
    t.clock.set(TUESDAY_10);
    let s = await sessions();
    await report(s.nurse, day, '2026-12-08T05:30:00.000Z');
    expect(await lines(s.doctor, day)).toEqual([]);
    expect(await lines(s.doctor, night)).toHaveLength(1);
    t.clock.set(TUESDAY_18);
    s = await sessions();
    expect(await lines(s.doctor, night)).toEqual([]);
  });
});
