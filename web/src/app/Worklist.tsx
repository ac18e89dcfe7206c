import type { WorklistGroup } from '@custodia/domain/worklist';
import { Alert, Anchor, Badge, Group, List, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useInstitutionList } from './activeInstitution.ts';
import { apiFetch } from './api.ts';
import type { WorklistItem } from './appModule.ts';
import { useErrorMessage } from './errorMessage.ts';
import { useFormats } from './format.ts';
import { modules } from './modules.ts';
import { useCurrentUser } from './session.ts';

export const worklistKey = ['worklist'] as const;

/** Issue 14: the home page shows at most this many items of each group, then "Show all n". */
export const ITEMS_PER_GROUP = 5;

const withoutSuspense = { useSuspense: false };

export interface WorklistAnswer {
  items: WorklistItem[];
  groups?: WorklistGroup[];
  nextCursor?: string | null;
}

/**
 * `GET /api/v1/worklist?perGroup=5`: what is due or overdue for the signed-in user, from every
 * module, as groups with their counts and the first items of each.
 */
export function useWorklist() {
  return useQuery({
    queryKey: [...worklistKey, 'home'],
    queryFn: ({ signal }) =>
      apiFetch<WorklistAnswer>(`/api/v1/worklist?perGroup=${ITEMS_PER_GROUP}`, { signal }),
    staleTime: 60_000,
  });
}

export interface ShownGroup extends WorklistGroup {
  /** The items shown on the home page (at most ITEMS_PER_GROUP). */
  items: WorklistItem[];
}

/**
 * Issue 14: the groups of the home page, one per kind and institution, in the server's order (overdue
 * first), each with its count and at most `perGroup` of its items. An answer without `groups` (an
 * older server) is grouped here from its items.
 */
export function groupWorklist(answer: WorklistAnswer, perGroup = ITEMS_PER_GROUP): ShownGroup[] {
  const key = (g: { module: string; kind: string; institutionId?: string | null }) =>
    `${g.module}\u0000${g.kind}\u0000${g.institutionId ?? ''}`;
  const groups = new Map<string, ShownGroup>();
  for (const group of answer.groups ?? []) groups.set(key(group), { ...group, items: [] });
  for (const item of answer.items) {
    const k = key(item);
    let group = groups.get(k);
    if (!group) {
      if (answer.groups) continue; // Not among the groups the server counted: never shown.
      group = {
        module: item.module,
        kind: item.kind,
        institutionId: item.institutionId ?? null,
        count: 0,
        overdue: false,
        items: [],
      };
      groups.set(k, group);
    }
    if (!answer.groups) {
      group.count += 1;
      group.overdue ||= item.severity === 'overdue';
    }
    if (group.items.length < perGroup) group.items.push(item);
  }
  const all = [...groups.values()];
  return answer.groups ? all : all.sort((a, b) => Number(b.overdue) - Number(a.overdue));
}

/** Where a group's "Show all" leads: the full list of that kind (and institution), paged. */
export function fullListPath(group: Pick<WorklistGroup, 'module' | 'kind' | 'institutionId'>): string {
  const params = new URLSearchParams({ module: group.module, kind: group.kind });
  if (group.institutionId) params.set('institutionId', group.institutionId);
  return `/worklist?${params}`;
}

/** Where an item leads (its module says), or null. */
export function worklistLinkFor(item: WorklistItem): string | null {
  return modules.find((m) => m.name === item.module)?.worklistLink?.(item) ?? null;
}

/** An institution's code by its id, for group headings when the list spans several institutions. */
export function useInstitutionCodes(): (id: string | null | undefined) => string | null {
  const institutions = useInstitutionList(useCurrentUser());
  return (id) => (id ? (institutions.data?.find((i) => i.id === id)?.code ?? null) : null);
}

/**
 * One worklist item: a link to the person or place it concerns (plain text when its module gives
 * none), then since when it is pending and when it falls due, in its institution's time zone.
 */
export function WorklistEntry({ item }: { item: WorklistItem }) {
  const { t } = useTranslation('common');
  const { dateTime } = useFormats();
  const to = worklistLinkFor(item);
  // Issue 14: the institution's zone (the item carries it), never the browser's.
  const zone = item.timeZone ?? null;
  return (
    <List.Item>
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
          · {t('home.since', { when: dateTime(item.since, zone) })}
        </Text>
      ) : null}
      {item.dueAt && item.dueAt !== item.since ? (
        <Text span size="sm">
          {' '}
          · {t('home.dueAt', { when: dateTime(item.dueAt, zone) })}
        </Text>
      ) : null}
    </List.Item>
  );
}

/**
 * The worklist on the home page (issue 14: it scales): each kind of task, per institution when they
 * span several, with its translated name and how many there are, its first few items as links, and
 * "Show all n" leading to the paged full list; or plainly "No tasks are due."
 */
export function Worklist() {
  const { t } = useTranslation('common');
  const worklist = useWorklist();
  // Each kind is named in its module's namespace: the list shows once those of the modules with
  // items have arrived (until then it is "loading", rather than the whole page suspending).
  const kindNames = useTranslation(
    [...new Set([...(worklist.data?.groups ?? []), ...(worklist.data?.items ?? [])].map((i) => i.module))],
    withoutSuspense,
  );
  const errorMessage = useErrorMessage();
  const codeOf = useInstitutionCodes();

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
  const groups = groupWorklist(worklist.data);
  if (groups.length === 0)
    return (
      <Paper withBorder p="lg">
        <Text fw={600} size="lg" role="status">
          {t('home.empty')}
        </Text>
      </Paper>
    );

  const total = groups.reduce((n, g) => n + g.count, 0);
  const severalInstitutions = new Set(groups.map((g) => g.institutionId).filter(Boolean)).size > 1;

  return (
    <Stack gap="md">
      <Text fw={600} role="status">
        {t('home.count', { n: total })}
      </Text>
      {groups.map((group) => {
        const headingId = `worklist-${group.module}-${group.kind}-${group.institutionId ?? 'none'}`;
        const kindName = kindNames.t(`${group.module}:worklist.${group.kind}`, { defaultValue: group.kind });
        const code = severalInstitutions ? codeOf(group.institutionId) : null;
        return (
          <Paper withBorder p="md" key={headingId} component="section" aria-labelledby={headingId}>
            <Group gap="sm" mb="xs">
              <Title order={2} size="h4" id={headingId}>
                {code ? `${kindName} · ${code}` : kindName} ({group.count})
              </Title>
              <Badge variant="outline" color={group.overdue ? 'red.9' : 'blue.9'}>
                {group.overdue ? t('home.overdue') : t('home.due')}
              </Badge>
            </Group>
            <List spacing={4} size="sm">
              {group.items.map((item) => (
                <WorklistEntry key={`${item.kind}-${item.subjectId}`} item={item} />
              ))}
            </List>
            {group.count > group.items.length ? (
              <Anchor component={Link} to={fullListPath(group)} size="sm" mt="xs" display="inline-block">
                {t('home.showAll', { n: group.count, kind: kindName })}
              </Anchor>
            ) : null}
          </Paper>
        );
      })}
    </Stack>
  );
}
