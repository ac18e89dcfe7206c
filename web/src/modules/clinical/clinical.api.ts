import type {
  accessRequestInputSchema,
  accessRequestsSchema,
  alertReviewedSchema,
  allergyInputSchema,
  allergySeverities,
  amendmentSchema,
  Chart,
  ChartTask,
  ClinicalDocument,
  Consent,
  ConsentInput,
  conceptsSchema,
  createdSchema,
  Encounter,
  EncounterContent,
  encounterSignedSchema,
  HealthAlert,
  HealthAlertInput,
  LabResultInput,
  LabTest,
  Observation,
  ObservationReview,
  observationCheckStateSchema,
  problemInputSchema,
  ThresholdId,
  thresholdsSchema,
  VitalSign,
  VitalsInput,
  versionSchema,
  vitalsRecordedSchema,
} from '@custodia/domain/clinical';
import type { Page } from '@custodia/domain/platform';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from '../../app/api.ts';
import { useWrite } from '../../app/useWriteForm.tsx';
import { worklistKey } from '../../app/Worklist.tsx';

/** `draft` → (`completed`, a screening only) → `signed`; a signed entry never changes. */
export type EncounterStatus = 'draft' | 'completed' | 'signed';

export type {
  AccessRequest,
  Allergy,
  Chart,
  ChartAlert,
  ClinicalDocument,
  Concept,
  Consent,
  Correction,
  Encounter,
  HealthAlert,
  Observation,
  Problem,
  Threshold,
} from '@custodia/domain/clinical';
export type AllergySeverity = (typeof allergySeverities)[number];
/** A task in the chart summary. */
export type ClinicalTask = ChartTask;

/** The file types the server accepts, by their first bytes (as the server decides). */
export type DocumentFileType = 'application/pdf' | 'image/jpeg' | 'image/png';

const magic: [DocumentFileType, number[]][] = [
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]],
];

function firstBytes(file: Blob, n: number): Promise<Uint8Array> {
  const head = file.slice(0, n);
  if (typeof head.arrayBuffer === 'function') return head.arrayBuffer().then((b) => new Uint8Array(b));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(head);
  });
}

/** PDF, JPEG or PNG by the file's content, never its name; null for anything else. */
export async function documentFileType(file: Blob): Promise<DocumentFileType | null> {
  const bytes = await firstBytes(file, 8);
  return magic.find(([, m]) => bytes.length >= m.length && m.every((b, i) => bytes[i] === b))?.[0] ?? null;
}

/** Hands a file the server answered (a PDF) to the browser as a download. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the address after click() returns: give them time before it is freed.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Where a document's bytes are read (opened in a new tab; the server audits the read). */
export const documentContentUrl = (id: string) => `/api/v1/documents/${encodeURIComponent(id)}/content`;

export type ProblemInput = z.input<typeof problemInputSchema>;
export type AllergyInput = z.input<typeof allergyInputSchema>;
export type AmendmentInput = z.input<typeof amendmentSchema>;
export type { LabTest, VitalSign };

/** How many encounters the chart summary shows (the server's figure); older ones page in. */
export const CHART_ENCOUNTERS = 10;
export const ENCOUNTERS_PAGE_SIZE = 25;
export const DOCUMENTS_PAGE_SIZE = 20;
export const OBSERVATIONS_PAGE_SIZE = 25;

export const clinicalKeys = {
  all: ['clinical'] as const,
  chart: (personId: string) => ['clinical', 'chart', personId] as const,
  encounters: (personId: string) => ['clinical', 'encounters', personId] as const,
  encounter: (id: string) => ['clinical', 'encounter', id] as const,
  consents: (personId: string) => ['clinical', 'consents', personId] as const,
  alerts: (personId: string, includeEnded: boolean) =>
    ['clinical', 'health-alerts', personId, includeEnded] as const,
  terminology: (q: string, language: string) => ['clinical', 'terminology', q, language] as const,
  documents: (personId: string) => ['clinical', 'documents', personId] as const,
  observations: (personId: string, category: ObservationCategory) =>
    ['clinical', 'observations', personId, category] as const,
  accessRequests: (personId: string) => ['clinical', 'access-requests', personId] as const,
  thresholds: (institutionId: string) => ['clinical', 'thresholds', institutionId] as const,
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

export type ObservationCategory = 'vital-signs' | 'laboratory';

/** A person's vital signs or lab results, newest first, a page at a time, once asked for. */
export function useObservationPages(personId: string, category: ObservationCategory, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: clinicalKeys.observations(personId, category),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ category, limit: String(OBSERVATIONS_PAGE_SIZE) });
      if (pageParam) params.set('cursor', pageParam);
      return apiFetch<Page<Observation>>(`${person(personId)}/observations?${params}`, { signal });
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

/** Documents of the medical file, newest first, a page at a time ("load more"). */
export function useDocumentPages(personId: string) {
  return useInfiniteQuery({
    queryKey: clinicalKeys.documents(personId),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(DOCUMENTS_PAGE_SIZE) });
      if (pageParam) params.set('cursor', pageParam);
      return apiFetch<Page<ClinicalDocument>>(`${person(personId)}/documents?${params}`, { signal });
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** MED-2: the person's requests for a copy of their file (for `clinical.access_request.manage`). */
export function useAccessRequests(personId: string, enabled: boolean) {
  return useQuery({
    queryKey: clinicalKeys.accessRequests(personId),
    queryFn: async ({ signal }) =>
      (
        await apiFetch<z.infer<typeof accessRequestsSchema>>(`${person(personId)}/access-requests`, {
          signal,
        })
      ).items,
    enabled,
  });
}

/** The time limits in force for an institution, or nationally for ''. */
export function useThresholds(institutionId: string) {
  return useQuery({
    queryKey: clinicalKeys.thresholds(institutionId),
    queryFn: async ({ signal }) => {
      const query = institutionId ? `?${new URLSearchParams({ institutionId })}` : '';
      return (await apiFetch<z.infer<typeof thresholdsSchema>>(`/api/v1/rule-thresholds${query}`, { signal }))
        .items;
    },
  });
}

/** ICD-10 codes by code or words (DAT-5), as the user types; nothing is asked for an empty text. */
export function useTerminology(q: string, language: string) {
  const text = q.trim();
  return useQuery({
    queryKey: clinicalKeys.terminology(text, language),
    queryFn: async ({ signal }) => {
      const params = new URLSearchParams({ q: text, language, limit: '20' });
      return (await apiFetch<z.infer<typeof conceptsSchema>>(`/api/v1/terminology?${params}`, { signal }))
        .items;
    },
    enabled: text.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}

type Created = z.infer<typeof createdSchema>;
const post = <T>(path: string, json: unknown) => apiFetch<T>(path, { method: 'POST', json });

export const clinicalApi = {
  createEncounter: (personId: string, content: EncounterContent) =>
    post<Created>(`${person(personId)}/encounters`, content),
  updateEncounter: (id: string, content: EncounterContent & { version: number }) =>
    apiFetch<z.infer<typeof versionSchema>>(`/api/v1/encounters/${encodeURIComponent(id)}`, {
      method: 'PUT',
      json: content,
    }),
  signEncounter: (id: string, version: number) =>
    post<z.infer<typeof encounterSignedSchema>>(`/api/v1/encounters/${encodeURIComponent(id)}/sign`, {
      version,
    }),
  correctEncounter: (id: string, input: AmendmentInput) =>
    post<Created>(`/api/v1/encounters/${encodeURIComponent(id)}/corrections`, input),
  addVitals: (personId: string, input: VitalsInput) =>
    post<z.infer<typeof vitalsRecordedSchema>>(`${person(personId)}/vitals`, input),
  addLabResult: (personId: string, input: LabResultInput) =>
    post<Created>(`${person(personId)}/lab-results`, input),
  addProblem: (personId: string, input: ProblemInput) => post<Created>(`${person(personId)}/problems`, input),
  addAllergy: (personId: string, input: AllergyInput) =>
    post<Created>(`${person(personId)}/allergies`, input),
  addConsent: (personId: string, input: ConsentInput) => post<Created>(`${person(personId)}/consents`, input),
  /** Resolve a problem or allergy, or mark it (or an observation) entered in error. */
  correctEntry: (
    entry: 'problems' | 'allergies' | 'observations',
    id: string,
    input: { status: 'resolved' | 'entered_in_error'; reason: string },
  ) => post<Created>(`/api/v1/${entry}/${encodeURIComponent(id)}/corrections`, input),
  createAlert: (personId: string, input: HealthAlertInput) =>
    post<Created>(`${person(personId)}/health-alerts`, input),
  endAlert: (id: string, input: { endsAt: string; version: number }) =>
    post<z.infer<typeof versionSchema>>(`/api/v1/health-alerts/${encodeURIComponent(id)}/end`, input),
  /** MHS-3: a check of a person under observation, now. */
  recordCheck: (id: string) =>
    post<z.infer<typeof observationCheckStateSchema> | null>(
      `/api/v1/health-alerts/${encodeURIComponent(id)}/checks`,
      {},
    ),
  /** MHS-3: the multidisciplinary review, the only way an observation ends. */
  recordReview: (id: string, input: ObservationReview & { version: number }) =>
    post<z.infer<typeof alertReviewedSchema>>(
      `/api/v1/health-alerts/${encodeURIComponent(id)}/reviews`,
      input,
    ),
  /** The file's bytes as they are; the server decides the type by content (415) and the size (413). */
  uploadDocument: (
    personId: string,
    meta: { type: string; title: string; restricted: boolean },
    file: Blob,
    contentType: DocumentFileType,
  ) =>
    apiFetch<ClinicalDocument>(
      `${person(personId)}/documents?${new URLSearchParams({ ...meta, restricted: String(meta.restricted) })}`,
      { method: 'POST', raw: file, headers: { 'content-type': contentType } },
    ),
  registerAccessRequest: (personId: string, input: z.output<typeof accessRequestInputSchema>) =>
    post<Created>(`${person(personId)}/access-requests`, input),
  /** MED-2: the copy of the whole file as a PDF, in `language`; the server records the date. */
  fulfilAccessRequest: (id: string, language: string) =>
    apiFetch<Blob>(
      `/api/v1/access-requests/${encodeURIComponent(id)}/fulfil?${new URLSearchParams({ language })}`,
      { method: 'POST', responseType: 'blob' },
    ),
  setThreshold: (
    id: ThresholdId,
    input: { value: number; legalBasis: string | null; institutionId: string | null },
  ) => apiFetch<void>(`/api/v1/rule-thresholds/${encodeURIComponent(id)}`, { method: 'PUT', json: input }),
};

// Writes (ADR 0024): each refreshes the clinical record and the worklist.

const clinicalWrites = () => [clinicalKeys.all, worklistKey];

export function useAddVitals(personId: string) {
  return useWrite((input: VitalsInput) => clinicalApi.addVitals(personId, input), clinicalWrites);
}

export function useAddProblem(personId: string) {
  return useWrite((input: ProblemInput) => clinicalApi.addProblem(personId, input), clinicalWrites);
}

export function useAddAllergy(personId: string) {
  return useWrite((input: AllergyInput) => clinicalApi.addAllergy(personId, input), clinicalWrites);
}

export function useAddLabResult(personId: string) {
  return useWrite((input: LabResultInput) => clinicalApi.addLabResult(personId, input), clinicalWrites);
}

export function useAddConsent(personId: string) {
  return useWrite((input: ConsentInput) => clinicalApi.addConsent(personId, input), clinicalWrites);
}

/** Resolves a problem or allergy, or marks an entry entered in error, with the reason. */
export function useCorrectEntry(entry: 'problems' | 'allergies' | 'observations', id: string) {
  return useWrite(
    (input: { status: 'resolved' | 'entered_in_error'; reason: string }) =>
      clinicalApi.correctEntry(entry, id, input),
    clinicalWrites,
  );
}

/** Starts a draft encounter for the person. */
export function useCreateEncounter(personId: string) {
  return useWrite(
    (content: EncounterContent) => clinicalApi.createEncounter(personId, content),
    clinicalWrites,
  );
}

/** Sets a time limit for the institution (or the national value); its list is read again. */
export function useSetThreshold(id: ThresholdId, institutionId: string) {
  return useWrite(
    (input: { value: number; legalBasis: string | null; institutionId: string | null }) =>
      clinicalApi.setThreshold(id, input),
    () => [clinicalKeys.thresholds(institutionId)],
  );
}

/** A new health alert for the person. */
export function useCreateAlert(personId: string) {
  return useWrite((input: HealthAlertInput) => clinicalApi.createAlert(personId, input), clinicalWrites);
}

/** Ends a health alert at a time, at the version read. */
export function useEndAlert(id: string, version: number) {
  return useWrite(
    (input: { endsAt: string }) => clinicalApi.endAlert(id, { ...input, version }),
    clinicalWrites,
  );
}

/** MHS-3: a check of a person under observation, now (the alert's id is the variable). */
export function useRecordCheck() {
  return useWrite((id: string) => clinicalApi.recordCheck(id), clinicalWrites);
}

/** MHS-3: the multidisciplinary review of an observation, at the version read. */
export function useRecordReview(id: string, version: number) {
  return useWrite(
    (input: ObservationReview) => clinicalApi.recordReview(id, { ...input, version }),
    clinicalWrites,
  );
}

/** A document's bytes, with its type as its first bytes tell (PDF, JPEG, PNG) and what describes it. */
export interface DocumentUpload {
  meta: { type: string; title: string; restricted: boolean };
  file: Blob;
  contentType: DocumentFileType;
}

/** Adds a document to the person's medical file. */
export function useUploadDocument(personId: string) {
  return useWrite(
    ({ meta, file, contentType }: DocumentUpload) =>
      clinicalApi.uploadDocument(personId, meta, file, contentType),
    clinicalWrites,
  );
}

/** MED-2: registers a request for a copy of the person's own file. */
export function useRegisterAccessRequest(personId: string) {
  return useWrite(
    (input: z.output<typeof accessRequestInputSchema>) => clinicalApi.registerAccessRequest(personId, input),
    clinicalWrites,
  );
}

/**
 * MED-2: the copy of the whole file as a PDF, in `language` (the request's id is the variable). The
 * record is read again whether it was made or refused (fulfilled meanwhile shows its date).
 */
export function useFulfilAccessRequest(language: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => clinicalApi.fulfilAccessRequest(id, language),
    onSettled: () =>
      Promise.all(clinicalWrites().map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}

/** An amendment or an "entered in error" mark on a signed encounter. */
export function useCorrectEncounter(id: string) {
  return useWrite((input: AmendmentInput) => clinicalApi.correctEncounter(id, input), clinicalWrites);
}

/** Signs an encounter at the version read (a completed screening a doctor countersigns). */
export function useSignEncounter() {
  return useWrite(
    ({ id, version }: { id: string; version: number }) => clinicalApi.signEncounter(id, version),
    clinicalWrites,
  );
}

/**
 * The author's draft: saves it at the version read (`version` is updated to the saved one) and,
 * when `sign()` says so, signs it after saving what changed. The record is read again once done.
 */
export function useSaveDraft(
  id: string,
  draft: { version: { current: number }; dirty: { current: boolean }; sign: { current: boolean } },
) {
  return useWrite(async (content: EncounterContent) => {
    if (!draft.sign.current || draft.dirty.current) {
      const saved = await clinicalApi.updateEncounter(id, { ...content, version: draft.version.current });
      draft.version.current = saved.version;
      draft.dirty.current = false;
    }
    if (draft.sign.current) await clinicalApi.signEncounter(id, draft.version.current);
  }, clinicalWrites);
}
