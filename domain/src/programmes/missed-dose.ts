import { doseState, type MedicationLimits, medicationLimits } from '../medication/rules.ts';
import { instantToWallTime } from '../platform/zoned-time.ts';

/** A supervised dose as the same-day rule reads it: when it fell due, and its recorded outcome if any. */
export interface SupervisedDose {
  dueAt: string;
  /** `given`, `given_partial`, a not-given outcome, or null when nothing is recorded. */
  outcome: string | null;
}

/**
 * PHC-7 (ADR 0057): the supervised doses due today (the institution's calendar day) that are missed
 * at `now` — recorded as not given, or not recorded by the end of the missed window (MDX-2: derived
 * from `now`, never stored by a timer). A dose that may still be given (due or late) is not missed
 * yet; yesterday's doses are the in-a-row rule's (MDX-2), not today's alert.
 */
export function dosesMissedToday(
  doses: readonly SupervisedDose[],
  now: Date,
  timeZone: string,
  limits: Pick<MedicationLimits, 'lateMinutes' | 'missedMinutes'> = medicationLimits,
): string[] {
  const today = instantToWallTime(now, timeZone).slice(0, 10);
  const full = { ...medicationLimits, ...limits };
  return doses
    .filter((d) => instantToWallTime(d.dueAt, timeZone).slice(0, 10) === today)
    .filter((d) => Date.parse(d.dueAt) <= now.getTime())
    .filter((d) =>
      d.outcome === null
        ? doseState(d.dueAt, false, now, full) === 'missed'
        : d.outcome !== 'given' && d.outcome !== 'given_partial',
    )
    .map((d) => d.dueAt)
    .sort();
}
