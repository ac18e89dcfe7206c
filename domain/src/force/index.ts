import { z } from 'zod';
import { type Suppression, type SuppressionLine, suppressedCells } from '../platform/suppression.ts';

export * from './errors.ts';
export * from './responses.ts';

/**
 * Use of force (INJ-7, RST-11; issue 18 item 3, ADR 0036): every use of force is reported by each
 * member of staff involved in a structured account, goes to the governor, and opens a medical
 * examination for each person force was used on. Pure functions: `now` is passed in.
 */

/** The types of force, coded (a restraint episode is one kind of force: `mechanical_restraint`). */
export const forceTypes = [
  'physical_hold',
  'mechanical_restraint',
  'baton',
  'incapacitant_spray',
  'other',
] as const;
export type ForceType = (typeof forceTypes)[number];

/** Why force was used, coded; the narrative says what happened. */
export const forceReasons = [
  'self_defence',
  'protect_others',
  'prevent_self_harm',
  'prevent_escape',
  'prevent_damage',
  'refusal_of_lawful_order',
  'other',
] as const;
export type ForceReason = (typeof forceReasons)[number];

/** Injuries seen (by the staff member giving the account). */
export const injuryAnswers = ['yes', 'no', 'unknown'] as const;
export type InjuryAnswer = (typeof injuryAnswers)[number];

/** INJ-7: the governor's decision on a report. */
export const reviewDecisions = ['justified', 'not_justified', 'referred_for_investigation'] as const;
export type ReviewDecision = (typeof reviewDecisions)[number];

/** RST-11: how an examination after force ended (`injury_record`: documented by the injuries module). */
export const examinationOutcomes = ['no_injuries', 'refused', 'injury_record'] as const;
export type ExaminationOutcome = (typeof examinationOutcomes)[number];

/**
 * RST-11: the examination after force is due at once; it is overdue this long after the force was
 * used (4 h: CPT 2nd GR §53 asks for it "immediately"; ADR 0036 chooses 4 h as the outer limit of
 * "at once", the same margin the register counts as "within the limit").
 */
export const EXAMINATION_LIMIT_MINUTES = 240;
/** INJ-7: the governor reviews a report within 72 h; after that it is overdue on the worklist. */
export const REVIEW_LIMIT_HOURS = 72;
/** A report's time may be ahead of the server's clock by this much (clock drift), no more. */
export const CLOCK_DRIFT_MS = 5 * 60_000;

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

const instant = z.iso.datetime({ offset: false });
const id = z.string().trim().min(1).max(64);

/** One staff member's account (INJ-7): what they did and saw, in coded fields and words. */
export const forceAccountSchema = z.object({
  /** The staff member giving this account: one of the staff involved. */
  staffId: id,
  types: z.array(z.enum(forceTypes)).max(forceTypes.length),
  typeOther: z.string().trim().max(500).nullish(),
  reason: z.enum(forceReasons),
  narrative: z.string().trim().min(10, 'narrative_too_short').max(8000),
  durationMinutes: z
    .number()
    .int()
    .min(0, 'duration_negative')
    .max(24 * 60, 'duration_too_long'),
  deEscalationTried: z.boolean(),
  deEscalation: z.string().trim().max(4000).nullish(),
  injuriesToStaff: z.enum(injuryAnswers),
  injuriesToPerson: z.enum(injuryAnswers),
  witnesses: z.string().trim().max(2000).nullish(),
});
export type ForceAccountInput = z.infer<typeof forceAccountSchema>;

/** INJ-7: a use of force: when and where, on whom, the staff involved, and the first account. */
export const forceReportSchema = z.object({
  occurredAt: instant,
  institutionId: id,
  unitId: id.nullish(),
  cellId: id.nullish(),
  placeNote: z.string().trim().max(500).nullish(),
  personIds: z.array(id).max(20),
  staffIds: z.array(id).max(30),
  /** RST-11: when restraint was used, the restraint episode it was (never recorded twice). */
  restraintEpisodeId: id.nullish(),
  account: forceAccountSchema,
});
export type ForceReportInput = z.infer<typeof forceReportSchema>;

/** a correction is an amendment of one's own account, pointing to it, with its reason. */
export const forceAmendmentSchema = forceAccountSchema.extend({
  amendsId: id,
  amendReason: z.string().trim().min(5, 'reason_too_short').max(2000),
});
export type ForceAmendmentInput = z.infer<typeof forceAmendmentSchema>;

/** INJ-7: the governor acknowledges a report, or decides on it, with a note. */
export const forceReviewSchema = z.object({
  decision: z.enum(reviewDecisions).nullish(),
  note: z.string().trim().min(5, 'note_too_short').max(4000),
});
export type ForceReviewInput = z.infer<typeof forceReviewSchema>;

/**
 * RST-11, MED-4: the examination recorded on this module's page: "examined, no injuries found" or
 * "refused by the person". Out of hearing and sight of non-medical staff unless the clinician asked
 * otherwise, with the reason recorded. (With injuries, the injuries module records it.)
 */
export const forceExaminationSchema = z.object({
  personId: id,
  outcome: z.enum(['no_injuries', 'refused']),
  examinedAt: instant,
  nonMedicalStaffPresent: z.boolean(),
  presenceReason: z.string().trim().max(2000).nullish(),
  note: z.string().trim().max(4000).nullish(),
});
export type ForceExaminationInput = z.infer<typeof forceExaminationSchema>;

export interface ForceProblem {
  path: string;
  code: string;
}

/** An account's own problems: `other` named, de-escalation described when tried. */
export function accountProblems(input: ForceAccountInput, prefix = 'account.'): ForceProblem[] {
  const problems: ForceProblem[] = [];
  if (!input.types.length) problems.push({ path: `${prefix}types`, code: 'no_force_type' });
  if (input.types.includes('other') && !input.typeOther?.trim())
    problems.push({ path: `${prefix}typeOther`, code: 'other_type_unnamed' });
  if (input.deEscalationTried && !input.deEscalation?.trim())
    problems.push({ path: `${prefix}deEscalation`, code: 'de_escalation_undescribed' });
  return problems;
}

/**
 * INJ-7: what refuses a report before anything is written: a time in the future, nobody force was
 * used on, no staff involved, the account's author not among the staff, and the account's own
 * problems. The server adds what it must read (unknown people and staff, the place).
 */
export function reportProblems(input: ForceReportInput, now: Date): ForceProblem[] {
  const problems: ForceProblem[] = [];
  if (Date.parse(input.occurredAt) > now.getTime() + CLOCK_DRIFT_MS)
    problems.push({ path: 'occurredAt', code: 'in_the_future' });
  if (!input.personIds.length) problems.push({ path: 'personIds', code: 'no_person' });
  if (!input.staffIds.length) problems.push({ path: 'staffIds', code: 'no_staff' });
  else if (!input.staffIds.includes(input.account.staffId))
    problems.push({ path: 'account.staffId', code: 'author_not_involved' });
  problems.push(...accountProblems(input.account));
  return problems;
}

/** RST-11: when an examination after force becomes overdue. */
export function examinationOverdueAt(occurredAt: string): string {
  return new Date(Date.parse(occurredAt) + EXAMINATION_LIMIT_MINUTES * MINUTE_MS).toISOString();
}

export type ExaminationState = 'due' | 'overdue' | 'done';

/**
 * RST-11: an examination is due at once after force was used (from the moment it was used), overdue
 * once `EXAMINATION_LIMIT_MINUTES` have passed without one, done once recorded (a refusal recorded
 * by the clinician is done too: the person was offered it).
 */
export function examinationState(occurredAt: string, examinedAt: string | null, now: Date): ExaminationState {
  if (examinedAt) return 'done';
  return now.getTime() >= Date.parse(examinationOverdueAt(occurredAt)) ? 'overdue' : 'due';
}

/** RST-11: whether an examination was done within the limit (the register's count). */
export function examinedInTime(occurredAt: string, examinedAt: string): boolean {
  return Date.parse(examinedAt) - Date.parse(occurredAt) <= EXAMINATION_LIMIT_MINUTES * MINUTE_MS;
}

/** INJ-7: when a report not yet decided becomes overdue for the governor. */
export function reviewOverdueAt(recordedAt: string): string {
  return new Date(Date.parse(recordedAt) + REVIEW_LIMIT_HOURS * HOUR_MS).toISOString();
}

/** RST-11, MED-4: an examination's problems (not before the force, not in the future, a presence reason). */
export function examinationProblems(
  input: Pick<ForceExaminationInput, 'examinedAt' | 'nonMedicalStaffPresent' | 'presenceReason'>,
  occurredAt: string,
  now: Date,
): ForceProblem[] {
  const problems: ForceProblem[] = [];
  if (Date.parse(input.examinedAt) > now.getTime() + CLOCK_DRIFT_MS)
    problems.push({ path: 'examinedAt', code: 'in_the_future' });
  if (Date.parse(input.examinedAt) < Date.parse(occurredAt))
    problems.push({ path: 'examinedAt', code: 'before_force' });
  // MED-4: non-medical staff present only when the clinician asked, and the reason is recorded.
  if (input.nonMedicalStaffPresent && (input.presenceReason?.trim().length ?? 0) < 5)
    problems.push({ path: 'presenceReason', code: 'presence_reason_required' });
  return problems;
}

/** The monthly register's counts for one unit or the institution (INJ-7, RST-11). */
export interface ForceRegisterCounts {
  incidents: number;
  byType: Record<ForceType, number>;
  /** Each person force was used on, once per incident. */
  subjects: number;
  examinedInTime: number;
  examinedLate: number;
  refused: number;
  notExamined: number;
  referred: number;
}
export type ForceRegisterCountsShown = {
  [K in keyof ForceRegisterCounts]: K extends 'byType' ? Record<ForceType, number | null> : number | null;
};

/** The facts the register counts: one incident, its types and each person's examination. */
export interface ForceRegisterFact {
  unitId: string | null;
  occurredAt: string;
  types: readonly ForceType[];
  referred: boolean;
  examinations: readonly { examinedAt: string | null; outcome: ExaminationOutcome | null }[];
}

/** INJ-7, RST-11: the counts of a set of incidents (the examinations against the 4 h limit). */
export function registerCounts(facts: readonly ForceRegisterFact[]): ForceRegisterCounts {
  const counts: ForceRegisterCounts = {
    incidents: facts.length,
    byType: Object.fromEntries(forceTypes.map((t) => [t, 0])) as Record<ForceType, number>,
    subjects: 0,
    examinedInTime: 0,
    examinedLate: 0,
    refused: 0,
    notExamined: 0,
    referred: 0,
  };
  for (const f of facts) {
    for (const t of new Set(f.types)) counts.byType[t] += 1;
    if (f.referred) counts.referred += 1;
    for (const e of f.examinations) {
      counts.subjects += 1;
      if (!e.examinedAt) counts.notExamined += 1;
      else if (e.outcome === 'refused') counts.refused += 1;
      else if (examinedInTime(f.occurredAt, e.examinedAt)) counts.examinedInTime += 1;
      else counts.examinedLate += 1;
    }
  }
  return counts;
}

/**
 * DAT-6 (ADR 0016): the register as released to readers outside the health service. Counts from 1
 * to `threshold` − 1 are left out, and every count they could be worked out from: each scope's
 * incidents against its types, its people against their examination outcomes, and the institution's
 * counts against its units (and incidents recorded in no unit, never shown).
 */
export function suppressRegister<U extends ForceRegisterCounts & { unitId: string }>(
  register: { total: ForceRegisterCounts; units: U[] },
  threshold: number,
): {
  total: ForceRegisterCountsShown;
  units: (Omit<U, keyof ForceRegisterCounts> & ForceRegisterCountsShown)[];
  suppression: Suppression;
} {
  const measuresOf = (c: ForceRegisterCounts): Record<string, number> => ({
    incidents: c.incidents,
    ...Object.fromEntries(forceTypes.map((t) => [`byType.${t}`, c.byType[t]])),
    subjects: c.subjects,
    examinedInTime: c.examinedInTime,
    examinedLate: c.examinedLate,
    refused: c.refused,
    notExamined: c.notExamined,
    referred: c.referred,
  });
  const scopes = [
    { key: 'total', counts: register.total },
    ...register.units.map((u) => ({ key: `unit:${u.unitId}`, counts: u as ForceRegisterCounts })),
  ];
  const values: Record<string, number> = {};
  const lines: SuppressionLine[] = [];
  for (const { key, counts } of scopes) {
    for (const [measure, n] of Object.entries(measuresOf(counts))) values[`${key}.${measure}`] = n;
    lines.push({ total: `${key}.incidents`, parts: forceTypes.map((t) => `${key}.byType.${t}`) });
    lines.push({
      total: `${key}.subjects`,
      parts: ['examinedInTime', 'examinedLate', 'refused', 'notExamined'].map((m) => `${key}.${m}`),
    });
  }
  const unpublished = new Set<string>();
  for (const measure of Object.keys(measuresOf(register.total))) {
    const units = register.units.map((u) => values[`unit:${u.unitId}.${measure}`] ?? 0);
    const none = (values[`total.${measure}`] ?? 0) - units.reduce((a, b) => a + b, 0);
    values[`none.${measure}`] = none;
    if (none !== 0) unpublished.add(`none.${measure}`);
    lines.push({
      total: `total.${measure}`,
      parts: [...register.units.map((u) => `unit:${u.unitId}.${measure}`), `none.${measure}`],
    });
  }
  const suppressed = suppressedCells(values, lines, threshold, unpublished);
  const cells: string[] = [];
  const shown = (key: string, c: ForceRegisterCounts): ForceRegisterCountsShown => {
    const count = (measure: string, n: number) => {
      if (!suppressed.has(`${key}.${measure}`)) return n;
      cells.push(`${key}.${measure}`);
      return null;
    };
    return {
      incidents: count('incidents', c.incidents),
      byType: Object.fromEntries(forceTypes.map((t) => [t, count(`byType.${t}`, c.byType[t])])) as Record<
        ForceType,
        number | null
      >,
      subjects: count('subjects', c.subjects),
      examinedInTime: count('examinedInTime', c.examinedInTime),
      examinedLate: count('examinedLate', c.examinedLate),
      refused: count('refused', c.refused),
      notExamined: count('notExamined', c.notExamined),
      referred: count('referred', c.referred),
    };
  };
  return {
    total: shown('total', register.total),
    units: register.units.map((u) => ({ ...u, ...shown(`unit:${u.unitId}`, u) })),
    suppression: { threshold, cells },
  };
}
