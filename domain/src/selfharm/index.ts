import { z } from 'zod';
import {
  OBSERVATION_MINUTES_MAX,
  OBSERVATION_MINUTES_MIN,
  observationCheckState,
  observationIntervalProblem,
  reviewDisciplines,
  reviewProblems,
} from '../clinical/alerts.ts';

export * from './errors.ts';
export * from './responses.ts';

/*
 * Suicide and self-harm care plans (issue 17 item 4; SSH-1, MHS-3, MHS-4, MHS-8, ADM-9; ADR 0041):
 * the ACCT process as HMPPS documents it — a concern any staff member raises, an assessment and a
 * first multidisciplinary review within 24 h, the observation schedule published to custodial staff
 * as a health alert without diagnosis, every check logged, reviews, closure only by a review, and a
 * post-closure review. Pure rules: `now` is always passed in.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** SSH-1: the assessment interview within 24 h of the concern. */
export const ASSESSMENT_HOURS = 24;
/** SSH-1: the first multidisciplinary review (with health care) within 24 h of the concern. */
export const FIRST_REVIEW_HOURS = 24;
/** SSH-1: the post-closure review, by default 7 days after the closing review. */
export const POST_CLOSURE_DAYS = 7;
/** MHS-8: the post-incident review after serious self-harm or an attempted suicide (default 7 days). */
export const POST_INCIDENT_REVIEW_DAYS = 7;
/** MHS-3: a check counted as escalated once it is this late (the health team is called, too). */
export const CHECK_ESCALATION_MINUTES = 15;
/** A check or a review may be entered up to 24 h after it happened, never in the future. */
export const LATE_ENTRY_HOURS = 24;
const CLOCK_SKEW_MS = 60_000;

export const riskLevels = ['low', 'raised', 'high'] as const;
export type RiskLevel = (typeof riskLevels)[number];
/** MHS-3: constant (a named observer, unbroken) or intermittent at irregular times. */
export const observationModes = ['constant', 'intermittent'] as const;
export type ObservationMode = (typeof observationModes)[number];
/** What a check saw, coded (MED-3: what custodial staff record is an observation, never a judgement). */
export const checkSeen = ['settled', 'asleep_breathing', 'low_withdrawn', 'agitated', 'harming'] as const;
export type CheckSeen = (typeof checkSeen)[number];
/** What prompted the concern (the high-risk moments of MHS-4 among them). */
export const concernContexts = [
  'said_or_wrote',
  'seen_harm',
  'behaviour_change',
  'bad_news',
  'after_court',
  'new_arrival',
  'other',
] as const;
export const incidentKinds = ['serious_self_harm', 'attempted_suicide'] as const;
export type IncidentKind = (typeof incidentKinds)[number];
/** MHS-4: the high-risk moments the system prompts a re-screening at. */
export const rescreenMoments = [
  'admission',
  'transfer_in',
  'court',
  'segregation',
  'bad_news',
  'pre_release',
] as const;
export type RescreenMoment = (typeof rescreenMoments)[number];
export const planReviewDecisions = ['continue', 'close'] as const;
export const postClosureOutcomes = ['no_further_action', 'reopen'] as const;

const instant = z.iso.datetime({ offset: false });
const text = (max: number) => z.string().trim().min(3, 'text_too_short').max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish();

/** SSH-1: a concern, in one screen, by any staff member: what was seen or heard, what was done at once. */
export const concernSchema = z.object({
  context: z.enum(concernContexts),
  seenOrHeard: text(2000),
  immediateAction: text(2000),
  /** When the concern arose (now, when left out). */
  raisedAt: instant.nullish(),
});
export type ConcernInput = z.infer<typeof concernSchema>;

/** SSH-1: the assessment interview (a clinician's: restricted clinical data, never shown to officers). */
export const assessmentSchema = z.object({
  assessedAt: instant,
  narrative: text(8000),
  /** The working diagnosis, if any (ICD-10 text): clinical. */
  workingDiagnosis: optionalText(300),
});
export type AssessmentInput = z.infer<typeof assessmentSchema>;
/** The assessment as sent: with the plan's version (409 on a stale one). */
export const assessmentBodySchema = assessmentSchema.extend({ version: z.number().int().min(1) });

const careAction = z.object({
  text: text(500),
  owner: z.string().trim().min(2, 'text_too_short').max(160),
  dueDate: z.iso.date(),
});
export type CareAction = z.infer<typeof careAction>;

/** The care map: triggers (those custodial staff must know are shared), protective factors, actions. */
export const careMapSchema = z.object({
  triggers: z
    .array(z.object({ text: text(300), shareWithOfficers: z.boolean() }))
    .max(20)
    .default([]),
  protective: z.array(text(300)).max(20).default([]),
  actions: z.array(careAction).max(30).default([]),
});
export type CareMap = z.infer<typeof careMapSchema>;

/**
 * SSH-1, MHS-3: a multidisciplinary case review: who took part (at least two disciplines, one of them
 * health care), the risk level, the observation mode, the care map, the next review — or closure.
 */
export const planReviewSchema = z.object({
  reviewedAt: instant,
  participants: z
    .array(z.object({ name: z.string().trim().min(2).max(160), discipline: z.enum(reviewDisciplines) }))
    .min(2, 'review_not_multidisciplinary')
    .max(20),
  decision: z.enum(planReviewDecisions),
  riskLevel: z.enum(riskLevels),
  mode: z.enum(observationModes),
  /** MHS-3: minutes between checks at most (intermittent); the observer's log interval (constant). */
  intervalMinutes: z.number().int().min(OBSERVATION_MINUTES_MIN).max(240),
  observerName: optionalText(160),
  exceptionReason: optionalText(1000),
  conversationsPerDay: z.number().int().min(0).max(24),
  careMap: careMapSchema,
  /** The next review (required while the plan stays open). */
  nextReviewAt: instant.nullish(),
  /** The review's clinical note: health roles only. */
  note: optionalText(4000),
  version: z.number().int().min(1),
});
export type PlanReviewInput = z.infer<typeof planReviewSchema>;

/** SSH-1, MHS-3: one check, as an officer records it from the ward list. */
export const checkSchema = z.object({
  checkedAt: instant.nullish(),
  seen: z.enum(checkSeen),
  conversation: z.boolean(),
});
export type CheckInput = z.infer<typeof checkSchema>;

/** MHS-8: serious self-harm or an attempted suicide recorded on the plan. */
export const incidentSchema = z.object({
  kind: z.enum(incidentKinds),
  occurredAt: instant,
  description: text(4000),
});
export type IncidentInput = z.infer<typeof incidentSchema>;

/** MHS-8: the post-incident review; its recommendations become care-map actions. */
export const postIncidentReviewSchema = z.object({
  reviewedAt: instant,
  findings: text(8000),
  recommendations: z.array(careAction).min(1, 'recommendation_required').max(20),
});
export type PostIncidentReviewInput = z.infer<typeof postIncidentReviewSchema>;

/** SSH-1: the post-closure review. */
export const postClosureReviewSchema = z.object({
  reviewedAt: instant,
  outcome: z.enum(postClosureOutcomes),
  note: optionalText(4000),
});
export type PostClosureReviewInput = z.infer<typeof postClosureReviewSchema>;

/** A care-map action done (its position in the care map), with the plan's version. */
export const actionDoneSchema = z.object({
  index: z.number().int().min(0).max(100),
  version: z.number().int().min(1),
});
export type ActionDoneInput = z.infer<typeof actionDoneSchema>;

export const selfharmReportQuerySchema = z.object({
  institutionId: z.string().min(1).max(64),
  from: z.iso.date(),
  to: z.iso.date(),
});

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

export interface PlanProblem {
  path: string;
  code: string;
}

/**
 * MHS-3: the observation a review sets. Intermittent checks at most 15 minutes apart, up to 30 only
 * with a recorded exception (the rule the health alerts already enforce, `observationIntervalProblem`);
 * constant observation names its observer. SSH-1: a review that keeps the plan open sets the next one.
 */
export function reviewInputProblems(input: PlanReviewInput, now: Date): PlanProblem[] {
  const problems: PlanProblem[] = [...reviewProblems({ ...input, decision: 'continue_observation' })];
  if (input.decision === 'continue') {
    const interval = observationIntervalProblem(input.intervalMinutes, input.exceptionReason);
    if (interval === 'observation_interval_too_long')
      problems.push({ path: 'intervalMinutes', code: interval });
    else if (interval) problems.push({ path: 'exceptionReason', code: interval });
    if (input.mode === 'constant' && !(input.observerName ?? '').trim())
      problems.push({ path: 'observerName', code: 'observer_required' });
    if (!input.nextReviewAt) problems.push({ path: 'nextReviewAt', code: 'next_review_required' });
    else if (input.nextReviewAt <= input.reviewedAt)
      problems.push({ path: 'nextReviewAt', code: 'next_review_before_review' });
  }
  problems.push(...whenProblems(input.reviewedAt, 'reviewedAt', now));
  return problems;
}

/** A time entered for something that happened: not in the future, not more than a day ago. */
export function whenProblems(at: string, path: string, now: Date): PlanProblem[] {
  const t = Date.parse(at);
  if (t > now.getTime() + CLOCK_SKEW_MS) return [{ path, code: 'in_the_future' }];
  if (t < now.getTime() - LATE_ENTRY_HOURS * HOUR) return [{ path, code: 'too_late_to_enter' }];
  return [];
}

/** The facts of a plan the rules read. */
export interface PlanFacts {
  raisedAt: string;
  assessedAt: string | null;
  firstReviewAt: string | null;
  /** The observation in force (set by the last review), null before the first review. */
  observation: { mode: ObservationMode; intervalMinutes: number; since: string } | null;
  nextReviewAt: string | null;
  closedAt: string | null;
  postClosureDueAt: string | null;
  postClosureDoneAt: string | null;
  lastCheckAt: string | null;
  /** MHS-8: incidents and whether their post-incident review is done. */
  incidents: { id: string; occurredAt: string; reviewedAt: string | null }[];
}

export const planStatuses = [
  'awaiting_assessment',
  'awaiting_review',
  'open',
  'post_closure',
  'closed',
] as const;
export type PlanStatus = (typeof planStatuses)[number];

/** The plan's status, derived from its facts (never stored). */
export function planStatus(f: PlanFacts): PlanStatus {
  if (f.closedAt) return f.postClosureDoneAt ? 'closed' : 'post_closure';
  if (!f.firstReviewAt) return f.assessedAt ? 'awaiting_review' : 'awaiting_assessment';
  return 'open';
}

export type CheckStatus = 'ok' | 'missed' | 'escalated';

/**
 * MHS-3, SSH-1: when the next check is due (the last check, or the start of the observation, plus
 * the interval) and whether it was missed — `missed` once past due, `escalated` once more than
 * 15 minutes past due — from `now`, never stored. Null when no observation is in force.
 */
export function checkState(
  f: Pick<PlanFacts, 'observation' | 'closedAt' | 'lastCheckAt'>,
  now: Date,
): { nextCheckDueAt: string; status: CheckStatus; minutesLate: number } | null {
  if (!f.observation || f.closedAt) return null;
  const { nextCheckDueAt, overdue } = observationCheckState(
    { startsAt: f.observation.since, intervalMinutes: f.observation.intervalMinutes },
    f.lastCheckAt,
    now,
  );
  const late = Math.max(0, Math.floor((now.getTime() - Date.parse(nextCheckDueAt)) / 60_000));
  const status: CheckStatus = !overdue ? 'ok' : late > CHECK_ESCALATION_MINUTES ? 'escalated' : 'missed';
  return { nextCheckDueAt, status, minutesLate: overdue ? late : 0 };
}

export const planAlerts = [
  'assessment_due',
  'assessment_overdue',
  'first_review_due',
  'first_review_overdue',
  'review_due',
  'review_overdue',
  'check_missed',
  'check_escalated',
  'post_closure_due',
  'post_closure_overdue',
  'post_incident_review_due',
  'post_incident_review_overdue',
] as const;
export type PlanAlert = (typeof planAlerts)[number];

export interface PlanDue {
  alert: PlanAlert;
  dueAt: string;
  overdue: boolean;
  /** The incident a post-incident review concerns. */
  incidentId?: string;
}

const iso = (ms: number) => new Date(ms).toISOString();
/** A deadline is "due" from 24 h before it (or at once when shorter), overdue after it. */
const DUE_WINDOW_MS = DAY;

/**
 * SSH-1, MHS-3, MHS-8: what is due or overdue on a plan at `now`: the assessment and the first
 * review (24 h from the concern), the next review (the date the last review set), a missed check,
 * the post-closure review (7 days after closure) and each incident's post-incident review.
 */
export function planDue(f: PlanFacts, now: Date): PlanDue[] {
  const t = now.getTime();
  const out: PlanDue[] = [];
  const deadline = (due: PlanAlert, overdue: PlanAlert, dueAt: number, extra: Partial<PlanDue> = {}) => {
    if (t > dueAt) out.push({ alert: overdue, dueAt: iso(dueAt), overdue: true, ...extra });
    else if (t >= dueAt - DUE_WINDOW_MS)
      out.push({ alert: due, dueAt: iso(dueAt), overdue: false, ...extra });
  };
  const raised = Date.parse(f.raisedAt);
  if (!f.closedAt) {
    if (!f.assessedAt) deadline('assessment_due', 'assessment_overdue', raised + ASSESSMENT_HOURS * HOUR);
    if (!f.firstReviewAt)
      deadline('first_review_due', 'first_review_overdue', raised + FIRST_REVIEW_HOURS * HOUR);
    else if (f.nextReviewAt) deadline('review_due', 'review_overdue', Date.parse(f.nextReviewAt));
    const check = checkState(f, now);
    if (check && check.status !== 'ok')
      out.push({
        alert: check.status === 'escalated' ? 'check_escalated' : 'check_missed',
        dueAt: check.nextCheckDueAt,
        overdue: true,
      });
  } else if (!f.postClosureDoneAt && f.postClosureDueAt) {
    deadline('post_closure_due', 'post_closure_overdue', Date.parse(f.postClosureDueAt));
  }
  // MHS-8: the post-incident review is due from the incident on, overdue after 7 days.
  for (const i of f.incidents) {
    if (i.reviewedAt) continue;
    const dueAt = Date.parse(i.occurredAt) + POST_INCIDENT_REVIEW_DAYS * DAY;
    out.push({
      alert: t > dueAt ? 'post_incident_review_overdue' : 'post_incident_review_due',
      dueAt: iso(dueAt),
      overdue: t > dueAt,
      incidentId: i.id,
    });
  }
  return out;
}

/** SSH-1: the post-closure review's date, 7 days after the closing review. */
export function postClosureDueAt(closedAt: string, days = POST_CLOSURE_DAYS): string {
  return iso(Date.parse(closedAt) + days * DAY);
}

/**
 * SSH-1, MHS-3: a check is refused for a closed plan, before the observation started, in the
 * future or more than a day ago.
 */
export function checkProblems(
  f: Pick<PlanFacts, 'observation' | 'closedAt'>,
  checkedAt: string,
  now: Date,
): PlanProblem[] {
  if (f.closedAt) return [{ path: '', code: 'plan_closed' }];
  if (!f.observation) return [{ path: '', code: 'no_observation_yet' }];
  const when = whenProblems(checkedAt, 'checkedAt', now);
  if (when.length) return when;
  if (checkedAt < f.observation.since) return [{ path: 'checkedAt', code: 'before_observation' }];
  return [];
}

/**
 * MHS-4: the re-screening prompt a custody event sets, with its deadline: the first days after
 * admission (within 72 h), a transfer in (within 24 h), a court hearing (on return, within 24 h of
 * leaving for court). Other events set none.
 */
export function rescreenPromptFor(event: {
  type: string;
  absenceKind?: string | null;
  occurredAt: string;
}): { moment: RescreenMoment; dueAt: string } | null {
  const at = Date.parse(event.occurredAt);
  if (event.type === 'admission') return { moment: 'admission', dueAt: iso(at + 72 * HOUR) };
  if (event.type === 'transfer_in') return { moment: 'transfer_in', dueAt: iso(at + 24 * HOUR) };
  if (event.type === 'absence_out' && event.absenceKind === 'court')
    return { moment: 'court', dueAt: iso(at + 24 * HOUR) };
  return null;
}

/** MHS-4: a segregation placement prompts a re-screening within 24 h of its start. */
export function segregationPromptDueAt(startedAt: string): string {
  return iso(Date.parse(startedAt) + 24 * HOUR);
}

/**
 * MHS-4: bad news a person received, coded (staff record it; the words stay with the code, no
 * narrative needed): a death or serious illness in the family, a refused appeal or parole, an added
 * sentence, a relationship ended (a divorce, a partner leaving), other.
 */
export const badNewsKinds = [
  'death_in_family',
  'illness_in_family',
  'appeal_refused',
  'parole_refused',
  'sentence_added',
  'relationship_ended',
  'other',
] as const;
export type BadNewsKind = (typeof badNewsKinds)[number];

export const badNewsSchema = z.object({
  kind: z.enum(badNewsKinds),
  /** When the person received it (now, when left out). */
  receivedAt: instant.nullish(),
  note: optionalText(500),
});
export type BadNewsInput = z.infer<typeof badNewsSchema>;

/** MHS-4: bad news prompts a re-screening within 24 h of the person receiving it. */
export function badNewsPromptFor(receivedAt: string): { moment: RescreenMoment; dueAt: string } {
  return { moment: 'bad_news', dueAt: iso(Date.parse(receivedAt) + 24 * HOUR) };
}

/** MHS-4: a segregation placement prompts a re-screening within 24 h of its start. */
export function segregationPromptFor(startedAt: string): { moment: RescreenMoment; dueAt: string } {
  return { moment: 'segregation', dueAt: segregationPromptDueAt(startedAt) };
}

/** MHS-4: the weeks before release: the prompt shows 4 weeks before the planned release… */
export const PRE_RELEASE_PROMPT_DAYS = 28;
/** …and the re-screening is due 2 weeks before it, leaving time to plan support on release. */
export const PRE_RELEASE_DUE_DAYS = 14;

/**
 * MHS-4: the pre-release prompt of a planned release (a calendar date, YYYY-MM-DD, taken at the
 * start of that day in UTC): shown from 4 weeks before, due 2 weeks before; none once the release
 * date has passed or while it is further than 4 weeks away.
 */
export function preReleasePromptFor(
  plannedRelease: string,
  now: Date,
): { moment: RescreenMoment; occurredAt: string; dueAt: string } | null {
  const release = Date.parse(`${plannedRelease.slice(0, 10)}T00:00:00.000Z`);
  if (Number.isNaN(release)) return null;
  const shown = release - PRE_RELEASE_PROMPT_DAYS * 24 * HOUR;
  if (now.getTime() < shown || now.getTime() >= release + 24 * HOUR) return null;
  return {
    moment: 'pre_release',
    occurredAt: iso(shown),
    dueAt: iso(release - PRE_RELEASE_DUE_DAYS * 24 * HOUR),
  };
}

/** MHS-4: whether a prompt is due (shown from its moment) or overdue (past its deadline). */
export function promptState(
  p: { dueAt: string; doneAt: string | null },
  now: Date,
): 'done' | 'due' | 'overdue' {
  if (p.doneAt) return 'done';
  return now.toISOString() > p.dueAt ? 'overdue' : 'due';
}

/**
 * The observation schedule as custodial staff read it (SSH-1, MED-3): the mode, the interval, the
 * observer, the conversations a day and the triggers shared with them. No level, no diagnosis, no note.
 */
export function officerSchedule(
  observation: { mode: ObservationMode; intervalMinutes: number; observerName: string | null } | null,
  careMap: CareMap | null,
  conversationsPerDay: number | null,
) {
  return {
    mode: observation?.mode ?? null,
    intervalMinutes: observation?.intervalMinutes ?? null,
    observerName: observation?.mode === 'constant' ? observation.observerName : null,
    conversationsPerDay,
    triggers: (careMap?.triggers ?? []).filter((x) => x.shareWithOfficers).map((x) => x.text),
  };
}

export { OBSERVATION_MINUTES_MAX };
