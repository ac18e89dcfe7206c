import { z } from 'zod';

/**
 * Time limits the system enforces, each with the rule that sets it and its source. Defaults
 * are the strictest applicable standard; an institution or the country may only loosen one
 * after recording the legal basis. Restraint and other modules add their own entries here.
 */
export const thresholdDefinitions = {
  /** ADM-1: every admission is screened within 24 h. */
  'ADM-1.screening_due_minutes': {
    defaultValue: 24 * 60,
    min: 15,
    max: 7 * 24 * 60,
    sourceRef: 'ADM-1: CPT/Inf(2013)29 §73; Mandela r.30; EPR r.42.1',
  },
  /** ADM-5: back from police custody or investigation — "without delay", by default the same shift. */
  'ADM-5.rescreening_due_minutes': {
    defaultValue: 8 * 60,
    min: 15,
    max: 7 * 24 * 60,
    sourceRef: 'ADM-5: CPT/Inf(2013)29 §73',
  },
  /** ADM-8: continuing medication, OST, ART or TB treatment, or withdrawal → prescriber the same day. */
  'ADM-8.prescriber_due_minutes': {
    defaultValue: 12 * 60,
    min: 15,
    max: 24 * 60,
    sourceRef: 'ADM-8: EPR r.42.3.b, r.42.3.d; Mandela r.24(2)',
  },
} as const satisfies Record<string, { defaultValue: number; min: number; max: number; sourceRef: string }>;

export type ThresholdId = keyof typeof thresholdDefinitions;
export const thresholdIds = Object.keys(thresholdDefinitions) as ThresholdId[];

export const thresholdChangeSchema = z.object({
  value: z.number().int(),
  /** Required when the new value is looser than the default. */
  legalBasis: z.string().trim().max(1000).nullish(),
});

/**
 * a threshold may be tightened freely; loosening it beyond the strictest default needs a recorded
 * legal basis. Every value stays inside the rule's hard bounds.
 */
export function thresholdChangeProblem(
  id: ThresholdId,
  value: number,
  legalBasis: string | null | undefined,
): 'out_of_bounds' | 'legal_basis_required' | null {
  const def = thresholdDefinitions[id];
  if (!Number.isInteger(value) || value < def.min || value > def.max) return 'out_of_bounds';
  if (value > def.defaultValue && !(legalBasis && legalBasis.trim().length >= 10))
    return 'legal_basis_required';
  return null;
}
