import type {
  CourseList,
  CourseView,
  InstrumentDefinition,
  InstrumentList,
  MentalHealthReport,
  ReferralList,
  ReferralView,
  ResponseCreated,
  ScoreSeries,
  TransferList,
} from '@custodia/domain/mentalhealth';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../app/api.ts';
import { useWrite } from '../../app/useWriteForm.tsx';
import { worklistKey } from '../../app/Worklist.tsx';

export { newIdempotencyKey } from '../../app/idempotency.ts';

export const mhKeys = {
  all: ['mentalhealth'] as const,
  referrals: (institutionId: string, state: string) =>
    ['mentalhealth', 'referrals', institutionId, state] as const,
  referral: (id: string) => ['mentalhealth', 'referral', id] as const,
  transfers: (institutionId: string) => ['mentalhealth', 'transfers', institutionId] as const,
  instruments: ['mentalhealth', 'instruments'] as const,
  instrument: (code: string) => ['mentalhealth', 'instrument', code] as const,
  scores: (personId: string) => ['mentalhealth', 'scores', personId] as const,
  courses: (institutionId: string) => ['mentalhealth', 'courses', institutionId] as const,
  course: (id: string) => ['mentalhealth', 'course', id] as const,
  report: (institutionId: string, month: string) => ['mentalhealth', 'report', institutionId, month] as const,
};

const enc = encodeURIComponent;
const withInstitution = (institutionId: string, extra: Record<string, string> = {}) => {
  const params = new URLSearchParams(extra);
  if (institutionId) params.set('institutionId', institutionId);
  return params.toString();
};

/** MHS-1: the referral inbox of an institution (waiting by due time, or all). */
export function useReferrals(institutionId: string, state: 'waiting' | 'all') {
  return useQuery({
    queryKey: mhKeys.referrals(institutionId, state),
    queryFn: ({ signal }) =>
      apiFetch<ReferralList>(`/api/v1/mentalhealth/referrals?${withInstitution(institutionId, { state })}`, {
        signal,
      }),
  });
}

export function useReferral(id: string) {
  return useQuery({
    queryKey: mhKeys.referral(id),
    queryFn: ({ signal }) => apiFetch<ReferralView>(`/api/v1/mentalhealth/referrals/${enc(id)}`, { signal }),
  });
}

/** MHS-5: transfers waiting. */
export function useTransfers(institutionId: string) {
  return useQuery({
    queryKey: mhKeys.transfers(institutionId),
    queryFn: ({ signal }) =>
      apiFetch<TransferList>(`/api/v1/mentalhealth/transfers?${withInstitution(institutionId)}`, { signal }),
  });
}

export function useInstruments() {
  return useQuery({
    queryKey: mhKeys.instruments,
    queryFn: ({ signal }) => apiFetch<InstrumentList>('/api/v1/mentalhealth/instruments', { signal }),
  });
}

export function useInstrument(code: string) {
  return useQuery({
    queryKey: mhKeys.instrument(code),
    queryFn: ({ signal }) =>
      apiFetch<InstrumentDefinition>(`/api/v1/mentalhealth/instruments/${enc(code)}`, { signal }),
    enabled: Boolean(code),
  });
}

export function useScores(personId: string) {
  return useQuery({
    queryKey: mhKeys.scores(personId),
    queryFn: ({ signal }) =>
      apiFetch<ScoreSeries>(`/api/v1/persons/${enc(personId)}/mentalhealth/scores`, { signal }),
  });
}

export function useCourses(institutionId: string) {
  return useQuery({
    queryKey: mhKeys.courses(institutionId),
    queryFn: ({ signal }) =>
      apiFetch<CourseList>(`/api/v1/mentalhealth/courses?${withInstitution(institutionId)}`, { signal }),
  });
}

export function useCourse(id: string) {
  return useQuery({
    queryKey: mhKeys.course(id),
    queryFn: ({ signal }) => apiFetch<CourseView>(`/api/v1/mentalhealth/courses/${enc(id)}`, { signal }),
  });
}

export function useReport(institutionId: string, month: string) {
  return useQuery({
    queryKey: mhKeys.report(institutionId, month),
    queryFn: ({ signal }) =>
      apiFetch<MentalHealthReport>(
        `/api/v1/mentalhealth/report?${new URLSearchParams({ institutionId, month })}`,
        {
          signal,
        },
      ),
    enabled: Boolean(institutionId && /^\d{4}-\d{2}$/.test(month)),
  });
}

// Writes (ADR 0024): each refreshes the module's queries and the worklist.
const refreshed = () => [mhKeys.all, worklistKey];
const post =
  <R = { id: string }>(url: string, key?: string) =>
  (body: unknown) =>
    apiFetch<R>(url, { method: 'POST', json: body, ...(key ? { headers: { 'idempotency-key': key } } : {}) });

export const useRaiseReferral = (key: string) =>
  useWrite(post('/api/v1/mentalhealth/referrals', key), refreshed);
export const useAcceptTask = (taskId: string) =>
  useWrite(post(`/api/v1/mentalhealth/screening-tasks/${enc(taskId)}/accept`), refreshed);
export const useAssess = (id: string, key: string) =>
  useWrite(post(`/api/v1/mentalhealth/referrals/${enc(id)}/assessment`, key), refreshed);
export const useUpdateTransfer = (id: string) =>
  useWrite(post(`/api/v1/mentalhealth/transfers/${enc(id)}`), refreshed);
export const useRecordResponse = (personId: string, key: string) =>
  useWrite(post<ResponseCreated>(`/api/v1/persons/${enc(personId)}/mentalhealth/responses`, key), refreshed);
export const useCreateCourse = () => useWrite(post('/api/v1/mentalhealth/courses'), refreshed);
export const useEnrol = (courseId: string) =>
  useWrite(post(`/api/v1/mentalhealth/courses/${enc(courseId)}/enrolments`), refreshed);
export const useRecordSession = (courseId: string, key: string) =>
  useWrite(post(`/api/v1/mentalhealth/courses/${enc(courseId)}/sessions`, key), refreshed);
