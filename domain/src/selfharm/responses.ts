import { z } from 'zod';

/*
 * What the self-harm API answers (ADR 0022, ADR 0041): the server serialises through these schemas,
 * so a key not named here never leaves it. The plan as every reader sees it carries no risk level,
 * no assessment, no diagnosis and no note (MED-3): those are in `planClinicalSchema`, health roles only.
 */

const checkStatus = z.enum(['ok', 'missed', 'escalated']);

/** SSH-1: the observation schedule as custodial staff see it (a health alert, without diagnosis). */
export const scheduleSchema = z.object({
  mode: z.enum(['constant', 'intermittent']).nullable(),
  intervalMinutes: z.number().int().nullable(),
  observerName: z.string().nullable(),
  conversationsPerDay: z.number().int().nullable(),
  triggers: z.array(z.string()),
  lastCheckAt: z.string().nullable(),
  nextCheckDueAt: z.string().nullable(),
  checkStatus: checkStatus.nullable(),
});
export type Schedule = z.infer<typeof scheduleSchema>;

export const planStatusSchema = z.enum([
  'awaiting_assessment',
  'awaiting_review',
  'open',
  'post_closure',
  'closed',
]);

/** One person on the ward check list: the schedule, the triggers to know, the last and next check. */
export const wardRowSchema = z.object({
  planId: z.string(),
  personId: z.string(),
  prisonNumber: z.string(),
  name: z.string(),
  cellCode: z.string().nullable(),
  unitId: z.string().nullable(),
  status: planStatusSchema,
  schedule: scheduleSchema,
});
export type WardRow = z.infer<typeof wardRowSchema>;

export const wardListSchema = z.object({
  institutionId: z.string(),
  now: z.string(),
  items: z.array(wardRowSchema),
});
export type WardList = z.infer<typeof wardListSchema>;

export const planDueSchema = z.object({
  alert: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
});

export const checkEntrySchema = z.object({
  id: z.string(),
  checkedAt: z.string(),
  seen: z.string(),
  conversation: z.boolean(),
  late: z.boolean(),
  author: z.string(),
});

/** A plan as every reader of plans sees it (officers included): the concern, the schedule, the checks. */
export const planSchema = z.object({
  id: z.string(),
  personId: z.string(),
  prisonNumber: z.string(),
  name: z.string(),
  institutionId: z.string(),
  status: planStatusSchema,
  context: z.string(),
  raisedAt: z.string(),
  raisedBy: z.string(),
  seenOrHeard: z.string(),
  immediateAction: z.string(),
  assessedAt: z.string().nullable(),
  firstReviewAt: z.string().nullable(),
  nextReviewAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  postClosureDueAt: z.string().nullable(),
  postClosureDoneAt: z.string().nullable(),
  schedule: scheduleSchema,
  due: z.array(planDueSchema),
  checks: z.array(checkEntrySchema),
  incidents: z.array(z.object({ id: z.string(), occurredAt: z.string(), reviewed: z.boolean() })),
  version: z.number().int(),
});
export type Plan = z.infer<typeof planSchema>;

const actionSchema = z.object({
  text: z.string(),
  owner: z.string(),
  dueDate: z.string(),
  doneAt: z.string().nullable(),
  source: z.enum(['review', 'post_incident']),
});

/** The clinician's part of a plan (clinical data: health roles only, every read audited). */
export const planClinicalSchema = z.object({
  id: z.string(),
  riskLevel: z.string().nullable(),
  assessment: z
    .object({
      assessedAt: z.string(),
      author: z.string(),
      narrative: z.string(),
      workingDiagnosis: z.string().nullable(),
    })
    .nullable(),
  careMap: z.object({
    triggers: z.array(z.object({ text: z.string(), shareWithOfficers: z.boolean() })),
    protective: z.array(z.string()),
    actions: z.array(actionSchema),
  }),
  reviews: z.array(
    z.object({
      id: z.string(),
      reviewedAt: z.string(),
      first: z.boolean(),
      participants: z.array(z.object({ name: z.string(), discipline: z.string() })),
      decision: z.string(),
      riskLevel: z.string(),
      mode: z.string(),
      intervalMinutes: z.number().int(),
      observerName: z.string().nullable(),
      exceptionReason: z.string().nullable(),
      conversationsPerDay: z.number().int(),
      nextReviewAt: z.string().nullable(),
      note: z.string().nullable(),
      author: z.string(),
    }),
  ),
  incidents: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      occurredAt: z.string(),
      description: z.string(),
      reviewedAt: z.string().nullable(),
      findings: z.string().nullable(),
    }),
  ),
  postClosure: z
    .object({ reviewedAt: z.string(), outcome: z.string(), note: z.string().nullable() })
    .nullable(),
});
export type PlanClinical = z.infer<typeof planClinicalSchema>;

export const personPlansSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      status: planStatusSchema,
      raisedAt: z.string(),
      closedAt: z.string().nullable(),
    }),
  ),
});
export type PersonPlans = z.infer<typeof personPlansSchema>;

/** MHS-4: re-screening prompts of an institution. */
export const promptListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      personId: z.string(),
      prisonNumber: z.string(),
      name: z.string(),
      moment: z.string(),
      occurredAt: z.string(),
      dueAt: z.string(),
      overdue: z.boolean(),
    }),
  ),
});
export type PromptList = z.infer<typeof promptListSchema>;

const count = z.number().int().nullable();
/** Open care plans and missed checks per wing (issue 17 item 6); small counts suppressed (DAT-6). */
export const selfharmReportSchema = z.object({
  institutionId: z.string(),
  from: z.string(),
  to: z.string(),
  units: z.array(
    z.object({
      unitId: z.string(),
      unitCode: z.string(),
      opened: count,
      openNow: count,
      missedChecks: count,
    }),
  ),
  totals: z.object({ opened: count, openNow: count, missedChecks: count, checks: count }),
  suppression: z.object({ threshold: z.number().int(), cells: z.array(z.string()) }).nullable(),
});
export type SelfharmReport = z.infer<typeof selfharmReportSchema>;

export const selfharmCreatedSchema = z.object({ id: z.string() });
export const selfharmVersionSchema = z.object({ id: z.string(), version: z.number().int() });
