import { Alert, Button, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../errorMessage.ts';
import { usePageTitle } from '../usePageTitle.ts';

/** The session could not be checked (the server is down or unreachable): say so, offer to retry. */
export function SessionErrorPage({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation('common');
  const errorMessage = useErrorMessage();
  usePageTitle(t('session.errorTitle'));
  return (
    <Stack gap="md" maw={760}>
      <Title order={1}>{t('session.errorTitle')}</Title>
      <Alert color="red" role="alert">
        {errorMessage(error)}
      </Alert>
      <div>
        <Button onClick={onRetry}>{t('session.retry')}</Button>
      </div>
    </Stack>
  );
}
