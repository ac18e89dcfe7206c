import {
  programmeAddDays,
  programmeThresholds,
  RELEASE_SCREEN_DAYS,
  releaseScreenState,
} from '@custodia/domain';
import type { Executor } from '../../platform/db/database.ts';
import type { ProgrammesDeps } from './context.ts';

const MAX_WINDOW = programmeThresholds['PHC-9.release_screen_days'].max;

export interface ReleaseScreenDue {
  personId: string;
  institutionId: string;
  plannedReleaseDate: string;
  state: 'due' | 'overdue';
}

/**
 * PHC-9 (ADR 0050): the people of these institutions (all, when null) whose TB screening at release
 * is due — their planned release (the registry's `plannedReleases`) is within the rule threshold's
 * days (`PHC-9.release_screen_days`, the institution's own value when one institution is asked) and
 * no release screening was recorded since the window opened. Three statements whatever the rows:
 * the threshold and the planned releases together, then the release screenings of those people.
 * Done by recording the symptom screen or chest X-ray with the occasion "release".
 */
export async function releaseScreensDue(
  deps: Pick<ProgrammesDeps, 'registry' | 'screening'>,
  executor: Executor,
  scope: readonly string[] | null,
  today: string,
  limit: number,
): Promise<ReleaseScreenDue[]> {
  if (scope && !scope.length) return [];
  const institutionId = scope?.length === 1 ? (scope[0] as string) : '';
  const [values, releases] = await Promise.all([
    deps.screening.thresholdValues
      ? deps.screening.thresholdValues(executor, ['PHC-9.release_screen_days'], institutionId)
      : Promise.resolve(new Map<string, number>()),
    // Planned in the widest window the threshold allows, and passed while still held (overdue).
    deps.registry.plannedReleases(executor, {
      institutionIds: scope,
      from: programmeAddDays(today, -MAX_WINDOW),
      to: programmeAddDays(today, MAX_WINDOW),
    }),
  ]);
  const windowDays = values.get('PHC-9.release_screen_days') ?? RELEASE_SCREEN_DAYS;
  // The earliest first (the overdue, then the nearest), at most a few pages of them.
  const near = releases
    .filter((r) => r.plannedReleaseDate <= programmeAddDays(today, windowDays))
    .slice(0, limit * 20);
  if (!near.length) return [];
  const screens = await executor
    .selectFrom('programme_screen')
    .select(['person_id', (eb) => eb.fn.max('screened_on').as('last')])
    .where('occasion', '=', 'release')
    .where(
      'person_id',
      'in',
      near.map((r) => r.personId),
    )
    .where('screened_on', '>=', programmeAddDays(today, -2 * MAX_WINDOW))
    .groupBy('person_id')
    .execute();
  const last = new Map(screens.map((s) => [s.person_id, s.last as string | null]));
  const due: ReleaseScreenDue[] = [];
  for (const r of near) {
    const state = releaseScreenState(r.plannedReleaseDate, last.get(r.personId) ?? null, today, windowDays);
    if (state === 'due' || state === 'overdue') due.push({ ...r, state });
    if (due.length >= limit) break;
  }
  return due;
}
