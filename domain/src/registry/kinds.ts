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

/**
 * A staff member's position, as a code shown in words in every language (issue 14 item 7). A
 * position stored as free text before this list (older directories) is shown as it was typed.
 */
export const staffPositions = [
  'governor',
  'deputy_governor',
  'custodial_officer',
  'personal_officer',
  'registry_officer',
  'social_worker',
  'doctor',
  'feldsher',
  'nurse',
  'psychiatrist',
  'psychologist',
  'dentist',
  'pharmacist',
  'head_of_health_care',
  'other',
] as const;
export type StaffPosition = (typeof staffPositions)[number];
