import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { ApiError } from './api.ts';

/** Translated messages by field name (`username`, `roles`…). */
export type FieldErrors = Partial<Record<string, string>>;

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  minimum?: unknown;
  maximum?: unknown;
  origin?: string;
}

/**
 * The translated message for one problem zod found (namespace `common`, `validation.*`). A schema
 * in domain/ that names its own message (`'username_format'`) gets the message of that key.
 */
export function issueMessage(t: TFunction, issue: Issue): string {
  if (t(`validation.${issue.message}`, { ns: 'common', defaultValue: '' }))
    return t(`validation.${issue.message}`, { ns: 'common' });
  const list = issue.origin === 'array' || issue.origin === 'set';
  if (issue.code === 'too_small') {
    const min = Number(issue.minimum);
    if (list) return t('validation.chooseAtLeast', { ns: 'common', min });
    return min <= 1
      ? t('validation.required', { ns: 'common' })
      : t('validation.tooShort', { ns: 'common', min });
  }
  if (issue.code === 'too_big') {
    const max = Number(issue.maximum);
    return list
      ? t('validation.tooMany', { ns: 'common', max })
      : t('validation.tooLong', { ns: 'common', max });
  }
  return t('validation.invalid', { ns: 'common' });
}

/**
 * Checks form values with the same zod schema the server uses (ARCHITECTURE "Web": the browser and
 * the server reject the same input). Returns the parsed values, or a message per field.
 */
export function validate<T>(
  schema: z.ZodType<T>,
  values: unknown,
  t: TFunction,
): { ok: true; data: T } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues as Issue[]) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= issueMessage(t, issue);
  }
  return { ok: false, errors };
}

/**
 * The field errors the server sent with a problem (`errors[].path` is `body.<field>`), translated by
 * `message(code)`; codes it has no message for are left out (the problem's own message says enough).
 */
export function serverFieldErrors(
  error: unknown,
  message: (code: string) => string | undefined,
): FieldErrors {
  const errors: FieldErrors = {};
  if (!(error instanceof ApiError)) return errors;
  for (const fieldError of error.problem?.errors ?? []) {
    const field = fieldError.path.replace(/^body\./, '').split('.')[0] ?? '';
    const text = message(fieldError.code);
    if (text) errors[field] = errors[field] ? `${errors[field]} ${text}` : text;
  }
  return errors;
}
