import type { FormErrors } from '@mantine/form';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiError } from '../../app/api.ts';
import { issueMessage, missingValue } from '../../app/forms.ts';

/** Translated messages by the dotted path of a field: `systolic`, `personsPresent.0.name`. */
export type PathErrors = Partial<Record<string, string>>;

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  minimum?: unknown;
  maximum?: unknown;
  origin?: string;
}

function valueAt(values: unknown, path: PropertyKey[]): unknown {
  let current: unknown = values;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * Checks form values with the schema the server uses (ARCHITECTURE "Web"). Returns the parsed
 * values, or a message per field path: "Fill in this field." for a missing value, otherwise the
 * shell's general messages (namespace `common`).
 */
export function validatePaths<S extends z.ZodType>(
  schema: S,
  values: unknown,
  t: TFunction,
): { ok: true; data: z.output<S> } | { ok: false; errors: PathErrors } {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: PathErrors = {};
  for (const issue of result.error.issues as Issue[]) {
    const path = issue.path.map(String).join('.');
    const value = valueAt(values, issue.path);
    const missing =
      value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
    errors[path] ??= missing
      ? t('validation.required', { ns: 'common' })
      : issue.origin === 'number' || typeof value === 'number'
        ? t('fieldErrors.number', { ns: 'clinical' })
        : issueMessage(t, issue);
  }
  return { ok: false, errors };
}

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
 * The field errors of a 400 (`clinical_not_allowed`…) by field path (`body.systolic` → `systolic`),
 * translated from their codes by `message` (default: `ruleMessage`).
 */
export function serverPathErrors(
  error: unknown,
  t: TFunction,
  message: (path: string, code: string) => string = (_path, code) => ruleMessage(t, code),
): PathErrors {
  const errors: PathErrors = {};
  if (!(error instanceof ApiError)) return errors;
  for (const fieldError of error.problem?.errors ?? []) {
    const path = fieldError.path.replace(/^body\.?/, '');
    if (!path) continue;
    errors[path] ??= message(path, fieldError.code);
  }
  return errors;
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
