import { z } from 'zod';

/** The answers of the deaths API (ADR 0037). */
const kind = z.enum(['death', 'serious_injury', 'disappearance']);
const step = z.enum([
  'emergency_response',
  'doctor_certification',
  'next_of_kin',
  'independent_authority',
  'prosecutor',
  'ministry',
]);

export const deathsCreatedSchema = z.object({ id: z.string() });

export const deathStepEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  channel: z.string(),
  recipient: z.string(),
  reference: z.string().nullable(),
  note: z.string().nullable(),
  author: z.string(),
  recordedAt: z.string(),
});

export const deathChecklistLineSchema = z.object({
  step,
  dueAt: z.string(),
  doneAt: z.string().nullable(),
  state: z.enum(['done', 'done_late', 'due', 'overdue']),
  entries: z.array(deathStepEntrySchema),
});

export const deathEventSchema = z.object({
  id: z.string(),
  personId: z.string(),
  prisonNumber: z.string(),
  name: z.string(),
  institutionId: z.string(),
  kind,
  foundAt: z.string(),
  place: z.string(),
  foundBy: z.string(),
  circumstances: z.string(),
  resuscitationAttempted: z.boolean().nullable(),
  pronouncedBy: z.string().nullable(),
  pronouncedAt: z.string().nullable(),
  setting: z.string().nullable(),
  manner: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  amendments: z.array(
    z.object({
      id: z.string(),
      reason: z.string(),
      changes: z.record(z.string(), z.unknown()),
      author: z.string(),
      recordedAt: z.string(),
    }),
  ),
  checklist: z.array(deathChecklistLineSchema),
  investigation: z
    .object({
      authority: z.string(),
      reference: z.string(),
      openedAt: z.string(),
      author: z.string(),
      recordedAt: z.string(),
    })
    .nullable(),
  involvedStaff: z.array(z.object({ id: z.string(), name: z.string() })),
  /** INJ-8: the body's release and return, every entry (the last stands; earlier ones were corrected). */
  body: z.array(
    z.object({
      id: z.string(),
      releasedAt: z.string(),
      releaseReference: z.string(),
      outcome: z.enum(['returned', 'unclaimed_state_burial', 'declined_state_burial']),
      returnedAt: z.string().nullable(),
      recipientName: z.string().nullable(),
      recipientRelation: z.string().nullable(),
      buriedOn: z.string().nullable(),
      note: z.string().nullable(),
      correctionReason: z.string().nullable(),
      author: z.string(),
      recordedAt: z.string(),
    }),
  ),
  /** DAT-7: the frozen medical file (its hash; the file itself is clinical). */
  snapshot: z.object({ sha256: z.string(), size: z.number().int(), takenAt: z.string() }).nullable(),
  reviews: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['clinical_review', 'psychological_autopsy']),
      openedAt: z.string(),
      dueAt: z.string(),
      concludedAt: z.string().nullable(),
      reviewers: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
  ),
  actions: z.array(
    z.object({
      id: z.string(),
      reviewId: z.string(),
      recommendation: z.string(),
      ownerStaffId: z.string(),
      owner: z.string(),
      dueOn: z.string(),
      doneAt: z.string().nullable(),
      evidence: z.string().nullable(),
      overdue: z.boolean(),
    }),
  ),
  closeProblems: z.array(z.string()),
});
export type DeathEvent = z.infer<typeof deathEventSchema>;

/** DAT-7: the clinical content, health roles only (audited read). */
export const deathClinicalSchema = z.object({
  entries: z.array(
    z.object({
      id: z.string(),
      causeCode: z.string().nullable(),
      causeText: z.string().nullable(),
      autopsy: z.string(),
      autopsyResult: z.string().nullable(),
      author: z.string(),
      recordedAt: z.string(),
    }),
  ),
  reviews: z.array(
    z.object({ id: z.string(), findings: z.string().nullable(), concludedBy: z.string().nullable() }),
  ),
});
export type DeathClinical = z.infer<typeof deathClinicalSchema>;

export const deathEventListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      personId: z.string(),
      prisonNumber: z.string(),
      name: z.string(),
      institutionId: z.string(),
      kind,
      foundAt: z.string(),
      closedAt: z.string().nullable(),
      overdueSteps: z.number().int(),
    }),
  ),
});
export type DeathEventList = z.infer<typeof deathEventListSchema>;

const count = z.number().int().nullable();
export const deathsRegisterSchema = z.object({
  institutionId: z.string(),
  year: z.number().int(),
  month: z.number().int().nullable(),
  lines: z.array(
    z.object({
      id: z.string(),
      foundAt: z.string(),
      prisonNumber: z.string(),
      name: z.string(),
      setting: z.string().nullable(),
      manner: z.string().nullable(),
      nextOfKinAt: z.string().nullable(),
      investigationReference: z.string().nullable(),
      investigationOpenedAt: z.string().nullable(),
      recommendations: z.number().int(),
      implemented: z.number().int(),
      closedAt: z.string().nullable(),
      /** Clinical (health roles only; null for others). */
      causeCode: z.string().nullable(),
      causeText: z.string().nullable(),
      autopsy: z.string().nullable(),
    }),
  ),
  indicators: z.object({
    population: z.number().int(),
    deaths: count,
    byManner: z.record(z.string(), count),
    /** Deaths per 10,000 people held, by manner (null where the count is suppressed). */
    ratePer10000ByManner: z.record(z.string(), z.number().nullable()),
    withAutopsy: count,
    investigationWithin24h: count,
    recommendations: count,
    implemented: count,
  }),
  suppression: z.object({ threshold: z.number().int(), cells: z.array(z.string()) }).nullable(),
});
export type DeathsRegister = z.infer<typeof deathsRegisterSchema>;
