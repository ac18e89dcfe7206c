import { Alert, Anchor, Group, Loader, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { ALL_INSTITUTIONS, useActiveInstitution } from '../../app/activeInstitution.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { SpaceFlags, spacePerPerson } from './InstitutionsPage.tsx';
import { useRegistryLabels } from './labels.ts';
import { type SpaceAlert, useInstitutions, useSpaceAlerts } from './registry.api.ts';

/** The flagged cells of each institution, in the order the server lists them (by institution code). */
function byInstitution(items: SpaceAlert[]): [string, SpaceAlert[]][] {
  const groups = new Map<string, SpaceAlert[]>();
  for (const cell of items) {
    const group = groups.get(cell.institutionId);
    if (group) group.push(cell);
    else groups.set(cell.institutionId, [cell]);
  }
  return [...groups];
}

function Loading({ label }: { label: string }) {
  return (
    <Group gap="sm" role="status">
      <Loader size="sm" />
      <Text>{label}</Text>
    </Group>
  );
}

/**
 * STANDARDS RES-8, for governors and inspectors: every cell below 6 m² for one person or 4 m² per
 * person when shared (sanitary annex excluded), or with more occupants than its certified capacity.
 */
export function LivingSpacePage() {
  const { t } = useTranslation('registry');
  const labels = useRegistryLabels();
  const errorMessage = useErrorMessage();
  const alerts = useSpaceAlerts();
  const institutions = useInstitutions();
  usePageTitle(t('space.title'));
  const names = new Map((institutions.data ?? []).map((i) => [i.id, labels.institutionName(i.name)]));
  // Several institutions: the one chosen in the shell by default (ADR 0009), or all of them.
  const active = useActiveInstitution();
  const [filter, setFilter] = useState<string | null>(null);
  const several = active.national || active.choices.length > 1;
  const shown = several ? (filter ?? active.activeId) : ALL_INSTITUTIONS;

  const items = (alerts.data ?? []).filter((c) => !shown || c.institutionId === shown);
  const over = items.filter((c) => c.problems.includes('over_capacity')).length;
  const below = items.filter((c) => c.problems.some((p) => p !== 'over_capacity')).length;

  return (
    <Stack gap="md">
      <Title order={1}>{t('space.title')}</Title>
      <Text maw={760}>{t('space.intro')}</Text>
      {several ? (
        <NativeSelect
          label={t('fields.institution')}
          maw={420}
          className="no-print"
          value={shown}
          onChange={(e) => setFilter(e.currentTarget.value)}
          data={[
            { value: ALL_INSTITUTIONS, label: active.national ? t('switcher.all') : t('switcher.allMine') },
            ...active.choices.map((i) => ({
              value: i.id,
              label: `${i.code} · ${labels.institutionName(i.name)}`,
            })),
          ]}
        />
      ) : null}
      {alerts.isPending ? (
        <Loading label={t('space.loading')} />
      ) : alerts.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(alerts.error)}
        </Alert>
      ) : items.length === 0 ? (
        <Text role="status" fw={600}>
          {t('space.none')}
        </Text>
      ) : (
        <>
          <Text role="status" fw={600}>
            {t('space.summary', { n: items.length, over, below })}
          </Text>
          {byInstitution(items).map(([institutionId, cells]) => {
            const code = cells[0]?.institutionCode ?? '';
            const heading = `${code}${names.get(institutionId) ? ` · ${names.get(institutionId)}` : ''}`;
            return (
              <section key={institutionId} aria-labelledby={`space-${institutionId}`}>
                <Group justify="space-between" align="baseline" mb="xs">
                  <Title order={2} size="h3" id={`space-${institutionId}`}>
                    {heading} ({cells.length})
                  </Title>
                  <Anchor
                    component={Link}
                    to={`/registry/institutions/${institutionId}`}
                    className="no-print"
                  >
                    {t('space.allCells', { institution: code })}
                  </Anchor>
                </Group>
                <Table.ScrollContainer minWidth={760}>
                  <Table striped withTableBorder>
                    <Table.Caption>{t('space.captionFor', { institution: heading })}</Table.Caption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('space.cell')}</Table.Th>
                        <Table.Th scope="col">{t('space.type')}</Table.Th>
                        <Table.Th scope="col" ta="end">
                          {t('space.occupants')}
                        </Table.Th>
                        <Table.Th scope="col" ta="end">
                          {t('space.capacity')}
                        </Table.Th>
                        <Table.Th scope="col" ta="end">
                          {t('space.area')}
                        </Table.Th>
                        <Table.Th scope="col" ta="end">
                          {t('space.perPerson')}
                        </Table.Th>
                        <Table.Th scope="col">{t('space.flags')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {cells.map((cell) => (
                        <Table.Tr key={cell.cellId}>
                          <Table.Th scope="row">
                            <Anchor
                              component={Link}
                              to={`/registry/institutions/${cell.institutionId}#cell-${cell.cellId}`}
                            >
                              {cell.cellCode}
                            </Anchor>
                          </Table.Th>
                          <Table.Td>{labels.cellType(cell.cellType)}</Table.Td>
                          <Table.Td ta="end">{cell.occupants}</Table.Td>
                          <Table.Td ta="end">{cell.certifiedCapacity}</Table.Td>
                          <Table.Td ta="end">{labels.number(cell.floorAreaM2)}</Table.Td>
                          <Table.Td ta="end">{labels.number(spacePerPerson(cell))}</Table.Td>
                          <Table.Td>
                            <SpaceFlags problems={cell.problems} labels={labels} />
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </section>
            );
          })}
        </>
      )}
    </Stack>
  );
}

/**
 * `/registry/cells/:id` — where a worklist item about a cell leads: the cell in its institution's
 * list, or the living-space list when the cell is no longer flagged.
 */
export function CellPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('registry');
  const alerts = useSpaceAlerts();
  usePageTitle(t('space.title'));
  if (alerts.isPending) return <Loading label={t('space.loading')} />;
  const cell = alerts.data?.find((c) => c.cellId === id);
  if (cell)
    return <Navigate to={`/registry/institutions/${cell.institutionId}#cell-${cell.cellId}`} replace />;
  return <Navigate to="/registry/living-space" replace />;
}
