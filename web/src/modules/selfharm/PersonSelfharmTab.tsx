import { Anchor, Button, Group, Stack, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PersonTabProps } from '../../app/appModule.ts';
import { useFormats } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePersonPlans } from './selfharm.api.ts';

/** A person's care plans, newest first, and raising a concern (any staff member). */
export function PersonSelfharmTab({ personId }: PersonTabProps) {
  const { t } = useTranslation('selfharm');
  const user = useCurrentUser();
  const plans = usePersonPlans(personId);
  const { dateTime } = useFormats();
  return (
    <Stack>
      {allows(user, 'selfharm.concern.raise') ? (
        <Group>
          <Button component={Link} to={`/selfharm/concern?person=${encodeURIComponent(personId)}`}>
            {t('nav.concern')}
          </Button>
          <Button
            variant="default"
            component={Link}
            to={`/selfharm/bad-news?person=${encodeURIComponent(personId)}`}
          >
            {t('badNews.title')}
          </Button>
        </Group>
      ) : null}
      <QueryState query={plans} empty={t('person.none')}>
        {(data) => (
          <Table striped withTableBorder captionSide="top">
            <Table.Caption>{t('person.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('plan.raised')}</Table.Th>
                <Table.Th scope="col">{t('person.status')}</Table.Th>
                <Table.Th scope="col">{t('person.closed')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/selfharm/plans/${encodeURIComponent(p.id)}`}>
                      {dateTime(p.raisedAt)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t(`status.${p.status}`)}</Table.Td>
                  <Table.Td>{p.closedAt ? dateTime(p.closedAt) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
    </Stack>
  );
}
