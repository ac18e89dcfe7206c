import { Alert } from '@mantine/core';
import { type FormErrors, type UseFormReturnType, useForm } from '@mantine/form';
import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api.ts';
import { useErrorMessage } from './errorMessage.ts';
import { type BodySchema, type Issue, zodResolver } from './forms.ts';

/**
 * A write to the API as every `*.api.ts` declares it (`useStartEpisode()`, `useAddVitals()`…): a
 * TanStack mutation that, once the server has answered, marks the query keys it changed as stale
 * (and waits for that, so that the page a form goes to next shows the change).
 */
export function useWrite<Variables, Result>(
  write: (variables: Variables) => Promise<Result>,
  invalidates: (variables: Variables, result: Result) => readonly QueryKey[],
) {
  const queryClient = useQueryClient();
  return useMutation<Result, unknown, Variables>({
    mutationFn: write,
    onSuccess: async (result, variables) => {
      await Promise.all(
        invalidates(variables, result).map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      );
    },
  });
}

/** What a form needs of a write: `useWrite(…)` or any mutation. */
interface Write<Body, Result> {
  mutateAsync: (body: Body) => Promise<Result>;
  isPending: boolean;
}

export interface WriteFormOptions<Values extends Record<string, unknown>, Body, Result> {
  initialValues: Values;
  /** The write the form sends its body with (a per-module hook from `*.api.ts`). */
  write: Write<Body, Result>;
  /** The schema from domain/ the server checks the body with: the browser refuses what it refuses. */
  schema?: BodySchema<Body>;
  /** The request body from the form's values (instants from local times, empty text as null…). */
  toBody?: (values: Values) => unknown;
  /** The words for a problem the schema found (default: the shell's `common:validation.*`). */
  issueMessage?: (issue: Issue, value: unknown) => string | undefined;
  /**
   * The words for a field error code the server sent (problem+json `errors[]`), placed on the field
   * at its path (`body.admission.arrestPlace` → `admission.arrestPlace`); undefined leaves the code
   * to the problem's own message. Without it, field errors are not placed on fields.
   */
  fieldMessage?: (code: string, path: string) => string | undefined;
  /** The form field that shows a body path (the schema's or the server's); default: the same path. */
  fieldOf?: (path: string) => string;
  /** The message of a failure no field shows (default: the problem's message, `errors` namespace). */
  problemText?: (error: unknown) => string;
  /** A reason not to send, shown as the failure (a rule of the page's own), or null to send. */
  refuse?: (values: Values) => string | null;
  /**
   * A page's own reading of a refusal: it may add field errors to `fields`, and returns the message
   * to show below the form, null for none (the page showed it), or undefined for the usual message.
   */
  refused?: (error: unknown, fields: FormErrors) => string | null | undefined;
  /**
   * Field errors of the page's own, added to the schema's (a rule zod reports only later, a rule
   * from domain/ checked on the body once the schema passes).
   */
  refine?: (values: Values, errors: FormErrors, body: unknown) => FormErrors;
  /** The message below the form when the checks before sending refuse the values (default: none). */
  invalid?: string;
  /** A notice once saved (a live status below the form), from the answer. */
  notice?: (result: Result, values: Values) => string;
  /** What to do once saved (the queries are already refreshed): go on, reset the form… */
  onSuccess?: (result: Result, values: Values) => void;
}

export interface WriteForm<Values extends Record<string, unknown>> {
  form: UseFormReturnType<Values>;
  /** Spread on the `<form>`: submit, no browser validation, and the focus on the first bad field. */
  formProps: {
    onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
    noValidate: true;
    ref: React.RefObject<HTMLFormElement | null>;
  };
  /** Submits as the form's button does (a second send after a confirmation). */
  submit: () => void;
  busy: boolean;
  /** The message of a failure that no field shows, or null. */
  failure: string | null;
  /** The error of the last write that failed (to offer what fits it), or null. */
  error: unknown;
  notice: string | null;
  /** Show a failure (a check of the page's own before sending) or clear it with null. */
  setFailure: (message: string | null) => void;
}

/** A write form without its values: what a shared form frame (fields, feedback, buttons) needs. */
export type WriteState = Omit<WriteForm<Record<string, unknown>>, 'form'>;

/**
 * One form that writes (ADR 0024): `@mantine/form` holds the values and the field errors, the domain
 * schema checks them before anything is sent (with the same messages the server's codes get), the
 * write goes through the module's mutation hook, and what the server refuses lands on its field
 * (by path) or, when no field shows it, in one message below the form. After a refused submit the
 * first field in error takes the focus.
 */
export function useWriteForm<Values extends Record<string, unknown>, Body, Result>(
  options: WriteFormOptions<Values, Body, Result>,
): WriteForm<Values> {
  const { t } = useTranslation('common');
  const errorMessage = useErrorMessage();
  const { schema, toBody = (v: Values) => v, write } = options;
  const fieldOf = options.fieldOf ?? ((path: string) => path);
  const issueMessage = options.issueMessage ?? (() => undefined);
  // One validate function for the form's life (Mantine's setters change when it does); it reads
  // the page's latest options, which may depend on what was chosen meanwhile (a time zone).
  const latest = useRef({ schema, toBody, fieldOf, issueMessage, refine: options.refine, t });
  latest.current = { schema, toBody, fieldOf, issueMessage, refine: options.refine, t };
  const [validate] = useState(() => (values: Values) => {
    const current = latest.current;
    const body = current.toBody(values);
    const errors = current.schema
      ? zodResolver(current.schema, current.t, current.issueMessage, current.fieldOf)(body)
      : {};
    return current.refine ? current.refine(values, errors, body) : errors;
  });

  const form = useForm<Values>({ mode: 'controlled', initialValues: options.initialValues, validate });
  // A failure is kept as the error itself when its words are the problem's (so that they follow a
  // change of language), or as the page's own text.
  const [failed, setFailed] = useState<{ text: string } | { error: unknown } | null>(null);
  const setFailure = (text: string | null) => setFailed(text === null ? null : { text });
  const failure =
    failed === null
      ? null
      : 'text' in failed
        ? failed.text
        : (options.problemText ?? errorMessage)(failed.error);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const ref = useRef<HTMLFormElement>(null);
  const [focusError, setFocusError] = useState(0);
  useEffect(() => {
    if (!focusError) return;
    ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusError]);

  const send = async (values: Values) => {
    setNotice(null);
    const refusal = options.refuse?.(values) ?? null;
    setFailure(refusal);
    setError(null);
    if (refusal) return;
    const raw = toBody(values);
    const body = (schema ? schema.parse(raw) : raw) as Body;
    try {
      const result = await write.mutateAsync(body);
      if (options.notice) setNotice(options.notice(result, values));
      options.onSuccess?.(result, values);
    } catch (error) {
      setError(error);
      const fields: FormErrors = {};
      if (options.fieldMessage && error instanceof ApiError) {
        for (const fieldError of error.problem?.errors ?? []) {
          const bodyPath = fieldError.path.replace(/^body\.?/, '');
          const text = bodyPath ? options.fieldMessage(fieldError.code, bodyPath) : undefined;
          const path = fieldOf(bodyPath);
          if (text && !(path in fields)) fields[path] = text;
        }
      }
      const own = options.refused?.(error, fields);
      form.setErrors(fields);
      const placed = Object.keys(fields).length > 0;
      if (own !== undefined) setFailure(own);
      else if (!placed) setFailed({ error });
      if (placed) setFocusError((n) => n + 1);
    }
  };

  const onSubmit = form.onSubmit(
    (values) => void send(values),
    () => {
      setFailure(options.invalid ?? null);
      setNotice(null);
      setFocusError((n) => n + 1);
    },
  );

  return {
    form,
    formProps: {
      onSubmit,
      noValidate: true,
      ref,
    },
    submit: () => onSubmit(),
    busy: write.isPending,
    failure,
    error,
    notice,
    setFailure,
  };
}

/** The failure (an alert, with its title when given) and the notice (a status) of a write form. */
export function WriteFeedback({
  write,
  failureTitle,
}: {
  write: Pick<WriteState, 'failure' | 'notice'>;
  failureTitle?: string;
}) {
  return (
    <>
      {write.failure ? (
        <Alert color="red" role="alert" title={failureTitle}>
          {write.failure}
        </Alert>
      ) : null}
      {write.notice ? (
        <Alert color="green" role="status">
          {write.notice}
        </Alert>
      ) : null}
    </>
  );
}
