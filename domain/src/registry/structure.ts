import { z } from 'zod';
import type { SpaceProblem } from './index.ts';
import { cellTypes, institutionKinds, populationSexes, staffPositions } from './kinds.ts';

/**
 * Institutions, units and cells as an administrator or a governor edits them (issue 4, "Registry
 * and web shell"; ADR 0009). The browser checks a form with these schemas before sending it, and
 * the server checks the same body again: both refuse the same input with the same message.
 */

/** Whether the runtime knows this IANA time zone (`Asia/Baku`, `Europe/Berlin`…). */
export function isTimeZone(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const code = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'code_format');
const name = (max: number) => z.string().trim().min(1).max(max);
const version = z.number().int().min(1);

export const institutionInputSchema = z.object({
  code: code.transform((v) => v.toUpperCase()),
  name: z.object({ az: name(200), en: name(200), ru: name(200) }),
  kind: z.enum(institutionKinds),
  populationSex: z.enum(populationSexes),
  capacity: z
    .number('capacity_range')
    .int('capacity_range')
    .min(0, 'capacity_range')
    .max(100_000, 'capacity_range'),
  timeZone: z.string().trim().min(1).max(64).refine(isTimeZone, 'unknown_time_zone'),
});
export type InstitutionInput = z.infer<typeof institutionInputSchema>;
export const institutionUpdateSchema = institutionInputSchema.extend({ version });
export type InstitutionUpdate = z.infer<typeof institutionUpdateSchema>;

export const unitInputSchema = z.object({ code, name: name(120) });
export type UnitInput = z.infer<typeof unitInputSchema>;
export const unitUpdateSchema = unitInputSchema.extend({ version });
export type UnitUpdate = z.infer<typeof unitUpdateSchema>;

/** The largest floor area we accept for one cell or room (a dormitory), in m². */
export const CELL_AREA_MAX_M2 = 1000;

export const cellInputSchema = z.object({
  code,
  cellType: z.enum(cellTypes),
  certifiedCapacity: z
    .number('cell_capacity_range')
    .int('cell_capacity_range')
    .min(0, 'cell_capacity_range')
    .max(200, 'cell_capacity_range'),
  floorAreaM2: z
    .number('area_range')
    .gt(0, 'area_range')
    .max(CELL_AREA_MAX_M2, 'area_range')
    .transform((v) => Math.round(v * 100) / 100),
});
export type CellInput = z.infer<typeof cellInputSchema>;
export const cellUpdateSchema = cellInputSchema.extend({ version });
export type CellUpdate = z.infer<typeof cellUpdateSchema>;

/** Who asks, as far as the rules about the structure need to know (ADR 0009). */
export interface StructureManager {
  roles: readonly string[];
  institutionIds: readonly string[];
  national: boolean;
}

/**
 * A new institution changes the map of the country's prisons: only the system administrator or a
 * user with national scope may add one (ADR 0009). The permission `registry.institution.manage` is
 * checked by the gate before this.
 */
export function mayCreateInstitution(user: StructureManager): boolean {
  return user.national || user.roles.includes('system_admin');
}

/**
 * Editing an institution, its units and cells: the system administrator and national users
 * everywhere, anyone else (a governor) only in the institutions they work in (ADR 0009).
 */
export function mayManageInstitution(user: StructureManager, institutionId: string): boolean {
  return mayCreateInstitution(user) || user.institutionIds.includes(institutionId);
}

/**
 * What a change leaves to look at, without refusing it (RES-8): a capacity below the people
 * already held there is allowed — the people are there — but flagged.
 */
export const structureWarnings = ['capacity_below_occupancy'] as const;
export type StructureWarning = (typeof structureWarnings)[number];

/** The RES-8 flags `spaceProblems` can raise (index.ts), as a list for response schemas. */
export const spaceProblemCodes = [
  'below_single_minimum',
  'below_shared_minimum',
  'over_capacity',
] as const satisfies readonly SpaceProblem[];

export function capacityWarnings(capacity: number, occupants: number): StructureWarning[] {
  return occupants > capacity ? ['capacity_below_occupancy'] : [];
}

export const staffSexes = ['male', 'female'] as const;

/** A staff member of the directory (issue 4), optionally linked to a user account. */
export const staffInputSchema = z.object({
  institutionId: z.string().min(1).max(64),
  fullName: z.string().trim().min(2).max(160),
  sex: z.enum(staffSexes),
  /** Chosen from the list, so that it reads in every language (issue 14 item 7). */
  position: z.enum(staffPositions),
  userId: z.string().max(64).nullish(),
});
export type StaffInput = z.infer<typeof staffInputSchema>;

/**
 * SEG-12 (Mandela r.43(1)(c)): a cell's lighting, as the structure manager records it. `adequate`
 * is the only condition in which a person may be placed; a cell without natural light (dark) or
 * constantly lit cannot be allocated, in the registry or for a segregation placement.
 */
export const cellLightings = ['adequate', 'no_natural_light', 'constantly_lit'] as const;
export type CellLighting = (typeof cellLightings)[number];

/** SEG-12: whether a person may be placed in a cell of this lighting. */
export function lightingAllowsAllocation(lighting: string): boolean {
  return lighting === 'adequate';
}

/** SEG-12: a change of a cell's lighting, from a date, with its reason (each change kept). */
export const cellLightingInputSchema = z.object({
  lighting: z.enum(cellLightings),
  since: z.iso.date(),
  reason: z.string().trim().min(1).max(500),
  version,
});
export type CellLightingInput = z.infer<typeof cellLightingInputSchema>;
