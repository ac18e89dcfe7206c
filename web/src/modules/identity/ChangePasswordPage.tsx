import { Alert, Stack, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { refreshSession, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';

/**
 * Change password as a page of its own: where the shell sends a user who signed in with a one-time
 * password (an administrator created or reset the account) before anything else.
 */
export function ChangePasswordPage() {
  const { t } = useTranslation('identity');
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  usePageTitle(t('password.title'));
  if (!user) return null;
  return (
    <Stack gap="md" maw={760}>
      <Title order={1}>{t('password.title')}</Title>
      {user.mustChangePassword ? (
        <Alert color="blue" title={t('password.mustChangeTitle')}>
          {t('password.mustChange')}
        </Alert>
      ) : null}
      <ChangePasswordForm
        username={user.username}
        onChanged={async () => {
          await refreshSession(queryClient);
          navigate('/', { replace: true });
        }}
      />
    </Stack>
  );
}
