import { Alert, Anchor, Badge, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useActiveInstitution } from '../../../app/activeInstitution.ts';
import { useErrorMessage } from '../../../app/errorMessage.ts';
import { displayName } from '../../../app/format.ts';
import { allows, useCurrentUser } from '../../../app/session.ts';
import { usePageTitle } from '../../../app/usePageTitle.ts';
import { useRegistryLabels } from '../../registry/labels.ts';
import { useTimeZoneOf } from '../../registry/registry.api.ts';
import {
  type ClinicalTask,
  type ScreeningRate,
  useClinicalTasks,
  useScreeningRate,
} from './screening.api.ts';

/** Due or overdue, said in words and with a mark, not by colour alone. */
export function TaskState({ state }: { state: ClinicalTask['state'] }) {
  const { t } = useTranslation('screening');
  const overdue = state === 'overdue';
  return (
    <Badge variant={overdue ? 'filled' : 'outline'} color={overdue ? 'red.9' : 'blue.9'}>
      {overdue ? `! ${t('state.overdue')}` : t(`state.${state}`)}
    </Badge>
  );
}

function duration(t: (key: string, values?: Record<string, unknown>) => string, minutes: number) {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  return h ? t('stats.hoursMinutes', { h, m }) : t('stats.minutes', { m });
}

/** ADM-1 over the last 30 days: the share screened within the limit and the median time. */
function RatePanel({ institutionId }: { institutionId: string }) {
  const { t } = useTranslation('screening');
  const errorMessage = useErrorMessage();
  const rate = useScreeningRate(institutionId, true);
  const body = (data: ScreeningRate) => {
    // DAT-6: outside the health service small counts are left out, and the page says so.
    if (data.suppression?.cells.length)
      return <Text>{t('stats.suppressed', { max: data.suppression.threshold - 1 })}</Text>;
    if (!data.admissions) return <Text>{t('stats.none')}</Text>;
    return (
      <Stack gap={4}>
        <Text>
          {t('stats.percent', {
            percent: data.percentInTime ?? 0,
            inTime: data.screenedInTime,
            admissions: data.admissions,
          })}
        </Text>
        <Text>
          {data.medianMinutes === null
            ? t('stats.noMedian')
            : t('stats.median', { time: duration(t, data.medianMinutes) })}
        </Text>
      </Stack>
    );
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="screening-rate">
      <Title order={2} size="h4" id="screening-rate" mb="xs">
        {t('stats.title')}
      </Title>
      {rate.isPending ? (
        <Loader size="xs" />
      ) : rate.isError ? (
        <Text c="red.9">{errorMessage(rate.error)}</Text>
      ) : (
        body(rate.data)
      )}
    </Paper>
  );
}

/**
 * `/clinical/screenings`: open screenings and the tasks they set in motion, in the institution the
 * user works in now, soonest deadline first, overdue marked in words (ADM-1, ADM-5 … ADM-9); for
 * users who read statistics, the ADM-1 indicator of the last 30 days.
 */
export function ScreeningsPage() {
  const { t } = useTranslation('screening');
  const errorMessage = useErrorMessage();
  const labels = useRegistryLabels();
  const user = useCurrentUser();
  const timeZoneOf = useTimeZoneOf();
  usePageTitle(t('list.title'));
  const active = useActiveInstitution();
  const institutionName = labels.institutionName(active.choices.find((i) => i.id === active.activeId)?.name);
  const tasks = useClinicalTasks(active.activeId);
  const overdue = (tasks.data ?? []).filter((task) => task.state === 'overdue').length;

  return (
    <Stack gap="md" maw={1200}>
      <Title order={1}>{t('list.title')}</Title>
      <Text>{active.activeId ? t('list.in', { institution: institutionName }) : t('list.inAll')}</Text>
      {allows(user, 'statistics.read') ? <RatePanel institutionId={active.activeId} /> : null}
      {tasks.isPending ? (
        <Group gap="sm" role="status">
          <Loader size="sm" />
          <Text>{t('list.loading')}</Text>
        </Group>
      ) : tasks.isError ? (
        <Alert color="red" role="alert" title={t('list.failed')}>
          {errorMessage(tasks.error)}
        </Alert>
      ) : tasks.data.length === 0 ? (
        <Paper withBorder p="lg">
          <Text fw={600} role="status">
            {t('list.empty')}
          </Text>
        </Paper>
      ) : (
        <>
          <Text fw={600} role="status">
            {t('list.count', { n: tasks.data.length, overdue })}
          </Text>
          <Table.ScrollContainer minWidth={760}>
            <Table withTableBorder striped>
              <Table.Caption>{t('list.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('list.columns.state')}</Table.Th>
                  <Table.Th scope="col">{t('list.columns.dueAt')}</Table.Th>
                  <Table.Th scope="col">{t('list.columns.person')}</Table.Th>
                  <Table.Th scope="col">{t('list.columns.prisonNumber')}</Table.Th>
                  <Table.Th scope="col">{t('list.columns.kind')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tasks.data.map((task) => (
                  <Table.Tr key={task.id}>
                    <Table.Td>
                      <TaskState state={task.state} />
                    </Table.Td>
                    <Table.Td>{labels.dateTime(task.dueAt, timeZoneOf(task.institutionId))}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/registry/persons/${encodeURIComponent(task.personId)}`}>
                        {displayName(task.person)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{task.person.prisonNumber}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/clinical/tasks/${encodeURIComponent(task.id)}`}>
                        {t(`kinds.${task.kind}`, { defaultValue: task.kind })}
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}
