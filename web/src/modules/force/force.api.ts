import type {
  ForceExaminations,
  ForceIncident,
  ForceIncidentList,
  ForceRegister,
  forceCreatedSchema,
} from '@custodia/domain/force';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from '../../app/api.ts';
import { useWrite } from '../../app/useWriteForm.tsx';
import { worklistKey } from '../../app/Worklist.tsx';

export type {
  ForceExaminations,
  ForceIncident,
  ForceIncidentList,
  ForceRegister,
} from '@custodia/domain/force';

type Created = z.infer<typeof forceCreatedSchema>;
const enc = encodeURIComponent;

export const forceKeys = {
  all: ['force'] as const,
  incident: (id: string) => ['force', 'incident', id] as const,
  examinations: (id: string) => ['force', 'examinations', id] as const,
  list: (filter: string) => ['force', 'list', filter] as const,
  register: (institutionId: string, month: string) => ['force', 'register', institutionId, month] as const,
  staff: (institutionId: string) => ['force', 'staff', institutionId] as const,
  episodes: (personId: string) => ['force', 'episodes', personId] as const,
};

export function useIncident(id: string) {
  return useQuery({
    queryKey: forceKeys.incident(id),
    queryFn: ({ signal }) => apiFetch<ForceIncident>(`/api/v1/force/incidents/${enc(id)}`, { signal }),
  });
}

/** RST-11, MED-1: the examinations' clinical content, health-care roles only. */
export function useExaminations(id: string, enabled: boolean) {
  return useQuery({
    queryKey: forceKeys.examinations(id),
    queryFn: ({ signal }) =>
      apiFetch<ForceExaminations>(`/api/v1/force/incidents/${enc(id)}/examinations`, { signal }),
    enabled,
  });
}

/** Uses of force of an institution or a person, newest first (one page). */
export function useIncidents(filter: { institutionId?: string; personId?: string }) {
  const params = new URLSearchParams(
    Object.entries(filter).filter((e): e is [string, string] => Boolean(e[1])),
  );
  return useQuery({
    queryKey: forceKeys.list(params.toString()),
    queryFn: ({ signal }) =>
      apiFetch<ForceIncidentList>(`/api/v1/force/incidents?${params}&limit=50`, { signal }),
    enabled: Boolean(filter.institutionId || filter.personId),
  });
}

export function useRegister(institutionId: string, month: string) {
  return useQuery({
    queryKey: forceKeys.register(institutionId, month),
    queryFn: ({ signal }) =>
      apiFetch<ForceRegister>(
        `/api/v1/force/register?institutionId=${enc(institutionId)}&month=${enc(month)}`,
        {
          signal,
        },
      ),
    enabled: Boolean(institutionId) && /^\d{4}-\d{2}$/.test(month),
  });
}

export const registerExportUrl = (
  institutionId: string,
  month: string,
  format: 'csv' | 'pdf',
  language: string,
) => `/api/v1/force/register/export?${new URLSearchParams({ institutionId, month, format, language })}`;

interface StaffMember {
  id: string;
  fullName: string;
  position: string;
}

/** The staff of an institution, to name the staff involved. */
export function useStaff(institutionId: string) {
  return useQuery({
    queryKey: forceKeys.staff(institutionId),
    queryFn: ({ signal }) =>
      apiFetch<{ items: StaffMember[] }>(`/api/v1/staff?institutionId=${enc(institutionId)}&limit=200`, {
        signal,
      }),
    enabled: Boolean(institutionId),
  });
}

/** RST-11: the person's restraint episodes, to link the one this force was (never recorded twice). */
export function useRestraintEpisodes(personId: string, enabled: boolean) {
  return useQuery({
    queryKey: forceKeys.episodes(personId),
    queryFn: ({ signal }) =>
      apiFetch<{ items: { id: string; startedAt: string; types: string[] }[] }>(
        `/api/v1/persons/${enc(personId)}/restraint-episodes`,
        { signal },
      ),
    enabled: Boolean(personId) && enabled,
  });
}

export { newIdempotencyKey } from '../../app/idempotency.ts';

// Writes (ADR 0024): each refreshes the module's queries and the worklist.
const refreshed = () => [forceKeys.all, worklistKey];
const post = (url: string, key: string) => (body: unknown) =>
  apiFetch<Created>(url, { method: 'POST', json: body, headers: { 'idempotency-key': key } });

export function useReport(key: string) {
  return useWrite(post('/api/v1/force/incidents', key), refreshed);
}

export type IncidentCommand = 'accounts' | 'amendments' | 'reviews' | 'examinations';

export function useIncidentCommand(id: string, command: IncidentCommand, key: string) {
  return useWrite(post(`/api/v1/force/incidents/${enc(id)}/${command}`, key), refreshed);
}
