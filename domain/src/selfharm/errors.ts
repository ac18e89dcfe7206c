/**
 * The error codes the self-harm module answers with. Its refused rules answer the generic
 * `rule_refused`, the specifics travelling in the field codes (ADR 0021), translated in the web
 * module's `errors` section.
 */
export const selfharmErrorCodes = ['selfharm_period_reversed'] as const;
