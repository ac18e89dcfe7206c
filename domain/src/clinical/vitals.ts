import { z } from 'zod';

/**
 * Vital signs with their LOINC codes (the codes FHIR's vital-signs profile requires) and the range a
 * living adult can show. A value outside it is a typing error, refused with a clear message.
 */
export const vitalSigns = {
  systolic: { loinc: '8480-6', unit: 'mm[Hg]', display: 'Systolic blood pressure', min: 50, max: 300 },
  diastolic: { loinc: '8462-4', unit: 'mm[Hg]', display: 'Diastolic blood pressure', min: 20, max: 200 },
  pulse: { loinc: '8867-4', unit: '/min', display: 'Heart rate', min: 20, max: 250 },
  temperature: { loinc: '8310-5', unit: 'Cel', display: 'Body temperature', min: 30, max: 45 },
  respiratoryRate: { loinc: '9279-1', unit: '/min', display: 'Respiratory rate', min: 4, max: 80 },
  spo2: { loinc: '59408-5', unit: '%', display: 'Oxygen saturation by pulse oximetry', min: 50, max: 100 },
  weight: { loinc: '29463-7', unit: 'kg', display: 'Body weight', min: 2, max: 400 },
  height: { loinc: '8302-2', unit: 'cm', display: 'Body height', min: 40, max: 250 },
  bmi: { loinc: '39156-5', unit: 'kg/m2', display: 'Body mass index', min: 5, max: 150 },
} as const;
export type VitalSign = keyof typeof vitalSigns;
export const vitalSignNames = Object.keys(vitalSigns) as VitalSign[];
/** The blood-pressure panel that holds systolic and diastolic in FHIR. */
export const BLOOD_PRESSURE_PANEL_LOINC = '85354-9';
export const VITAL_SIGNS_PANEL_LOINC = '85353-1';

const reading = z.number().finite().nullish();
export const vitalsInputSchema = z.object({
  takenAt: z.iso.datetime({ offset: false }),
  systolic: reading,
  diastolic: reading,
  pulse: reading,
  temperature: reading,
  respiratoryRate: reading,
  spo2: reading,
  weight: reading,
  height: reading,
});
export type VitalsInput = z.infer<typeof vitalsInputSchema>;

export interface VitalProblem {
  field: VitalSign | 'takenAt';
  code: 'implausible_value' | 'diastolic_not_below_systolic' | 'blood_pressure_incomplete' | 'no_values';
}

/** Problems with one set of readings; an empty list means it can be saved. */
export function vitalsProblems(input: VitalsInput): VitalProblem[] {
  const problems: VitalProblem[] = [];
  let any = false;
  for (const name of vitalSignNames) {
    if (name === 'bmi') continue;
    const value = input[name];
    if (value === null || value === undefined) continue;
    any = true;
    const { min, max } = vitalSigns[name];
    if (value < min || value > max) problems.push({ field: name, code: 'implausible_value' });
  }
  if (!any) problems.push({ field: 'takenAt', code: 'no_values' });
  const hasSys = input.systolic != null;
  const hasDia = input.diastolic != null;
  if (hasSys !== hasDia)
    problems.push({ field: hasSys ? 'diastolic' : 'systolic', code: 'blood_pressure_incomplete' });
  if (hasSys && hasDia && (input.diastolic as number) >= (input.systolic as number)) {
    problems.push({ field: 'diastolic', code: 'diastolic_not_below_systolic' });
  }
  return problems;
}

/** Body mass index from weight (kg) and height (cm), one decimal; null when either is missing. */
export function bodyMassIndex(weightKg: number | null | undefined, heightCm: number | null | undefined) {
  if (weightKg == null || heightCm == null || heightCm <= 0) return null;
  const metres = heightCm / 100;
  return Math.round((weightKg / (metres * metres)) * 10) / 10;
}
