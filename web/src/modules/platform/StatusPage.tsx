import { Alert, Badge, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { useFormats } from '../../app/format.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useHealth } from './platform.api.ts';

/** For operators and anyone wondering whether the system works: service, database engine, version. */
export function StatusPage() {
  const { t } = useTranslation('platform');
  const { dateTime } = useFormats();
  const errorMessage = useErrorMessage();
  const health = useHealth();
  usePageTitle(t('status.title'));

  // Issue 14: in the deployment's time zone, not the browser's.
  const checkedAt = health.dataUpdatedAt
    ? dateTime(new Date(health.dataUpdatedAt).toISOString(), null, true)
    : null;

  return (
    <Stack gap="md" maw={760}>
      <Title order={1}>{t('status.title')}</Title>
      <Text>{t('status.intro')}</Text>

      {health.isPending ? (
        <Group gap="sm" role="status">
          <Loader size="sm" />
          <Text>{t('status.loading')}</Text>
        </Group>
      ) : health.isError ? (
        <Alert color="red" role="alert" title={t('status.errorTitle')}>
          {errorMessage(health.error)}
        </Alert>
      ) : (
        <Table withTableBorder variant="vertical" layout="fixed">
          <Table.Tbody>
            <Table.Tr>
              <Table.Th scope="row" w="40%">
                {t('status.service')}
              </Table.Th>
              <Table.Td>
                <Badge color={health.data.status === 'ok' ? 'green.8' : 'red.8'} variant="dot" size="lg">
                  {health.data.status === 'ok' ? t('status.ok') : t('status.unavailable')}
                </Badge>
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('status.database')}</Table.Th>
              <Table.Td>
                {t(`status.engines.${health.data.database}`, { defaultValue: health.data.database })}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('status.version')}</Table.Th>
              <Table.Td>{health.data.version}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      )}
      {checkedAt && !health.isError ? (
        <Text size="sm" c="dimmed">
          {t('status.checkedAt', { time: checkedAt })}
        </Text>
      ) : null}

      <div className="no-print">
        <Button variant="default" onClick={() => void health.refetch()} loading={health.isFetching}>
          {t('status.refresh')}
        </Button>
      </div>
    </Stack>
  );
}
