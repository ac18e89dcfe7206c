import type {
  BreakGlassAccess,
  BreakGlassGrant,
  Enrolment,
  okSchema,
  oneTimePasswordSchema,
  RoleCatalogue,
  recoveryCodesSchema,
  signedOutOthersSchema,
  User,
  userCreatedSchema,
  userCreateSchema,
  userUpdateSchema,
} from '@custodia/domain/identity';
import type { Page } from '@custodia/domain/platform';
import type { Institution, institutionsSchema } from '@custodia/domain/registry';
import {
  type InfiniteData,
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import { ApiError, apiFetch } from '../../app/api.ts';
import { useWrite } from '../../app/useWriteForm.tsx';

export type { BreakGlassAccess, BreakGlassGrant, Enrolment, Institution, RoleCatalogue, User };

export const identityKeys = {
  users: (q: string) => ['identity', 'users', 'list', q] as const,
  user: (id: string) => ['identity', 'users', 'one', id] as const,
  roles: ['identity', 'roles'] as const,
  institutions: ['identity', 'institutions'] as const,
};

export const USERS_PAGE_SIZE = 50;

/** `GET /api/v1/users`: a page at a time, searched by user name or display name. */
export function useUsers(q: string) {
  return useInfiniteQuery({
    queryKey: identityKeys.users(q),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(USERS_PAGE_SIZE) });
      if (q) params.set('q', q);
      if (pageParam) params.set('cursor', pageParam);
      return apiFetch<Page<User>>(`/api/v1/users?${params}`, { signal });
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string) {
  return useQuery({
    queryKey: identityKeys.user(id),
    queryFn: ({ signal }) => apiFetch<User>(`/api/v1/users/${encodeURIComponent(id)}`, { signal }),
  });
}

export type UserCreate = z.input<typeof userCreateSchema>;

export function createUser(input: UserCreate) {
  return apiFetch<z.infer<typeof userCreatedSchema>>('/api/v1/users', { method: 'POST', json: input });
}

export type UserUpdate = z.input<typeof userUpdateSchema>;

export function updateUser(id: string, change: UserUpdate) {
  return apiFetch<User>(`/api/v1/users/${encodeURIComponent(id)}`, { method: 'PATCH', json: change });
}

export function resetPassword(id: string) {
  return apiFetch<z.infer<typeof oneTimePasswordSchema>>(
    `/api/v1/users/${encodeURIComponent(id)}/password-reset`,
    {
      method: 'POST',
    },
  );
}

export function resetTwoFactor(id: string) {
  return apiFetch<z.infer<typeof okSchema>>(`/api/v1/users/${encodeURIComponent(id)}/two-factor-reset`, {
    method: 'POST',
  });
}

export function useRoleCatalogue() {
  return useQuery({
    queryKey: identityKeys.roles,
    queryFn: ({ signal }) => apiFetch<RoleCatalogue>('/api/v1/roles', { signal }),
    staleTime: 10 * 60_000,
  });
}

/**
 * The institutions to choose from (`GET /api/v1/institutions`, the registry module), or `null` when
 * this server has no registry yet (404) or the user may not read it (403): the form then offers a
 * free-text field for institution identifiers.
 */
export function useInstitutions() {
  return useQuery({
    queryKey: identityKeys.institutions,
    queryFn: async ({ signal }) => {
      try {
        return (await apiFetch<z.infer<typeof institutionsSchema>>('/api/v1/institutions', { signal })).items;
      } catch (error) {
        if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return null;
        throw error;
      }
    },
    staleTime: 10 * 60_000,
  });
}

export function changePassword(currentPassword: string, newPassword: string) {
  return apiFetch<z.infer<typeof okSchema>>('/api/v1/account/password', {
    method: 'POST',
    json: { currentPassword, newPassword },
  });
}

export function signOutOtherSessions() {
  return apiFetch<z.infer<typeof signedOutOthersSchema>>('/api/v1/account/sign-out-others', {
    method: 'POST',
  });
}

export function startEnrolment() {
  return apiFetch<Enrolment>('/api/v1/account/two-factor/enrolment', { method: 'POST' });
}

export function confirmEnrolment(code: string) {
  return apiFetch<z.infer<typeof recoveryCodesSchema>>('/api/v1/account/two-factor/confirm', {
    method: 'POST',
    json: { code },
  });
}

/** Break the glass: reach a person outside my normal scope, with a stated reason, for a limited time. */
export function breakGlass(input: { prisonNumber: string; reason: string }) {
  return apiFetch<BreakGlassGrant>('/api/v1/break-glass', { method: 'POST', json: input });
}

export type BreakGlassStatus = 'pending' | 'all';

export const breakGlassKeys = {
  all: ['identity', 'break-glass'] as const,
  list: (status: BreakGlassStatus) => ['identity', 'break-glass', status] as const,
};

export const BREAK_GLASS_PAGE_SIZE = 20;

/** `GET /api/v1/break-glass`: accesses awaiting review (or all of them), newest first, a page at a time. */
export function useBreakGlassAccesses(status: BreakGlassStatus) {
  return useInfiniteQuery({
    queryKey: breakGlassKeys.list(status),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ status, limit: String(BREAK_GLASS_PAGE_SIZE) });
      if (pageParam) params.set('cursor', pageParam);
      return apiFetch<Page<BreakGlassAccess>>(`/api/v1/break-glass?${params}`, { signal });
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function reviewBreakGlass(id: string, note: string) {
  return apiFetch<z.infer<typeof okSchema>>(`/api/v1/break-glass/${encodeURIComponent(id)}/review`, {
    method: 'POST',
    json: { note },
  });
}

// Writes (ADR 0024): each refreshes the queries it changes.

/** `POST /api/v1/users`: the account and its one-time password. */
export function useCreateUser() {
  return useWrite(createUser, () => [['identity', 'users']]);
}

/** `PATCH /api/v1/users/:id` at the version shown: the saved account replaces the one loaded. */
export function useUpdateUser(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: UserUpdate) => updateUser(id, change),
    onSuccess: (saved) => {
      queryClient.setQueryData(identityKeys.user(id), saved);
      void queryClient.invalidateQueries({ queryKey: ['identity', 'users', 'list'] });
    },
  });
}

/** A new one-time password for the user (shown once). */
export function useResetPassword(id: string) {
  return useWrite(
    () => resetPassword(id),
    () => [],
  );
}

/** Two-factor sign-in switched off for the user. */
export function useResetTwoFactor(id: string) {
  return useWrite(
    () => resetTwoFactor(id),
    () => [identityKeys.user(id)],
  );
}

/** Changes my own password (the current one proves it is me). */
export function useChangePassword() {
  return useWrite(
    (body: { currentPassword: string; newPassword: string }) =>
      changePassword(body.currentPassword, body.newPassword),
    () => [],
  );
}

/** Breaks the glass; the accesses awaiting review now include this one. */
export function useBreakGlass() {
  return useWrite(breakGlass, () => [breakGlassKeys.all]);
}

/** Starts two-factor enrolment: a new secret and its QR code. */
export function useStartEnrolment() {
  return useWrite(
    () => startEnrolment(),
    () => [],
  );
}

/** Confirms enrolment with a first code; the answer holds the recovery codes (shown once). */
export function useConfirmEnrolment() {
  return useWrite(
    (body: { code: string }) => confirmEnrolment(body.code),
    () => [],
  );
}

type AccessLists = InfiniteData<Page<BreakGlassAccess>, string>;

/**
 * Marks an access reviewed with a note: off the pending list at once, then the lists are read again.
 * When someone else reviewed it meanwhile (404), the lists are read again too.
 */
export function useReviewBreakGlass(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (note: string) => reviewBreakGlass(id, note),
    onSuccess: () => {
      queryClient.setQueryData<AccessLists>(breakGlassKeys.list('pending'), (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((page) => ({
                ...page,
                items: page.items.filter((item) => item.id !== id),
              })),
            }
          : data,
      );
      void queryClient.invalidateQueries({ queryKey: breakGlassKeys.all });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 404)
        void queryClient.invalidateQueries({ queryKey: breakGlassKeys.all });
    },
  });
}

/** Ends my other sessions; the answer says how many. */
export function useSignOutOthers() {
  return useWrite(
    () => signOutOtherSessions(),
    () => [],
  );
}
