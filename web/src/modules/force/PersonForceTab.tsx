import { Button, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PersonTabProps } from '../../app/appModule.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { useIncidents } from './force.api.ts';
import { IncidentTable } from './ListPage.tsx';

/** A person's uses of force, newest first, and reporting a new one (custodial staff). */
export function PersonForceTab({ personId }: PersonTabProps) {
  const { t } = useTranslation('force');
  const user = useCurrentUser();
  const list = useIncidents({ personId });
  return (
    <Stack>
      {allows(user, 'force.report.file') ? (
        <Button component={Link} to={`/force/report?person=${encodeURIComponent(personId)}`} w="fit-content">
          {t('list.report')}
        </Button>
      ) : null}
      <QueryState query={list} empty={t('list.none')} isEmpty={(d) => !d.items.length}>
        {(data) => <IncidentTable list={data} caption={t('list.caption')} />}
      </QueryState>
    </Stack>
  );
}
