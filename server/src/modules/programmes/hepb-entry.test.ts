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

const skip = postgresUnavailableReason();
const NOW = '2026-12-07T06:00:00.000Z';

/** PHC-11 (ADR 0057): the admission prompts the hepatitis B vaccination offer. */
describe.skipIf(skip)('PHC-11: the hepatitis B vaccination offer prompted by the admission', () => {
  let t: TestApp;
  let nurse: Session;
  let officer: Session;
  let pilot1: string;
  let person: string;

  const lines = async (who: Session) =>
    ((await allWorklistItems(who)) as { kind: string; subjectId: string; dueAt: string }[]).filter(
      (i) => i.kind === 'hepb_entry_offer_due' && i.subjectId === person,
    );
  const openTasks = async () =>
    (
      await t.services.database.db
        .selectFrom('programme_task')
        .select(['id', 'done_on'])
        .where('person_id', '=', person)
        .where('kind', '=', 'hepb_entry_offer')
        .execute()
    ).filter((r) => r.done_on === null);

  beforeAll(async () => {
    t = await buildTestApp({ now: NOW });
    await seedTestDemo(t);
    nurse = await signInAs(t.app, 'nurse');
    officer = await signInAs(t.app, 'custodial_officer');
    const registrar = await signInAs(t.app, 'registry_officer');
    const institutions = (await as(registrar).get('/api/v1/institutions')).json().items as {
      id: string;
      code: string;
    }[];
    pilot1 = institutions.find((i) => i.code === 'PILOT-1')?.id as string;
    const res = await as(registrar).post('/api/v1/persons', {
      person: personBody({ surnameLatin: 'Peyvendov', givenNameLatin: 'Test', birthDate: '1993-07-08' }),
      admission: admissionBody(pilot1, '2026-12-07T05:00:00.000Z'),
      confirmedNotDuplicate: true,
    });
    expect(res).toHaveStatus(201);
    person = res.json().id;
  });
  afterAll(async () => t?.close());

  it('PHC-11: the admission opens the offer, due with the BBV-1 entry offer, on the nurse’s worklist; never the officer’s', async () => {
    expect(await openTasks()).toHaveLength(1);
    expect(await lines(nurse)).toEqual([
      expect.objectContaining({ dueAt: new Date('2026-12-14T00:00:00Z').toISOString() }),
    ]);
    const officerItems = (await allWorklistItems(officer)) as { kind: string }[];
    expect(officerItems.some((i) => i.kind === 'hepb_entry_offer_due')).toBe(false);
  });

  it('PHC-11: the offer recorded ends the prompt; a vaccinated person is not prompted again at a new admission', async () => {
    const offer = await as(nurse).post(`/api/v1/persons/${person}/hepb-vaccination`, {
      schedule: 'standard',
      immunity: 'unknown',
      decision: 'accepted',
      offeredOn: '2026-12-07',
    });
    expect(offer).toHaveStatus(201);
    expect(await openTasks()).toEqual([]);
    expect(await lines(nurse)).toEqual([]);
    // A later admission of the same person (the hook the registry calls): vaccinated, no new prompt.
    await inTransaction(t.services.database.db, (tx) =>
      t.services.programmesBbv.onAdmission(tx, person, pilot1, '2026-12-07T06:00:00.000Z'),
    );
    expect(await openTasks()).toEqual([]);
  });
});
