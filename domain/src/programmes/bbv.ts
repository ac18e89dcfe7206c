import { z } from 'zod';
import type { SuppressionLine } from '../platform/suppression.ts';
import { type ProgrammeProblem, programmeAddDays, programmeAddMonths } from './rules.ts';

/**
 * HIV, hepatitis B and C and syphilis in the programme engine (issue 16 item 4; ADR 0048; DOMAIN.md
 * §4; BBV-1, BBV-3). The tests are offered at entry and again after a refusal (BBV-1) with pre- and
 * post-test counselling recorded; a positive result opens the programme's episode; HIV goes on to ART
 * with a viral-load and CD4 schedule, hepatitis C to RNA, fibrosis (APRI, FIB-4), DAA and SVR12 (BBV-3).
 * Results are restricted clinical data: the treating team and the person only. Pure rules, injected day.
 */

/** The blood-borne programmes of the engine (their definitions are in engine.ts). */
export const bbvProgrammes = ['hiv', 'hbv', 'hcv'] as const;
export type BbvProgramme = (typeof bbvProgrammes)[number];

/** BBV-1: the tests offered at entry and again after a refusal (ECDC/EMCDDA 2018; DOMAIN §4). */
export const bbvOfferTests = ['hiv', 'hbsag', 'hcv_ab', 'syphilis'] as const;
export type BbvOfferTest = (typeof bbvOfferTests)[number];
/** The follow-up tests of an infection: HCV RNA, HIV viral load and CD4, the fibrosis labs, elastography. */
export const bbvFollowTests = [
  'hcv_rna',
  'hiv_vl',
  'cd4',
  'ast',
  'alt',
  'platelets',
  'elastography',
  'anti_hbs',
] as const;
/**
 * The NAAT tests for chlamydia and gonorrhoea, offered by risk (ADM-7, WOM-3; ADR 0054): ordered by
 * the STI risk assessment, stored and restricted like every other blood-borne result.
 */
export const stiTests = ['ct_naat', 'ng_naat'] as const;
export type StiTest = (typeof stiTests)[number];
export const bbvTests = [...bbvOfferTests, ...bbvFollowTests, ...stiTests] as const;
export type BbvTest = (typeof bbvTests)[number];
/** The tests answered reactive / non-reactive / indeterminate (immunoassays, RPR, anti-HBs). */
export const bbvQualitativeTests: readonly BbvTest[] = [...bbvOfferTests, 'anti_hbs'];
/** The nucleic-acid tests answered detected / not detected (HCV RNA, the chlamydia and gonorrhoea NAAT). */
export const bbvNaatTests: readonly BbvTest[] = ['hcv_rna', ...stiTests];

/** A screening test's answer (immunoassay, RPR). */
export const bbvQualitativeResults = ['reactive', 'non_reactive', 'indeterminate'] as const;
/** An RNA test's answer. */
export const bbvRnaResults = ['detected', 'not_detected'] as const;
export const bbvResults = [...bbvQualitativeResults, ...bbvRnaResults] as const;
export type BbvResult = (typeof bbvResults)[number];

/** BBV-1: an offer is accepted or refused; a refusal blocks nothing and sets the re-offer date. */
export const bbvDecisions = ['accepted', 'refused'] as const;
export type BbvDecision = (typeof bbvDecisions)[number];
export const bbvOfferOccasions = ['entry', 'reoffer', 'request'] as const;

/** The final outcomes of a blood-borne episode (one per episode, DOMAIN §0.4). */
export const bbvOutcomes = [
  'cured',
  'treatment_failed',
  'died',
  'released_linked',
  'lost_to_follow_up',
] as const;
export type BbvOutcome = (typeof bbvOutcomes)[number];
/** The outcomes each programme may record: only hepatitis C is cured (SVR12). */
export const bbvOutcomesOf: Record<BbvProgramme, readonly BbvOutcome[]> = {
  hiv: ['died', 'released_linked', 'lost_to_follow_up'],
  hbv: ['died', 'released_linked', 'lost_to_follow_up'],
  hcv: ['cured', 'treatment_failed', 'died', 'released_linked', 'lost_to_follow_up'],
};

/** The tests each programme orders in its episode (the engine's definition lists them). */
export const bbvTestsOf: Record<BbvProgramme, readonly BbvTest[]> = {
  hiv: ['hiv', 'hiv_vl', 'cd4'],
  hbv: ['hbsag', 'alt', 'ast', 'platelets'],
  hcv: ['hcv_ab', 'hcv_rna', 'ast', 'alt', 'platelets', 'elastography'],
};

/** The numeric tests: unit (UCUM) and the plausible range; a value outside is refused (`value_out_of_range`). */
export const bbvNumericTests: Partial<Record<BbvTest, { unit: string; min: number; max: number }>> = {
  hiv_vl: { unit: '{copies}/mL', min: 0, max: 100_000_000 },
  hcv_rna: { unit: '[IU]/mL', min: 0, max: 1_000_000_000 },
  cd4: { unit: '/uL', min: 0, max: 5000 },
  ast: { unit: 'U/L', min: 1, max: 10_000 },
  alt: { unit: 'U/L', min: 1, max: 10_000 },
  platelets: { unit: '10*9/L', min: 1, max: 2000 },
  elastography: { unit: 'kPa', min: 1.5, max: 75 },
};

/** LOINC codes of the tests (FHIR Observation.code); elastography has none in use here (local code). */
export const bbvLoinc: Record<BbvTest, { code: string; display: string } | null> = {
  hiv: { code: '56888-1', display: 'HIV 1+2 Ab+HIV1 p24 Ag [Presence] in Serum or Plasma by Immunoassay' },
  hbsag: { code: '5196-1', display: 'Hepatitis B virus surface Ag [Presence] in Serum' },
  hcv_ab: { code: '13955-0', display: 'Hepatitis C virus Ab [Presence] in Serum or Plasma by Immunoassay' },
  syphilis: { code: '20507-0', display: 'Reagin Ab [Presence] in Serum by RPR' },
  hcv_rna: {
    code: '11011-4',
    display:
      'Hepatitis C virus RNA [Units/volume] (viral load) in Serum or Plasma by NAA with probe detection',
  },
  hiv_vl: {
    code: '20447-9',
    display: 'HIV 1 RNA [#/volume] (viral load) in Serum or Plasma by NAA with probe detection',
  },
  cd4: { code: '24467-3', display: 'CD3+CD4+ (T4 helper) cells [#/volume] in Blood' },
  ast: {
    code: '1920-8',
    display: 'Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma',
  },
  alt: { code: '1742-6', display: 'Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma' },
  platelets: { code: '777-3', display: 'Platelets [#/volume] in Blood by Automated count' },
  elastography: null,
  anti_hbs: { code: '22322-2', display: 'Hepatitis B virus surface Ab [Presence] in Serum' },
  ct_naat: {
    code: '43304-5',
    display: 'Chlamydia trachomatis rRNA [Presence] in Specimen by NAA with probe detection',
  },
  ng_naat: {
    code: '43305-2',
    display: 'Neisseria gonorrhoeae rRNA [Presence] in Specimen by NAA with probe detection',
  },
};

/** The ART and DAA regimens, prescribed through medication (supervised, PHC-7); weeks: a fixed course. */
export const bbvRegimens = {
  tld: {
    programme: 'hiv',
    weeks: null,
    lines: [{ drugCode: 'tld', dose: 1, doseUnit: 'tablet' }],
  },
  tdf_ftc_dtg: {
    programme: 'hiv',
    weeks: null,
    lines: [
      { drugCode: 'tenofovir-emtricitabine', dose: 1, doseUnit: 'tablet' },
      { drugCode: 'dolutegravir', dose: 1, doseUnit: 'tablet' },
    ],
  },
  sof_vel_12w: {
    programme: 'hcv',
    weeks: 12,
    lines: [{ drugCode: 'sofosbuvir-velpatasvir', dose: 1, doseUnit: 'tablet' }],
  },
  sof_dcv_12w: {
    programme: 'hcv',
    weeks: 12,
    lines: [{ drugCode: 'sofosbuvir-daclatasvir', dose: 1, doseUnit: 'tablet' }],
  },
} as const satisfies Record<
  string,
  {
    programme: BbvProgramme;
    weeks: number | null;
    lines: readonly { drugCode: string; dose: number; doseUnit: string }[];
  }
>;
export type BbvRegimenCode = keyof typeof bbvRegimens;
export const bbvRegimenCodes = Object.keys(bbvRegimens) as BbvRegimenCode[];

// ---------------------------------------------------------------------------------------------------
// BBV-1: offers.

/** BBV-1: the entry offer is due this many days after admission (threshold `BBV-1.offer_days`). */
export function bbvOfferDueOn(enteredOn: string, offerDays: number): string {
  return programmeAddDays(enteredOn, offerDays);
}

/** BBV-1: after a refusal the tests are offered again (threshold `BBV-1.reoffer_days`). */
export function bbvReofferOn(refusedOn: string, reofferDays: number): string {
  return programmeAddDays(refusedOn, reofferDays);
}

/** Whether a pending offer or a due test is upcoming, due now, or overdue (30 days of grace). */
export type BbvDueStatus = 'upcoming' | 'due' | 'overdue';
export function bbvDueStatus(dueOn: string, today: string, windowDays = 30): BbvDueStatus {
  if (today < programmeAddDays(dueOn, -windowDays)) return 'upcoming';
  if (today <= programmeAddDays(dueOn, windowDays)) return 'due';
  return 'overdue';
}

/** BBV-1: an offer's problems: accepted needs the pre-test counselling and at least one test; dates not in the future. */
export function bbvOfferProblems(
  input: { decision: BbvDecision; offeredOn: string; tests: readonly string[]; preTestCounselling: boolean },
  today: string,
): ProgrammeProblem[] {
  const problems: ProgrammeProblem[] = [];
  if (input.offeredOn > today) problems.push({ path: 'offeredOn', code: 'in_the_future' });
  if (input.decision === 'accepted') {
    if (!input.preTestCounselling)
      problems.push({ path: 'preTestCounselling', code: 'pre_test_counselling_required' });
    if (!input.tests.length) problems.push({ path: 'tests', code: 'no_test_chosen' });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------
// Results.

/** A result's problems: the answer fits the test, a numeric value within its range, dated on or after the sample. */
export function bbvResultProblems(
  test: BbvTest,
  input: { result?: string | null; value?: number | null; resultOn: string },
  sampleOn: string,
  today: string,
): ProgrammeProblem[] {
  const problems: ProgrammeProblem[] = [];
  if (input.resultOn < sampleOn) problems.push({ path: 'resultOn', code: 'result_before_sample' });
  if (input.resultOn > today) problems.push({ path: 'resultOn', code: 'in_the_future' });
  const numeric = bbvNumericTests[test];
  const qualitative = bbvQualitativeTests.includes(test);
  if (qualitative) {
    if (!(bbvQualitativeResults as readonly string[]).includes(input.result ?? ''))
      problems.push({ path: 'result', code: 'result_does_not_fit_test' });
  } else if (bbvNaatTests.includes(test)) {
    if (!(bbvRnaResults as readonly string[]).includes(input.result ?? ''))
      problems.push({ path: 'result', code: 'result_does_not_fit_test' });
  } else if (input.value === null || input.value === undefined) {
    problems.push({ path: 'value', code: 'value_required' });
  }
  if (numeric && input.value !== null && input.value !== undefined) {
    if (!Number.isFinite(input.value) || input.value < numeric.min || input.value > numeric.max)
      problems.push({ path: 'value', code: 'value_out_of_range' });
  }
  return problems;
}

/** The programme whose episode a result opens: reactive HIV, reactive HBsAg, detected HCV RNA. */
export function bbvEpisodeFor(test: BbvTest, result: string | null): BbvProgramme | null {
  if (test === 'hiv' && result === 'reactive') return 'hiv';
  if (test === 'hbsag' && result === 'reactive') return 'hbv';
  if (test === 'hcv_rna' && result === 'detected') return 'hcv';
  return null;
}

/** WHO 2021: viral load below 1,000 copies/mL is suppressed (DOMAIN §4). */
export const VL_SUPPRESSED_BELOW = 1000;
export const bbvSuppressed = (copies: number): boolean => copies < VL_SUPPRESSED_BELOW;

// ---------------------------------------------------------------------------------------------------
// HIV monitoring (WHO Consolidated HIV guidelines 2021, §4.3: viral load at 6 and 12 months after ART
// start, then every 12 months; after an unsuppressed result, again 3 months later with adherence
// support; CD4 at baseline, i.e. at diagnosis before ART).

export interface BbvTestFact {
  test: BbvTest;
  sampleOn: string;
  resultOn: string | null;
  result: string | null;
  value: number | null;
}

export interface BbvDue {
  test: BbvTest;
  dueOn: string;
  status: BbvDueStatus;
}

/** The HIV tests due now or next: the baseline CD4, and the viral load on the WHO schedule. */
export function hivSchedule(
  episode: { diagnosedOn: string; artStartOn: string | null },
  tests: readonly BbvTestFact[],
  today: string,
): BbvDue[] {
  const due: BbvDue[] = [];
  const cd4 = tests.some((t) => t.test === 'cd4' && t.sampleOn >= programmeAddDays(episode.diagnosedOn, -90));
  if (!cd4)
    due.push({ test: 'cd4', dueOn: episode.diagnosedOn, status: bbvDueStatus(episode.diagnosedOn, today) });
  if (!episode.artStartOn) return due;
  const start = episode.artStartOn;
  const vls = tests
    .filter((t) => t.test === 'hiv_vl' && t.sampleOn >= start)
    .sort((a, b) => a.sampleOn.localeCompare(b.sampleOn));
  const last = vls[vls.length - 1];
  let dueOn: string;
  if (!last) dueOn = programmeAddMonths(start, 6);
  else if (last.value !== null && !bbvSuppressed(last.value)) dueOn = programmeAddMonths(last.sampleOn, 3);
  else if (last.sampleOn < programmeAddDays(programmeAddMonths(start, 12), -60))
    dueOn = programmeAddMonths(start, 12);
  else dueOn = programmeAddMonths(last.sampleOn, 12);
  due.push({ test: 'hiv_vl', dueOn, status: bbvDueStatus(dueOn, today) });
  return due;
}

// ---------------------------------------------------------------------------------------------------
// Hepatitis C: fibrosis, treatment end, SVR12, release linkage (BBV-3).

/**
 * APRI, the AST-to-platelet ratio index (Wai et al., Hepatology 2003;38:518): (AST ÷ its upper
 * limit of normal) × 100 ÷ platelets (10⁹/L), to two decimals.
 */
export function apri(input: { ast: number; astUpperLimit: number; platelets: number }): number {
  return round2(((input.ast / input.astUpperLimit) * 100) / input.platelets);
}

/**
 * FIB-4 (Sterling et al., Hepatology 2006;43:1317): age (years) × AST ÷ (platelets (10⁹/L) × √ALT),
 * to two decimals.
 */
export function fib4(input: { ageYears: number; ast: number; alt: number; platelets: number }): number {
  return round2((input.ageYears * input.ast) / (input.platelets * Math.sqrt(input.alt)));
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The fibrosis classes the assessment gives (WHO HCV guidelines 2014/2018 cut-offs). */
export const fibrosisClasses = ['cirrhosis', 'advanced', 'indeterminate', 'no_advanced'] as const;
export type FibrosisClass = (typeof fibrosisClasses)[number];

/**
 * WHO 2014/2018: APRI > 2 or elastography > 12.5 kPa → cirrhosis (F4); APRI > 1.5, FIB-4 > 3.25 or
 * elastography > 9.5 kPa → advanced fibrosis (F3–F4); FIB-4 < 1.45 with APRI < 1 (or elastography
 * < 7 kPa) → no advanced fibrosis; otherwise indeterminate.
 */
export function fibrosisClass(input: {
  apri: number | null;
  fib4: number | null;
  kPa: number | null;
}): FibrosisClass | null {
  const { apri: a, fib4: f, kPa } = input;
  if (a === null && f === null && kPa === null) return null;
  if ((a !== null && a > 2) || (kPa !== null && kPa > 12.5)) return 'cirrhosis';
  if ((a !== null && a > 1.5) || (f !== null && f > 3.25) || (kPa !== null && kPa > 9.5)) return 'advanced';
  if (kPa !== null && kPa < 7) return 'no_advanced';
  if (f !== null && f < 1.45 && (a === null || a < 1)) return 'no_advanced';
  return 'indeterminate';
}

/** Whole years from a birth date to a day. */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The fibrosis assessment from the latest labs (AST, ALT, platelets within 90 days of each other) and elastography. */
export function fibrosisAssessment(
  tests: readonly BbvTestFact[],
  birthDate: string | null,
  astUpperLimit = 40,
): {
  apri: number | null;
  fib4: number | null;
  kPa: number | null;
  class: FibrosisClass | null;
  on: string | null;
} {
  const latest = (test: BbvTest) =>
    tests
      .filter((t) => t.test === test && t.value !== null && t.resultOn !== null)
      .sort((a, b) => b.sampleOn.localeCompare(a.sampleOn))[0];
  const ast = latest('ast');
  const alt = latest('alt');
  const plt = latest('platelets');
  const elasto = latest('elastography');
  let a: number | null = null;
  let f: number | null = null;
  let on: string | null = null;
  if (ast && plt && Math.abs(Date.parse(ast.sampleOn) - Date.parse(plt.sampleOn)) <= 90 * 86_400_000) {
    a = apri({ ast: ast.value as number, astUpperLimit, platelets: plt.value as number });
    on = [ast.sampleOn, plt.sampleOn].sort()[1] as string;
    if (alt && birthDate && Math.abs(Date.parse(alt.sampleOn) - Date.parse(ast.sampleOn)) <= 90 * 86_400_000)
      f = fib4({
        ageYears: ageOn(birthDate, on),
        ast: ast.value as number,
        alt: alt.value as number,
        platelets: plt.value as number,
      });
  }
  const kPa = elasto?.value ?? null;
  return {
    apri: a,
    fib4: f,
    kPa,
    class: fibrosisClass({ apri: a, fib4: f, kPa }),
    on: on ?? elasto?.sampleOn ?? null,
  };
}

/** The planned end of a fixed DAA course. */
export function daaEndOn(startOn: string, weeks: number): string {
  return programmeAddDays(startOn, weeks * 7);
}

/** BBV-3: SVR12 is an RNA test at least 12 weeks (84 days) after the end of treatment. */
export const SVR12_DAYS = 84;
export function svr12DueOn(endOn: string): string {
  return programmeAddDays(endOn, SVR12_DAYS);
}

/** BBV-3: "cured" needs an undetectable HCV RNA sampled 12 weeks or more after the end of treatment. */
export function hcvCureProblems(endOn: string | null, tests: readonly BbvTestFact[]): ProgrammeProblem[] {
  if (!endOn) return [{ path: 'outcome', code: 'cure_without_treatment' }];
  const svr = tests.some(
    (t) => t.test === 'hcv_rna' && t.result === 'not_detected' && t.sampleOn >= svr12DueOn(endOn),
  );
  return svr ? [] : [{ path: 'outcome', code: 'cure_without_svr12' }];
}

/**
 * BBV-3: a release linkage is needed when the planned release comes before the end of the course
 * (`treatment`) or before the SVR12 test (`svr12`); an expected short stay never blocks treatment.
 */
export function releaseLinkage(
  plannedReleaseOn: string | null,
  treatmentEndOn: string | null,
): 'treatment' | 'svr12' | null {
  if (!plannedReleaseOn || !treatmentEndOn) return null;
  if (plannedReleaseOn < treatmentEndOn) return 'treatment';
  if (plannedReleaseOn < svr12DueOn(treatmentEndOn)) return 'svr12';
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Cascades (issue 16 item 5; UNAIDS 95-95-95; WHO HCV cascade).

export const hivCascadeSteps = ['tested', 'positive', 'onArt', 'suppressed'] as const;
export const hcvCascadeSteps = [
  'tested',
  'antibodyPositive',
  'rnaTested',
  'viraemic',
  'onTreatment',
  'cured',
] as const;

/**
 * DAT-6: each step of a cascade is a part of the one before; the difference between them is a hidden
 * cell (never published, protected when small), so that no step gives a small difference away.
 */
export function cascadeLines(prefix: string, steps: readonly string[]): SuppressionLine[] {
  return steps.slice(1).map((step, i) => ({
    total: `${prefix}.${steps[i]}`,
    parts: [`${prefix}.${step}`, `${prefix}.${steps[i]}_not_${step}`],
  }));
}

// ---------------------------------------------------------------------------------------------------
// Requests and answers (shared with the web).

const date = z.iso.date();
const note = z.string().trim().max(2000).nullish();

export const bbvOfferSchema = z.object({
  offeredOn: date,
  decision: z.enum(bbvDecisions),
  tests: z.array(z.enum(bbvOfferTests)).max(bbvOfferTests.length).default([]),
  preTestCounselling: z.boolean(),
  /** The sample date of the tests ordered on acceptance (default: the offer's day). */
  sampleOn: date.nullish(),
  note,
});
export type BbvOfferInput = z.infer<typeof bbvOfferSchema>;

export const bbvTestOrderSchema = z.object({ test: z.enum(bbvTests), sampleOn: date, note });
export type BbvTestOrderInput = z.infer<typeof bbvTestOrderSchema>;

export const bbvResultSchema = z.object({
  resultOn: date,
  result: z.enum(bbvResults).nullish(),
  value: z.number().nullish(),
  note,
});
export type BbvResultInput = z.infer<typeof bbvResultSchema>;

export const bbvCounselSchema = z.object({ counselledOn: date, note });
export type BbvCounselInput = z.infer<typeof bbvCounselSchema>;

export const bbvTreatmentSchema = z.object({ regimenCode: z.enum(bbvRegimenCodes), startOn: date });
export type BbvTreatmentInput = z.infer<typeof bbvTreatmentSchema>;

export const bbvOutcomeSchema = z.object({ outcome: z.enum(bbvOutcomes), outcomeOn: date, note });
export type BbvOutcomeInput = z.infer<typeof bbvOutcomeSchema>;

export const bbvOfferViewSchema = z.object({
  id: z.string(),
  occasion: z.enum(bbvOfferOccasions),
  dueOn: z.string(),
  status: z.enum(['pending', 'accepted', 'refused']),
  dueStatus: z.enum(['upcoming', 'due', 'overdue']).nullable(),
  offeredOn: z.string().nullable(),
  offeredBy: z.string().nullable(),
  tests: z.array(z.enum(bbvOfferTests)),
  preTestCounselling: z.boolean(),
  note: z.string().nullable(),
});

export const bbvTestViewSchema = z.object({
  id: z.string(),
  test: z.enum(bbvTests),
  sampleOn: z.string(),
  episodeId: z.string().nullable(),
  resultOn: z.string().nullable(),
  /** Null also when the reader is outside the treating team (`hidden`). */
  result: z.enum(bbvResults).nullable(),
  value: z.number().nullable(),
  unit: z.string().nullable(),
  hidden: z.boolean(),
  postCounselledOn: z.string().nullable(),
  postCounselledBy: z.string().nullable(),
  reviewed: z.boolean(),
});

export const bbvEpisodeViewSchema = z.object({
  id: z.string(),
  programme: z.enum(bbvProgrammes),
  diagnosedOn: z.string(),
  status: z.string(),
  regimenCode: z.string().nullable(),
  treatmentStartOn: z.string().nullable(),
  treatmentEndOn: z.string().nullable(),
  prescriptionIds: z.array(z.string()),
  outcome: z.enum(bbvOutcomes).nullable(),
  outcomeOn: z.string().nullable(),
  schedule: z.array(
    z.object({ test: z.enum(bbvTests), dueOn: z.string(), status: z.enum(['upcoming', 'due', 'overdue']) }),
  ),
  fibrosis: z
    .object({
      apri: z.number().nullable(),
      fib4: z.number().nullable(),
      kPa: z.number().nullable(),
      class: z.enum(fibrosisClasses).nullable(),
      on: z.string().nullable(),
    })
    .nullable(),
  svr12DueOn: z.string().nullable(),
  releaseLinkage: z.enum(['treatment', 'svr12']).nullable(),
  plannedReleaseOn: z.string().nullable(),
  version: z.number(),
});

export const bbvPersonSchema = z.object({
  /** Whether the reader is in the treating team (sees results and episodes). */
  treatingTeam: z.boolean(),
  offers: z.array(bbvOfferViewSchema),
  tests: z.array(bbvTestViewSchema),
  episodes: z.array(bbvEpisodeViewSchema),
});
export type BbvPerson = z.infer<typeof bbvPersonSchema>;

const count = z.number().int().nullable();
export const bbvCascadeSchema = z.object({
  institutionId: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  hiv: z.object({ tested: count, positive: count, onArt: count, suppressed: count }),
  hcv: z.object({
    tested: count,
    antibodyPositive: count,
    rnaTested: count,
    viraemic: count,
    onTreatment: count,
    cured: count,
  }),
  suppression: z.object({ threshold: z.number().int(), cells: z.array(z.string()) }).nullable(),
});
export type BbvCascade = z.infer<typeof bbvCascadeSchema>;
