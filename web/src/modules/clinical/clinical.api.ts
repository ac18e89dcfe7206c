import type {
  allergyInputSchema,
  allergySeverities,
  amendmentSchema,
  ConsentInput,
  EncounterContent,
  EncounterType,
  HealthAlertDetail,
  HealthAlertInput,
  LabResultInput,
  LabTest,
  problemInputSchema,
  VitalSign,
  VitalsInput,
} from '@custodia/domain/clinical';
import type { Page } from '@custodia/domain/platform';
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { z } from 'zod';
import { apiFetch } from '../../app/api.ts';
import { worklistKey } from '../../app/Worklist.tsx';

/** `draft` → (`completed`, a screening only) → `signed`; a signed entry never changes. */
export type EncounterStatus = 'draft' | 'completed' | 'signed';

export interface Correction {
  id: string;
  kind: 'amendment' | 'entered_in_error' | 'resolved';
  reason: string;
  text: string | null;
  authorId: string;
  createdAt: string;
  contentHash: string;
}

/** An encounter as the server shows it to this viewer (`hidden`: restricted, content withheld). */
export interface Encounter {
  id: string;
  personId: string;
  institutionId: string | null;
  type: EncounterType;
  status: EncounterStatus;
  startedAt: string;
  authorId: string;
  restricted: boolean;
  hidden: boolean;
  content: EncounterContent | null;
  structured: unknown;
  taskId: string | null;
  contentHash: string | null;
  signedAt: string | null;
  signedBy: string | null;
  enteredInError: boolean;
  corrections: Correction[];
  version: number;
  updatedAt: string;
}

export interface Observation {
  id: string;
  category: 'vital-signs' | 'laboratory';
  test: string;
  codeSystem: string;
  code: string;
  valueNumber: number | null;
  valueCode: string | null;
  unit: string | null;
  note: string | null;
  effectiveAt: string;
  restricted: boolean;
  authorId: string;
  encounterId: string | null;
}

export interface Problem {
  id: string;
  codeSystem: string;
  code: string;
  display: string;
  onsetDate: string | null;
  note: string | null;
  restricted: boolean;
  recordedAt: string;
  authorId: string;
}

export type AllergySeverity = (typeof allergySeverities)[number];

export interface Allergy {
  id: string;
  substance: string;
  category: string;
  type: string;
  reaction: string | null;
  severity: AllergySeverity;
  recordedAt: string;
}

export interface ClinicalTask {
  id: string;
  kind: string;
  sourceRef: string | null;
  dueAt: string;
  triggeredAt: string;
  encounterId: string | null;
}

/** The alerts in the chart summary: coded, no author note, no diagnosis (MED-3). */
export interface ChartAlert {
  id: string;
  kind: string;
  detail: HealthAlertDetail | null;
  startsAt: string;
  endsAt: string | null;
}

/** `GET /api/v1/persons/:id/chart`: the medical record's summary on one screen. */
export interface Chart {
  person: { id: string; sex: string; birthDate: string; status: string; institutionId: string | null };
  problems: Problem[];
  allergies: Allergy[];
  vitals: Observation[];
  labs: Observation[];
  encounters: Encounter[];
  tasks: ClinicalTask[];
  alerts: ChartAlert[];
}

/** `GET /api/v1/persons/:id/health-alerts`: what custodial staff see. */
export interface HealthAlert {
  id: string;
  personId: string;
  detail: HealthAlertDetail;
  startsAt: string;
  endsAt: string | null;
  active: boolean;
  version: number;
}

export interface Concept {
  system: string;
  code: string;
  display: string;
  language: string;
  /** From the demonstration list the demo seed adds, not an imported ICD-10. */
  demo: boolean;
}

export interface Consent {
  id: string;
  topic: string;
  decision: 'consented' | 'refused';
  informationGiven: string;
  signature: 'signed' | 'declined_to_sign';
  witness: string | null;
  recordedAt: string;
  authorId: string;
  encounterId: string | null;
}

export type ProblemInput = z.input<typeof problemInputSchema>;
export type AllergyInput = z.input<typeof allergyInputSchema>;
export type AmendmentInput = z.input<typeof amendmentSchema>;
export type { LabTest, VitalSign };

/** How many encounters the chart summary shows (the server's figure); older ones page in. */
export const CHART_ENCOUNTERS = 10;
export const ENCOUNTERS_PAGE_SIZE = 25;

export const clinicalKeys = {
  all: ['clinical'] as const,
  chart: (personId: string) => ['clinical', 'chart', personId] as const,
  encounters: (personId: string) => ['clinical', 'encounters', personId] as const,
  encounter: (id: string) => ['clinical', 'encounter', id] as const,
  consents: (personId: string) => ['clinical', 'consents', personId] as const,
  alerts: (personId: string, includeEnded: boolean) =>
    ['clinical', 'health-alerts', personId, includeEnded] as const,
  terminology: (q: string, language: string) => ['clinical', 'terminology', q, language] as const,
};

const person = (id: string) => `/api/v1/persons/${encodeURIComponent(id)}`;

export function useChart(personId: string) {
  return useQuery({
    queryKey: clinicalKeys.chart(personId),
    queryFn: ({ signal }) => apiFetch<Chart>(`${person(personId)}/chart`, { signal }),
  });
}

/** Older encounters, newest first, fetched only once asked for ("load more"). */
export function useEncounterPages(personId: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: clinicalKeys.encounters(personId),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(ENCOUNTERS_PAGE_SIZE) });
      if (pageParam) params.set('cursor', pageParam);
      return apiFetch<Page<Encounter>>(`${person(personId)}/encounters?${params}`, { signal });
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function useEncounter(id: string) {
  return useQuery({
    queryKey: clinicalKeys.encounter(id),
    queryFn: ({ signal }) => apiFetch<Encounter>(`/api/v1/encounters/${encodeURIComponent(id)}`, { signal }),
  });
}

export function useConsents(personId: string) {
  return useQuery({
    queryKey: clinicalKeys.consents(personId),
    queryFn: ({ signal }) => apiFetch<Page<Consent>>(`${person(personId)}/consents?limit=10`, { signal }),
  });
}

export function useHealthAlerts(personId: string, includeEnded = false) {
  return useQuery({
    queryKey: clinicalKeys.alerts(personId, includeEnded),
    queryFn: async ({ signal }) =>
      (
        await apiFetch<{ items: HealthAlert[] }>(
          `${person(personId)}/health-alerts?includeEnded=${includeEnded ? 'true' : 'false'}`,
          { signal },
        )
      ).items,
  });
}

/** ICD-10 codes by code or words (DAT-5), as the user types; nothing is asked for an empty text. */
export function useTerminology(q: string, language: string) {
  const text = q.trim();
  return useQuery({
    queryKey: clinicalKeys.terminology(text, language),
    queryFn: async ({ signal }) => {
      const params = new URLSearchParams({ q: text, language, limit: '20' });
      return (await apiFetch<{ items: Concept[] }>(`/api/v1/terminology?${params}`, { signal })).items;
    },
    enabled: text.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}

const post = <T>(path: string, json: unknown) => apiFetch<T>(path, { method: 'POST', json });

export const clinicalApi = {
  createEncounter: (personId: string, content: EncounterContent) =>
    post<{ id: string }>(`${person(personId)}/encounters`, content),
  updateEncounter: (id: string, content: EncounterContent & { version: number }) =>
    apiFetch<{ version: number }>(`/api/v1/encounters/${encodeURIComponent(id)}`, {
      method: 'PUT',
      json: content,
    }),
  signEncounter: (id: string, version: number) =>
    post<{ contentHash: string; signedAt: string; version: number }>(
      `/api/v1/encounters/${encodeURIComponent(id)}/sign`,
      { version },
    ),
  correctEncounter: (id: string, input: AmendmentInput) =>
    post<{ id: string }>(`/api/v1/encounters/${encodeURIComponent(id)}/corrections`, input),
  addVitals: (personId: string, input: VitalsInput) =>
    post<{ ids: string[] }>(`${person(personId)}/vitals`, input),
  addLabResult: (personId: string, input: LabResultInput) =>
    post<{ id: string }>(`${person(personId)}/lab-results`, input),
  addProblem: (personId: string, input: ProblemInput) =>
    post<{ id: string }>(`${person(personId)}/problems`, input),
  addAllergy: (personId: string, input: AllergyInput) =>
    post<{ id: string }>(`${person(personId)}/allergies`, input),
  addConsent: (personId: string, input: ConsentInput) =>
    post<{ id: string }>(`${person(personId)}/consents`, input),
  /** Resolve a problem or allergy, or mark it (or an observation) entered in error. */
  correctEntry: (
    entry: 'problems' | 'allergies' | 'observations',
    id: string,
    input: { status: 'resolved' | 'entered_in_error'; reason: string },
  ) => post<{ id: string }>(`/api/v1/${entry}/${encodeURIComponent(id)}/corrections`, input),
  createAlert: (personId: string, input: HealthAlertInput) =>
    post<{ id: string }>(`${person(personId)}/health-alerts`, input),
  endAlert: (id: string, input: { endsAt: string; version: number }) =>
    post<{ version: number }>(`/api/v1/health-alerts/${encodeURIComponent(id)}/end`, input),
};

/** After a change to the medical record: the chart, lists, alerts and the worklist are stale. */
export function useRefreshClinical() {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: clinicalKeys.all }),
      queryClient.invalidateQueries({ queryKey: worklistKey }),
    ]);
  }, [queryClient]);
}
