import { describe, expect, it } from 'vitest';
import { dosesMissedToday } from './missed-dose.ts';

const zone = 'Asia/Baku';
// The morning round, 08:00 in Baku, is 04:00 UTC.
const today = '2026-12-07T04:00:00.000Z';
const yesterday = '2026-12-06T04:00:00.000Z';
const at = (iso: string) => new Date(iso);

describe('PHC-7: a missed supervised TB dose raises an alert the same day (ADR 0057)', () => {
  it('PHC-7: an unrecorded dose is missed from the end of the missed window, the same day, not before', () => {
    const doses = [{ dueAt: today, outcome: null }];
    // Due and then late: it may still be given.
    expect(dosesMissedToday(doses, at('2026-12-07T05:00:00.000Z'), zone)).toEqual([]);
    expect(dosesMissedToday(doses, at('2026-12-07T09:59:00.000Z'), zone)).toEqual([]);
    // Six hours after its time (MDX-2): missed, at 14:00 in Baku, the same day.
    expect(dosesMissedToday(doses, at('2026-12-07T10:00:00.000Z'), zone)).toEqual([today]);
    // A shorter missed window set for the institution is followed.
    expect(
      dosesMissedToday(doses, at('2026-12-07T07:00:00.000Z'), zone, { lateMinutes: 60, missedMinutes: 180 }),
    ).toEqual([today]);
  });

  it('PHC-7: a dose recorded not given is missed at once; a given one never; yesterday’s is not today’s alert', () => {
    const now = at('2026-12-07T05:00:00.000Z');
    expect(dosesMissedToday([{ dueAt: today, outcome: 'refused' }], now, zone)).toEqual([today]);
    expect(dosesMissedToday([{ dueAt: today, outcome: 'given' }], now, zone)).toEqual([]);
    expect(dosesMissedToday([{ dueAt: today, outcome: 'given_partial' }], now, zone)).toEqual([]);
    expect(dosesMissedToday([{ dueAt: yesterday, outcome: null }], now, zone)).toEqual([]);
    // The day is the institution's: at 20:30 UTC it is already 00:30 of the next day in Baku.
    expect(dosesMissedToday([{ dueAt: today, outcome: null }], at('2026-12-07T20:30:00.000Z'), zone)).toEqual(
      [],
    );
  });
});
