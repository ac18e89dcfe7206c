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
/**
 * MHS-3: suicide/self-harm observation checks at most 15 minutes apart; up to 30 only by a recorded
 * exception with its reason. Alerts stored before this rule (longer intervals) stay readable.
 */
export const OBSERVATION_MINUTES_MIN = 5;
export const OBSERVATION_MINUTES_USUAL = 15;
export const OBSERVATION_MINUTES_MAX = 30;

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
  /** HUN-8 (ADR 0042): on hunger strike and followed by health care; set by that module, not by hand. */
  z.object({ kind: z.literal('hunger_strike') }),
]);
export type HealthAlertDetail = z.infer<typeof healthAlertDetailSchema>;

const instant = z.iso.datetime({ offset: false });
export const healthAlertInputSchema = z.object({
  detail: healthAlertDetailSchema,
  startsAt: instant,
  endsAt: instant.nullish(),
  /**
   * MHS-3: why checks may be more than 15 minutes apart. Kept with the alert for health-care staff;
   * not part of what custodial staff see (the alert itself stays coded, MED-3).
   */
  exceptionReason: z.string().trim().max(1000).nullish(),
  /**
   * PHC-6 (ADR 0057): the coded infectious reason of an infection-control (isolation) order, one of
   * `isolationReasons`. A string here so a refused code (`hiv`) reaches the rule and is refused by
   * name; kept for health-care staff only, never in what custodial staff see (MED-3).
   */
  isolationReason: z.string().trim().max(40).nullish(),
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

/**
 * PHC-6 (ADR 0057): the infectious reasons an isolation (infection-control) order may carry: diseases
 * transmitted by air, droplets or contact during a defined infectious period.
 */
export const isolationReasons = [
  'tuberculosis',
  'measles',
  'varicella',
  'influenza',
  'covid19',
  'diphtheria',
  'meningococcal_disease',
  'pertussis',
  'acute_diarrhoea',
  'scabies',
  'mrsa',
  'other_communicable',
] as const;
export type IsolationReason = (typeof isolationReasons)[number];

/**
 * PHC-6: codes never accepted as the reason of an isolation. An HIV-positive status alone is never a
 * reason for isolation (Mandela r.30(d), EPR r.42.3.f–g); the code is named so the refusal says so.
 */
export const refusedIsolationReasons = ['hiv'] as const;

/**
 * PHC-6 (ADR 0057): why an isolation order is refused — its reason missing, an HIV status given as the
 * reason, a code that is not an infectious reason, or no end of the infectious period (`endsAt`).
 */
export function isolationOrderProblems(input: {
  isolationReason?: string | null;
  endsAt?: string | null;
}): { path: string; code: string }[] {
  const problems: { path: string; code: string }[] = [];
  const reason = (input.isolationReason ?? '').trim().toLowerCase();
  if (!reason) problems.push({ path: 'isolationReason', code: 'isolation_reason_required' });
  else if (/\bhiv\b|^hiv/.test(reason) || (refusedIsolationReasons as readonly string[]).includes(reason))
    problems.push({ path: 'isolationReason', code: 'hiv_never_a_reason_for_isolation' });
  else if (!(isolationReasons as readonly string[]).includes(reason))
    problems.push({ path: 'isolationReason', code: 'isolation_reason_not_infectious' });
  if (!input.endsAt) problems.push({ path: 'endsAt', code: 'infectious_period_required' });
  return problems;
}

/** MHS-3: the interval of an observation alert and its exception (more than 15 minutes needs a reason). */
export function observationIntervalProblem(
  intervalMinutes: number,
  exceptionReason: string | null | undefined,
): 'observation_interval_too_long' | 'observation_exception_reason_required' | null {
  if (intervalMinutes > OBSERVATION_MINUTES_MAX) return 'observation_interval_too_long';
  if (intervalMinutes > OBSERVATION_MINUTES_USUAL && (exceptionReason ?? '').trim().length < 10)
    return 'observation_exception_reason_required';
  return null;
}

/** MHS-3: a check of a person under observation, by whoever looked (custodial or health-care staff). */
/** When the person was seen (now, when left out). */
export const observationCheckSchema = z.object({ checkedAt: instant.nullish() });

/** MHS-3: the disciplines a multidisciplinary review brings together. */
export const reviewDisciplines = [
  'doctor',
  'psychiatrist',
  'psychologist',
  'nurse',
  'custodial',
  'social_work',
  'other',
] as const;
const healthDisciplines: ReadonlySet<string> = new Set(['doctor', 'psychiatrist', 'psychologist', 'nurse']);

/**
 * MHS-3: the observation ends (or its level changes) only through a recorded multidisciplinary
 * review: who took part, in which discipline, and the decision.
 */
export const observationReviewSchema = z.object({
  reviewedAt: instant,
  participants: z
    .array(
      z.object({
        name: z.string().trim().min(2).max(160),
        discipline: z.enum(reviewDisciplines),
      }),
    )
    .min(2)
    .max(20),
  decision: z.enum(['end_observation', 'continue_observation']),
});
export type ObservationReview = z.infer<typeof observationReviewSchema>;

/** MHS-3: multidisciplinary means at least two disciplines, one of them health care. */
export function reviewProblems(review: ObservationReview): { path: string; code: string }[] {
  const disciplines = new Set(review.participants.map((p) => p.discipline));
  if (disciplines.size < 2) return [{ path: 'participants', code: 'review_not_multidisciplinary' }];
  if (![...disciplines].some((d) => healthDisciplines.has(d)))
    return [{ path: 'participants', code: 'review_without_health_care' }];
  return [];
}

/**
 * MHS-3: when the next check is due (the last check, or the start, plus the interval) and whether it
 * was missed, from `now` (never stored).
 */
export function observationCheckState(
  alert: { startsAt: string; intervalMinutes: number },
  lastCheckAt: string | null,
  now: Date,
): { nextCheckDueAt: string; overdue: boolean } {
  const from = lastCheckAt && lastCheckAt > alert.startsAt ? lastCheckAt : alert.startsAt;
  const nextCheckDueAt = new Date(Date.parse(from) + alert.intervalMinutes * 60_000).toISOString();
  return { nextCheckDueAt, overdue: now.toISOString() > nextCheckDueAt };
}

/**
 * MED-3: a health alert as custodial staff see it where they act (the person summary, the search
 * results, the restraint start form and board): the coded function and its period, nothing else. The
 * detail names only the coded keys of `healthAlertDetailSchema`, so a key that is not one of them is
 * dropped on the way out (no author, no note, no encounter, no diagnosis). No input limits: an alert
 * stored under older rules still goes out.
 */
export const safetyAlertSchema = z.object({
  id: z.string(),
  detail: z.object({
    kind: z.string(),
    intervalMinutes: z.number().optional(),
    diet: z.string().optional(),
    aid: z.string().optional(),
    precaution: z.string().optional(),
    area: z.string().optional(),
    result: z.string().optional(),
    stage: z.string().optional(),
  }),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
});
export type SafetyAlert = Omit<z.infer<typeof safetyAlertSchema>, 'detail'> & { detail: HealthAlertDetail };
