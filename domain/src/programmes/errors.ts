/**
 * The error codes of the programmes module. Its refused rules answer the generic `rule_refused`, the
 * specifics in the field codes (ADR 0021), translated in the web module's `errors` section.
 */
export const programmesErrorCodes = [] as const;
