import { z } from 'zod';

/**
 * Health alerts (MED-3, ADM-10): need-to-know functional flags a clinician shares with custodial
 * staff. Each is coded — there is no free-text field — so no diagnosis can travel with one.
 */
export const healthAlertKinds = [
  'observation',
  'not_fit_for_segregation',
  'special_diet',
  'mobility_aid',
  'infection_control',
  'fitness',
  'obstetric',
] as const;
export type HealthAlertKind = (typeof healthAlertKinds)[number];

export const dietCodes = [
  'diabetic',
  'soft',
  'gluten_free',
  'high_calorie',
  'pregnancy',
  'other_medical',
] as const;
export const mobilityAids = [
  'wheelchair',
  'crutches',
  'walking_stick',
  'lower_bunk',
  'ground_floor',
] as const;
export const precautions = ['airborne', 'droplet', 'contact'] as const;
export const fitnessAreas = ['work', 'exercise', 'activities'] as const;
export const fitnessResults = ['fit', 'fit_with_restrictions', 'not_fit'] as const;
export const obstetricStages = ['in_labour', 'giving_birth', 'postpartum'] as const;
/** Observation intervals a clinician may choose; 15 minutes is the usual close observation. */
export const OBSERVATION_MINUTES_MIN = 5;
export const OBSERVATION_MINUTES_MAX = 240;

export const healthAlertDetailSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('observation'),
    intervalMinutes: z.number().int().min(OBSERVATION_MINUTES_MIN).max(OBSERVATION_MINUTES_MAX),
  }),
  z.object({ kind: z.literal('not_fit_for_segregation') }),
  z.object({ kind: z.literal('special_diet'), diet: z.enum(dietCodes) }),
  z.object({ kind: z.literal('mobility_aid'), aid: z.enum(mobilityAids) }),
  z.object({ kind: z.literal('infection_control'), precaution: z.enum(precautions) }),
  z.object({ kind: z.literal('fitness'), area: z.enum(fitnessAreas), result: z.enum(fitnessResults) }),
  /** RST-13: in labour, giving birth or just after: no restraint of any kind. */
  z.object({ kind: z.literal('obstetric'), stage: z.enum(obstetricStages) }),
]);
export type HealthAlertDetail = z.infer<typeof healthAlertDetailSchema>;

const instant = z.iso.datetime({ offset: false });
export const healthAlertInputSchema = z.object({
  detail: healthAlertDetailSchema,
  startsAt: instant,
  endsAt: instant.nullish(),
});
export type HealthAlertInput = z.infer<typeof healthAlertInputSchema>;

export const healthAlertEndSchema = z.object({
  endsAt: instant,
});

/** Whether an alert applies at `now`. */
export function alertActive(alert: { startsAt: string; endsAt: string | null }, now: Date): boolean {
  const t = now.toISOString();
  return alert.startsAt <= t && (alert.endsAt === null || alert.endsAt > t);
}

export function alertPeriodProblem(
  startsAt: string,
  endsAt: string | null | undefined,
): 'ends_before_start' | null {
  return endsAt && endsAt <= startsAt ? 'ends_before_start' : null;
}
