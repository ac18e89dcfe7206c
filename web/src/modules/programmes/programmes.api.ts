import type {
  CohortReport,
  ContactInvestigation,
  personProgrammesSchema,
  RegimenTemplate,
  taskPageSchema,
  tbRegisterPageSchema,
} from '@custodia/domain/programmes';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from '../../app/api.ts';
import { useWrite } from '../../app/useWriteForm.tsx';
import { worklistKey } from '../../app/Worklist.tsx';

export type { CohortReport, ContactInvestigation, ProgrammeEpisode } from '@custodia/domain/programmes';
export type PersonProgrammes = z.infer<typeof personProgrammesSchema>;
export type RegisterPage = z.infer<typeof tbRegisterPageSchema>;
export type TaskPage = z.infer<typeof taskPageSchema>;

const enc = encodeURIComponent;

export const programmeKeys = {
  all: ['programmes'] as const,
  person: (id: string) => ['programmes', 'person', id] as const,
  register: (institutionId: string, status: string, cursor: string) =>
    ['programmes', 'register', institutionId, status, cursor] as const,
  contacts: (id: string) => ['programmes', 'contacts', id] as const,
  report: (institutionId: string, quarter: string) =>
    ['programmes', 'report', institutionId, quarter] as const,
  regimens: ['programmes', 'regimens'] as const,
};

export function usePersonProgrammes(personId: string) {
  return useQuery({
    queryKey: programmeKeys.person(personId),
    queryFn: ({ signal }) =>
      apiFetch<PersonProgrammes>(`/api/v1/persons/${enc(personId)}/programmes`, { signal }),
  });
}

export function useRegimens() {
  return useQuery({
    queryKey: programmeKeys.regimens,
    queryFn: ({ signal }) => apiFetch<{ items: RegimenTemplate[] }>('/api/v1/tb/regimens', { signal }),
  });
}

export function useTbRegister(institutionId: string, status: string, cursor: string) {
  return useQuery({
    queryKey: programmeKeys.register(institutionId, status, cursor),
    queryFn: ({ signal }) =>
      apiFetch<RegisterPage>(
        `/api/v1/tb/register?${new URLSearchParams({ institutionId, limit: '50', ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) })}`,
        { signal },
      ),
    enabled: Boolean(institutionId),
  });
}

/** TB-5: a contact investigation, its contacts a page at a time (a long stay can have hundreds). */
export function useContactInvestigation(id: string) {
  return useInfiniteQuery({
    queryKey: programmeKeys.contacts(id),
    initialPageParam: '',
    queryFn: ({ signal, pageParam }) =>
      apiFetch<ContactInvestigation>(
        `/api/v1/tb/contact-investigations/${enc(id)}${pageParam ? `?cursor=${enc(pageParam)}` : ''}`,
        { signal },
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCohortReport(institutionId: string, quarter: string) {
  return useQuery({
    queryKey: programmeKeys.report(institutionId, quarter),
    queryFn: ({ signal }) =>
      apiFetch<CohortReport>(
        `/api/v1/tb/report?${new URLSearchParams({ ...(institutionId ? { institutionId } : {}), quarter })}`,
        { signal },
      ),
    enabled: /^\d{4}-Q[1-4]$/.test(quarter),
  });
}

export function reportExportUrl(
  institutionId: string,
  quarter: string,
  format: 'csv' | 'pdf',
  language: string,
) {
  return `/api/v1/tb/report/export?${new URLSearchParams({ ...(institutionId ? { institutionId } : {}), quarter, format, language })}`;
}

const post = <T>(path: string, json: unknown) => apiFetch<T>(path, { method: 'POST', json });

/** Every write of the tab: the person's programmes and the worklist are read again after it. */
export function usePersonWrite<Body>(personId: string, send: (body: Body) => Promise<unknown>) {
  return useWrite(send, () => [programmeKeys.person(personId), worklistKey, programmeKeys.all]);
}

export const programmeWrites = {
  screen: (personId: string, body: unknown) =>
    post<{ id: string; episodeId: string | null }>(`/api/v1/persons/${enc(personId)}/tb-screens`, body),
  open: (personId: string, body: unknown) =>
    post<{ id: string }>(`/api/v1/persons/${enc(personId)}/programme-episodes`, body),
  orderTest: (episodeId: string, body: unknown) =>
    post<{ id: string }>(`/api/v1/programme-episodes/${enc(episodeId)}/tests`, body),
  resultTest: (testId: string, body: unknown) =>
    post<{ id: string }>(`/api/v1/programme-tests/${enc(testId)}/result`, body),
  register: (episodeId: string, body: unknown) =>
    post<{ id: string; registerNumber: string; contactInvestigationId: string | null }>(
      `/api/v1/programme-episodes/${enc(episodeId)}/registration`,
      body,
    ),
  isolationReview: (episodeId: string, body: unknown) =>
    post<{ id: string }>(`/api/v1/programme-episodes/${enc(episodeId)}/isolation-review`, body),
  isolationEnd: (episodeId: string, body: unknown) =>
    post<{ id: string }>(`/api/v1/programme-episodes/${enc(episodeId)}/isolation-end`, body),
  treatment: (episodeId: string, body: unknown) =>
    post<{ id: string }>(`/api/v1/programme-episodes/${enc(episodeId)}/treatment`, body),
  outcome: (episodeId: string, body: unknown) =>
    post<{ id: string }>(`/api/v1/programme-episodes/${enc(episodeId)}/outcome`, body),
  exclude: (episodeId: string, body: unknown) =>
    post<{ id: string }>(`/api/v1/programme-episodes/${enc(episodeId)}/exclusion`, body),
  screenContact: (contactId: string, body: unknown) =>
    post<{ id: string }>(`/api/v1/tb/contacts/${enc(contactId)}/screening`, body),
};
