import { Alert, Button, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { NotFoundPage } from './NotFoundPage.tsx';

/** A page failed to load or render (for example its chunk could not be fetched after an update). */
export function RouteErrorPage() {
  const { t } = useTranslation('common');
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <Stack gap="md" maw={760} p="lg">
      <Title order={1}>{t('routeError.title')}</Title>
      <Alert color="red" role="alert">
        {t('routeError.body')}
      </Alert>
      <div>
        <Button onClick={() => window.location.reload()}>{t('routeError.reload')}</Button>
      </div>
    </Stack>
  );
}
