import { Alert, Badge, Code, Group, List, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useRoleCatalogue } from './identity.api.ts';
import { useIdentityLabels } from './labels.ts';

/** A data class as a readable badge (PRODUCT.md: the classes every route and page declare). */
export function DataClassBadge({ dataClass }: { dataClass: string }) {
  const labels = useIdentityLabels();
  const strong = dataClass === 'clinical' || dataClass === 'restricted_clinical' || dataClass === 'audit';
  return (
    <Badge variant="outline" color={strong ? 'red.9' : 'gray.8'} tt="none" fw={600}>
      {labels.dataClass(dataClass)}
    </Badge>
  );
}

/**
 * Roles and what each may do: one row per role with its permissions, then every permission with the
 * data class it opens (read-only: the table is part of the release, not edited here).
 */
export function RolesPage() {
  const { t } = useTranslation('identity');
  const errorMessage = useErrorMessage();
  const labels = useIdentityLabels();
  const catalogue = useRoleCatalogue();
  usePageTitle(t('rolesPage.title'));

  if (catalogue.isPending) {
    return (
      <Stack gap="md">
        <Title order={1}>{t('rolesPage.title')}</Title>
        <Group gap="sm" role="status">
          <Loader size="sm" />
          <Text>{t('rolesPage.loading')}</Text>
        </Group>
      </Stack>
    );
  }
  if (catalogue.isError) {
    return (
      <Stack gap="md">
        <Title order={1}>{t('rolesPage.title')}</Title>
        <Alert color="red" role="alert">
          {errorMessage(catalogue.error)}
        </Alert>
      </Stack>
    );
  }

  const dataClassOf = new Map(catalogue.data.permissions.map((p) => [p.permission, p.dataClass]));
  // `authenticated` (any signed-in user) is every role's: it says nothing about a role.
  const meaningful = (permission: string) => permission !== 'authenticated' && permission !== 'public';

  return (
    <Stack gap="lg">
      <Title order={1}>{t('rolesPage.title')}</Title>
      <Text maw={760}>{t('rolesPage.intro')}</Text>

      <Table.ScrollContainer minWidth={640}>
        <Table withTableBorder withColumnBorders striped>
          <Table.Caption>{t('rolesPage.rolesCaption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w="28%">
                {t('rolesPage.role')}
              </Table.Th>
              <Table.Th scope="col">{t('rolesPage.permissions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {catalogue.data.roles.map(({ role, permissions }) => {
              const shown = permissions.filter(meaningful);
              return (
                <Table.Tr key={role}>
                  <Table.Th scope="row" fw={600}>
                    {labels.role(role)}
                    <Text size="xs" c="dimmed" ff="monospace">
                      {role}
                    </Text>
                  </Table.Th>
                  <Table.Td>
                    {shown.length === 0 ? (
                      <Text size="sm">{t('rolesPage.onlyOwnAccount')}</Text>
                    ) : (
                      <List size="sm" spacing={4}>
                        {shown.map((permission) => (
                          <List.Item key={permission}>
                            {labels.permission(permission)}{' '}
                            <Text span size="xs" c="dimmed">
                              ({labels.dataClass(dataClassOf.get(permission) ?? '')})
                            </Text>
                          </List.Item>
                        ))}
                      </List>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <Title order={2}>{t('rolesPage.permissionsTitle')}</Title>
      <Table.ScrollContainer minWidth={640}>
        <Table withTableBorder striped>
          <Table.Caption>{t('rolesPage.permissionsCaption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('rolesPage.permission')}</Table.Th>
              <Table.Th scope="col">{t('rolesPage.code')}</Table.Th>
              <Table.Th scope="col">{t('rolesPage.dataClass')}</Table.Th>
              <Table.Th scope="col">{t('rolesPage.heldBy')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {catalogue.data.permissions.map(({ permission, dataClass }) => (
              <Table.Tr key={permission}>
                <Table.Th scope="row" fw={500}>
                  {labels.permission(permission)}
                </Table.Th>
                <Table.Td>
                  <Code>{permission}</Code>
                </Table.Td>
                <Table.Td>
                  <DataClassBadge dataClass={dataClass} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {permission === 'public'
                      ? t('rolesPage.everyone')
                      : permission === 'authenticated'
                        ? t('rolesPage.everySignedIn')
                        : labels.roles(
                            catalogue.data.roles
                              .filter((r) => r.permissions.includes(permission))
                              .map((r) => r.role),
                          ) || t('rolesPage.noRole')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
