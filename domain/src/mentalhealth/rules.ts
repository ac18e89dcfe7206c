import { calendarDateIn } from '../platform/index.ts';
import { wallTimeToInstant } from '../platform/zoned-time.ts';

/**
 * Mental-health referrals, transfers and therapy courses (MHS-1, MHS-2, MHS-5, MHS-9, MHT-2,
 * MHT-3; ADR 0043): pure rules, `now` and the time zone passed in.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** MHS-1: how soon an assessment is due: at once (acute risk), within 24 h (urgent), 72 h (routine). */
export const referralUrgencies = ['immediate', 'h24', 'h72'] as const;
export type ReferralUrgency = (typeof referralUrgencies)[number];
/** MHS-1: "immediate" means within this many hours (the psychiatrist on call is reached at once). */
export const IMMEDIATE_HOURS = 2;
export const urgencyHours: Record<ReferralUrgency, number> = { immediate: IMMEDIATE_HOURS, h24: 24, h72: 72 };

/** Where a referral came from (MHS-1, MHT-2). */
export const referralSources = ['screening', 'staff', 'self', 'instrument'] as const;
export type ReferralSource = (typeof referralSources)[number];

/**
 * MHS-1: when the assessment of a referral falls due. MHT-2: a trigger asking for a same-day
 * assessment (PHQ-9 item 9) is due at midnight ending the day in the institution's zone, and never
 * with less than 4 h when it comes late in the evening (the 24 h limit then applies at most).
 */
export function referralDueAt(
  referredAt: string,
  urgency: ReferralUrgency,
  timeZone: string,
  sameDay = false,
): string {
  const at = Date.parse(referredAt);
  const limit = at + urgencyHours[urgency] * HOUR;
  if (!sameDay) return new Date(limit).toISOString();
  const day = calendarDateIn(new Date(at), timeZone);
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
  const midnight = Date.parse(wallTimeToInstant(`${next}T00:00:00`, timeZone) ?? `${next}T00:00:00Z`);
  return new Date(Math.min(at + 24 * HOUR, Math.max(midnight, at + 4 * HOUR))).toISOString();
}

/** The urgency a trigger's wish maps to (MHT-2's "same day" is urgent, due the same day). */
export function triggerUrgency(wish: 'immediate' | 'h24' | 'same_day' | 'h72'): {
  urgency: ReferralUrgency;
  sameDay: boolean;
} {
  if (wish === 'same_day') return { urgency: 'h24', sameDay: true };
  return { urgency: wish, sameDay: false };
}

export type Escalation = 'none' | 'due' | 'overdue' | 'escalated';

/**
 * MHS-1: where a referral stands on the worklist: waiting (`due`), past its due time (`overdue`:
 * red on the clinicians' list), or overdue by as long again as it was given (`escalated`: the
 * health manager's list too). Assessed: `none`.
 */
export function referralEscalation(
  r: { referredAt: string; dueAt: string; assessedAt: string | null },
  now: Date,
): Escalation {
  if (r.assessedAt) return 'none';
  const due = Date.parse(r.dueAt);
  const t = now.getTime();
  if (t <= due) return 'due';
  const window = Math.max(due - Date.parse(r.referredAt), HOUR);
  return t > due + window ? 'escalated' : 'overdue';
}

/** MHS-1: whether an assessment came in time (null while waiting and not yet late). */
export function assessedInTime(r: { dueAt: string; assessedAt: string | null }, now: Date): boolean | null {
  if (r.assessedAt) return Date.parse(r.assessedAt) <= Date.parse(r.dueAt);
  return now.getTime() > Date.parse(r.dueAt) ? false : null;
}

/** What an assessment decides (MHS-1, MHS-2, MHS-5). */
export const assessmentOutcomes = ['no_further_action', 'care_plan', 'transfer'] as const;
export type AssessmentOutcome = (typeof assessmentOutcomes)[number];
export const mhRiskLevels = ['low', 'moderate', 'high'] as const;

/** MHS-5: the days a transfer to a psychiatric facility may wait before it is escalated. */
export const TRANSFER_TARGET_DAYS = 14;
/** MHS-5: past this many days the delay goes to the governor and the ministry (twice the target). */
export const TRANSFER_ESCALATION_DAYS = 28;

/** MHS-5: the limits a transfer is judged by (an institution's rule thresholds; ADR 0051). */
export interface TransferLimits {
  targetDays: number;
  escalationDays: number;
}
export const transferLimits: TransferLimits = {
  targetDays: TRANSFER_TARGET_DAYS,
  escalationDays: TRANSFER_ESCALATION_DAYS,
};

/** MHS-5: the state of a transfer request: waiting, late (past the target), escalated, or done. */
export function transferState(
  t: { requestedAt: string; transferredAt: string | null; cancelledAt: string | null },
  now: Date,
  limits: TransferLimits = transferLimits,
): 'waiting' | 'overdue' | 'escalated' | 'transferred' | 'cancelled' {
  if (t.transferredAt) return 'transferred';
  if (t.cancelledAt) return 'cancelled';
  const days = (now.getTime() - Date.parse(t.requestedAt)) / DAY;
  if (days > limits.escalationDays) return 'escalated';
  if (days > limits.targetDays) return 'overdue';
  return 'waiting';
}

/** MHS-5: whole days from request to transfer (or to now while waiting). */
export function transferDays(t: { requestedAt: string; transferredAt: string | null }, now: Date): number {
  const end = t.transferredAt ? Date.parse(t.transferredAt) : now.getTime();
  return Math.floor((end - Date.parse(t.requestedAt)) / DAY);
}

// ---------------------------------------------------------------------------------------------
// Non-drug therapies (MHS-2, MHS-9, MHT-3)

/** MHS-2, MHS-9: the catalogue of non-drug interventions. */
export const interventions = [
  'individual_counselling',
  'cbt_group',
  'psychoeducation',
  'occupational_therapy',
  'art_group',
  'sport_group',
  'trauma_focused_women',
] as const;
export type Intervention = (typeof interventions)[number];
/** MHS-9: interventions offered to women only (gender-sensitive, trauma-informed work). */
export const womenOnlyInterventions: ReadonlySet<Intervention> = new Set(['trauma_focused_women']);

/** MHS-2, MHT-3: how a person's place in a session is recorded. */
export const attendanceCodes = [
  'attended',
  'did_not_attend',
  'cancelled_by_person',
  'cancelled_by_service',
  'prevented_by_regime',
  'in_segregation',
  'transferred_or_released',
] as const;
export type AttendanceCode = (typeof attendanceCodes)[number];
/** MHT-3: the codes that are the regime's doing, never the person's (shown to the governor apart). */
export const regimeCauses: ReadonlySet<AttendanceCode> = new Set(['prevented_by_regime', 'in_segregation']);
/** MHT-3: the codes that are the person's own choice. */
export const personCauses: ReadonlySet<AttendanceCode> = new Set(['did_not_attend', 'cancelled_by_person']);

/** MHS-2: a course is completed when at least this share of its planned sessions was attended. */
export const COMPLETION_SHARE = 0.75;
/** NHS Talking Therapies: "finished a course" means at least two attended treatment sessions. */
export const FINISHED_COURSE_SESSIONS = 2;

/** MHS-2: whether attendance completes a course (attended ÷ planned ≥ 75 % by default). */
export function courseCompleted(attended: number, planned: number, share = COMPLETION_SHARE): boolean {
  if (planned <= 0) return false;
  return attended / planned >= share - 1e-9;
}

/** PHQ-9 caseness (≥ 10) and GAD-7 caseness (≥ 8), the thresholds of recovery. */
export const PHQ9_CASENESS = 10;
export const GAD7_CASENESS = 8;
/** Reliable change: PHQ-9 by 6 points, GAD-7 by 4. */
export const PHQ9_RELIABLE = 6;
export const GAD7_RELIABLE = 4;

export interface PairedScores {
  phq9: { first: number; last: number } | null;
  gad7: { first: number; last: number } | null;
}

/**
 * NHS Talking Therapies outcomes of one finished course: reliable improvement (PHQ-9 down 6 or
 * GAD-7 down 4, neither up reliably), reliable deterioration, and recovery (at caseness on either at
 * the start, below both at the end; only counted for those at caseness at the start).
 */
export function courseOutcome(s: PairedScores): {
  atCaseness: boolean;
  recovered: boolean;
  reliableImprovement: boolean;
  reliableDeterioration: boolean;
} {
  const phqDrop = s.phq9 ? s.phq9.first - s.phq9.last : 0;
  const gadDrop = s.gad7 ? s.gad7.first - s.gad7.last : 0;
  const deteriorated = phqDrop <= -PHQ9_RELIABLE || gadDrop <= -GAD7_RELIABLE;
  const improved = !deteriorated && (phqDrop >= PHQ9_RELIABLE || gadDrop >= GAD7_RELIABLE);
  const atCaseness = (s.phq9?.first ?? 0) >= PHQ9_CASENESS || (s.gad7?.first ?? 0) >= GAD7_CASENESS;
  const below =
    (s.phq9 ? s.phq9.last < PHQ9_CASENESS : true) && (s.gad7 ? s.gad7.last < GAD7_CASENESS : true);
  return {
    atCaseness,
    recovered: atCaseness && below && (s.phq9 !== null || s.gad7 !== null),
    reliableImprovement: improved,
    reliableDeterioration: deteriorated,
  };
}
