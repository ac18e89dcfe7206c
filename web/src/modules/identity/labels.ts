import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormats } from '../../app/format.ts';

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

/**
 * Formats an ISO time as date and time in the current language, in the deployment's time zone (the
 * institution's for the pilots), never the browser's (issue 14).
 */
export function useDateTime(): (iso: string) => string {
  const { dateTime } = useFormats();
  return useCallback((iso: string) => dateTime(iso), [dateTime]);
}
