import { Group, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useMatches } from 'react-router';
import { requiredAccess } from './appModule.ts';
import { NotAllowedPage } from './pages/NotAllowedPage.tsx';
import { SessionErrorPage } from './pages/SessionErrorPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { accountPaths, allows, useSession } from './session.ts';

/** "Loading…" in the main region: while the session is asked for, or a page's strings load. */
export function Loading() {
  const { t } = useTranslation('common');
  return (
    <Group gap="sm" role="status">
      <Loader size="sm" />
      <Text>{t('app.loading')}</Text>
    </Group>
  );
}

/**
 * Decides what the main region shows for the current address (STANDARDS MED-1: only those entitled
 * reach a page; the server enforces the same on every request):
 * a public page → the page; nobody signed in → sign-in; a one-time password → change it first;
 * two-factor sign-in required but not set up → set it up first; the route's permission missing →
 * "not allowed"; otherwise the page.
 */
export function SessionGate() {
  const access = requiredAccess(useMatches());
  const session = useSession();
  const { pathname } = useLocation();

  if (access === 'public') return <Outlet />;
  if (session.data === undefined) {
    if (session.isError)
      return <SessionErrorPage error={session.error} onRetry={() => void session.refetch()} />;
    return <Loading />;
  }
  const user = session.data?.user;
  if (!user) return <SignInPage />;
  if (user.mustChangePassword) {
    return pathname === accountPaths.changePassword ? (
      <Outlet />
    ) : (
      <Navigate to={accountPaths.changePassword} replace />
    );
  }
  if (user.twoFactorEnrolmentRequired) {
    return pathname === accountPaths.twoFactor ? (
      <Outlet />
    ) : (
      <Navigate to={accountPaths.twoFactor} replace />
    );
  }
  if (!allows(user, access)) return <NotAllowedPage />;
  return <Outlet />;
}
