import { z } from 'zod';
import { safetyAlertSchema } from '../clinical/alerts.ts';
import { pageSchema } from '../platform/index.ts';
import type { EpisodeState, RestraintLimits } from './index.ts';
import { restraintTypes } from './vocabulary.ts';

/**
 * What the restraint API answers (issue 11): the server serialises through these schemas, so a key
 * not named here never leaves it, and the web infers its types from them.
 */

const timerSchema = z.object({ dueAt: z.string(), state: z.enum(['ok', 'amber', 'red']) });

export const restraintLimitsSchema = z.object({
  examinationMinutes: z.number(),
  observationMinutes: z.number(),
  reviewMinutes: z.number(),
  softAlertMinutes: z.number(),
  secondDoctorMinutes: z.number(),
  repeatEpisodes: z.number(),
  escalationMinutes: z.number(),
  debriefMinutes: z.number(),
  examinationAfterMinutes: z.number(),
}) satisfies z.ZodType<RestraintLimits>;

export const episodeStateSchema = z.object({
  open: z.boolean(),
  endedAt: z.string().nullable(),
  durationMinutes: z.number(),
  approved: z.boolean(),
  examination: timerSchema.nullable(),
  observation: timerSchema.nullable(),
  review: timerSchema.nullable(),
  softAlert: z.boolean(),
  secondDoctorPrompt: z.boolean(),
  escalationRequired: z.boolean(),
  escalated: z.boolean(),
  supervisionBreach: z.boolean(),
  debriefPerson: timerSchema.nullable(),
  debriefStaff: timerSchema.nullable(),
  medicalExamination: timerSchema.nullable(),
}) satisfies z.ZodType<EpisodeState>;

/** Who wrote an entry: the account's display name and the roles by which they recorded it. */
export const authorSchema = z.object({ name: z.string(), roles: z.array(z.string()) });
export type Author = z.infer<typeof authorSchema>;

export const episodeEventSchema = z.object({
  id: z.string(),
  kind: z.string(),
  at: z.string(),
  correctsEventId: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  corrected: z.boolean(),
  /** Findings and assessments of doctors only for clinical readers (null otherwise). */
  payload: z.record(z.string(), z.unknown()).nullable(),
  /** Issue 14: who wrote the entry (display name, and the roles that let them), on the episode's page. */
  author: authorSchema.nullable().optional(),
});

/** What custodial staff may see of the person (issue 14): photo, name, prison number, cell. */
export const episodePersonSchema = z.object({
  id: z.string(),
  prisonNumber: z.string(),
  surname: z.string(),
  givenName: z.string(),
  cell: z.object({ code: z.string(), cellType: z.string() }).nullable(),
  photoId: z.string().nullable(),
});
export type EpisodePerson = z.infer<typeof episodePersonSchema>;
export type EpisodeEvent = z.infer<typeof episodeEventSchema>;

/** An episode in a list (the register, a person's episodes): its state, without the timeline. */
export const episodeSummarySchema = z.object({
  id: z.string(),
  personId: z.string(),
  institutionId: z.string(),
  cellId: z.string(),
  cellType: z.string(),
  types: z.array(z.enum(restraintTypes)),
  combinationReason: z.string().nullable(),
  inViewOfOthers: z.boolean(),
  startedAt: z.string(),
  recordedAt: z.string(),
  lateEntryReason: z.string().nullable(),
  authorisation: z.enum(['doctor_order', 'emergency_start']),
  harm: z.string(),
  lessRestrictiveTried: z.array(z.string()),
  equipment: z.array(z.string()),
  holds: z.array(z.string()),
  appliedBy: z.array(z.string()),
  /** RST-4/RST-5: who supervised from the start, and from where (null before migration 0015). */
  supervisorId: z.string(),
  supervisionPosition: z.string().nullable(),
  flags: z.array(z.string()),
  recordedBy: z.string(),
  injuriesToPerson: z.string().nullable(),
  injuriesToStaff: z.string().nullable(),
  endReason: z.string().nullable(),
  orderedOrApprovedBy: z.string().nullable(),
  /** Clinical detail: only for clinical readers (absent otherwise). */
  orderAssessment: z.string().nullable().optional(),
  harmDescription: z.string().optional(),
  lessRestrictiveDescription: z.string().optional(),
  personPreferences: z.string().optional(),
  medication: z.string().nullable().optional(),
  state: episodeStateSchema,
});
export type EpisodeSummary = z.infer<typeof episodeSummarySchema>;

/**
 * An episode as the server shows it to this viewer, with its timeline (`GET /restraint-episodes/:id`
 * always sends it; the service builds lists and the single episode with one view function).
 */
export const episodeSchema = episodeSummarySchema.extend({
  events: z.array(episodeEventSchema).optional(),
  /** Issue 14 (the episode's own page): the person, the room, the staff by name, who started it. */
  /** Null when the reader does not reach the person now (moved to another prison since). */
  person: episodePersonSchema.nullable().optional(),
  cellCode: z.string().nullable().optional(),
  staffNames: z.record(z.string(), z.string()).optional(),
  recordedByAuthor: authorSchema.nullable().optional(),
});
export type Episode = z.infer<typeof episodeSchema> & { events: EpisodeEvent[] };

export const personEpisodesSchema = z.object({ items: z.array(episodeSummarySchema) });

/** RST-10: a register entry names the person and the staff (who applied, supervised, ordered or approved). */
export const registerEntrySchema = episodeSummarySchema.extend({
  person: z.object({ prisonNumber: z.string(), name: z.string() }).nullable(),
  appliedByNames: z.array(z.string()),
  supervisedByNames: z.array(z.string()),
  orderedOrApprovedByName: z.string().nullable(),
});
export type RegisterEntry = z.infer<typeof registerEntrySchema>;
export const registerPageSchema = pageSchema(registerEntrySchema);

export const boardEntrySchema = z.object({
  id: z.string(),
  personId: z.string(),
  prisonNumber: z.string(),
  name: z.string(),
  cellCode: z.string(),
  types: z.array(z.enum(restraintTypes)),
  startedAt: z.string(),
  authorisation: z.enum(['doctor_order', 'emergency_start']),
  flags: z.array(z.string()),
  stillNeeded: z.boolean().nullable(),
  state: episodeStateSchema,
  /** MED-3: the person's health alerts in force, coded (what to do, never why). */
  alerts: z.array(safetyAlertSchema),
});
export type BoardEntry = z.infer<typeof boardEntrySchema>;

export const boardSchema = z.object({
  institutionId: z.string(),
  at: z.string(),
  limits: restraintLimitsSchema.optional(),
  episodes: z.array(boardEntrySchema),
});
export type Board = z.infer<typeof boardSchema>;

const count = z.number().nullable();
/** RST-15; outside the health service a count left out is null (DAT-6). */
export const monthlySummarySchema = z.object({
  episodes: count,
  byType: z.object(
    Object.fromEntries(restraintTypes.map((t) => [t, count])) as Record<
      (typeof restraintTypes)[number],
      typeof count
    >,
  ),
  people: count,
  medianMinutes: count,
  maxMinutes: count,
  beyondSoftAlert: count,
  beyondSecondDoctor: count,
  beyondEscalation: count,
  repeatPeople: count,
  stillOpen: count,
});
export type MonthlySummary = z.infer<typeof monthlySummarySchema>;

export const monthlyReportSchema = z.object({
  institutionId: z.string(),
  month: z.string(),
  limits: restraintLimitsSchema,
  total: monthlySummarySchema,
  units: z.array(monthlySummarySchema.extend({ unitId: z.string(), unitCode: z.string() })),
  /** DAT-6: what was left out (null within the health service: nothing). */
  suppression: z.object({ threshold: z.number(), cells: z.array(z.string()) }).nullable(),
});
export type MonthlyReport = z.infer<typeof monthlyReportSchema>;

export const episodeStartedSchema = z.object({ id: z.string(), flags: z.array(z.string()) });
export const eventRecordedSchema = z.object({ id: z.string() });
export const trainingRecordedSchema = z.object({ version: z.number() });

export const policyVersionSchema = z.object({
  id: z.string(),
  version: z.number(),
  text: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type PolicyVersion = z.infer<typeof policyVersionSchema>;
export const policiesSchema = z.object({ items: z.array(policyVersionSchema) });
export const policyCreatedSchema = z.object({ id: z.string(), version: z.number() });
