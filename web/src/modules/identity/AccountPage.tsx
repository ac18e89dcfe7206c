import { Alert, Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { LANGUAGES } from '../../app/i18n.ts';
import { accountPaths, refreshSession, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { useSignOutOthers } from './identity.api.ts';
import { useIdentityLabels } from './labels.ts';

/** My account: who I am, my password, two-factor sign-in and my other sessions. */
export function AccountPage() {
  const { t } = useTranslation('identity');
  const user = useCurrentUser();
  const labels = useIdentityLabels();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const ending = useSignOutOthers();
  usePageTitle(t('account.title'));
  if (!user) return null;

  return (
    <Stack gap="xl" maw={760}>
      <Title order={1}>{t('account.title')}</Title>

      <Table withTableBorder variant="vertical" layout="fixed">
        <Table.Tbody>
          <Table.Tr>
            <Table.Th scope="row" w="35%">
              {t('account.username')}
            </Table.Th>
            <Table.Td>{user.username}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t('account.displayName')}</Table.Th>
            <Table.Td>{user.displayName}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t('account.roles')}</Table.Th>
            <Table.Td>{labels.roles(user.roles)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t('account.language')}</Table.Th>
            <Table.Td>{LANGUAGES.find((l) => l.code === user.language)?.name ?? user.language}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>

      <Stack gap="sm" component="section" aria-labelledby="account-password">
        <Title order={2} id="account-password">
          {t('password.title')}
        </Title>
        <ChangePasswordForm username={user.username} onChanged={() => refreshSession(queryClient)} />
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="account-two-factor">
        <Title order={2} id="account-two-factor">
          {t('twoFactor.title')}
        </Title>
        <Group gap="sm">
          <Text>{t('twoFactor.status')}</Text>
          <Badge variant="outline" color={user.twoFactorEnabled ? 'teal.9' : 'gray.8'} size="lg">
            {user.twoFactorEnabled ? t('twoFactor.on') : t('twoFactor.off')}
          </Badge>
        </Group>
        {user.twoFactorEnabled ? (
          <>
            <Text>{t('twoFactor.onExplained')}</Text>
            <Text>{t('twoFactor.keepCodes')}</Text>
          </>
        ) : (
          <>
            <Text>{t('twoFactor.offExplained')}</Text>
            <div>
              <Button component={Link} to={accountPaths.twoFactor} variant="default">
                {t('twoFactor.setUp')}
              </Button>
            </div>
          </>
        )}
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="account-sessions">
        <Title order={2} id="account-sessions">
          {t('sessions.title')}
        </Title>
        <Text>{t('sessions.intro')}</Text>
        {ending.data ? (
          <Alert color="teal" role="status">
            {t('sessions.ended', { ended: ending.data.ended })}
          </Alert>
        ) : null}
        {ending.isError ? (
          <Alert color="red" role="alert">
            {errorMessage(ending.error)}
          </Alert>
        ) : null}
        <div>
          <Button variant="default" onClick={() => ending.mutate()} loading={ending.isPending}>
            {t('sessions.signOutOthers')}
          </Button>
        </div>
      </Stack>

      <Text size="sm">
        <Anchor component={Link} to="/">
          {t('account.back')}
        </Anchor>
      </Text>
    </Stack>
  );
}
