import { z } from 'zod';
import { dataClasses } from '../identity/index.ts';

export const auditPurposes = ['normal', 'break_glass', 'subject_access'] as const;
export type AuditPurpose = (typeof auditPurposes)[number];
export const auditOutcomes = ['allowed', 'denied'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

export const auditEventSchema = z.object({
  seq: z.number().int(),
  id: z.string(),
  at: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  role: z.string().nullable(),
  action: z.string(),
  resourceType: z.string().nullable(),
  resourceId: z.string().nullable(),
  personId: z.string().nullable(),
  dataClass: z.enum(dataClasses),
  purpose: z.enum(auditPurposes),
  outcome: z.enum(auditOutcomes),
  clientAddress: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

/** Search of the audit trail: by person, by user, by time (inclusive from, exclusive to). */
export const auditSearchSchema = z.object({
  personId: z.string().max(64).optional(),
  userId: z.string().max(64).optional(),
  username: z.string().max(64).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  outcome: z.enum(auditOutcomes).optional(),
});
