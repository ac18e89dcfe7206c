/**
 * The error codes the hunger-strike module answers with (ADR 0042). Its refused rules answer the
 * generic `rule_refused`, the specifics travelling in the field codes (ADR 0021), translated in the
 * web module's `errors` section. HUN-7: an order or intervention that would feed a person against
 * their will has a code of its own, so the refusal says why in words.
 */
export const hungerstrikeErrorCodes = ['force_feeding_not_permitted', 'intervention_kind_unknown'] as const;
