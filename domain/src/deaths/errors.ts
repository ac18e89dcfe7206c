/**
 * The error codes the deaths module answers with. Refused rules answer the generic `rule_refused`,
 * the specifics travelling in the field codes (ADR 0021), translated in the web module's `errors`.
 */
export const deathsErrorCodes = ['death_record_append_only'] as const;
