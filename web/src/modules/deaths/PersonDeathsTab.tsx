import { Anchor, Button, Stack, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PersonTabProps } from '../../app/appModule.ts';
import { useFormats } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import { usePersonEvents } from './deaths.api.ts';

/** A person's reported events, newest first, and reporting a new one (INJ-8, DTH-1). */
export function PersonDeathsTab({ personId }: PersonTabProps) {
  const { t } = useTranslation('deaths');
  const user = useCurrentUser();
  const events = usePersonEvents(personId);
  const zoneOf = useTimeZoneOf();
  const { dateTime } = useFormats();
  return (
    <Stack>
      {allows(user, 'deaths.record') ? (
        <Button component={Link} to={`/deaths/record?person=${encodeURIComponent(personId)}`} w="fit-content">
          {t('person.record')}
        </Button>
      ) : null}
      <QueryState query={events} empty={t('person.none')}>
        {(data) => (
          <Table striped withTableBorder captionSide="top">
            <Table.Caption>{t('person.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('list.foundAt')}</Table.Th>
                <Table.Th scope="col">{t('list.kind')}</Table.Th>
                <Table.Th scope="col">{t('list.overdue')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/deaths/events/${encodeURIComponent(e.id)}`}>
                      {dateTime(e.foundAt, zoneOf(e.institutionId))}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t(`kinds.${e.kind}`)}</Table.Td>
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
