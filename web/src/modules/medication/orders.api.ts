import type {
  MedicationSettings,
  MedicationSettingsView,
  OrdersOverview,
  Reconciliation,
  ReconciliationInput,
  VerbalOrderDecision,
  VerbalOrderInput,
} from '@custodia/domain/medication';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../app/api.ts';
import { useWrite } from '../../app/useWriteForm.tsx';
import { worklistKey } from '../../app/Worklist.tsx';
import { medicationKeys } from './medication.api.ts';

/** Verbal orders, renewals, reconciliation, release and the institution's settings (ADR 0045). */
export const ordersKeys = {
  overview: ['medication', 'orders'] as const,
  reconciliation: (id: string) => ['medication', 'reconciliation', id] as const,
  settings: (institutionId: string) => ['medication', 'settings', institutionId] as const,
};
const enc = encodeURIComponent;
type Ok = { ok: true };

export function useOrders() {
  return useQuery({
    queryKey: ordersKeys.overview,
    queryFn: ({ signal }) => apiFetch<OrdersOverview>('/api/v1/medication/orders', { signal }),
  });
}

export function useVerbalOrder(personId: string) {
  return useWrite(
    (body: VerbalOrderInput) =>
      apiFetch<{ id: string; version: number }>(`/api/v1/persons/${enc(personId)}/verbal-orders`, {
        method: 'POST',
        json: body,
      }),
    () => [medicationKeys.person(personId), medicationKeys.all, worklistKey],
  );
}

export function useDecideVerbalOrder() {
  return useWrite(
    ({ id, ...body }: VerbalOrderDecision & { id: string }) =>
      apiFetch<Ok>(`/api/v1/medication/verbal-orders/${enc(id)}/decision`, { method: 'POST', json: body }),
    () => [medicationKeys.all, worklistKey],
  );
}

export function useRenew() {
  return useWrite(
    ({ id, version }: { id: string; version: number }) =>
      apiFetch<{ id: string; version: number }>(`/api/v1/medication/prescriptions/${enc(id)}/renewal`, {
        method: 'POST',
        json: { version },
      }),
    () => [medicationKeys.all, worklistKey],
  );
}

export function useReconciliation(id: string) {
  return useQuery({
    queryKey: ordersKeys.reconciliation(id),
    queryFn: ({ signal }) =>
      apiFetch<Reconciliation>(`/api/v1/medication/reconciliations/${enc(id)}`, { signal }),
  });
}

export function useReconcile(id: string) {
  return useWrite(
    (body: ReconciliationInput) =>
      apiFetch<Ok>(`/api/v1/medication/reconciliations/${enc(id)}/decisions`, { method: 'POST', json: body }),
    () => [medicationKeys.all, worklistKey],
  );
}

export const releaseLetterUrl = (personId: string, language: string) =>
  `/api/v1/persons/${enc(personId)}/medication/release-letter?language=${enc(language)}`;

export function useMedicationSettings(institutionId: string) {
  return useQuery({
    queryKey: ordersKeys.settings(institutionId),
    queryFn: ({ signal }) =>
      apiFetch<MedicationSettingsView>(`/api/v1/medication/settings?institutionId=${enc(institutionId)}`, {
        signal,
      }),
    enabled: Boolean(institutionId),
  });
}

export function useSaveSettings(institutionId: string) {
  return useWrite(
    (body: MedicationSettings) =>
      apiFetch<Ok>(`/api/v1/medication/settings?institutionId=${enc(institutionId)}`, {
        method: 'PUT',
        json: body,
      }),
    () => [ordersKeys.settings(institutionId), medicationKeys.all],
  );
}
