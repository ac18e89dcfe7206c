import type { PepReport, PersonHepB, PersonPep } from '@custodia/domain/programmes';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../app/api.ts';
import { useWrite } from '../../app/useWriteForm.tsx';
import { worklistKey } from '../../app/Worklist.tsx';

export type { PepCase, PepReport, PersonHepB, PersonPep } from '@custodia/domain/programmes';

const enc = encodeURIComponent;

/** Post-exposure prophylaxis and hepatitis B vaccination (BBV-2, PHC-11; ADR 0049). */
export const pepKeys = {
  pep: (id: string) => ['programmes', 'pep', id] as const,
  hepb: (id: string) => ['programmes', 'hepb', id] as const,
  report: (institutionId: string, from: string, to: string) =>
    ['programmes', 'pep-report', institutionId, from, to] as const,
};

export function usePersonPep(personId: string) {
  return useQuery({
    queryKey: pepKeys.pep(personId),
    queryFn: ({ signal }) => apiFetch<PersonPep>(`/api/v1/persons/${enc(personId)}/pep`, { signal }),
  });
}

export function usePersonHepB(personId: string) {
  return useQuery({
    queryKey: pepKeys.hepb(personId),
    queryFn: ({ signal }) =>
      apiFetch<PersonHepB>(`/api/v1/persons/${enc(personId)}/hepb-vaccination`, { signal }),
  });
}

const query = (institutionId: string, from: string, to: string) =>
  new URLSearchParams({ ...(institutionId ? { institutionId } : {}), from, to });

export function usePepReport(institutionId: string, from: string, to: string) {
  return useQuery({
    queryKey: pepKeys.report(institutionId, from, to),
    queryFn: ({ signal }) =>
      apiFetch<PepReport>(`/api/v1/pep/report?${query(institutionId, from, to)}`, { signal }),
    enabled: /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to),
  });
}

export const pepReportExportUrl = (
  institutionId: string,
  from: string,
  to: string,
  format: 'csv' | 'pdf',
  language: string,
) =>
  `/api/v1/pep/report/export?${new URLSearchParams({ ...Object.fromEntries(query(institutionId, from, to)), format, language })}`;

const post = <T>(path: string, json: unknown) => apiFetch<T>(path, { method: 'POST', json });

/** Every write: the person's PEP and vaccination and the worklist are read again after it. */
export function usePepWrite<Body>(personId: string, send: (body: Body) => Promise<unknown>) {
  return useWrite(send, () => [pepKeys.pep(personId), pepKeys.hepb(personId), worklistKey]);
}

export const pepWrites = {
  report: (personId: string, body: unknown) =>
    post<{ id: string }>(`/api/v1/persons/${enc(personId)}/pep`, body),
  start: (pepId: string, body: unknown) => post<{ id: string }>(`/api/v1/pep/${enc(pepId)}/start`, body),
  close: (pepId: string, body: unknown) => post<{ id: string }>(`/api/v1/pep/${enc(pepId)}/close`, body),
  followUp: (id: string, body: unknown) =>
    post<{ id: string }>(`/api/v1/pep-followups/${enc(id)}/result`, body),
  offer: (personId: string, body: unknown) =>
    post<{ id: string }>(`/api/v1/persons/${enc(personId)}/hepb-vaccination`, body),
  dose: (courseId: string, body: unknown) =>
    post<{ id: string }>(`/api/v1/hepb-courses/${enc(courseId)}/doses`, body),
};
