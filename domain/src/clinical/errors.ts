/**
 * The error codes the medical record answers with. `clinical_not_allowed` is the medical record's
 * name of the generic `rule_refused` (ADR 0021), kept for the web app and its tests.
 */
export const clinicalErrorCodes = [
  'clinical_not_allowed',
  'encounter_locked',
  'file_copy_needs_restricted_reader',
  'document_too_large',
  'period_reversed',
  'period_too_long',
  'screening_incomplete',
  /** Issue 14: an encounter whose note (subjective, objective, assessment, plan) is empty is not signed. */
  'encounter_note_empty',
] as const;
