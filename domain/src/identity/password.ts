import { commonPasswords } from './common-passwords.ts';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordProblem = 'too_short' | 'too_long' | 'contains_username' | 'too_common';

/**
 * The password policy (issue 3): at least 12 characters, not containing the username, not one of
 * the commonly used passwords. Returns the problems found (empty when acceptable); the web app and
 * the server show the same translated message for each.
 */
export function passwordProblems(password: string, username: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  const lower = password.toLocaleLowerCase('en');
  const name = username.trim().toLocaleLowerCase('en');
  if (name.length >= 3 && lower.includes(name)) problems.push('contains_username');
  if (commonPasswords.has(lower)) problems.push('too_common');
  return problems;
}
