import { Alert, Anchor, Button, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useActiveInstitution } from '../../app/activeInstitution.ts';
import { useFormats } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import { usePromptDone, usePrompts } from './selfharm.api.ts';

/** MHS-4: re-screening prompts at the high-risk moments (first days after admission, transfer, court). */
export function PromptsPage() {
  const { t } = useTranslation('selfharm');
  usePageTitle(t('prompts.title'));
  const { activeId } = useActiveInstitution();
  const prompts = usePrompts(activeId);
  const done = usePromptDone();
  const zone = useTimeZoneOf()(activeId);
  const { dateTime } = useFormats();
  return (
    <Stack>
      <Title order={1}>{t('prompts.title')}</Title>
      <Text>{t('prompts.intro')}</Text>
      {!activeId ? (
        <Alert color="blue">{t('ward.chooseInstitution')}</Alert>
      ) : (
        <QueryState query={prompts} empty={t('prompts.none')}>
          {(data) => (
            <Table withTableBorder striped captionSide="top">
              <Table.Caption>{t('prompts.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('ward.person')}</Table.Th>
                  <Table.Th scope="col">{t('prompts.moment')}</Table.Th>
                  <Table.Th scope="col">{t('prompts.dueAt')}</Table.Th>
                  <Table.Th scope="col">{t('prompts.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/persons/${encodeURIComponent(p.personId)}`}>
                        {p.name}
                      </Anchor>
                      <Text size="xs">{p.prisonNumber}</Text>
                    </Table.Td>
                    <Table.Td>
                      {t(`moments.${p.moment}`)} · {dateTime(p.occurredAt, zone)}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={p.overdue ? 'red.9' : undefined} fw={p.overdue ? 700 : 400}>
                        {dateTime(p.dueAt, zone)} {p.overdue ? `· ${t('prompts.overdue')}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => done.mutate(p.id)}
                        loading={done.isPending}
                      >
                        {t('prompts.done')}
                      </Button>{' '}
                      <Button
                        size="xs"
                        variant="subtle"
                        component={Link}
                        to={`/selfharm/concern?person=${encodeURIComponent(p.personId)}`}
                      >
                        {t('nav.concern')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </QueryState>
      )}
    </Stack>
  );
}
