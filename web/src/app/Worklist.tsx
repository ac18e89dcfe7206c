import { Alert, Anchor, Badge, Group, List, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiFetch } from './api.ts';
import type { WorklistItem } from './appModule.ts';
import { useErrorMessage } from './errorMessage.ts';
import { modules } from './modules.ts';

export const worklistKey = ['worklist'] as const;

const withoutSuspense = { useSuspense: false };

/** `GET /api/v1/worklist`: what is due or overdue for the signed-in user, from every module. */
export function useWorklist() {
  return useQuery({
    queryKey: worklistKey,
    queryFn: async ({ signal }) =>
      (await apiFetch<{ items: WorklistItem[] }>('/api/v1/worklist', { signal })).items,
    staleTime: 60_000,
  });
}

interface KindGroup {
  module: string;
  kind: string;
  overdue: boolean;
  items: WorklistItem[];
}

/** Items grouped by module and kind, overdue groups first, each group in the server's order. */
function groups(items: WorklistItem[]): KindGroup[] {
  const byKind = new Map<string, KindGroup>();
  for (const item of items) {
    const key = `${item.module}:${item.kind}`;
    const group = byKind.get(key) ?? { module: item.module, kind: item.kind, overdue: false, items: [] };
    group.items.push(item);
    group.overdue ||= item.severity === 'overdue';
    byKind.set(key, group);
  }
  return [...byKind.values()].sort((a, b) => Number(b.overdue) - Number(a.overdue));
}

/**
 * The worklist on the home page: each kind of task with its translated name and how many there
 * are, then each item as a link to the person or place it concerns; or plainly "No tasks are due."
 */
export function Worklist() {
  const { t, i18n } = useTranslation('common');
  const worklist = useWorklist();
  // Each kind is named in its module's namespace: the list shows once those of the modules with
  // items have arrived (until then it is "loading", rather than the whole page suspending).
  const kindNames = useTranslation([...new Set(worklist.data?.map((item) => item.module))], withoutSuspense);
  const errorMessage = useErrorMessage();
  const dateTime = new Intl.DateTimeFormat(i18n.resolvedLanguage === 'en' ? 'en-GB' : i18n.resolvedLanguage, {
    dateStyle: 'short',
    timeStyle: 'short',
  });

  if (worklist.isPending || !kindNames.ready)
    return (
      <Group gap="sm" role="status">
        <Loader size="sm" />
        <Text>{t('home.loading')}</Text>
      </Group>
    );
  if (worklist.isError)
    return (
      <Alert color="red" role="alert" title={t('home.failed')}>
        {errorMessage(worklist.error)}
      </Alert>
    );
  if (worklist.data.length === 0)
    return (
      <Paper withBorder p="lg">
        <Text fw={600} size="lg" role="status">
          {t('home.empty')}
        </Text>
      </Paper>
    );

  const linkFor = (item: WorklistItem) =>
    modules.find((m) => m.name === item.module)?.worklistLink?.(item) ?? null;

  return (
    <Stack gap="md">
      <Text fw={600} role="status">
        {t('home.count', { n: worklist.data.length })}
      </Text>
      {groups(worklist.data).map((group) => {
        const headingId = `worklist-${group.module}-${group.kind}`;
        return (
          <Paper withBorder p="md" key={headingId} component="section" aria-labelledby={headingId}>
            <Group gap="sm" mb="xs">
              <Title order={2} size="h4" id={headingId}>
                {kindNames.t(`${group.module}:worklist.${group.kind}`, { defaultValue: group.kind })} (
                {group.items.length})
              </Title>
              <Badge variant="outline" color={group.overdue ? 'red.9' : 'blue.9'}>
                {group.overdue ? t('home.overdue') : t('home.due')}
              </Badge>
            </Group>
            <List spacing={4} size="sm">
              {group.items.map((item) => {
                const to = linkFor(item);
                return (
                  <List.Item key={`${item.kind}-${item.subjectId}`}>
                    {to ? (
                      <Anchor component={Link} to={to}>
                        {item.label}
                      </Anchor>
                    ) : (
                      item.label
                    )}
                    {item.since ? (
                      <Text span size="sm">
                        {' '}
                        · {t('home.since', { when: dateTime.format(new Date(item.since)) })}
                      </Text>
                    ) : null}
                  </List.Item>
                );
              })}
            </List>
          </Paper>
        );
      })}
    </Stack>
  );
}
