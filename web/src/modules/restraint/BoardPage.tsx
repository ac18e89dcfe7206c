import { Alert, Anchor, Badge, Button, Group, Loader, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useActiveInstitution } from '../../app/activeInstitution.ts';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { SafetyAlerts } from '../clinical/SafetyAlerts.tsx';
import { ObservationForm } from './ObservationForm.tsx';
import { minutesSince, StateLine, useSpan } from './parts.tsx';
import { type BoardEntry, useBoard, useNow } from './restraint.api.ts';

/**
 * The ward's live board (RST-6, RST-7): every open episode of the active institution with its
 * countdowns, kept up to date by Server-Sent Events; "Observe" then Enter records a usual note.
 */
export function BoardPage() {
  const { t } = useTranslation('restraint');
  const span = useSpan();
  usePageTitle(t('board.title'));
  const user = useCurrentUser();
  const { activeId } = useActiveInstitution();
  const board = useBoard(activeId);
  const now = useNow();
  const [observing, setObserving] = useState<BoardEntry | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const canObserve = allows(user, 'restraint.observation.record');

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('board.title')}</Title>
        {allows(user, 'restraint.episode.start') ? (
          <Button component={Link} to="/restraint/start">
            {t('board.start')}
          </Button>
        ) : null}
      </Group>
      <Text>{t('board.intro')}</Text>
      {!activeId ? <Alert color="blue">{t('board.chooseInstitution')}</Alert> : null}
      {activeId ? (
        <Text size="sm" role="status">
          {board.live ? t('board.live') : t('board.notLive')}
        </Text>
      ) : null}
      {notice ? (
        <Alert
          color="green"
          role="status"
          withCloseButton
          closeButtonLabel={t('close')}
          onClose={() => setNotice(null)}
        >
          {notice}
        </Alert>
      ) : null}
      {board.isLoading ? <Loader role="status" aria-label={t('loading')} /> : null}
      {board.isError ? (
        <Alert color="red" role="alert">
          {t('failed')}
        </Alert>
      ) : null}
      {board.data && board.data.episodes.length === 0 ? <Text>{t('board.none')}</Text> : null}
      {board.data && board.data.episodes.length > 0 ? (
        <Table striped withTableBorder captionSide="top">
          <Table.Caption>{t('board.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('board.person')}</Table.Th>
              <Table.Th scope="col">{t('board.room')}</Table.Th>
              <Table.Th scope="col">{t('board.types')}</Table.Th>
              <Table.Th scope="col">{t('board.since')}</Table.Th>
              <Table.Th scope="col">{t('board.next')}</Table.Th>
              <Table.Th scope="col">{t('board.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {board.data.episodes.map((e) => (
              <Table.Tr key={e.id} data-episode={e.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/registry/persons/${encodeURIComponent(e.personId)}`}>
                    {e.name}
                  </Anchor>
                  <Text size="xs">{e.prisonNumber}</Text>
                  <SafetyAlerts alerts={e.alerts} size="sm" />
                </Table.Td>
                <Table.Td>{e.cellCode}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {e.types.map((type) => (
                      <Badge key={type} variant="outline" color="dark">
                        {t(`types.${type}`)}
                      </Badge>
                    ))}
                    {e.flags.map((flag) => (
                      <Badge
                        key={flag}
                        color="#9a3b00"
                        variant="filled"
                        // The whole word, never cut off with an ellipsis.
                        styles={{
                          root: { height: 'auto' },
                          label: { whiteSpace: 'normal', overflow: 'visible' },
                        }}
                      >
                        {t(`flags.${flag}`)}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>{span(minutesSince(e.startedAt, now))}</Table.Td>
                <Table.Td>
                  <StateLine state={e.state} now={now} />
                  {e.stillNeeded === false ? <Text size="sm">{t('prompt.stillNotNeeded')}</Text> : null}
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {canObserve ? (
                      <Button
                        size="xs"
                        onClick={() => setObserving(e)}
                        aria-label={`${t('board.observe')}: ${e.name}`}
                      >
                        {t('board.observe')}
                      </Button>
                    ) : null}
                    <Button
                      size="xs"
                      variant="default"
                      component={Link}
                      to={`/restraint/episodes/${encodeURIComponent(e.id)}`}
                      aria-label={`${t('board.open')}: ${e.name}`}
                    >
                      {t('board.open')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      <Modal
        opened={observing !== null}
        onClose={() => setObserving(null)}
        title={observing ? `${t('observation.title')}: ${observing.name}` : t('observation.title')}
        closeButtonProps={{ 'aria-label': t('close') }}
        transitionProps={{ duration: 0 }}
      >
        {observing ? (
          <ObservationForm
            episodeId={observing.id}
            onCancel={() => setObserving(null)}
            onDone={() => {
              setObserving(null);
              setNotice(t('observation.saved'));
            }}
          />
        ) : null}
      </Modal>
    </Stack>
  );
}
