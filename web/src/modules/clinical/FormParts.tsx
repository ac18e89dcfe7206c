import { Alert, Button, Group, Modal } from '@mantine/core';
import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { type PathErrors, serverPathErrors } from './validation.ts';

/**
 * A dialog for one of the chart's forms. Its title stays while it fades out, so that it is never a
 * dialog without a name; the form inside is new each time it opens.
 */
export function FormDialog({
  title,
  opened,
  onClose,
  children,
}: {
  title: string | null;
  opened: boolean;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation('clinical');
  const titled = useRef('');
  if (title) titled.current = title;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={titled.current}
      size="lg"
      closeButtonProps={{ 'aria-label': t('form.close') }}
    >
      {opened ? children : null}
    </Modal>
  );
}

/** The buttons at the foot of a form, and what went wrong (role=alert). */
export function FormFooter({
  failure,
  busy,
  onCancel,
  submitLabel,
}: {
  failure: string | null;
  busy: boolean;
  onCancel: () => void;
  submitLabel?: string;
}) {
  const { t } = useTranslation('clinical');
  return (
    <>
      {failure ? (
        <Alert color="red" role="alert" title={t('form.notSaved')}>
          {failure}
        </Alert>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('form.cancel')}
        </Button>
        <Button type="submit" loading={busy}>
          {submitLabel ?? t('form.save')}
        </Button>
      </Group>
    </>
  );
}

/**
 * The state every chart form shares: field messages, a general failure and the busy flag. `send`
 * runs the request; a refusal with field errors is shown at its fields (translated from the rule's
 * codes), anything else as a message.
 */
export function useFormState(
  message?: (path: string, code: string) => string,
  /** A message of the form's own for a refusal (a 415 for a file), else null for the usual one. */
  refusal?: (error: unknown) => string | null,
) {
  const { t } = useTranslation('clinical');
  const errorMessage = useErrorMessage();
  const [errors, setErrors] = useState<PathErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(request: () => Promise<unknown>, onDone: () => void): Promise<void> {
    setFailure(null);
    setErrors({});
    setBusy(true);
    try {
      await request();
      onDone();
    } catch (error) {
      const own = refusal?.(error);
      if (own) {
        setFailure(own);
        return;
      }
      const fields = serverPathErrors(error, t, message);
      setErrors(fields);
      if (Object.keys(fields).length === 0 || !(error instanceof ApiError)) setFailure(errorMessage(error));
      else setFailure(t('form.checkFields'));
    } finally {
      setBusy(false);
    }
  }

  return { errors, setErrors, failure, setFailure, busy, send };
}
