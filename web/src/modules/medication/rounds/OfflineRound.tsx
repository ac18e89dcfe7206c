import type { AdministrationRecordInput, Round, RoundRow } from '@custodia/domain/medication';
import { Alert, Badge, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WARNING_COLOR } from '../../../app/format.ts';
import { useCurrentUser } from '../../../app/session.ts';
import { worklistKey } from '../../../app/Worklist.tsx';
import { timeIn } from '../labels.ts';
import { medicationKeys } from '../medication.api.ts';
import { createDoseQueue, type QueuedDose } from '../offlineQueue.ts';
import { queueApi, useNotBrought } from './rounds.api.ts';

/** How often waiting records are tried again while the page is open (besides the browser's "online"). */
const RETRY_MS = 15_000;

/** A due dose's key in the round: its prescription and its time (as RoundPage's). */
export const queuedRowKey = (d: QueuedDose) => `${d.prescriptionId}|${d.body.dueAt}`;

/**
 * The round's offline queue in React (ADR 0046): what the signed-in nurse has kept on this device,
 * sent when the browser says it is online again (and every 15 s while some wait); conflicts and
 * refusals stay until the nurse dismisses them.
 */
export function useDoseQueue() {
  const userId = useCurrentUser()?.id ?? '';
  const queryClient = useQueryClient();
  const queue = useMemo(() => createDoseQueue(window.localStorage), []);
  const [items, setItems] = useState<QueuedDose[]>(() => queue.list(userId));
  const [sent, setSent] = useState(0);
  const [online, setOnline] = useState(() => navigator.onLine);
  const flushing = useRef(false);
  const refresh = useCallback(() => setItems(queue.list(userId)), [queue, userId]);
  const rowKeys = useMemo(() => new Set(items.map(queuedRowKey)), [items]);

  const flush = useCallback(async () => {
    if (flushing.current || !userId || !queue.list(userId).some((d) => d.state === 'waiting')) return;
    flushing.current = true;
    try {
      const result = await queue.flush(userId, queueApi);
      if (result.sent) setSent((n) => n + result.sent);
      if (result.sent || result.conflicts || result.refused)
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: medicationKeys.all }),
          queryClient.invalidateQueries({ queryKey: worklistKey }),
        ]);
    } finally {
      flushing.current = false;
      refresh();
    }
  }, [queue, queryClient, refresh, userId]);

  useEffect(() => {
    refresh();
    void flush();
    const up = () => {
      setOnline(true);
      void flush();
    };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    const timer = window.setInterval(() => void flush(), RETRY_MS);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
      window.clearInterval(timer);
    };
  }, [flush, refresh]);

  return {
    items,
    online,
    sent,
    othersWaiting: userId ? queue.othersWaiting(userId) : 0,
    /** The row keys of the doses kept here (the round shows them as waiting, not to record again). */
    rowKeys,
    /** Keeps a dose the server could not be sent, with the time it was given (now) and its key. */
    enqueue(row: RoundRow, personName: string, body: AdministrationRecordInput, key: string) {
      const now = new Date().toISOString();
      queue.add({
        key,
        userId,
        prescriptionId: row.prescriptionId,
        personName,
        body: { ...body, dueAt: row.dueAt, givenAt: body.givenAt ?? now },
        queuedAt: now,
      });
      refresh();
    },
    dismiss(key: string) {
      queue.dismiss(key);
      refresh();
    },
    flush,
  };
}

export type DoseQueueState = ReturnType<typeof useDoseQueue>;

/** What the round shows of the queue: the doses kept here, each waiting, in conflict or refused. */
export function QueuedDoses({ queue, zone }: { queue: DoseQueueState; zone: string | undefined }) {
  const { t } = useTranslation(['rounds', 'medication']);
  const outcome = (d: { outcome: string; reason?: string | null }) =>
    d.reason ? t(`medication:reasons.${d.reason}`) : t(`medication:outcomes.${d.outcome}`);
  const reasonText = (codes: string[] | undefined) =>
    (codes ?? [])
      .map((c) => t(`rounds:errors.${c}`, { defaultValue: t(`medication:errors.${c}`, { defaultValue: c }) }))
      .join(' ');
  return (
    <Stack gap="xs">
      {!queue.online ? (
        <Alert color={WARNING_COLOR} variant="outline" role="status">
          {t('rounds:offline.offlineNow')}
        </Alert>
      ) : null}
      {queue.sent ? (
        <Text size="sm" role="status">
          {t('rounds:offline.sent', { count: queue.sent })}
        </Text>
      ) : null}
      {queue.othersWaiting ? (
        <Text size="sm">{t('rounds:offline.othersWaiting', { count: queue.othersWaiting })}</Text>
      ) : null}
      {queue.items.length ? (
        <Paper withBorder p="sm" component="section" aria-labelledby="dose-queue-title">
          <Title order={2} size="h4" id="dose-queue-title">
            {t('rounds:offline.title', { count: queue.items.length })}
          </Title>
          <List listStyleType="none" spacing="xs" mt="xs">
            {queue.items.map((d) => (
              <List.Item key={d.key} data-queue-state={d.state}>
                <Group gap="xs" wrap="wrap">
                  <Text>
                    {t('rounds:offline.line', {
                      name: d.personName,
                      outcome: outcome(d.body),
                      time: timeIn(d.body.givenAt, zone),
                    })}
                  </Text>
                  {d.state === 'waiting' ? (
                    <Badge variant="outline" color="gray.8" tt="none">
                      {t('rounds:offline.waiting')}
                    </Badge>
                  ) : (
                    <>
                      <Text c="red.9" fw={700} role="alert">
                        {d.state === 'conflict'
                          ? d.other
                            ? t('rounds:offline.conflict', {
                                by: d.other.recordedBy,
                                time: timeIn(d.other.givenAt, zone),
                                outcome: outcome(d.other),
                              })
                            : t('rounds:offline.conflictUnknown')
                          : t('rounds:offline.refused', { reason: reasonText(d.codes) })}
                      </Text>
                      <Button
                        size="sm"
                        variant="default"
                        onClick={() => queue.dismiss(d.key)}
                        aria-label={t('rounds:offline.dismissFor', { name: d.personName })}
                      >
                        {t('rounds:offline.dismiss')}
                      </Button>
                    </>
                  )}
                </Group>
              </List.Item>
            ))}
          </List>
        </Paper>
      ) : null}
    </Stack>
  );
}

/**
 * MDX-3 (ADR 0046): on a row of the round, that an officer marked the person not brought to it for a
 * regime reason, by whom and when (the nurse records the dose "regime lockdown", key L).
 */
export function NotBroughtBadge({
  round,
  personId,
  zone,
}: {
  round: Round;
  personId: string;
  zone: string | undefined;
}) {
  const { t } = useTranslation('rounds');
  const marks = useNotBrought(round.institutionId, round.date, round.round);
  const mark = marks.data?.find((m) => m.personId === personId);
  if (!mark) return null;
  return (
    <Badge color={WARNING_COLOR} variant="outline" tt="none">
      {t('notBrought.badge', { by: mark.markedBy, time: timeIn(mark.markedAt, zone) })}
    </Badge>
  );
}
