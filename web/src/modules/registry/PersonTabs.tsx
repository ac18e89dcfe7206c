import { Group, Loader, Stack, Tabs, Text } from '@mantine/core';
import { type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { keyNamespace, type PersonTab } from '../../app/appModule.ts';
import { modules } from '../../app/modules.ts';
import { allows, useCurrentUser } from '../../app/session.ts';

/** The key of the first tab, the custodial summary (not written in the address). */

/** The tabs other modules contribute that this user may see. */
function useVisibleTabs(): PersonTab[] {
  const user = useCurrentUser();
  return modules.flatMap((m) => m.personTabs ?? []).filter((tab) => allows(user, tab.permission));
}

/** Registry's namespace, then those of the tabs' labels (each in its module's namespace). */
function tabNamespaces(tabs: PersonTab[]): string[] {
  return ['registry', ...new Set(tabs.map((tab) => keyNamespace(tab.labelKey)))];
}

/**
 * The namespaces the person page needs, for its first render to wait for: then the tabs, shown once
 * the person has been read, have their labels.
 */
export function usePersonPageNamespaces(): string[] {
  return tabNamespaces(useVisibleTabs());
}
const SUMMARY = 'summary';

/**
 * The person page's tabs (issue 4): the custodial summary first, then every tab other modules
 * contribute (`AppModule.personTabs`) that this user may see. The tab open is kept in the address
 * (`?tab=medical-record`); a tab's content is loaded, and its data read, only while it is open — a
 * clinician looking at the custodial summary has not read the medical record. Without other tabs the
 * summary is shown as it is.
 */
export function PersonTabs({
  personId,
  header,
  children,
}: {
  personId: string;
  header: ReactNode;
  children: ReactNode;
}) {
  const [params, setParams] = useSearchParams();
  const tabs = useVisibleTabs();
  const { t } = useTranslation(tabNamespaces(tabs));
  if (tabs.length === 0)
    return (
      <Stack gap="lg">
        {header}
        {children}
      </Stack>
    );
  const requested = params.get('tab');
  const active = requested && tabs.some((tab) => tab.key === requested) ? requested : SUMMARY;
  const choose = (value: string | null) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (!value || value === SUMMARY) next.delete('tab');
        else next.set('tab', value);
        return next;
      },
      { replace: true },
    );
  return (
    <Stack gap="lg">
      {header}
      <Tabs value={active} onChange={choose} keepMounted={false}>
        <Tabs.List className="no-print">
          <Tabs.Tab value={SUMMARY}>{t('person.tabs.summary')}</Tabs.Tab>
          {tabs.map((tab) => (
            <Tabs.Tab key={tab.key} value={tab.key}>
              {t(tab.labelKey)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value={SUMMARY} pt="md">
          <Stack gap="lg">{children}</Stack>
        </Tabs.Panel>
        {tabs.map((tab) => (
          <Tabs.Panel key={tab.key} value={tab.key} pt="md">
            <Suspense
              fallback={
                <Group gap="sm" role="status">
                  <Loader size="sm" />
                  <Text>{t('person.tabs.loading')}</Text>
                </Group>
              }
            >
              <tab.component personId={personId} />
            </Suspense>
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
