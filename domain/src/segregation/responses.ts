import { z } from 'zod';

/*
 * What the segregation API answers (ADR 0022): the server serialises through these schemas, so a
 * key not named here never leaves it, and the web infers its types from them.
 */

const kind = z.enum(['disciplinary', 'administrative', 'protective', 'own_request']);
const alert = z.string();
const minutesOfDay = z.object({
  outOfCellMinutes: z.number().int(),
  outdoorMinutes: z.number().int(),
  contactMinutes: z.number().int(),
});

/** One separated person on the wing list: a row each, with today's minutes and the flags in words. */
export const wingRowSchema = z.object({
  id: z.string(),
  personId: z.string(),
  prisonNumber: z.string(),
  name: z.string(),
  kind,
  cellCode: z.string().nullable(),
  startedAt: z.string(),
  plannedEndAt: z.string(),
  dayNumber: z.number().int(),
  solitaryRun: z.number().int(),
  alerts: z.array(alert),
  today: minutesOfDay.nullable(),
});
export type WingRow = z.infer<typeof wingRowSchema>;

export const wingListSchema = z.object({
  institutionId: z.string(),
  /** Today in the institution's time zone. */
  today: z.string(),
  items: z.array(wingRowSchema),
});
export type WingList = z.infer<typeof wingListSchema>;

/**
 * One entry of a placement's timeline, with its author and when it was recorded. A health visit
 * shows to custodial staff as a visit that happened (and a recommendation to end, which the
 * director must answer, SEG-7), never its content (MED-1, MED-3).
 */
export const timelineEntrySchema = z.object({
  id: z.string(),
  type: z.enum(['placement', 'day', 'health_visit', 'management_visit', 'decision', 'end']),
  at: z.string(),
  recordedAt: z.string(),
  author: z.string(),
  day: z.string().nullable(),
  minutes: minutesOfDay.nullable(),
  flags: z.array(z.string()),
  recommendsEnding: z.boolean().nullable(),
  decisionKind: z.string().nullable(),
  outcome: z.string().nullable(),
  /** The placement's, decision's or end's reason; a management visit's note. */
  text: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const placementSchema = z.object({
  id: z.string(),
  personId: z.string(),
  prisonNumber: z.string(),
  name: z.string(),
  institutionId: z.string(),
  kind,
  reason: z.string(),
  offenceReference: z.string().nullable(),
  decidedBy: z.string(),
  startedAt: z.string(),
  plannedEndAt: z.string(),
  endedAt: z.string().nullable(),
  cellCode: z.string().nullable(),
  overrideReason: z.string().nullable(),
  dayNumber: z.number().int(),
  solitaryRun: z.number().int(),
  alerts: z.array(alert),
  missedHealthVisitDays: z.array(z.string()),
  missedManagementVisitDays: z.array(z.string()),
  directorDecisionDueAt: z.string().nullable(),
  reviewDueAt: z.string().nullable(),
  timeline: z.array(timelineEntrySchema),
});
export type Placement = z.infer<typeof placementSchema>;

/** A placement's health visits with their clinical content: health-care roles only (MED-1). */
export const healthVisitsSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      at: z.string(),
      seen: z.boolean(),
      adverseEffect: z.boolean(),
      note: z.string().nullable(),
      author: z.string(),
      recordedAt: z.string(),
    }),
  ),
});
export type HealthVisits = z.infer<typeof healthVisitsSchema>;

export const segregationCreatedSchema = z.object({ id: z.string() });

/** A person's placements, newest first (the person page's tab). */
export const personPlacementsSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      kind,
      institutionId: z.string(),
      startedAt: z.string(),
      plannedEndAt: z.string(),
      endedAt: z.string().nullable(),
    }),
  ),
});
export type PersonPlacements = z.infer<typeof personPlacementsSchema>;
