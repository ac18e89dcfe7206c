import { breachAlerts, type PlacementAlert } from '@custodia/domain/segregation';
import { Badge, Group } from '@mantine/core';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { WARNING_COLOR } from '../../app/format.ts';

/**
 * What went wrong, in words: the server's field codes translated (`segregation:errors.<code>`), else
 * the problem's own message. Never a raw code.
 */
export function useProblemText() {
  const { t } = useTranslation('segregation');
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
  const { t } = useTranslation('segregation');
  return useCallback((code: string) => t(`errors.${code}`, { defaultValue: '' }) || undefined, [t]);
}

/** A placement's alerts in words: breaches in red, the rest in amber. */
export function AlertBadges({ alerts }: { alerts: readonly string[] }) {
  const { t } = useTranslation('segregation');
  if (!alerts.length) return null;
  return (
    <Group gap={4}>
      {alerts.map((a) => (
        <Badge
          key={a}
          variant="filled"
          color={breachAlerts.has(a as PlacementAlert) ? 'red.9' : WARNING_COLOR}
          data-alert={a}
          h="auto"
          maw="100%"
          styles={{ root: { textTransform: 'none' }, label: { whiteSpace: 'normal', overflow: 'visible' } }}
        >
          {t(`alerts.${a}`)}
        </Badge>
      ))}
    </Group>
  );
}
