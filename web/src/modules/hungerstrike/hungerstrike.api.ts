import type {
  HungerEpisode,
  HungerReport,
  HungerRow,
  hungerCreatedSchema,
} from '@custodia/domain/hungerstrike';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from '../../app/api.ts';
import { useWrite } from '../../app/useWriteForm.tsx';
import { worklistKey } from '../../app/Worklist.tsx';

export type { HungerDay, HungerEpisode, HungerReport, HungerRow } from '@custodia/domain/hungerstrike';

type Created = z.infer<typeof hungerCreatedSchema>;
type Page<T> = { items: T[]; nextCursor: string | null };

export const hungerKeys = {
  all: ['hungerstrike'] as const,
  list: (institutionId: string, state: string, cursor: string) =>
    ['hungerstrike', 'list', institutionId, state, cursor] as const,
  episode: (id: string) => ['hungerstrike', 'episode', id] as const,
  person: (id: string) => ['hungerstrike', 'person', id] as const,
  report: (institutionId: string, from: string, to: string) =>
    ['hungerstrike', 'report', institutionId, from, to] as const,
};

const enc = encodeURIComponent;

/** The strikes of an institution, open or ended, a page at a time. */
export function useHungerStrikes(institutionId: string, state: 'open' | 'ended', cursor: string) {
  return useQuery({
    queryKey: hungerKeys.list(institutionId, state, cursor),
    queryFn: ({ signal }) =>
      apiFetch<Page<HungerRow>>(
        `/api/v1/hunger-strikes?${new URLSearchParams({ institutionId, state, limit: '50', ...(cursor ? { cursor } : {}) })}`,
        { signal },
      ),
    enabled: Boolean(institutionId),
  });
}

export function useHungerStrike(id: string) {
  return useQuery({
    queryKey: hungerKeys.episode(id),
    queryFn: ({ signal }) => apiFetch<HungerEpisode>(`/api/v1/hunger-strikes/${enc(id)}`, { signal }),
  });
}

export function usePersonHungerStrikes(personId: string) {
  return useQuery({
    queryKey: hungerKeys.person(personId),
    queryFn: ({ signal }) =>
      apiFetch<{ items: HungerRow[] }>(`/api/v1/persons/${enc(personId)}/hunger-strikes`, { signal }),
  });
}

export function useHungerReport(institutionId: string, from: string, to: string) {
  return useQuery({
    queryKey: hungerKeys.report(institutionId, from, to),
    queryFn: ({ signal }) =>
      apiFetch<HungerReport>(
        `/api/v1/hunger-strikes/report?${new URLSearchParams({ institutionId, from, to })}`,
        {
          signal,
        },
      ),
    enabled: Boolean(institutionId) && /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to),
  });
}

export const reportExportUrl = (
  institutionId: string,
  from: string,
  to: string,
  format: 'csv' | 'pdf',
  language: string,
) =>
  `/api/v1/hunger-strikes/report/export?${new URLSearchParams({ institutionId, from, to, format, language })}`;

// Writes (ADR 0024): each refreshes the module's queries and the worklist.
const refreshed = () => [hungerKeys.all, worklistKey];
const post = (url: string, key?: string) => (body: unknown) =>
  apiFetch<Created>(url, {
    method: 'POST',
    json: body,
    ...(key ? { headers: { 'idempotency-key': key } } : {}),
  });

export function useOpenHungerStrike(personId: string) {
  return useWrite(post(`/api/v1/persons/${enc(personId)}/hunger-strikes`), refreshed);
}

export type HungerCommand =
  | 'days'
  | 'capacity'
  | 'baseline'
  | 'information'
  | 'advance-instructions'
  | 'reconfirmations'
  | 'notices'
  | 'independent-physician/requests'
  | 'independent-physician/visits'
  | 'interventions'
  | 'end';

/** One command on a strike; a day's record passes its Idempotency-Key (a retry records once). */
export function useHungerCommand(id: string, command: HungerCommand, key?: string) {
  return useWrite(post(`/api/v1/hunger-strikes/${enc(id)}/${command}`, key), refreshed);
}

export function useRefeedingStepDone(id: string, stepId: string) {
  return useWrite(post(`/api/v1/hunger-strikes/${enc(id)}/refeeding-steps/${enc(stepId)}/done`), refreshed);
}
