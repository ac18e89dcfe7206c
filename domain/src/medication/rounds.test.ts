import { describe, expect, it } from 'vitest';
import {
  expectedInPossession,
  isRegimeCaused,
  notBroughtProblems,
  PROGRAMME_MISSED_IN_A_ROW,
  possessionCountProblems,
  recordedTimeProblems,
  reportColumnOf,
  roundReportQuerySchema,
} from './rounds.ts';

const codes = (p: { code: string }[]) => p.map((x) => x.code);
const DUE = '2026-11-28T04:00:00.000Z';
const at = (iso: string) => new Date(iso);

describe('ADR 0046: the time a queued (offline) dose was given', () => {
  it.each([
    {
      name: 'given on time, sent an hour later: accepted',
      givenAt: '2026-11-28T04:05:00.000Z',
      now: '2026-11-28T05:05:00.000Z',
      expected: [],
    },
    {
      name: 'given 50 min before its time (inside the late window ahead): accepted',
      givenAt: '2026-11-28T03:10:00.000Z',
      now: '2026-11-28T04:00:00.000Z',
      expected: [],
    },
    {
      name: 'given more than 60 min before its time: refused',
      givenAt: '2026-11-28T02:59:00.000Z',
      now: '2026-11-28T04:00:00.000Z',
      expected: ['given_before_due'],
    },
    {
      name: 'sent 6 h after it was given: accepted',
      givenAt: '2026-11-28T04:00:00.000Z',
      now: '2026-11-28T10:00:00.000Z',
      expected: [],
    },
    {
      name: 'held more than 6 h in the queue: refused (the nurse is shown it)',
      givenAt: '2026-11-28T04:00:00.000Z',
      now: '2026-11-28T10:01:00.000Z',
      expected: ['recorded_too_late'],
    },
  ])('$name', ({ givenAt, now, expected }) => {
    expect(codes(recordedTimeProblems({ dueAt: DUE, givenAt }, at(now)))).toEqual(expected);
  });

  it('a PRN dose has no window: entered afterwards as before', () => {
    expect(
      recordedTimeProblems(
        { dueAt: null, givenAt: '2026-11-27T04:00:00.000Z' },
        at('2026-11-28T04:00:00.000Z'),
      ),
    ).toEqual([]);
  });
});

describe('MDX-3: the officer marks a round from its late window ahead to its missed window after', () => {
  it.each([
    { now: '2026-11-28T02:59:00.000Z', expected: ['round_not_yet'] },
    { now: '2026-11-28T03:00:00.000Z', expected: [] },
    { now: '2026-11-28T10:00:00.000Z', expected: [] },
    { now: '2026-11-28T10:01:00.000Z', expected: ['round_over'] },
  ])('at $now', ({ now, expected }) => {
    expect(codes(notBroughtProblems(DUE, at(now)))).toEqual(expected);
  });
});

describe('issue 15 item 8: what a due dose counts as in the daily report', () => {
  it('MDX-3: a dose not recorded for a person the officer marked not brought is regime-caused', () => {
    expect(reportColumnOf(null, true)).toBe('regime_lockdown');
    expect(isRegimeCaused(reportColumnOf(null, true))).toBe(true);
    expect(reportColumnOf(null, false)).toBe('not_recorded');
    expect(isRegimeCaused('not_recorded')).toBe(false);
  });

  it('a recorded dose counts as what was recorded, even when the person was marked (the nurse saw them)', () => {
    expect(reportColumnOf({ outcome: 'given', reason: null }, true)).toBe('given');
    expect(reportColumnOf({ outcome: 'not_given', reason: 'refused' }, false)).toBe('refused');
    expect(isRegimeCaused('refused')).toBe(false);
    expect(isRegimeCaused('not_available_stock')).toBe(false);
    expect(isRegimeCaused('regime_lockdown')).toBe(true);
  });

  it('a period is at most 31 days, from before to', () => {
    const q = { institutionId: 'i', from: '2026-11-01', to: '2026-12-01' };
    expect(roundReportQuerySchema.safeParse(q).success).toBe(true);
    expect(roundReportQuerySchema.safeParse({ ...q, to: '2026-12-02' }).success).toBe(false);
    expect(roundReportQuerySchema.safeParse({ ...q, to: '2026-10-31' }).success).toBe(false);
  });

  it('issue 15 item 5: the missed-in-a-row threshold is one named constant (2)', () => {
    expect(PROGRAMME_MISSED_IN_A_ROW).toBe(2);
  });
});

describe('MDX-5: an in-possession pack counted at review', () => {
  const supply = { quantity: 14, suppliedAt: '2026-11-28T09:00:00.000Z' };
  it.each([
    { at: '2026-11-28T09:00:00.000Z', perDay: 1, expected: 14 },
    { at: '2026-11-30T09:00:00.000Z', perDay: 1, expected: 12 },
    { at: '2026-11-30T21:00:00.000Z', perDay: 2, expected: 9 },
    { at: '2026-12-28T09:00:00.000Z', perDay: 1, expected: 0 },
    { at: '2026-11-27T09:00:00.000Z', perDay: 1, expected: 14 },
  ])('at $at, $perDay a day: $expected expected', ({ at: when, perDay, expected }) => {
    expect(expectedInPossession(supply, perDay, at(when))).toBe(expected);
  });

  it('a count that differs needs a note; one that matches does not', () => {
    expect(possessionCountProblems(12, 12)).toEqual([]);
    expect(codes(possessionCountProblems(12, 10))).toEqual(['discrepancy_note_required']);
    expect(codes(possessionCountProblems(12, 10, '  '))).toEqual(['discrepancy_note_required']);
    expect(possessionCountProblems(12, 10, 'Two lost in a search')).toEqual([]);
  });
});
