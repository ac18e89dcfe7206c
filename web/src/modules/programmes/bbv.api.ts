import type { BbvCascade, BbvPerson } from '@custodia/domain/programmes';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../app/api.ts';
import { useWrite } from '../../app/useWriteForm.tsx';
import { worklistKey } from '../../app/Worklist.tsx';

export type { BbvCascade, BbvPerson } from '@custodia/domain/programmes';

const enc = encodeURIComponent;

export const bbvKeys = {
  person: (id: string) => ['programmes', 'bbv', id] as const,
  cascade: (institutionId: string, from: string, to: string) =>
    ['programmes', 'bbv-cascade', institutionId, from, to] as const,
};

/** A person's HIV, hepatitis and syphilis offers, tests and episodes (results: the treating team only). */
export function usePersonBbv(personId: string) {
  return useQuery({
    queryKey: bbvKeys.person(personId),
    queryFn: ({ signal }) => apiFetch<BbvPerson>(`/api/v1/persons/${enc(personId)}/bbv`, { signal }),
  });
}

export function useCascade(institutionId: string, from: string, to: string) {
  return useQuery({
    queryKey: bbvKeys.cascade(institutionId, from, to),
    queryFn: ({ signal }) =>
      apiFetch<BbvCascade>(
        `/api/v1/bbv/cascade?${new URLSearchParams({ ...(institutionId ? { institutionId } : {}), from, to })}`,
        { signal },
      ),
    enabled: /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to),
  });
}

export function cascadeExportUrl(
  institutionId: string,
  from: string,
  to: string,
  format: 'csv' | 'pdf',
  language: string,
) {
  return `/api/v1/bbv/cascade/export?${new URLSearchParams({ ...(institutionId ? { institutionId } : {}), from, to, format, language })}`;
}

const post = <T>(path: string, json?: unknown) => apiFetch<T>(path, { method: 'POST', json });

/** Every write of the section: the person's BBV view and the worklist are read again after it. */
export function useBbvWrite<Body>(personId: string, send: (body: Body) => Promise<unknown>) {
  return useWrite(send, () => [bbvKeys.person(personId), worklistKey]);
}

export const bbvWrites = {
  offer: (personId: string, body: unknown) =>
    post<{ id: string }>(`/api/v1/persons/${enc(personId)}/bbv-offers`, body),
  order: (personId: string, body: unknown) =>
    post<{ id: string }>(`/api/v1/persons/${enc(personId)}/bbv-tests`, body),
  result: (testId: string, body: unknown) =>
    post<{ id: string }>(`/api/v1/bbv-tests/${enc(testId)}/result`, body),
  counsel: (testId: string, body: unknown) =>
    post<{ id: string }>(`/api/v1/bbv-tests/${enc(testId)}/counselling`, body),
  review: (testId: string) => post<{ id: string }>(`/api/v1/bbv-tests/${enc(testId)}/review`),
  treatment: (episodeId: string, body: unknown) =>
    post<{ id: string }>(`/api/v1/bbv-episodes/${enc(episodeId)}/treatment`, body),
  outcome: (episodeId: string, body: unknown) =>
    post<{ id: string }>(`/api/v1/bbv-episodes/${enc(episodeId)}/outcome`, body),
};
