import { Anchor, Button, List, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { apiFetch } from '../api.ts';
import { QueryState } from '../QueryState.tsx';
import { usePageTitle } from '../usePageTitle.ts';
import { useInstitutionCodes, type WorklistAnswer, WorklistEntry, worklistKey } from '../Worklist.tsx';

/** Issue 14: the full list shows this many items a page. */
export const WORKLIST_PAGE_SIZE = 50;

const withoutSuspense = { useSuspense: false };

/**
 * Issue 14: the full list of one kind of task (at one institution), which the home page's "Show all"
 * leads to: its count, then a page of items at a time ("Show more").
 */
export function WorklistPage() {
  const { t } = useTranslation('common');
  const [params] = useSearchParams();
  const module = params.get('module') ?? '';
  const kind = params.get('kind') ?? '';
  const institutionId = params.get('institutionId') ?? '';
  const kindNames = useTranslation(module ? [module] : [], withoutSuspense);
  const codeOf = useInstitutionCodes();
  const kindName = kind ? kindNames.t(`${module}:worklist.${kind}`, { defaultValue: kind }) : t('home.title');
  const code = codeOf(institutionId);
  const title = code ? `${kindName} · ${code}` : kindName;
  usePageTitle(title);

  const list = useInfiniteQuery({
    queryKey: [...worklistKey, 'list', module, kind, institutionId],
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: String(WORKLIST_PAGE_SIZE) });
      if (module) query.set('module', module);
      if (kind) query.set('kind', kind);
      if (institutionId) query.set('institutionId', institutionId);
      if (pageParam) query.set('cursor', pageParam);
      return apiFetch<WorklistAnswer>(`/api/v1/worklist?${query}`, { signal });
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const count = list.data?.pages[0]?.groups?.reduce((n, g) => n + g.count, 0) ?? items.length;

  return (
    <Stack gap="md" maw={760}>
      <Anchor component={Link} to="/" size="sm">
        {t('home.back')}
      </Anchor>
      <Title order={1}>{title}</Title>
      <QueryState
        query={list}
        loading={t('home.loading')}
        empty={t('home.empty')}
        isEmpty={() => items.length === 0}
      >
        {() => (
          <Stack gap="sm">
            <Text fw={600} role="status">
              {t('home.shown', { shown: items.length, n: count })}
            </Text>
            <List spacing={4} size="sm">
              {items.map((item) => (
                <WorklistEntry key={`${item.kind}-${item.subjectId}`} item={item} />
              ))}
            </List>
            {list.hasNextPage ? (
              <Button
                variant="default"
                w="fit-content"
                onClick={() => void list.fetchNextPage()}
                loading={list.isFetchingNextPage}
              >
                {t('home.more')}
              </Button>
            ) : null}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
