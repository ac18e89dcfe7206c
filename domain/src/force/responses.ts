import { z } from 'zod';

/*
 * What the use-of-force API answers (ADR 0022): the server serialises through these schemas, so a
 * key not named here never leaves it, and the web infers its types from them.
 */

const forceType = z.enum(['physical_hold', 'mechanical_restraint', 'baton', 'incapacitant_spray', 'other']);
const injury = z.enum(['yes', 'no', 'unknown']);

/** One staff member's account, or an amendment of one (X-2: the amended one stays, marked). */
export const forceAccountViewSchema = z.object({
  id: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  author: z.string(),
  recordedAt: z.string(),
  types: z.array(forceType),
  typeOther: z.string().nullable(),
  reason: z.string(),
  narrative: z.string(),
  durationMinutes: z.number().int(),
  deEscalationTried: z.boolean(),
  deEscalation: z.string().nullable(),
  injuriesToStaff: injury,
  injuriesToPerson: injury,
  witnesses: z.string().nullable(),
  amendsId: z.string().nullable(),
  amendReason: z.string().nullable(),
  /** A later amendment stands over this account. */
  superseded: z.boolean(),
});
export type ForceAccountView = z.infer<typeof forceAccountViewSchema>;

/**
 * RST-11: what custodial staff see of an examination: that it is due, overdue or done and when,
 * never what the clinician found (MED-1, MED-3).
 */
export const examinationStatusSchema = z.object({
  state: z.enum(['due', 'overdue', 'done']),
  overdueAt: z.string(),
  examinedAt: z.string().nullable(),
});

export const forceReviewViewSchema = z.object({
  id: z.string(),
  decision: z.string().nullable(),
  note: z.string(),
  author: z.string(),
  at: z.string(),
});

/** A use of force with its accounts, the governor's reviews and each person's examination status. */
export const forceIncidentSchema = z.object({
  id: z.string(),
  institutionId: z.string(),
  unitId: z.string().nullable(),
  unitCode: z.string().nullable(),
  cellId: z.string().nullable(),
  cellCode: z.string().nullable(),
  placeNote: z.string().nullable(),
  occurredAt: z.string(),
  recordedAt: z.string(),
  reportedBy: z.string(),
  restraint: z.object({ id: z.string(), startedAt: z.string(), types: z.array(z.string()) }).nullable(),
  persons: z.array(
    z.object({
      personId: z.string(),
      prisonNumber: z.string(),
      name: z.string(),
      examination: examinationStatusSchema,
    }),
  ),
  staff: z.array(z.object({ staffId: z.string(), name: z.string(), accountGiven: z.boolean() })),
  accounts: z.array(forceAccountViewSchema),
  reviews: z.array(forceReviewViewSchema),
  /** The governor's standing decision (the latest), or null while undecided. */
  decision: z.string().nullable(),
  acknowledged: z.boolean(),
});
export type ForceIncident = z.infer<typeof forceIncidentSchema>;

/** RST-11: the examinations with their clinical content: health-care roles only (MED-1). */
export const forceExaminationsSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      personId: z.string(),
      outcome: z.enum(['no_injuries', 'refused', 'injury_record']),
      examinedAt: z.string(),
      examinedBy: z.string(),
      nonMedicalStaffPresent: z.boolean().nullable(),
      presenceReason: z.string().nullable(),
      note: z.string().nullable(),
      injuryRecordId: z.string().nullable(),
      recordedAt: z.string(),
    }),
  ),
});
export type ForceExaminations = z.infer<typeof forceExaminationsSchema>;

/** A page of uses of force, newest first. */
export const forceIncidentListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      institutionId: z.string(),
      occurredAt: z.string(),
      persons: z.array(z.object({ personId: z.string(), prisonNumber: z.string(), name: z.string() })),
      types: z.array(forceType),
      decision: z.string().nullable(),
      acknowledged: z.boolean(),
      examinationsPending: z.number().int(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
export type ForceIncidentList = z.infer<typeof forceIncidentListSchema>;

const count = z.number().int().nullable();
const countsShape = {
  incidents: count,
  byType: z.record(z.string(), count),
  subjects: count,
  examinedInTime: count,
  examinedLate: count,
  refused: count,
  notExamined: count,
  referred: count,
};

/** INJ-7, RST-11, DAT-6: the monthly register per unit and institution (counts only). */
export const forceRegisterSchema = z.object({
  institutionId: z.string(),
  month: z.string(),
  examinationLimitMinutes: z.number().int(),
  total: z.object(countsShape),
  units: z.array(z.object({ unitId: z.string(), unitCode: z.string(), ...countsShape })),
  suppression: z.object({ threshold: z.number().int(), cells: z.array(z.string()) }).nullable(),
});
export type ForceRegister = z.infer<typeof forceRegisterSchema>;

export const forceCreatedSchema = z.object({ id: z.string() });
