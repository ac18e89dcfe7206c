import { Anchor, Button, Group, Paper, Stack, Switch, Table, Text, Textarea, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm, WriteFeedback } from '../../app/useWriteForm.tsx';
import { personPath } from './BreakGlassPage.tsx';
import { type BreakGlassAccess, useBreakGlassAccesses, useReviewBreakGlass } from './identity.api.ts';
import { useDateTime } from './labels.ts';

const NOTE_MAX = 1000;

/**
 * The health manager's review of break-the-glass accesses: those awaiting review (or all), each
 * with who, when, until when, why and whom; a note and "Mark reviewed" take it off the list.
 */
export function BreakGlassReviewPage() {
  const { t } = useTranslation('identity');
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

      <QueryState
        query={accesses}
        loading={t('breakGlassReview.loading')}
        empty={showAll ? t('breakGlassReview.noneAtAll') : t('breakGlassReview.none')}
      >
        {() => (
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
      </QueryState>
    </Stack>
  );
}

/** One access: the facts, then (while it awaits review) a note and the "Mark reviewed" button. */
function AccessItem({ access }: { access: BreakGlassAccess }) {
  const { t } = useTranslation('identity');
  const errorMessage = useErrorMessage();
  const dateTime = useDateTime();
  const headingId = useId();
  const reviewed = access.reviewedAt !== null;

  const write = useWriteForm({
    initialValues: { note: '' },
    toBody: ({ note }) => note.trim(),
    refine: ({ note }, errors) =>
      note.trim() ? errors : { ...errors, note: t('breakGlassReview.noteRequired') },
    write: useReviewBreakGlass(access.id),
    problemText: (error) =>
      error instanceof ApiError && error.status === 404
        ? t('breakGlassReview.alreadyReviewed')
        : errorMessage(error),
  });

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
          <form {...write.formProps} className="no-print">
            <Stack gap="sm">
              <Textarea
                label={t('breakGlassReview.note')}
                description={t('breakGlassReview.noteHint')}
                required
                resize="vertical"
                rows={2}
                maxLength={NOTE_MAX}
                {...write.form.getInputProps('note')}
              />
              <WriteFeedback write={write} />
              <Group>
                <Button type="submit" loading={write.busy}>
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
