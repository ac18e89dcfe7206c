import { describe, expect, it } from 'vitest';
import { thresholdDefinitions } from '../platform/thresholds.ts';
import {
  defaultWorkingHours,
  nextWorkingPeriodEnd,
  pepOutOfHoursAlert,
  withinWorkingHours,
  workingHoursOf,
} from './working-hours.ts';

const zone = 'Asia/Baku';
// Monday 2026-12-07. Baku is UTC+4: 09:00 there is 05:00 UTC, 18:00 is 14:00 UTC.

describe('PHC-11: the institution’s working hours are rule thresholds (ADR 0057)', () => {
  it('PHC-11: Monday to Friday 09:00–18:00 by default, in the institution’s zone', () => {
    expect(thresholdDefinitions['PHC-11.working_days'].defaultValue).toBe(31);
    expect(defaultWorkingHours).toEqual({ startMinutes: 540, endMinutes: 1080, days: 31 });
    expect(withinWorkingHours('2026-12-07T05:00:00.000Z', defaultWorkingHours, zone)).toBe(true);
    expect(withinWorkingHours('2026-12-07T04:59:00.000Z', defaultWorkingHours, zone)).toBe(false);
    expect(withinWorkingHours('2026-12-07T13:59:00.000Z', defaultWorkingHours, zone)).toBe(true);
    expect(withinWorkingHours('2026-12-07T14:00:00.000Z', defaultWorkingHours, zone)).toBe(false);
    // Saturday noon in Baku.
    expect(withinWorkingHours('2026-12-12T08:00:00.000Z', defaultWorkingHours, zone)).toBe(false);
    // An institution working Saturdays too (Monday … Saturday = 63), from 08:00.
    const own = workingHoursOf(
      new Map([
        ['PHC-11.working_days', 63],
        ['PHC-11.working_day_start_minutes', 480],
      ]),
    );
    expect(withinWorkingHours('2026-12-12T08:00:00.000Z', own, zone)).toBe(true);
    expect(withinWorkingHours('2026-12-07T04:30:00.000Z', own, zone)).toBe(true);
  });

  it('PHC-11: an out-of-hours alert stands until the end of the next working period', () => {
    // Monday 22:00 in Baku → Tuesday 18:00.
    expect(nextWorkingPeriodEnd('2026-12-07T18:00:00.000Z', defaultWorkingHours, zone)).toBe(
      '2026-12-08T14:00:00.000Z',
    );
    // Friday 20:00 → Monday 18:00; Monday 07:00 → the same Monday 18:00.
    expect(nextWorkingPeriodEnd('2026-12-11T16:00:00.000Z', defaultWorkingHours, zone)).toBe(
      '2026-12-14T14:00:00.000Z',
    );
    expect(nextWorkingPeriodEnd('2026-12-07T03:00:00.000Z', defaultWorkingHours, zone)).toBe(
      '2026-12-07T14:00:00.000Z',
    );
  });

  it('PHC-11: a PEP exposure reported (or a course started) outside working hours raises the alert; inside, none', () => {
    const night = '2026-12-07T18:30:00.000Z'; // Monday 22:30 in Baku
    const day = '2026-12-08T06:00:00.000Z'; // Tuesday 10:00
    expect(pepOutOfHoursAlert([night, null], defaultWorkingHours, zone, new Date(day))).toEqual({
      at: night,
      until: '2026-12-08T14:00:00.000Z',
    });
    // After the next working day it is gone.
    expect(
      pepOutOfHoursAlert([night], defaultWorkingHours, zone, new Date('2026-12-08T14:00:00.000Z')),
    ).toBeNull();
    // Reported in working hours, started in working hours: no alert.
    expect(pepOutOfHoursAlert([day, day], defaultWorkingHours, zone, new Date(day))).toBeNull();
    // Reported in working hours, the course started at night: the order raises it.
    expect(
      pepOutOfHoursAlert([day, '2026-12-08T17:00:00.000Z'], defaultWorkingHours, zone, new Date(day))?.at,
    ).toBe('2026-12-08T17:00:00.000Z');
  });
});
