import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Translated names of roles, permissions and data classes (namespace `identity`). A code this web
 * app does not know yet (a newer server) is shown as the code itself.
 */
export function useIdentityLabels() {
  const { t } = useTranslation('identity');
  const role = useCallback((code: string) => t(`roleNames.${code}`, { defaultValue: code }), [t]);
  const roles = useCallback((codes: readonly string[]) => codes.map(role).join(', '), [role]);
  // Permission codes are dotted (`identity.user.read`), which i18next reads as nested keys.
  const permission = useCallback((code: string) => t(`permissions.${code}`, { defaultValue: code }), [t]);
  const dataClass = useCallback((code: string) => t(`dataClasses.${code}`, { defaultValue: code }), [t]);
  return { role, roles, permission, dataClass };
}

/** Formats an ISO time as a short date and time in the current language (British order in English). */
export function useDateTime(): (iso: string) => string {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const format = useMemo(
    () =>
      new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, {
        dateStyle: 'short',
        timeStyle: 'short',
      }),
    [language],
  );
  return useCallback((iso: string) => format.format(new Date(iso)), [format]);
}
