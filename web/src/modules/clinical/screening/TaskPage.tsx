import { Alert, Anchor, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useErrorMessage } from '../../../app/errorMessage.ts';
import { displayName } from '../../../app/format.ts';
import { allows, useCurrentUser } from '../../../app/session.ts';
import { usePageTitle } from '../../../app/usePageTitle.ts';
import { useRegistryLabels } from '../../registry/labels.ts';
import { useTimeZoneOf } from '../../registry/registry.api.ts';
import './screening.css';
import { TaskState } from './ScreeningsPage.tsx';
import {
  completeTask,
  isScreeningTask,
  startScreening,
  useClinicalTasks,
  useRefreshScreening,
} from './screening.api.ts';

/**
 * `/clinical/tasks/:id`: one open clinical task. A screening opens its form (doctors, feldshers and
 * nurses: ADM-1); a countersignature opens the screening for the doctor to sign; a follow-up (TB
 * work-up, mental-health referral, prescriber review) is marked done.
 */
export function TaskPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('screening');
  const errorMessage = useErrorMessage();
  const labels = useRegistryLabels();
  const timeZoneOf = useTimeZoneOf();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const refresh = useRefreshScreening();
  const tasks = useClinicalTasks('');
  const [done, setDone] = useState(false);
  const task = tasks.data?.find((x) => x.id === id);
  usePageTitle(task ? t(`kinds.${task.kind}`, { defaultValue: task.kind }) : t('task.title'));

  const start = useMutation({
    mutationFn: () => startScreening(id),
    onSuccess: ({ encounterId }) => navigate(`/clinical/screenings/${encodeURIComponent(encounterId)}`),
  });
  const markDone = useMutation({
    mutationFn: () => completeTask(id),
    onSuccess: async () => {
      setDone(true);
      await refresh();
    },
  });

  const back = (
    <Anchor component={Link} to="/clinical/screenings">
      {t('task.back')}
    </Anchor>
  );
  if (done)
    return (
      <Stack gap="md" maw={760}>
        <Title order={1}>{t('task.title')}</Title>
        <Alert color="green" role="status">
          {t('task.done')}
        </Alert>
        {back}
      </Stack>
    );
  if (tasks.isPending)
    return (
      <Group gap="sm" role="status">
        <Loader size="sm" />
        <Text>{t('task.loading')}</Text>
      </Group>
    );
  if (tasks.isError || !task)
    return (
      <Stack gap="md" maw={760}>
        <Title order={1}>{t('task.title')}</Title>
        <Alert color={tasks.isError ? 'red' : 'gray'} role={tasks.isError ? 'alert' : 'status'}>
          {tasks.isError ? errorMessage(tasks.error) : t('task.notFound')}
        </Alert>
        {back}
      </Stack>
    );

  const zone = timeZoneOf(task.institutionId);
  const screening = isScreeningTask(task.kind);
  const failure = start.error ?? markDone.error;
  return (
    <Stack gap="md" maw={760}>
      <Title order={1}>{t(`kinds.${task.kind}`, { defaultValue: task.kind })}</Title>
      <Paper withBorder p="md">
        <dl className="screening-facts">
          <dt>{t('task.person')}</dt>
          <dd>
            <Anchor component={Link} to={`/registry/persons/${encodeURIComponent(task.personId)}`}>
              {displayName(task.person)}
            </Anchor>{' '}
            · {task.person.prisonNumber}
          </dd>
          <dt>{t('task.state')}</dt>
          <dd>
            <TaskState state={task.state} />
          </dd>
          <dt>{t('task.triggeredAt')}</dt>
          <dd>{labels.dateTime(task.triggeredAt, zone)}</dd>
          <dt>{t('task.dueAt')}</dt>
          <dd>{labels.dateTime(task.dueAt, zone)}</dd>
          <dt>{t('task.rule')}</dt>
          <dd>{task.sourceRef}</dd>
        </dl>
      </Paper>
      {failure ? (
        <Alert color="red" role="alert">
          {errorMessage(failure)}
        </Alert>
      ) : null}
      <Group gap="sm">
        {screening ? (
          allows(user, 'clinical.screening.complete') ? (
            <Button onClick={() => start.mutate()} loading={start.isPending}>
              {task.encounterId ? t('task.continue') : t('task.start')}
            </Button>
          ) : (
            <Text>{t('task.screenersOnly')}</Text>
          )
        ) : task.kind === 'screening_countersignature' ? (
          // ADM-1: closed by the doctor's countersignature on the screening itself.
          <>
            {task.encounterId ? (
              <Button component={Link} to={`/clinical/screenings/${encodeURIComponent(task.encounterId)}`}>
                {t('task.openToCountersign')}
              </Button>
            ) : null}
            <Text>{t('task.closedBySignature')}</Text>
          </>
        ) : allows(user, 'clinical.record.write') ? (
          <Button onClick={() => markDone.mutate()} loading={markDone.isPending}>
            {t('task.markDone')}
          </Button>
        ) : null}
      </Group>
      {back}
    </Stack>
  );
}
