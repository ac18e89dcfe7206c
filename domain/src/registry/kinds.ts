/** The registry's enumerations (kept apart so that index.ts and structure.ts share them without a cycle). */
export const institutionKinds = [
  'closed_prison',
  'open_prison',
  'colony',
  'pre_trial',
  'prison_hospital',
  'womens_prison',
] as const;
export const populationSexes = ['male', 'female', 'mixed'] as const;
export const cellTypes = [
  'ordinary',
  'safe',
  'seclusion',
  'medical',
  'infectious_isolation',
  'mother_and_baby',
  'segregation',
] as const;
export type CellType = (typeof cellTypes)[number];
