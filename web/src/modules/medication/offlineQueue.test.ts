import { describe, expect, it } from 'vitest';
import { ApiError } from '../../app/api.ts';
import { createDoseQueue, QUEUE_PREFIX, type QueuedDose } from './offlineQueue.ts';

const dose = (key: string, givenAt: string, userId = 'u1'): Omit<QueuedDose, 'state'> => ({
  key,
  userId,
  prescriptionId: `p-${key}`,
  personName: `Person ${key}`,
  body: { dueAt: '2026-11-28T04:00:00.000Z', outcome: 'given', mouthCheck: true, givenAt },
  queuedAt: givenAt,
});
const offline = () => new ApiError('network_error', 0);
const alreadyRecorded = () =>
  new ApiError('rule_refused', 400, {
    type: 'about:blank',
    title: 'Refused',
    status: 400,
    code: 'rule_refused',
    detail: 'The medication rules do not allow this; see the field errors.',
    errors: [{ path: 'body.dueAt', code: 'already_recorded', message: 'already_recorded' }],
  } as never);
const other = {
  outcome: 'not_given',
  reason: 'refused',
  givenAt: 'x',
  recordedAt: 'y',
  recordedBy: 'Nurse B',
} as const;

describe('ADR 0046: the round’s offline queue', () => {
  it('keeps doses under their Idempotency-Key in the browser’s storage: a reload finds them, oldest first', () => {
    window.localStorage.clear();
    const queue = createDoseQueue(window.localStorage);
    queue.add(dose('b', '2026-11-28T04:10:00.000Z'));
    queue.add(dose('a', '2026-11-28T04:05:00.000Z'));
    expect(window.localStorage.getItem(`${QUEUE_PREFIX}a`)).toContain('"givenAt":"2026-11-28T04:05:00.000Z"');
    const reloaded = createDoseQueue(window.localStorage);
    expect(reloaded.list('u1').map((d) => [d.key, d.state])).toEqual([
      ['a', 'waiting'],
      ['b', 'waiting'],
    ]);
  });

  it('sends on reconnection with the real times and the same keys; sent records leave the queue', async () => {
    window.localStorage.clear();
    const queue = createDoseQueue(window.localStorage);
    queue.add(dose('a', '2026-11-28T04:05:00.000Z'));
    queue.add(dose('b', '2026-11-28T04:10:00.000Z'));
    const sent: { key: string; givenAt: string }[] = [];
    const result = await queue.flush('u1', {
      send: async (d) => sent.push({ key: d.key, givenAt: d.body.givenAt }),
      otherRecord: async () => null,
    });
    expect(result).toEqual({ sent: 2, conflicts: 0, refused: 0, offline: false });
    expect(sent).toEqual([
      { key: 'a', givenAt: '2026-11-28T04:05:00.000Z' },
      { key: 'b', givenAt: '2026-11-28T04:10:00.000Z' },
    ]);
    expect(queue.list('u1')).toEqual([]);
  });

  it('still offline: nothing is lost, the rest wait for the next try', async () => {
    window.localStorage.clear();
    const queue = createDoseQueue(window.localStorage);
    queue.add(dose('a', '2026-11-28T04:05:00.000Z'));
    queue.add(dose('b', '2026-11-28T04:10:00.000Z'));
    let calls = 0;
    const result = await queue.flush('u1', {
      send: async () => {
        calls += 1;
        throw offline();
      },
      otherRecord: async () => null,
    });
    expect(result.offline).toBe(true);
    expect(calls).toBe(1);
    expect(queue.list('u1').map((d) => d.state)).toEqual(['waiting', 'waiting']);
  });

  it('MDX-2: a dose another nurse recorded meanwhile stays as a conflict with the other record, never dropped', async () => {
    window.localStorage.clear();
    const queue = createDoseQueue(window.localStorage);
    queue.add(dose('a', '2026-11-28T04:05:00.000Z'));
    queue.add(dose('b', '2026-11-28T04:10:00.000Z'));
    const result = await queue.flush('u1', {
      send: async (d) => {
        if (d.key === 'a') throw alreadyRecorded();
      },
      otherRecord: async () => other,
    });
    expect(result).toMatchObject({ sent: 1, conflicts: 1 });
    const [conflict] = createDoseQueue(window.localStorage).list('u1');
    expect(conflict).toMatchObject({ key: 'a', state: 'conflict', other });
    // A second flush does not resend it; only the nurse's dismissal removes it.
    await queue.flush('u1', {
      send: async () => {
        throw new Error('not resent');
      },
      otherRecord: async () => null,
    });
    expect(queue.list('u1')).toHaveLength(1);
    queue.dismiss('a');
    expect(queue.list('u1')).toEqual([]);
  });

  it('another refusal stays with its codes; another user’s records are neither shown nor sent', async () => {
    window.localStorage.clear();
    const queue = createDoseQueue(window.localStorage);
    queue.add(dose('a', '2026-11-28T04:05:00.000Z'));
    queue.add(dose('z', '2026-11-28T04:06:00.000Z', 'u2'));
    const refusal = new ApiError('rule_refused', 400, {
      code: 'rule_refused',
      errors: [{ path: 'body.givenAt', code: 'recorded_too_late', message: '' }],
    } as never);
    const sent: string[] = [];
    await queue.flush('u1', {
      send: async (d) => {
        sent.push(d.key);
        throw refusal;
      },
      otherRecord: async () => null,
    });
    expect(sent).toEqual(['a']);
    expect(queue.list('u1')[0]).toMatchObject({ state: 'refused', codes: ['recorded_too_late'] });
    expect(queue.othersWaiting('u1')).toBe(1);
  });
});
