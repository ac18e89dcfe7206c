import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiError } from '../../app/api.ts';
import { issueMessage } from '../../app/forms.ts';

/** Translated messages by the dotted path of a field: `person.birthDate`, `admission.familyMembers.0.name`. */
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
 * The message for one problem the shared zod schema found: the schema's own message when the
 * registry names one (`name_required`), "Fill in this field." for a missing value, a range for
 * numbers, otherwise the shell's general messages (namespace `common`, `validation.*`).
 */
export function registryIssueMessage(t: TFunction, issue: Issue, value: unknown): string {
  const own = t(`validation.${issue.message}`, { ns: 'registry', defaultValue: '' });
  if (own) return own;
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
    return t('validation.required', { ns: 'common' });
  if (issue.origin === 'number' && (issue.code === 'too_small' || issue.code === 'too_big'))
    return t('validation.numberRange', { ns: 'registry' });
  if (issue.code === 'invalid_type' && typeof value === 'number')
    return t('validation.numberRange', { ns: 'registry' });
  return issueMessage(t, issue);
}

/**
 * Checks form values with the schema the server uses (ARCHITECTURE "Web": the browser rejects what
 * the server rejects, with the same rules). Returns the parsed values, or a message per field path.
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
    errors[path] ??= registryIssueMessage(t, issue, valueAt(values, issue.path));
  }
  return { ok: false, errors };
}

/**
 * The field errors a 400 or 409 from the server carries, by field path (`body.admission.arrestPlace`
 * → `admission.arrestPlace`), translated from their codes; a code without a message gets the
 * general "not valid" message.
 */
export function serverPathErrors(error: unknown, t: TFunction): PathErrors {
  const errors: PathErrors = {};
  if (!(error instanceof ApiError)) return errors;
  for (const fieldError of error.problem?.errors ?? []) {
    const path = fieldError.path.replace(/^body\.?/, '');
    if (!path) continue;
    const text =
      t(`fieldErrors.${fieldError.code}`, { ns: 'registry', defaultValue: '' }) ||
      t('validation.invalid', { ns: 'common' });
    errors[path] ??= text;
  }
  return errors;
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
