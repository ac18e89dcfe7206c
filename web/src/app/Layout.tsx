import { Anchor, Group, Stack, Text } from '@mantine/core';
import { lazy, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation } from 'react-router';
import { keyNamespace } from './appModule.ts';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { modules } from './modules.ts';
import { Loading, SessionGate } from './SessionGate.tsx';
import { allows, useSession } from './session.ts';
import { MAIN_ID, markSignedOutShown, NAV_ID, withoutSuspense } from './shellParts.ts';

// The signed-in frame (Mantine's AppShell, the navigation of the user's modules, the person search)
// is downloaded after sign-in: the sign-in page stays within its budget as modules are added.
const ShellLayout = lazy(async () => ({ default: (await import('./ShellLayout.tsx')).ShellLayout }));

/**
 * The frame of every page: for a signed-in user the shell (ShellLayout.tsx); before sign-in a light
 * frame with the same landmarks — skip link, header (name, tagline, language), the public
 * navigation entries, and the main region, where SessionGate shows sign-in or a public page.
 */
export function Layout() {
  const session = useSession();
  if (session.data?.user) {
    return (
      <Suspense fallback={<Loading />}>
        <ShellLayout />
      </Suspense>
    );
  }
  return <SignedOutLayout known={session.data !== undefined} />;
}

function SignedOutLayout({ known }: { known: boolean }) {
  const { t } = useTranslation('common');
  const { pathname } = useLocation();
  const entries = modules.flatMap((module) => module.nav).filter((entry) => allows(null, entry.permission));
  const navStrings = useTranslation(
    [...new Set(entries.map((entry) => keyNamespace(entry.labelKey)))],
    withoutSuspense,
  );
  const mainRef = useRef<HTMLElement>(null);
  const shownRef = useRef<string | null>(null);

  if (known) markSignedOutShown();

  // After a navigation between public pages the new page takes the focus; the first page keeps
  // it at the start of the document, so that the skip link is the first stop of the keyboard.
  useEffect(() => {
    if (!known || !navStrings.ready) return;
    if (shownRef.current === null) {
      shownRef.current = pathname;
      return;
    }
    if (shownRef.current === pathname) return;
    shownRef.current = pathname;
    if (!mainRef.current?.contains(document.activeElement)) mainRef.current?.focus();
  }, [pathname, known, navStrings.ready]);

  if (!navStrings.ready) return <Loading />;

  return (
    <>
      <a
        className="skip-link"
        href={`#${MAIN_ID}`}
        onClick={(event) => {
          event.preventDefault();
          mainRef.current?.focus();
        }}
      >
        {t('app.skipToContent')}
      </a>
      <header className="signed-out-header no-print">
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Stack gap={0}>
            <Anchor component={Link} to="/" fw={700} fz="xl" c="blue.9" underline="hover" lh={1.2}>
              {t('app.name')}
            </Anchor>
            <Text size="xs" c="dimmed" visibleFrom="sm">
              {t('app.tagline')}
            </Text>
          </Stack>
          <LanguageSwitcher />
        </Group>
      </header>
      <div className="signed-out-body">
        {entries.length ? (
          <nav id={NAV_ID} className="signed-out-nav no-print" aria-label={t('app.mainNavigation')}>
            <ul>
              {entries.map((entry) => (
                <li key={entry.to}>
                  <Anchor component={NavLink} to={entry.to} size="sm">
                    {t(entry.labelKey)}
                  </Anchor>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <main id={MAIN_ID} ref={mainRef} tabIndex={-1} className="app-main signed-out-main">
          <Suspense fallback={<Loading />}>
            <SessionGate />
          </Suspense>
        </main>
      </div>
    </>
  );
}
