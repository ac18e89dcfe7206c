import { z } from 'zod';
import { instantToWallTime, wallTimeToInstant } from '../platform/zoned-time.ts';

export * from './errors.ts';
export * from './responses.ts';

/**
 * Deaths in custody, serious injuries and disappearances (INJ-8, DTH-1, DAT-7, MHS-8, MON-2, X-2;
 * ADR 0037): the notifiable event, its notification checklist with deadlines, the closure rule and
 * the mortality review. Pure functions: `now` and the institution's time zone are passed in.
 */

export const deathEventKinds = ['death', 'serious_injury', 'disappearance'] as const;
export type DeathEventKind = (typeof deathEventKinds)[number];
export const deathSettings = ['in_custody', 'in_hospital_under_custody', 'after_release_28_days'] as const;
export const deathManners = [
  'natural',
  'suicide',
  'homicide',
  'accident',
  'drug_related',
  'undetermined',
  'pending',
] as const;
export type DeathManner = (typeof deathManners)[number];
export const deathChecklistSteps = [
  'emergency_response',
  'doctor_certification',
  'next_of_kin',
  'independent_authority',
  'prosecutor',
  'ministry',
] as const;
export type DeathChecklistStep = (typeof deathChecklistSteps)[number];
export const deathNotificationChannels = [
  'in_person',
  'phone',
  'letter',
  'email',
  'electronic_system',
  'other',
] as const;
export const deathReviewKinds = ['clinical_review', 'psychological_autopsy'] as const;
export type DeathReviewKind = (typeof deathReviewKinds)[number];
export const deathAutopsyStatuses = ['not_requested', 'requested', 'done'] as const;

/**
 * DTH-1, INJ-8: the steps each kind of event opens. A disappearance has no emergency response and
 * no doctor's certification; a serious injury no certification of death.
 */
export function deathStepsOf(kind: DeathEventKind): DeathChecklistStep[] {
  if (kind === 'death') return [...deathChecklistSteps];
  if (kind === 'serious_injury') return deathChecklistSteps.filter((s) => s !== 'doctor_certification');
  return deathChecklistSteps.filter((s) => s !== 'emergency_response' && s !== 'doctor_certification');
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/**
 * DTH-1, INJ-8: how long after the event is found each step is due (ADR 0037). Emergency response at
 * once (15 min: resuscitation, first aid, a search); the doctor's certification within 2 h; the next
 * of kin "at once" (Mandela r.69), which we hold to 4 h; the independent authority and the
 * prosecutor "without delay" (r.71), within 24 h; the ministry by noon of the next day in the
 * institution's zone.
 */
export const STEP_DEADLINE_MINUTES: Record<Exclude<DeathChecklistStep, 'ministry'>, number> = {
  emergency_response: 15,
  doctor_certification: 120,
  next_of_kin: 240,
  independent_authority: 24 * 60,
  prosecutor: 24 * 60,
};
/** DTH-1: the ministry is told by this hour (local) of the day after the event was found. */
export const MINISTRY_DUE_LOCAL_HOUR = 12;
/** DAT-7 indicator: an independent investigation "opened within 24 h" of the event being found. */
export const INVESTIGATION_PROMPT_HOURS = 24;
/** MHS-8: the internal mortality review is concluded within 60 days (ADR 0037). */
export const REVIEW_DUE_DAYS = 60;

/** The next calendar day of a `YYYY-MM-DD` day. */
function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** DTH-1, INJ-8: when a step of an event found at `foundAt` is due, in the institution's zone. */
export function deathStepDueAt(step: DeathChecklistStep, foundAt: string, timeZone: string): string {
  if (step === 'ministry') {
    const day = instantToWallTime(foundAt, timeZone).slice(0, 10);
    const hour = String(MINISTRY_DUE_LOCAL_HOUR).padStart(2, '0');
    return (
      wallTimeToInstant(`${nextDay(day)}T${hour}:00:00`, timeZone) ??
      new Date(Date.parse(foundAt) + 36 * HOUR_MS).toISOString()
    );
  }
  return new Date(Date.parse(foundAt) + STEP_DEADLINE_MINUTES[step] * MINUTE_MS).toISOString();
}

export interface DeathStepFact {
  step: DeathChecklistStep;
  at: string;
}
export type DeathStepState = 'done' | 'done_late' | 'due' | 'overdue';

export interface DeathChecklistLine {
  step: DeathChecklistStep;
  dueAt: string;
  doneAt: string | null;
  state: DeathStepState;
}

/** DTH-1, INJ-8: each step of the event's checklist, its deadline and whether it is done in time. */
export function deathChecklistState(
  kind: DeathEventKind,
  foundAt: string,
  done: readonly DeathStepFact[],
  now: Date,
  timeZone: string,
): DeathChecklistLine[] {
  return deathStepsOf(kind).map((step) => {
    const dueAt = deathStepDueAt(step, foundAt, timeZone);
    const first = done
      .filter((d) => d.step === step)
      .map((d) => d.at)
      .sort()[0];
    const state: DeathStepState = first
      ? first <= dueAt
        ? 'done'
        : 'done_late'
      : now.toISOString() > dueAt
        ? 'overdue'
        : 'due';
    return { step, dueAt, doneAt: first ?? null, state };
  });
}

export interface DeathClosureFacts {
  kind: DeathEventKind;
  closedAt: string | null;
  investigationReference: string | null;
  checklist: readonly DeathChecklistLine[];
  /** MHS-8: a concluded internal review (required for a death). */
  reviewConcluded: boolean;
  /** INJ-8: the body's return (or a documented reason it was not returned) recorded, for a death. */
  bodyAccountedFor: boolean;
}
export interface DeathProblem {
  path: string;
  code: string;
}

/**
 * DTH-1, INJ-8: an event closes only with the reference of an independent investigation, every step
 * of its checklist done, and for a death a concluded internal mortality review (MHS-8).
 */
export function deathClosureProblems(f: DeathClosureFacts): DeathProblem[] {
  const problems: DeathProblem[] = [];
  if (f.closedAt) problems.push({ path: '', code: 'already_closed' });
  if (!f.investigationReference) problems.push({ path: '', code: 'investigation_reference_missing' });
  if (f.checklist.some((l) => l.doneAt === null)) problems.push({ path: '', code: 'checklist_incomplete' });
  if (f.kind === 'death' && !f.reviewConcluded) problems.push({ path: '', code: 'review_not_concluded' });
  // INJ-8: "the body is returned when the investigation allows" — or a documented reason it was not.
  if (f.kind === 'death' && !f.bodyAccountedFor) problems.push({ path: '', code: 'body_return_missing' });
  return problems;
}

/** INJ-8, MHS-8: staff recorded as involved in the event cannot review it. */
export function deathReviewerProblems(staffId: string, involved: readonly string[]): DeathProblem[] {
  return involved.includes(staffId) ? [{ path: 'staffId', code: 'reviewer_involved' }] : [];
}

/** MHS-8: a psychological autopsy is for suicides (and deaths whose manner is still open). */
export function deathReviewKindProblems(
  kind: DeathReviewKind,
  eventKind: DeathEventKind,
  manner: DeathManner | null,
) {
  const problems: DeathProblem[] = [];
  if (
    kind === 'psychological_autopsy' &&
    (eventKind !== 'death' || !['suicide', 'undetermined', 'pending'].includes(manner ?? ''))
  )
    problems.push({ path: 'kind', code: 'psychological_autopsy_for_suicide' });
  return problems;
}

/**
 * INJ-8: what became of the body once the investigation authority released it (ADR 0037, "The
 * body"). `returned`: handed to a relative or their representative. The two documented reasons for
 * no return, each ending in a burial by the state on a date: nobody claimed the body
 * (`unclaimed_state_burial`), or the next of kin declined it in writing (`declined_state_burial`).
 */
export const deathBodyOutcomes = ['returned', 'unclaimed_state_burial', 'declined_state_burial'] as const;
export type DeathBodyOutcome = (typeof deathBodyOutcomes)[number];

export interface DeathBodyReleaseFacts {
  kind: DeathEventKind;
  foundAt: string;
  closedAt: string | null;
  /** How many entries on the body are already recorded (a second one is a correction). */
  recorded: number;
}

/**
 * INJ-8: the release and return of the body, checked against the injected clock in the institution's
 * zone. Only for a death; once (a later entry is a correction with its reason, X-2); the release
 * not before the death was found; the return not before the release nor in the future; a return
 * names its recipient and their relation; a burial by the state has its day, not after today's
 * local day.
 */
export function deathBodyReleaseProblems(
  f: DeathBodyReleaseFacts,
  input: DeathBodyReleaseInput,
  now: Date,
  timeZone: string,
): DeathProblem[] {
  const problems: DeathProblem[] = [];
  if (f.kind !== 'death') return [{ path: '', code: 'body_death_only' }];
  if (f.closedAt) problems.push({ path: '', code: 'already_closed' });
  if (f.recorded > 0 && !input.correctionReason) problems.push({ path: '', code: 'body_return_recorded' });
  problems.push(...deathTimeNotFuture(input.releasedAt, now, 'releasedAt'));
  if (input.releasedAt < f.foundAt) problems.push({ path: 'releasedAt', code: 'before_found' });
  if (input.outcome === 'returned') {
    if (!input.recipientName) problems.push({ path: 'recipientName', code: 'required' });
    if (!input.recipientRelation) problems.push({ path: 'recipientRelation', code: 'required' });
    if (!input.returnedAt) problems.push({ path: 'returnedAt', code: 'required' });
    else {
      problems.push(...deathTimeNotFuture(input.returnedAt, now, 'returnedAt'));
      if (input.returnedAt < f.foundAt) problems.push({ path: 'returnedAt', code: 'before_found' });
      else if (input.returnedAt < input.releasedAt)
        problems.push({ path: 'returnedAt', code: 'before_release' });
    }
  } else if (!input.buriedOn) problems.push({ path: 'buriedOn', code: 'required' });
  else {
    if (input.buriedOn > deathLocalDay(now.toISOString(), timeZone))
      problems.push({ path: 'buriedOn', code: 'in_the_future' });
    if (input.buriedOn < deathLocalDay(input.releasedAt, timeZone))
      problems.push({ path: 'buriedOn', code: 'before_release' });
  }
  return problems;
}

/** A time typed for an event: not in the future (5 minutes of drift allowed). */
export function deathTimeNotFuture(at: string, now: Date, path: string): DeathProblem[] {
  return Date.parse(at) > now.getTime() + 5 * MINUTE_MS ? [{ path, code: 'in_the_future' }] : [];
}

const instant = z.iso.datetime({ offset: false });
const text = (max: number) => z.string().trim().min(1, 'required').max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish();

/** What is recorded when the event is reported (custodial: no clinical content). */
export const deathEventStartSchema = z.object({
  kind: z.enum(deathEventKinds),
  foundAt: instant,
  place: text(300),
  foundBy: text(200),
  circumstances: z.string().trim().min(5, 'reason_too_short').max(4000),
  /** Death: resuscitation attempted; the doctor who pronounced death and when. */
  resuscitationAttempted: z.boolean().nullish(),
  pronouncedBy: optionalText(200),
  pronouncedAt: instant.nullish(),
  setting: z.enum(deathSettings).nullish(),
  manner: z.enum(deathManners).nullish(),
  /** INJ-8: the staff (registry staff ids) who may be implicated; they cannot review it. */
  involvedStaffIds: z.array(z.string().min(1).max(64)).max(50).default([]),
});
export type DeathEventStartInput = z.infer<typeof deathEventStartSchema>;

/** a correction is an amendment with its reason; the record itself is never edited. */
export const deathAmendmentSchema = z
  .object({
    reason: z.string().trim().min(5, 'reason_too_short').max(2000),
    place: optionalText(300),
    foundBy: optionalText(200),
    circumstances: optionalText(4000),
    resuscitationAttempted: z.boolean().nullish(),
    pronouncedBy: optionalText(200),
    pronouncedAt: instant.nullish(),
    setting: z.enum(deathSettings).nullish(),
    manner: z.enum(deathManners).nullish(),
  })
  .refine((a) => Object.entries(a).some(([k, v]) => k !== 'reason' && v !== undefined && v !== null), {
    message: 'nothing_amended',
    path: ['reason'],
  });
export type DeathAmendmentInput = z.infer<typeof deathAmendmentSchema>;

/** DTH-1: one step done, with time, channel and reference (who: the caller). */
export const deathStepSchema = z.object({
  step: z.enum(deathChecklistSteps),
  at: instant,
  channel: z.enum(deathNotificationChannels),
  /** Whom: the authority, office or relative told. */
  recipient: text(300),
  reference: optionalText(200),
  note: optionalText(2000),
});
export type DeathStepInput = z.infer<typeof deathStepSchema>;

/** INJ-8, DTH-1: the independent investigation. */
export const deathInvestigationSchema = z.object({
  authority: text(300),
  reference: text(200),
  openedAt: instant,
});
export type DeathInvestigationInput = z.infer<typeof deathInvestigationSchema>;

/** DAT-7: the clinical part, health roles only. Latest entry stands; all kept. */
/**
 * INJ-8: the body released by the investigation authority (when, its reference) and returned (when,
 * to whom, their relation) or buried by the state for a documented reason (the day). Who: the caller.
 * A second entry is a correction and gives its reason; the latest stands.
 */
export const deathBodyReleaseSchema = z.object({
  releasedAt: instant,
  releaseReference: text(200),
  outcome: z.enum(deathBodyOutcomes),
  returnedAt: instant.nullish(),
  recipientName: optionalText(200),
  recipientRelation: optionalText(100),
  buriedOn: z.iso.date().nullish(),
  note: optionalText(2000),
  correctionReason: z.string().trim().min(5, 'reason_too_short').max(2000).nullish(),
});
export type DeathBodyReleaseInput = z.infer<typeof deathBodyReleaseSchema>;

export const deathClinicalEntrySchema = z.object({
  causeCode: z
    .string()
    .trim()
    .regex(/^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$/, 'icd10_code')
    .nullish(),
  causeText: optionalText(500),
  autopsy: z.enum(deathAutopsyStatuses),
  autopsyResult: optionalText(4000),
});
export type DeathClinicalEntryInput = z.infer<typeof deathClinicalEntrySchema>;

export const deathReviewStartSchema = z.object({ kind: z.enum(deathReviewKinds) });
export const deathReviewerSchema = z.object({ staffId: z.string().trim().min(1).max(64) });
export const deathReviewConcludeSchema = z.object({
  findings: z.string().trim().min(5, 'reason_too_short').max(8000),
});
/** MON-2: each recommendation becomes an action with an owner and a due date. */
export const deathActionSchema = z.object({
  recommendation: z.string().trim().min(5, 'reason_too_short').max(2000),
  ownerStaffId: z.string().trim().min(1).max(64),
  dueOn: z.iso.date(),
});
export const deathActionDoneSchema = z.object({
  evidence: z.string().trim().min(5, 'reason_too_short').max(2000),
});
export const deathCloseSchema = z.object({ note: optionalText(2000) });

/** The day of an instant in the institution's zone. */
export const deathLocalDay = (at: string, timeZone: string) => instantToWallTime(at, timeZone).slice(0, 10);
