import { z } from 'zod';
import { bodyRegions, istanbulGrades } from '../clinical/screening.ts';
import { addDays, dayIn } from '../segregation/index.ts';

export * from './errors.ts';

/**
 * Injury documentation and reporting (INJ-1 … INJ-6, INJ-9, MED-4; DOMAIN §6.2; ADR 0035). Pure:
 * `now` and the institution's time zone are passed in, never read here.
 */

/** Why the examination took place. */
export const injuryContexts = [
  'admission',
  'after_use_of_force',
  'on_request',
  'allegation',
  'in_care',
] as const;
export type InjuryContext = (typeof injuryContexts)[number];

/** INJ-6: the register's cause categories. */
export const injuryCauses = [
  'pre_admission',
  'between_prisoners',
  'staff_force',
  'self_harm',
  'accident',
  'unknown',
] as const;
export type InjuryCause = (typeof injuryCauses)[number];

/** DOMAIN §6.2: the kinds of lesion. */
export const lesionTypes = [
  'abrasion',
  'bruise',
  'laceration',
  'burn',
  'patterned',
  'fracture',
  'incision',
  'bite',
  'other',
] as const;
export const lesionAges = ['under_24h', 'days_1_3', 'days_4_7', 'over_week', 'cannot_say'] as const;

/** INJ-3: the clinician's overall conclusion, on the Istanbul Protocol's five grades (the screening's). */
export const injuryConclusions = istanbulGrades;
export type InjuryConclusion = (typeof istanbulGrades)[number];

/** INJ-4: a report is due within this many hours of the record's signature. */
export const REPORT_DUE_HOURS = 24;
/** INJ-9: a second review by a trained clinician within this many days of the record. */
export const SECOND_REVIEW_DAYS = 3;
/** INJ-4: the reprisal-risk flag is reviewed on this day after the report was sent (default). */
export const REPRISAL_REVIEW_DAYS = 14;

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish();

/** INJ-2: one lesion on the front/back body chart. x and y are 0–1 from the chart's top left. */
export const lesionSchema = z.object({
  view: z.enum(['front', 'back']),
  region: z.enum(bodyRegions),
  x: z.number().min(0).max(1).nullish(),
  y: z.number().min(0).max(1).nullish(),
  type: z.enum(lesionTypes),
  lengthCm: z.number().positive().max(200),
  widthCm: z.number().positive().max(200).nullish(),
  colour: optionalText(200),
  shape: optionalText(200),
  estimatedAge: z.enum(lesionAges),
  description: optionalText(2000),
});
export type Lesion = z.infer<typeof lesionSchema>;

/** INJ-1 (i): what the person says, with any allegation (who, when, where, how). */
export const accountSchema = z.object({
  text: text(4000),
  allegation: z.boolean(),
  who: optionalText(500),
  when: optionalText(500),
  where: optionalText(500),
  how: optionalText(2000),
});

/** A new injury record (signed as it is created; corrections are amendments, X-2). */
export const injuryRecordInputSchema = z.object({
  context: z.enum(injuryContexts),
  /** The use-of-force incident, complaint or screening it answers (stored as given). */
  sourceId: z.uuid().nullish(),
  examinedAt: z.iso.datetime({ offset: false }),
  /** MED-4: who was present. */
  personsPresent: text(500),
  interpreter: optionalText(200),
  /** MED-4: out of hearing and out of sight of non-medical staff. */
  outOfHearingAndSight: z.boolean(),
  presenceReason: optionalText(1000),
  account: accountSchema,
  noInjuriesSeen: z.boolean(),
  lesions: z.array(lesionSchema).max(60),
  conclusion: z.enum(istanbulGrades),
  /** INJ-4: the findings suggest ill-treatment even without an allegation. */
  suggestsIllTreatment: z.boolean(),
  cause: z.enum(injuryCauses),
  testsAndTreatment: optionalText(4000),
});
export type InjuryRecordInput = z.infer<typeof injuryRecordInputSchema>;

export const amendmentInputSchema = z.object({ reason: text(1000), text: text(4000) });

export interface InjProblem {
  path: string;
  code: string;
}

/**
 * INJ-1, INJ-2, MED-4: what a record must hold to be signed. `importedLesions`: the admission
 * screening's findings it takes over (issue 18 item 3).
 */
export function injuryRecordProblems(
  input: InjuryRecordInput,
  now: Date,
  options: { importedLesions?: number } = {},
): InjProblem[] {
  const problems: InjProblem[] = [];
  const lesions = input.lesions.length + (options.importedLesions ?? 0);
  if (Date.parse(input.examinedAt) > now.getTime() + 5 * 60_000) {
    problems.push({ path: 'examinedAt', code: 'in_the_future' });
  }
  // MED-4: a reason when non-medical staff could hear or see.
  if (!input.outOfHearingAndSight && (input.presenceReason ?? '').trim().length < 5) {
    problems.push({ path: 'presenceReason', code: 'presence_reason_required' });
  }
  // INJ-1 (i): an allegation says at least how it happened.
  if (input.account.allegation && (input.account.how ?? '').trim().length < 3) {
    problems.push({ path: 'account.how', code: 'allegation_how_required' });
  }
  // INJ-1 (ii), INJ-2: findings, or "no injuries seen", never both nor neither.
  if (input.noInjuriesSeen && lesions) {
    problems.push({ path: 'noInjuriesSeen', code: 'no_injuries_but_injuries_listed' });
  }
  if (!input.noInjuriesSeen && !lesions) {
    problems.push({ path: 'lesions', code: 'injuries_or_none_seen' });
  }
  if ((input.context === 'after_use_of_force' || input.context === 'allegation') && !input.sourceId) {
    problems.push({ path: 'sourceId', code: 'source_required' });
  }
  return problems;
}

/** INJ-3: the grades at or above "consistent with" (an allegation supported by the findings). */
export function atLeastConsistent(conclusion: InjuryConclusion): boolean {
  return istanbulGrades.indexOf(conclusion) >= istanbulGrades.indexOf('consistent');
}

/**
 * INJ-4: a report is required when the conclusion is "consistent with" or stronger and there is an
 * allegation, or when the findings suggest ill-treatment without one.
 */
export function reportRequired(r: {
  allegation: boolean;
  conclusion: InjuryConclusion;
  suggestsIllTreatment: boolean;
}): boolean {
  return (r.allegation && atLeastConsistent(r.conclusion)) || r.suggestsIllTreatment;
}

/** INJ-4: the report is due within 24 h of the record's signature. */
export function reportDueAt(signedAt: string): string {
  return new Date(Date.parse(signedAt) + REPORT_DUE_HOURS * 3_600_000).toISOString();
}

export type ReportState = 'not_required' | 'due' | 'overdue' | 'sent_in_time' | 'sent_late';

/** INJ-4: where the report stands at `now`. */
export function reportState(
  f: { required: boolean; signedAt: string; sentAt: string | null },
  now: Date,
): ReportState {
  if (!f.required) return 'not_required';
  const due = reportDueAt(f.signedAt);
  if (f.sentAt) return f.sentAt <= due ? 'sent_in_time' : 'sent_late';
  return now.toISOString() > due ? 'overdue' : 'due';
}

/**
 * INJ-9: the clinician holds Istanbul Protocol training on the day of the examination (the day in
 * the institution's zone, training valid until that day inclusive).
 */
export function trainedOn(trainedUntil: string | null, examinedAt: string, timeZone: string): boolean {
  return trainedUntil !== null && trainedUntil >= dayIn(examinedAt, timeZone);
}

/** INJ-9: the second review is due by the end of this day (institution's zone). */
export function secondReviewDueDay(signedAt: string, timeZone: string): string {
  return addDays(dayIn(signedAt, timeZone), SECOND_REVIEW_DAYS);
}

/** INJ-4: the reprisal-risk review falls due on this day (institution's zone). */
export function reprisalReviewDueDay(sentAt: string, timeZone: string): string {
  return addDays(dayIn(sentAt, timeZone), REPRISAL_REVIEW_DAYS);
}

/** A day-deadline read at `now`: due until the day ends, overdue on the next day (institution's zone). */
export function dayDeadlineState(dueDay: string, now: Date, timeZone: string): 'due' | 'overdue' {
  return dayIn(now, timeZone) > dueDay ? 'overdue' : 'due';
}

/** DOMAIN §6.2: a month's register indicators for one institution. */
export interface InjuryRegisterRow {
  context: InjuryContext;
  cause: InjuryCause;
  lesionCount: number;
  photoCount: number;
  allegation: boolean;
  conclusion: InjuryConclusion;
  reportRequired: boolean;
  signedAt: string;
  reportSentAt: string | null;
  noInjuriesSeen: boolean;
}

export function injuryIndicators(rows: readonly InjuryRegisterRow[], admissions: number) {
  const injured = rows.filter((r) => !r.noInjuriesSeen);
  const preAdmission = injured.filter((r) => r.cause === 'pre_admission').length;
  const inPrison = injured.length - preAdmission;
  const per100 = (n: number) => (admissions > 0 ? Math.round((n * 10000) / admissions) / 100 : null);
  const pct = (n: number, d: number) => (d > 0 ? Math.round((n * 1000) / d) / 10 : null);
  const withChartAndPhotos = injured.filter((r) => r.lesionCount > 0 && r.photoCount > 0).length;
  const consistentAlleged = rows.filter((r) => r.allegation && atLeastConsistent(r.conclusion));
  const reportedInTime = consistentAlleged.filter(
    (r) => r.reportSentAt !== null && r.reportSentAt <= reportDueAt(r.signedAt),
  ).length;
  const byCause = Object.fromEntries(
    injuryCauses.map((c) => [c, injured.filter((r) => r.cause === c).length]),
  ) as Record<InjuryCause, number>;
  return {
    records: rows.length,
    injured: injured.length,
    admissions,
    preAdmissionPer100: per100(preAdmission),
    inPrisonPer100: per100(inPrison),
    preAdmission,
    inPrison,
    withChartAndPhotosPct: pct(withChartAndPhotos, injured.length),
    consistentAlleged: consistentAlleged.length,
    reportedInTimePct: pct(reportedInTime, consistentAlleged.length),
    byCause,
  };
}

/** DAT-6: counts below this are shown as "< 5" to non-clinical readers. */
export const SMALL_CELL = 5;
export function suppress(n: number): number | '<5' {
  return n > 0 && n < SMALL_CELL ? '<5' : n;
}

/** INJ-4: the report's recipient kinds (per institution). */
export const recipientKinds = ['prosecutor', 'ombudsman', 'npm'] as const;
export const reportChannels = ['post', 'email', 'hand', 'secure_electronic'] as const;

export const recipientInputSchema = z.object({
  kind: z.enum(recipientKinds),
  name: text(300),
  address: text(1000),
  language: z.enum(['az', 'en', 'ru']),
});

export const dispatchInputSchema = z.object({
  sentAt: z.iso.datetime({ offset: false }),
  channel: z.enum(reportChannels),
  reference: text(200),
  /** INJ-4: the person objects; recorded, the report is sent anyway. */
  personObjected: z.boolean(),
  objection: optionalText(2000),
  /** INJ-4: the person was told it has been sent. */
  personInformedAt: z.iso.datetime({ offset: false }).nullish(),
});
export const replyInputSchema = z.object({
  receivedAt: z.iso.datetime({ offset: false }),
  text: text(4000),
});
export const reprisalReviewInputSchema = z.object({
  riskContinues: z.boolean(),
  note: text(2000),
});
export const withdrawalInputSchema = z.object({ reason: text(1000) });
export const photoConsentInputSchema = z.object({
  consent: z.enum(['given', 'refused']),
  note: optionalText(1000),
});
export const copyRequestInputSchema = z.object({
  requestedBy: z.enum(['person', 'lawyer']),
  requesterName: optionalText(300),
});
export const secondReviewInputSchema = z.object({ agrees: z.boolean(), note: text(2000) });
export const trainingInputSchema = z.object({
  userId: z.string().min(1).max(64),
  trainedUntil: z.iso.date().nullable(),
});
