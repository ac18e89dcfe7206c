import { Anchor, Button, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PersonTabProps } from '../../app/appModule.ts';
import { useFormats } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import { usePersonHungerStrikes } from './hungerstrike.api.ts';

/** A person's hunger strikes (clinical), newest first, and the way to open one (HUN-1). */
export function PersonHungerStrikesTab({ personId }: PersonTabProps) {
  const { t } = useTranslation('hungerstrike');
  const user = useCurrentUser();
  const data = usePersonHungerStrikes(personId);
  const zoneOf = useTimeZoneOf();
  const { dateTime } = useFormats();
  const enc = encodeURIComponent;
  return (
    <Stack>
      <QueryState query={data}>
        {(d) => (
          <Stack>
            {allows(user, 'hungerstrike.record') && !d.items.some((e) => !e.endedAt) ? (
              <Button component={Link} to={`/hunger-strikes/persons/${enc(personId)}/new`} w="fit-content">
                {t('person.open')}
              </Button>
            ) : null}
            {d.items.length ? (
              <EpisodeTable
                items={d.items}
                caption={t('person.caption')}
                zoneOf={zoneOf}
                dateTime={dateTime}
              />
            ) : (
              <Text>{t('person.none')}</Text>
            )}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}

/** Strikes as a table: since, day, state, and today's duties. */
export function EpisodeTable({
  items,
  caption,
  zoneOf,
  dateTime,
  withPerson = false,
}: {
  items: import('./hungerstrike.api.ts').HungerRow[];
  caption: string;
  zoneOf: (id: string | null | undefined) => string | undefined;
  dateTime: (iso: string | null | undefined, zone?: string | null) => string;
  withPerson?: boolean;
}) {
  const { t } = useTranslation('hungerstrike');
  const enc = encodeURIComponent;
  return (
    <Table striped withTableBorder captionSide="top">
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          {withPerson ? <Table.Th scope="col">{t('list.person')}</Table.Th> : null}
          <Table.Th scope="col">{t('list.since')}</Table.Th>
          <Table.Th scope="col">{t('list.type')}</Table.Th>
          <Table.Th scope="col">{t('list.day')}</Table.Th>
          <Table.Th scope="col">{t('list.state')}</Table.Th>
          <Table.Th scope="col">{t('list.today')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((e) => (
          <Table.Tr key={e.id}>
            {withPerson ? (
              <Table.Td>
                <Anchor component={Link} to={`/hunger-strikes/${enc(e.id)}`}>
                  {e.name} · {e.prisonNumber}
                </Anchor>
              </Table.Td>
            ) : null}
            <Table.Td>
              {withPerson ? (
                dateTime(e.startedAt, zoneOf(e.institutionId))
              ) : (
                <Anchor component={Link} to={`/hunger-strikes/${enc(e.id)}`}>
                  {dateTime(e.startedAt, zoneOf(e.institutionId))}
                </Anchor>
              )}
            </Table.Td>
            <Table.Td>{t(`types.${e.type}`)}</Table.Td>
            <Table.Td>{e.dayNumber}</Table.Td>
            <Table.Td>{t(`states.${e.state}`)}</Table.Td>
            <Table.Td>
              {e.endedAt
                ? '—'
                : [
                    e.offerDue ? t('list.offerDue') : t('list.offerDone'),
                    e.measurementsDue ? t('list.measure') : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
