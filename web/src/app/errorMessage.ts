import type { i18n as I18n, TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, codeForStatus } from './api.ts';
import { moduleNamespaces, SHELL_NAMESPACE } from './i18n.ts';

/**
 * Where the message for an error code may be: the shell's `errors` (codes of the platform, the
 * session and sign-in), then each module's `errors` (codes the module raises, e.g.
 * `registry:errors.possible_duplicate`). A module's strings are there once its namespace is loaded,
 * which its pages do before they render.
 */
function errorKeys(code: string): string[] {
  return [SHELL_NAMESPACE, ...moduleNamespaces].map((namespace) => `${namespace}:errors.${code}`);
}

/** Whether some loaded namespace has a message for the code. */
export function hasErrorMessage(i18n: I18n, code: string): boolean {
  return errorKeys(code).some((key) => i18n.exists(key));
}

/**
 * The message to show a person for an error, in the current language. A code this web app has no
 * message for (a newer server) falls back to the message for its HTTP status.
 */
export function errorMessage(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.unexpected', { ns: SHELL_NAMESPACE });
  const fallback = t(`errors.${error.status ? codeForStatus(error.status) : 'network_error'}`, {
    ns: SHELL_NAMESPACE,
  });
  return t(errorKeys(error.code), { defaultValue: fallback });
}

/** `const message = useErrorMessage(); … message(error)` */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation(SHELL_NAMESPACE);
  return useCallback((error: unknown) => errorMessage(t, error), [t]);
}
