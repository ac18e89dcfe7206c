/** The error codes the restraint module answers with; its refused rules answer the generic `rule_refused`. */
export const restraintErrorCodes = ['too_many_streams'] as const;
