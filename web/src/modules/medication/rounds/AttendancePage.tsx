import type { WorklistItem } from '@custodia/domain/worklist';
import { Alert, Badge, Button, Group, Modal, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { apiFetch } from '../../../app/api.ts';
import { useErrorMessage } from '../../../app/errorMessage.ts';
import { WARNING_COLOR } from '../../../app/format.ts';
import { QueryState } from '../../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../../app/session.ts';
import { usePageTitle } from '../../../app/usePageTitle.ts';
import { worklistKey } from '../../../app/Worklist.tsx';
import { roundsRefusal, useMarkNotBrought } from './rounds.api.ts';

const PAGE = 50;

/**
 * MED-3, MDX-3 (ADR 0046): the officer's list of people to bring to a dose round — "needs to attend
 * the dose round at 08:00", never the drug — from which they mark a person not brought for a regime
 * reason. The list is the officer's worklist lines of that kind, a page at a time.
 */
export function AttendancePage() {
  const { t } = useTranslation(['rounds', 'medication']);
  usePageTitle(t('attendance.title'));
  const errorMessage = useErrorMessage();
  const [search] = useSearchParams();
  const first = search.get('person');
  const lines = useInfiniteQuery({
    queryKey: [...worklistKey, 'attendance'],
    initialPageParam: '',
    queryFn: ({ signal, pageParam }) =>
      apiFetch<{ items: WorklistItem[]; nextCursor?: string | null }>(
        `/api/v1/worklist?module=medication&kind=attend_dose_round&limit=${PAGE}${pageParam ? `&cursor=${pageParam}` : ''}`,
        { signal },
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const mark = useMarkNotBrought();
  const mayMark = allows(useCurrentUser(), 'medication.attendance.mark');
  const [open, setOpen] = useState<WorklistItem | null>(null);
  const [note, setNote] = useState('');
  const [marked, setMarked] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function save(item: WorklistItem) {
    setFailure(null);
    try {
      const answer = await mark.mutateAsync({
        personId: item.subjectId,
        dueAt: item.dueAt ?? new Date().toISOString(),
        note: note.trim() ? note.trim() : null,
      });
      setMarked((m) => new Set(m).add(item.subjectId));
      setNotice(t('attendance.marked', { label: item.label, time: item.label.split(' · ').pop() ?? '' }));
      setOpen(null);
      return answer;
    } catch (error) {
      setOpen(null);
      setFailure(roundsRefusal(t, error, errorMessage));
      return null;
    }
  }

  return (
    <Stack>
      <Title order={1}>{t('attendance.title')}</Title>
      <Text>{t('attendance.intro')}</Text>
      {failure ? (
        <Alert color="red" role="alert">
          {failure}
        </Alert>
      ) : null}
      <Text role="status">{notice ?? ''}</Text>
      <QueryState
        query={lines}
        empty={t('attendance.empty')}
        loading={t('reports.loading')}
        isEmpty={(d) => d.pages.every((p) => p.items.length === 0)}
      >
        {(data) => {
          const items = data.pages
            .flatMap((p) => p.items)
            .sort((a, b) => Number(b.subjectId === first) - Number(a.subjectId === first));
          return (
            <Table striped withTableBorder verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('attendance.person')}</Table.Th>
                  {mayMark ? <Table.Th scope="col">{t('attendance.action')}</Table.Th> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <Table.Tr key={`${item.subjectId}|${item.dueAt ?? ''}`}>
                    <Table.Td>{item.label}</Table.Td>
                    {mayMark ? (
                      <Table.Td>
                        {marked.has(item.subjectId) ? (
                          <Badge variant="outline" color={WARNING_COLOR} tt="none" size="lg">
                            {t('attendance.markedBadge')}
                          </Badge>
                        ) : (
                          <Button
                            size="md"
                            variant="outline"
                            onClick={() => {
                              setNote('');
                              setOpen(item);
                            }}
                            aria-label={t('attendance.markFor', { label: item.label })}
                          >
                            {t('attendance.mark')}
                          </Button>
                        )}
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          );
        }}
      </QueryState>
      {lines.hasNextPage ? (
        <Button
          variant="default"
          onClick={() => void lines.fetchNextPage()}
          loading={lines.isFetchingNextPage}
        >
          {t('attendance.more')}
        </Button>
      ) : null}
      <Modal
        closeButtonProps={{ 'aria-label': t('attendance.cancel') }}
        opened={open !== null}
        onClose={() => setOpen(null)}
        title={open ? t('attendance.dialogTitle', { label: open.label }) : ''}
      >
        {open ? (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void save(open);
            }}
          >
            <Stack>
              <Textarea
                label={t('attendance.note')}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                rows={2}
                data-autofocus
              />
              <Group>
                <Button type="submit" size="md" loading={mark.isPending}>
                  {t('attendance.save')}
                </Button>
                <Button variant="default" size="md" onClick={() => setOpen(null)}>
                  {t('attendance.cancel')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : null}
      </Modal>
    </Stack>
  );
}
