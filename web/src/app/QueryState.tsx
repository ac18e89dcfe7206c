import { Alert, Group, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from './errorMessage.ts';

/** What QueryState needs of a TanStack query (a `useQuery` or `useInfiniteQuery` result). */
interface QueryLike<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
}

/**
 * The one way a page shows a query that is loading, failed or came back empty: a spinner with its
 * words (a live status), the error's message (an alert), the `empty` text (a status) when
 * `isEmpty(data)`, otherwise `children(data)`. `failed` is shown above the message when given
 * (a heading the page keeps while its data is missing).
 */
export function QueryState<T>({
  query,
  loading,
  empty,
  isEmpty,
  failed,
  failedTitle,
  children,
}: {
  query: QueryLike<T>;
  /** The words beside the spinner (default: "Loading…"). */
  loading?: string;
  /** The words when there is nothing to show. */
  empty?: ReactNode;
  /** Whether the data counts as empty (default: an empty array, or `items`/`pages` with none). */
  isEmpty?: (data: T) => boolean;
  failed?: ReactNode;
  /** The title of the failure's alert (what could not be loaded). */
  failedTitle?: string;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation('common');
  const message = useErrorMessage();
  if (query.isPending)
    return (
      <Group gap="sm" role="status">
        <Loader size="sm" />
        <Text>{loading ?? t('app.loading')}</Text>
      </Group>
    );
  if (query.isError || query.data === undefined)
    return (
      <>
        {failed}
        <Alert color="red" role="alert" title={failedTitle}>
          {message(query.error)}
        </Alert>
      </>
    );
  const data = query.data;
  if (empty !== undefined && (isEmpty ?? defaultIsEmpty)(data)) return <Text role="status">{empty}</Text>;
  return <>{children(data)}</>;
}

function defaultIsEmpty(data: unknown): boolean {
  if (Array.isArray(data)) return data.length === 0;
  if (data && typeof data === 'object') {
    const { items, pages } = data as { items?: unknown[]; pages?: { items?: unknown[] }[] };
    if (Array.isArray(items)) return items.length === 0;
    if (Array.isArray(pages)) return pages.every((p) => (p.items?.length ?? 0) === 0);
  }
  return false;
}
