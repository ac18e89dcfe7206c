import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  postgresUnavailableReason,
  type Session,
  seedTestDemo,
  signIn,
  type TestApp,
} from '../../test/app.ts';

const skip = postgresUnavailableReason();

describe.skipIf(skip)('Idempotency-Key', () => {
  let t: TestApp;
  let nurse: Session;
  let personId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set(new Date());
    await seedTestDemo(t);
    nurse = await signIn(t.app, 'demo.nurse');
    personId = (
      await t.app.inject({ method: 'GET', url: '/api/v1/persons?limit=1', headers: nurse.headers })
    ).json().items[0].id;
  });
  afterAll(async () => t?.close());

  const vitals = (key: string, body: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/persons/${personId}/vitals`,
      headers: { ...nurse.headers, 'idempotency-key': key },
      payload: body,
    });
  const stored = async () =>
    (
      await t.services.database.db
        .selectFrom('observation')
        .select('id')
        .where('person_id', '=', personId)
        .execute()
    ).length;

  it('the same key with the same body is recorded once and answered the same, whatever the order of fields', async () => {
    const takenAt = new Date(t.clock.now().getTime() - 60_000).toISOString();
    const before = await stored();
    const first = await vitals('0d6f1f8e-6c1a-4c1e-9a7e-2f5d1b3c4a01', {
      takenAt,
      pulse: 71,
      temperature: 36.6,
    });
    expect(first.statusCode, first.body).toBe(201);
    const again = await vitals('0d6f1f8e-6c1a-4c1e-9a7e-2f5d1b3c4a01', {
      temperature: 36.6,
      pulse: 71,
      takenAt,
    });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await stored()).toBe(before + 2);
  });

  it('the same key with another body is refused with 422 idempotency_key_reused and records nothing', async () => {
    const takenAt = new Date(t.clock.now().getTime() - 60_000).toISOString();
    const first = await vitals('5b2e9c7a-1f3d-4e8b-a6c2-7d9e0f1a2b02', { takenAt, pulse: 80 });
    expect(first.statusCode).toBe(201);
    const before = await stored();
    const other = await vitals('5b2e9c7a-1f3d-4e8b-a6c2-7d9e0f1a2b02', { takenAt, pulse: 120 });
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('idempotency_key_reused');
    expect(await stored()).toBe(before);
  });
});
