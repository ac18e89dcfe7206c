import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useActiveInstitution } from '../../app/activeInstitution.ts';
import { useFormats } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import { useNow } from '../restraint/restraint.api.ts';
import { CheckBadge, isMissed, OK_COLOR, useProblemText } from './parts.tsx';
import { newIdempotencyKey, useRecordCheck, useWard, type WardRow } from './selfharm.api.ts';

/**
 * What an officer records with one key (or one tap): what was seen, and whether they talked. The
 * digits are the second key press; the first picks the row. Nothing is pre-selected (no "normal").
 */
export const checkOutcomes = [
  { key: '1', seen: 'settled', conversation: false },
  { key: '2', seen: 'settled', conversation: true },
  { key: '3', seen: 'asleep_breathing', conversation: false },
  { key: '4', seen: 'low_withdrawn', conversation: true },
  { key: '5', seen: 'agitated', conversation: true },
  { key: '6', seen: 'harming', conversation: false },
] as const;

/**
 * SSH-1, MHS-3: the ward check list (the officer's view): every open plan of the institution with
 * its schedule and the triggers to know — a health alert, no diagnosis — and the check recorded in
 * two key presses: the row's number, then what was seen (or a tap on a large button). A missed check
 * turns the row red. The list updates live (Server-Sent Events).
 */
export function WardPage() {
  const { t } = useTranslation('selfharm');
  usePageTitle(t('ward.title'));
  const user = useCurrentUser();
  const { activeId } = useActiveInstitution();
  const ward = useWard(activeId);
  const now = useNow(15_000);
  const zone = useTimeZoneOf()(activeId);
  const { dateTime } = useFormats();
  const canCheck = allows(user, 'selfharm.check.record');
  const record = useRecordCheck();
  const problemText = useProblemText();
  const [selected, setSelected] = useState<number | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function check(row: WardRow, outcome: (typeof checkOutcomes)[number]) {
    setMessage(null);
    try {
      await record.mutateAsync({
        planId: row.planId,
        key: newIdempotencyKey(),
        body: { seen: outcome.seen, conversation: outcome.conversation },
      });
      setMessage({ ok: true, text: t('ward.recorded', { name: row.name, seen: t(`seen.${outcome.seen}`) }) });
    } catch (error) {
      setMessage({ ok: false, text: problemText(error) });
    }
    setSelected(null);
  }

  const rows = ward.data?.items ?? [];
  function onKeyDown(event: KeyboardEvent) {
    if (!canCheck || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target as HTMLElement;
    if (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return;
    if (event.key === 'Escape') {
      setSelected(null);
      return;
    }
    if (!/^[1-9]$/.test(event.key)) return;
    event.preventDefault();
    const n = Number(event.key);
    if (selected === null) {
      const row = rows[n - 1];
      if (row?.schedule.mode) setSelected(n - 1);
      return;
    }
    const row = rows[selected];
    const outcome = checkOutcomes.find((o) => o.key === event.key);
    if (row && outcome) void check(row, outcome);
  }

  // The page's shortcuts (the row's number, then what was seen) wherever the focus is, except in a
  // text field; every action is also a large button.
  const keys = useRef(onKeyDown);
  keys.current = onKeyDown;
  useEffect(() => {
    const listener = (event: KeyboardEvent) => keys.current(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('ward.title')}</Title>
        <Group>
          {ward.live ? <Badge color={OK_COLOR}>{t('ward.live')}</Badge> : null}
          {allows(user, 'selfharm.concern.raise') ? (
            <Button component={Link} to="/selfharm/concern" variant="default">
              {t('nav.concern')}
            </Button>
          ) : null}
        </Group>
      </Group>
      <Text>{t('ward.intro')}</Text>
      {canCheck ? <Text size="sm">{t('ward.keys')}</Text> : null}
      {message ? (
        <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </Alert>
      ) : null}
      {!activeId ? (
        <Alert color="blue">{t('ward.chooseInstitution')}</Alert>
      ) : (
        <QueryState query={ward} empty={t('ward.none')}>
          {(data) => (
            <Table withTableBorder captionSide="top" verticalSpacing="sm">
              <Table.Caption>{t('ward.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">#</Table.Th>
                  <Table.Th scope="col">{t('ward.person')}</Table.Th>
                  <Table.Th scope="col">{t('ward.schedule')}</Table.Th>
                  <Table.Th scope="col">{t('ward.triggers')}</Table.Th>
                  <Table.Th scope="col">{t('ward.checks')}</Table.Th>
                  {canCheck ? <Table.Th scope="col">{t('ward.record')}</Table.Th> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((row, i) => {
                  const missed = row.schedule.checkStatus !== null && isMissed(row.schedule, now);
                  return (
                    <Table.Tr
                      key={row.planId}
                      data-plan={row.planId}
                      data-missed={missed ? 'true' : 'false'}
                      bg={missed ? 'red.0' : selected === i ? 'blue.0' : undefined}
                      style={missed ? { borderLeft: '6px solid var(--mantine-color-red-9)' } : undefined}
                    >
                      <Table.Td>
                        <Text fw={700} size="lg">
                          {i + 1}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/selfharm/plans/${encodeURIComponent(row.planId)}`}>
                          {row.name}
                        </Anchor>
                        <Text size="xs">
                          {row.prisonNumber}
                          {row.cellCode ? ` · ${row.cellCode}` : ''}
                        </Text>
                        {row.schedule.mode ? null : <Text size="xs">{t(`status.${row.status}`)}</Text>}
                      </Table.Td>
                      <Table.Td>
                        {row.schedule.mode ? (
                          <Stack gap={2}>
                            <Text size="sm">
                              {row.schedule.mode === 'constant'
                                ? t('ward.constant', { observer: row.schedule.observerName ?? '' })
                                : t('ward.intermittent', { minutes: row.schedule.intervalMinutes })}
                            </Text>
                            <Text size="xs">
                              {t('ward.conversations', { count: row.schedule.conversationsPerDay ?? 0 })}
                            </Text>
                          </Stack>
                        ) : (
                          <Text size="sm">{t('ward.noSchedule')}</Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {row.schedule.triggers.length ? (
                          <Stack gap={2}>
                            {row.schedule.triggers.map((x) => (
                              <Text size="sm" key={x}>
                                {x}
                              </Text>
                            ))}
                          </Stack>
                        ) : (
                          <Text size="sm">—</Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Stack gap={2}>
                          <CheckBadge schedule={row.schedule} now={now} />
                          {row.schedule.lastCheckAt ? (
                            <Text size="xs">
                              {t('ward.last', { at: dateTime(row.schedule.lastCheckAt, zone) })}
                            </Text>
                          ) : null}
                          {row.schedule.nextCheckDueAt ? (
                            <Text size="xs" fw={missed ? 700 : 400}>
                              {t('ward.next', { at: dateTime(row.schedule.nextCheckDueAt, zone) })}
                            </Text>
                          ) : null}
                        </Stack>
                      </Table.Td>
                      {canCheck ? (
                        <Table.Td>
                          {row.schedule.mode ? (
                            <Group gap={6} role="group" aria-label={`${t('ward.record')}: ${row.name}`}>
                              {checkOutcomes.map((o) => (
                                <Button
                                  key={o.key}
                                  size="md"
                                  variant={o.seen === 'harming' ? 'filled' : 'default'}
                                  color={o.seen === 'harming' ? 'red.9' : undefined}
                                  loading={record.isPending && selected === i}
                                  onClick={() => void check(row, o)}
                                  aria-label={`${o.key} · ${t(`outcome.${o.key}`)}: ${row.name}`}
                                >
                                  {o.key} · {t(`outcome.${o.key}`)}
                                </Button>
                              ))}
                            </Group>
                          ) : null}
                        </Table.Td>
                      ) : null}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
        </QueryState>
      )}
      {selected !== null && rows[selected] ? (
        <Paper withBorder p="sm" role="status">
          {t('ward.selected', { n: selected + 1, name: rows[selected]?.name })}
        </Paper>
      ) : null}
    </Stack>
  );
}
