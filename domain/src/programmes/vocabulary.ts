/**
 * The vocabulary of the programme registers (DOMAIN.md §0.4, §3; issue 16): one episode pattern for
 * every programme, and the WHO codes of tuberculosis (TB-1, PHC-8). Codes are stored; words are the
 * web's (az, en, ru).
 */

/**
 * The programmes the engine serves. A programme is a definition (engine.ts), not a table: HIV,
 * hepatitis B/C and opioid substitution join by adding their code here and their definition.
 */
export const programmeCodes = ['tb', 'hiv', 'hbv', 'hcv'] as const;
export type ProgrammeCode = (typeof programmeCodes)[number];

/** Where a presumptive case came from (ADM-6, PHC-9, TB-5). */
export const presumptiveSources = [
  'admission_screening',
  'symptom_screen',
  'chest_xray',
  'contact_investigation',
  'clinician',
  'transfer_in',
] as const;
export type PresumptiveSource = (typeof presumptiveSources)[number];

/** TB-1: the WHO registration groups by history of previous treatment (2013 framework). */
export const tbRegistrationCategories = [
  'new',
  'relapse',
  'after_failure',
  'after_ltfu',
  'other_previously_treated',
  'unknown_history',
] as const;
export type TbRegistrationCategory = (typeof tbRegistrationCategories)[number];

/** TB-1: bacteriologically confirmed or clinically diagnosed. */
export const tbBacteriology = ['bacteriologically_confirmed', 'clinically_diagnosed'] as const;
export type TbBacteriology = (typeof tbBacteriology)[number];

/** TB-1: anatomical site; any lung involvement counts as pulmonary. */
export const tbSites = ['pulmonary', 'extrapulmonary'] as const;
export type TbSite = (typeof tbSites)[number];

/**
 * TB-1: the resistance classes (2021 definitions): susceptible, isoniazid-resistant (Hr), RR, MDR,
 * pre-XDR (MDR/RR + a fluoroquinolone), XDR (pre-XDR + bedaquiline or linezolid), or not tested.
 */
export const tbResistanceClasses = ['susceptible', 'hr', 'rr', 'mdr', 'pre_xdr', 'xdr', 'unknown'] as const;
export type TbResistance = (typeof tbResistanceClasses)[number];
/** The classes treated with a second-line (RR/MDR) regimen and reported in the yearly MDR cohort. */
export const drResistanceClasses: readonly TbResistance[] = ['rr', 'mdr', 'pre_xdr', 'xdr'];

/** PHC-8, TB-2: the WHO treatment outcomes (2021 update, harmonised for DS-TB and DR-TB). */
export const tbOutcomes = [
  'cured',
  'treatment_completed',
  'treatment_failed',
  'died',
  'lost_to_follow_up',
  'not_evaluated',
] as const;
export type TbOutcome = (typeof tbOutcomes)[number];
/** How a presumptive episode ends when TB is excluded (not a treatment outcome, never in a cohort). */
export const episodeClosures = ['tb_excluded'] as const;

/** The diagnostic and monitoring tests of the TB register (DHIS2 TB-CS, WHO). */
export const tbTests = ['smear', 'xpert', 'culture', 'dst', 'xray'] as const;
export type TbTest = (typeof tbTests)[number];
export const specimens = ['sputum', 'other'] as const;
export const smearResults = ['negative', 'scanty', 'positive_1', 'positive_2', 'positive_3'] as const;
export const xpertMtbResults = ['not_detected', 'detected', 'invalid'] as const;
export const xpertRifResults = ['not_detected', 'detected', 'indeterminate'] as const;
export const cultureResults = ['negative', 'positive', 'contaminated'] as const;
export const dstDrugs = ['rifampicin', 'isoniazid', 'fluoroquinolone', 'bedaquiline', 'linezolid'] as const;
export type DstDrug = (typeof dstDrugs)[number];
export const dstResults = ['susceptible', 'resistant', 'not_done'] as const;
export const xrayResults = ['normal', 'suggestive_of_tb', 'abnormal_other'] as const;

/** Screening methods and their answers (ADM-6, PHC-9): never pre-filled. */
export const screenMethods = ['symptom', 'chest_xray'] as const;
export const screenResults = ['positive', 'negative'] as const;
export const screenOccasions = ['admission', 'yearly', 'release', 'contact', 'other'] as const;

/** TB-5: where a contact shared space with the index case. */
export const exposureSettings = ['cell', 'unit'] as const;
export const contactOutcomes = [
  'tb_excluded',
  'presumptive_tb',
  'tpt_started',
  'tpt_not_indicated',
  'not_screened_left',
] as const;

/** The programme tasks the register opens (worklists): screenings, contacts, outcome returns. */
export const programmeTaskKinds = [
  'yearly_screen',
  'release_screen',
  'contact_screen',
  'outcome_return',
  /** PHC-6 (ADR 0050): a review of an airborne isolation, recorded done (the row is the review). */
  'isolation_review',
  /** PHC-11 (ADR 0057): the hepatitis B vaccination offer prompted by the admission. */
  'hepb_entry_offer',
] as const;
export type ProgrammeTaskKind = (typeof programmeTaskKinds)[number];
