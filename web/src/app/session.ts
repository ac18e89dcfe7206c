import type { Permission, Session, SessionUser, SignInAnswer } from '@custodia/domain/identity';
import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiError, apiFetch, setCsrfToken } from './api.ts';
import { setHomeTimeZone } from './format.ts';

export type { Session, SessionUser, SignInAnswer } from '@custodia/domain/identity';

/**
 * Browser storage that holds clinical data (a screening draft kept while the network is lost) goes
 * under this prefix; the end of the session (sign-out or idle expiry) removes all of it, so a shared
 * ward computer keeps none.
 */
export const PRIVATE_STORAGE_PREFIX = 'custodia.private.';

function clearPrivateStorage() {
  for (const storage of ['localStorage', 'sessionStorage'] as const) {
    try {
      const store = window[storage];
      const keys = Array.from({ length: store.length }, (_, i) => store.key(i));
      for (const key of keys) if (key?.startsWith(PRIVATE_STORAGE_PREFIX)) store.removeItem(key);
    } catch {
      // Storage disabled: nothing was kept.
    }
  }
}

/** The session's place in the query cache: `null` when nobody is signed in. */
export const sessionKey = ['session'] as const;

/**
 * Where the shell sends a user who must act before anything else: change a one-time password, then
 * set up two-factor sign-in (the identity module serves both pages).
 */
export const accountPaths = {
  account: '/identity/account',
  changePassword: '/identity/account/password',
  twoFactor: '/identity/account/two-factor',
} as const;

/**
 * What a page or a navigation entry needs: a permission of the server's catalogue, or `public`
 * (no sign-in) or `authenticated` (any signed-in user; the default).
 */
export type Access = Permission;

/** Whether this user (or nobody, when null) may open what needs `access`. */
export function allows(user: SessionUser | null | undefined, access: Access = 'authenticated'): boolean {
  if (access === 'public') return true;
  if (!user) return false;
  if (user.twoFactorEnrolmentRequired || user.mustChangePassword) return false;
  return access === 'authenticated' || user.permissions.includes(access);
}

/** The session, or null when not signed in (the server answers 401). Keeps the CSRF token in step. */
export async function fetchSession(signal?: AbortSignal): Promise<Session | null> {
  try {
    const session = await apiFetch<Session>('/api/v1/auth/session', signal ? { signal } : {});
    setCsrfToken(session.csrfToken);
    setHomeTimeZone(session.timeZone);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** The session query: fetched once at start-up, then kept fresh. */
export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: ({ signal }) => fetchSession(signal),
    staleTime: 60_000,
  });
}

/** The signed-in user, or null. */
export function useCurrentUser(): SessionUser | null {
  return useSession().data?.user ?? null;
}

/** Puts a session body from sign-in into the cache (and its CSRF token into apiFetch). */
export function acceptSession(queryClient: QueryClient, session: Session | null): void {
  setCsrfToken(session?.csrfToken ?? null);
  // Issue 14: times of no institution in particular are shown in the deployment's zone.
  if (session) setHomeTimeZone(session.timeZone);
  queryClient.setQueryData(sessionKey, session);
}

/**
 * Forgets everything the previous user loaded (confidential data must not outlive the session),
 * then marks the session as ended so the shell shows the sign-in page. Called at sign-out and when
 * the server says the session has ended (idle expiry, signed out elsewhere): MED-1, the browser
 * keeps no clinical data, a screening draft included, once the session is over.
 */
export function endSession(queryClient: QueryClient): void {
  clearPrivateStorage();
  acceptSession(queryClient, null);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
}

export function isSession(answer: SignInAnswer): answer is Session {
  return 'user' in answer;
}

export function signIn(username: string, password: string): Promise<SignInAnswer> {
  return apiFetch<SignInAnswer>('/api/v1/auth/sign-in', { method: 'POST', json: { username, password } });
}

export function signInSecondStep(code: string): Promise<Session> {
  return apiFetch<Session>('/api/v1/auth/two-factor', { method: 'POST', json: { code } });
}

/** Signs out on the server (an already ended session is fine), then forgets the session here. */
export function useSignOut(): () => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    try {
      await apiFetch('/api/v1/auth/sign-out', { method: 'POST' });
    } catch {
      // The session may have ended already; either way it is over here.
    }
    endSession(queryClient);
  }, [queryClient]);
}

/** Re-reads the session from the server (after a password change or two-factor enrolment). */
export function refreshSession(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: sessionKey, refetchType: 'all' });
}
