import { z } from 'zod';

/*
 * What the requests API answers (ADR 0022, ADR 0038): the server serialises through these schemas, so
 * a key not named here never leaves it, and the web infers its types from them.
 */

const channel = z.enum(['sealed_box', 'kiosk']);
const urgency = z.enum(['routine', 'urgent']);
const addressee = z.enum(['governor', 'ministry', 'prosecutor', 'ombudsman', 'court', 'cpt']);
const status = z.enum(['received', 'acknowledged', 'answered', 'forwarded', 'closed']);

export const requestCreatedSchema = z.object({ id: z.string() });

/** MED-5: a request to health care, health staff only (its content is clinical). */
export const healthRequestSchema = z.object({
  id: z.string(),
  personId: z.string(),
  prisonNumber: z.string(),
  name: z.string(),
  institutionId: z.string(),
  channel,
  urgency,
  text: z.string(),
  paperDate: z.string().nullable(),
  boxOpenedAt: z.string().nullable(),
  receivedAt: z.string(),
  enteredBy: z.string(),
  recordedAt: z.string(),
  triageDueAt: z.string(),
  /** MED-5: overdue while untriaged past the deadline. */
  overdue: z.boolean(),
  triage: z
    .object({
      outcome: z.string(),
      appointmentAt: z.string().nullable(),
      reason: z.string().nullable(),
      note: z.string().nullable(),
      at: z.string(),
      by: z.string(),
      inTime: z.boolean(),
    })
    .nullable(),
  /** INJ-4: the complaint an allegation in this request opened. */
  allegationComplaintId: z.string().nullable(),
});
export type HealthRequest = z.infer<typeof healthRequestSchema>;

export const healthRequestRowSchema = healthRequestSchema.omit({ text: true, triage: true }).extend({
  triaged: z.boolean(),
  outcome: z.string().nullable(),
});
export type HealthRequestRow = z.infer<typeof healthRequestRowSchema>;

export const healthRequestListSchema = z.object({
  items: z.array(healthRequestRowSchema),
  nextCursor: z.string().nullable(),
});
export type HealthRequestList = z.infer<typeof healthRequestListSchema>;

/** RES-7: one step of a complaint's life (append-only, X-2). */
export const complaintEventSchema = z.object({
  id: z.string(),
  action: z.string(),
  at: z.string(),
  by: z.string(),
  text: z.string().nullable(),
  answerDate: z.string().nullable(),
  forwardTo: addressee.nullable(),
});

/** INJ-4: the allegation's dispatch to the independent body. */
export const dispatchSchema = z.object({
  id: z.string(),
  body: addressee,
  channel: z.string(),
  reference: z.string(),
  at: z.string(),
  by: z.string(),
});

/** INJ-4: the medical examination after an allegation (its result is an injury record). */
export const examinationSchema = z.object({
  id: z.string(),
  dueAt: z.string(),
  injuryRecordId: z.string().nullable(),
  examinedAt: z.string().nullable(),
});

export const complaintSchema = z.object({
  id: z.string(),
  personId: z.string(),
  prisonNumber: z.string(),
  name: z.string(),
  institutionId: z.string(),
  addressee,
  category: z.string(),
  text: z.string(),
  confidential: z.boolean(),
  allegation: z.boolean(),
  receivedAt: z.string(),
  answerDueAt: z.string(),
  status,
  overdue: z.boolean(),
  registeredBy: z.string(),
  recordedAt: z.string(),
  /** Whether the reader may answer, forward and close it. */
  canHandle: z.boolean(),
  events: z.array(complaintEventSchema),
  dispatches: z.array(dispatchSchema),
  examination: examinationSchema.nullable(),
});
export type Complaint = z.infer<typeof complaintSchema>;

export const complaintRowSchema = complaintSchema
  .omit({ text: true, events: true, dispatches: true, examination: true, canHandle: true })
  .extend({ answeredAt: z.string().nullable() });
export type ComplaintRow = z.infer<typeof complaintRowSchema>;

export const complaintListSchema = z.object({
  items: z.array(complaintRowSchema),
  nextCursor: z.string().nullable(),
});
export type ComplaintList = z.infer<typeof complaintListSchema>;

/** A count, or null where it is suppressed for the reader (DAT-6). */
const count = z.number().int().nullable();

/** MED-5, RES-7: the month's register of an institution, counts only (DAT-6 for non-clinical readers). */
export const requestsRegisterSchema = z.object({
  institutionId: z.string(),
  month: z.string(),
  requests: z.object({
    total: count,
    byUrgency: z.array(
      z.object({ urgency, received: count, triaged: count, triagedInTime: count, late: count }),
    ),
    byChannel: z.array(z.object({ channel, received: count })),
  }),
  complaints: z.object({
    total: count,
    allegations: count,
    byAddressee: z.array(
      z.object({ addressee, received: count, answered: count, answeredInTime: count, overdue: count }),
    ),
    byCategory: z.array(z.object({ category: z.string(), received: count })),
  }),
  suppression: z.object({ threshold: z.number().int(), cells: z.array(z.string()) }).nullable(),
});
export type RequestsRegister = z.infer<typeof requestsRegisterSchema>;

/** INJ-4: the examination after an allegation as health staff see it: who, when due, whether done. */
export const examinationViewSchema = z.object({
  complaintId: z.string(),
  personId: z.string(),
  prisonNumber: z.string(),
  name: z.string(),
  institutionId: z.string(),
  dueAt: z.string(),
  examinedAt: z.string().nullable(),
  injuryRecordId: z.string().nullable(),
});
export type ExaminationView = z.infer<typeof examinationViewSchema>;
