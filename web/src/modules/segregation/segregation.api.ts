import type {
  HealthVisits,
  PersonPlacements,
  Placement,
  SegregationRegister,
  segregationCreatedSchema,
  WingList,
} from '@custodia/domain/segregation';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from '../../app/api.ts';
import { useWrite } from '../../app/useWriteForm.tsx';
import { worklistKey } from '../../app/Worklist.tsx';

export type { HealthVisits, Placement, TimelineEntry, WingList, WingRow } from '@custodia/domain/segregation';

type Created = z.infer<typeof segregationCreatedSchema>;

export const segregationKeys = {
  all: ['segregation'] as const,
  wing: (institutionId: string) => ['segregation', 'wing', institutionId] as const,
  placement: (id: string) => ['segregation', 'placement', id] as const,
  healthVisits: (id: string) => ['segregation', 'health-visits', id] as const,
  person: (id: string) => ['segregation', 'person', id] as const,
  register: (institutionId: string, month: string) =>
    ['segregation', 'register', institutionId, month] as const,
};

const enc = encodeURIComponent;

/** The wing list of an institution: every separated person now (SEG-1 … SEG-10). */
export function useWingList(institutionId: string) {
  return useQuery({
    queryKey: segregationKeys.wing(institutionId),
    queryFn: ({ signal }) =>
      apiFetch<WingList>(`/api/v1/segregation/wing?institutionId=${enc(institutionId)}`, { signal }),
    enabled: Boolean(institutionId),
  });
}

/** The register of an institution for a month, with daily compliance (issue 18 item 7). */
export function useSegregationRegister(institutionId: string, month: string) {
  return useQuery({
    queryKey: segregationKeys.register(institutionId, month),
    queryFn: ({ signal }) =>
      apiFetch<SegregationRegister>(
        `/api/v1/segregation/register?${new URLSearchParams({ institutionId, from: month })}`,
        { signal },
      ),
    enabled: Boolean(institutionId) && /^\d{4}-\d{2}$/.test(month),
  });
}

/** The register as CSV or PDF, in the language shown; `summary` leaves out the named lines. */
export function registerExportUrl(
  institutionId: string,
  month: string,
  format: 'csv' | 'pdf',
  language: string,
  part: 'full' | 'summary' = 'full',
) {
  return `/api/v1/segregation/register/export?${new URLSearchParams({ institutionId, from: month, format, language, part })}`;
}

export function usePlacement(id: string) {
  return useQuery({
    queryKey: segregationKeys.placement(id),
    queryFn: ({ signal }) => apiFetch<Placement>(`/api/v1/segregation/placements/${enc(id)}`, { signal }),
  });
}

/** A person's placements, newest first. */
export function usePersonPlacements(personId: string) {
  return useQuery({
    queryKey: segregationKeys.person(personId),
    queryFn: ({ signal }) =>
      apiFetch<PersonPlacements>(`/api/v1/persons/${enc(personId)}/segregation-placements`, { signal }),
  });
}

/** The health visits with their content: health-care roles only (MED-1). */
export function useHealthVisits(id: string, enabled: boolean) {
  return useQuery({
    queryKey: segregationKeys.healthVisits(id),
    queryFn: ({ signal }) =>
      apiFetch<HealthVisits>(`/api/v1/segregation/placements/${enc(id)}/health-visits`, { signal }),
    enabled,
  });
}

// Writes (ADR 0024): each refreshes the module's queries and the worklist.
const refreshed = () => [segregationKeys.all, worklistKey];
const post = (url: string, key?: string) => (body: unknown) =>
  apiFetch<Created>(url, {
    method: 'POST',
    json: body,
    ...(key ? { headers: { 'idempotency-key': key } } : {}),
  });

export { newIdempotencyKey } from '../../app/idempotency.ts';

export function useStartPlacement(personId: string) {
  return useWrite(post(`/api/v1/persons/${enc(personId)}/segregation-placements`), refreshed);
}

export type PlacementCommand = 'days' | 'health-visits' | 'management-visits' | 'decisions' | 'end';

/**
 * One command on a placement: a day, a health or management visit, a decision, the end. A recording
 * form passes its Idempotency-Key, so pressing Save twice on a flaky network records once.
 */
export function usePlacementCommand(placementId: string, command: PlacementCommand, key?: string) {
  return useWrite(post(`/api/v1/segregation/placements/${enc(placementId)}/${command}`, key), refreshed);
}
