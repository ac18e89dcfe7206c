import { z } from 'zod';
import { instrumentDefinitionSchema, instrumentLanguages } from './instruments.ts';
import {
  assessmentOutcomes,
  attendanceCodes,
  interventions,
  mhRiskLevels,
  referralSources,
  referralUrgencies,
} from './rules.ts';

/** The mental-health module's request and answer schemas, shared by the server and the web (ADR 0022). */

const instant = z.iso.datetime({ offset: false });
const id = z.string().min(1).max(64);
const text = (max: number) => z.string().trim().min(3, 'text_too_short').max(max);

// ---- Referrals (MHS-1)

/** MHS-1: a referral by any member of staff, or the person's own request entered for them. */
export const referralCreateSchema = z.object({
  personId: id,
  source: z.enum(['staff', 'self']),
  urgency: z.enum(referralUrgencies),
  /** What was seen or heard, or the person's words (clinical: read by health staff only). */
  reason: text(2000),
  /** MED-5: the confidential request to health care it came from, when the person asked. */
  healthRequestId: id.nullish(),
});
export type ReferralCreateInput = z.infer<typeof referralCreateSchema>;

/** MHS-1, ADM-9: the screening's referral task taken into the inbox with its urgency. */
export const screeningAcceptSchema = z.object({
  urgency: z.enum(referralUrgencies),
  reason: text(2000),
});

/** MHS-1, MHS-2, MHS-9: the care plan an assessment sets (non-drug items first-class). */
export const carePlanSchema = z.object({
  problem: text(1000),
  goal: text(1000),
  intervention: z.enum(interventions),
  frequency: z.string().trim().min(2, 'text_too_short').max(200),
  reviewOn: z.iso.date(),
  /** MHS-9: for women, the plan is gender-sensitive and trauma-informed (PTSD considered). */
  traumaInformed: z.boolean().default(false),
  traumaHistoryAsked: z.boolean().default(false),
});

/** MHS-1: the assessment by a psychiatrist or psychologist, with its outcome (restricted clinical). */
export const mhAssessmentSchema = z.object({
  version: z.number().int().min(1),
  assessedAt: instant,
  history: text(8000),
  mentalState: text(8000),
  riskFormulation: text(4000),
  riskLevel: z.enum(mhRiskLevels),
  /** ICD-10 code from the clinical terminology, when a working diagnosis is made. */
  diagnosisCode: z
    .string()
    .trim()
    .regex(/^[A-Z][0-9]{2}(\.[0-9A-Z]{1,2})?$/, 'icd10_format')
    .nullish(),
  diagnosisText: z.string().trim().max(500).nullish(),
  outcome: z.enum(assessmentOutcomes),
  carePlan: carePlanSchema.nullish(),
  /** MHS-5: the psychiatric facility asked to take the person. */
  transferFacility: z.string().trim().min(2, 'text_too_short').max(200).nullish(),
});
export type MhAssessmentInput = z.infer<typeof mhAssessmentSchema>;

/** MHS-5: the transfer done (the date the person left) or cancelled with its reason. */
export const transferUpdateSchema = z.object({
  version: z.number().int().min(1),
  action: z.enum(['transferred', 'cancelled']),
  at: instant,
  reason: z.string().trim().max(500).nullish(),
});

export const referralRowSchema = z.object({
  id: z.string(),
  kind: z.enum(['referral', 'screening_task']),
  personId: z.string(),
  prisonNumber: z.string(),
  name: z.string(),
  institutionId: z.string(),
  source: z.enum(referralSources),
  urgency: z.enum(referralUrgencies).nullable(),
  referredAt: z.string(),
  dueAt: z.string(),
  escalation: z.enum(['none', 'due', 'overdue', 'escalated']),
  assessedAt: z.string().nullable(),
  outcome: z.enum(assessmentOutcomes).nullable(),
});
export const referralListSchema = z.object({
  items: z.array(referralRowSchema),
  nextCursor: z.string().nullable(),
});
export type ReferralRow = z.infer<typeof referralRowSchema>;

export const assessmentViewSchema = z.object({
  id: z.string(),
  assessedAt: z.string(),
  assessedBy: z.string(),
  history: z.string(),
  mentalState: z.string(),
  riskFormulation: z.string(),
  riskLevel: z.enum(mhRiskLevels),
  diagnosisCode: z.string().nullable(),
  diagnosisText: z.string().nullable(),
  outcome: z.enum(assessmentOutcomes),
  carePlan: carePlanSchema.nullable(),
  inTime: z.boolean(),
});

export const transferViewSchema = z.object({
  id: z.string(),
  personId: z.string(),
  prisonNumber: z.string(),
  name: z.string(),
  institutionId: z.string(),
  facility: z.string(),
  requestedAt: z.string(),
  transferredAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  state: z.enum(['waiting', 'overdue', 'escalated', 'transferred', 'cancelled']),
  days: z.number(),
  version: z.number(),
});
export type TransferView = z.infer<typeof transferViewSchema>;

export const referralViewSchema = referralRowSchema.extend({
  reason: z.string(),
  referredBy: z.string(),
  rule: z.string().nullable(),
  version: z.number(),
  /** Present only for readers of restricted clinical data (MHS-1: the assessment is restricted). */
  assessment: assessmentViewSchema.nullable().optional(),
  transfer: transferViewSchema.nullable(),
});
export type ReferralView = z.infer<typeof referralViewSchema>;

// ---- Instruments (MHT-1, MHT-2)

export const instrumentSummarySchema = z.object({
  code: z.string(),
  version: z.string(),
  title: z.record(z.string(), z.string()),
  languages: z.array(z.enum(instrumentLanguages)),
  builtIn: z.boolean(),
  licence: z.string(),
  outcomeMeasure: z.boolean(),
});
export const instrumentListSchema = z.object({ items: z.array(instrumentSummarySchema) });
export type InstrumentSummary = z.infer<typeof instrumentSummarySchema>;

export const instrumentAddSchema = instrumentDefinitionSchema;

/** MHT-1: answers to an instrument, by the clinician with the person or by the person on a tablet. */
export const responseCreateSchema = z.object({
  instrumentCode: z.string().regex(/^[a-z0-9_]{2,40}$/, 'instrument_code_format'),
  language: z.enum(instrumentLanguages),
  mode: z.enum(['clinician', 'self_report']),
  answers: z.record(z.string().max(40), z.number().int().min(0).max(100)),
  /** The course whose session it measures (session-by-session outcome). */
  courseId: id.nullish(),
});
export type ResponseCreateInput = z.infer<typeof responseCreateSchema>;

export const responseCreatedSchema = z.object({
  id: z.string(),
  total: z.number(),
  band: z.string().nullable(),
  risk: z.enum(mhRiskLevels).nullable(),
  /** MHT-2: the referral the answers opened, if any. */
  referralId: z.string().nullable(),
});

export const scorePointSchema = z.object({
  id: z.string(),
  instrumentCode: z.string(),
  completedAt: z.string(),
  total: z.number(),
  band: z.string().nullable(),
  risk: z.enum(mhRiskLevels).nullable(),
  mode: z.enum(['clinician', 'self_report']),
});
export const scoreSeriesSchema = z.object({
  personId: z.string(),
  prisonNumber: z.string(),
  name: z.string(),
  items: z.array(scorePointSchema),
});
export type ScoreSeries = z.infer<typeof scoreSeriesSchema>;

// ---- Therapies (MHS-2, MHS-9, MHT-3)

export const courseCreateSchema = z.object({
  institutionId: id,
  intervention: z.enum(interventions),
  mode: z.enum(['group', 'individual']),
  title: z.string().trim().min(3, 'text_too_short').max(200),
  facilitatorIds: z.array(id).min(1).max(4),
  capacity: z.number().int().min(1).max(30),
  plannedSessions: z.number().int().min(1).max(60),
  startsOn: z.iso.date(),
});
export type CourseCreateInput = z.infer<typeof courseCreateSchema>;

export const enrolSchema = z.object({
  personId: id,
  goal: text(1000),
});

export const sessionRecordSchema = z.object({
  heldAt: instant,
  durationMinutes: z.number().int().min(5).max(480),
  /** Restricted clinical note (author and restricted readers only). */
  note: z.string().trim().max(4000).nullish(),
  attendance: z
    .array(
      z.object({
        enrolmentId: id,
        code: z.enum(attendanceCodes),
        measureTaken: z.boolean().default(false),
      }),
    )
    .min(1)
    .max(30),
});
export type SessionRecordInput = z.infer<typeof sessionRecordSchema>;

export const courseRowSchema = z.object({
  id: z.string(),
  institutionId: z.string(),
  intervention: z.enum(interventions),
  mode: z.enum(['group', 'individual']),
  title: z.string(),
  capacity: z.number(),
  plannedSessions: z.number(),
  startsOn: z.string(),
  enrolled: z.number(),
  sessionsHeld: z.number(),
  facilitators: z.array(z.string()),
});
export const courseListSchema = z.object({
  items: z.array(courseRowSchema),
  nextCursor: z.string().nullable(),
});
export type CourseRow = z.infer<typeof courseRowSchema>;

export const courseViewSchema = courseRowSchema.extend({
  version: z.number(),
  enrolments: z.array(
    z.object({
      id: z.string(),
      personId: z.string(),
      prisonNumber: z.string(),
      name: z.string(),
      goal: z.string(),
      enrolledAt: z.string(),
      attended: z.number(),
      completed: z.boolean(),
    }),
  ),
  sessions: z.array(
    z.object({
      id: z.string(),
      heldAt: z.string(),
      durationMinutes: z.number(),
      recordedBy: z.string(),
      /** Present only for readers of restricted clinical data. */
      note: z.string().nullable().optional(),
      attendance: z.array(
        z.object({ enrolmentId: z.string(), code: z.enum(attendanceCodes), measureTaken: z.boolean() }),
      ),
    }),
  ),
});
export type CourseView = z.infer<typeof courseViewSchema>;

export const mhCreatedSchema = z.object({ id: z.string() });

// ---- Reports (MHS-1, MHS-2, MHT-3, DAT-6)

const cell = z.number().nullable();
export const mentalHealthReportSchema = z.object({
  month: z.string(),
  /** Null: the whole country (a national reader left the institution out). */
  institutionId: z.string().nullable(),
  referrals: z.array(
    z.object({
      urgency: z.enum(referralUrgencies),
      referred: cell,
      assessed: cell,
      inTime: cell,
      /** Median hours from referral to assessment (null when suppressed or none). */
      medianHours: z.number().nullable(),
    }),
  ),
  transfers: z.object({ requested: cell, transferred: cell, waitingOverTarget: cell }),
  attendance: z.array(z.object({ code: z.enum(attendanceCodes), count: cell })),
  sessions: cell,
  outcomes: z.object({
    finished: cell,
    atCaseness: cell,
    recovered: cell,
    reliableImprovement: cell,
  }),
  /** MHS-2: the share of the mental-health caseload with at least one non-drug intervention. */
  indicator: z.object({ caseload: cell, withNonDrug: cell, percent: z.number().nullable() }),
  suppression: z.object({ threshold: z.number(), cells: z.array(z.string()) }).nullable(),
});
export type MentalHealthReport = z.infer<typeof mentalHealthReportSchema>;

export const transferListSchema = z.object({ items: z.array(transferViewSchema) });
export type TransferList = z.infer<typeof transferListSchema>;
export type ReferralList = z.infer<typeof referralListSchema>;
export type InstrumentList = z.infer<typeof instrumentListSchema>;
export type ResponseCreated = z.infer<typeof responseCreatedSchema>;
export type CourseList = z.infer<typeof courseListSchema>;
