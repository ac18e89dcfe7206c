import { z } from 'zod';
import {
  administrationOutcomes,
  deliveryModes,
  doseUnits,
  frequencyCodes,
  medicationRoutes,
  notGivenReasons,
  roundNames,
} from './vocabulary.ts';

const instant = z.iso.datetime({ offset: false });
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const text = (min: number, max: number) => z.string().trim().min(min).max(max);

/**
 * A prescription as the prescriber writes it (MDX-1: dose, unit, route and frequency are structured,
 * never free text). The end is capped by the expiry (90 days by default).
 */
const prescriptionFields = {
  dose: z.number().positive().max(100_000),
  doseUnit: z.enum(doseUnits),
  route: z.enum(medicationRoutes),
  frequency: z.enum(frequencyCodes),
  timesOfDay: z.array(timeOfDay).min(1).max(12).nullish(),
  everyHours: z.number().int().min(1).max(24).nullish(),
  firstTime: timeOfDay.nullish(),
  prnCondition: text(3, 300).nullish(),
  prnMinIntervalHours: z.number().min(0.5).max(72).nullish(),
  prnMaxPerDay: z.number().int().min(1).max(24).nullish(),
  delivery: z.enum(deliveryModes),
  /** MDX-5: an in-possession supply's risk assessment and its review date. */
  riskAssessment: text(3, 2000).nullish(),
  reviewDate: z.iso.date().nullish(),
  startAt: instant,
  endAt: instant.nullish(),
  indication: text(3, 500),
  /** Why it is prescribed although the person is recorded as allergic to it. */
  allergyOverrideReason: text(5, 1000).nullish(),
};

type TimingFields = {
  frequency: (typeof frequencyCodes)[number];
  everyHours?: number | null;
  prnCondition?: string | null;
  prnMinIntervalHours?: number | null;
  prnMaxPerDay?: number | null;
  startAt: string;
  endAt?: string | null;
};
function checkTiming(v: TimingFields, ctx: z.RefinementCtx) {
  if (v.frequency === 'every_n_hours' && !v.everyHours)
    ctx.addIssue({ code: 'custom', path: ['everyHours'], message: 'required' });
  if (v.frequency === 'prn') {
    for (const key of ['prnCondition', 'prnMinIntervalHours', 'prnMaxPerDay'] as const)
      if (v[key] === undefined || v[key] === null)
        ctx.addIssue({ code: 'custom', path: [key], message: 'required' });
  }
  if (v.endAt && v.endAt <= v.startAt)
    ctx.addIssue({ code: 'custom', path: ['endAt'], message: 'end_before_start' });
}

export const prescriptionInputSchema = z
  .object({
    drugId: z.string().min(1).max(64),
    ...prescriptionFields,
    /** MDX-4: the prescription this one replaces (same drug and route), stopped in the same step. */
    replacesPrescriptionId: z.string().min(1).max(64).nullish(),
  })
  .superRefine(checkTiming);
export type PrescriptionInput = z.infer<typeof prescriptionInputSchema>;

/** A revision: a new version with a new dose or timing; the drug stays. */
export const prescriptionRevisionSchema = z
  .object({ ...prescriptionFields, version: z.number().int().min(1), reason: text(3, 1000) })
  .superRefine(checkTiming);
export type PrescriptionRevision = z.infer<typeof prescriptionRevisionSchema>;

/** Pause or stop with a reason; resume; each a new version. */
export const prescriptionStatusChangeSchema = z.object({
  action: z.enum(['pause', 'resume', 'stop']),
  reason: text(3, 1000),
  version: z.number().int().min(1),
});
export type PrescriptionStatusChange = z.infer<typeof prescriptionStatusChangeSchema>;

/** One record for a due dose (MDX-2), or a PRN dose (no due time). */
export const administrationInputSchema = z.object({
  dueAt: instant.nullish(),
  outcome: z.enum(administrationOutcomes),
  reason: z.enum(notGivenReasons).nullish(),
  note: text(1, 2000).nullish(),
  /** For a dose given in part: how much. */
  doseGiven: z.number().positive().max(100_000).nullish(),
  /** DOT: the mouth check done after a supervised dose. */
  mouthCheck: z.boolean().nullish(),
  /** When it was given; the server's time when omitted. */
  givenAt: instant.nullish(),
});
export type AdministrationRecordInput = z.infer<typeof administrationInputSchema>;

/** The round: an institution (and one of its units), a day of its zone, a round. */
export const roundQuerySchema = z.object({
  institutionId: z.string().min(1).max(64),
  unitId: z.string().min(1).max(64).optional(),
  date: z.iso.date().optional(),
  round: z.enum(roundNames).optional(),
  /** Instead of a day and a round: the round holding this instant (a worklist line's due time). */
  at: instant.optional(),
});
export type RoundQuery = z.infer<typeof roundQuerySchema>;

export const drugQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
