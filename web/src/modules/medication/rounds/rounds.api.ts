import type {
  DoseRecord,
  NotBrought,
  NotBroughtInput,
  RoundName,
  RoundReport,
} from '@custodia/domain/medication';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { ApiError, apiFetch } from '../../../app/api.ts';
import { useWrite } from '../../../app/useWriteForm.tsx';
import { worklistKey } from '../../../app/Worklist.tsx';
import { medicationKeys } from '../medication.api.ts';
import type { QueueApi } from '../offlineQueue.ts';

const enc = encodeURIComponent;

/** ADR 0046: who the officers marked not brought to a round (regime), for the nurse's round. */
export function useNotBrought(institutionId: string, date: string | undefined, round: RoundName | undefined) {
  return useQuery({
    queryKey: [...medicationKeys.all, 'not-brought', institutionId, date ?? '', round ?? ''],
    queryFn: async ({ signal }) =>
      (
        await apiFetch<{ items: NotBrought[] }>(
          `/api/v1/medication/round/not-brought?institutionId=${enc(institutionId)}&date=${enc(date ?? '')}&round=${enc(round ?? '')}`,
          { signal },
        )
      ).items,
    enabled: Boolean(institutionId && date && round),
  });
}

/** MDX-3: the officer's mark (the one medication write a custodial officer may make). */
export function useMarkNotBrought() {
  return useWrite(
    (body: NotBroughtInput) =>
      apiFetch<NotBrought>('/api/v1/medication/attendance/not-brought', { method: 'POST', json: body }),
    () => [worklistKey, medicationKeys.all],
  );
}

/** The offline queue's calls: a dose sent with its own key and real time; a dose's other record. */
export const queueApi: QueueApi = {
  send: (dose) =>
    apiFetch<{ id: string }>(`/api/v1/medication/prescriptions/${enc(dose.prescriptionId)}/administrations`, {
      method: 'POST',
      json: dose.body,
      headers: { 'idempotency-key': dose.key },
    }),
  otherRecord: (dose) =>
    apiFetch<DoseRecord>(
      `/api/v1/medication/prescriptions/${enc(dose.prescriptionId)}/administrations/record?dueAt=${enc(dose.body.dueAt)}`,
    ),
};

export function roundReportPath(query: { institutionId: string; from: string; to: string }) {
  return `/api/v1/medication/reports/rounds?institutionId=${enc(query.institutionId)}&from=${enc(query.from)}&to=${enc(query.to)}`;
}

export function useRoundReport(query: { institutionId: string; from: string; to: string }) {
  return useQuery({
    queryKey: [...medicationKeys.all, 'report', query.institutionId, query.from, query.to],
    queryFn: ({ signal }) => apiFetch<RoundReport>(roundReportPath(query), { signal }),
    enabled: Boolean(query.institutionId && query.from && query.to && query.from <= query.to),
  });
}

/** The words for a refused write of these pages: each rule's code (this namespace, then medication's). */
export function roundsRefusal(t: TFunction, error: unknown, fallback: (error: unknown) => string): string {
  if (error instanceof ApiError) {
    const codes = (error.problem?.errors ?? []).map((e) => e.code);
    const known = codes
      .map((c) =>
        t(`rounds:errors.${c}`, { defaultValue: t(`medication:errors.${c}`, { defaultValue: '' }) }),
      )
      .filter(Boolean);
    if (known.length) return [...new Set(known)].join(' ');
  }
  return fallback(error);
}
