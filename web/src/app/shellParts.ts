import type { NavEntry } from './appModule.ts';

/** What the two frames (signed out: Layout.tsx; signed in: ShellLayout.tsx) share. */
export const MAIN_ID = 'main-content';
export const NAV_ID = 'main-navigation';
export const NAV_BREAKPOINT = 'sm';
export const homeEntry: NavEntry = { to: '/', labelKey: 'common:nav.home' };
export const withoutSuspense = { useSuspense: false };

let signedOutShown = false;

/** The signed-out frame was shown with the session known: a sign-in may follow on this page. */
export function markSignedOutShown(): void {
  signedOutShown = true;
}

/** Whether the signed-in frame appears after a sign-in on this page (asked once). */
export function cameFromSignIn(): boolean {
  const was = signedOutShown;
  signedOutShown = false;
  return was;
}
