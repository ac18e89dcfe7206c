import type { Page } from '@custodia/domain/platform';
import type {
  absenceKinds,
  admitSchema,
  CustodyEventInput,
  CustodyEventType,
  CustodyStatus,
  cellTypes,
  legalStatuses,
  readmitSchema,
  SpaceProblem,
} from '@custodia/domain/registry';
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { z } from 'zod';
import { ApiError, apiFetch } from '../../app/api.ts';
import { useWrite } from '../../app/useWriteForm.tsx';
import { worklistKey } from '../../app/Worklist.tsx';

export type CellType = (typeof cellTypes)[number];
export type LegalStatus = (typeof legalStatuses)[number];
export type AbsenceKind = (typeof absenceKinds)[number];
export type AdmitInput = z.input<typeof admitSchema>;

export interface LocalizedName {
  az: string;
  en: string;
  ru: string;
}

export interface InstitutionSummary {
  id: string;
  code: string;
  name: LocalizedName;
}

export interface Institution extends InstitutionSummary {
  kind: string;
  populationSex: string;
  capacity: number;
  timeZone: string;
}

export interface Cell {
  id: string;
  code: string;
  cellType: string;
  certifiedCapacity: number;
  floorAreaM2: number;
  occupants: number;
  spaceProblems: SpaceProblem[];
  /** For an edit (optimistic concurrency, ADR 0009). */
  version: number;
}

export interface Unit {
  id: string;
  code: string;
  name: string;
  cells: Cell[];
  version: number;
}

export interface InstitutionDetail extends Institution {
  units: Unit[];
  version: number;
}

export interface SpaceAlert {
  cellId: string;
  cellCode: string;
  cellType: string;
  institutionId: string;
  institutionCode: string;
  certifiedCapacity: number;
  floorAreaM2: number;
  occupants: number;
  problems: SpaceProblem[];
}

/** The names of a person, in either script or both. */
export interface PersonNames {
  surnameLatin: string | null;
  givenNameLatin: string | null;
  surnameCyrillic: string | null;
  givenNameCyrillic: string | null;
  patronymicLatin?: string | null;
  patronymicCyrillic?: string | null;
}

export interface PersonListItem extends PersonNames {
  id: string;
  prisonNumber: string;
  birthDate: string;
  sex: string;
  status: CustodyStatus;
  institution: InstitutionSummary | null;
}

export interface PersonSummary extends PersonListItem {
  patronymicLatin: string | null;
  patronymicCyrillic: string | null;
  genderIdentity: string | null;
  citizenship: string;
  language: string;
  interpreterNeeded: boolean;
  nationalId: string | null;
  legalStatus: LegalStatus | null;
  admittedAt: string | null;
  statusSince: string | null;
  cell: { id: string; code: string; cellType: string } | null;
  destinationInstitution: InstitutionSummary | null;
  /** The current photo (ADM-3 identity), if one was taken. */
  photo: { id: string; contentType: string; uploadedAt: string } | null;
  version: number;
}

export interface CustodyEvent {
  id: string;
  type: CustodyEventType;
  occurredAt: string;
  recordedAt: string;
  institutionId: string | null;
  cellId: string | null;
  destinationInstitutionId: string | null;
  absenceKind: AbsenceKind | null;
  legalStatus: LegalStatus | null;
  returnedFromPoliceOrInvestigation: boolean | null;
  correctsEventId: string | null;
  enteredInError: boolean;
  note: string | null;
  data: Record<string, unknown> | null;
}

/** A person the server thinks may be the one being admitted (409 possible_duplicate). */
export interface DuplicateCandidate extends PersonNames {
  /** Null for someone outside the user's scope: only name, date of birth and prison are shown. */
  id: string | null;
  prisonNumber: string | null;
  birthDate: string;
  institution: InstitutionSummary | null;
}

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
      (await apiFetch<{ items: Institution[] }>('/api/v1/institutions', { signal })).items,
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
      (await apiFetch<{ items: SpaceAlert[] }>('/api/v1/registry/space-alerts', { signal })).items,
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
  return apiFetch<{ id: string }>('/api/v1/persons', { method: 'POST', json: input });
}

/** A new custody episode for a person already registered, after a release (ADM-3). */
export function readmitPerson(personId: string, input: z.output<typeof readmitSchema>) {
  return apiFetch<{ id: string }>(`/api/v1/persons/${encodeURIComponent(personId)}/admissions`, {
    method: 'POST',
    json: input,
  });
}

/**
 * Sends a new photo of a person: the file's bytes as they are (the server reads the type from them),
 * JPEG or PNG, at most 2 MB.
 */
export function uploadPhoto(personId: string, file: Blob) {
  return apiFetch<{ id: string }>(`/api/v1/persons/${encodeURIComponent(personId)}/photo`, {
    method: 'PUT',
    raw: file,
    headers: { 'content-type': file.type || 'application/octet-stream' },
  });
}

export function recordEvent(personId: string, input: CustodyEventInput) {
  return apiFetch<{ id: string }>(`/api/v1/persons/${encodeURIComponent(personId)}/events`, {
    method: 'POST',
    json: input,
  });
}

/** After a change to a person: their summary, history, the lists, occupancy and the worklist are stale. */
export function useRefreshAfterChange() {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: registryKeys.all }),
      queryClient.invalidateQueries({ queryKey: worklistKey }),
    ]);
  }, [queryClient]);
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
