/** The error codes the identity module answers with (sign-in, passwords, two-factor, break-glass). */
export const identityErrorCodes = [
  'session_expired',
  'sign_in_failed',
  'two_factor_failed',
  'account_locked',
  'two_factor_required',
  'password_change_required',
  'two_factor_already_enabled',
  'password_policy',
  'password_wrong',
  'break_glass_limit',
  'break_glass_own_review',
] as const;
