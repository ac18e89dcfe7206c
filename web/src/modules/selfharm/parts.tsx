import type { Schedule } from '@custodia/domain/selfharm';
import { Badge } from '@mantine/core';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';

/**
 * What went wrong, in words: the server's field codes translated (`selfharm:errors.<code>`), else
 * the problem's own message. Never a raw code.
 */
export function useProblemText() {
  const { t } = useTranslation('selfharm');
  const message = useErrorMessage();
  return useCallback(
    (error: unknown) => {
      const fields = error instanceof ApiError ? (error.problem?.errors ?? []) : [];
      const known = fields.map((f) => t(`errors.${f.code}`, { defaultValue: '' })).filter(Boolean);
      return known.length ? [...new Set(known)].join(' ') : message(error);
    },
    [t, message],
  );
}

/** The field code's words, for the form to place on its field. */
export function useFieldMessage() {
  const { t } = useTranslation('selfharm');
  return useCallback((code: string) => t(`errors.${code}`, { defaultValue: '' }) || undefined, [t]);
}

/** A green dark enough for white text on a small badge (WCAG AA). */
export const OK_COLOR = '#1e6b30';

/** Whether a check is missed at `now` (the server's status, or the next check's time passed since). */
export function isMissed(schedule: Schedule, now: number): boolean {
  if (schedule.checkStatus === 'missed' || schedule.checkStatus === 'escalated') return true;
  return !!schedule.nextCheckDueAt && Date.parse(schedule.nextCheckDueAt) < now;
}

/** The check's state in words: missed in red (filled, with its word, never colour alone). */
export function CheckBadge({ schedule, now }: { schedule: Schedule; now: number }) {
  const { t } = useTranslation('selfharm');
  if (!schedule.checkStatus)
    return (
      <Badge variant="outline" color="gray.8">
        {t('ward.noSchedule')}
      </Badge>
    );
  const missed = isMissed(schedule, now);
  return (
    <Badge
      variant="filled"
      color={missed ? 'red.9' : OK_COLOR}
      data-check={missed ? 'missed' : 'ok'}
      styles={{ root: { textTransform: 'none' } }}
    >
      {missed ? t('ward.missed') : t('ward.onTime')}
    </Badge>
  );
}
