import { calendarDateIn } from '@custodia/domain';
import { Alert, Anchor, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActiveInstitution } from '../../app/activeInstitution.ts';
import { homeTimeZone } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { reportExportUrl, useSelfharmReport } from './selfharm.api.ts';

/** Today as YYYY-MM-DD in the deployment's zone (the report's days are the institution's). */
const today = () => calendarDateIn(new Date(), homeTimeZone());

/**
 * Open care plans and missed checks per wing for a period (issue 17 item 6). DAT-6: outside the
 * health service small counts are shown as "<5", and the page says so.
 */
export function ReportPage() {
  const { t, i18n } = useTranslation('selfharm');
  usePageTitle(t('report.title'));
  const { activeId } = useActiveInstitution();
  const [to, setTo] = useState(today);
  const [from, setFrom] = useState(() => `${today().slice(0, 8)}01`);
  const report = useSelfharmReport(activeId, from, to);
  const cell = (n: number | null) => (n === null ? t('report.suppressed') : n);
  const language = i18n.resolvedLanguage ?? 'az';
  return (
    <Stack>
      <Title order={1}>{t('report.title')}</Title>
      <Text>{t('report.intro')}</Text>
      <Group align="flex-end">
        <TextInput
          type="date"
          label={t('report.from')}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t('report.to')}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
        />
        {activeId ? (
          <>
            <Anchor href={reportExportUrl(activeId, from, to, 'csv', language)} download>
              {t('report.csv')}
            </Anchor>
            <Anchor href={reportExportUrl(activeId, from, to, 'pdf', language)} download>
              {t('report.pdf')}
            </Anchor>
          </>
        ) : null}
      </Group>
      {!activeId ? (
        <Alert color="blue">{t('ward.chooseInstitution')}</Alert>
      ) : (
        <QueryState query={report}>
          {(r) => (
            <Stack>
              {r.suppression ? (
                <Alert color="blue">{t('report.suppression', { threshold: r.suppression.threshold })}</Alert>
              ) : null}
              <Table withTableBorder striped captionSide="top">
                <Table.Caption>{t('report.caption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('report.unit')}</Table.Th>
                    <Table.Th scope="col">{t('report.opened')}</Table.Th>
                    <Table.Th scope="col">{t('report.openNow')}</Table.Th>
                    <Table.Th scope="col">{t('report.missedChecks')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.units.map((u) => (
                    <Table.Tr key={u.unitId || 'none'}>
                      <Table.Th scope="row">{u.unitCode || t('report.noUnit')}</Table.Th>
                      <Table.Td>{cell(u.opened)}</Table.Td>
                      <Table.Td>{cell(u.openNow)}</Table.Td>
                      <Table.Td>{cell(u.missedChecks)}</Table.Td>
                    </Table.Tr>
                  ))}
                  <Table.Tr>
                    <Table.Th scope="row">{t('report.total')}</Table.Th>
                    <Table.Td>{cell(r.totals.opened)}</Table.Td>
                    <Table.Td>{cell(r.totals.openNow)}</Table.Td>
                    <Table.Td>{cell(r.totals.missedChecks)}</Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
            </Stack>
          )}
        </QueryState>
      )}
    </Stack>
  );
}
