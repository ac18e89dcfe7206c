import { z } from 'zod';
import type { Permission } from '../identity/index.ts';
import {
  SMALL_CELL_THRESHOLD,
  type Suppression,
  type SuppressionLine,
  suppressedCells,
} from '../platform/suppression.ts';
import {
  approvedEquipment,
  approvedHolds,
  endReasons,
  harmKinds,
  lessRestrictiveMeasures,
  type RestraintType,
  restraintTypes,
  type SupervisionPosition,
  supervisionPositions,
} from './vocabulary.ts';

/**
 * Restraint and seclusion in a mental-health crisis (STANDARDS RST-1 … RST-16; CPT/Inf(2017)6):
 * a last resort, ordered or approved by a doctor, continuously supervised, as short as possible, and
 * written to an append-only register. Everything here is a pure rule; `now` is passed in.
 */

export * from './vocabulary.ts';

const instant = z.iso.datetime({ offset: false });
const text = (min: number, max: number) => z.string().trim().min(min).max(max);

export const restraintStartSchema = z.object({
  types: z.array(z.enum(restraintTypes)).min(1).max(4),
  /** RST-1: why a combination shortens the measure or prevents serious harm. */
  combinationReason: text(10, 1000).nullish(),
  /** The room (a cell of the registry, with its type). */
  cellId: z.string().min(1).max(64),
  /** RST-16: whether other patients or prisoners can see the person. */
  inViewOfOthers: z.boolean(),
  startedAt: instant,
  /** Staff act first and type later: an entry more than 10 minutes after the start needs a reason. */
  lateEntryReason: text(10, 1000).nullish(),
  /** RST-2: a doctor's order after an individual assessment, or an emergency start by staff. */
  authorisation: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('doctor_order'), assessment: text(10, 4000) }),
    z.object({ kind: z.literal('emergency_start') }),
  ]),
  /** RST-3: last resort. */
  harm: z.enum(harmKinds),
  harmDescription: text(10, 2000),
  lessRestrictiveTried: z.array(z.enum(lessRestrictiveMeasures)).min(1).max(lessRestrictiveMeasures.length),
  lessRestrictiveDescription: text(10, 2000),
  /** The person's stated or advance preferences, or why they could not state any. */
  personPreferences: text(3, 2000),
  equipment: z.array(z.enum(approvedEquipment)).max(approvedEquipment.length).default([]),
  holds: z.array(z.enum(approvedHolds)).max(approvedHolds.length).default([]),
  /** RST-1 chemical: what was given (the prescription itself belongs to the medication module). */
  medication: text(3, 500).nullish(),
  /** RST-8: the staff members applying it (staff directory ids). */
  appliedBy: z.array(z.string().min(1).max(64)).min(1).max(10),
  /** RST-4/RST-5: who supervises from the start, and from where. */
  supervisorId: z.string().min(1).max(64),
  supervisionPosition: z.enum(supervisionPositions),
});
export type RestraintStart = z.infer<typeof restraintStartSchema>;

/** RST-6: a structured observation note. */
export const restraintObservationSchema = z.object({
  at: instant,
  breathing: z.enum(['normal', 'laboured', 'noisy', 'not_breathing']),
  limbCirculation: z.enum(['normal', 'impaired', 'not_applicable']),
  hydrationOffered: z.boolean(),
  toiletNeeds: z.enum(['met', 'not_needed', 'declined']),
  mentalState: z.enum(['calm', 'agitated', 'distressed', 'asleep', 'unresponsive']),
  stillNeeded: z.boolean(),
  note: z.string().trim().max(2000).nullish(),
});
export type RestraintObservation = z.infer<typeof restraintObservationSchema>;

export const restraintReviewSchema = z.object({
  at: instant,
  kind: z.enum(['examination', 'review', 'second_doctor']),
  findings: text(5, 4000),
  continueMeasure: z.boolean(),
  transferConsidered: z.boolean().default(false),
});
export const restraintApprovalSchema = z.object({ at: instant, assessment: text(10, 4000) });
export const restraintHandoverSchema = z.object({
  at: instant,
  supervisorId: z.string().min(1).max(64),
  supervisionPosition: z.enum(supervisionPositions),
});
export const restraintEndSchema = z.object({
  at: instant,
  reason: z.enum(endReasons),
  injuriesToPerson: z.string().trim().max(2000).nullish(),
  injuriesToStaff: z.string().trim().max(2000).nullish(),
});
export const restraintDebriefSchema = z.object({
  at: instant,
  with: z.enum(['person', 'staff']),
  summary: text(10, 4000),
});
export const restraintEscalationSchema = z.object({ at: instant, notified: text(5, 1000) });
export const restraintCorrectionSchema = z.object({
  eventId: z.string().min(1).max(64),
  reason: text(10, 1000),
});
/**
 * RST-1: types added to an open episode (never a second episode beside it), with the reason the
 * combination shortens the measure or prevents serious harm, and what each added type needs.
 */
export const restraintAddTypesSchema = z.object({
  at: instant,
  types: z.array(z.enum(restraintTypes)).min(1).max(3),
  combinationReason: text(10, 1000),
  equipment: z.array(z.enum(approvedEquipment)).max(approvedEquipment.length).default([]),
  holds: z.array(z.enum(approvedHolds)).max(approvedHolds.length).default([]),
  medication: text(3, 500).nullish(),
});
export type RestraintAddTypes = z.infer<typeof restraintAddTypesSchema>;

/** RST-11: the medical examination after the measure, by health staff, out of hearing of others. */
export const restraintMedicalExaminationSchema = z.object({
  at: instant,
  findings: text(5, 4000),
  injuriesFound: z.boolean(),
});
export const restraintComplaintSchema = z.object({ at: instant, text: text(5, 4000) });
/** RST-4/RST-5: a lapse of supervision, recorded as it happened. */
export const restraintSupervisionLapseSchema = z.object({ at: instant, note: text(5, 1000) });
/** RST-8: a staff member's restraint training valid until a date (null: none). */
export const restraintTrainingSchema = z.object({
  trainedUntil: z.iso.date().nullable(),
  version: z.number().int().min(1),
});
/** RST-14: a new version of the institution's restraint policy (at least 50 characters). */
export const restraintPolicyInputSchema = z.object({
  institutionId: z.string().min(1).max(64),
  text: text(50, 50_000),
});

/** The limits in force for one institution (from the thresholds, X-4). */
export interface RestraintLimits {
  examinationMinutes: number;
  observationMinutes: number;
  reviewMinutes: number;
  softAlertMinutes: number;
  secondDoctorMinutes: number;
  repeatEpisodes: number;
  escalationMinutes: number;
  debriefMinutes: number;
  examinationAfterMinutes: number;
}

export const defaultRestraintLimits: RestraintLimits = {
  examinationMinutes: 60,
  observationMinutes: 15,
  reviewMinutes: 60,
  softAlertMinutes: 30,
  secondDoctorMinutes: 240,
  repeatEpisodes: 3,
  escalationMinutes: 24 * 60,
  debriefMinutes: 24 * 60,
  examinationAfterMinutes: 60,
};

export interface StartProblem {
  path: string;
  code: string;
}

/** Problems that refuse a start; an empty list means it may be recorded. */
export function restraintStartProblems(
  input: RestraintStart,
  context: {
    now: Date;
    personInCustody: boolean;
    /** RST-13: an active obstetric alert (in labour, giving birth, just after). */
    obstetricBlock: boolean;
    /** Types already open for this person. */
    openTypes: RestraintType[];
    /** The recorder holds a doctor's role (an order must come from one). */
    recorderIsDoctor: boolean;
  },
): StartProblem[] {
  const problems: StartProblem[] = [];
  const started = Date.parse(input.startedAt);
  const now = context.now.getTime();
  if (!context.personInCustody) problems.push({ path: 'personId', code: 'not_in_custody' });
  if (context.obstetricBlock) problems.push({ path: 'types', code: 'obstetric_block' });
  if (started > now + 60_000) problems.push({ path: 'startedAt', code: 'in_the_future' });
  if (now - started > 2 * 3_600_000) problems.push({ path: 'startedAt', code: 'too_late_to_enter' });
  else if (now - started > 10 * 60_000 && !input.lateEntryReason) {
    problems.push({ path: 'lateEntryReason', code: 'late_entry_reason_required' });
  }
  if (new Set(input.types).size !== input.types.length)
    problems.push({ path: 'types', code: 'duplicate_type' });
  if (input.types.length > 1 && !input.combinationReason) {
    problems.push({ path: 'combinationReason', code: 'combination_reason_required' });
  }
  // RST-1: one open episode per person; another type is added to it with the combination reason.
  for (const type of input.types) {
    if (context.openTypes.includes(type)) problems.push({ path: 'types', code: 'already_open' });
  }
  if (context.openTypes.length && input.types.some((type) => !context.openTypes.includes(type))) {
    problems.push({ path: 'types', code: 'add_to_open_episode' });
  }
  if (input.types.includes('mechanical') && input.equipment.length === 0) {
    problems.push({ path: 'equipment', code: 'equipment_required' });
  }
  if (!input.types.includes('mechanical') && input.equipment.length) {
    problems.push({ path: 'equipment', code: 'equipment_without_mechanical' });
  }
  if (input.types.includes('physical') && input.holds.length === 0)
    problems.push({ path: 'holds', code: 'hold_required' });
  if (input.types.includes('chemical') && !input.medication)
    problems.push({ path: 'medication', code: 'medication_required' });
  const position = supervisionPositionProblem(input.types, input.supervisionPosition);
  if (position) problems.push({ path: 'supervisionPosition', code: position });
  if (input.authorisation.kind === 'doctor_order' && !context.recorderIsDoctor) {
    problems.push({ path: 'authorisation.kind', code: 'order_needs_doctor' });
  }
  return problems;
}

/**
 * RST-1: problems with adding types to an open episode: each type once and not already in it, and
 * what each type needs (RST-8 equipment or hold, the medication, RST-4 a supervisor in the room).
 */
export function restraintAddTypesProblems(
  input: RestraintAddTypes,
  context: { currentTypes: readonly RestraintType[]; supervisionPosition: SupervisionPosition | null },
): StartProblem[] {
  const problems: StartProblem[] = [];
  if (new Set(input.types).size !== input.types.length)
    problems.push({ path: 'types', code: 'duplicate_type' });
  if (input.types.some((type) => context.currentTypes.includes(type)))
    problems.push({ path: 'types', code: 'already_open' });
  const mechanical = input.types.includes('mechanical');
  if (mechanical && input.equipment.length === 0)
    problems.push({ path: 'equipment', code: 'equipment_required' });
  if (!mechanical && input.equipment.length)
    problems.push({ path: 'equipment', code: 'equipment_without_mechanical' });
  if (input.types.includes('physical') && input.holds.length === 0)
    problems.push({ path: 'holds', code: 'hold_required' });
  if (input.types.includes('chemical') && !input.medication)
    problems.push({ path: 'medication', code: 'medication_required' });
  const position = supervisionPositionProblem(input.types, context.supervisionPosition);
  if (position) problems.push({ path: 'types', code: position });
  return problems;
}

/**
 * RST-1: the types of an episode: those of its start and those added since (types_added events
 * that stand), in the order of restraintTypes.
 */
export function episodeTypes(
  started: readonly RestraintType[],
  events: (EpisodeEventFact & { types?: readonly RestraintType[] })[],
): RestraintType[] {
  const all = new Set<RestraintType>(started);
  for (const e of standingEvents(events)) {
    if (e.kind === 'types_added') for (const type of e.types ?? []) all.add(type);
  }
  return restraintTypes.filter((type) => all.has(type));
}

/**
 * RST-4: mechanical restraint needs a staff member permanently present in the room; RST-5:
 * seclusion needs one who can see and hear the person, from the doorway or an adjacent room at
 * least. Video monitoring alone is not a position that exists (supervisionPositions).
 */
export function supervisionPositionProblem(
  types: readonly RestraintType[],
  position: SupervisionPosition | null,
): 'supervisor_in_room_required' | null {
  return types.includes('mechanical') && position !== 'in_room' ? 'supervisor_in_room_required' : null;
}

/** Flags that do not refuse the start but go into the register and on the board. */
export function restraintStartFlags(
  input: RestraintStart,
  context: { cellType: string; untrainedStaff: string[] },
): string[] {
  const flags: string[] = [];
  // RST-16: in view of others, or in a room not meant for it.
  if (input.inViewOfOthers) flags.push('in_view_of_others');
  if (!['seclusion', 'safe', 'medical'].includes(context.cellType)) flags.push('unsuitable_room');
  // RST-8: every person applying it holds valid training (STF-4).
  if (context.untrainedStaff.length) flags.push('untrained_staff');
  if (input.authorisation.kind === 'emergency_start') flags.push('emergency_start');
  return flags;
}

/** What can happen in an episode after its start. */
export const restraintEventKinds = [
  'types_added',
  'approval',
  'examination',
  'review',
  'second_doctor',
  'observation',
  'handover',
  'supervision_lapse',
  'escalation',
  'end',
  'debrief_person',
  'debrief_staff',
  'medical_examination',
  'correction',
  'complaint',
] as const;
export type RestraintEventKind = (typeof restraintEventKinds)[number];

/**
 * The permission that records each kind of event. It is also the one a correction of that event
 * needs: a correction is made only by a role allowed to make the original entry, so an
 * officer cannot void a doctor's examination, review or approval.
 */
export const restraintEventPermission: Record<RestraintEventKind, Permission> = {
  types_added: 'restraint.episode.start',
  approval: 'restraint.episode.approve',
  examination: 'restraint.episode.approve',
  review: 'restraint.episode.approve',
  second_doctor: 'restraint.episode.approve',
  escalation: 'restraint.episode.approve',
  observation: 'restraint.observation.record',
  handover: 'restraint.episode.start',
  supervision_lapse: 'restraint.episode.start',
  end: 'restraint.episode.start',
  debrief_person: 'restraint.episode.start',
  debrief_staff: 'restraint.episode.start',
  medical_examination: 'clinical.record.write',
  correction: 'restraint.episode.start',
  complaint: 'restraint.episode.start',
};

/** One event of an episode, as far as the rules need it. */
export interface EpisodeEventFact {
  id: string;
  kind: RestraintEventKind;
  at: string;
  correctsEventId?: string | null;
}

export type TimerState = 'ok' | 'amber' | 'red';
export interface Timer {
  dueAt: string;
  state: TimerState;
}
/** Amber when due within 2 minutes (the board), red when overdue. */
export const AMBER_MS = 2 * 60_000;

function timer(dueAt: number, now: number): Timer {
  return {
    dueAt: new Date(dueAt).toISOString(),
    state: now > dueAt ? 'red' : dueAt - now <= AMBER_MS ? 'amber' : 'ok',
  };
}

export interface EpisodeState {
  open: boolean;
  endedAt: string | null;
  durationMinutes: number;
  approved: boolean;
  /** RST-2: the doctor's examination (null once done). */
  examination: Timer | null;
  /** RST-6: the next observation note (null once ended). */
  observation: Timer | null;
  /** RST-7: the next doctor's review (null once ended). */
  review: Timer | null;
  /** RST-7 prompts. */
  softAlert: boolean;
  secondDoctorPrompt: boolean;
  escalationRequired: boolean;
  escalated: boolean;
  /** RST-4/RST-5: a recorded lapse of supervision. */
  supervisionBreach: boolean;
  /** RST-9: debriefs due after the end (null before the end or once done). */
  debriefPerson: Timer | null;
  debriefStaff: Timer | null;
  /** RST-11: the examination after the measure (null before the end or once done). */
  medicalExamination: Timer | null;
}

/** The events that stand (not corrections, not corrected), oldest first. */
export function standingEvents<T extends EpisodeEventFact>(events: T[]): T[] {
  const corrected = new Set(events.filter((e) => e.kind === 'correction').map((e) => e.correctsEventId));
  return events
    .filter((e) => e.kind !== 'correction' && !corrected.has(e.id))
    .sort((a, b) => a.at.localeCompare(b.at));
}

/**
 * What the events settle without limits, the clock or earlier episodes: whether and when the
 * episode ended, and whether it is approved (RST-2). What a new event is checked against.
 */
export function episodeStanding(
  authorisation: 'doctor_order' | 'emergency_start',
  events: EpisodeEventFact[],
): { endedAt: string | null; approved: boolean } {
  const live = standingEvents(events);
  return {
    endedAt: live.filter((e) => e.kind === 'end').at(-1)?.at ?? null,
    approved: authorisation === 'doctor_order' || live.some((e) => e.kind === 'approval'),
  };
}

/**
 * The state of an episode at `now`, derived from its start and its events (corrections remove the
 * events they point at). Nothing of it is stored.
 */
export function episodeState(
  episode: {
    startedAt: string;
    authorisation: 'doctor_order' | 'emergency_start';
    priorEpisodes30Days: number;
  },
  events: EpisodeEventFact[],
  limits: RestraintLimits,
  now: Date,
): EpisodeState {
  const live = standingEvents(events);
  const last = (kinds: EpisodeEventFact['kind'][]) => live.filter((e) => kinds.includes(e.kind)).at(-1);
  const start = Date.parse(episode.startedAt);
  const t = now.getTime();
  const end = last(['end']);
  const endMs = end ? Date.parse(end.at) : null;
  const until = endMs ?? t;
  const minutes = (ms: number) => ms / 60_000;
  const duration = minutes(until - start);
  const approved = episode.authorisation === 'doctor_order' || !!last(['approval']);
  const examined = episode.authorisation === 'doctor_order' || !!last(['examination', 'second_doctor']);
  const lastObservation = last(['observation']);
  const lastReview = last(['review', 'examination', 'second_doctor']);
  const open = endMs === null;
  const after = (kind: EpisodeEventFact['kind']) => !!live.find((e) => e.kind === kind);
  const debriefDue = endMs === null ? null : endMs + limits.debriefMinutes * 60_000;
  const examAfterDue = endMs === null ? null : endMs + limits.examinationAfterMinutes * 60_000;
  const longOrRepeated =
    duration >= limits.secondDoctorMinutes || episode.priorEpisodes30Days + 1 >= limits.repeatEpisodes;
  return {
    open,
    endedAt: end?.at ?? null,
    durationMinutes: Math.round(duration),
    approved,
    examination: examined ? null : timer(start + limits.examinationMinutes * 60_000, t),
    observation: open
      ? timer(Date.parse(lastObservation?.at ?? episode.startedAt) + limits.observationMinutes * 60_000, t)
      : null,
    review: open
      ? timer(Date.parse(lastReview?.at ?? episode.startedAt) + limits.reviewMinutes * 60_000, t)
      : null,
    softAlert: open && duration >= limits.softAlertMinutes,
    secondDoctorPrompt: longOrRepeated && !after('second_doctor'),
    escalationRequired: duration >= limits.escalationMinutes && !after('escalation'),
    escalated: after('escalation'),
    supervisionBreach: after('supervision_lapse'),
    debriefPerson: debriefDue === null || after('debrief_person') ? null : timer(debriefDue, t),
    debriefStaff: debriefDue === null || after('debrief_staff') ? null : timer(debriefDue, t),
    medicalExamination: examAfterDue === null || after('medical_examination') ? null : timer(examAfterDue, t),
  };
}

/** Problems with an event's time: before the start, after the end, in the future (RST bad input). */
export function restraintEventTimeProblem(
  at: string,
  episode: { startedAt: string; endedAt: string | null },
  now: Date,
  kind: EpisodeEventFact['kind'],
): 'before_start' | 'after_end' | 'in_the_future' | 'already_ended' | 'before_end' | null {
  if (Date.parse(at) > now.getTime() + 60_000) return 'in_the_future';
  if (at < episode.startedAt) return 'before_start';
  // RST-11: the examination after the measure is made once it has ended.
  if (kind === 'medical_examination' && (!episode.endedAt || at < episode.endedAt)) return 'before_end';
  const duringOnly: EpisodeEventFact['kind'][] = [
    'types_added',
    'observation',
    'review',
    'second_doctor',
    'handover',
    'approval',
    'end',
  ];
  if (episode.endedAt && duringOnly.includes(kind)) return kind === 'end' ? 'already_ended' : 'after_end';
  return null;
}

/** RST-15: the median of durations (minutes), or null for none. */
export function medianOf(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** RST-15: the counts of the monthly report for one unit or the institution. */
export interface RestraintMonthlyCounts {
  episodes: number;
  byType: Record<RestraintType, number>;
  people: number;
  medianMinutes: number | null;
  maxMinutes: number | null;
  beyondSoftAlert: number;
  beyondSecondDoctor: number;
  beyondEscalation: number;
  repeatPeople: number;
  stillOpen: number;
}

/** The same counts as released outside the health service: a suppressed count is null (DAT-6). */
export type RestraintMonthlyCountsShown = {
  [K in keyof RestraintMonthlyCounts]: K extends 'byType'
    ? Record<RestraintType, number | null>
    : number | null;
};

/**
 * DAT-6, RST-15: the monthly report as it reaches roles outside the health service (governors,
 * inspectors, the ministry). Counts from 1 to `threshold` − 1 are left out, and so is every count
 * they could be worked out from: the institution's total of each count against its units (and the
 * episodes recorded in no unit), and each unit's episodes against their types. The median and the
 * longest duration of a group whose size is left out are left out too.
 */
export function suppressMonthlyReport<U extends RestraintMonthlyCounts & { unitId: string }>(
  report: { total: RestraintMonthlyCounts; units: U[] },
  threshold: number = SMALL_CELL_THRESHOLD,
): {
  total: RestraintMonthlyCountsShown;
  units: (Omit<U, keyof RestraintMonthlyCounts> & RestraintMonthlyCountsShown)[];
  suppression: Suppression;
} {
  const measuresOf = (c: RestraintMonthlyCounts): Record<string, number> => ({
    episodes: c.episodes,
    ...Object.fromEntries(restraintTypes.map((t) => [`byType.${t}`, c.byType[t]])),
    people: c.people,
    beyondSoftAlert: c.beyondSoftAlert,
    beyondSecondDoctor: c.beyondSecondDoctor,
    beyondEscalation: c.beyondEscalation,
    repeatPeople: c.repeatPeople,
    stillOpen: c.stillOpen,
  });
  const scopes = [
    { key: 'total', counts: report.total },
    ...report.units.map((u) => ({ key: `unit:${u.unitId}`, counts: u as RestraintMonthlyCounts })),
  ];
  const values: Record<string, number> = {};
  const lines: SuppressionLine[] = [];
  for (const { key, counts } of scopes) {
    for (const [measure, n] of Object.entries(measuresOf(counts))) values[`${key}.${measure}`] = n;
    // The types of a unit's episodes (they may overlap: a line only says who reveals whom).
    lines.push({ total: `${key}.episodes`, parts: restraintTypes.map((t) => `${key}.byType.${t}`) });
  }
  // The institution's column is its units' and the episodes of no unit.
  const unpublished = new Set<string>();
  for (const measure of Object.keys(measuresOf(report.total))) {
    const units = report.units.map((u) => values[`unit:${u.unitId}.${measure}`] ?? 0);
    const none = (values[`total.${measure}`] ?? 0) - units.reduce((a, b) => a + b, 0);
    values[`none.${measure}`] = none;
    // Not shown; a reader may assume there are none, so only a count of them is unknown.
    if (none !== 0) unpublished.add(`none.${measure}`);
    lines.push({
      total: `total.${measure}`,
      parts: [...report.units.map((u) => `unit:${u.unitId}.${measure}`), `none.${measure}`],
    });
  }
  const suppressed = suppressedCells(values, lines, threshold, unpublished);
  const cells: string[] = [];
  const shown = (key: string, counts: RestraintMonthlyCounts): RestraintMonthlyCountsShown => {
    const count = (measure: string, n: number) => {
      if (!suppressed.has(`${key}.${measure}`)) return n;
      cells.push(`${key}.${measure}`);
      return null;
    };
    const sizeHidden = suppressed.has(`${key}.episodes`);
    const duration = (measure: string, n: number | null) => {
      if (!sizeHidden || n === null) return n;
      cells.push(`${key}.${measure}`);
      return null;
    };
    return {
      episodes: count('episodes', counts.episodes),
      byType: Object.fromEntries(
        restraintTypes.map((t) => [t, count(`byType.${t}`, counts.byType[t])]),
      ) as Record<RestraintType, number | null>,
      people: count('people', counts.people),
      medianMinutes: duration('medianMinutes', counts.medianMinutes),
      maxMinutes: duration('maxMinutes', counts.maxMinutes),
      beyondSoftAlert: count('beyondSoftAlert', counts.beyondSoftAlert),
      beyondSecondDoctor: count('beyondSecondDoctor', counts.beyondSecondDoctor),
      beyondEscalation: count('beyondEscalation', counts.beyondEscalation),
      repeatPeople: count('repeatPeople', counts.repeatPeople),
      stillOpen: count('stillOpen', counts.stillOpen),
    };
  };
  return {
    total: shown('total', report.total),
    units: report.units.map((u) => ({ ...u, ...shown(`unit:${u.unitId}`, u) })),
    suppression: { threshold, cells },
  };
}
export * from './errors.ts';
export * from './responses.ts';
export { restraintThresholds } from './thresholds.ts';
