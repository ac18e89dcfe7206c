import type {
  DeathClinical,
  DeathEvent,
  DeathEventList,
  DeathsRegister,
  deathsCreatedSchema,
} from '@custodia/domain/deaths';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from '../../app/api.ts';
import { useWrite } from '../../app/useWriteForm.tsx';
import { worklistKey } from '../../app/Worklist.tsx';

export type { DeathClinical, DeathEvent, DeathEventList, DeathsRegister } from '@custodia/domain/deaths';

type Created = z.infer<typeof deathsCreatedSchema>;

export const deathsKeys = {
  all: ['deaths'] as const,
  event: (id: string) => ['deaths', 'event', id] as const,
  clinical: (id: string) => ['deaths', 'clinical', id] as const,
  open: (institutionId: string) => ['deaths', 'open', institutionId] as const,
  person: (id: string) => ['deaths', 'person', id] as const,
  staff: (institutionId: string) => ['deaths', 'staff', institutionId] as const,
  register: (q: string) => ['deaths', 'register', q] as const,
};

const enc = encodeURIComponent;

export function useDeathEvent(id: string) {
  return useQuery({
    queryKey: deathsKeys.event(id),
    queryFn: ({ signal }) => apiFetch<DeathEvent>(`/api/v1/deaths/events/${enc(id)}`, { signal }),
  });
}

/** DAT-7: the clinical part, health roles only (an audited read). */
export function useDeathClinical(id: string, enabled: boolean) {
  return useQuery({
    queryKey: deathsKeys.clinical(id),
    queryFn: ({ signal }) => apiFetch<DeathClinical>(`/api/v1/deaths/events/${enc(id)}/clinical`, { signal }),
    enabled,
  });
}

export function useOpenEvents(institutionId: string) {
  const q = institutionId ? `?institutionId=${enc(institutionId)}` : '';
  return useQuery({
    queryKey: deathsKeys.open(institutionId),
    queryFn: ({ signal }) => apiFetch<DeathEventList>(`/api/v1/deaths/events${q}`, { signal }),
  });
}

export function usePersonEvents(personId: string) {
  return useQuery({
    queryKey: deathsKeys.person(personId),
    queryFn: ({ signal }) =>
      apiFetch<DeathEventList>(`/api/v1/persons/${enc(personId)}/deaths-events`, { signal }),
  });
}

export interface StaffItem {
  id: string;
  name: string;
  position: string;
}
export function useDeathsStaff(institutionId: string | undefined) {
  return useQuery({
    queryKey: deathsKeys.staff(institutionId ?? ''),
    queryFn: ({ signal }) =>
      apiFetch<{ items: StaffItem[] }>(`/api/v1/deaths/staff?institutionId=${enc(institutionId ?? '')}`, {
        signal,
      }),
    enabled: Boolean(institutionId),
  });
}

export function registerQuery(institutionId: string, year: string, month: string) {
  return new URLSearchParams({ institutionId, year, ...(month ? { month } : {}) }).toString();
}

export function useRegister(institutionId: string, year: string, month: string) {
  const q = registerQuery(institutionId, year, month);
  return useQuery({
    queryKey: deathsKeys.register(q),
    queryFn: ({ signal }) => apiFetch<DeathsRegister>(`/api/v1/deaths/register?${q}`, { signal }),
    enabled: Boolean(institutionId && /^\d{4}$/.test(year)),
  });
}

// Writes (ADR 0024): each refreshes the module's queries and the worklist.
const refreshed = () => [deathsKeys.all, worklistKey];
const post = (url: string, key?: string) => (body: unknown) =>
  apiFetch<Created>(url, {
    method: 'POST',
    json: body,
    ...(key ? { headers: { 'idempotency-key': key } } : {}),
  });

export { newIdempotencyKey } from '../../app/idempotency.ts';

export function useRecordEvent(personId: string, key: string) {
  return useWrite(post(`/api/v1/persons/${enc(personId)}/deaths-events`, key), refreshed);
}

export type EventCommand =
  | 'amendments'
  | 'steps'
  | 'investigation'
  | 'body'
  | 'close'
  | 'clinical'
  | 'reviews';
export function useEventCommand(eventId: string, command: EventCommand, key?: string) {
  return useWrite(post(`/api/v1/deaths/events/${enc(eventId)}/${command}`, key), refreshed);
}

export type ReviewCommand = 'reviewers' | 'conclusion' | 'actions';
export function useReviewCommand(reviewId: string, command: ReviewCommand) {
  return useWrite(post(`/api/v1/deaths/reviews/${enc(reviewId)}/${command}`), refreshed);
}

export function useActionDone(actionId: string) {
  return useWrite(post(`/api/v1/deaths/actions/${enc(actionId)}/done`), refreshed);
}
