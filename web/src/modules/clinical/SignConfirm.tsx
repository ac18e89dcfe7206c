import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Issue 14 item 5: signing is a decision. Before a note or a screening is signed, this dialog names
 * what is signed and says that it locks; Cancel signs nothing.
 */
export function SignConfirm({
  opened,
  what,
  onCancel,
  onConfirm,
}: {
  opened: boolean;
  /** What is signed, in words: its type, its date and whose it is. */
  what: string;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t } = useTranslation('clinical');
  return (
    <Modal
      opened={opened}
      onClose={onCancel}
      title={t('signConfirm.title')}
      closeButtonProps={{ 'aria-label': t('signConfirm.close') }}
      transitionProps={{ duration: 0 }}
    >
      <Stack gap="sm">
        <Text fw={600}>{t('signConfirm.body', { what })}</Text>
        <Text size="sm">{t('signConfirm.locked')}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('signConfirm.cancel')}
          </Button>
          <Button onClick={onConfirm} data-autofocus>
            {t('signConfirm.sign')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
