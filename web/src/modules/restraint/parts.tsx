import type { EpisodeState, Timer } from '@custodia/domain/restraint';
import { Badge, Group, Stack, Text } from '@mantine/core';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { WARNING_COLOR } from '../../app/format.ts';
import { timerState } from './restraint.api.ts';

/**
 * What went wrong, in words: the server's field codes translated (`restraint:errors.<code>`), else
 * the problem's own message. Never a stack trace.
 */
export function useProblemText() {
  const { t } = useTranslation('restraint');
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

/** A span of minutes in words: "45 min", "24 h", "1 h 30 min" (never "due in 1440 min"). */
export function useSpan() {
  const { t } = useTranslation('restraint');
  return useCallback(
    (totalMinutes: number) => {
      const hours = Math.floor(totalMinutes / 60);
      const minutes = totalMinutes % 60;
      if (hours === 0) return t('span.minutes', { minutes });
      return minutes === 0 ? t('span.hours', { hours }) : t('span.hoursMinutes', { hours, minutes });
    },
    [t],
  );
}

const colours = { ok: 'gray', amber: 'yellow', red: 'red' } as const;
const marks = { ok: '', amber: '⚠ ', red: '‼ ' } as const;

/** A countdown: its name, and "due in n min" / "OVERDUE by n min", amber within 2 minutes, red after. */
export function Countdown({ label, timer, now }: { label: string; timer: Timer | null; now: number }) {
  const { t } = useTranslation('restraint');
  const span = useSpan();
  if (!timer) return null;
  const state = timerState(timer.dueAt, now);
  const minutes = Math.max(0, Math.round(Math.abs(Date.parse(timer.dueAt) - now) / 60_000));
  return (
    <Badge
      color={colours[state]}
      variant={state === 'ok' ? 'light' : 'filled'}
      autoContrast
      data-state={state}
      styles={{ label: { textTransform: 'none' } }}
    >
      {marks[state]}
      {label}: {t(`timer.${state}`, { duration: span(minutes) })}
    </Badge>
  );
}

/** Every countdown and prompt of an episode's state. */
export function StateLine({ state, now }: { state: EpisodeState; now: number }) {
  const { t } = useTranslation('restraint');
  return (
    <Stack gap={4}>
      <Group gap={6}>
        <Countdown label={t('timer.observation')} timer={state.observation} now={now} />
        <Countdown label={t('timer.review')} timer={state.review} now={now} />
        <Countdown label={t('timer.examination')} timer={state.examination} now={now} />
        <Countdown label={t('timer.debriefPerson')} timer={state.debriefPerson} now={now} />
        <Countdown label={t('timer.debriefStaff')} timer={state.debriefStaff} now={now} />
        <Countdown label={t('timer.medicalExamination')} timer={state.medicalExamination} now={now} />
      </Group>
      {state.open && !state.approved ? (
        <Text size="sm" fw={700} c={WARNING_COLOR}>
          {t('prompt.awaitingApproval')}
        </Text>
      ) : null}
      {state.softAlert ? <Text size="sm">{t('prompt.softAlert')}</Text> : null}
      {state.secondDoctorPrompt && state.open ? (
        <Text size="sm" fw={700} c={WARNING_COLOR}>
          {t('prompt.secondDoctor')}
        </Text>
      ) : null}
      {state.escalationRequired ? (
        <Text size="sm" fw={700} c={WARNING_COLOR}>
          {t('prompt.escalation')}
        </Text>
      ) : null}
    </Stack>
  );
}

export const minutesSince = (at: string, now: number) =>
  Math.max(0, Math.round((now - Date.parse(at)) / 60_000));
