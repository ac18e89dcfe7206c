import {
  Anchor,
  AppShell,
  Burger,
  Button,
  em,
  Group,
  getBreakpointValue,
  NavLink,
  Stack,
  Text,
  useMantineTheme,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { lazy, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink as RouterNavLink, useLocation, useMatch, useNavigate } from 'react-router';
import { keyNamespace, type NavEntry } from './appModule.ts';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { modules } from './modules.ts';
import { Loading, SessionGate } from './SessionGate.tsx';
import { accountPaths, allows, type SessionUser, useCurrentUser, useSession, useSignOut } from './session.ts';
import { cameFromSignIn, homeEntry, MAIN_ID, NAV_BREAKPOINT, NAV_ID, withoutSuspense } from './shellParts.ts';
import { useSessionLanguage } from './useSessionLanguage.ts';

// Shown only to a signed-in user: loaded then, with the registry's strings, not on the sign-in page.
const PersonSearchBox = lazy(async () => ({
  default: (await import('../modules/registry/PersonSearchBox.tsx')).PersonSearchBox,
}));
const InstitutionSwitcher = lazy(async () => ({
  default: (await import('./InstitutionSwitcher.tsx')).InstitutionSwitcher,
}));
const TimeZoneNote = lazy(async () => ({
  default: (await import('./InstitutionSwitcher.tsx')).TimeZoneNote,
}));

function NavEntryLink({ entry, onNavigate }: { entry: NavEntry; onNavigate: () => void }) {
  const { t } = useTranslation();
  const active = useMatch({ path: entry.to, end: entry.to === '/' }) !== null;
  return (
    <NavLink
      component={RouterNavLink}
      to={entry.to}
      end={entry.to === '/'}
      label={t(entry.labelKey)}
      active={active}
      onClick={onNavigate}
    />
  );
}

/** The signed-in user's name (a link to their account) and the sign-out button. */
function UserControls({ user }: { user: SessionUser }) {
  const { t } = useTranslation('common');
  const signOut = useSignOut();
  const navigate = useNavigate();
  return (
    <Group gap="sm" wrap="nowrap">
      <Anchor component={Link} to={accountPaths.account} size="sm" visibleFrom="md" c="dark.9">
        {user.displayName}
      </Anchor>
      <Button
        variant="default"
        size="sm"
        onClick={async () => {
          await signOut();
          navigate('/', { replace: true });
        }}
      >
        {t('user.signOut')}
      </Button>
    </Group>
  );
}

/**
 * The signed-in shell: skip link, header (name, tagline, language, user), navigation built from the
 * user's permissions, and the main region, where SessionGate decides between the page and "not
 * allowed". Loaded once someone has signed in (Layout.tsx); the sign-in page has a lighter frame.
 */
export function ShellLayout() {
  const { t } = useTranslation('common');
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const { pathname } = useLocation();
  const user = useCurrentUser();
  const switchingLanguage = useSessionLanguage(user);
  const entries = [homeEntry, ...modules.flatMap((module) => module.nav)].filter((entry) =>
    allows(user, entry.permission),
  );
  const withNav = entries.length > 0;
  // The entries' labels are in their modules' namespaces: those of the modules the user may open
  // (before sign-in, of the public entries only) load, in the current language, before the shell shows.
  const navStrings = useTranslation(
    [...new Set(entries.map((entry) => keyNamespace(entry.labelKey)))],
    withoutSuspense,
  );

  // Just signed in: the account's language, or the navigation's strings, are still downloading.
  const waiting = switchingLanguage || !navStrings.ready;
  const mainRef = useRef<HTMLElement>(null);
  // The page shown changes with the address, and also with sign-in and sign-out at one address.
  const shown = `${user?.id ?? ''} ${pathname}`;
  const sessionKnown = useSession().data !== undefined;
  // Just signed in on this page: the sign-in form has gone, so the new page takes the focus.
  const shownRef = useRef<string | null>(sessionKnown ? (cameFromSignIn() ? '' : shown) : null);

  // After a navigation, move focus to the new page so keyboard and screen-reader users start there.
  // The first page after loading is not a navigation: the focus stays at the start of the document,
  // so that the skip link remains the first stop of the keyboard.
  // Nothing is shown while the shell waits for its strings: the page counts from when it appears.
  useEffect(() => {
    if (!sessionKnown || waiting) return;
    if (shownRef.current === null) {
      shownRef.current = shown;
      return;
    }
    if (shownRef.current === shown) return;
    shownRef.current = shown;
    // A page that put the focus somewhere itself (sign-in focuses the user name field) keeps it.
    if (!mainRef.current?.contains(document.activeElement)) mainRef.current?.focus();
  }, [shown, sessionKnown, waiting]);

  // Below the breakpoint a closed navbar is only moved off screen: make it unreachable by Tab too.
  const theme = useMantineTheme();
  const narrow = useMediaQuery(
    `(max-width: ${em(getBreakpointValue(NAV_BREAKPOINT, theme.breakpoints) - 0.1)})`,
  );
  const navHidden = Boolean(narrow) && !navOpened;

  if (waiting) return <Loading />;

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
      <AppShell
        header={{ height: 64 }}
        {...(withNav
          ? { navbar: { width: 260, breakpoint: NAV_BREAKPOINT, collapsed: { mobile: !navOpened } } }
          : {})}
        padding="lg"
      >
        <AppShell.Header className="no-print">
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              {withNav ? (
                <Burger
                  opened={navOpened}
                  onClick={toggleNav}
                  hiddenFrom="sm"
                  size="sm"
                  aria-label={navOpened ? t('app.closeNavigation') : t('app.openNavigation')}
                  aria-expanded={navOpened}
                  aria-controls={NAV_ID}
                />
              ) : null}
              <Stack gap={0}>
                <Anchor component={Link} to="/" fw={700} fz="xl" c="blue.9" underline="hover" lh={1.2}>
                  {t('app.name')}
                </Anchor>
                <Text size="xs" c="dimmed" visibleFrom="sm">
                  {t('app.tagline')}
                </Text>
              </Stack>
            </Group>
            <Group gap="md" wrap="nowrap">
              {allows(user, 'registry.person.read') ? (
                <Suspense fallback={null}>
                  <PersonSearchBox />
                </Suspense>
              ) : null}
              <LanguageSwitcher />
              {user ? <UserControls user={user} /> : null}
            </Group>
          </Group>
        </AppShell.Header>

        {withNav ? (
          <AppShell.Navbar
            id={NAV_ID}
            className="no-print"
            aria-label={t('app.mainNavigation')}
            inert={navHidden}
            p="xs"
            // Every module adds its entries: the list scrolls rather than running off the screen.
            style={{ overflowY: 'auto' }}
          >
            {user ? (
              <div className="institution-switcher-slot">
                <Suspense fallback={null}>
                  <InstitutionSwitcher />
                  <TimeZoneNote />
                </Suspense>
              </div>
            ) : null}
            {entries.map((entry) => (
              <NavEntryLink key={entry.to} entry={entry} onNavigate={closeNav} />
            ))}
          </AppShell.Navbar>
        ) : null}

        <AppShell.Main id={MAIN_ID} ref={mainRef} tabIndex={-1} className="app-main">
          <Suspense fallback={<Loading />}>
            <SessionGate />
          </Suspense>
        </AppShell.Main>
      </AppShell>
    </>
  );
}
