import type {
  clinicalTasksSchema,
  createdSchema,
  EncounterContent,
  encounterSignedSchema,
  HealthAlert,
  ScreeningEncounter,
  ScreeningForm,
  ScreeningRateShown,
  screeningCompletedSchema,
  screeningStartedSchema,
  versionSchema,
} from '@custodia/domain/clinical';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { z } from 'zod';
import { apiFetch } from '../../../app/api.ts';
import { useWrite } from '../../../app/useWriteForm.tsx';

export type { ClinicalTask, Correction, HealthAlert } from '@custodia/domain/clinical';
/** `GET /api/v1/encounters/:id`; a screening carries its form in `structured`. */
export type Encounter = ScreeningEncounter;
/** ADM-1; outside the health service a count left out is null and `suppression` says so (DAT-6). */
export type ScreeningRate = ScreeningRateShown;

export const screeningKeys = {
  all: ['clinical', 'screening'] as const,
  tasks: (institutionId: string) => ['clinical', 'screening', 'tasks', institutionId] as const,
  rate: (institutionId: string, from: string) =>
    ['clinical', 'screening', 'rate', institutionId, from] as const,
  encounter: (id: string) => ['clinical', 'screening', 'encounter', id] as const,
  alerts: (personId: string) => ['clinical', 'screening', 'alerts', personId] as const,
};

const TASK_LIMIT = 200;
const SCREENING_KINDS = new Set(['admission_screening', 'rescreening']);
export const isScreeningTask = (kind: string) => SCREENING_KINDS.has(kind);

/** Open tasks of an institution ('' = every institution of the user), soonest deadline first. */
export function useClinicalTasks(institutionId: string) {
  return useQuery({
    queryKey: screeningKeys.tasks(institutionId),
    queryFn: async ({ signal }) => {
      const params = new URLSearchParams({ limit: String(TASK_LIMIT) });
      if (institutionId) params.set('institutionId', institutionId);
      return (
        await apiFetch<z.infer<typeof clinicalTasksSchema>>(`/api/v1/clinical-tasks?${params}`, { signal })
      ).items;
    },
    refetchInterval: 60_000,
  });
}

/** The calendar date (`YYYY-MM-DD`, UTC) `days` from now. */
export function isoDate(days = 0, now = new Date()): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** ADM-1 indicator over the last 30 days: the period ends tomorrow (exclusive), so today counts. */
export function useScreeningRate(institutionId: string, enabled: boolean) {
  const from = isoDate(-30);
  return useQuery({
    queryKey: screeningKeys.rate(institutionId, from),
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ from, to: isoDate(1) });
      if (institutionId) params.set('institutionId', institutionId);
      return apiFetch<ScreeningRate>(`/api/v1/statistics/screening?${params}`, { signal });
    },
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useEncounter(id: string) {
  return useQuery({
    queryKey: screeningKeys.encounter(id),
    queryFn: ({ signal }) => apiFetch<Encounter>(`/api/v1/encounters/${encodeURIComponent(id)}`, { signal }),
    // The form is the user's own working copy: no refetch behind their back.
    refetchOnWindowFocus: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useHealthAlerts(personId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: screeningKeys.alerts(personId ?? ''),
    queryFn: async ({ signal }) =>
      (
        await apiFetch<{ items: HealthAlert[] }>(
          `/api/v1/persons/${encodeURIComponent(personId ?? '')}/health-alerts`,
          { signal },
        )
      ).items,
    enabled: enabled && Boolean(personId),
  });
}

/** Opens the screening form of a task: its draft, or a new one (ADM-1). */
export function startScreening(taskId: string) {
  return apiFetch<z.infer<typeof screeningStartedSchema>>(
    `/api/v1/clinical-tasks/${encodeURIComponent(taskId)}/screening`,
    { method: 'POST' },
  );
}

export function completeTask(taskId: string) {
  return apiFetch<void>(`/api/v1/clinical-tasks/${encodeURIComponent(taskId)}/complete`, {
    method: 'POST',
    json: { encounterId: null },
  });
}

/** Saves a draft at the version read (409 `stale_version` when it changed meanwhile). */
export function saveDraft(
  id: string,
  input: EncounterContent & { version: number; structured: ScreeningForm },
) {
  return apiFetch<z.infer<typeof versionSchema>>(`/api/v1/encounters/${encodeURIComponent(id)}`, {
    method: 'PUT',
    json: input,
  });
}

export function completeScreening(id: string, version: number) {
  return apiFetch<z.infer<typeof screeningCompletedSchema>>(
    `/api/v1/encounters/${encodeURIComponent(id)}/complete-screening`,
    { method: 'POST', json: { version } },
  );
}

export function signEncounter(id: string, version: number) {
  return apiFetch<z.infer<typeof encounterSignedSchema>>(
    `/api/v1/encounters/${encodeURIComponent(id)}/sign`,
    { method: 'POST', json: { version } },
  );
}

export function correctEncounter(
  id: string,
  input: { kind: 'amendment' | 'entered_in_error'; reason: string; text?: string | null },
) {
  return apiFetch<z.infer<typeof createdSchema>>(`/api/v1/encounters/${encodeURIComponent(id)}/corrections`, {
    method: 'POST',
    json: input,
  });
}

/** After a change: the lists, the encounter and the home worklist are read again. */
export function useRefreshScreening() {
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: screeningKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['worklist'] }),
        queryClient.invalidateQueries({ queryKey: ['clinical'] }),
      ]),
    [queryClient],
  );
}

// Writes (ADR 0024): each reads the lists, the encounter and the home worklist again.

const screeningWrites = () => [screeningKeys.all, ['worklist'], ['clinical']];

/** ADM-1: a doctor countersigns the completed screening, at the version read. */
export function useCountersign(id: string, version: number) {
  return useWrite(() => signEncounter(id, version), screeningWrites);
}

/** An amendment or "entered in error" on the signed screening. */
export function useCorrectScreening(id: string) {
  return useWrite(
    (input: { kind: 'amendment' | 'entered_in_error'; reason: string; text?: string | null }) =>
      correctEncounter(id, input),
    screeningWrites,
  );
}

/**
 * Completes the screening: `prepare` saves what changed and gives the version to complete at (null:
 * it could not be saved, stop); `done` runs once it is complete, before the lists are read again.
 */
export function useCompleteScreening(id: string, prepare: () => Promise<number | null>, done: () => void) {
  return useWrite(
    async () => {
      const version = await prepare();
      if (version === null) return false;
      await completeScreening(id, version);
      done();
      return true;
    },
    (_variables, completed) => (completed ? screeningWrites() : []),
  );
}
