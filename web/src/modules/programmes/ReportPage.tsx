import {
  cohortColumns,
  notificationColumns,
  notificationRows,
  outcomeRows,
} from '@custodia/domain/programmes';
import { Alert, Anchor, Group, List, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActiveInstitution } from '../../app/activeInstitution.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import { type CohortReport, reportExportUrl, useCohortReport } from './programmes.api.ts';
import { StaffScreeningSection } from './StaffScreeningSection.tsx';

/** DAT-6: the mark of a count left out (explained on the page). */
const SUPPRESSED = '•';

/** The last finished quarter, `YYYY-Qn`. */
function lastQuarter(now: Date): string {
  const q = Math.floor(now.getUTCMonth() / 3);
  return q === 0 ? `${now.getUTCFullYear() - 1}-Q4` : `${now.getUTCFullYear()}-Q${q}`;
}

/**
 * The TB quarterly report (TB-3, PHC-8, PHC-9) in WHO's recording and reporting layout: cases
 * notified in the quarter by date of diagnosis, the outcomes of the drug-susceptible cohort registered
 * four quarters earlier with the treatment success rate, the RR/MDR cohort of two years before, and
 * yearly screening coverage; definitions on the page; CSV and PDF; small counts left out for readers
 * outside the health service (DAT-6).
 */
export function ReportPage() {
  const { t, i18n } = useTranslation('programmes');
  const language = i18n.resolvedLanguage ?? 'az';
  usePageTitle(t('reportPage.title'));
  const { activeId } = useActiveInstitution();
  const [quarter, setQuarter] = useState(() => lastQuarter(new Date()));
  const report = useCohortReport(activeId, quarter);
  const user = useCurrentUser();
  const zone = useTimeZoneOf()(activeId);
  return (
    <Stack>
      <Title order={1}>{t('reportPage.title')}</Title>
      <TextInput
        label={t('reportPage.quarter')}
        description={t('reportPage.quarterHelp')}
        value={quarter}
        onChange={(e) => setQuarter(e.currentTarget.value)}
        maw={220}
      />
      <Group>
        <Anchor href={reportExportUrl(activeId, quarter, 'csv', language)} download>
          {t('reportPage.csv')}
        </Anchor>
        <Anchor href={reportExportUrl(activeId, quarter, 'pdf', language)} download>
          {t('reportPage.pdf')}
        </Anchor>
      </Group>
      <QueryState query={report}>{(r) => <ReportTables report={r} />}</QueryState>
      {/* PHC-9 (ADR 0057): the staff's yearly screening, for occupational health only. */}
      {allows(user, 'programmes.staff_screen.manage') ? (
        <StaffScreeningSection institutionId={activeId} zone={zone} />
      ) : null}
      <Title order={2}>{t('reportPage.definitions')}</Title>
      <List>
        {(
          [
            'notification',
            'cohort',
            'bc',
            'cured',
            'completed',
            'failed',
            'ltfu',
            'notEvaluated',
            'success',
            'mdr',
            'coverage',
          ] as const
        ).map((k) => (
          <List.Item key={k}>{t(`definitions.${k}`)}</List.Item>
        ))}
      </List>
    </Stack>
  );
}

function ReportTables({ report: r }: { report: CohortReport }) {
  const { t } = useTranslation('programmes');
  const n = (v: number | null | undefined) => (v === null || v === undefined ? SUPPRESSED : v);
  const outcomeCols = ['cohort', ...cohortColumns];
  const outcomeTable = (
    cells: Record<string, number | null>,
    rows: readonly string[],
    caption: string,
    testId: string,
  ) => (
    <Table.ScrollContainer minWidth={800}>
      <Table withTableBorder captionSide="top" data-testid={testId}>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('reportPage.row')}</Table.Th>
            {outcomeCols.map((c) => (
              <Table.Th key={c} scope="col">
                {t(`columns.${c}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row}>
              <Table.Th scope="row">{t(`rows.${row}`)}</Table.Th>
              {outcomeCols.map((c) => (
                <Table.Td key={c}>{n(cells[`${row}.${c}`])}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
  return (
    <Stack>
      {r.suppression ? (
        <Alert color="blue">
          {t('reportPage.suppressed', { n: r.suppression.threshold, mark: SUPPRESSED })}
        </Alert>
      ) : null}
      <Table withTableBorder captionSide="top" data-testid="tb-notifications">
        <Table.Caption>{t('reportPage.notifications', { quarter: r.quarter })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('reportPage.row')}</Table.Th>
            {[...notificationColumns, 'total'].map((c) => (
              <Table.Th key={c} scope="col">
                {t(`columns.${c}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...notificationRows, 'total'].map((row) => (
            <Table.Tr key={row}>
              <Table.Th scope="row">{t(`rows.${row}`)}</Table.Th>
              {[...notificationColumns, 'total'].map((c) => (
                <Table.Td key={c}>{n(r.notifications[`${row}.${c}`])}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {outcomeTable(
        r.outcomes,
        outcomeRows,
        t('reportPage.outcomes', { quarter: r.cohortQuarter }),
        'tb-outcomes',
      )}
      <Text>{t('reportPage.success', { rate: r.successRate === null ? '—' : `${r.successRate}%` })}</Text>
      {outcomeTable(r.mdrOutcomes, ['total'], t('reportPage.mdr', { year: r.mdrYear }), 'tb-mdr')}
      <Text>
        {t('reportPage.success', { rate: r.mdrSuccessRate === null ? '—' : `${r.mdrSuccessRate}%` })}
      </Text>
      <Text>
        {t('reportPage.coverage', {
          screened: n(r.coverage.screened),
          inCustody: n(r.coverage.inCustody),
          percent: r.coverage.percent === null ? '—' : `${r.coverage.percent}%`,
        })}
      </Text>
    </Stack>
  );
}
