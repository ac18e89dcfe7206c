import { Alert, Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { type FormEvent, type ReactNode, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { toLocalInput } from '../../app/format.ts';

/** What went wrong, in words: the server's field codes (`programmes:errors.<code>`), else its message. */
export function useProblemText() {
  const { t } = useTranslation('programmes');
  const message = useErrorMessage();
  return useCallback(
    (error: unknown) => {
      const fields = error instanceof ApiError ? (error.problem?.errors ?? []) : [];
      const known = fields.map((f) => t(`errors.${f.code}`, { defaultValue: '' })).filter(Boolean);
      return known.length ? [...new Set(known)].join(' ') : message(error);
    },
    [t, message],
  );
}

/** Today's calendar date in the institution's zone (a date field's start, never an observation). */
export const todayIn = (zone: string | undefined) => toLocalInput(new Date(), zone).slice(0, 10);

/** A select of codes in words, with an empty first choice: nothing is pre-filled. */
export function CodeSelect({
  label,
  value,
  onChange,
  codes,
  words,
  required = true,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  codes: readonly string[];
  words: string;
  required?: boolean;
}) {
  const { t } = useTranslation('programmes');
  return (
    <NativeSelect
      label={label}
      value={value}
      required={required}
      onChange={(e) => onChange(e.currentTarget.value)}
      data={[
        { value: '', label: t('choose') },
        ...codes.map((c) => ({ value: c, label: t(`${words}.${c}`) })),
      ]}
    />
  );
}

export function DateField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <TextInput
      type="date"
      label={label}
      value={value}
      required
      onChange={(e) => onChange(e.currentTarget.value)}
      maw={220}
    />
  );
}

/** A small form: its fields, a submit button, and the refusal in words (role=alert) when the server says no. */
export function MiniForm({
  title,
  submit,
  onSubmit,
  children,
  testId,
}: {
  title: string;
  submit: string;
  onSubmit: () => Promise<unknown>;
  children: ReactNode;
  testId?: string;
}) {
  const problem = useProblemText();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit();
    } catch (err) {
      setError(problem(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={send} aria-label={title} data-testid={testId}>
      <fieldset style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4, padding: 12 }}>
        <legend>{title}</legend>
        <Group align="flex-end" wrap="wrap">
          {children}
          <Button type="submit" loading={busy}>
            {submit}
          </Button>
        </Group>
        {error ? (
          <Alert color="red" role="alert" mt="sm">
            {error}
          </Alert>
        ) : null}
      </fieldset>
    </form>
  );
}
