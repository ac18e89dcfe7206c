import type { ProgrammeProblem } from './rules.ts';
import { drResistanceClasses, type TbResistance } from './vocabulary.ts';

/** PHC-7: how a registered TB patient is housed apart: by drug-resistance profile. */
export type TbHousingGroup = 'drug_resistant' | 'drug_susceptible';

/**
 * PHC-7 (ADR 0050): the housing group of a TB episode — a registered, open episode with a
 * rifampicin-resistant class (RR, MDR, pre-XDR, XDR) is drug-resistant; any other registered open
 * episode (susceptible, isoniazid-resistant, not known) counts as drug-susceptible. A presumptive
 * or closed episode has no group (the airborne-isolation guard covers the presumptive).
 */
export function tbHousingGroup(e: {
  registered: boolean;
  resistance: string | null;
  closed: boolean;
}): TbHousingGroup | null {
  if (!e.registered || e.closed) return null;
  return drResistanceClasses.includes(e.resistance as TbResistance) ? 'drug_resistant' : 'drug_susceptible';
}

/**
 * PHC-7: an RR/MDR-TB patient must not share a cell with a drug-susceptible TB patient (either way
 * round), isolation rooms included; placing them together needs a recorded reason.
 */
export function resistanceHousingProblem(
  person: TbHousingGroup | null,
  others: readonly (TbHousingGroup | null)[],
  reason: string | null | undefined,
): ProgrammeProblem | null {
  if (!person || reason?.trim()) return null;
  const clash = others.some((o) => o !== null && o !== person);
  return clash ? { path: 'placementGuardReason', code: 'resistance_profile_shared_cell' } : null;
}
