/**
 * The error codes the injuries module answers with (ADR 0035). Its refused rules answer the generic
 * `rule_refused`, the specifics travelling in the field codes (ADR 0021), translated in the web
 * module's `errors` section.
 */
export const injuriesErrorCodes = [
  'photo_consent_missing',
  'photo_consent_refused',
  'report_withdrawal_refused',
  'photo_integrity_failed',
] as const;
