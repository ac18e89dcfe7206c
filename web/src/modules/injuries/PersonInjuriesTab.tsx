import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PersonTabProps } from '../../app/appModule.ts';
import { useFormats } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import { usePersonInjuries } from './injuries.api.ts';

/** A person's injury records (clinical), newest first; admission screenings still to document. */
export function PersonInjuriesTab({ personId }: PersonTabProps) {
  const { t } = useTranslation('injuries');
  const user = useCurrentUser();
  const data = usePersonInjuries(personId);
  const zoneOf = useTimeZoneOf();
  const { dateTime } = useFormats();
  const enc = encodeURIComponent;
  const writer = allows(user, 'injuries.record.write');
  return (
    <Stack>
      {writer ? (
        <Button component={Link} to={`/injuries/persons/${enc(personId)}/new`} w="fit-content">
          {t('person.new')}
        </Button>
      ) : null}
      <QueryState query={data}>
        {(d) => (
          <Stack>
            {writer && d.screeningsToDocument.length ? (
              <Stack gap={4}>
                {d.screeningsToDocument.map((s) => (
                  <Group key={s.encounterId}>
                    <Text>{t('person.screening', { count: s.lesions })}</Text>
                    <Button
                      size="xs"
                      variant="light"
                      component={Link}
                      to={`/injuries/persons/${enc(personId)}/new?context=admission&source=${enc(s.encounterId)}`}
                    >
                      {t('person.fromScreening')}
                    </Button>
                  </Group>
                ))}
              </Stack>
            ) : null}
            {d.items.length ? (
              <Table striped withTableBorder captionSide="top">
                <Table.Caption>{t('person.caption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('record.examinedAt')}</Table.Th>
                    <Table.Th scope="col">{t('record.context')}</Table.Th>
                    <Table.Th scope="col">{t('record.conclusion')}</Table.Th>
                    <Table.Th scope="col">{t('record.reportState')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.items.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/injuries/records/${enc(r.id)}`}>
                          {dateTime(r.examinedAt, zoneOf(r.institutionId))}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{t(`contexts.${r.context}`)}</Table.Td>
                      <Table.Td>{t(`conclusions.${r.conclusion}`)}</Table.Td>
                      <Table.Td>{t(`reportStates.${r.report.state}`)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : (
              <Text>{t('person.none')}</Text>
            )}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
