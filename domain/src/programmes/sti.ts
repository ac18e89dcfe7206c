import { z } from 'zod';
import { languages } from '../identity/index.ts';
import { ageOn, type BbvTestFact, type StiTest, stiTests } from './bbv.ts';
import { type ProgrammeProblem, programmeAddDays } from './rules.ts';

/**
 * Chlamydia and gonorrhoea tested by risk, the hepatitis B vaccination prompted by a non-immune
 * result, and the hepatitis C release referral letter (issue 16 item 4; ADR 0054; DOMAIN.md §4.1;
 * ADM-7, WOM-3, BBV-1, BBV-3, PHC-11). Pure rules with the caller's day.
 */

// ---------------------------------------------------------------------------------------------------
// Sexually transmitted infections by risk (ADM-7, WOM-3).

/**
 * The risks that indicate the chlamydia and gonorrhoea NAAT (ADR 0054): WHO 2016 STI guidelines and
 * ECDC 2024 STI testing guidance (young age, symptoms, a new or several partners, sex work, a
 * partner with an STI, another STI diagnosed), and the Bangkok Rules r.6 (WOM-3: a woman's entry
 * screening includes STIs). `under_age` and `woman_on_entry` are derived from the registry's birth
 * date and sex; the others are asked.
 */
export const stiRisks = [
  'under_age',
  'woman_on_entry',
  'symptoms',
  'new_partner',
  'sex_work',
  'partner_sti',
  'sti_positive',
] as const;
export type StiRisk = (typeof stiRisks)[number];

/** The risks the record gives without asking: young age (threshold `BBV-1.sti_age_under`), a woman at entry. */
export function stiDerivedRisks(
  person: { birthDate: string | null; sex: string },
  on: string,
  ageUnder: number,
): StiRisk[] {
  const risks: StiRisk[] = [];
  if (person.birthDate && ageOn(person.birthDate, on) < ageUnder) risks.push('under_age');
  if (person.sex === 'female') risks.push('woman_on_entry');
  return risks;
}

/** ADM-7: the assessment's decision: tests accepted or refused (a refusal blocks nothing), or not indicated (no risk). */
export const stiDecisions = ['accepted', 'refused', 'not_indicated'] as const;
export type StiDecision = (typeof stiDecisions)[number];

/**
 * ADM-7, WOM-3: an assessment's problems. An offer (accepted or refused) needs a risk, recorded or
 * derived (`sti_no_risk`); "not indicated" with a risk is refused (`sti_risk_present`); accepted
 * needs the pre-test counselling and a test, as the BBV-1 offer does; the sample is not before the assessment; no date in the future.
 */
export function stiAssessmentProblems(
  input: {
    assessedOn: string;
    decision: StiDecision;
    risks: readonly StiRisk[];
    tests: readonly StiTest[];
    preTestCounselling: boolean;
    sampleOn?: string | null;
  },
  derived: readonly StiRisk[],
  today: string,
): ProgrammeProblem[] {
  const problems: ProgrammeProblem[] = [];
  const risky = input.risks.length + derived.length > 0;
  if (input.assessedOn > today) problems.push({ path: 'assessedOn', code: 'in_the_future' });
  if (input.decision !== 'not_indicated' && !risky) problems.push({ path: 'risks', code: 'sti_no_risk' });
  if (input.decision === 'not_indicated' && risky)
    problems.push({ path: 'decision', code: 'sti_risk_present' });
  if (input.decision === 'accepted' && !input.preTestCounselling)
    problems.push({ path: 'preTestCounselling', code: 'pre_test_counselling_required' });
  if (input.decision === 'accepted' && !input.tests.length)
    problems.push({ path: 'tests', code: 'no_test_chosen' });
  if (input.sampleOn && input.sampleOn < input.assessedOn)
    problems.push({ path: 'sampleOn', code: 'sample_before_offer' });
  if (input.sampleOn && input.sampleOn > today) problems.push({ path: 'sampleOn', code: 'in_the_future' });
  return problems;
}

/**
 * The treatments recorded as given (WHO 2016 guidelines for Chlamydia trachomatis and WHO 2024
 * recommendations for Neisseria gonorrhoeae): doxycycline 100 mg twice daily for 7 days or
 * azithromycin 1 g once for chlamydia; ceftriaxone 1 g intramuscularly once for gonorrhoea. Data, like
 * the PEP regimens.
 */
export const stiTreatments = {
  doxycycline_7d: { infection: 'ct_naat', dose: 'doxycycline 100 mg × 2 / day, 7 days' },
  azithromycin_1g: { infection: 'ct_naat', dose: 'azithromycin 1 g once' },
  ceftriaxone_1g_im: { infection: 'ng_naat', dose: 'ceftriaxone 1 g IM once' },
} as const satisfies Record<string, { infection: StiTest; dose: string }>;
export type StiTreatmentCode = keyof typeof stiTreatments;
export const stiTreatmentCodes = Object.keys(stiTreatments) as StiTreatmentCode[];

/**
 * A treatment given: for a detected chlamydia or gonorrhoea result (`sti_not_detected` otherwise), a
 * regimen of that infection, not before the sample, not in the future, once per result.
 */
export function stiTreatmentProblems(
  test: BbvTestFact,
  input: { regimenCode: StiTreatmentCode; givenOn: string },
  alreadyTreated: boolean,
  today: string,
): ProgrammeProblem[] {
  const problems: ProgrammeProblem[] = [];
  if (!(stiTests as readonly string[]).includes(test.test) || test.result !== 'detected')
    problems.push({ path: 'testId', code: 'sti_not_detected' });
  else if (stiTreatments[input.regimenCode].infection !== test.test)
    problems.push({ path: 'regimenCode', code: 'regimen_does_not_fit_infection' });
  if (input.givenOn < test.sampleOn) problems.push({ path: 'givenOn', code: 'treatment_before_sample' });
  if (input.givenOn > today) problems.push({ path: 'givenOn', code: 'in_the_future' });
  if (alreadyTreated) problems.push({ path: 'testId', code: 'treatment_already_recorded' });
  return problems;
}

/** A detected chlamydia or gonorrhoea result with no treatment is due on its result day, overdue 7 days later. */
export const STI_TREATMENT_DAYS = 7;

// ---------------------------------------------------------------------------------------------------
// Hepatitis B vaccination prompted by a non-immune result (PHC-11; ADR 0054).

/** Days after the non-immune result within which the vaccination is offered before the line is overdue. */
export const HEPB_OFFER_DAYS = 28;

/**
 * PHC-11: the hepatitis B vaccination to offer after a non-reactive HBsAg (the latest one), unless an
 * anti-HBs is reactive (immune), a course was accepted (ever), or an offer was made (accepted or
 * refused with its reason) on or after that result. Due on the result day, overdue after 28 days.
 */
export function hepBOfferPrompt(
  tests: readonly BbvTestFact[],
  courses: readonly { decision: string; offeredOn: string }[],
  today: string,
): { resultOn: string; dueOn: string; status: 'due' | 'overdue' } | null {
  const hbsag = tests
    .filter((t) => t.test === 'hbsag' && t.resultOn !== null)
    .sort((a, b) => (b.resultOn as string).localeCompare(a.resultOn as string))[0];
  if (!hbsag || hbsag.result !== 'non_reactive') return null;
  if (tests.some((t) => t.test === 'anti_hbs' && t.result === 'reactive')) return null;
  const resultOn = hbsag.resultOn as string;
  if (courses.some((c) => c.decision === 'accepted' || c.offeredOn >= resultOn)) return null;
  const dueOn = programmeAddDays(resultOn, HEPB_OFFER_DAYS);
  return { resultOn, dueOn, status: today > dueOn ? 'overdue' : 'due' };
}

// ---------------------------------------------------------------------------------------------------
// The hepatitis C release referral letter (BBV-3).

/**
 * BBV-3: a referral letter is for an open hepatitis C episode (registered, on DAA or awaiting SVR12)
 * of a person with a planned release date.
 */
export function hcvLetterProblems(
  episode: { programme: string; outcome: string | null },
  plannedReleaseOn: string | null,
): ProgrammeProblem[] {
  const problems: ProgrammeProblem[] = [];
  if (episode.programme !== 'hcv') problems.push({ path: '', code: 'letter_not_hepatitis_c' });
  else if (episode.outcome) problems.push({ path: '', code: 'episode_closed' });
  if (!plannedReleaseOn) problems.push({ path: '', code: 'letter_without_release_date' });
  return problems;
}

// ---------------------------------------------------------------------------------------------------
// Requests and answers.

const date = z.iso.date();
const note = z.string().trim().max(2000).nullish();

export const stiAssessmentSchema = z.object({
  assessedOn: date,
  risks: z.array(z.enum(stiRisks)).max(stiRisks.length).default([]),
  decision: z.enum(stiDecisions),
  tests: z.array(z.enum(stiTests)).max(stiTests.length).default([]),
  preTestCounselling: z.boolean().default(false),
  /** The sample date of the tests ordered on acceptance (default: the assessment's day). */
  sampleOn: date.nullish(),
  note,
});
export type StiAssessmentInput = z.infer<typeof stiAssessmentSchema>;

export const stiTreatmentSchema = z.object({
  testId: z.string().min(1).max(64),
  regimenCode: z.enum(stiTreatmentCodes as [StiTreatmentCode, ...StiTreatmentCode[]]),
  givenOn: date,
  note,
});
export type StiTreatmentInput = z.infer<typeof stiTreatmentSchema>;

export const stiPersonSchema = z.object({
  /** Whether the reader is in the treating team (sees the treatments). */
  treatingTeam: z.boolean(),
  /** The risks the record gives (age, a woman at entry), today. */
  derivedRisks: z.array(z.enum(stiRisks)),
  pending: z.object({ id: z.string(), dueOn: z.string(), status: z.enum(['due', 'overdue']) }).nullable(),
  assessments: z.array(
    z.object({
      id: z.string(),
      assessedOn: z.string(),
      risks: z.array(z.enum(stiRisks)),
      decision: z.enum(stiDecisions),
      tests: z.array(z.enum(stiTests)),
      preTestCounselling: z.boolean(),
      assessedBy: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
  treatments: z.array(
    z.object({
      id: z.string(),
      testId: z.string(),
      infection: z.enum(stiTests),
      regimenCode: z.enum(stiTreatmentCodes as [StiTreatmentCode, ...StiTreatmentCode[]]),
      givenOn: z.string(),
      givenBy: z.string().nullable(),
    }),
  ),
  /** PHC-11: the hepatitis B vaccination to offer after a non-immune result (treating team only). */
  hepBOffer: z
    .object({ resultOn: z.string(), dueOn: z.string(), status: z.enum(['due', 'overdue']) })
    .nullable(),
});
export type StiPerson = z.infer<typeof stiPersonSchema>;

export const hcvLetterQuerySchema = z.object({ language: z.enum(languages) });
