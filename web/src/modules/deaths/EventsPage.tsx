import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useActiveInstitution } from '../../app/activeInstitution.ts';
import { useFormats } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import { useOpenEvents } from './deaths.api.ts';

/** The open events of the user's institutions (DTH-1): each with its overdue steps. */
export function EventsPage() {
  const { t } = useTranslation('deaths');
  usePageTitle(t('list.title'));
  const user = useCurrentUser();
  const { activeId } = useActiveInstitution();
  const events = useOpenEvents(activeId);
  const zoneOf = useTimeZoneOf();
  const { dateTime } = useFormats();
  return (
    <Stack>
      <Title order={1}>{t('list.title')}</Title>
      <Text>{t('list.intro')}</Text>
      <Group>
        {allows(user, 'deaths.record') ? (
          <Button component={Link} to="/deaths/record">
            {t('list.record')}
          </Button>
        ) : null}
        {allows(user, 'deaths.register.read') ? (
          <Button component={Link} to="/deaths/register" variant="default">
            {t('list.register')}
          </Button>
        ) : null}
      </Group>
      <QueryState query={events} empty={t('list.none')} isEmpty={(d) => !d.items.length}>
        {(data) => (
          <Table striped withTableBorder captionSide="top">
            <Table.Caption>{t('list.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('list.person')}</Table.Th>
                <Table.Th scope="col">{t('list.kind')}</Table.Th>
                <Table.Th scope="col">{t('list.foundAt')}</Table.Th>
                <Table.Th scope="col">{t('list.overdue')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/deaths/events/${encodeURIComponent(e.id)}`}>
                      {e.prisonNumber} {e.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t(`kinds.${e.kind}`)}</Table.Td>
                  <Table.Td>{dateTime(e.foundAt, zoneOf(e.institutionId))}</Table.Td>
                  <Table.Td>{e.overdueSteps}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
    </Stack>
  );
}
