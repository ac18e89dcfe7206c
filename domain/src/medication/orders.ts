import { z } from 'zod';
import { prescriptionInputSchema } from './schemas.ts';
import { roundNames } from './vocabulary.ts';

/**
 * Verbal orders and their countersignature, renewals, per-institution settings, reconciliation on
 * arrival and release preparation (issue 15 items 2 and 7; ADR 0045). Pure rules; `now` is passed in.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const text = (min: number, max: number) => z.string().trim().min(min).max(max);

/** The field codes of these rules (refused as `rule_refused`, ADR 0021), translated in the web locale. */
export const medicationOrderRuleCodes = [
  'orderer_not_prescriber',
  'not_pending',
  'not_the_orderer',
  'feldsher_not_allowed',
  'not_due_for_renewal',
  'reconciliation_done',
  'decision_missing',
] as const;

/** MDX-1: when a verbal order recorded at `recordedAt` must be countersigned (default 24 h). */
export function countersignDueAt(recordedAt: string, hours: number): string {
  return new Date(Date.parse(recordedAt) + hours * HOUR).toISOString();
}

/** A pending verbal order is `due` until its deadline, then `overdue` (escalated). */
export function countersignState(dueAt: string, now: Date): 'due' | 'overdue' {
  return now.getTime() >= Date.parse(dueAt) ? 'overdue' : 'due';
}

/**
 * Renewal (MDX-1): a prescription not stopped is due for renewal from `leadDays` before its end, and
 * still after it has lapsed (it takes no dose then, but one click renews it).
 */
export function renewalDue(endAt: string, now: Date, leadDays: number): boolean {
  return now.getTime() >= Date.parse(endAt) - leadDays * DAY;
}

/** The new end of a renewed prescription: `expiryDays` from now. */
export function renewedEnd(now: Date, expiryDays: number): string {
  return new Date(now.getTime() + expiryDays * DAY).toISOString();
}

/** TRC-6: a planned release within `leadDays` (calendar dates, the institution's) needs preparing. */
export function releaseNear(plannedOn: string, today: string, leadDays: number): boolean {
  const days = (Date.parse(`${plannedOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY;
  return days <= leadDays;
}

/** A verbal (telephone) order: the prescription as dictated and the doctor who gave it (username). */
export const verbalOrderInputSchema = z.object({
  orderedBy: text(1, 100),
  order: prescriptionInputSchema,
});
export type VerbalOrderInput = z.infer<typeof verbalOrderInputSchema>;

/** The doctor's decision on a verbal order: countersign, or reject (the prescription stops). */
export const verbalOrderDecisionSchema = z
  .object({ decision: z.enum(['countersign', 'reject']), reason: text(3, 1000).nullish() })
  .superRefine((v, ctx) => {
    if (v.decision === 'reject' && !v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'required' });
  });
export type VerbalOrderDecision = z.infer<typeof verbalOrderDecisionSchema>;

/** One-click renewal: the version renewed (a stale one is refused, 409). */
export const renewalInputSchema = z.object({ version: z.number().int().min(1) });

/** The institution's medication settings (health manager, system administrator). */
export const medicationSettingsSchema = z.object({
  feldsherMayPrescribe: z.boolean(),
  roundTimes: z.object(
    Object.fromEntries(roundNames.map((r) => [r, z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/)])) as Record<
      (typeof roundNames)[number],
      z.ZodString
    >,
  ),
  /** The institution's own drug flags, overriding the national ones (MDX-5). */
  drugFlags: z
    .array(
      z.object({
        drugId: z.string().min(1).max(64),
        highRisk: z.boolean(),
        programme: z.enum(['tb', 'ost', 'hiv', 'hcv']).nullable(),
        supervisedOnly: z.boolean(),
      }),
    )
    .max(200),
});
export type MedicationSettings = z.infer<typeof medicationSettingsSchema>;
export const medicationSettingsQuerySchema = z.object({ institutionId: z.string().min(1).max(64) });

/** Reconciliation on arrival: each prior prescription continued or stopped (a change = a revision). */
export const reconciliationInputSchema = z.object({
  decisions: z
    .array(
      z.object({
        prescriptionId: z.string().min(1).max(64),
        version: z.number().int().min(1),
        action: z.enum(['continue', 'stop']),
        reason: text(3, 1000).nullish(),
      }),
    )
    .max(100),
});
export type ReconciliationInput = z.infer<typeof reconciliationInputSchema>;

export const releaseLetterQuerySchema = z.object({ language: z.enum(['az', 'en', 'ru']).default('az') });

const personLine = z.object({ personId: z.string(), name: z.string(), prisonNumber: z.string() });

/**
 * The doctor's orders page: pending countersignatures, renewals, reconciliations, releases near,
 * in-possession reviews due.
 */
export const ordersOverviewSchema = z.object({
  countersignatures: z.array(
    personLine.extend({
      id: z.string(),
      prescriptionId: z.string(),
      drug: z.string(),
      dose: z.string(),
      orderedBy: z.string(),
      recordedBy: z.string(),
      recordedAt: z.string(),
      dueAt: z.string(),
      overdue: z.boolean(),
      mine: z.boolean(),
    }),
  ),
  renewals: z.array(
    personLine.extend({
      prescriptionId: z.string(),
      version: z.number(),
      drug: z.string(),
      endAt: z.string(),
      expired: z.boolean(),
    }),
  ),
  reconciliations: z.array(
    personLine.extend({ id: z.string(), openedAt: z.string(), dueAt: z.string(), overdue: z.boolean() }),
  ),
  /**
   * TRC-6 (ADR 0055): the registry's planned releases within the lead days; the letter prepared, the
   * release date it was prepared for (`letterFor`), and whether the date has changed since
   * (`letterOutdated`: the letter must be prepared again).
   */
  releases: z.array(
    personLine.extend({
      plannedOn: z.string(),
      letterAt: z.string().nullable(),
      letterFor: z.string().nullable(),
      letterOutdated: z.boolean(),
    }),
  ),
  /** MDX-5: in-possession prescriptions whose risk-assessment review date has come (today or past). */
  possessionReviews: z.array(
    personLine.extend({
      prescriptionId: z.string(),
      drug: z.string(),
      reviewDate: z.string(),
      overdue: z.boolean(),
    }),
  ),
});
export type OrdersOverview = z.infer<typeof ordersOverviewSchema>;

export const reconciliationSchema = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  institutionId: z.string(),
  openedAt: z.string(),
  dueAt: z.string(),
  status: z.enum(['open', 'done']),
  prescriptions: z.array(
    z.object({
      prescriptionId: z.string(),
      version: z.number(),
      drug: z.string(),
      dose: z.string(),
      delivery: z.string(),
      status: z.string(),
      endAt: z.string(),
    }),
  ),
});
export type Reconciliation = z.infer<typeof reconciliationSchema>;

export const medicationSettingsViewSchema = medicationSettingsSchema.extend({
  institutionId: z.string(),
  countersignHours: z.number(),
});
export type MedicationSettingsView = z.infer<typeof medicationSettingsViewSchema>;
export const medicationOkSchema = z.object({ ok: z.literal(true) });
