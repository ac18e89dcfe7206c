import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../app/api.ts';
import { useWrite } from '../../app/useWriteForm.tsx';
import { worklistKey } from '../../app/Worklist.tsx';

const enc = encodeURIComponent;

export interface Lesion {
  id?: string;
  view: 'front' | 'back';
  region: string;
  x: number | null;
  y: number | null;
  type: string;
  lengthCm: number | null;
  widthCm: number | null;
  colour: string | null;
  shape: string | null;
  estimatedAge: string;
  description: string | null;
  fromScreening?: boolean;
}

export interface InjuryReport {
  id: string;
  recipientKind: string;
  recipientName: string;
  language: string;
  sentAt: string;
  channel: string;
  reference: string;
  personObjected: boolean;
  objection: string | null;
  personInformedAt: string | null;
  reprisalRisk: boolean;
  reprisalReviewDueDay: string | null;
  reprisalReviewState: 'due' | 'overdue' | null;
  events: { id: string; kind: string; at: string; text: string; riskContinues: boolean | null }[];
}

export interface InjuryRecord {
  id: string;
  personId: string;
  institutionId: string;
  context: string;
  sourceId: string | null;
  examinedAt: string;
  personsPresent: string;
  interpreter: string | null;
  outOfHearingAndSight: boolean;
  presenceReason: string | null;
  account: {
    text: string;
    allegation: boolean;
    who?: string | null;
    when?: string | null;
    where?: string | null;
    how?: string | null;
  };
  noInjuriesSeen: boolean;
  lesions: Lesion[];
  conclusion: string;
  suggestsIllTreatment: boolean;
  cause: string;
  testsAndTreatment: string | null;
  clinician: { id: string; name: string; trained: boolean };
  signedAt: string;
  contentHash: string;
  report: { required: boolean; dueAt: string | null; state: string };
  secondReview: {
    required: boolean;
    dueDay: string | null;
    state: string | null;
    review: { agrees: boolean; note: string; by: string; at: string } | null;
  };
  amendments: { id: string; reason: string; text: string; by: string; at: string }[];
  photoConsent: { consent: string; note: string | null; at: string } | null;
  photos: { id: string; sha256: string; takenAt: string; contentType: string; size: number }[];
  reports: InjuryReport[];
  copies: { id: string; requestedBy: string; requesterName: string | null; handedAt: string }[];
  recipients?: { kind: string; name: string; language: string }[];
}

export const injuriesKeys = {
  all: ['injuries'] as const,
  person: (id: string) => ['injuries', 'person', id] as const,
  record: (id: string) => ['injuries', 'record', id] as const,
  recipients: (id: string) => ['injuries', 'recipients', id] as const,
  register: (id: string, month: string) => ['injuries', 'register', id, month] as const,
  sent: (id: string) => ['injuries', 'sent', id] as const,
};

export function usePersonInjuries(personId: string) {
  return useQuery({
    queryKey: injuriesKeys.person(personId),
    queryFn: ({ signal }) =>
      apiFetch<{
        items: InjuryRecord[];
        screeningsToDocument: { encounterId: string; completedAt: string; lesions: number }[];
      }>(`/api/v1/persons/${enc(personId)}/injuries`, { signal }),
  });
}

export function useInjuryRecord(id: string) {
  return useQuery({
    queryKey: injuriesKeys.record(id),
    queryFn: ({ signal }) => apiFetch<InjuryRecord>(`/api/v1/injuries/records/${enc(id)}`, { signal }),
  });
}

export interface Recipient {
  id: string;
  kind: string;
  name: string;
  address: string;
  language: string;
  version: number;
}

export function useRecipients(institutionId: string) {
  return useQuery({
    queryKey: injuriesKeys.recipients(institutionId),
    queryFn: ({ signal }) =>
      apiFetch<{ items: Recipient[] }>(`/api/v1/injuries/recipients?institutionId=${enc(institutionId)}`, {
        signal,
      }),
    enabled: Boolean(institutionId),
  });
}

export interface RegisterSummary {
  suppressed: boolean;
  records: number | '<5';
  injured: number | '<5';
  admissions: number;
  preAdmission: number | '<5';
  inPrison: number | '<5';
  preAdmissionPer100: number | null;
  inPrisonPer100: number | null;
  withChartAndPhotosPct: number | null;
  consistentAlleged: number | '<5';
  reportedInTimePct: number | null;
  byCause: { cause: string; count: number | '<5' }[];
}

export function useRegister(institutionId: string, month: string) {
  return useQuery({
    queryKey: injuriesKeys.register(institutionId, month),
    queryFn: ({ signal }) =>
      apiFetch<RegisterSummary>(
        `/api/v1/injuries/register?institutionId=${enc(institutionId)}&month=${enc(month)}`,
        { signal },
      ),
    enabled: Boolean(institutionId && month),
  });
}

export function useReportsSent(institutionId: string, enabled: boolean) {
  return useQuery({
    queryKey: injuriesKeys.sent(institutionId),
    queryFn: ({ signal }) =>
      apiFetch<{
        items: {
          id: string;
          sentAt: string;
          recipientKind: string;
          recipientName: string;
          reference: string;
        }[];
      }>(`/api/v1/injuries/reports-sent?institutionId=${enc(institutionId)}`, { signal }),
    enabled: Boolean(institutionId) && enabled,
  });
}

const refreshed = () => [injuriesKeys.all, worklistKey];
const send =
  (url: string, method: 'POST' | 'PUT' = 'POST', key?: string) =>
  (body: unknown) =>
    apiFetch<{ id: string }>(url, {
      method,
      json: body,
      ...(key ? { headers: { 'idempotency-key': key } } : {}),
    });

export function useCreateRecord(personId: string, key: string) {
  return useWrite(send(`/api/v1/persons/${enc(personId)}/injuries`, 'POST', key), refreshed);
}

export type RecordCommand = 'amendments' | 'second-review' | 'photo-consent' | 'reports' | 'copies';
export function useRecordCommand(id: string, command: RecordCommand) {
  return useWrite(send(`/api/v1/injuries/records/${enc(id)}/${command}`), refreshed);
}

export type ReportCommand = 'replies' | 'reprisal-reviews' | 'withdrawal';
export function useReportCommand(id: string, command: ReportCommand) {
  return useWrite(send(`/api/v1/injuries/reports/${enc(id)}/${command}`), refreshed);
}

export function useSetRecipient() {
  return useWrite(send('/api/v1/injuries/recipients', 'PUT'), refreshed);
}

/** INJ-2: a photograph's bytes, with the scale-in-frame confirmation. */
export function useUploadPhoto(id: string) {
  return useWrite(
    async ({ file, scaleInFrame }: { file: File; scaleInFrame: boolean }) =>
      apiFetch<{ id: string; sha256: string }>(
        `/api/v1/injuries/records/${enc(id)}/photos?scaleInFrame=${scaleInFrame}`,
        { method: 'POST', raw: file, headers: { 'content-type': file.type || 'application/octet-stream' } },
      ),
    refreshed,
  );
}

export const photoUrl = (recordId: string, photoId: string) =>
  `/api/v1/injuries/records/${enc(recordId)}/photos/${enc(photoId)}`;
