/**
 * The error codes the registry answers with. `event_not_allowed` is the registry's name of the
 * generic `rule_refused` (ADR 0021): kept because the web app reads it to place the event's field
 * codes.
 */
export const registryErrorCodes = [
  'possible_duplicate',
  'prison_number_taken',
  'event_not_allowed',
  'over_capacity',
] as const;
