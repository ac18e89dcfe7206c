import { z } from 'zod';
import { type ProgrammeProblem, programmeAddDays, programmeAddMonths } from './rules.ts';

/**
 * Post-exposure prophylaxis after an exposure to blood or body fluids (BBV-2; DOMAIN.md §4.1; ADR
 * 0049): the first dose within 72 h of the exposure (an alert from 24 h while none is recorded), a
 * 28-day course, follow-up tests for HIV, hepatitis B and C. WHO 2024 (who.int/publications/i/item/
 * 9789240095137): ideally within 24 h, no later than 72 h; a 28-day prescription. Pure: the clock is
 * the caller's.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** BBV-2: the alert starts this many hours after the exposure while no first dose is recorded. */
export const PEP_ALERT_HOURS = 24;
/** BBV-2: the last moment a first dose is given without a recorded reason. */
export const PEP_LIMIT_HOURS = 72;
/** BBV-2: the course length (WHO 2024: a 28-day prescription). */
export const PEP_COURSE_DAYS = 28;

/** What happened (DOMAIN §4.1): sexual assault has its own code (the confidential flow, ADR 0049). */
export const pepExposureTypes = [
  'needlestick',
  'sexual',
  'sexual_assault',
  'blood_splash',
  'bite_fight',
  'other',
] as const;
export type PepExposureType = (typeof pepExposureTypes)[number];

/** What is known of the source of the exposure. */
export const pepSourceStatuses = [
  'unknown',
  'negative',
  'hiv_positive',
  'hbv_positive',
  'hcv_positive',
] as const;

/** How a PEP case ends without (or after) a course. */
export const pepClosures = ['completed', 'declined', 'not_indicated', 'stopped'] as const;
export type PepClosure = (typeof pepClosures)[number];

/**
 * BBV-2: the follow-up tests (HIV, HBsAg, anti-HCV at each): baseline, 6 weeks, 3 months, 6 months
 * after the exposure (WHO 2024 and the older supplement, PMC5843151; the 6-month test for hepatitis
 * C seroconversion, as the issue asks). Data: a time point is a number of days or months.
 */
export const pepFollowUpSchedule = [
  { timepoint: 'baseline', days: 0, months: 0 },
  { timepoint: 'week_6', days: 42, months: 0 },
  { timepoint: 'month_3', days: 0, months: 3 },
  { timepoint: 'month_6', days: 0, months: 6 },
] as const;
export type PepTimepoint = (typeof pepFollowUpSchedule)[number]['timepoint'];
export const pepTimepoints = pepFollowUpSchedule.map((s) => s.timepoint) as PepTimepoint[];
export const pepTestResults = ['negative', 'positive', 'not_done'] as const;

/** The due date of each follow-up test, from the calendar date of the exposure. */
export function pepFollowUpDueDates(exposedOn: string): { timepoint: PepTimepoint; dueOn: string }[] {
  return pepFollowUpSchedule.map((s) => ({
    timepoint: s.timepoint,
    dueOn: programmeAddMonths(programmeAddDays(exposedOn, s.days), s.months),
  }));
}

/** The facts of an exposure the rules read (instants ISO UTC). */
export interface PepFacts {
  exposedAt: string;
  firstDoseAt: string | null;
  closure: string | null;
}

/**
 * BBV-2: where a case stands at `now`. `alert` is `due` before 24 h with no first dose, `overdue`
 * from 24 h until 72 h (the worklist's "PEP deadline"), `missed` after 72 h with no first dose;
 * `none` once a first dose is recorded or the case is closed.
 */
export function pepState(facts: PepFacts, now: Date) {
  const exposed = Date.parse(facts.exposedAt);
  const deadlineAt = new Date(exposed + PEP_LIMIT_HOURS * HOUR).toISOString();
  const alertAt = new Date(exposed + PEP_ALERT_HOURS * HOUR).toISOString();
  const hoursSinceExposure = Math.floor((now.getTime() - exposed) / HOUR);
  const firstDose = facts.firstDoseAt ? Date.parse(facts.firstDoseAt) : null;
  const hoursToFirstDose = firstDose === null ? null : (firstDose - exposed) / HOUR;
  const withinLimit = hoursToFirstDose === null ? null : hoursToFirstDose <= PEP_LIMIT_HOURS;
  const courseEndsAt = firstDose === null ? null : new Date(firstDose + PEP_COURSE_DAYS * DAY).toISOString();
  let alert: 'none' | 'due' | 'overdue' | 'missed' = 'none';
  if (firstDose === null && !facts.closure) {
    if (hoursSinceExposure >= PEP_LIMIT_HOURS) alert = 'missed';
    else if (hoursSinceExposure >= PEP_ALERT_HOURS) alert = 'overdue';
    else alert = 'due';
  }
  const courseComplete = courseEndsAt !== null && now.toISOString() >= courseEndsAt;
  return {
    alertAt,
    deadlineAt,
    hoursSinceExposure,
    hoursToFirstDose: hoursToFirstDose === null ? null : Math.round(hoursToFirstDose * 10) / 10,
    withinLimit,
    courseEndsAt,
    courseComplete,
    alert,
  };
}

/** BBV-2: an exposure report: not in the future (a minute's grace for clocks). */
export function pepExposureProblems(input: { exposedAt: string }, now: Date): ProgrammeProblem[] {
  if (Date.parse(input.exposedAt) > now.getTime() + 60_000)
    return [{ path: 'exposedAt', code: 'in_the_future' }];
  return [];
}

/**
 * BBV-2: the first dose: not before the exposure, not in the future, not after a closure or a
 * previous start, and after 72 h only with a recorded reason (the case is then flagged late).
 */
export function pepStartProblems(
  facts: PepFacts,
  input: { firstDoseAt: string; lateReason?: string | null },
  now: Date,
): ProgrammeProblem[] {
  if (facts.closure) return [{ path: '', code: 'pep_closed' }];
  if (facts.firstDoseAt) return [{ path: '', code: 'pep_already_started' }];
  const dose = Date.parse(input.firstDoseAt);
  if (dose < Date.parse(facts.exposedAt)) return [{ path: 'firstDoseAt', code: 'before_exposure' }];
  if (dose > now.getTime() + 60_000) return [{ path: 'firstDoseAt', code: 'in_the_future' }];
  if (dose - Date.parse(facts.exposedAt) > PEP_LIMIT_HOURS * HOUR && !input.lateReason?.trim())
    return [{ path: 'lateReason', code: 'pep_after_72h_needs_reason' }];
  return [];
}

/** "PEP within 72 h": the share of exposures of a period whose first dose came within 72 h. */
export function pepWithin72h(cases: readonly PepFacts[]) {
  const exposures = cases.length;
  const started = cases.filter((c) => c.firstDoseAt).length;
  const within = cases.filter(
    (c) => c.firstDoseAt && Date.parse(c.firstDoseAt) - Date.parse(c.exposedAt) <= PEP_LIMIT_HOURS * HOUR,
  ).length;
  const hours = cases
    .filter((c) => c.firstDoseAt)
    .map((c) => (Date.parse(c.firstDoseAt as string) - Date.parse(c.exposedAt)) / HOUR)
    .sort((a, b) => a - b);
  const mid = Math.floor(hours.length / 2);
  const median = hours.length
    ? hours.length % 2
      ? (hours[mid] as number)
      : ((hours[mid - 1] as number) + (hours[mid] as number)) / 2
    : null;
  return {
    exposures,
    started,
    within72h: within,
    percent: exposures ? Math.round((100 * within) / exposures) : null,
    medianHours: median === null ? null : Math.round(median * 10) / 10,
  };
}

const instant = z.iso.datetime({ offset: true });
const text = z.string().trim().max(2000);

export const pepExposureSchema = z.object({
  exposedAt: instant,
  type: z.enum(pepExposureTypes),
  sourceStatus: z.enum(pepSourceStatuses),
  description: text.optional(),
});
export type PepExposureInput = z.infer<typeof pepExposureSchema>;

export const pepStartSchema = z.object({
  firstDoseAt: instant,
  regimenCode: z.string().min(1).max(40),
  lateReason: text.optional(),
});
export type PepStartInput = z.infer<typeof pepStartSchema>;

export const pepCloseSchema = z.object({ closure: z.enum(pepClosures), note: text.optional() });
export type PepCloseInput = z.infer<typeof pepCloseSchema>;

export const pepFollowUpResultSchema = z.object({
  doneOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  hiv: z.enum(pepTestResults),
  hbv: z.enum(pepTestResults),
  hcv: z.enum(pepTestResults),
});
export type PepFollowUpResultInput = z.infer<typeof pepFollowUpResultSchema>;

export const pepCaseSchema = z.object({
  id: z.string(),
  exposedAt: z.string(),
  type: z.enum(pepExposureTypes),
  sourceStatus: z.enum(pepSourceStatuses),
  description: z.string().nullable(),
  reportedAt: z.string(),
  firstDoseAt: z.string().nullable(),
  regimenCode: z.string().nullable(),
  lateReason: z.string().nullable(),
  prescriptionIds: z.array(z.string()),
  closure: z.enum(pepClosures).nullable(),
  closedOn: z.string().nullable(),
  state: z.object({
    alertAt: z.string(),
    deadlineAt: z.string(),
    hoursSinceExposure: z.number(),
    hoursToFirstDose: z.number().nullable(),
    withinLimit: z.boolean().nullable(),
    courseEndsAt: z.string().nullable(),
    courseComplete: z.boolean(),
    alert: z.enum(['none', 'due', 'overdue', 'missed']),
  }),
  followUps: z.array(
    z.object({
      id: z.string(),
      timepoint: z.enum(['baseline', 'week_6', 'month_3', 'month_6']),
      dueOn: z.string(),
      doneOn: z.string().nullable(),
      hiv: z.enum(pepTestResults).nullable(),
      hbv: z.enum(pepTestResults).nullable(),
      hcv: z.enum(pepTestResults).nullable(),
      overdue: z.boolean(),
    }),
  ),
});
export type PepCase = z.infer<typeof pepCaseSchema>;

export const pepRegimenSchema = z.object({
  code: z.string(),
  lines: z.array(z.object({ drugCode: z.string(), dose: z.number(), doseUnit: z.string() })),
});

export const personPepSchema = z.object({
  items: z.array(pepCaseSchema),
  regimens: z.array(pepRegimenSchema),
});
export type PersonPep = z.infer<typeof personPepSchema>;

/**
 * BBV-2: the PEP regimens, data (WHO 2024: TDF + 3TC (or FTC) + DTG preferred, once daily, 28
 * days). Each line is a formulary drug by code, prescribed through medication.
 */
export const pepRegimens = [
  { code: 'TLD', lines: [{ drugCode: 'tld', dose: 1, doseUnit: 'tablet' }] },
  {
    code: 'TDF-FTC-DTG',
    lines: [
      { drugCode: 'tenofovir-emtricitabine', dose: 1, doseUnit: 'tablet' },
      { drugCode: 'dolutegravir', dose: 1, doseUnit: 'tablet' },
    ],
  },
] as const;

export const pepReportSchema = z.object({
  institutionId: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  exposures: z.number().nullable(),
  started: z.number().nullable(),
  within72h: z.number().nullable(),
  percent: z.number().nullable(),
  medianHours: z.number().nullable(),
  byType: z.record(z.string(), z.number().nullable()),
  suppression: z.object({ threshold: z.number(), cells: z.array(z.string()) }).nullable(),
});
export type PepReport = z.infer<typeof pepReportSchema>;
