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

const skip = postgresUnavailableReason();
const NOW = '2026-12-07T06:00:00.000Z';

/** PHC-9 (ADR 0057): staff are eligible for the yearly TB screening; their coverage is occupational health. */
describe.skipIf(skip)('PHC-9: the staff’s yearly TB screening', () => {
  let t: TestApp;
  let manager: Session;
  let doctor: Session;
  let governor: Session;
  let pilot1: string;
  let staff: { id: string; fullName: string }[];

  beforeAll(async () => {
    t = await buildTestApp({ now: NOW });
    await seedTestDemo(t);
    manager = await signInAs(t.app, 'health_manager');
    doctor = await signInAs(t.app, 'doctor');
    governor = await signInAs(t.app, 'governor');
    const institutions = (await as(governor).get('/api/v1/institutions')).json().items as {
      id: string;
      code: string;
    }[];
    pilot1 = institutions.find((i) => i.code === 'PILOT-1')?.id as string;
    staff = (await as(governor).get(`/api/v1/staff?institutionId=${pilot1}&limit=3`)).json().items;
    expect(staff.length).toBeGreaterThanOrEqual(2);
  });
  afterAll(async () => t?.close());

  const coverage = () => as(manager).get(`/api/v1/tb/staff-coverage?institutionId=${pilot1}`);

  it('PHC-9: the health manager records a staff screening; the yearly coverage counts it, the others are due', async () => {
    const before = (await coverage()).json();
    expect(before.staff).toBeGreaterThan(0);
    const first = staff[0] as { id: string };
    const res = await as(manager).post('/api/v1/tb/staff-screens', {
      institutionId: pilot1,
      staffId: first.id,
      screenedOn: '2026-12-01',
      method: 'chest_xray',
      result: 'negative',
    });
    expect(res).toHaveStatus(201);
    const after = await coverage();
    expect(after).toHaveStatus(200);
    const body = after.json();
    expect(body.screened).toBe(before.screened + 1);
    expect(body.percent).toBeCloseTo(Math.round((body.screened / body.staff) * 1000) / 10);
    const member = body.members.find((m: { staffId: string }) => m.staffId === first.id);
    expect(member).toMatchObject({ lastScreenedOn: '2026-12-01', lastResult: 'negative', due: false });
    expect(body.members.filter((m: { due: boolean }) => m.due)).toHaveLength(body.staff - body.screened);
  });

  it('PHC-9: a screening older than a year no longer counts; a future one is refused, nothing written', async () => {
    const second = staff[1] as { id: string };
    const before = (await coverage()).json();
    expect(
      await as(manager).post('/api/v1/tb/staff-screens', {
        institutionId: pilot1,
        staffId: second.id,
        screenedOn: '2025-11-30',
        method: 'symptom',
        result: 'negative',
      }),
    ).toHaveStatus(201);
    expect((await coverage()).json().screened).toBe(before.screened);
    const future = await as(manager).post('/api/v1/tb/staff-screens', {
      institutionId: pilot1,
      staffId: second.id,
      screenedOn: '2026-12-09',
      method: 'symptom',
      result: 'negative',
    });
    expect(future).toHaveStatus(400);
    expect(future.json().errors[0].code).toBe('in_the_future');
    const rows = await t.services.database.db
      .selectFrom('programme_staff_screen')
      .select('id')
      .where('staff_id', '=', second.id)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('PHC-9: only occupational health (the health manager) reads or records staff screenings: the doctor and the governor are refused', async () => {
    for (const who of [doctor, governor]) {
      expect(await as(who).get(`/api/v1/tb/staff-coverage?institutionId=${pilot1}`)).toHaveStatus(403);
      expect(
        await as(who).post('/api/v1/tb/staff-screens', {
          institutionId: pilot1,
          staffId: (staff[0] as { id: string }).id,
          screenedOn: '2026-12-01',
          method: 'symptom',
          result: 'negative',
        }),
      ).toHaveStatus(403);
    }
  });
});
