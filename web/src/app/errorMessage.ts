import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, codeForStatus } from './api.ts';

/**
 * The message to show a person for an error, in the current language (namespace `errors`). A code
 * this web app has no message for (a newer server) falls back to the message for its HTTP status.
 */
export function errorMessage(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('unexpected', { ns: 'errors' });
  const fallback = t(error.status ? codeForStatus(error.status) : 'network_error', { ns: 'errors' });
  return t(error.code, { ns: 'errors', defaultValue: fallback });
}

/** `const message = useErrorMessage(); … message(error)` */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation('errors');
  return useCallback((error: unknown) => errorMessage(t, error), [t]);
}
