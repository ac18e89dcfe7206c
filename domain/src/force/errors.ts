/**
 * The error codes the use-of-force module answers with. Its refused rules answer the generic
 * `rule_refused`, the specifics travelling in the field codes (ADR 0021), translated in the web
 * module's `errors` section.
 */
export const forceErrorCodes = [] as const;
