import { Alert, Anchor, Button, Group, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { nameIn, WARNING_COLOR } from '../../app/format.ts';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { SafetyAlerts } from '../clinical/SafetyAlerts.tsx';
import { useRegistryLabels } from './labels.ts';
import { usePersons } from './registry.api.ts';
import { Tag } from './Tag.tsx';

/** The colour of a custody status badge (outline, dark shades for contrast). */
export function statusColor(status: string): string {
  switch (status) {
    case 'in_custody':
      return 'teal.9';
    case 'in_transit':
    case 'temporarily_absent':
      return WARNING_COLOR;
    default:
      return 'gray.8';
  }
}

/**
 * Find a person by prison number or any part of a name, in any script: "Məmmədov", "Мамедов" and
 * "Mammadov" find the same people. The list shows both spellings and the date of birth, so that
 * namesakes can be told apart.
 */
export function PersonSearchPage() {
  const { t } = useTranslation('registry');
  const labels = useRegistryLabels();
  const errorMessage = useErrorMessage();
  const user = useCurrentUser();
  const canAdmit = allows(user, 'registry.person.write');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [search, setSearch] = useState(q);
  const persons = usePersons(q);
  usePageTitle(t('search.title'));

  // A search started from the header box changes the address: show it in the field too.
  useEffect(() => setSearch(q), [q]);

  const items = persons.data?.pages.flatMap((page) => page.items) ?? [];
  // MED-3: the server sends the alerts only to readers holding `health_alert.read`.
  const withAlerts = allows(user, 'health_alert.read');

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = search.trim();
    setParams(next ? { q: next } : {});
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('search.title')}</Title>
        {canAdmit ? (
          <Button component={Link} to="/registry/admit" className="no-print">
            {t('search.admit')}
          </Button>
        ) : null}
      </Group>

      <search aria-label={t('search.searchLabel')} className="no-print">
        <form onSubmit={submit}>
          <Group align="flex-end" gap="sm">
            <TextInput
              label={t('search.field')}
              description={t('search.fieldHint')}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              maxLength={120}
              w={360}
              name="q"
              type="search"
            />
            <Button type="submit" variant="default">
              {t('search.submit')}
            </Button>
          </Group>
        </form>
      </search>

      {persons.isPending ? (
        <Group gap="sm" role="status">
          <Loader size="sm" />
          <Text>{t('search.loading')}</Text>
        </Group>
      ) : persons.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(persons.error)}
        </Alert>
      ) : items.length === 0 ? (
        <Text role="status">{q ? t('search.noneFound', { q }) : t('search.none')}</Text>
      ) : (
        <>
          <Text size="sm" role="status">
            {persons.hasNextPage
              ? t('search.shownMore', { n: items.length })
              : t('search.shown', { n: items.length })}
          </Text>
          <Table.ScrollContainer minWidth={860}>
            <Table striped withTableBorder>
              <Table.Caption>{q ? t('search.captionFor', { q }) : t('search.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('fields.prisonNumber')}</Table.Th>
                  <Table.Th scope="col">{t('search.nameLatin')}</Table.Th>
                  <Table.Th scope="col">{t('search.nameCyrillic')}</Table.Th>
                  <Table.Th scope="col">{t('fields.birthDate')}</Table.Th>
                  <Table.Th scope="col">{t('fields.institution')}</Table.Th>
                  <Table.Th scope="col">{t('fields.status')}</Table.Th>
                  {withAlerts ? (
                    <Table.Th scope="col">{t('alerts.title', { ns: 'clinical' })}</Table.Th>
                  ) : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/registry/persons/${p.id}`}>
                        {p.prisonNumber}
                      </Anchor>
                    </Table.Td>
                    <Table.Td lang="az">{nameIn(p, 'latin') ?? '—'}</Table.Td>
                    <Table.Td lang="ru">{nameIn(p, 'cyrillic') ?? '—'}</Table.Td>
                    <Table.Td>{labels.date(p.birthDate)}</Table.Td>
                    <Table.Td>
                      {p.institution ? (
                        <>
                          {p.institution.code} · {labels.institutionName(p.institution.name)}
                        </>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Tag color={statusColor(p.status)}>{labels.status(p.status)}</Tag>
                    </Table.Td>
                    {withAlerts ? (
                      <Table.Td>
                        <SafetyAlerts alerts={p.alerts} size="sm" />
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {persons.hasNextPage ? (
            <div className="no-print">
              <Button
                variant="default"
                onClick={() => void persons.fetchNextPage()}
                loading={persons.isFetchingNextPage}
              >
                {t('search.loadMore')}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </Stack>
  );
}
