import { z } from 'zod';
import type { Role } from '../identity/index.ts';

export * from './errors.ts';
export * from './register.ts';
export * from './responses.ts';

/**
 * Solitary confinement and segregation (SEG-1 … SEG-13, MHS-7): the kinds of placement, the daily
 * record of a separated person, and the rules that read them. Pure functions: `now` and the
 * institution's time zone are passed in, never read here (ADR 0033).
 */

/**
 * The kinds of placement. Medical isolation (quarantine) is not one of them: it is a separate,
 * clinically ordered type (SEG-6) that belongs to the medical record.
 */
export const placementKinds = ['disciplinary', 'administrative', 'protective', 'own_request'] as const;
export type PlacementKind = (typeof placementKinds)[number];

/** SEG-1: a day with at least this much time in cell and too little contact is solitary confinement. */
export const SOLITARY_IN_CELL_MINUTES = 22 * 60;
/** SEG-9: meaningful human contact of at least 2 h a day (EPR r.53A); below it is flagged. */
export const CONTACT_MINUTES_MIN = 120;
/** SEG-10: at least 1 h outdoors every day. */
export const OUTDOOR_MINUTES_MIN = 60;
/** SEG-2: the pre-alert fires on this day of consecutive solitary confinement. */
export const PRE_ALERT_DAY = 13;
/** SEG-2: no regime continues solitary beyond this many consecutive days. */
export const SOLITARY_MAX_DAYS = 15;
/** SEG-3: a disciplinary placement lasts at most this many days per offence. */
export const DISCIPLINARY_MAX_DAYS = 14;
/**
 * SEG-3: disciplinary placements less than this many days apart run "without a break" and count
 * together against the maximum (CPT 21st GR §56(b): "an interruption of several days"; ADR 0033).
 */
export const DISCIPLINARY_BREAK_DAYS = 7;
/** SEG-7: the director decides on a clinician's recommendation to end within 24 h. */
export const DIRECTOR_DECISION_HOURS = 24;
/** SEG-11: the first review of administrative or protective segregation after a month… */
export const FIRST_REVIEW_DAYS = 30;
/** SEG-11: …then at least every 3 months. */
export const REVIEW_INTERVAL_DAYS = 90;
export const MINUTES_PER_DAY = 1440;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const instant = z.iso.datetime({ offset: false });
const minutes = z.number().int().min(0, 'minutes_negative').max(MINUTES_PER_DAY, 'minutes_over_day');

/** What the decision-maker signs (SEG-2: every placement has a planned end). */
export const placementStartSchema = z.object({
  kind: z.enum(placementKinds),
  reason: z.string().trim().min(5, 'reason_too_short').max(2000),
  /** SEG-3: the offence a disciplinary placement punishes (one placement per offence). */
  offenceReference: z.string().trim().max(200).nullish(),
  startedAt: instant,
  plannedEndAt: instant,
  cellId: z.string().trim().min(1).max(64).nullish(),
  /**
   * SEG-4, MHS-7: the director's reason for placing a person of a protected group; only the
   * director may give one, and it opens an immediate health review.
   */
  overrideReason: z.string().trim().min(10, 'reason_too_short').max(2000).nullish(),
});
export type PlacementStart = z.infer<typeof placementStartSchema>;

/** One day of a separated person (SEG-1, SEG-9, SEG-10), in minutes. */
export const dailyRecordSchema = z.object({
  day: z.iso.date(),
  outOfCellMinutes: minutes,
  outdoorMinutes: minutes,
  contactMinutes: minutes,
});
export type DailyRecordInput = z.infer<typeof dailyRecordSchema>;

/** SEG-5, SEG-7: a clinician's visit. Its content is clinical (MED-1): custodial staff see that it happened. */
export const healthVisitSchema = z.object({
  at: instant,
  /** Whether the person was seen (a refusal or an absence is recorded as not seen). */
  seen: z.boolean(),
  /** SEG-7: an adverse effect of the separation: the clinician recommends ending or changing it. */
  adverseEffect: z.boolean(),
  note: z.string().trim().max(4000).nullish(),
});
export type HealthVisitInput = z.infer<typeof healthVisitSchema>;

/** SEG-8: a visit by the director or a senior manager. */
export const managementVisitSchema = z.object({
  at: instant,
  note: z.string().trim().max(2000).nullish(),
});

export const decisionKinds = ['health_recommendation', 'review'] as const;
export const decisionOutcomes = ['continue', 'end'] as const;
/** SEG-7, SEG-11: the director's decision on a recommendation, or a review; `end` ends the placement. */
export const directorDecisionSchema = z.object({
  kind: z.enum(decisionKinds),
  outcome: z.enum(decisionOutcomes),
  reason: z.string().trim().min(5, 'reason_too_short').max(2000),
});
export type DirectorDecisionInput = z.infer<typeof directorDecisionSchema>;

export const placementEndSchema = z.object({
  endedAt: instant,
  reason: z.string().trim().min(5, 'reason_too_short').max(2000),
});

/** SEG-6: health-care roles never sign a placement (nor any "fit for solitary" certificate). */
export const healthRolesNeverDecide: readonly Role[] = [
  'doctor',
  'psychiatrist',
  'psychologist',
  'feldsher',
  'nurse',
  'pharmacist',
  'dentist',
  'health_manager',
];

/** A problem found by a rule: the field it concerns (`''` for the whole body) and its code. */
export interface SegProblem {
  path: string;
  code: string;
}

// ---------------------------------------------------------------------------------------------
// Days in the institution's time zone

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** Every zone's offset is a whole number of quarter hours: a UTC quarter hour lies in one local day. */
const QUARTER_HOUR_MS = 15 * 60_000;
const dayCache = new Map<string, string>();
const DAY_CACHE_MAX = 200_000;

/** The calendar date (YYYY-MM-DD) of an instant in `timeZone`. */
export function dayIn(instant: Date | string, timeZone: string): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  // The wing list, the worklist and the register ask this for every entry (issue 18, Performance):
  // formatting is slow, so the answer is kept per zone and quarter hour.
  const key = `${timeZone}|${Math.floor(ms / QUARTER_HOUR_MS)}`;
  const known = dayCache.get(key);
  if (known !== undefined) return known;
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = `${get('year')}-${get('month')}-${get('day')}`;
  if (dayCache.size >= DAY_CACHE_MAX) dayCache.clear();
  dayCache.set(key, day);
  return day;
}

/** `day` moved by `n` calendar days. */
export function addDays(day: string, n: number): string {
  // The next day is asked for in every loop over a placement's days: kept once computed.
  if (n === 1) {
    const known = nextDays.get(day);
    if (known !== undefined) return known;
  }
  const result = new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
  if (n === 1) {
    if (nextDays.size >= 100_000) nextDays.clear();
    nextDays.set(day, result);
  }
  return result;
}
const nextDays = new Map<string, string>();

/** Calendar days from `from` to `to` (0 on the same day). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Every calendar day from `from` to `to`, both included. */
export function daysFrom(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Starting a placement

/** What the server knows of the person when a placement is signed (SEG-4, MHS-7). */
export interface PersonFacts {
  inCustody: boolean;
  birthDate: string | null;
  /** SEG-4: a pregnancy recorded in a health alert (a pregnancy diet or an obstetric alert). */
  pregnant: boolean;
  /** SEG-4: a woman with an infant, or breastfeeding (an obstetric alert after birth). */
  withInfant: boolean;
  /** MHS-7: the health alert "not fit for segregation" (solitary contraindicated). */
  contraindicated: boolean;
}

export const protectedGroups = ['child', 'pregnant', 'with_infant', 'contraindicated'] as const;
export type ProtectedGroup = (typeof protectedGroups)[number];

/** SEG-4, MHS-7: the protected groups a person belongs to on `day`. */
export function protectedGroupsOf(person: PersonFacts, day: string): ProtectedGroup[] {
  const groups: ProtectedGroup[] = [];
  if (person.birthDate && addYears(person.birthDate, 18) > day) groups.push('child');
  if (person.pregnant) groups.push('pregnant');
  if (person.withInfant) groups.push('with_infant');
  if (person.contraindicated) groups.push('contraindicated');
  return groups;
}

function addYears(date: string, years: number): string {
  return `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`;
}

/** An earlier placement of the person, as SEG-3 reads it. */
export interface EarlierPlacement {
  kind: PlacementKind;
  startedAt: string;
  /** When it ended, or its planned end while it is open. */
  endsAt: string;
}

export interface StartContext {
  now: Date;
  timeZone: string;
  person: PersonFacts;
  /** The caller holds the director's override (SEG-4, MHS-7). */
  mayOverride: boolean;
  /** The caller holds a health-care role (SEG-6). */
  callerIsHealth: boolean;
  earlier: readonly EarlierPlacement[];
  /** The person already has an open placement. */
  alreadyOpen: boolean;
}

/**
 * Every reason a placement may not be signed as asked; empty when it may. SEG-2 (a planned end),
 * SEG-3 (14 days, back-to-back), SEG-4/MHS-7 (protected groups), SEG-6 (no health role).
 */
export function placementStartProblems(input: PlacementStart, ctx: StartContext): SegProblem[] {
  const problems: SegProblem[] = [];
  // SEG-6: a health role never signs a placement.
  if (ctx.callerIsHealth) problems.push({ path: '', code: 'health_role_cannot_decide' });
  if (!ctx.person.inCustody) problems.push({ path: '', code: 'not_in_custody' });
  if (ctx.alreadyOpen) problems.push({ path: '', code: 'already_open' });
  const start = Date.parse(input.startedAt);
  const end = Date.parse(input.plannedEndAt);
  if (start > ctx.now.getTime() + 5 * 60_000) problems.push({ path: 'startedAt', code: 'in_the_future' });
  if (start < ctx.now.getTime() - DAY_MS) problems.push({ path: 'startedAt', code: 'too_late_to_enter' });
  // SEG-2: every placement has an end after its start.
  if (end <= start) problems.push({ path: 'plannedEndAt', code: 'end_before_start' });
  if (input.kind === 'disciplinary') {
    if (!input.offenceReference) problems.push({ path: 'offenceReference', code: 'offence_required' });
    // SEG-3: at most 14 days per offence.
    if (end - start > DISCIPLINARY_MAX_DAYS * DAY_MS)
      problems.push({ path: 'plannedEndAt', code: 'disciplinary_too_long' });
    // SEG-3: back-to-back: earlier disciplinary placements without a break count together.
    else if (backToBackDays(input, ctx.earlier) > DISCIPLINARY_MAX_DAYS)
      problems.push({ path: 'startedAt', code: 'back_to_back' });
  } else if (input.offenceReference) {
    problems.push({ path: 'offenceReference', code: 'offence_only_disciplinary' });
  }
  // SEG-4, MHS-7: protected groups, unless the director overrides.
  const groups = protectedGroupsOf(ctx.person, dayIn(input.startedAt, ctx.timeZone));
  if (groups.length) {
    if (!ctx.mayOverride) problems.push({ path: '', code: 'protected_group' });
    else if (!input.overrideReason)
      problems.push({ path: 'overrideReason', code: 'override_reason_required' });
  } else if (input.overrideReason) {
    problems.push({ path: 'overrideReason', code: 'override_not_needed' });
  }
  if (input.overrideReason && !ctx.mayOverride)
    problems.push({ path: 'overrideReason', code: 'override_director_only' });
  return dedupe(problems);
}

/**
 * SEG-3: the days a new disciplinary placement would run together with the earlier disciplinary
 * placements that end less than `DISCIPLINARY_BREAK_DAYS` before it (a chain without a break).
 */
export function backToBackDays(
  input: Pick<PlacementStart, 'startedAt' | 'plannedEndAt'>,
  earlier: readonly EarlierPlacement[],
): number {
  const chain = earlier
    .filter((p) => p.kind === 'disciplinary')
    .sort((a, b) => b.endsAt.localeCompare(a.endsAt));
  let from = Date.parse(input.startedAt);
  let total = Date.parse(input.plannedEndAt) - from;
  for (const p of chain) {
    const ends = Math.min(Date.parse(p.endsAt), from);
    if (from - ends >= DISCIPLINARY_BREAK_DAYS * DAY_MS) break;
    total += Math.max(0, ends - Date.parse(p.startedAt));
    from = Math.min(from, Date.parse(p.startedAt));
  }
  return total / DAY_MS;
}

function dedupe(problems: SegProblem[]): SegProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}:${p.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Daily records

/** One day's record as the rules read it. */
export interface DayRecord {
  day: string;
  outOfCellMinutes: number;
  outdoorMinutes: number;
  contactMinutes: number;
}

/**
 * SEG-1: a day is solitary confinement when the person spent at least 22 h in cell without
 * meaningful human contact (less than the 2 h of SEG-9), whatever the regime is called.
 */
export function isSolitaryDay(r: Pick<DayRecord, 'outOfCellMinutes' | 'contactMinutes'>): boolean {
  return (
    MINUTES_PER_DAY - r.outOfCellMinutes >= SOLITARY_IN_CELL_MINUTES && r.contactMinutes < CONTACT_MINUTES_MIN
  );
}

export const dayFlags = ['solitary_day', 'contact_short', 'no_outdoor_hour'] as const;
export type DayFlag = (typeof dayFlags)[number];

/** SEG-1, SEG-9, SEG-10: the flags of one day's record. */
export function dayRecordFlags(r: DayRecord): DayFlag[] {
  const flags: DayFlag[] = [];
  if (isSolitaryDay(r)) flags.push('solitary_day');
  // SEG-9: less than 120 min of meaningful human contact.
  if (r.contactMinutes < CONTACT_MINUTES_MIN) flags.push('contact_short');
  // SEG-10: less than 1 h outdoors.
  if (r.outdoorMinutes < OUTDOOR_MINUTES_MIN) flags.push('no_outdoor_hour');
  return flags;
}

export interface DayRecordContext {
  now: Date;
  timeZone: string;
  placementStartedAt: string;
  placementEndedAt: string | null;
}

/**
 * Why a daily record may not be stored (nothing is written when any applies): a day in the future,
 * outside the placement, or minutes that cannot add up (outdoor time is time out of cell).
 */
export function dayRecordProblems(input: DailyRecordInput, ctx: DayRecordContext): SegProblem[] {
  const problems: SegProblem[] = [];
  if (ctx.placementEndedAt) problems.push({ path: '', code: 'placement_ended' });
  if (input.day > dayIn(ctx.now, ctx.timeZone)) problems.push({ path: 'day', code: 'in_the_future' });
  else if (input.day < dayIn(ctx.placementStartedAt, ctx.timeZone))
    problems.push({ path: 'day', code: 'before_placement' });
  if (input.outdoorMinutes > input.outOfCellMinutes)
    problems.push({ path: 'outdoorMinutes', code: 'outdoor_over_out_of_cell' });
  return problems;
}

/**
 * The record that stands for each day: the latest recorded (a correction is a new record for the
 * same day, the earlier one kept in the timeline).
 */
export function standingDays<T extends DayRecord & { recordedAt: string }>(
  records: readonly T[],
): Map<string, T> {
  const map = new Map<string, T>();
  for (const r of records) {
    const prev = map.get(r.day);
    if (!prev || prev.recordedAt <= r.recordedAt) map.set(r.day, r);
  }
  return map;
}

// ---------------------------------------------------------------------------------------------
// The state of a placement now

export interface PlacementFacts {
  kind: PlacementKind;
  startedAt: string;
  plannedEndAt: string;
  endedAt: string | null;
  overridden: boolean;
  days: readonly DayRecord[];
  /** Health visits: when, and whether the clinician recorded an adverse effect (SEG-7). */
  healthVisits: readonly { at: string; adverseEffect: boolean }[];
  managementVisits: readonly { at: string }[];
  decisions: readonly { at: string; kind: (typeof decisionKinds)[number] }[];
}

export const placementAlerts = [
  'solitary_day',
  'pre_alert_day_13',
  'breach_day_15',
  'health_visit_due',
  'health_visit_missed',
  'health_review_override',
  'management_visit_due',
  'management_visit_missed',
  'director_decision_due',
  'director_decision_overdue',
  'review_due',
  'day_record_due',
  'contact_short',
  'no_outdoor_hour',
  'past_planned_end',
] as const;
export type PlacementAlert = (typeof placementAlerts)[number];

export interface PlacementState {
  /** The day of the placement today: 1 on the day it started (in the institution's zone). */
  dayNumber: number;
  /**
   * SEG-1, SEG-2: consecutive solitary days up to today (or the end): recorded solitary days, and
   * days not yet recorded presumed in cell (the person's protection wins over a missing entry).
   */
  solitaryRun: number;
  alerts: PlacementAlert[];
  /** SEG-5: days that ended without a health visit (breaches at midnight). */
  missedHealthVisitDays: string[];
  /** SEG-8: days of disciplinary solitary that ended without a management visit. */
  missedManagementVisitDays: string[];
  /** SEG-7: the director's decision on the latest recommendation to end, due by. */
  directorDecisionDueAt: string | null;
  /** SEG-11: the next review of administrative or protective segregation, due by. */
  reviewDueAt: string | null;
}

/** SEG-1 … SEG-11: what a placement's facts mean at `now`. */
export function placementState(p: PlacementFacts, now: Date, timeZone: string): PlacementState {
  const first = dayIn(p.startedAt, timeZone);
  const todayNow = dayIn(now, timeZone);
  const last = p.endedAt ? dayIn(p.endedAt, timeZone) : todayNow;
  const today = [last, todayNow].sort()[0] as string;
  const alerts: PlacementAlert[] = [];
  const open = !p.endedAt;
  const dayNumber = Math.max(1, daysBetween(first, today) + 1);

  // SEG-1, SEG-2: the run of consecutive solitary days ending today.
  const byDay = new Map(p.days.map((d) => [d.day, d]));
  let solitaryRun = 0;
  for (let d = today; d >= first; d = addDays(d, -1)) {
    const r = byDay.get(d);
    if (r && !isSolitaryDay(r)) break;
    solitaryRun++;
  }
  const todayRecord = byDay.get(today);
  if (open) {
    if (todayRecord && isSolitaryDay(todayRecord)) alerts.push('solitary_day');
    if (solitaryRun > SOLITARY_MAX_DAYS) alerts.push('breach_day_15');
    else if (solitaryRun >= PRE_ALERT_DAY) alerts.push('pre_alert_day_13');
    if (!todayRecord) alerts.push('day_record_due');
    if (todayRecord) {
      const flags = dayRecordFlags(todayRecord);
      if (flags.includes('contact_short')) alerts.push('contact_short');
      if (flags.includes('no_outdoor_hour')) alerts.push('no_outdoor_hour');
    }
    if (now.toISOString() > p.plannedEndAt) alerts.push('past_planned_end');
  }

  // SEG-5: a health visit at once, then every day; a day that ends without one is a breach.
  const visitDays = new Set(p.healthVisits.map((v) => dayIn(v.at, timeZone)));
  const missedHealthVisitDays = daysFrom(first, today).filter((d) => d < todayNow && !visitDays.has(d));
  if (missedHealthVisitDays.length) alerts.push('health_visit_missed');
  if (open && !visitDays.has(todayNow)) alerts.push('health_visit_due');
  // MHS-7: a director's override opens an immediate health review: the first visit after the start.
  if (open && p.overridden && !p.healthVisits.some((v) => v.at >= p.startedAt))
    alerts.push('health_review_override');

  // SEG-8: a management visit every day of disciplinary solitary.
  let missedManagementVisitDays: string[] = [];
  if (p.kind === 'disciplinary') {
    const mDays = new Set(p.managementVisits.map((v) => dayIn(v.at, timeZone)));
    missedManagementVisitDays = daysFrom(first, today).filter((d) => d < todayNow && !mDays.has(d));
    if (missedManagementVisitDays.length) alerts.push('management_visit_missed');
    if (open && !mDays.has(todayNow)) alerts.push('management_visit_due');
  }

  // SEG-7: a recommendation to end needs the director's decision within 24 h.
  const directorDecisionDueAt = open ? decisionDueAt(p) : null;
  if (directorDecisionDueAt) {
    alerts.push(
      now.toISOString() > directorDecisionDueAt ? 'director_decision_overdue' : 'director_decision_due',
    );
  }

  // SEG-11: reviews of administrative and protective segregation.
  const reviewDueAt = open ? nextReviewDueAt(p) : null;
  if (reviewDueAt && now.toISOString() >= reviewDueAt) alerts.push('review_due');

  return {
    dayNumber,
    solitaryRun,
    alerts,
    missedHealthVisitDays,
    missedManagementVisitDays,
    directorDecisionDueAt,
    reviewDueAt,
  };
}

/** SEG-7: when the director must have decided on the latest recommendation to end (null: none pending). */
export function decisionDueAt(p: Pick<PlacementFacts, 'healthVisits' | 'decisions'>): string | null {
  const recommendation = [...p.healthVisits]
    .filter((v) => v.adverseEffect)
    .sort((a, b) => a.at.localeCompare(b.at))
    .at(-1);
  if (!recommendation) return null;
  const answered = p.decisions.some((d) => d.kind === 'health_recommendation' && d.at >= recommendation.at);
  if (answered) return null;
  return new Date(Date.parse(recommendation.at) + DIRECTOR_DECISION_HOURS * HOUR_MS).toISOString();
}

/** SEG-11: the next review of administrative or protective segregation (null for other kinds). */
export function nextReviewDueAt(p: Pick<PlacementFacts, 'kind' | 'startedAt' | 'decisions'>): string | null {
  if (p.kind !== 'administrative' && p.kind !== 'protective') return null;
  const reviews = p.decisions
    .filter((d) => d.kind === 'review')
    .map((d) => d.at)
    .sort();
  const lastReview = reviews.at(-1);
  return lastReview
    ? new Date(Date.parse(lastReview) + REVIEW_INTERVAL_DAYS * DAY_MS).toISOString()
    : new Date(Date.parse(p.startedAt) + FIRST_REVIEW_DAYS * DAY_MS).toISOString();
}

/** Alerts that are breaches (red), as against those that are due or pre-alerts. */
export const breachAlerts: ReadonlySet<PlacementAlert> = new Set<PlacementAlert>([
  'breach_day_15',
  'health_visit_missed',
  'management_visit_missed',
  'director_decision_overdue',
  'past_planned_end',
]);
