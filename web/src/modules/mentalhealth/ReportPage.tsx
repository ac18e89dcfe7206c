import {
  Alert,
  Anchor,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActiveInstitution } from '../../app/activeInstitution.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useReport } from './mentalhealth.api.ts';

/**
 * MHS-1, MHS-2, MHS-5, MHT-3: the month's report of an institution: referrals by urgency and time to
 * assessment, transfers, attendance by code (the regime's causes apart, for the governor too),
 * outcomes of those who finished a course, the share of the caseload with a non-drug intervention;
 * CSV and PDF. DAT-6: small counts suppressed for readers outside health care.
 */
export function ReportPage() {
  const { t, i18n } = useTranslation('mentalhealth');
  usePageTitle(t('report.title'));
  const { activeId, choices } = useActiveInstitution();
  const [institutionId, setInstitutionId] = useState('');
  const chosen = institutionId || activeId || choices[0]?.id || '';
  const [month, setMonth] = useState(() => new Date().toISOString().slice(0, 7));
  const report = useReport(chosen, month);
  const cell = (n: number | null) => (n === null ? t('report.suppressed') : n);
  const url = (format: 'csv' | 'pdf') =>
    `/api/v1/mentalhealth/report/export?${new URLSearchParams({ institutionId: chosen, month, format, language: i18n.resolvedLanguage ?? 'az' })}`;
  return (
    <Stack>
      <Title order={1}>{t('report.title')}</Title>
      <Group align="flex-end">
        <NativeSelect
          label={t('report.institution')}
          value={chosen}
          onChange={(e) => setInstitutionId(e.currentTarget.value)}
          data={choices.map((c) => ({ value: c.id, label: c.code }))}
        />
        <TextInput
          label={t('report.month')}
          type="month"
          value={month}
          onChange={(e) => setMonth(e.currentTarget.value)}
        />
        <Anchor href={url('csv')} download>
          {t('report.csv')}
        </Anchor>
        <Anchor href={url('pdf')} download>
          {t('report.pdf')}
        </Anchor>
      </Group>
      <QueryState query={report}>
        {(r) => (
          <Stack>
            <Alert color="gray">
              {r.suppression
                ? t('report.suppressedNote', { n: r.suppression.threshold - 1 })
                : t('report.notSuppressed')}
            </Alert>
            <Paper withBorder p="md" component="section" aria-labelledby="report-referrals">
              <Title order={2} size="h4" id="report-referrals">
                {t('report.referrals')}
              </Title>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('fields.urgency')}</Table.Th>
                    <Table.Th>{t('report.referred')}</Table.Th>
                    <Table.Th>{t('report.assessed')}</Table.Th>
                    <Table.Th>{t('report.inTime')}</Table.Th>
                    <Table.Th>{t('report.medianHours')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.referrals.map((u) => (
                    <Table.Tr key={u.urgency}>
                      <Table.Td>{t(`urgency.${u.urgency}`)}</Table.Td>
                      <Table.Td>{cell(u.referred)}</Table.Td>
                      <Table.Td>{cell(u.assessed)}</Table.Td>
                      <Table.Td>{cell(u.inTime)}</Table.Td>
                      <Table.Td>{u.medianHours ?? '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Text size="sm">
                {t('report.transfers')}: {t('report.requested')} {cell(r.transfers.requested)} ·{' '}
                {t('report.transferred')} {cell(r.transfers.transferred)} · {t('report.waitingOverTarget')}{' '}
                {cell(r.transfers.waitingOverTarget)}
              </Text>
            </Paper>
            <Paper withBorder p="md" component="section" aria-labelledby="report-attendance">
              <Title order={2} size="h4" id="report-attendance">
                {t('report.attendance')}
              </Title>
              <Table>
                <Table.Tbody>
                  {r.attendance.map((a) => (
                    <Table.Tr key={a.code}>
                      <Table.Th scope="row">{t(`attendance.${a.code}`)}</Table.Th>
                      <Table.Td>{cell(a.count)}</Table.Td>
                    </Table.Tr>
                  ))}
                  <Table.Tr>
                    <Table.Th scope="row">{t('report.sessions')}</Table.Th>
                    <Table.Td>{cell(r.sessions)}</Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
            </Paper>
            <Paper withBorder p="md" component="section" aria-labelledby="report-outcomes">
              <Title order={2} size="h4" id="report-outcomes">
                {t('report.outcomes')}
              </Title>
              <Table>
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th scope="row">{t('report.finished')}</Table.Th>
                    <Table.Td>{cell(r.outcomes.finished)}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th scope="row">{t('report.atCaseness')}</Table.Th>
                    <Table.Td>{cell(r.outcomes.atCaseness)}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th scope="row">{t('report.recovered')}</Table.Th>
                    <Table.Td>{cell(r.outcomes.recovered)}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th scope="row">{t('report.reliableImprovement')}</Table.Th>
                    <Table.Td>{cell(r.outcomes.reliableImprovement)}</Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
            </Paper>
            <Paper withBorder p="md" component="section" aria-labelledby="report-indicator">
              <Title order={2} size="h4" id="report-indicator">
                {t('report.indicator')}
              </Title>
              <Text>
                {t('report.caseload')}: {cell(r.indicator.caseload)} · {t('report.withNonDrug')}:{' '}
                {cell(r.indicator.withNonDrug)} ·{' '}
                {r.indicator.percent === null ? t('report.suppressed') : `${r.indicator.percent} %`}
              </Text>
            </Paper>
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
