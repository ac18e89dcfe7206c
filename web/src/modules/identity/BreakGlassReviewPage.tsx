import type { Page } from '@custodia/domain/platform';
import {
  Alert,
  Anchor,
  Button,
  Group,
  Loader,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { type InfiniteData, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { personPath } from './BreakGlassPage.tsx';
import {
  type BreakGlassAccess,
  breakGlassKeys,
  reviewBreakGlass,
  useBreakGlassAccesses,
} from './identity.api.ts';
import { useDateTime } from './labels.ts';

const NOTE_MAX = 1000;

/**
 * The health manager's review of break-the-glass accesses: those awaiting review (or all), each
 * with who, when, until when, why and whom; a note and "Mark reviewed" take it off the list.
 */
export function BreakGlassReviewPage() {
  const { t } = useTranslation('identity');
  const errorMessage = useErrorMessage();
  const [showAll, setShowAll] = useState(false);
  const accesses = useBreakGlassAccesses(showAll ? 'all' : 'pending');
  usePageTitle(t('breakGlassReview.title'));

  const items = accesses.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="md" maw={960}>
      <Title order={1}>{t('breakGlassReview.title')}</Title>
      <Text>{t('breakGlassReview.intro')}</Text>
      <Switch
        label={t('breakGlassReview.showAll')}
        checked={showAll}
        onChange={(e) => setShowAll(e.currentTarget.checked)}
      />

      {accesses.isPending ? (
        <Group gap="sm" role="status">
          <Loader size="sm" />
          <Text>{t('breakGlassReview.loading')}</Text>
        </Group>
      ) : accesses.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(accesses.error)}
        </Alert>
      ) : items.length === 0 ? (
        <Text role="status">{showAll ? t('breakGlassReview.noneAtAll') : t('breakGlassReview.none')}</Text>
      ) : (
        <>
          <Text size="sm" role="status">
            {accesses.hasNextPage
              ? t('breakGlassReview.shownMore', { n: items.length })
              : t('breakGlassReview.shown', { n: items.length })}
          </Text>
          <Stack gap="md" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {items.map((access) => (
              <AccessItem key={access.id} access={access} />
            ))}
          </Stack>
          {accesses.hasNextPage ? (
            <div className="no-print">
              <Button
                variant="default"
                onClick={() => void accesses.fetchNextPage()}
                loading={accesses.isFetchingNextPage}
              >
                {t('breakGlassReview.loadMore')}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </Stack>
  );
}

type Lists = InfiniteData<Page<BreakGlassAccess>, string>;

/** One access: the facts, then (while it awaits review) a note and the "Mark reviewed" button. */
function AccessItem({ access }: { access: BreakGlassAccess }) {
  const { t } = useTranslation('identity');
  const errorMessage = useErrorMessage();
  const dateTime = useDateTime();
  const queryClient = useQueryClient();
  const headingId = useId();
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const reviewed = access.reviewedAt !== null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const text = note.trim();
    if (!text) {
      setNoteError(t('breakGlassReview.noteRequired'));
      return;
    }
    setNoteError(null);
    setBusy(true);
    try {
      await reviewBreakGlass(access.id, text);
      // Off the pending list at once; the lists are then read again from the server.
      queryClient.setQueryData<Lists>(breakGlassKeys.list('pending'), (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((page) => ({
                ...page,
                items: page.items.filter((item) => item.id !== access.id),
              })),
            }
          : data,
      );
      void queryClient.invalidateQueries({ queryKey: breakGlassKeys.all });
    } catch (error) {
      setFailure(error);
      // Someone else reviewed it meanwhile: the list is read again.
      if (error instanceof ApiError && error.status === 404)
        void queryClient.invalidateQueries({ queryKey: breakGlassKeys.all });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper component="li" withBorder p="md" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={headingId}>
          {t('breakGlassReview.itemTitle', { name: access.displayName, username: access.username })}
        </Title>
        <Table variant="vertical" layout="fixed" withTableBorder>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th scope="row" w="30%">
                {t('breakGlassReview.fields.startedAt')}
              </Table.Th>
              <Table.Td>{dateTime(access.startedAt)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('breakGlassReview.fields.expiresAt')}</Table.Th>
              <Table.Td>{dateTime(access.expiresAt)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('breakGlassReview.fields.person')}</Table.Th>
              <Table.Td>
                {access.personId ? (
                  <Anchor component={Link} to={personPath(access.personId)}>
                    {access.prisonNumber}
                  </Anchor>
                ) : (
                  t('breakGlassReview.noSuchPerson', { prisonNumber: access.prisonNumber })
                )}
              </Table.Td>
            </Table.Tr>
            {access.overLimit ? (
              <Table.Tr>
                <Table.Th scope="row">{t('breakGlassReview.fields.limit')}</Table.Th>
                <Table.Td>
                  <Text size="sm" fw={700} c="red.9">
                    {t('breakGlassReview.overLimit')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : null}
            <Table.Tr>
              <Table.Th scope="row">{t('breakGlassReview.fields.reason')}</Table.Th>
              <Table.Td style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {access.reason}
              </Table.Td>
            </Table.Tr>
            {reviewed ? (
              <>
                <Table.Tr>
                  <Table.Th scope="row">{t('breakGlassReview.fields.reviewedBy')}</Table.Th>
                  <Table.Td>
                    {t('breakGlassReview.reviewedByAt', {
                      who: access.reviewedBy ?? '',
                      when: access.reviewedAt ? dateTime(access.reviewedAt) : '',
                    })}
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">{t('breakGlassReview.fields.note')}</Table.Th>
                  <Table.Td style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {access.reviewNote}
                  </Table.Td>
                </Table.Tr>
              </>
            ) : (
              <Table.Tr>
                <Table.Th scope="row">{t('breakGlassReview.fields.status')}</Table.Th>
                <Table.Td>{t('breakGlassReview.pending')}</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
        {reviewed ? null : (
          <form onSubmit={submit} noValidate className="no-print">
            <Stack gap="sm">
              <Textarea
                label={t('breakGlassReview.note')}
                description={t('breakGlassReview.noteHint')}
                required
                resize="vertical"
                rows={2}
                maxLength={NOTE_MAX}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                error={noteError}
              />
              {failure ? (
                <Alert color="red" role="alert">
                  {failure instanceof ApiError && failure.status === 404
                    ? t('breakGlassReview.alreadyReviewed')
                    : errorMessage(failure)}
                </Alert>
              ) : null}
              <Group>
                <Button type="submit" loading={busy}>
                  {t('breakGlassReview.markReviewed')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
