import { z } from 'zod';

const instant = z.iso.datetime({ offset: false });
const date = z.iso.date();

/** The ICD-10 code system as FHIR names it. */
export const ICD10_SYSTEM = 'http://hl7.org/fhir/sid/icd-10';
export const LOINC_SYSTEM = 'http://loinc.org';
/** Our own codes, where no standard code exists or we are not sure of one. */
export const LOCAL_LAB_SYSTEM = 'urn:custodia:lab';

/** Problems coded with ICD-10 (DAT-5). `restricted` hides them from all but author and restricted readers. */
export const problemInputSchema = z.object({
  code: z.string().trim().min(1).max(16),
  onsetDate: date.nullish(),
  note: z.string().trim().max(2000).nullish(),
  restricted: z.boolean().default(false),
  encounterId: z.string().max(64).nullish(),
});
export const problemStatusSchema = z.object({
  status: z.enum(['resolved', 'entered_in_error']),
  reason: z.string().trim().min(3).max(1000),
});

export const allergySeverities = ['mild', 'moderate', 'severe'] as const;
export const allergyInputSchema = z.object({
  substance: z.string().trim().min(2).max(200),
  category: z.enum(['medication', 'food', 'environment', 'other']),
  reaction: z.string().trim().max(500).nullish(),
  severity: z.enum(allergySeverities),
  type: z.enum(['allergy', 'intolerance']).default('allergy'),
});
export const allergyStatusSchema = z.object({
  status: z.enum(['resolved', 'entered_in_error']),
  reason: z.string().trim().min(3).max(1000),
});

/**
 * The starter list of laboratory tests. LOINC codes are given only where we are sure of one;
 * the rest use our own code system (LOCAL_LAB_SYSTEM) until a national mapping is agreed.
 */
export const labTests = {
  sputum_smear: {
    system: LOINC_SYSTEM,
    code: '11545-1',
    coded: ['negative', 'scanty', 'positive_1', 'positive_2', 'positive_3'],
  },
  genexpert_mtb_rif: {
    system: LOCAL_LAB_SYSTEM,
    code: 'genexpert-mtb-rif',
    coded: ['mtb_not_detected', 'mtb_detected_rif_not_detected', 'mtb_detected_rif_detected', 'invalid'],
  },
  chest_xray: {
    system: LOCAL_LAB_SYSTEM,
    code: 'chest-xray-reading',
    coded: ['normal', 'abnormal_suggestive_of_tb', 'abnormal_other'],
  },
  hiv_rapid: { system: LOINC_SYSTEM, code: '68961-2', coded: ['negative', 'reactive', 'invalid'] },
  hcv_antibody: { system: LOINC_SYSTEM, code: '16128-1', coded: ['negative', 'positive'] },
  hcv_rna: { system: LOINC_SYSTEM, code: '11011-4', unit: '[IU]/mL', coded: ['not_detected'] },
  hbsag: { system: LOINC_SYSTEM, code: '5196-1', coded: ['negative', 'positive'] },
  cd4: { system: LOINC_SYSTEM, code: '24467-3', unit: '/uL', coded: [] },
  hiv_viral_load: { system: LOINC_SYSTEM, code: '20447-9', unit: '{copies}/mL', coded: ['not_detected'] },
  pregnancy_test: { system: LOINC_SYSTEM, code: '2106-3', coded: ['negative', 'positive'] },
} as const satisfies Record<
  string,
  { system: string; code: string; unit?: string; coded: readonly string[] }
>;
export type LabTest = keyof typeof labTests;
export const labTestNames = Object.keys(labTests) as LabTest[];

export const labResultInputSchema = z.object({
  test: z.enum(labTestNames as [LabTest, ...LabTest[]]),
  effectiveAt: instant,
  valueNumber: z.number().finite().min(0).max(1e9).nullish(),
  valueCode: z.string().max(64).nullish(),
  note: z.string().trim().max(2000).nullish(),
  /** HIV and hepatitis results are sensitive (MED-1; restricted by default on the form). */
  restricted: z.boolean().default(false),
});
export type LabResultInput = z.infer<typeof labResultInputSchema>;

/** A lab result has a number (for a test with a unit) or one of the test's coded results. */
export function labResultProblem(
  input: LabResultInput,
): 'value_required' | 'unknown_result_code' | 'number_not_allowed' | null {
  const test = labTests[input.test];
  const hasNumber = input.valueNumber !== null && input.valueNumber !== undefined;
  const hasCode = !!input.valueCode;
  if (!hasNumber && !hasCode) return 'value_required';
  if (hasNumber && !('unit' in test)) return 'number_not_allowed';
  if (hasCode && !(test.coded as readonly string[]).includes(input.valueCode as string))
    return 'unknown_result_code';
  return null;
}

/** MED-6: informed consent or refusal, with the information given and a witness for a refusal. */
export const consentInputSchema = z.object({
  topic: z.string().trim().min(3).max(300),
  decision: z.enum(['consented', 'refused']),
  informationGiven: z.string().trim().min(10).max(4000),
  signature: z.enum(['signed', 'declined_to_sign']),
  witness: z.string().trim().max(160).nullish(),
  encounterId: z.string().max(64).nullish(),
  recordedAt: instant,
});
export type ConsentInput = z.infer<typeof consentInputSchema>;
export function consentProblem(input: ConsentInput): 'witness_required' | null {
  if ((input.decision === 'refused' || input.signature === 'declined_to_sign') && !input.witness?.trim()) {
    return 'witness_required';
  }
  return null;
}

/** MED-2: a request for a copy of one's own medical file, possibly for a named third party. */
export const accessRequestInputSchema = z.object({
  receivedAt: instant,
  thirdParty: z.string().trim().max(200).nullish(),
  note: z.string().trim().max(1000).nullish(),
});

export const documentTypes = [
  'referral_letter',
  'discharge_summary',
  'lab_report',
  'imaging',
  'consent_form',
  'other',
] as const;
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

/**
 * The longest period one request for a clinical indicator covers: a year, a leap day included (its
 * rows are read into memory). A longer one is asked for year by year.
 */
export const STATISTICS_PERIOD_MAX_DAYS = 366;

/** What is wrong with a period of calendar dates (`to` exclusive), if anything. */
export function periodProblem(from: string, to: string): 'period_reversed' | 'period_too_long' | null {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (!(days > 0)) return 'period_reversed';
  if (days > STATISTICS_PERIOD_MAX_DAYS) return 'period_too_long';
  return null;
}

export const terminologyQuerySchema = z.object({
  q: z.string().trim().min(1).max(120),
  language: z.enum(['az', 'en', 'ru']).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/** An observation marked entered in error, with the reason (X-2: the entry stays, marked). */
export const observationCorrectionSchema = z.object({
  status: z.literal('entered_in_error'),
  reason: z.string().trim().min(3).max(1000),
});
/** The version read, for a command on a versioned entry (sign an encounter, complete a screening). */
export const versionInputSchema = z.object({ version: z.number().int().min(1) });
/** A follow-up task done, with the encounter that did it if there was one. */
export const taskCompletionSchema = z.object({ encounterId: z.string().max(64).nullish() });
