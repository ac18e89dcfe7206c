import { Alert, Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useActiveInstitution } from '../../app/activeInstitution.ts';
import { useFormats } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import { type ForceIncidentList, useIncidents } from './force.api.ts';

/** Uses of force, newest first: when, on whom, the force used, the review and the examinations. */
export function IncidentTable({ list, caption }: { list: ForceIncidentList; caption: string }) {
  const { t } = useTranslation('force');
  const { dateTime } = useFormats();
  const zoneOf = useTimeZoneOf();
  return (
    <Table striped withTableBorder captionSide="top">
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('list.when')}</Table.Th>
          <Table.Th scope="col">{t('list.persons')}</Table.Th>
          <Table.Th scope="col">{t('list.types')}</Table.Th>
          <Table.Th scope="col">{t('list.review')}</Table.Th>
          <Table.Th scope="col">{t('list.examinations')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {list.items.map((i) => (
          <Table.Tr key={i.id}>
            <Table.Td>
              <Anchor component={Link} to={`/force/incidents/${encodeURIComponent(i.id)}`}>
                {dateTime(i.occurredAt, zoneOf(i.institutionId))}
              </Anchor>
            </Table.Td>
            <Table.Td>{i.persons.map((p) => `${p.prisonNumber} ${p.name}`).join(', ')}</Table.Td>
            <Table.Td>{i.types.map((type) => t(`types.${type}`)).join(', ')}</Table.Td>
            <Table.Td>
              {i.decision
                ? t(`decisions.${i.decision}`)
                : i.acknowledged
                  ? t('decisions.acknowledged')
                  : t('decisions.none')}
            </Table.Td>
            <Table.Td>
              {i.examinationsPending
                ? t('list.pending', { count: i.examinationsPending })
                : t('list.allDone')}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** INJ-7: the uses of force of the active institution, with "Report a use of force". */
export function ListPage() {
  const { t } = useTranslation('force');
  usePageTitle(t('list.title'));
  const user = useCurrentUser();
  const { activeId } = useActiveInstitution();
  const list = useIncidents({ institutionId: activeId });
  return (
    <Stack>
      <Title order={1}>{t('list.title')}</Title>
      <Text>{t('list.intro')}</Text>
      <Group>
        {allows(user, 'force.report.file') ? (
          <Button component={Link} to="/force/report">
            {t('list.report')}
          </Button>
        ) : null}
        {allows(user, 'force.register.read') ? (
          <Anchor component={Link} to="/force/register">
            {t('list.register')}
          </Anchor>
        ) : null}
      </Group>
      {!activeId ? (
        <Alert color="blue">{t('list.chooseInstitution')}</Alert>
      ) : (
        <QueryState query={list} empty={t('list.none')} isEmpty={(d) => !d.items.length}>
          {(data) => <IncidentTable list={data} caption={t('list.caption')} />}
        </QueryState>
      )}
    </Stack>
  );
}
