import { z } from 'zod';
import { type Suppression, type SuppressionLine, suppressedCells } from '../platform/suppression.ts';
import {
  addDays,
  CONTACT_MINUTES_MIN,
  dayIn,
  isSolitaryDay,
  OUTDOOR_MINUTES_MIN,
  type PlacementFacts,
  type PlacementKind,
} from './index.ts';

// The kinds again, not imported: index.ts re-exports this file, and a value read at load time
// would meet the cycle before index.ts has run.
const placementKinds = [
  'disciplinary',
  'administrative',
  'protective',
  'own_request',
] as const satisfies readonly PlacementKind[];

/*
 * The segregation register with its daily compliance (issue 18 item 7; ADR 0039): for an
 * institution and a period of whole months in its time zone, each placement that overlaps it, and
 * for the days of the placement in the period (up to today): how many were recorded, solitary
 * (SEG-1), short of outdoor time (SEG-10) or of contact (SEG-9), with and without a health visit
 * (SEG-5) and, for disciplinary placements, a management visit (SEG-8). Then the same counted by
 * kind and in all, the summary that DAT-6 suppresses for readers outside the health service.
 */

/** A month `YYYY-MM`; a period runs from one month to another, both included. */

/** At most this many months in one register (a year, and the month either side to compare). */
export const REGISTER_MAX_MONTHS = 14;

/** The first day of `from` and the last day of `to` (YYYY-MM-DD), or null when reversed or too long. */
export function registerDays(from: string, to: string): { first: string; last: string } | null {
  if (to < from) return null;
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  if ((ty - fy) * 12 + (tm - fm) + 1 > REGISTER_MAX_MONTHS) return null;
  const next = tm === 12 ? `${ty + 1}-01-01` : `${ty}-${String(tm + 1).padStart(2, '0')}-01`;
  return { first: `${from}-01`, last: addDays(next, -1) };
}

/** The counts of a placement's days in the period (each a number of days). */
export const complianceMeasures = [
  'days',
  'recordedDays',
  'solitaryDays',
  'outdoorShortDays',
  'contactShortDays',
  'healthVisitDays',
  'healthVisitMissedDays',
  'managementVisitDays',
  'managementVisitMissedDays',
] as const;
export type ComplianceMeasure = (typeof complianceMeasures)[number];
export type Compliance = Record<ComplianceMeasure, number>;

/**
 * A placement's daily compliance over the days [first, last] of a period, up to `now` (a day of
 * today is counted as a day; it is "missed" only once its midnight has passed, SEG-5). A day with no
 * record is counted as not recorded, not as solitary: the register shows what was recorded (the
 * run of SEG-2 presumes it solitary, ADR 0033). Management visits count for disciplinary placements
 * only (SEG-8).
 */
export function placementCompliance(
  p: PlacementFacts,
  period: { first: string; last: string },
  now: Date,
  timeZone: string,
): Compliance {
  const todayNow = dayIn(now, timeZone);
  const start = dayIn(p.startedAt, timeZone);
  const end = p.endedAt ? dayIn(p.endedAt, timeZone) : todayNow;
  // Days as YYYY-MM-DD sort as text: the later start, the earliest end.
  const first = [start, period.first].sort()[1] as string;
  const last = [end, period.last, todayNow].sort()[0] as string;
  const c: Compliance = {
    days: 0,
    recordedDays: 0,
    solitaryDays: 0,
    outdoorShortDays: 0,
    contactShortDays: 0,
    healthVisitDays: 0,
    healthVisitMissedDays: 0,
    managementVisitDays: 0,
    managementVisitMissedDays: 0,
  };
  if (last < first) return c;
  const byDay = new Map(p.days.map((d) => [d.day, d]));
  const health = new Set(p.healthVisits.map((v) => dayIn(v.at, timeZone)));
  const management = new Set(p.managementVisits.map((v) => dayIn(v.at, timeZone)));
  const disciplinary = p.kind === 'disciplinary';
  for (let d = first; d <= last; d = addDays(d, 1)) {
    c.days++;
    const r = byDay.get(d);
    if (r) {
      c.recordedDays++;
      if (isSolitaryDay(r)) c.solitaryDays++;
      if (r.outdoorMinutes < OUTDOOR_MINUTES_MIN) c.outdoorShortDays++;
      if (r.contactMinutes < CONTACT_MINUTES_MIN) c.contactShortDays++;
    }
    if (health.has(d)) c.healthVisitDays++;
    else if (d < todayNow) c.healthVisitMissedDays++;
    if (disciplinary) {
      if (management.has(d)) c.managementVisitDays++;
      else if (d < todayNow) c.managementVisitMissedDays++;
    }
  }
  return c;
}

/** The summary's groups: each kind of placement, and all of them. */
export const registerGroups = [...placementKinds, 'total'] as const;
export type RegisterGroup = (typeof registerGroups)[number];
/** The summary's counts: placements and people, then the days (each measure). */
export const summaryMeasures = ['placements', 'people', ...complianceMeasures] as const;
export type SummaryMeasure = (typeof summaryMeasures)[number];

/** One line of the summary as released: a count, or null when DAT-6 leaves it out. */
export type SummaryCounts = Record<SummaryMeasure, number | null>;

/** The summary by kind and in all, from the placements' lines. */
export function registerSummary(
  lines: readonly { kind: string; personId: string; compliance: Compliance }[],
): Record<RegisterGroup, Record<SummaryMeasure, number>> {
  const empty = () =>
    Object.fromEntries(summaryMeasures.map((m) => [m, 0])) as Record<SummaryMeasure, number>;
  const out = Object.fromEntries(registerGroups.map((g) => [g, empty()])) as Record<
    RegisterGroup,
    Record<SummaryMeasure, number>
  >;
  const people = new Map<RegisterGroup, Set<string>>(registerGroups.map((g) => [g, new Set()]));
  for (const line of lines) {
    for (const group of [line.kind as RegisterGroup, 'total' as const]) {
      const into = out[group];
      if (!into) continue;
      into.placements++;
      people.get(group)?.add(line.personId);
      for (const m of complianceMeasures) into[m] += line.compliance[m];
    }
  }
  for (const g of registerGroups) out[g].people = people.get(g)?.size ?? 0;
  return out;
}

/**
 * DAT-6: the summary as released outside the health service. Each count of all placements is made
 * of the same count by kind (a line each); every count from 1 to threshold − 1, and what would give
 * it away, is left out (null), and the answer says which.
 */
export function suppressRegisterSummary(
  summary: Record<RegisterGroup, Record<SummaryMeasure, number>>,
  threshold: number,
): { summary: Record<RegisterGroup, SummaryCounts>; suppression: Suppression } {
  const values: Record<string, number> = {};
  for (const g of registerGroups) for (const m of summaryMeasures) values[`${g}.${m}`] = summary[g][m];
  const lines: SuppressionLine[] = summaryMeasures.map((m) => ({
    total: `total.${m}`,
    parts: placementKinds.map((k) => `${k}.${m}`),
  }));
  const cells = suppressedCells(values, lines, threshold);
  const shown = Object.fromEntries(
    registerGroups.map((g) => [
      g,
      Object.fromEntries(summaryMeasures.map((m) => [m, cells.has(`${g}.${m}`) ? null : summary[g][m]])),
    ]),
  ) as Record<RegisterGroup, SummaryCounts>;
  return { summary: shown, suppression: { threshold, cells: [...cells].sort() } };
}

const count = z.number().int();
const complianceSchema = z.object(
  Object.fromEntries(complianceMeasures.map((m) => [m, count])) as Record<ComplianceMeasure, typeof count>,
);
const summaryCountsSchema = z.object(
  Object.fromEntries(summaryMeasures.map((m) => [m, count.nullable()])) as Record<
    SummaryMeasure,
    z.ZodNullable<typeof count>
  >,
);

/** One placement of the register: who, what, when, and its days' compliance in the period. */
export const registerLineSchema = z.object({
  id: z.string(),
  personId: z.string(),
  prisonNumber: z.string(),
  name: z.string(),
  kind: z.enum(placementKinds),
  startedAt: z.string(),
  plannedEndAt: z.string(),
  endedAt: z.string().nullable(),
  compliance: complianceSchema,
});
export type RegisterLine = z.infer<typeof registerLineSchema>;

export const segregationRegisterSchema = z.object({
  institutionId: z.string(),
  from: z.string(),
  to: z.string(),
  /** The institution's zone: days are counted in it. */
  timeZone: z.string(),
  lines: z.array(registerLineSchema),
  summary: z.object(
    Object.fromEntries(registerGroups.map((g) => [g, summaryCountsSchema])) as Record<
      RegisterGroup,
      typeof summaryCountsSchema
    >,
  ),
  /** DAT-6: null for a reader in the health service; otherwise the threshold and the cells left out. */
  suppression: z.object({ threshold: z.number().int(), cells: z.array(z.string()) }).nullable(),
});
export type SegregationRegister = z.infer<typeof segregationRegisterSchema>;

/** SEG-1 across the institutions a reader sees, from one day's records. */
export const solitaryDaySchema = z.object({
  day: z.string(),
  institutions: z.array(
    z.object({
      institutionId: z.string(),
      /** Placements open on the day. */
      placements: count,
      /** Of them, with a record of the day. */
      recorded: count,
      /** Of those, solitary confinement by the minutes (SEG-1). */
      solitary: count,
    }),
  ),
  /** The placements whose record of the day is solitary (SEG-1), by institution. */
  solitary: z.array(z.object({ placementId: z.string(), institutionId: z.string(), personId: z.string() })),
});
export type SolitaryDay = z.infer<typeof solitaryDaySchema>;
