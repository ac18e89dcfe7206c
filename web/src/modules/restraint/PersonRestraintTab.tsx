import { Anchor, Button, Loader, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PersonTabProps } from '../../app/appModule.ts';
import { allows, useCurrentUser } from '../../app/session.ts';
import { useRegistryLabels } from '../registry/labels.ts';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import { useSpan } from './parts.tsx';
import { usePersonEpisodes } from './restraint.api.ts';

/** The person's restraint and seclusion episodes (RST-10: also in the person's file). */
export function PersonRestraintTab({ personId }: PersonTabProps) {
  const { t } = useTranslation('restraint');
  const user = useCurrentUser();
  const episodes = usePersonEpisodes(personId);
  // Issue 14: in the institution's zone, not UTC; a duration in words ("24 h", not "1440").
  const labels = useRegistryLabels();
  const timeZoneOf = useTimeZoneOf();
  const span = useSpan();
  return (
    <Stack>
      {allows(user, 'restraint.episode.start') ? (
        <Button
          component={Link}
          to={`/restraint/start?person=${encodeURIComponent(personId)}`}
          w="fit-content"
        >
          {t('board.start')}
        </Button>
      ) : null}
      {episodes.isLoading ? <Loader role="status" aria-label={t('loading')} /> : null}
      {episodes.data && episodes.data.length === 0 ? <Text>{t('person.none')}</Text> : null}
      {episodes.data && episodes.data.length > 0 ? (
        <Table striped withTableBorder captionSide="top">
          <Table.Caption>{t('person.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('episode.started')}</Table.Th>
              <Table.Th scope="col">{t('board.types')}</Table.Th>
              <Table.Th scope="col">{t('register.minutes')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {episodes.data.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/restraint/episodes/${encodeURIComponent(e.id)}`}>
                    {labels.dateTime(e.startedAt, timeZoneOf(e.institutionId))}
                  </Anchor>
                </Table.Td>
                <Table.Td>{e.types.map((x) => t(`types.${x}`)).join(', ')}</Table.Td>
                <Table.Td>{e.state.open ? t('episode.open') : span(e.state.durationMinutes)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Stack>
  );
}
