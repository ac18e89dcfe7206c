/**
 * The error codes the requests module answers with (ADR 0038). Its refused rules answer the generic
 * `rule_refused`, the specifics travelling in the field codes (ADR 0021); these are the named
 * refusals of the allegation workflow (INJ-4) and of a reversed period.
 */
export const requestsErrorCodes = [
  'allegation_not_found',
  'not_an_allegation',
  'allegation_already_examined',
  'escalation_irreversible',
] as const;
