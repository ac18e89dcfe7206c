import { Center, Group, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Shown while the first page's chunk loads (a direct visit to a module's address). */
export function PageLoading() {
  const { t } = useTranslation('common');
  return (
    <Center component="main" mih="100vh">
      <Group gap="sm" role="status">
        <Loader size="sm" />
        <Text>{t('app.loading')}</Text>
      </Group>
    </Center>
  );
}
