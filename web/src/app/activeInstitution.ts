import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { type Institution, registryKeys } from '../modules/registry/registry.api.ts';
import { apiFetch } from './api.ts';
import { allows, type SessionUser, useCurrentUser } from './session.ts';

/**
 * The institution a user is working in now (ADR 0009): a preference kept in this browser, keyed by
 * the user's id, used as the default of forms and filters (admission, staff, living space). It is
 * not a scope: the server still answers for every institution the user may see.
 */

/** For national users: no institution chosen, every institution shown. */
export const ALL_INSTITUTIONS = '';

export const institutionStorageKey = (userId: string) => `custodia.institution.${userId}`;

const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  // Another tab of the same browser chose an institution: follow it.
  const onStorage = (event: StorageEvent) => {
    if (event.key?.startsWith('custodia.institution.')) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

function readStored(userId: string | undefined): string | null {
  if (!userId) return null;
  try {
    return window.localStorage.getItem(institutionStorageKey(userId));
  } catch {
    return null; // Storage may be disabled: the default applies.
  }
}

function writeStored(userId: string, institutionId: string) {
  try {
    window.localStorage.setItem(institutionStorageKey(userId), institutionId);
  } catch {
    // Not remembered across visits, but the pages follow the choice until reload.
  }
  for (const listener of listeners) listener();
}

/** The institutions a user works in, in the server's order; national users: all of them. */
export function institutionChoices(user: SessionUser | null, institutions: readonly Institution[]) {
  if (!user) return [];
  return user.national ? [...institutions] : institutions.filter((i) => user.institutionIds.includes(i.id));
}

/**
 * The chosen institution: the only one of a user who works in one; otherwise the stored choice while
 * it is still among the choices, or "all" (nothing chosen yet: no page guesses for the user).
 */
export function resolveActive(
  user: SessionUser | null,
  choices: readonly Institution[],
  stored: string | null,
): string {
  if (!user) return ALL_INSTITUTIONS;
  const only = choices.length === 1 ? choices[0] : undefined;
  if (!user.national && only) return only.id;
  if (stored && choices.some((i) => i.id === stored)) return stored;
  return ALL_INSTITUTIONS;
}

/** The list of institutions, when the user may read it (every staff role may). */
export function useInstitutionList(user: SessionUser | null) {
  return useQuery({
    queryKey: registryKeys.institutions,
    queryFn: async ({ signal }) =>
      (await apiFetch<{ items: Institution[] }>('/api/v1/institutions', { signal })).items,
    staleTime: 10 * 60_000,
    // Someone who works in no institution (and sees no national picture) has nothing to choose from.
    enabled:
      allows(user, 'registry.institution.read') && Boolean(user?.national || user?.institutionIds.length),
  });
}

export function useActiveInstitution() {
  const user = useCurrentUser();
  const institutions = useInstitutionList(user);
  const stored = useSyncExternalStore(subscribe, () => readStored(user?.id));
  const choices = useMemo(() => institutionChoices(user, institutions.data ?? []), [user, institutions.data]);
  const activeId = resolveActive(user, choices, stored);
  const setActiveId = useCallback(
    (institutionId: string) => {
      if (user) writeStored(user.id, institutionId);
    },
    [user],
  );
  return {
    /** '' (ALL_INSTITUTIONS) when nothing in particular is chosen. */
    activeId,
    setActiveId,
    choices,
    national: Boolean(user?.national),
    ready: institutions.isSuccess,
  };
}
