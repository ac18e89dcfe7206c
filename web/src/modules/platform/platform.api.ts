import type { Health } from '@custodia/domain/platform';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../app/api.ts';

export type { Health };

export const platformKeys = {
  health: ['platform', 'health'] as const,
};

export function fetchHealth(signal?: AbortSignal): Promise<Health> {
  return apiFetch<Health>('/api/health', { acceptStatuses: [503], ...(signal ? { signal } : {}) });
}

export function useHealth() {
  return useQuery({
    queryKey: platformKeys.health,
    queryFn: ({ signal }) => fetchHealth(signal),
    staleTime: 0,
  });
}
