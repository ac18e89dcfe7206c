import type {
  PersonPlans,
  Plan,
  PlanClinical,
  PromptList,
  SelfharmReport,
  WardList,
} from '@custodia/domain/selfharm';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { apiFetch } from '../../app/api.ts';
import { useWrite } from '../../app/useWriteForm.tsx';
import { worklistKey } from '../../app/Worklist.tsx';

export type {
  PersonPlans,
  Plan,
  PlanClinical,
  PromptList,
  SelfharmReport,
  WardList,
  WardRow,
} from '@custodia/domain/selfharm';

export const selfharmKeys = {
  all: ['selfharm'] as const,
  ward: (institutionId: string) => ['selfharm', 'ward', institutionId] as const,
  plan: (id: string) => ['selfharm', 'plan', id] as const,
  clinical: (id: string) => ['selfharm', 'clinical', id] as const,
  person: (id: string) => ['selfharm', 'person', id] as const,
  prompts: (institutionId: string) => ['selfharm', 'prompts', institutionId] as const,
  report: (institutionId: string, from: string, to: string) =>
    ['selfharm', 'report', institutionId, from, to] as const,
};

const enc = encodeURIComponent;

/**
 * The ward check list, kept live by Server-Sent Events (a check or a review on any server); if the
 * stream cannot be opened, it is read every 15 seconds instead.
 */
export function useWard(institutionId: string) {
  const queryClient = useQueryClient();
  const [live, setLive] = useState(false);
  const query = useQuery({
    queryKey: selfharmKeys.ward(institutionId),
    queryFn: ({ signal }) =>
      apiFetch<WardList>(`/api/v1/selfharm/ward?institutionId=${enc(institutionId)}`, { signal }),
    enabled: Boolean(institutionId),
    refetchInterval: live ? false : 15_000,
  });
  useEffect(() => {
    if (!institutionId || typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/v1/selfharm/ward/stream?institutionId=${enc(institutionId)}`);
    source.addEventListener('board', (event) => {
      setLive(true);
      queryClient.setQueryData(
        selfharmKeys.ward(institutionId),
        JSON.parse((event as MessageEvent).data) as WardList,
      );
    });
    source.onerror = () => setLive(false);
    return () => source.close();
  }, [institutionId, queryClient]);
  return { ...query, live };
}

export function usePlan(id: string) {
  return useQuery({
    queryKey: selfharmKeys.plan(id),
    queryFn: ({ signal }) => apiFetch<Plan>(`/api/v1/selfharm/plans/${enc(id)}`, { signal }),
  });
}

/** The clinical part: health roles only (the server refuses others). */
export function usePlanClinical(id: string, enabled: boolean) {
  return useQuery({
    queryKey: selfharmKeys.clinical(id),
    queryFn: ({ signal }) => apiFetch<PlanClinical>(`/api/v1/selfharm/plans/${enc(id)}/clinical`, { signal }),
    enabled,
  });
}

export function usePersonPlans(personId: string) {
  return useQuery({
    queryKey: selfharmKeys.person(personId),
    queryFn: ({ signal }) =>
      apiFetch<PersonPlans>(`/api/v1/persons/${enc(personId)}/selfharm-plans`, { signal }),
  });
}

export function usePrompts(institutionId: string) {
  return useQuery({
    queryKey: selfharmKeys.prompts(institutionId),
    queryFn: ({ signal }) =>
      apiFetch<PromptList>(`/api/v1/selfharm/prompts?institutionId=${enc(institutionId)}`, { signal }),
    enabled: Boolean(institutionId),
  });
}

export function useSelfharmReport(institutionId: string, from: string, to: string) {
  return useQuery({
    queryKey: selfharmKeys.report(institutionId, from, to),
    queryFn: ({ signal }) =>
      apiFetch<SelfharmReport>(
        `/api/v1/selfharm/report?${new URLSearchParams({ institutionId, from, to })}`,
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
) => `/api/v1/selfharm/report/export?${new URLSearchParams({ institutionId, from, to, format, language })}`;

// Writes (ADR 0024): each refreshes the module's queries and the worklist.
const refreshed = () => [selfharmKeys.all, worklistKey];
const post =
  <R = { id: string }>(url: string, key?: string) =>
  (body: unknown) =>
    apiFetch<R>(url, { method: 'POST', json: body, ...(key ? { headers: { 'idempotency-key': key } } : {}) });

export { newIdempotencyKey } from '../../app/idempotency.ts';

export function useRaiseConcern(personId: string) {
  return useWrite(post(`/api/v1/persons/${enc(personId)}/selfharm-concerns`), refreshed);
}

/** MHS-4: bad news the person received (a re-screening prompt follows). */
export function useRecordBadNews(personId: string) {
  return useWrite(post(`/api/v1/persons/${enc(personId)}/selfharm-bad-news`), refreshed);
}

export type PlanCommand = 'assessment' | 'reviews' | 'incidents' | 'post-closure-review' | 'actions/done';

export function usePlanCommand(planId: string, command: PlanCommand) {
  return useWrite(
    post<{ id: string; version?: number }>(`/api/v1/selfharm/plans/${enc(planId)}/${command}`),
    refreshed,
  );
}

export function usePostIncidentReview(incidentId: string) {
  return useWrite(post(`/api/v1/selfharm/incidents/${enc(incidentId)}/review`), refreshed);
}

/** A check from the ward list, with its Idempotency-Key (a double key press records once). */
export function useRecordCheck() {
  return useWrite(
    ({ planId, key, body }: { planId: string; key: string; body: unknown }) =>
      apiFetch<{ id: string }>(`/api/v1/selfharm/plans/${enc(planId)}/checks`, {
        method: 'POST',
        json: body,
        headers: { 'idempotency-key': key },
      }),
    refreshed,
  );
}

export function usePromptDone() {
  return useWrite(
    (id: string) =>
      apiFetch<{ id: string }>(`/api/v1/selfharm/prompts/${enc(id)}/done`, { method: 'POST', json: {} }),
    refreshed,
  );
}
