import type {
  AdministrationRecordInput,
  administrationPageSchema,
  Drug,
  PersonMedication,
  PrescriptionInput,
  PrescriptionRevision,
  PrescriptionStatusChange,
  prescriptionWrittenSchema,
  Round,
  RoundName,
} from '@custodia/domain/medication';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { ApiError, apiFetch } from '../../app/api.ts';
import { useWrite } from '../../app/useWriteForm.tsx';
import { worklistKey } from '../../app/Worklist.tsx';

export const medicationKeys = {
  all: ['medication'] as const,
  person: (id: string) => ['medication', 'person', id] as const,
  administrations: (id: string) => ['medication', 'administrations', id] as const,
  round: (institutionId: string, date: string, round: string, unitId: string) =>
    ['medication', 'round', institutionId, date, round, unitId] as const,
  drugs: (q: string) => ['medication', 'drugs', q] as const,
};

const enc = encodeURIComponent;
type Written = z.infer<typeof prescriptionWrittenSchema>;

export function useRound(query: {
  institutionId: string;
  date: string;
  round: RoundName | '';
  unitId: string;
  /** Until a day and a round are chosen: the round holding this instant (from a worklist line). */
  at?: string | null;
}) {
  const params = new URLSearchParams({ institutionId: query.institutionId });
  if (query.date) params.set('date', query.date);
  if (query.round) params.set('round', query.round);
  if (query.at && !query.date && !query.round) params.set('at', query.at);
  if (query.unitId) params.set('unitId', query.unitId);
  return useQuery({
    queryKey: [
      ...medicationKeys.round(query.institutionId, query.date, query.round, query.unitId),
      query.at ?? '',
    ],
    queryFn: ({ signal }) => apiFetch<Round>(`/api/v1/medication/round?${params}`, { signal }),
    enabled: Boolean(query.institutionId),
    // The list stays on screen (and keeps the focused row) while another round or unit loads.
    placeholderData: keepPreviousData,
  });
}

export function usePersonMedication(personId: string) {
  return useQuery({
    queryKey: medicationKeys.person(personId),
    queryFn: ({ signal }) =>
      apiFetch<PersonMedication>(`/api/v1/persons/${enc(personId)}/medication`, { signal }),
  });
}

/** The person's dose records, newest first, a page at a time. */
export function useAdministrations(personId: string) {
  return useInfiniteQuery({
    queryKey: medicationKeys.administrations(personId),
    initialPageParam: '',
    queryFn: ({ signal, pageParam }) =>
      apiFetch<z.infer<typeof administrationPageSchema>>(
        `/api/v1/persons/${enc(personId)}/medication/administrations?limit=20${pageParam ? `&cursor=${enc(pageParam)}` : ''}`,
        { signal },
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useDrugs(q: string) {
  return useQuery({
    queryKey: medicationKeys.drugs(q),
    queryFn: async ({ signal }) =>
      (await apiFetch<{ items: Drug[] }>(`/api/v1/medication/drugs?limit=100&q=${enc(q)}`, { signal })).items,
    staleTime: 10 * 60_000,
  });
}

export function usePrescribe(personId: string) {
  return useWrite(
    (body: PrescriptionInput) =>
      apiFetch<Written>(`/api/v1/persons/${enc(personId)}/prescriptions`, { method: 'POST', json: body }),
    () => [medicationKeys.person(personId), medicationKeys.all, worklistKey],
  );
}

/** A revision of a prescription: a new version with a new dose or timing. */
export function useRevise(personId: string, prescriptionId: string) {
  return useWrite(
    (body: PrescriptionRevision) =>
      apiFetch<Written>(`/api/v1/medication/prescriptions/${enc(prescriptionId)}/revisions`, {
        method: 'POST',
        json: body,
      }),
    () => [medicationKeys.person(personId), medicationKeys.all, worklistKey],
  );
}

export function useChangeStatus(personId: string) {
  return useWrite(
    ({ id, ...body }: PrescriptionStatusChange & { id: string }) =>
      apiFetch<Written>(`/api/v1/medication/prescriptions/${enc(id)}/status`, { method: 'POST', json: body }),
    () => [medicationKeys.person(personId), medicationKeys.all, worklistKey],
  );
}

/** Records a dose; a key per attempt makes a retry record it once. */
export function useRecordDose() {
  return useWrite(
    ({ prescriptionId, key, ...body }: AdministrationRecordInput & { prescriptionId: string; key: string }) =>
      apiFetch<{ id: string }>(`/api/v1/medication/prescriptions/${enc(prescriptionId)}/administrations`, {
        method: 'POST',
        json: body,
        headers: { 'idempotency-key': key },
      }),
    () => [medicationKeys.all, worklistKey],
  );
}

/** The words for a refused medication write: each rule's code from the field errors, else the problem's. */
export function refusalText(t: TFunction, error: unknown, fallback: (error: unknown) => string): string {
  if (error instanceof ApiError) {
    const codes = (error.problem?.errors ?? []).map((e) => e.code);
    const known = codes.map((c) => t(`errors.${c}`, { ns: 'medication', defaultValue: '' })).filter(Boolean);
    if (known.length) return [...new Set(known)].join(' ');
  }
  return fallback(error);
}
