import type { Page } from '@custodia/domain/platform';
import type { StaffMember } from '@custodia/domain/registry';
import type {
  Board,
  Episode,
  episodeStartedSchema,
  eventRecordedSchema,
  MonthlyReport,
  personEpisodesSchema,
  RegisterEntry,
  TimerState,
} from '@custodia/domain/restraint';
import { AMBER_MS } from '@custodia/domain/restraint';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import { apiFetch } from '../../app/api.ts';
import { useWrite } from '../../app/useWriteForm.tsx';
import { worklistKey } from '../../app/Worklist.tsx';

export const restraintKeys = {
  all: ['restraint'] as const,
  board: (institutionId: string) => ['restraint', 'board', institutionId] as const,
  episode: (id: string) => ['restraint', 'episode', id] as const,
  person: (id: string) => ['restraint', 'person', id] as const,
  register: (institutionId: string, from: string, to: string) =>
    ['restraint', 'register', institutionId, from, to] as const,
  report: (institutionId: string, month: string) => ['restraint', 'report', institutionId, month] as const,
};

const enc = encodeURIComponent;

/** The colour state of a countdown now: amber within 2 minutes of its deadline, red after (RST-6). */
export function timerState(dueAt: string, now: number): TimerState {
  const due = Date.parse(dueAt);
  return now > due ? 'red' : due - now <= AMBER_MS ? 'amber' : 'ok';
}

/** The time now, ticking every second, so that countdowns move without asking the server. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * The ward's board, kept live by Server-Sent Events (every change on any server); if the stream
 * cannot be opened, it is read every 15 seconds instead.
 */
export function useBoard(institutionId: string) {
  const queryClient = useQueryClient();
  const [live, setLive] = useState(false);
  const query = useQuery({
    queryKey: restraintKeys.board(institutionId),
    queryFn: ({ signal }) =>
      apiFetch<Board>(`/api/v1/restraint/board?institutionId=${enc(institutionId)}`, { signal }),
    enabled: Boolean(institutionId),
    refetchInterval: live ? false : 15_000,
  });
  useEffect(() => {
    if (!institutionId || typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/v1/restraint/board/stream?institutionId=${enc(institutionId)}`);
    source.addEventListener('board', (event) => {
      setLive(true);
      queryClient.setQueryData(
        restraintKeys.board(institutionId),
        JSON.parse((event as MessageEvent).data) as Board,
      );
    });
    source.onerror = () => setLive(false);
    return () => source.close();
  }, [institutionId, queryClient]);
  return { ...query, live };
}

export type {
  Board,
  BoardEntry,
  Episode,
  EpisodeEvent,
  EpisodeSummary,
  MonthlyReport,
  MonthlySummary,
  PolicyVersion,
  RegisterEntry,
} from '@custodia/domain/restraint';

/** The staff of an institution, to choose who applies and supervises (and to name them). */
export function useRestraintStaff(institutionId: string, enabled = true) {
  return useQuery({
    queryKey: ['restraint', 'staff', institutionId],
    queryFn: ({ signal }) =>
      apiFetch<Page<StaffMember>>(
        `/api/v1/staff?institutionId=${encodeURIComponent(institutionId)}&limit=200`,
        { signal },
      ),
    enabled: Boolean(institutionId) && enabled,
  });
}

export function useEpisode(id: string) {
  return useQuery({
    queryKey: restraintKeys.episode(id),
    queryFn: ({ signal }) => apiFetch<Episode>(`/api/v1/restraint-episodes/${enc(id)}`, { signal }),
  });
}

export function usePersonEpisodes(personId: string) {
  return useQuery({
    queryKey: restraintKeys.person(personId),
    queryFn: async ({ signal }) =>
      (
        await apiFetch<z.infer<typeof personEpisodesSchema>>(
          `/api/v1/persons/${enc(personId)}/restraint-episodes`,
          {
            signal,
          },
        )
      ).items,
  });
}

export function useRegister(institutionId: string, from: string, to: string, cursor: string) {
  return useQuery({
    queryKey: [...restraintKeys.register(institutionId, from, to), cursor],
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ institutionId, from, to, limit: '50' });
      if (cursor) params.set('cursor', cursor);
      return apiFetch<Page<RegisterEntry>>(`/api/v1/restraint/register?${params}`, { signal });
    },
    enabled: Boolean(institutionId && from && to),
  });
}

export function useMonthlyReport(institutionId: string, month: string) {
  return useQuery({
    queryKey: restraintKeys.report(institutionId, month),
    queryFn: ({ signal }) =>
      apiFetch<MonthlyReport>(
        `/api/v1/restraint/reports/monthly?institutionId=${enc(institutionId)}&month=${enc(month)}`,
        {
          signal,
        },
      ),
    enabled: Boolean(institutionId && month),
  });
}

/**
 * RST-15: the monthly report as CSV or PDF, with its suppression stated (DAT-6), in words in the
 * language the page is shown in.
 */
export const reportExportUrl = (
  institutionId: string,
  month: string,
  format: 'csv' | 'pdf',
  language: string,
) =>
  `/api/v1/restraint/reports/monthly/export?${new URLSearchParams({ institutionId, month, format, language })}`;

/** RST-10: the register as CSV or PDF, in words in the language the page is shown in. */
export const exportUrl = (
  institutionId: string,
  from: string,
  to: string,
  format: 'csv' | 'pdf',
  language: string,
) =>
  `/api/v1/restraint/register/export?${new URLSearchParams({ institutionId, from, to, format, language })}`;

/** The path segment of each event command (server/src/modules/restraint/routes.ts). */
export const eventPaths = {
  types_added: 'types',
  approval: 'approval',
  examination: 'examinations',
  review: 'reviews',
  second_doctor: 'second-doctor',
  observation: 'observations',
  handover: 'handovers',
  supervision_lapse: 'supervision-lapses',
  escalation: 'escalations',
  end: 'end',
  debrief_person: 'person-debrief',
  debrief_staff: 'staff-debrief',
  medical_examination: 'medical-examinations',
  correction: 'corrections',
  complaint: 'complaints',
} as const;
export type EventCommand = keyof typeof eventPaths;

/**
 * A fresh Idempotency-Key. `crypto.randomUUID` exists only on HTTPS or localhost; a ward reached
 * over plain HTTP still gets a random key.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const restraintApi = {
  start: (personId: string, body: unknown) =>
    apiFetch<z.infer<typeof episodeStartedSchema>>(`/api/v1/persons/${enc(personId)}/restraint-episodes`, {
      method: 'POST',
      json: body,
    }),
  /** Every event command carries an Idempotency-Key: a retry on a flaky network records once. */
  record: (episodeId: string, command: EventCommand, body: unknown, key = newIdempotencyKey()) =>
    apiFetch<z.infer<typeof eventRecordedSchema>>(
      `/api/v1/restraint-episodes/${enc(episodeId)}/${eventPaths[command]}`,
      {
        method: 'POST',
        json: body,
        headers: { 'idempotency-key': key },
      },
    ),
};

/** After a command: the board, the episode, the person's list and the worklist read again. */
export function useRefreshRestraint() {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: restraintKeys.all }),
      queryClient.invalidateQueries({ queryKey: worklistKey }),
    ]);
  }, [queryClient]);
}

// Writes (ADR 0024): each refreshes the board, the episode, the person's list and the worklist.

const restraintWrites = () => [restraintKeys.all, worklistKey];

/** Starts an episode for the person (`POST /persons/:id/restraint-episodes`). */
export function useStartEpisode(personId: string) {
  return useWrite((body: unknown) => restraintApi.start(personId, body), restraintWrites);
}

/**
 * Records one event of an episode. The form keeps one Idempotency-Key (`newIdempotencyKey()`):
 * pressing Save twice on a flaky network records it once.
 */
export function useRecordEvent(episodeId: string, command: EventCommand, key: string) {
  return useWrite((body: unknown) => restraintApi.record(episodeId, command, body, key), restraintWrites);
}

/** RST-14: a new version of the institution's policy; the earlier ones stay. */
export function useAddPolicy(institutionId: string) {
  return useWrite(
    (body: { text: string }) =>
      apiFetch<{ id: string; version: number }>('/api/v1/restraint/policies', {
        method: 'POST',
        json: { institutionId, text: body.text },
      }),
    () => [['restraint', 'policy', institutionId]],
  );
}
