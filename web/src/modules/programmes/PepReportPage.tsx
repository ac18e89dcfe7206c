import { pepExposureTypes } from '@custodia/domain/programmes';
import { Alert, Anchor, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActiveInstitution } from '../../app/activeInstitution.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { type PepReport, pepReportExportUrl, usePepReport } from './pep.api.ts';

/** DAT-6: the mark of a count left out (explained on the page). */
const SUPPRESSED = '•';

/**
 * "PEP within 72 h" (BBV-2; ADR 0049): of the exposures of a period at the institution, how many
 * started prophylaxis and how many within 72 h, the median delay, the exposures by type; the
 * definition on the page; CSV and PDF; small counts left out outside the health service (DAT-6).
 */
export function PepReportPage() {
  const { t, i18n } = useTranslation('programmes');
  const language = i18n.resolvedLanguage ?? 'az';
  usePageTitle(t('pepReport.title'));
  const { activeId } = useActiveInstitution();
  const [to, setTo] = useState(() => new Date().toISOString().slice(0, 10));
  const [from, setFrom] = useState(() => `${new Date().getUTCFullYear()}-01-01`);
  const report = usePepReport(activeId, from, to);
  return (
    <Stack>
      <Title order={1}>{t('pepReport.title')}</Title>
      <Group align="flex-end">
        <TextInput
          type="date"
          label={t('pepReport.from')}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
          maw={220}
        />
        <TextInput
          type="date"
          label={t('pepReport.to')}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          maw={220}
        />
      </Group>
      <Group>
        <Anchor href={pepReportExportUrl(activeId, from, to, 'csv', language)} download>
          {t('reportPage.csv')}
        </Anchor>
        <Anchor href={pepReportExportUrl(activeId, from, to, 'pdf', language)} download>
          {t('reportPage.pdf')}
        </Anchor>
      </Group>
      <QueryState query={report}>{(r) => <PepTables report={r} />}</QueryState>
      <Title order={2}>{t('reportPage.definitions')}</Title>
      <Text>{t('pepReport.definition')}</Text>
    </Stack>
  );
}

function PepTables({ report: r }: { report: PepReport }) {
  const { t } = useTranslation('programmes');
  const n = (v: number | null | undefined) => (v === null || v === undefined ? SUPPRESSED : v);
  return (
    <Stack>
      {r.suppression ? (
        <Alert color="gray" role="note">
          {t('reportPage.suppressed', { n: r.suppression.threshold, mark: SUPPRESSED })}
        </Alert>
      ) : null}
      <Table striped withTableBorder captionSide="top" data-testid="pep-report">
        <Table.Caption>{t('pepReport.indicator')}</Table.Caption>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th scope="row">{t('pepReport.exposures')}</Table.Th>
            <Table.Td>{n(r.exposures)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t('pepReport.started')}</Table.Th>
            <Table.Td>{n(r.started)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t('pepReport.within72h')}</Table.Th>
            <Table.Td>{n(r.within72h)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t('pepReport.percent')}</Table.Th>
            <Table.Td data-testid="pep-percent">{r.percent === null ? '—' : `${r.percent}%`}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t('pepReport.median')}</Table.Th>
            <Table.Td>{r.medianHours === null ? '—' : r.medianHours}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Table striped withTableBorder captionSide="top">
        <Table.Caption>{t('pepReport.byType')}</Table.Caption>
        <Table.Tbody>
          {pepExposureTypes.map((k) => (
            <Table.Tr key={k}>
              <Table.Th scope="row">{t(`pepTypes.${k}`)}</Table.Th>
              <Table.Td>{n(r.byType[k])}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
