import { z } from 'zod';
import { clinicalThresholds } from '../clinical/thresholds.ts';
import { medicationThresholds } from '../medication/thresholds.ts';
import { mentalhealthThresholds } from '../mentalhealth/thresholds.ts';
import { bbvThresholds } from '../programmes/bbv-thresholds.ts';
import { programmeThresholds } from '../programmes/thresholds.ts';
import { workingHoursThresholds } from '../programmes/working-hours.ts';
import { restraintThresholds } from '../restraint/thresholds.ts';

/** A time limit the system enforces: its default, hard bounds and source. */
export interface ThresholdDefinition {
  defaultValue: number;
  min: number;
  max: number;
  sourceRef: string;
}

/**
 * Time limits the system enforces, each with the rule that sets it and its source. Defaults
 * are the strictest applicable standard; an institution or the country may only loosen one
 * after recording the legal basis. Each module owns its limits; this list names every module's, one
 * line per module (ADR 0020).
 */
export const thresholdDefinitions = {
  ...clinicalThresholds,
  ...restraintThresholds,
  ...medicationThresholds,
  ...programmeThresholds,
  ...bbvThresholds,
  ...workingHoursThresholds,
  ...mentalhealthThresholds,
} as const;

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
