import { Anchor, Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useUsers } from './identity.api.ts';
import { useIdentityLabels } from './labels.ts';

/** User administration: search by user name or display name, a page at a time. */
export function UsersPage() {
  const { t } = useTranslation('identity');
  const labels = useIdentityLabels();
  const canManage = allows(useCurrentUser(), 'identity.user.manage');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [search, setSearch] = useState(q);
  const users = useUsers(q);
  usePageTitle(t('users.title'));

  const items = users.data?.pages.flatMap((page) => page.items) ?? [];

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = search.trim();
    setParams(next ? { q: next } : {});
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('users.title')}</Title>
        {canManage ? (
          <Button component={Link} to="/identity/users/new">
            {t('users.create')}
          </Button>
        ) : null}
      </Group>

      {/* biome-ignore lint/a11y/useSemanticElements: <search> is unknown to older browsers (and jsdom). */}
      <form onSubmit={submit} role="search" aria-label={t('users.searchLabel')}>
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('users.search')}
            description={t('users.searchHint')}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            maxLength={64}
            w={320}
          />
          <Button type="submit" variant="default">
            {t('users.searchSubmit')}
          </Button>
        </Group>
      </form>

      <QueryState
        query={users}
        loading={t('users.loading')}
        empty={q ? t('users.noneFound', { q }) : t('users.none')}
        isEmpty={() => items.length === 0}
      >
        {() => (
          <>
            <Text size="sm" role="status">
              {users.hasNextPage
                ? t('users.shownMore', { n: items.length })
                : t('users.shown', { n: items.length })}
            </Text>
            <Table.ScrollContainer minWidth={720}>
              <Table striped withTableBorder>
                <Table.Caption>{t('users.caption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('users.fields.username')}</Table.Th>
                    <Table.Th scope="col">{t('users.fields.displayName')}</Table.Th>
                    <Table.Th scope="col">{t('users.fields.roles')}</Table.Th>
                    <Table.Th scope="col">{t('users.fields.status')}</Table.Th>
                    <Table.Th scope="col">{t('users.fields.twoFactor')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((user) => (
                    <Table.Tr key={user.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/identity/users/${user.id}`}>
                          {user.username}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{user.displayName}</Table.Td>
                      <Table.Td>{labels.roles(user.roles)}</Table.Td>
                      <Table.Td>
                        <Badge variant="outline" color={user.active ? 'teal.9' : 'gray.8'}>
                          {user.active ? t('users.active') : t('users.inactive')}
                        </Badge>
                        {user.locked ? (
                          <Badge variant="outline" color="red.9" ml="xs">
                            {t('users.locked')}
                          </Badge>
                        ) : null}
                      </Table.Td>
                      <Table.Td>{user.twoFactorEnabled ? t('twoFactor.on') : t('twoFactor.off')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {users.hasNextPage ? (
              <div className="no-print">
                <Button
                  variant="default"
                  onClick={() => void users.fetchNextPage()}
                  loading={users.isFetchingNextPage}
                >
                  {t('users.loadMore')}
                </Button>
              </div>
            ) : null}
          </>
        )}
      </QueryState>
    </Stack>
  );
}
