import type { ThresholdDefinition } from '../platform/thresholds.ts';
import { instantToWallTime, wallTimeToInstant } from '../platform/zoned-time.ts';

/**
 * PHC-11 (ADR 0057): the institution's working hours, as rule thresholds (X-1) so each institution
 * keeps its own: the first and last minute of the working day (minutes after midnight in the
 * institution's zone) and the working days (a set of weekdays: Monday 1, Tuesday 2, Wednesday 4,
 * Thursday 8, Friday 16, Saturday 32, Sunday 64; Monday to Friday is 31). Default Monday–Friday
 * 09:00–18:00.
 */
export const workingHoursThresholds = {
  'PHC-11.working_day_start_minutes': {
    defaultValue: 9 * 60,
    min: 0,
    max: 24 * 60 - 1,
    sourceRef: 'PHC-11: UNODC 2013 (the institution’s working hours)',
  },
  'PHC-11.working_day_end_minutes': {
    defaultValue: 18 * 60,
    min: 1,
    max: 24 * 60,
    sourceRef: 'PHC-11: UNODC 2013 (the institution’s working hours)',
  },
  'PHC-11.working_days': {
    defaultValue: 31,
    min: 0,
    max: 127,
    sourceRef: 'PHC-11: UNODC 2013 (the institution’s working days, Monday 1 … Sunday 64)',
  },
} as const satisfies Record<string, ThresholdDefinition>;

export interface WorkingHours {
  startMinutes: number;
  endMinutes: number;
  /** Weekdays as bits: Monday 1 … Sunday 64. */
  days: number;
}

export const defaultWorkingHours: WorkingHours = {
  startMinutes: workingHoursThresholds['PHC-11.working_day_start_minutes'].defaultValue,
  endMinutes: workingHoursThresholds['PHC-11.working_day_end_minutes'].defaultValue,
  days: workingHoursThresholds['PHC-11.working_days'].defaultValue,
};

/** The working hours from the threshold values in force (a missing one keeps its default). */
export function workingHoursOf(values: ReadonlyMap<string, number>): WorkingHours {
  return {
    startMinutes: values.get('PHC-11.working_day_start_minutes') ?? defaultWorkingHours.startMinutes,
    endMinutes: values.get('PHC-11.working_day_end_minutes') ?? defaultWorkingHours.endMinutes,
    days: values.get('PHC-11.working_days') ?? defaultWorkingHours.days,
  };
}

/** The bit of a calendar day's weekday (Monday 1 … Sunday 64). */
const weekdayBit = (date: string) => 1 << ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7);

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** PHC-11: whether an instant falls inside the working hours, in the institution's zone. */
export function withinWorkingHours(at: Date | string, hours: WorkingHours, timeZone: string): boolean {
  const wall = instantToWallTime(at, timeZone);
  if (!wall) return false;
  const date = wall.slice(0, 10);
  if (!(hours.days & weekdayBit(date))) return false;
  const minutes = Number(wall.slice(11, 13)) * 60 + Number(wall.slice(14, 16));
  return minutes >= hours.startMinutes && minutes < hours.endMinutes;
}

/**
 * PHC-11: the end of the first working period that begins after `at` — an out-of-hours alert stands
 * until the team of that working day has had it; null when no day of the coming week is a working day.
 */
export function nextWorkingPeriodEnd(
  at: Date | string,
  hours: WorkingHours,
  timeZone: string,
): string | null {
  const ms = new Date(at).getTime();
  const first = instantToWallTime(at, timeZone).slice(0, 10);
  if (!first || hours.endMinutes <= hours.startMinutes) return null;
  for (let back = 0; back <= 8; back++) {
    const date = new Date(Date.parse(`${first}T12:00:00Z`) + back * 86_400_000).toISOString().slice(0, 10);
    if (!(hours.days & weekdayBit(date))) continue;
    const start = wallTimeToInstant(`${date}T${hhmm(hours.startMinutes)}`, timeZone);
    const end =
      hours.endMinutes >= 24 * 60
        ? wallTimeToInstant(
            `${new Date(Date.parse(`${date}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10)}T00:00`,
            timeZone,
          )
        : wallTimeToInstant(`${date}T${hhmm(hours.endMinutes)}`, timeZone);
    if (start && end && Date.parse(end) > ms) return end;
  }
  return null;
}

/**
 * PHC-11 (ADR 0057): an exposure reported, or a PEP course started, outside working hours raises an
 * alert for the health manager and the doctors, standing until the end of the next working period.
 * Answers when the first out-of-hours event happened and until when the alert stands, or null.
 */
export function pepOutOfHoursAlert(
  events: readonly (string | null)[],
  hours: WorkingHours,
  timeZone: string,
  now: Date,
): { at: string; until: string } | null {
  for (const at of events.filter((e): e is string => e !== null).sort()) {
    if (withinWorkingHours(at, hours, timeZone)) continue;
    const until = nextWorkingPeriodEnd(at, hours, timeZone);
    if (until && Date.parse(until) > now.getTime()) return { at, until };
  }
  return null;
}
