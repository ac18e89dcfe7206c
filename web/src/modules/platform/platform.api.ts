import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../app/api.ts';

/** The answer of `GET /api/health` (200 when the database answers, 503 when it does not). */
export interface Health {
  status: 'ok' | 'unavailable';
  database: string;
  version: string;
}

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
