import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type Issue, issueMessage, missingValue } from '../../app/forms.ts';

/**
 * The message for one problem the shared zod schema found: the schema's own message when the
 * registry names one (`name_required`), "Fill in this field." for a missing value, a range for
 * numbers, otherwise the shell's general messages (namespace `common`, `validation.*`).
 */
export function registryIssueMessage(t: TFunction, issue: Issue, value: unknown): string {
  const own = t(`validation.${issue.message}`, { ns: 'registry', defaultValue: '' });
  if (own) return own;
  if (missingValue(value)) return t('validation.required', { ns: 'common' });
  if (issue.origin === 'number' && (issue.code === 'too_small' || issue.code === 'too_big'))
    return t('validation.numberRange', { ns: 'registry' });
  if (issue.code === 'invalid_type' && typeof value === 'number')
    return t('validation.numberRange', { ns: 'registry' });
  return issueMessage(t, issue);
}

/**
 * The registry's words for its forms (`useWriteForm({ ...useRegistryFormMessages(), … })`): the
 * schema's problems as `registryIssueMessage` says them, the server's field codes from
 * `registry:fieldErrors.*` (a code without words gets the general "not valid").
 */
export function useRegistryFormMessages() {
  const { t } = useTranslation('registry');
  return useMemo(
    () => ({
      issueMessage: (issue: Issue, value: unknown) => registryIssueMessage(t, issue, value),
      fieldMessage: (code: string) =>
        t(`fieldErrors.${code}`, { defaultValue: '' }) || t('validation.invalid', { ns: 'common' }),
    }),
    [t],
  );
}
