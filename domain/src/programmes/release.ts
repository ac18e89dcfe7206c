import { programmeAddDays } from './rules.ts';
import { programmeThresholds } from './thresholds.ts';

/** PHC-9: the default number of days before the planned release in which the release screening is due. */
export const RELEASE_SCREEN_DAYS = programmeThresholds['PHC-9.release_screen_days'].defaultValue;

/**
 * PHC-9: the TB screening at release. It is due from `windowDays` before the planned release and
 * overdue once the planned day has passed with the person still held; a release screening recorded
 * on or after the window opened is the one that counts (an earlier one was for an earlier date).
 */
export function releaseScreenState(
  plannedReleaseDate: string,
  lastReleaseScreenOn: string | null,
  today: string,
  windowDays: number = RELEASE_SCREEN_DAYS,
): 'not_yet' | 'due' | 'overdue' | 'done' {
  const opens = programmeAddDays(plannedReleaseDate, -windowDays);
  if (lastReleaseScreenOn && lastReleaseScreenOn >= opens) return 'done';
  if (today < opens) return 'not_yet';
  return today > plannedReleaseDate ? 'overdue' : 'due';
}
