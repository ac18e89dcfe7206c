import type { AuditEvent, auditSearchSchema } from '@custodia/domain/audit';
import type { Page } from '@custodia/domain/platform';
import type { PersonSummary as RegistryPersonSummary } from '@custodia/domain/registry';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { ApiError, apiFetch } from '../../app/api.ts';

export type { AuditEvent };

/** What the audit search asks for; empty fields are left out. `from`/`to` are ISO instants. */
export type AuditSearch = Pick<
  z.input<typeof auditSearchSchema>,
  'username' | 'personId' | 'from' | 'to' | 'outcome'
>;

export const AUDIT_PAGE_SIZE = 50;

function query(fields: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) if (value) params.set(key, value);
  return params.toString();
}

/** `GET /api/v1/audit/events`, newest first, a page at a time (each search is itself audited). */
export function useAuditEvents(search: AuditSearch) {
  return useInfiniteQuery({
    queryKey: ['audit', 'events', search],
    queryFn: ({ pageParam, signal }) =>
      apiFetch<Page<AuditEvent>>(
        `/api/v1/audit/events?${query({ ...search, limit: String(AUDIT_PAGE_SIZE), cursor: pageParam })}`,
        { signal },
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
  });
}

export const SUBJECT_ACCESS_PAGE_SIZE = 200;

/** Who looked at one person's medical file (`GET /api/v1/audit/subject-access`). */
export function useSubjectAccess(personId: string) {
  return useInfiniteQuery({
    queryKey: ['audit', 'subject-access', personId],
    queryFn: ({ pageParam, signal }) =>
      apiFetch<Page<AuditEvent>>(
        `/api/v1/audit/subject-access?${query({ personId, limit: String(SUBJECT_ACCESS_PAGE_SIZE), cursor: pageParam })}`,
        { signal },
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: personId !== '',
    staleTime: 0,
  });
}

/**
 * The same report as a CSV file, the whole history (a plain link: the browser downloads it), in the
 * language the page is shown in (issue 14 item 7: codes as words).
 */
export function subjectAccessCsvUrl(personId: string, language: string): string {
  return `/api/v1/audit/subject-access.csv?${query({ personId, language })}`;
}

/** The same report as a PDF document to hand to the person, in one of the three languages. */
export function subjectAccessPdfUrl(personId: string, lang: string): string {
  return `/api/v1/audit/subject-access.pdf?${query({ personId, lang })}`;
}

/** Who the person is, as the registry knows them (for the heading of the report). */
export type PersonSummary = Pick<
  RegistryPersonSummary,
  | 'id'
  | 'prisonNumber'
  | 'surnameLatin'
  | 'givenNameLatin'
  | 'surnameCyrillic'
  | 'givenNameCyrillic'
  | 'birthDate'
>;

/**
 * The person the report is about (`GET /api/v1/persons/:id`), or null when the registry has no such
 * person (or this user may not look them up): the report then lists what is recorded under the id.
 */
export function usePersonSummary(personId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['audit', 'person', personId],
    queryFn: async ({ signal }) => {
      try {
        return await apiFetch<PersonSummary>(`/api/v1/persons/${encodeURIComponent(personId)}`, { signal });
      } catch (error) {
        if (error instanceof ApiError && [400, 403, 404].includes(error.status)) return null;
        throw error;
      }
    },
    enabled: enabled && personId !== '',
  });
}
