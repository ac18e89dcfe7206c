import { Anchor, Button, Stack, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PersonTabProps } from '../../app/appModule.ts';
import { useFormats } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import { usePersonPlacements } from './segregation.api.ts';

/** A person's placements in segregation, newest first, and signing a new one (management only). */
export function PersonSegregationTab({ personId }: PersonTabProps) {
  const { t } = useTranslation('segregation');
  const user = useCurrentUser();
  const placements = usePersonPlacements(personId);
  const zoneOf = useTimeZoneOf();
  const { dateTime } = useFormats();
  return (
    <Stack>
      {allows(user, 'segregation.placement.decide') ? (
        <Button
          component={Link}
          to={`/segregation/start?person=${encodeURIComponent(personId)}`}
          w="fit-content"
        >
          {t('wing.start')}
        </Button>
      ) : null}
      <QueryState query={placements} empty={t('person.none')}>
        {(data) => (
          <Table striped withTableBorder captionSide="top">
            <Table.Caption>{t('person.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('placement.startedAt')}</Table.Th>
                <Table.Th scope="col">{t('wing.kind')}</Table.Th>
                <Table.Th scope="col">{t('placement.plannedEndAt')}</Table.Th>
                <Table.Th scope="col">{t('placement.endedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((p) => {
                const zone = zoneOf(p.institutionId);
                return (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/segregation/placements/${encodeURIComponent(p.id)}`}>
                        {dateTime(p.startedAt, zone)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{t(`kinds.${p.kind}`)}</Table.Td>
                    <Table.Td>{dateTime(p.plannedEndAt, zone)}</Table.Td>
                    <Table.Td>{p.endedAt ? dateTime(p.endedAt, zone) : t('person.open')}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
    </Stack>
  );
}
