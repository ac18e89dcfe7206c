import type { FormErrors } from '@mantine/form';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { ZodMiniType } from 'zod/mini';

/** One problem zod found, as the messages need it. */
export interface Issue {
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

/** Whether a value counts as not filled in (nothing, or only spaces). */
export function missingValue(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function valueAt(values: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = values;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * The zod resolver of the web's forms (ADR 0024): checks a body with the schema from domain/ the
 * server uses and returns, by dotted field path (`admission.familyMembers.0.name`), the translated
 * message of the first problem at each field. `message` gives a module's own words (undefined: the
 * shell's, `issueMessage`); `fieldOf` maps a body path to the form field that shows it.
 */
/**
 * A schema from domain/ as the forms use it: zod's full build or its small one (`zod/mini`, the
 * sign-in page's, so the first download carries no full zod).
 */
export type BodySchema<Body = unknown> = Pick<z.ZodType<Body>, 'parse' | 'safeParse'> | ZodMiniType<Body>;

export function zodResolver(
  schema: BodySchema,
  t: TFunction,
  message: (issue: Issue, value: unknown) => string | undefined = () => undefined,
  fieldOf: (path: string) => string = (path) => path,
): (body: unknown) => FormErrors {
  return (body) => {
    const result = schema.safeParse(body);
    const errors: FormErrors = {};
    if (result.success) return errors;
    for (const issue of result.error.issues as Issue[]) {
      const path = fieldOf(issue.path.map(String).join('.'));
      errors[path] ??= message(issue, valueAt(body, issue.path)) ?? issueMessage(t, issue);
    }
    return errors;
  };
}
