import { z } from 'zod';
import { pageSchema } from '../platform/index.ts';
import { wallTimeToInstant } from '../platform/zoned-time.ts';
import { addDays, dayIn } from '../segregation/index.ts';

export * from './errors.ts';

/**
 * Hunger strikes (HUN-1 … HUN-10, WMA Declaration of Malta 2017; issue 17 item 5; ADR 0042): the
 * episode, the physician's assessment of voluntariness and capacity, the baseline with consent, the
 * information with teach-back, the daily offers and measurements, advance instructions and their
 * weekly reconfirmation, notices to the competent authority, the independent physician, and the
 * refeeding-risk protocol at the end. Pure rules: `now` and the time zone are passed in.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** HUN-5: daily weight and vital signs once the strike has lasted this long (or fluids are refused). */
export const MEASUREMENTS_AFTER_HOURS = 72;
/** HUN-6: advance instructions are reconfirmed at least this often. */
export const RECONFIRM_AFTER_DAYS = 7;
/** DOMAIN §6.1 defaults: the signs that call for a physician's attention (and maybe a HUN-9 notice). */
export const WEIGHT_LOSS_ALERT_PERCENT = 10;
export const BMI_ALERT = 18.5;
export const LONG_STRIKE_DAY = 28;

export const strikeTypes = ['food', 'fluids', 'both', 'partial'] as const;
export type StrikeType = (typeof strikeTypes)[number];
export const endManners = ['stopped', 'transferred_to_hospital', 'released', 'died'] as const;
export type EndManner = (typeof endManners)[number];
export const teachBackResults = ['understood', 'partly_understood', 'not_understood'] as const;
export const reconfirmOutcomes = ['reconfirmed', 'changed', 'withdrawn'] as const;
/**
 * HUN-7: the only interventions there are. Each needs the person's consent; there is no kind that
 * feeds a person against their will, and none can be added by a request.
 */
export const interventionKinds = [
  'oral_supplement',
  'intravenous_fluids',
  'artificial_nutrition',
  'hospital_transfer',
] as const;
export type InterventionKind = (typeof interventionKinds)[number];
/**
 * HUN-7, second sentence (ADR 0051): the kinds that feed a person artificially. With consent, like
 * any other; without it, only for a person a physician found without capacity, on a recorded
 * physician's decision in the person's interest that takes the valid advance instructions into
 * account — never for a person with capacity.
 */
export const artificialFeedingKinds: ReadonlySet<InterventionKind> = new Set([
  'intravenous_fluids',
  'artificial_nutrition',
]);
export const refeedingStepKinds = [
  'electrolytes_baseline',
  'thiamine_first_dose',
  'feeding_start',
  'electrolytes_day_1',
  'electrolytes_day_2',
  'electrolytes_day_3',
  'feeding_review',
  'thiamine_course_end',
] as const;
export type RefeedingStepKind = (typeof refeedingStepKinds)[number];

const instant = z.iso.datetime({ offset: false });
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish();

/** HUN-1: the strike as declared. A collective one may join the episode of another striker. */
export const hungerOpenSchema = z.object({
  startedAt: instant,
  type: z.enum(strikeTypes),
  collective: z.boolean(),
  /** A collective strike links its episodes: the episode of another person in the same strike. */
  linkedEpisodeId: z.string().min(1).max(64).nullish(),
  /** Optional and confidential (HUN-1). */
  statedAim: optionalText(1000),
});
export type HungerOpenInput = z.infer<typeof hungerOpenSchema>;

/** HUN-1, HUN-2: the physician's assessment of voluntariness and capacity. */
export const hungerCapacitySchema = z.object({
  assessedAt: instant,
  voluntary: z.boolean(),
  peerPressure: z.boolean(),
  capacity: z.enum(['has_capacity', 'impaired']),
  note: optionalText(2000),
});
export type HungerCapacityInput = z.infer<typeof hungerCapacitySchema>;

const vitalsShape = {
  pulse: z.number().int().min(20).max(250),
  systolic: z.number().int().min(50).max(260),
  diastolic: z.number().int().min(20).max(160),
  temperature: z.number().min(30).max(43),
};

/** HUN-3: the baseline only with consent; a refusal is a record of its own, not an empty form. */
export const hungerBaselineSchema = z.discriminatedUnion('consent', [
  z.object({ consent: z.literal('refused'), at: instant }),
  z.object({
    consent: z.literal('given'),
    at: instant,
    weightKg: z.number().min(20).max(300),
    heightCm: z.number().min(100).max(230),
    ...vitalsShape,
    glucose: z.number().min(0.5).max(40).nullish(),
    potassium: z.number().min(1).max(9).nullish(),
    phosphate: z.number().min(0.1).max(5).nullish(),
    magnesium: z.number().min(0.1).max(5).nullish(),
    history: optionalText(4000),
  }),
]);
export type HungerBaselineInput = z.infer<typeof hungerBaselineSchema>;

/** HUN-4: the consequences explained in plain language and the understanding checked (teach-back). */
export const hungerInformationSchema = z.object({
  at: instant,
  language: z.enum(['az', 'en', 'ru', 'other']),
  interpreter: z.boolean(),
  teachBack: z.enum(teachBackResults),
  summary: text(2000),
});

/** A measurement asked for: done with its value, or refused. Never pre-filled, never "normal". */
const weightRecord = z.discriminatedUnion('status', [
  z.object({ status: z.literal('done'), kg: z.number().min(20).max(300) }),
  z.object({ status: z.literal('refused') }),
]);
const vitalsRecord = z.discriminatedUnion('status', [
  z.object({ status: z.literal('done'), ...vitalsShape }),
  z.object({ status: z.literal('refused') }),
]);

/** HUN-5: the day's offer of assessment and, when due, weight and vital signs, each done or refused. */
export const hungerDayRecordSchema = z.object({
  offeredAt: instant,
  assessment: z.enum(['done', 'refused']),
  weight: weightRecord.nullish(),
  vitals: vitalsRecord.nullish(),
  /** Whether the person took fluids since the last record (null: not known). */
  fluidsTaken: z.boolean().nullish(),
  note: optionalText(2000),
});
export type HungerDayRecordInput = z.infer<typeof hungerDayRecordSchema>;

/** HUN-6: advance instructions with their witness and a check that they were given voluntarily. */
export const advanceInstructionSchema = z.object({
  at: instant,
  instructions: text(4000),
  refusesResuscitation: z.boolean(),
  refusesArtificialFeeding: z.boolean(),
  witnessName: text(160),
  givenVoluntarily: z.literal(true),
});
export const hungerReconfirmationSchema = z.object({
  at: instant,
  outcome: z.enum(reconfirmOutcomes),
  witnessName: text(160),
  note: optionalText(2000),
});

/** HUN-9: a notice of marked deterioration to the competent authority. */
export const deteriorationNoticeSchema = z.object({
  at: instant,
  authority: text(200),
  /** With the person's consent only may clinical detail travel (HUN-8, HUN-9). */
  consentToClinicalDetail: z.boolean(),
  clinicalDetail: optionalText(2000),
});
export type DeteriorationNoticeInput = z.infer<typeof deteriorationNoticeSchema>;

/** HUN-8: the person asks for an independent physician; the visit closes the request. */
export const independentRequestSchema = z.object({ at: instant });
export const independentVisitSchema = z.object({ at: instant, physicianName: text(160) });

/**
 * HUN-7: an intervention. The kind is read as sent and checked by the service, so that a kind that
 * is not one of `interventionKinds` (a "force-feeding" order under any name) is refused in words.
 */
/**
 * HUN-7: the physician's decision to feed a person without capacity (no consent possible): why it is
 * in the person's interest, and that the advance instructions were taken into account.
 */
export const incapacityFeedingDecisionSchema = z.object({
  interestReason: text(2000),
  advanceInstructionsConsidered: z.boolean(),
  /** Who else was consulted (a second physician, the family, a legal representative), when any. */
  consulted: optionalText(500),
});
export type IncapacityFeedingDecision = z.infer<typeof incapacityFeedingDecisionSchema>;

export const hungerInterventionSchema = z.object({
  at: instant,
  kind: z.string().trim().min(1).max(80),
  consent: z.boolean(),
  note: optionalText(2000),
  /** HUN-7: only without consent, for a person without capacity. */
  incapacityDecision: incapacityFeedingDecisionSchema.nullish(),
});
export type HungerInterventionInput = z.infer<typeof hungerInterventionSchema>;

/** HUN-10: the end of the strike, with what NICE CG32 needs to class the refeeding risk. */
export const hungerEndSchema = z.object({
  endedAt: instant,
  manner: z.enum(endManners),
  weightKg: z.number().min(20).max(300).nullish(),
  lowPotassium: z.boolean(),
  lowPhosphate: z.boolean(),
  lowMagnesium: z.boolean(),
  alcoholMisuse: z.boolean(),
  /** Insulin, chemotherapy, antacids or diuretics. */
  riskDrugs: z.boolean(),
  /** Unintentional weight loss over 3–6 months, when known beyond the strike (percent). */
  priorLossPercent: z.number().min(0).max(80).nullish(),
});
export type HungerEndInput = z.infer<typeof hungerEndSchema>;

export const refeedingStepDoneSchema = z.object({ at: instant, note: optionalText(1000) });

/* ------------------------------------------------------------------ rules */

export const fluidsRefusedByType = (type: StrikeType) => type === 'fluids' || type === 'both';

/** The facts the rules read, mapped from the stored rows. */
export interface HungerFacts {
  startedAt: string;
  type: StrikeType;
  endedAt: string | null;
  /** Days recorded, by local day. */
  days: readonly { day: string; fluidsTaken: boolean | null }[];
}

/** The strike's day number (day 1 is the day it started), in the institution's zone. */
export function strikeDay(startedAt: string, at: Date | string, timeZone: string): number {
  const first = dayIn(startedAt, timeZone);
  const today = dayIn(at, timeZone);
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / DAY_MS) + 1;
}

/** Whether any fluid refusal is known: by the type declared, or a day recorded without fluids. */
export const fluidRefusal = (facts: Pick<HungerFacts, 'type' | 'days'>) =>
  fluidsRefusedByType(facts.type) || facts.days.some((d) => d.fluidsTaken === false);

/**
 * HUN-5: from when daily weight and vital signs are due: 72 hours after the start, or at once when
 * fluids are refused (WMA leaves the cadence to the physician: project default, DOMAIN §6.1).
 */
export function measurementsDueFrom(facts: Pick<HungerFacts, 'startedAt' | 'type' | 'days'>): string {
  if (fluidRefusal(facts)) return facts.startedAt;
  return new Date(Date.parse(facts.startedAt) + MEASUREMENTS_AFTER_HOURS * HOUR_MS).toISOString();
}

/** HUN-5: whether a day's record at `at` must say done or refused for weight and vital signs. */
export const measurementsDue = (facts: Pick<HungerFacts, 'startedAt' | 'type' | 'days'>, at: Date | string) =>
  new Date(at).toISOString() >= measurementsDueFrom(facts);

/** The end of a local day, as an instant (the next day's midnight in the zone). */
function dayEndOf(day: string, timeZone: string): string {
  return wallTimeToInstant(`${addDays(day, 1)}T00:00:00`, timeZone) ?? `${addDays(day, 1)}T00:00:00.000Z`;
}

export interface HungerDailyDue {
  day: string;
  dayNumber: number;
  /** Today's offer is not recorded yet (HUN-5). */
  offerDue: boolean;
  /** Weight and vital signs belong in today's record. */
  measurementsDue: boolean;
  dueAt: string;
  /** A past day of the strike went without any record. */
  missedDays: number;
}

/**
 * HUN-5: what today asks of health care for an ongoing strike: the daily offer of assessment (due by
 * the end of the local day) and, past 72 h or on fluid refusal, weight and vital signs. Null once the
 * strike has ended.
 */
export function hungerDailyDue(facts: HungerFacts, now: Date, timeZone: string): HungerDailyDue | null {
  if (facts.endedAt) return null;
  const day = dayIn(now, timeZone);
  const dayNumber = strikeDay(facts.startedAt, now, timeZone);
  const recorded = new Set(facts.days.map((d) => d.day));
  let missedDays = 0;
  for (let d = dayIn(facts.startedAt, timeZone); d < day; d = addDays(d, 1))
    if (!recorded.has(d)) missedDays++;
  return {
    day,
    dayNumber,
    offerDue: !recorded.has(day),
    measurementsDue: measurementsDue(facts, now),
    dueAt: dayEndOf(day, timeZone),
    missedDays,
  };
}

export interface HungerProblem {
  path: string;
  code: string;
}

/** HUN-5: the problems of a day's record (nothing written when there is one). */
export function dailyRecordProblems(
  input: HungerDayRecordInput,
  facts: HungerFacts,
  now: Date,
): HungerProblem[] {
  const problems: HungerProblem[] = [];
  if (facts.endedAt) problems.push({ path: '', code: 'episode_ended' });
  if (input.offeredAt > now.toISOString()) problems.push({ path: 'offeredAt', code: 'in_future' });
  if (input.offeredAt < facts.startedAt) problems.push({ path: 'offeredAt', code: 'before_start' });
  const withToday = { ...facts, days: [...facts.days, { day: '', fluidsTaken: input.fluidsTaken ?? null }] };
  if (measurementsDue(withToday, input.offeredAt)) {
    if (!input.weight) problems.push({ path: 'weight', code: 'measurement_required' });
    if (!input.vitals) problems.push({ path: 'vitals', code: 'measurement_required' });
  }
  return problems;
}

/** An instant not in the future and not before the strike began. */
export function hungerMomentProblems(
  path: string,
  at: string,
  startedAt: string,
  now: Date,
): HungerProblem[] {
  if (at > now.toISOString()) return [{ path, code: 'in_future' }];
  if (at < startedAt) return [{ path, code: 'before_start' }];
  return [];
}

export interface ReconfirmationState {
  lastConfirmedAt: string;
  dueAt: string;
  overdue: boolean;
}

/**
 * HUN-6: advance instructions in force are reconfirmed weekly: due seven days after they were given or
 * last reconfirmed (a change counts as confirmation). Null when none are in force (none given, or
 * withdrawn).
 */
export function reconfirmationState(
  instructions: { at: string } | null,
  reconfirmations: readonly { at: string; outcome: (typeof reconfirmOutcomes)[number] }[],
  now: Date,
): ReconfirmationState | null {
  if (!instructions) return null;
  const after = reconfirmations
    .filter((r) => r.at >= instructions.at)
    .sort((a, b) => a.at.localeCompare(b.at));
  const last = after.at(-1);
  if (last?.outcome === 'withdrawn') return null;
  const lastConfirmedAt = last?.at ?? instructions.at;
  const dueAt = new Date(Date.parse(lastConfirmedAt) + RECONFIRM_AFTER_DAYS * DAY_MS).toISOString();
  return { lastConfirmedAt, dueAt, overdue: now.toISOString() > dueAt };
}

export const bmiOf = (weightKg: number, heightCm: number) =>
  Math.round((weightKg / (heightCm / 100) ** 2) * 10) / 10;

export const lossPercent = (baselineKg: number, nowKg: number) =>
  Math.round(((baselineKg - nowKg) / baselineKg) * 1000) / 10;

export const deteriorationSigns = ['weight_loss', 'low_bmi', 'long_strike', 'fluid_refusal'] as const;
export type DeteriorationSign = (typeof deteriorationSigns)[number];

/**
 * DOMAIN §6.1 defaults: the signs on the record that call for the physician (loss ≥ 10 % of the
 * baseline, BMI < 18.5, day 28, any fluid refusal). The physician decides whether the deterioration is
 * marked (HUN-9); the system never sends a notice by itself.
 */
export function hungerSigns(input: {
  facts: HungerFacts;
  baselineKg: number | null;
  heightCm: number | null;
  lastKg: number | null;
  now: Date;
  timeZone: string;
}): DeteriorationSign[] {
  const signs: DeteriorationSign[] = [];
  if (
    input.baselineKg &&
    input.lastKg &&
    lossPercent(input.baselineKg, input.lastKg) >= WEIGHT_LOSS_ALERT_PERCENT
  )
    signs.push('weight_loss');
  if (input.heightCm && input.lastKg && bmiOf(input.lastKg, input.heightCm) < BMI_ALERT)
    signs.push('low_bmi');
  const until = input.facts.endedAt ?? input.now.toISOString();
  if (strikeDay(input.facts.startedAt, until, input.timeZone) >= LONG_STRIKE_DAY) signs.push('long_strike');
  if (fluidRefusal(input.facts)) signs.push('fluid_refusal');
  return signs;
}

/**
 * HUN-9, HUN-8: what a deterioration notice to the competent authority says. Without the person's
 * consent it says only that health care judges the deterioration marked and follows the person —
 * never a weight, a vital sign, a capacity or a diagnosis. Clinical detail travels only with consent.
 */
export function deteriorationNoticeProblems(input: DeteriorationNoticeInput): HungerProblem[] {
  if (!input.consentToClinicalDetail && input.clinicalDetail?.trim())
    return [{ path: 'clinicalDetail', code: 'clinical_detail_without_consent' }];
  return [];
}

export interface NoticeContent {
  person: string;
  prisonNumber: string;
  institution: string;
  statement: string;
  clinicalDetail: string | null;
}

export const NOTICE_STATEMENT =
  'A person on hunger strike shows a marked deterioration of health in the judgement of the health service, which continues to follow them (R(98)7 App. III.E, WMA Malta 2017).';

export function deteriorationNoticeContent(
  input: DeteriorationNoticeInput,
  who: { person: string; prisonNumber: string; institution: string },
): NoticeContent {
  return {
    ...who,
    statement: NOTICE_STATEMENT,
    clinicalDetail: input.consentToClinicalDetail ? input.clinicalDetail?.trim() || null : null,
  };
}

/** HUN-7: a kind that names feeding (or force) but is not one of the consented interventions. */
const feedingWords =
  /feed|tube|nasogastric|force|forcible|gavage|nutrition|kormlen|qidaland|зонд|корм|питан|принудит|məcburi/i;

/**
 * HUN-7: whether an intervention may be recorded. There is no force-feeding order type: a kind that is
 * not one of `interventionKinds` is refused (in words when it names feeding), and every intervention
 * needs the person's consent.
 */
export function interventionProblem(
  input: HungerInterventionInput,
  /**
   * HUN-7, second sentence: what the episode shows — the capacity a physician last found, and
   * whether valid advance instructions (given, not withdrawn) refuse artificial feeding.
   */
  facts: { capacity: 'has_capacity' | 'impaired' | null; advanceRefusesFeeding: boolean } = {
    capacity: null,
    advanceRefusesFeeding: false,
  },
):
  | { error: 'force_feeding_not_permitted' | 'intervention_kind_unknown' }
  | { problems: HungerProblem[] }
  | null {
  if (!(interventionKinds as readonly string[]).includes(input.kind))
    return {
      error: feedingWords.test(input.kind) ? 'force_feeding_not_permitted' : 'intervention_kind_unknown',
    };
  const decision = input.incapacityDecision;
  if (input.consent) {
    // A decision over a person's head has no place beside their consent.
    return decision ? { problems: [{ path: 'incapacityDecision', code: 'decision_with_consent' }] } : null;
  }
  if (!decision || !artificialFeedingKinds.has(input.kind as InterventionKind))
    return { problems: [{ path: 'consent', code: 'intervention_without_consent' }] };
  // Never for a person with capacity: that would be force-feeding (HUN-7, first sentence).
  if (facts.capacity === 'has_capacity') return { error: 'force_feeding_not_permitted' };
  const problems: HungerProblem[] = [];
  if (facts.capacity !== 'impaired') problems.push({ path: '', code: 'capacity_not_assessed_impaired' });
  if (!decision.advanceInstructionsConsidered)
    problems.push({
      path: 'incapacityDecision.advanceInstructionsConsidered',
      code: 'advance_instructions_not_considered',
    });
  // Valid advance instructions refusing artificial feeding, given while the person had capacity, bind.
  if (facts.advanceRefusesFeeding) problems.push({ path: '', code: 'advance_refusal_in_force' });
  return problems.length ? { problems } : null;
}

export const refeedingCriteria = [
  'bmi_below_16',
  'loss_over_15',
  'little_intake_over_10_days',
  'low_electrolytes',
  'bmi_below_18_5',
  'loss_over_10',
  'little_intake_over_5_days',
  'alcohol_or_drugs',
] as const;
export type RefeedingCriterion = (typeof refeedingCriteria)[number];

export interface RefeedingRisk {
  level: 'high' | 'not_high';
  /** The criteria met, major ones first. */
  criteria: RefeedingCriterion[];
  bmi: number | null;
  lossPercent: number | null;
  daysLittleIntake: number;
  /** The starting energy: ≤ 10 kcal/kg/day for high risk, 5 when extreme (NICE CG32). */
  startKcalPerKgDay: number;
}

/**
 * HUN-10, NICE CG32: the refeeding risk. High if one of BMI < 16, unintentional loss > 15 % in 3–6
 * months, little or no intake > 10 days, low potassium, phosphate or magnesium before feeding; or two
 * of BMI < 18.5, loss > 10 %, little intake > 5 days, alcohol misuse or insulin, chemotherapy,
 * antacids or diuretics. High risk starts at 10 kcal/kg/day, 5 when BMI < 14 or no intake > 15 days;
 * otherwise no more than half the requirements for the first two days (20 kcal/kg/day here).
 */
export function refeedingRisk(input: {
  weightKg: number | null;
  heightCm: number | null;
  baselineKg: number | null;
  priorLossPercent: number | null;
  daysLittleIntake: number;
  lowElectrolytes: boolean;
  alcoholOrDrugs: boolean;
}): RefeedingRisk {
  const bmi = input.weightKg && input.heightCm ? bmiOf(input.weightKg, input.heightCm) : null;
  const strikeLoss =
    input.baselineKg && input.weightKg ? Math.max(0, lossPercent(input.baselineKg, input.weightKg)) : null;
  const loss =
    strikeLoss === null && input.priorLossPercent == null
      ? null
      : Math.max(strikeLoss ?? 0, input.priorLossPercent ?? 0);
  const major: RefeedingCriterion[] = [];
  if (bmi !== null && bmi < 16) major.push('bmi_below_16');
  if (loss !== null && loss > 15) major.push('loss_over_15');
  if (input.daysLittleIntake > 10) major.push('little_intake_over_10_days');
  if (input.lowElectrolytes) major.push('low_electrolytes');
  const minor: RefeedingCriterion[] = [];
  if (bmi !== null && bmi < 18.5) minor.push('bmi_below_18_5');
  if (loss !== null && loss > 10) minor.push('loss_over_10');
  if (input.daysLittleIntake > 5) minor.push('little_intake_over_5_days');
  if (input.alcoholOrDrugs) minor.push('alcohol_or_drugs');
  const high = major.length >= 1 || minor.length >= 2;
  const extreme = (bmi !== null && bmi < 14) || input.daysLittleIntake > 15;
  return {
    level: high ? 'high' : 'not_high',
    criteria: [...major, ...minor],
    bmi,
    lossPercent: loss,
    daysLittleIntake: input.daysLittleIntake,
    startKcalPerKgDay: high ? (extreme ? 5 : 10) : 20,
  };
}

/** The days of little or no intake: the whole days from the start to the end of a food refusal. */
export const daysLittleIntake = (startedAt: string, endedAt: string) =>
  Math.floor((Date.parse(endedAt) - Date.parse(startedAt)) / DAY_MS);

/**
 * HUN-10: the refeeding protocol's steps as tasks, from the end of the strike: electrolytes and the
 * first dose of thiamine before any feeding, feeding from the starting energy, electrolytes daily for
 * three days, a review of the grading on day 3 and the end of the 10-day thiamine course.
 */
export function refeedingSteps(endedAt: string): { kind: RefeedingStepKind; dueAt: string }[] {
  const at = (hours: number) => new Date(Date.parse(endedAt) + hours * HOUR_MS).toISOString();
  return [
    { kind: 'electrolytes_baseline', dueAt: at(2) },
    { kind: 'thiamine_first_dose', dueAt: at(2) },
    { kind: 'feeding_start', dueAt: at(4) },
    { kind: 'electrolytes_day_1', dueAt: at(24) },
    { kind: 'electrolytes_day_2', dueAt: at(48) },
    { kind: 'electrolytes_day_3', dueAt: at(72) },
    { kind: 'feeding_review', dueAt: at(72) },
    { kind: 'thiamine_course_end', dueAt: at(240) },
  ];
}

/** HUN-10: thiamine before feeding — feeding starts only once the first dose is recorded. */
export function refeedingStepProblems(
  kind: RefeedingStepKind,
  done: ReadonlySet<RefeedingStepKind>,
): HungerProblem[] {
  if (kind === 'feeding_start' && !done.has('thiamine_first_dose'))
    return [{ path: '', code: 'thiamine_before_feeding' }];
  return [];
}

export const hungerEpisodeStates = [
  'declared',
  'assessed',
  'ongoing',
  'moved_to_mental_health',
  'ended',
  'refeeding',
  'closed',
  'transferred_to_hospital',
  'died',
] as const;
export type HungerEpisodeState = (typeof hungerEpisodeStates)[number];

/** DOMAIN §6.1: the state, derived from the facts (never stored). */
export function hungerEpisodeState(input: {
  endedAt: string | null;
  endManner: EndManner | null;
  capacity: 'has_capacity' | 'impaired' | null;
  daysRecorded: number;
  refeedingOpen: number;
  refeedingTotal: number;
}): HungerEpisodeState {
  if (input.endedAt) {
    if (input.endManner === 'died') return 'died';
    if (input.endManner === 'transferred_to_hospital') return 'transferred_to_hospital';
    if (input.refeedingTotal === 0) return 'ended';
    return input.refeedingOpen > 0 ? 'refeeding' : 'closed';
  }
  if (input.capacity === 'impaired') return 'moved_to_mental_health';
  if (!input.capacity) return 'declared';
  return input.daysRecorded > 0 ? 'ongoing' : 'assessed';
}

/* ------------------------------------------------------------------ answers */

export const hungerCreatedSchema = z.object({ id: z.string() });

export const hungerRowSchema = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  prisonNumber: z.string(),
  institutionId: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  type: z.enum(strikeTypes),
  collective: z.boolean(),
  state: z.enum(hungerEpisodeStates),
  dayNumber: z.number(),
  offerDue: z.boolean(),
  measurementsDue: z.boolean(),
});
export type HungerRow = z.infer<typeof hungerRowSchema>;
export const hungerListSchema = pageSchema(hungerRowSchema);

const entryBase = { id: z.string(), at: z.string(), by: z.string(), recordedAt: z.string() };

export const hungerDaySchema = z.object({
  id: z.string(),
  day: z.string(),
  dayNumber: z.number(),
  offeredAt: z.string(),
  assessment: z.enum(['done', 'refused']),
  weight: z.object({ status: z.enum(['done', 'refused']), kg: z.number().nullable() }).nullable(),
  vitals: z
    .object({
      status: z.enum(['done', 'refused']),
      pulse: z.number().nullable(),
      systolic: z.number().nullable(),
      diastolic: z.number().nullable(),
      temperature: z.number().nullable(),
    })
    .nullable(),
  fluidsTaken: z.boolean().nullable(),
  note: z.string().nullable(),
  by: z.string(),
});
export type HungerDay = z.infer<typeof hungerDaySchema>;

export const refeedingStepViewSchema = z.object({
  id: z.string(),
  kind: z.enum(refeedingStepKinds),
  dueAt: z.string(),
  doneAt: z.string().nullable(),
  by: z.string().nullable(),
  note: z.string().nullable(),
  overdue: z.boolean(),
});

export const hungerEpisodeSchema = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  prisonNumber: z.string(),
  institutionId: z.string(),
  version: z.number(),
  startedAt: z.string(),
  type: z.enum(strikeTypes),
  collective: z.boolean(),
  collectiveGroupId: z.string().nullable(),
  linkedEpisodes: z.array(z.object({ id: z.string(), name: z.string(), prisonNumber: z.string() })),
  statedAim: z.string().nullable(),
  state: z.enum(hungerEpisodeStates),
  endedAt: z.string().nullable(),
  endManner: z.enum(endManners).nullable(),
  due: z
    .object({
      day: z.string(),
      dayNumber: z.number(),
      offerDue: z.boolean(),
      measurementsDue: z.boolean(),
      dueAt: z.string(),
      missedDays: z.number(),
    })
    .nullable(),
  measurementsDueFrom: z.string(),
  signs: z.array(z.enum(deteriorationSigns)),
  baselineKg: z.number().nullable(),
  lastKg: z.number().nullable(),
  capacity: z
    .object({
      ...entryBase,
      voluntary: z.boolean(),
      peerPressure: z.boolean(),
      capacity: z.enum(['has_capacity', 'impaired']),
      note: z.string().nullable(),
    })
    .nullable(),
  baseline: z
    .object({
      ...entryBase,
      consent: z.enum(['given', 'refused']),
      weightKg: z.number().nullable(),
      heightCm: z.number().nullable(),
      bmi: z.number().nullable(),
      pulse: z.number().nullable(),
      systolic: z.number().nullable(),
      diastolic: z.number().nullable(),
      temperature: z.number().nullable(),
      glucose: z.number().nullable(),
      potassium: z.number().nullable(),
      phosphate: z.number().nullable(),
      magnesium: z.number().nullable(),
      history: z.string().nullable(),
    })
    .nullable(),
  information: z.array(
    z.object({
      ...entryBase,
      language: z.string(),
      interpreter: z.boolean(),
      teachBack: z.enum(teachBackResults),
      summary: z.string(),
    }),
  ),
  days: z.array(hungerDaySchema),
  /** Days recorded in all (the sheet shows the latest 60). */
  dayCount: z.number(),
  advanceInstructions: z
    .object({
      ...entryBase,
      instructions: z.string(),
      refusesResuscitation: z.boolean(),
      refusesArtificialFeeding: z.boolean(),
      witnessName: z.string(),
    })
    .nullable(),
  reconfirmations: z.array(
    z.object({
      ...entryBase,
      outcome: z.enum(reconfirmOutcomes),
      witnessName: z.string(),
      note: z.string().nullable(),
    }),
  ),
  reconfirmation: z
    .object({ lastConfirmedAt: z.string(), dueAt: z.string(), overdue: z.boolean() })
    .nullable(),
  notices: z.array(
    z.object({
      ...entryBase,
      authority: z.string(),
      consentToClinicalDetail: z.boolean(),
      sent: z.object({
        person: z.string(),
        prisonNumber: z.string(),
        institution: z.string(),
        statement: z.string(),
        clinicalDetail: z.string().nullable(),
      }),
    }),
  ),
  independentPhysician: z.array(
    z.object({
      ...entryBase,
      requestedAt: z.string(),
      visitedAt: z.string().nullable(),
      physicianName: z.string().nullable(),
    }),
  ),
  interventions: z.array(
    z.object({
      ...entryBase,
      kind: z.enum(interventionKinds),
      consent: z.boolean(),
      note: z.string().nullable(),
      /** HUN-7: the physician's decision for a person without capacity (null: with consent). */
      incapacityDecision: incapacityFeedingDecisionSchema.nullable(),
    }),
  ),
  refeeding: z
    .object({
      level: z.enum(['high', 'not_high']),
      criteria: z.array(z.enum(refeedingCriteria)),
      bmi: z.number().nullable(),
      lossPercent: z.number().nullable(),
      daysLittleIntake: z.number(),
      startKcalPerKgDay: z.number(),
      steps: z.array(refeedingStepViewSchema),
    })
    .nullable(),
  mentalHealthReferralTaskId: z.string().nullable(),
});
export type HungerEpisode = z.infer<typeof hungerEpisodeSchema>;

export const personHungerStrikesSchema = z.object({ items: z.array(hungerRowSchema) });

/* ------------------------------------------------------------------ report */

export const hungerDurationBands = ['up_to_3', 'days_4_7', 'days_8_14', 'days_15_28', 'over_28'] as const;
export type HungerDurationBand = (typeof hungerDurationBands)[number];

/** The band of a strike's length in days (day 1 = the day it started). */
export function hungerDurationBand(days: number): HungerDurationBand {
  if (days <= 3) return 'up_to_3';
  if (days <= 7) return 'days_4_7';
  if (days <= 14) return 'days_8_14';
  if (days <= 28) return 'days_15_28';
  return 'over_28';
}

export const hungerReportSchema = z.object({
  institutionId: z.string(),
  from: z.string(),
  to: z.string(),
  /** Episodes that ran on some day of the period, by duration (to their end, or to the period's end). */
  bands: z.array(z.object({ band: z.enum(hungerDurationBands), count: z.number().nullable() })),
  ongoing: z.number().nullable(),
  ended: z.number().nullable(),
  total: z.number().nullable(),
  medianDays: z.number().nullable(),
  capacityWithin24h: z.number().nullable(),
  suppression: z.object({ threshold: z.number(), cells: z.array(z.string()) }).nullable(),
});
export type HungerReport = z.infer<typeof hungerReportSchema>;

export function hungerMedian(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
