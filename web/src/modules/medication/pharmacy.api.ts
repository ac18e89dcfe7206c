import type {
  ControlledBook,
  ControlledCountInput,
  controlledCountWrittenSchema,
  StockDispenseInput,
  StockIssueInput,
  StockOverview,
  StockReceiptInput,
  StockReturnInput,
  StockTaskResolveInput,
  StockWriteOffInput,
  stockMovementPageSchema,
} from '@custodia/domain/medication';
import { newId } from '@custodia/domain/platform';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from '../../app/api.ts';
import { useWrite } from '../../app/useWriteForm.tsx';
import { worklistKey } from '../../app/Worklist.tsx';
import { medicationKeys } from './medication.api.ts';

/** The pharmacy's API (issue 15 item 3; ADR 0040). */
export const pharmacyKeys = {
  all: ['medication', 'pharmacy'] as const,
  stock: (institutionId: string) => ['medication', 'pharmacy', 'stock', institutionId] as const,
  movements: (institutionId: string) => ['medication', 'pharmacy', 'movements', institutionId] as const,
  controlled: (institutionId: string) => ['medication', 'pharmacy', 'controlled', institutionId] as const,
};

const enc = encodeURIComponent;
type Written = { id: string; balanceAfter?: number };

export function useStock(institutionId: string) {
  return useQuery({
    queryKey: pharmacyKeys.stock(institutionId),
    queryFn: ({ signal }) =>
      apiFetch<StockOverview>(`/api/v1/medication/stock?institutionId=${enc(institutionId)}`, { signal }),
    enabled: Boolean(institutionId),
  });
}

/** The ledger, newest first, a page at a time. */
export function useMovements(institutionId: string) {
  return useInfiniteQuery({
    queryKey: pharmacyKeys.movements(institutionId),
    initialPageParam: '',
    queryFn: ({ signal, pageParam }) =>
      apiFetch<z.infer<typeof stockMovementPageSchema>>(
        `/api/v1/medication/stock/movements?institutionId=${enc(institutionId)}&limit=20${pageParam ? `&cursor=${enc(pageParam)}` : ''}`,
        { signal },
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: Boolean(institutionId),
  });
}

export function useControlledBook(institutionId: string) {
  return useQuery({
    queryKey: pharmacyKeys.controlled(institutionId),
    queryFn: ({ signal }) =>
      apiFetch<ControlledBook>(`/api/v1/medication/controlled?institutionId=${enc(institutionId)}`, {
        signal,
      }),
    enabled: Boolean(institutionId),
  });
}

/** A write with an Idempotency-Key per attempt (a UUIDv7: no secure context needed). */
function post<Body, Result = Written>(url: string) {
  return (body: Body) =>
    apiFetch<Result>(url, { method: 'POST', json: body, headers: { 'idempotency-key': newId() } });
}
const refreshed = () => [pharmacyKeys.all, medicationKeys.all, worklistKey];

export const useReceive = () =>
  useWrite(post<StockReceiptInput>('/api/v1/medication/stock/receipts'), refreshed);
export const useIssue = () => useWrite(post<StockIssueInput>('/api/v1/medication/stock/issues'), refreshed);
export const useDispense = () =>
  useWrite(post<StockDispenseInput>('/api/v1/medication/stock/dispensings'), refreshed);
export const useReturnStock = () =>
  useWrite(post<StockReturnInput>('/api/v1/medication/stock/returns'), refreshed);
export const useWriteOff = () =>
  useWrite(post<StockWriteOffInput>('/api/v1/medication/stock/write-offs'), refreshed);
export const useCount = () =>
  useWrite(
    post<ControlledCountInput, z.infer<typeof controlledCountWrittenSchema>>(
      '/api/v1/medication/controlled/counts',
    ),
    refreshed,
  );
export const useResolveTask = () =>
  useWrite(
    ({ id, ...body }: StockTaskResolveInput & { id: string }) =>
      apiFetch<Written>(`/api/v1/medication/stock-tasks/${enc(id)}/resolution`, {
        method: 'POST',
        json: body,
      }),
    refreshed,
  );
export const useResolveIncident = () =>
  useWrite(
    ({ id, explanation }: { id: string; explanation: string }) =>
      apiFetch<Written>(`/api/v1/medication/controlled/incidents/${enc(id)}/resolution`, {
        method: 'POST',
        json: { explanation },
      }),
    refreshed,
  );

/** Where the stock report downloads from. */
export const stockReportUrl = (institutionId: string, month: string, format: 'csv' | 'pdf') =>
  `/api/v1/medication/stock/report?institutionId=${enc(institutionId)}&month=${enc(month)}&format=${format}`;
