import { z } from 'zod';
import { type MedicationLimits, type MedicationProblem, medicationLimits } from './rules.ts';
import {
  type AdministrationOutcome,
  administrationOutcomes,
  medicationProgrammes,
  type NotGivenReason,
  notGivenCause,
  notGivenReasons,
  roundNames,
} from './vocabulary.ts';

/**
 * The round beyond the first slice (ADR 0046): doses recorded offline and sent later with their real
 * times, the officer's "not brought to the round (regime)" mark (MDX-3, MED-3), the round reports
 * (issue 15 item 8). Pure rules; `now` is passed in.
 */

const MINUTE = 60_000;

/**
 * Issue 15 item 5: supervised programme doses missed in a row before the prescriber and the
 * programme's nurse are told: the default of `MDX-2.programme_missed_in_a_row` in the rule-threshold
 * table, where an institution sets its own (ADR 0045).
 */
export const PROGRAMME_MISSED_IN_A_ROW = medicationLimits.programmeMissedInARow;

/**
 * A dose recorded while the server could not be reached arrives later with the time it was really
 * given. The server keeps that time (given_at) and its own (recorded_at, the time received), and
 * accepts it within the windows of the dose: not before the late window opens ahead of the due time,
 * and not sent more than the missed window after it was given (a record held longer is refused and
 * the nurse is shown it: never silently dropped). A PRN dose has no window: entered afterwards as before.
 */
export function recordedTimeProblems(
  input: { dueAt?: string | null; givenAt: string },
  now: Date,
  limits: MedicationLimits = medicationLimits,
): MedicationProblem[] {
  const given = Date.parse(input.givenAt);
  const problems: MedicationProblem[] = [];
  if (input.dueAt) {
    const due = Date.parse(input.dueAt);
    if (given < due - limits.lateMinutes * MINUTE)
      problems.push({ path: 'givenAt', code: 'given_before_due' });
    if (now.getTime() - given > limits.missedMinutes * MINUTE)
      problems.push({ path: 'givenAt', code: 'recorded_too_late' });
  }
  return problems;
}

/** The officer's mark: this person was not brought to this round, for a regime reason. */
export const notBroughtInputSchema = z.object({
  personId: z.string().min(1).max(64),
  /** The due time the officer's worklist line showed (the round is the one nearest it). */
  dueAt: z.iso.datetime({ offset: false }),
  /** Why, in the officer's words (lockdown, search, staff shortage); optional. */
  note: z.string().trim().min(1).max(500).nullish(),
});
export type NotBroughtInput = z.infer<typeof notBroughtInputSchema>;

/**
 * MDX-3: an officer may mark a round from its late window before to its missed window after (the
 * person is brought or not around the round's time, not a day later).
 */
export function notBroughtProblems(
  roundAt: string,
  now: Date,
  limits: MedicationLimits = medicationLimits,
): MedicationProblem[] {
  const at = Date.parse(roundAt);
  if (now.getTime() < at - limits.lateMinutes * MINUTE) return [{ path: 'dueAt', code: 'round_not_yet' }];
  if (now.getTime() > at + limits.missedMinutes * MINUTE) return [{ path: 'dueAt', code: 'round_over' }];
  return [];
}

export const notBroughtSchema = z.object({
  id: z.string(),
  personId: z.string(),
  institutionId: z.string(),
  date: z.string(),
  round: z.enum(roundNames),
  roundAt: z.string(),
  note: z.string().nullable(),
  markedBy: z.string(),
  markedAt: z.string(),
});
export type NotBrought = z.infer<typeof notBroughtSchema>;
export const notBroughtListSchema = z.object({ items: z.array(notBroughtSchema) });
export const notBroughtQuerySchema = z.object({
  institutionId: z.string().min(1).max(64),
  date: z.iso.date(),
  round: z.enum(roundNames),
});

/** The other record of a due dose, shown to a nurse whose queued record conflicts with it. */
export const doseRecordSchema = z.object({
  outcome: z.enum(administrationOutcomes),
  reason: z.enum(notGivenReasons).nullable(),
  givenAt: z.string(),
  recordedAt: z.string(),
  recordedBy: z.string(),
});
export type DoseRecord = z.infer<typeof doseRecordSchema>;
export const doseRecordQuerySchema = z.object({ dueAt: z.iso.datetime({ offset: false }) });

/** A report's period: up to 31 days of an institution's calendar. */
const reportPeriod = {
  institutionId: z.string().min(1).max(64),
  from: z.iso.date(),
  to: z.iso.date(),
};
const periodOk = (q: { from: string; to: string }) =>
  q.from <= q.to && Date.parse(q.to) - Date.parse(q.from) <= 30 * 86_400_000;
export const roundReportQuerySchema = z
  .object(reportPeriod)
  .refine(periodOk, { path: ['to'], message: 'period_too_long' });
export const roundReportExportQuerySchema = z
  .object({ ...reportPeriod, format: z.enum(['csv', 'pdf']) })
  .refine(periodOk, { path: ['to'], message: 'period_too_long' });
export type RoundReportQuery = z.infer<typeof roundReportQuerySchema>;

/** The outcome columns of the daily report: given, in part, each not-given reason, not recorded. */
export const reportColumns = ['given', 'given_partial', ...notGivenReasons, 'not_recorded'] as const;
export type ReportColumn = (typeof reportColumns)[number];

/** What a due dose counts as in the daily report. `notBrought`: the officer's regime mark (MDX-3). */
export function reportColumnOf(
  record: { outcome: AdministrationOutcome; reason: NotGivenReason | null } | null,
  notBrought: boolean,
): ReportColumn {
  if (!record) return notBrought ? 'regime_lockdown' : 'not_recorded';
  if (record.outcome !== 'not_given') return record.outcome;
  return record.reason ?? 'not_recorded';
}

/** MDX-3: a dose missed for a custodial cause (a lockdown recorded by the nurse, or the officer's mark). */
export function isRegimeCaused(column: ReportColumn): boolean {
  return column !== 'given' && column !== 'given_partial' && column !== 'not_recorded'
    ? notGivenCause[column] === 'custodial'
    : false;
}

const counts = z.record(z.string(), z.number().nullable());
export const unitDaySchema = z.object({
  date: z.string(),
  unitId: z.string().nullable(),
  unitCode: z.string().nullable(),
  due: z.number().nullable(),
  counts,
});
export const adherenceSchema = z.object({
  personId: z.string(),
  name: z.string(),
  prisonNumber: z.string(),
  programme: z.enum(medicationProgrammes),
  due: z.number(),
  given: z.number(),
  regime: z.number(),
});
export const roundReportSchema = z.object({
  institutionId: z.string(),
  from: z.string(),
  to: z.string(),
  /** Doses due / given / not given by reason, per unit and day (clinical readers). */
  days: z.array(unitDaySchema),
  /** Supervised programme doses per person and programme (clinical readers). */
  adherence: z.array(adherenceSchema),
  /** MDX-3: regime-caused missed doses per unit and day, no drug; small counts suppressed (DAT-6) for non-clinical readers. */
  regime: z.array(
    z.object({ date: z.string(), unitCode: z.string().nullable(), doses: z.number().nullable() }),
  ),
  regimeTotal: z.number().nullable(),
  clinical: z.boolean(),
  suppressionThreshold: z.number().nullable(),
});
export type RoundReport = z.infer<typeof roundReportSchema>;

/**
 * MDX-5 (issue 15 item 5): an in-possession supply is counted at review. What should be left is the
 * supply less the doses prescribed since it was handed over (dose × doses a day × days, whole units,
 * never below zero); the count is recorded against it, and a count that differs needs a note.
 */
export function expectedInPossession(
  supply: { quantity: number; suppliedAt: string },
  unitsPerDay: number,
  at: Date,
): number {
  const days = Math.max(0, (at.getTime() - Date.parse(supply.suppliedAt)) / 86_400_000);
  return Math.max(0, Math.round(supply.quantity - unitsPerDay * days));
}

export function possessionCountProblems(
  expected: number,
  counted: number,
  note?: string | null,
): MedicationProblem[] {
  return counted !== expected && !note?.trim() ? [{ path: 'note', code: 'discrepancy_note_required' }] : [];
}

export const possessionCountInputSchema = z.object({
  counted: z.number().int().min(0).max(100_000),
  /** What the person said and what was done, when the count differs from what is expected. */
  note: z.string().trim().min(1).max(1000).nullish(),
});
export type PossessionCountInput = z.infer<typeof possessionCountInputSchema>;

export const possessionCountSchema = z.object({
  id: z.string(),
  prescriptionId: z.string(),
  drug: z.string(),
  supplied: z.number(),
  suppliedAt: z.string(),
  expected: z.number(),
  counted: z.number(),
  difference: z.number(),
  note: z.string().nullable(),
  countedBy: z.string(),
  countedAt: z.string(),
});
export type PossessionCount = z.infer<typeof possessionCountSchema>;

export const possessionSchema = z.object({
  /** The person's in-possession prescriptions with their last supply and what should be left now. */
  supplies: z.array(
    z.object({
      prescriptionId: z.string(),
      drug: z.string(),
      reviewDate: z.string().nullable(),
      supplied: z.number().nullable(),
      suppliedAt: z.string().nullable(),
      expectedNow: z.number().nullable(),
    }),
  ),
  /** The latest counts at review, newest first (at most 20). */
  counts: z.array(possessionCountSchema),
});
export type Possession = z.infer<typeof possessionSchema>;
