import type { FormErrors } from '@mantine/form';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type Issue, missingValue } from '../../app/forms.ts';

/**
 * The message for a rule's code at a field (`clinical:fieldErrors.<code>`), or the general "not
 * valid" message for a code this web app has no words for.
 */
export function ruleMessage(t: TFunction, code: string): string {
  return (
    t(`fieldErrors.${code}`, { ns: 'clinical', defaultValue: '' }) ||
    t('validation.invalid', { ns: 'common' })
  );
}

/**
 * The clinical module's words for its forms (`useWriteForm({ ...useClinicalFormMessages(), … })`):
 * "Fill in this field." for a missing value, "Enter a number." for a number; a rule's code at its
 * field (`message`, default `ruleMessage`); and, when the server put codes on fields, "Check the
 * marked fields" below the form.
 */
export function useClinicalFormMessages(message?: (path: string, code: string) => string) {
  const { t } = useTranslation('clinical');
  return useMemo(
    () => ({
      issueMessage: (issue: Issue, value: unknown) =>
        missingValue(value)
          ? t('validation.required', { ns: 'common' })
          : issue.origin === 'number' || typeof value === 'number'
            ? t('fieldErrors.number')
            : undefined,
      fieldMessage: (code: string, path: string) => (message ? message(path, code) : ruleMessage(t, code)),
      refused: (_error: unknown, fields: FormErrors) =>
        Object.keys(fields).length > 0 ? t('form.checkFields') : undefined,
    }),
    [t, message],
  );
}
