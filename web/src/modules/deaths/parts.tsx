import { Text } from '@mantine/core';
import { type ReactNode, useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';

/** What went wrong, in words: field codes translated (`deaths:errors.<code>`), else the problem's message. */
export function useProblemText() {
  const { t } = useTranslation('deaths');
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
  const { t } = useTranslation('deaths');
  return useCallback((code: string) => t(`errors.${code}`, { defaultValue: '' }) || undefined, [t]);
}

export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" component="div">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}
