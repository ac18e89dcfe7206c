import { z } from 'zod';
import { fitnessResults, observationIntervalProblem } from './alerts.ts';
import { allergySeverities } from './records.ts';
import { type VitalSign, vitalSigns, vitalsProblems } from './vitals.ts';

/**
 * The admission health screening (ADM-1 … ADM-10, WOM-3, WOM-5 … WOM-7). The shape allows an
 * incomplete draft; `screeningProblems` says what must still be filled before it can be completed.
 * Every section is either assessed, with its required answers, or "not assessed" with a reason
 * (ADM-2). The injury section (ADM-4) cannot be "not assessed".
 */
const sectionStatus = z.enum(['assessed', 'not_assessed']).nullish();
const reason = z.string().trim().max(1000).nullish();
const yesNo = z.boolean().nullish();
const note = z.string().trim().max(4000).nullish();

export const bodyRegions = [
  'head',
  'face',
  'neck',
  'chest',
  'abdomen',
  'back_upper',
  'back_lower',
  'buttocks',
  'genitals',
  'arm_left',
  'arm_right',
  'hand_left',
  'hand_right',
  'leg_left',
  'leg_right',
  'foot_left',
  'foot_right',
] as const;

/**
 * INJ-3: the Istanbul Protocol's five grades (2022 ed., ch. V §418), from weakest to strongest, and
 * "cannot assess" with a recorded reason. `cannot_say` is the earlier three-step scale's answer: it
 * stays readable in screenings written before, but a draft must be graded again to be completed.
 */
export const istanbulGrades = [
  'not_consistent',
  'consistent',
  'highly_consistent',
  'typical',
  'diagnostic',
] as const;
export const injuryConsistencies = [...istanbulGrades, 'cannot_assess', 'cannot_say'] as const;
export type InjuryConsistency = (typeof injuryConsistencies)[number];

export const injurySchema = z.object({
  /** Where on the front/back body chart (ADM-4). x and y are 0–1 from the chart's top left. */
  side: z.enum(['front', 'back']),
  region: z.enum(bodyRegions),
  x: z.number().min(0).max(1).nullish(),
  y: z.number().min(0).max(1).nullish(),
  description: z.string().trim().min(3).max(2000),
  /** The person's own account of how it happened. */
  personsAccount: z.string().trim().max(2000).nullish(),
  /** INJ-3: the clinician's opinion on the account, on the Istanbul Protocol's scale. */
  consistency: z.enum(injuryConsistencies),
  /** INJ-3: why the consistency cannot be assessed (required with `cannot_assess`). */
  consistencyReason: z.string().trim().max(1000).nullish(),
});

export const testOffer = z.enum(['accepted', 'declined', 'known_positive']).nullish();
export const chestXrayResults = [
  'normal',
  'abnormal',
  'not_available',
  'declined',
  'pregnant_deferred',
] as const;

/** The readings taken at the screening (issue 14 item 8): each optional, each in a living adult's range. */
const reading = z.number().finite().nullish();
export const screeningVitalsSchema = z.object({
  weight: reading,
  height: reading,
  systolic: reading,
  diastolic: reading,
  pulse: reading,
  temperature: reading,
  respiratoryRate: reading,
  spo2: reading,
});
export type ScreeningVitals = z.infer<typeof screeningVitalsSchema>;
/** The readings the screening form asks for, in the order it asks. */
export const screeningVitalNames = [
  'weight',
  'height',
  'systolic',
  'diastolic',
  'pulse',
  'temperature',
  'respiratoryRate',
  'spo2',
] as const satisfies readonly VitalSign[];

/**
 * The allergy question: "no known allergies" is an answer the clinician gives, never a default;
 * "unknown" is for a person who cannot say (the chart then states nothing).
 */
export const allergyAnswers = ['none_known', 'listed', 'unknown'] as const;
export const allergyCategories = ['medication', 'food', 'environment', 'other'] as const;
/** An allergy named at the screening; a draft may hold it half written, completion needs it whole. */
export const screeningAllergySchema = z.object({
  substance: z.string().trim().max(200).default(''),
  category: z.enum(allergyCategories).nullish(),
  severity: z.enum(allergySeverities).nullish(),
  reaction: z.string().trim().max(500).nullish(),
});
export type ScreeningAllergy = z.infer<typeof screeningAllergySchema>;

export const screeningFormSchema = z.object({
  /** Weight, height and vital signs: on completion they become the chart's vital signs. */
  vitals: screeningVitalsSchema.nullish(),
  /** Allergies: on completion, entries of the chart's allergy list or its "no known allergies". */
  allergies: z
    .object({
      answer: z.enum(allergyAnswers).nullish(),
      items: z.array(screeningAllergySchema).max(20).default([]),
    })
    .nullish(),
  /** ADM-2(a), ADM-8: health needs and medication for continuity of care. */
  healthNeeds: z.object({
    status: sectionStatus,
    notAssessedReason: reason,
    currentMedication: note,
    chronicConditions: note,
    onOpioidSubstitution: yesNo,
    onAntiretroviral: yesNo,
    onTbTreatment: yesNo,
    otherEssentialMedication: yesNo,
  }),
  /** ADM-2(b), ADM-4: injuries and the ill-treatment question. */
  injuries: z.object({
    status: sectionStatus,
    noInjuriesSeen: yesNo,
    items: z.array(injurySchema).max(60).default([]),
    illTreatment: z.enum(['alleged', 'denied', 'declined_to_answer']).nullish(),
    illTreatmentAccount: note,
  }),
  /** ADM-2(c), ADM-9: psychological stress, suicide and self-harm, withdrawal. */
  mentalHealth: z.object({
    status: sectionStatus,
    notAssessedReason: reason,
    suicideScreen: z.enum(['positive', 'negative']).nullish(),
    /** MHS-3: at most 15 minutes; up to 30 with `observationExceptionReason` (older drafts may hold more). */
    observationMinutes: z.number().int().min(5).max(240).nullish(),
    observationExceptionReason: reason,
    previousSelfHarm: yesNo,
    withdrawal: z.enum(['none', 'opioids', 'alcohol', 'benzodiazepines', 'other']).nullish(),
    notes: note,
  }),
  /** ADM-2(d), ADM-6: TB symptom screen and chest X-ray; other contagious disease. */
  tuberculosis: z.object({
    status: sectionStatus,
    notAssessedReason: reason,
    cough: yesNo,
    fever: yesNo,
    nightSweats: yesNo,
    weightLoss: yesNo,
    haemoptysis: yesNo,
    contactWithTb: yesNo,
    chestXray: z.enum(chestXrayResults).nullish(),
    chestXrayReason: reason,
    otherContagiousSigns: note,
  }),
  /** ADM-7: offered with counselling; accepted or declined. There is no compulsory option. */
  bloodBorne: z.object({
    status: sectionStatus,
    notAssessedReason: reason,
    hiv: testOffer,
    hepatitisB: testOffer,
    hepatitisC: testOffer,
    sti: testOffer,
  }),
  /** ADM-2(e), ADM-10: coded functional results regime staff may see. */
  fitness: z.object({
    status: sectionStatus,
    notAssessedReason: reason,
    work: z.enum(fitnessResults).nullish(),
    exercise: z.enum(fitnessResults).nullish(),
    activities: z.enum(fitnessResults).nullish(),
  }),
  /** WOM-3 … WOM-6, for women only. Reproductive questions are optional to answer (WOM-5). */
  women: z
    .object({
      pregnancy: z.enum(['pregnant', 'not_pregnant', 'unsure', 'declined_to_answer']).nullish(),
      recentBirthOrLoss: z.enum(['yes', 'no', 'declined_to_answer']).nullish(),
      reproductiveHistory: note,
      violenceBeforeAdmission: z.enum(['yes', 'no', 'declined_to_answer']).nullish(),
      /** WOM-4: told of her right to complain and offered support. */
      supportOffered: yesNo,
      childrenOutside: z.number().int().min(0).max(30).nullish(),
      femaleClinicianRequested: yesNo,
    })
    .nullish(),
});
export type ScreeningForm = z.infer<typeof screeningFormSchema>;

export const screeningSections = [
  'healthNeeds',
  'injuries',
  'mentalHealth',
  'tuberculosis',
  'bloodBorne',
  'fitness',
] as const;

export interface ScreeningProblem {
  path: string;
  code: string;
}

const answered = (v: unknown) => v !== null && v !== undefined && v !== '';

/**
 * Readings outside the range a living adult can show (a typing error: pulse 500, temperature 60), or
 * a blood pressure half given or upside down; each at its field (`vitals.pulse`). Checked when a
 * draft is saved and when the screening is completed, so nothing out of range is ever recorded.
 */
export function screeningVitalsProblems(form: Pick<ScreeningForm, 'vitals'>): ScreeningProblem[] {
  const vitals = form.vitals;
  if (!vitals) return [];
  return vitalsProblems({ takenAt: '', ...vitals })
    .filter((p) => p.code !== 'no_values')
    .map((p) => ({ path: `vitals.${p.field}`, code: p.code }));
}

/** The range of a reading the screening asks for, for the message that names it. */
export const vitalRange = (name: VitalSign) => ({
  min: vitalSigns[name].min,
  max: vitalSigns[name].max,
  unit: vitalSigns[name].unit,
});
const tbSymptoms = ['cough', 'fever', 'nightSweats', 'weightLoss', 'haemoptysis'] as const;

/** ADM-6: any symptom, or an abnormal chest X-ray, makes TB presumptive. */
export function presumptiveTb(form: ScreeningForm): boolean {
  const tb = form.tuberculosis;
  if (tb.status !== 'assessed') return false;
  return tbSymptoms.some((s) => tb[s] === true) || tb.chestXray === 'abnormal';
}

/** What must still be answered before the screening can be completed; empty when complete. */
export function screeningProblems(
  form: ScreeningForm,
  person: { sex: 'male' | 'female' },
): ScreeningProblem[] {
  const problems: ScreeningProblem[] = [];
  const need = (path: string, value: unknown, code = 'required') => {
    if (!answered(value)) problems.push({ path, code });
  };
  // ADM-2: every section assessed, or not assessed with a reason.
  for (const name of screeningSections) {
    const section = form[name] as { status?: string | null; notAssessedReason?: string | null };
    if (!answered(section.status)) problems.push({ path: `${name}.status`, code: 'section_blank' });
    if (section.status === 'not_assessed') {
      if (name === 'injuries') problems.push({ path: 'injuries.status', code: 'injuries_must_be_assessed' });
      else if ((section.notAssessedReason ?? '').trim().length < 5) {
        problems.push({ path: `${name}.notAssessedReason`, code: 'not_assessed_reason_required' });
      }
    }
  }
  problems.push(...screeningVitalsProblems(form));
  // The allergy question answered: "no known allergies", the allergies named, or "unknown".
  const allergies = form.allergies;
  need('allergies.answer', allergies?.answer, 'allergies_unanswered');
  if (allergies?.answer === 'listed') {
    if (!allergies.items.length) problems.push({ path: 'allergies.items', code: 'allergies_or_none_known' });
    allergies.items.forEach((item, i) => {
      if (item.substance.trim().length < 2)
        problems.push({ path: `allergies.items.${i}.substance`, code: 'allergy_substance_required' });
      need(`allergies.items.${i}.category`, item.category);
      need(`allergies.items.${i}.severity`, item.severity);
    });
  } else if (allergies?.answer && allergies.items.length) {
    problems.push({ path: 'allergies.answer', code: 'no_allergies_but_allergies_listed' });
  }
  const h = form.healthNeeds;
  if (h.status === 'assessed') {
    for (const k of [
      'onOpioidSubstitution',
      'onAntiretroviral',
      'onTbTreatment',
      'otherEssentialMedication',
    ] as const) {
      need(`healthNeeds.${k}`, h[k]);
    }
  }
  // ADM-4: "no injuries seen" or at least one injury; the ill-treatment question answered.
  const inj = form.injuries;
  if (inj.status === 'assessed') {
    if (inj.noInjuriesSeen === true && inj.items.length) {
      problems.push({ path: 'injuries.noInjuriesSeen', code: 'no_injuries_but_injuries_listed' });
    }
    if (inj.noInjuriesSeen !== true && !inj.items.length) {
      problems.push({ path: 'injuries.items', code: 'injuries_or_none_seen' });
    }
    // INJ-3: an Istanbul Protocol grade, or "cannot assess" with its reason.
    inj.items.forEach((item, i) => {
      if (item.consistency === 'cannot_say') {
        problems.push({ path: `injuries.items.${i}.consistency`, code: 'consistency_regrade' });
      } else if (item.consistency === 'cannot_assess' && (item.consistencyReason ?? '').trim().length < 5) {
        problems.push({ path: `injuries.items.${i}.consistencyReason`, code: 'consistency_reason_required' });
      }
    });
    need('injuries.illTreatment', inj.illTreatment, 'ill_treatment_question_unanswered');
    if (inj.illTreatment === 'alleged') need('injuries.illTreatmentAccount', inj.illTreatmentAccount);
  }
  const m = form.mentalHealth;
  if (m.status === 'assessed') {
    need('mentalHealth.suicideScreen', m.suicideScreen);
    need('mentalHealth.withdrawal', m.withdrawal);
    if (m.suicideScreen === 'positive') {
      need('mentalHealth.observationMinutes', m.observationMinutes);
      // MHS-3: checks at most 15 minutes apart, 30 only by a recorded exception.
      const problem = m.observationMinutes
        ? observationIntervalProblem(m.observationMinutes, m.observationExceptionReason)
        : null;
      if (problem === 'observation_interval_too_long')
        problems.push({ path: 'mentalHealth.observationMinutes', code: problem });
      else if (problem) problems.push({ path: 'mentalHealth.observationExceptionReason', code: problem });
    }
  }
  const tb = form.tuberculosis;
  if (tb.status === 'assessed') {
    for (const s of tbSymptoms) need(`tuberculosis.${s}`, tb[s]);
    need('tuberculosis.chestXray', tb.chestXray);
    if (tb.chestXray && tb.chestXray !== 'normal' && tb.chestXray !== 'abnormal') {
      if ((tb.chestXrayReason ?? '').trim().length < 3) {
        problems.push({ path: 'tuberculosis.chestXrayReason', code: 'chest_xray_reason_required' });
      }
    }
  }
  const b = form.bloodBorne;
  if (b.status === 'assessed') {
    for (const k of ['hiv', 'hepatitisB', 'hepatitisC', 'sti'] as const) need(`bloodBorne.${k}`, b[k]);
  }
  const f = form.fitness;
  if (f.status === 'assessed') {
    for (const k of ['work', 'exercise', 'activities'] as const) need(`fitness.${k}`, f[k]);
  }
  if (person.sex === 'female') {
    // WOM-3: asked; WOM-5: "declined to answer" is always a valid answer.
    const w = form.women;
    if (!w) problems.push({ path: 'women', code: 'section_blank' });
    else {
      need('women.pregnancy', w.pregnancy);
      need('women.violenceBeforeAdmission', w.violenceBeforeAdmission);
      if (w.violenceBeforeAdmission === 'yes') need('women.supportOffered', w.supportOffered);
      need('women.femaleClinicianRequested', w.femaleClinicianRequested);
    }
  }
  return problems;
}

/** What a completed screening sets in motion. */
export interface ScreeningConsequences {
  alerts: (
    | { kind: 'infection_control'; precaution: 'airborne'; sourceRef: string }
    | { kind: 'observation'; intervalMinutes: number; sourceRef: string; exceptionReason: string | null }
    | {
        kind: 'fitness';
        area: 'work' | 'exercise' | 'activities';
        result: (typeof fitnessResults)[number];
        sourceRef: string;
      }
  )[];
  tasks: {
    kind: 'tb_diagnostic' | 'mental_health_referral' | 'prescriber_review';
    sourceRef: string;
  }[];
}

export function screeningConsequences(form: ScreeningForm): ScreeningConsequences {
  const result: ScreeningConsequences = { alerts: [], tasks: [] };
  if (presumptiveTb(form)) {
    result.alerts.push({ kind: 'infection_control', precaution: 'airborne', sourceRef: 'ADM-6' });
    result.tasks.push({ kind: 'tb_diagnostic', sourceRef: 'ADM-6' });
  }
  const m = form.mentalHealth;
  if (m.status === 'assessed' && m.suicideScreen === 'positive') {
    const intervalMinutes = m.observationMinutes ?? 15;
    result.alerts.push({
      kind: 'observation',
      intervalMinutes,
      sourceRef: 'ADM-9',
      exceptionReason: intervalMinutes > 15 ? (m.observationExceptionReason ?? null) : null,
    });
    result.tasks.push({ kind: 'mental_health_referral', sourceRef: 'ADM-9' });
  }
  const h = form.healthNeeds;
  const onTreatment =
    h.status === 'assessed' &&
    (h.onOpioidSubstitution || h.onAntiretroviral || h.onTbTreatment || h.otherEssentialMedication);
  const withdrawal = m.status === 'assessed' && m.withdrawal && m.withdrawal !== 'none';
  if (onTreatment || withdrawal) result.tasks.push({ kind: 'prescriber_review', sourceRef: 'ADM-8' });
  const f = form.fitness;
  if (f.status === 'assessed') {
    for (const area of ['work', 'exercise', 'activities'] as const) {
      const value = f[area];
      if (value) result.alerts.push({ kind: 'fitness', area, result: value, sourceRef: 'ADM-10' });
    }
  }
  return result;
}

/** An empty form, every section blank: the starting draft. */
export function emptyScreeningForm(sex: 'male' | 'female'): ScreeningForm {
  return {
    vitals: {},
    allergies: { answer: null, items: [] },
    healthNeeds: { status: null },
    injuries: { status: null, items: [] },
    mentalHealth: { status: null },
    tuberculosis: { status: null },
    bloodBorne: { status: null },
    fitness: { status: null },
    women: sex === 'female' ? {} : null,
  };
}

/** Clinical tasks: screenings and what screenings set in motion. */
export const clinicalTaskKinds = [
  'admission_screening',
  'rescreening',
  'tb_diagnostic',
  'mental_health_referral',
  'prescriber_review',
  'post_restraint_examination',
  /** ADM-1: the doctor's countersignature of a screening a nurse or feldsher completed. */
  'screening_countersignature',
] as const;
export type ClinicalTaskKind = (typeof clinicalTaskKinds)[number];

/** Due, overdue or done, from the deadline and `now` (never stored). */
export function taskState(
  task: { dueAt: string; completedAt: string | null },
  now: Date,
): 'done' | 'due' | 'overdue' {
  if (task.completedAt) return 'done';
  return now.toISOString() > task.dueAt ? 'overdue' : 'due';
}

/** The deadline from the trigger time and the limit in minutes. */
export function dueAfter(triggeredAt: string, minutes: number): string {
  return new Date(new Date(triggeredAt).getTime() + minutes * 60_000).toISOString();
}
