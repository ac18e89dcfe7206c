import type { User } from '@custodia/domain/identity';
import type { Page } from '@custodia/domain/platform';
import type { idResponseSchema, StaffInput, StaffMember } from '@custodia/domain/registry';
import type { trainingRecordedSchema } from '@custodia/domain/restraint';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from '../../app/api.ts';
import { useWrite } from '../../app/useWriteForm.tsx';

export type { StaffMember } from '@custodia/domain/registry';

/** RST-8: records a staff member's restraint training (null: no valid training). */
export function recordRestraintTraining(id: string, trainedUntil: string | null, version: number) {
  return apiFetch<z.infer<typeof trainingRecordedSchema>>(
    `/api/v1/staff/${encodeURIComponent(id)}/restraint-training`,
    {
      method: 'PUT',
      json: { trainedUntil, version },
    },
  );
}

export const STAFF_PAGE_SIZE = 50;

export const staffKeys = {
  all: ['registry', 'staff'] as const,
  list: (institutionId: string) => ['registry', 'staff', institutionId] as const,
  users: ['registry', 'staff', 'user-accounts'] as const,
};

/** `GET /api/v1/staff`: the directory, by name, a page at a time; '' for every institution in scope. */
export function useStaff(institutionId: string) {
  return useInfiniteQuery({
    queryKey: staffKeys.list(institutionId),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(STAFF_PAGE_SIZE) });
      if (institutionId) params.set('institutionId', institutionId);
      if (pageParam) params.set('cursor', pageParam);
      return apiFetch<Page<StaffMember>>(`/api/v1/staff?${params}`, { signal });
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** User accounts to link a staff member to (only for those who may read accounts). */
export function useUserAccounts(enabled: boolean) {
  return useQuery({
    queryKey: staffKeys.users,
    queryFn: async ({ signal }) => (await apiFetch<Page<User>>('/api/v1/users?limit=200', { signal })).items,
    enabled,
    staleTime: 60_000,
  });
}

export function createStaffMember(input: StaffInput) {
  return apiFetch<z.infer<typeof idResponseSchema>>('/api/v1/staff', { method: 'POST', json: input });
}

// Writes (ADR 0024): each refreshes the staff directory.

export function useCreateStaffMember() {
  return useWrite(createStaffMember, () => [staffKeys.all]);
}

export function useRecordRestraintTraining() {
  return useWrite(
    (v: { id: string; trainedUntil: string | null; version: number }) =>
      recordRestraintTraining(v.id, v.trainedUntil, v.version),
    () => [staffKeys.all],
  );
}
