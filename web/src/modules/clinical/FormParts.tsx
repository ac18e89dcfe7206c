import { Alert, Button, Group, Modal } from '@mantine/core';
import { type ReactNode, useRef } from 'react';
import { useTranslation } from 'react-i18next';

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
