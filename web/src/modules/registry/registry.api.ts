import type { Page } from '@custodia/domain/platform';
import type {
  absenceKinds,
  admitSchema,
  CustodyEvent,
  CustodyEventInput,
  cellTypes,
  DuplicateCandidate,
  InstitutionDetail,
  idResponseSchema,
  institutionsSchema,
  legalStatuses,
  PersonListItem,
  PersonSummary,
  photoStoredSchema,
  readmitSchema,
  spaceAlertsSchema,
} from '@custodia/domain/registry';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { z } from 'zod';
import { ApiError, apiFetch } from '../../app/api.ts';
import { useWrite } from '../../app/useWriteForm.tsx';
import { worklistKey } from '../../app/Worklist.tsx';

export type CellType = (typeof cellTypes)[number];
export type LegalStatus = (typeof legalStatuses)[number];
export type AbsenceKind = (typeof absenceKinds)[number];
export type AdmitInput = z.input<typeof admitSchema>;

export type {
  Cell,
  CustodyEvent,
  DuplicateCandidate,
  Institution,
  InstitutionDetail,
  InstitutionSummary,
  LocalizedName,
  PersonListItem,
  PersonNames,
  PersonSummary,
  SpaceAlert,
  Unit,
} from '@custodia/domain/registry';

export const registryKeys = {
  all: ['registry'] as const,
  institutions: ['registry', 'institutions'] as const,
  institution: (id: string) => ['registry', 'institution', id] as const,
  spaceAlerts: ['registry', 'space-alerts'] as const,
  persons: (q: string) => ['registry', 'persons', q] as const,
  person: (id: string) => ['registry', 'person', id] as const,
  events: (id: string) => ['registry', 'person', id, 'events'] as const,
};

export const PERSONS_PAGE_SIZE = 50;
export const EVENTS_PAGE_SIZE = 200;

export function useInstitutions() {
  return useQuery({
    queryKey: registryKeys.institutions,
    queryFn: async ({ signal }) =>
      (await apiFetch<z.infer<typeof institutionsSchema>>('/api/v1/institutions', { signal })).items,
    staleTime: 10 * 60_000,
  });
}

/**
 * The time zone of an institution by its id (date-time fields and the history use the zone of the
 * institution concerned), or undefined while the list is loading or for an unknown id.
 */
export function useTimeZoneOf() {
  const institutions = useInstitutions();
  return useCallback(
    (id: string | null | undefined) =>
      id ? institutions.data?.find((i) => i.id === id)?.timeZone : undefined,
    [institutions.data],
  );
}

export function useInstitution(id: string | null | undefined) {
  return useQuery({
    queryKey: registryKeys.institution(id ?? ''),
    queryFn: ({ signal }) =>
      apiFetch<InstitutionDetail>(`/api/v1/institutions/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: Boolean(id),
  });
}

export function useSpaceAlerts() {
  return useQuery({
    queryKey: registryKeys.spaceAlerts,
    queryFn: async ({ signal }) =>
      (await apiFetch<z.infer<typeof spaceAlertsSchema>>('/api/v1/registry/space-alerts', { signal })).items,
  });
}

/** `GET /api/v1/persons?q=`: a page at a time, found by prison number or any name, in any script. */
export function usePersons(q: string) {
  return useInfiniteQuery({
    queryKey: registryKeys.persons(q),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(PERSONS_PAGE_SIZE) });
      if (q) params.set('q', q);
      if (pageParam) params.set('cursor', pageParam);
      return apiFetch<Page<PersonListItem>>(`/api/v1/persons?${params}`, { signal });
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function usePerson(id: string, enabled = true) {
  return useQuery({
    queryKey: registryKeys.person(id),
    queryFn: ({ signal }) => apiFetch<PersonSummary>(`/api/v1/persons/${encodeURIComponent(id)}`, { signal }),
    enabled,
  });
}

/** A person's custody history, oldest first, a page of 200 events at a time. */
export function usePersonEvents(id: string) {
  return useInfiniteQuery({
    queryKey: registryKeys.events(id),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(EVENTS_PAGE_SIZE) });
      if (pageParam) params.set('cursor', pageParam);
      return apiFetch<Page<CustodyEvent>>(`/api/v1/persons/${encodeURIComponent(id)}/events?${params}`, {
        signal,
      });
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function admitPerson(input: z.output<typeof admitSchema>) {
  return apiFetch<z.infer<typeof idResponseSchema>>('/api/v1/persons', { method: 'POST', json: input });
}

/** A new custody episode for a person already registered, after a release (ADM-3). */
export function readmitPerson(personId: string, input: z.output<typeof readmitSchema>) {
  return apiFetch<z.infer<typeof idResponseSchema>>(
    `/api/v1/persons/${encodeURIComponent(personId)}/admissions`,
    {
      method: 'POST',
      json: input,
    },
  );
}

/**
 * Sends a new photo of a person: the file's bytes as they are (the server reads the type from them),
 * JPEG or PNG, at most 2 MB.
 */
export function uploadPhoto(personId: string, file: Blob) {
  return apiFetch<z.infer<typeof photoStoredSchema>>(
    `/api/v1/persons/${encodeURIComponent(personId)}/photo`,
    {
      method: 'PUT',
      raw: file,
      headers: { 'content-type': file.type || 'application/octet-stream' },
    },
  );
}

export function recordEvent(personId: string, input: CustodyEventInput) {
  return apiFetch<z.infer<typeof idResponseSchema>>(
    `/api/v1/persons/${encodeURIComponent(personId)}/events`,
    {
      method: 'POST',
      json: input,
    },
  );
}

/** The candidates a 409 possible_duplicate carries, or null for any other error. */
export function duplicateCandidates(error: unknown): DuplicateCandidate[] | null {
  if (!(error instanceof ApiError) || error.code !== 'possible_duplicate') return null;
  const candidates = (error.problem as { candidates?: unknown } | undefined)?.candidates;
  return Array.isArray(candidates) ? (candidates as DuplicateCandidate[]) : [];
}

/** The first field error code of a problem (`event_before_birth`…), if it has one. */
export function problemFieldCode(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  return error.problem?.errors?.[0]?.code ?? null;
}

// Writes (ADR 0024): each refreshes the registry and the worklist.

const registryWrites = () => [registryKeys.all, worklistKey];

type AdmitBody = z.output<typeof admitSchema>;
type ReadmitBody = z.output<typeof readmitSchema>;

/** Admits a new person; with `personId`, admits again a person already registered (ADM-3). */
export function useAdmit(personId: string | undefined) {
  return useWrite(
    (input: AdmitBody | ReadmitBody) =>
      personId ? readmitPerson(personId, input as ReadmitBody) : admitPerson(input as AdmitBody),
    registryWrites,
  );
}

/** Records one custody event of the person (placement, transfer, absence, release…). */
export function useRecordCustodyEvent(personId: string) {
  return useWrite((input: CustodyEventInput) => recordEvent(personId, input), registryWrites);
}

/** Adds or replaces the person's photo (ADM-3 identity). */
export function useUploadPhoto(personId: string) {
  return useWrite((file: Blob) => uploadPhoto(personId, file), registryWrites);
}

/** Records or clears (null) the planned release date of the person's current custody (ADR 0050). */
export function setPlannedRelease(personId: string, plannedReleaseDate: string | null) {
  return apiFetch<void>(`/api/v1/persons/${encodeURIComponent(personId)}/planned-release`, {
    method: 'PUT',
    json: { plannedReleaseDate },
  });
}

export function useSetPlannedRelease(personId: string) {
  return useWrite((date: string | null) => setPlannedRelease(personId, date), registryWrites);
}
