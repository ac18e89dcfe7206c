import type { LanguageCode } from './i18n.ts';

/**
 * The language a person picked on the sign-in page during this visit, if they picked one. It wins
 * over the language remembered for their account at sign-in (and is then remembered for it): they
 * chose it while looking at the screen. Kept in memory only; a reload forgets it, and the account's
 * language applies again.
 */
let chosenBeforeSignIn: LanguageCode | null = null;

export const rememberChoiceBeforeSignIn = (language: LanguageCode) => {
  chosenBeforeSignIn = language;
};

/** Whether a choice was made before sign-in (without taking it). */
export const hasChoiceBeforeSignIn = () => chosenBeforeSignIn !== null;

/** The choice made before sign-in, once: reading it clears it. */
export function takeChoiceBeforeSignIn(): LanguageCode | null {
  const choice = chosenBeforeSignIn;
  chosenBeforeSignIn = null;
  return choice;
}
