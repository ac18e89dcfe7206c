import {
  Anchor,
  AppShell,
  Burger,
  em,
  Group,
  getBreakpointValue,
  NavLink,
  Stack,
  Text,
  useMantineTheme,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, NavLink as RouterNavLink, useLocation, useMatch } from 'react-router';
import type { NavEntry } from './appModule.ts';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { modules } from './modules.ts';

const MAIN_ID = 'main-content';
const NAV_ID = 'main-navigation';
const NAV_BREAKPOINT = 'sm';

const homeEntry: NavEntry = { to: '/', labelKey: 'common:nav.home' };

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

/** The shell: skip link, header (name, tagline, language), navigation and the main region. */
export function Layout() {
  const { t } = useTranslation('common');
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const shownPath = useRef(pathname);

  // After a navigation, move focus to the new page so keyboard and screen-reader users start there.
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    mainRef.current?.focus();
  }, [pathname]);

  // Below the breakpoint a closed navbar is only moved off screen: make it unreachable by Tab too.
  const theme = useMantineTheme();
  const narrow = useMediaQuery(
    `(max-width: ${em(getBreakpointValue(NAV_BREAKPOINT, theme.breakpoints) - 0.1)})`,
  );
  const navHidden = Boolean(narrow) && !navOpened;

  const entries = [homeEntry, ...modules.flatMap((module) => module.nav)];

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
        navbar={{ width: 260, breakpoint: NAV_BREAKPOINT, collapsed: { mobile: !navOpened } }}
        padding="lg"
      >
        <AppShell.Header className="no-print">
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={navOpened}
                onClick={toggleNav}
                hiddenFrom="sm"
                size="sm"
                aria-label={navOpened ? t('app.closeNavigation') : t('app.openNavigation')}
                aria-expanded={navOpened}
                aria-controls={NAV_ID}
              />
              <Stack gap={0}>
                <Anchor component={Link} to="/" fw={700} fz="xl" c="blue.9" underline="hover" lh={1.2}>
                  {t('app.name')}
                </Anchor>
                <Text size="xs" c="dimmed" visibleFrom="sm">
                  {t('app.tagline')}
                </Text>
              </Stack>
            </Group>
            <LanguageSwitcher />
          </Group>
        </AppShell.Header>

        <AppShell.Navbar
          id={NAV_ID}
          className="no-print"
          aria-label={t('app.mainNavigation')}
          inert={navHidden}
          p="xs"
        >
          {entries.map((entry) => (
            <NavEntryLink key={entry.to} entry={entry} onNavigate={closeNav} />
          ))}
        </AppShell.Navbar>

        <AppShell.Main id={MAIN_ID} ref={mainRef} tabIndex={-1} className="app-main">
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </>
  );
}
