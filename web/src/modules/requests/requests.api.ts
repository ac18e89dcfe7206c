import type {
  Complaint,
  ComplaintList,
  ExaminationView,
  HealthRequest,
  HealthRequestList,
  RequestsRegister,
} from '@custodia/domain/requests';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../app/api.ts';
import { useWrite } from '../../app/useWriteForm.tsx';
import { worklistKey } from '../../app/Worklist.tsx';

export type { Complaint, ComplaintRow, HealthRequest, HealthRequestRow } from '@custodia/domain/requests';

export const requestsKeys = {
  all: ['requests'] as const,
  health: (institutionId: string, state: string) => ['requests', 'health', institutionId, state] as const,
  request: (id: string) => ['requests', 'request', id] as const,
  complaints: (institutionId: string, open: boolean) =>
    ['requests', 'complaints', institutionId, open] as const,
  complaint: (id: string) => ['requests', 'complaint', id] as const,
  examination: (id: string) => ['requests', 'examination', id] as const,
  register: (institutionId: string, month: string) => ['requests', 'register', institutionId, month] as const,
};

const enc = encodeURIComponent;

/** MED-5: requests to health care of an institution, waiting by deadline or all (health staff). */
export function useHealthRequests(institutionId: string, state: 'waiting' | 'all') {
  return useQuery({
    queryKey: requestsKeys.health(institutionId, state),
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ state });
      if (institutionId) params.set('institutionId', institutionId);
      return apiFetch<HealthRequestList>(`/api/v1/health-requests?${params}`, { signal });
    },
  });
}

export function useHealthRequest(id: string) {
  return useQuery({
    queryKey: requestsKeys.request(id),
    queryFn: ({ signal }) => apiFetch<HealthRequest>(`/api/v1/health-requests/${enc(id)}`, { signal }),
  });
}

/** RES-7: the complaints the reader may read. */
export function useComplaints(institutionId: string, open: boolean) {
  return useQuery({
    queryKey: requestsKeys.complaints(institutionId, open),
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ open: String(open) });
      if (institutionId) params.set('institutionId', institutionId);
      return apiFetch<ComplaintList>(`/api/v1/complaints?${params}`, { signal });
    },
  });
}

export function useComplaint(id: string) {
  return useQuery({
    queryKey: requestsKeys.complaint(id),
    queryFn: ({ signal }) => apiFetch<Complaint>(`/api/v1/complaints/${enc(id)}`, { signal }),
  });
}

export function useExamination(complaintId: string) {
  return useQuery({
    queryKey: requestsKeys.examination(complaintId),
    queryFn: ({ signal }) =>
      apiFetch<ExaminationView>(`/api/v1/allegation-examinations/${enc(complaintId)}`, { signal }),
  });
}

export function useRequestsRegister(institutionId: string, month: string) {
  return useQuery({
    queryKey: requestsKeys.register(institutionId, month),
    queryFn: ({ signal }) =>
      apiFetch<RequestsRegister>(
        `/api/v1/requests/register?${new URLSearchParams({ institutionId, month })}`,
        { signal },
      ),
    enabled: Boolean(institutionId && /^\d{4}-\d{2}$/.test(month)),
  });
}

// Writes (ADR 0024): each refreshes the module's queries and the worklist.
const refreshed = () => [requestsKeys.all, worklistKey];
const post = (url: string, key?: string) => (body: unknown) =>
  apiFetch<{ id: string }>(url, {
    method: 'POST',
    json: body,
    ...(key ? { headers: { 'idempotency-key': key } } : {}),
  });

export { newIdempotencyKey } from '../../app/idempotency.ts';

export const useEnterFromBox = (personId: string, key: string) =>
  useWrite(post(`/api/v1/persons/${enc(personId)}/health-requests`, key), refreshed);
export const useKioskSubmit = (personId: string, key: string) =>
  useWrite(post(`/api/v1/persons/${enc(personId)}/kiosk-requests`, key), refreshed);
export const useTriage = (id: string, key: string) =>
  useWrite(post(`/api/v1/health-requests/${enc(id)}/triage`, key), refreshed);
export const useRegisterComplaint = (personId: string, key: string) =>
  useWrite(post(`/api/v1/persons/${enc(personId)}/complaints`, key), refreshed);
export const useComplaintAction = (id: string, key: string) =>
  useWrite(post(`/api/v1/complaints/${enc(id)}/actions`, key), refreshed);
