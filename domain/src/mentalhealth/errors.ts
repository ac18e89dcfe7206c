/**
 * The error codes the mental-health module answers with (ADR 0043). Refused rules answer the generic
 * `rule_refused` with the specifics in the field codes (ADR 0021); these are its named refusals.
 */
export const mentalhealthErrorCodes = ['instrument_not_found', 'instrument_exists'] as const;
