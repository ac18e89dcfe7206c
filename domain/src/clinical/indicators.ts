import { SMALL_CELL_THRESHOLD, type Suppression, suppressedCells } from '../platform/suppression.ts';

/** ADM-1: the screening indicator of a period (counts and the median time, no names). */
export interface ScreeningRate {
  admissions: number;
  screened: number;
  screenedInTime: number;
  percentInTime: number | null;
  medianMinutes: number | null;
}

/**
 * DAT-6, ADM-1: the screening indicator as it reaches roles outside the health service (a governor,
 * the ministry). Counts from 1 to `threshold` − 1 are left out, and so are those they could be
 * worked out from: admissions − screened (not screened) and screened − in time (late) are never
 * shown, but when small the counts that give them away go. The share in time goes with either of
 * its counts, the median time with the number screened.
 */
export function suppressScreeningRate(
  rate: ScreeningRate,
  threshold: number = SMALL_CELL_THRESHOLD,
): {
  admissions: number | null;
  screened: number | null;
  screenedInTime: number | null;
  percentInTime: number | null;
  medianMinutes: number | null;
  suppression: Suppression;
} {
  const suppressed = suppressedCells(
    {
      admissions: rate.admissions,
      screened: rate.screened,
      screenedInTime: rate.screenedInTime,
      notScreened: rate.admissions - rate.screened,
      late: rate.screened - rate.screenedInTime,
    },
    [
      { total: 'admissions', parts: ['screened', 'notScreened'] },
      { total: 'screened', parts: ['screenedInTime', 'late'] },
    ],
    threshold,
    new Set(['notScreened', 'late']),
  );
  const cells: string[] = [];
  const shown = <T>(key: string, value: T, gone: boolean) => {
    if (!gone || value === null) return value;
    cells.push(key);
    return null;
  };
  return {
    admissions: shown('admissions', rate.admissions, suppressed.has('admissions')),
    screened: shown('screened', rate.screened, suppressed.has('screened')),
    screenedInTime: shown('screenedInTime', rate.screenedInTime, suppressed.has('screenedInTime')),
    percentInTime: shown(
      'percentInTime',
      rate.percentInTime,
      suppressed.has('admissions') || suppressed.has('screenedInTime'),
    ),
    medianMinutes: shown('medianMinutes', rate.medianMinutes, suppressed.has('screened')),
    suppression: { threshold, cells },
  };
}
