import { Alert, Anchor, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActiveInstitution } from '../../app/activeInstitution.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { reportExportUrl, useHungerReport } from './hungerstrike.api.ts';

const today = () => new Date().toISOString().slice(0, 10);
const monthStart = () => `${today().slice(0, 8)}01`;

/**
 * Hunger strikes by duration (issue 17 item 6) for the active institution and a period: counts only,
 * small ones suppressed for readers outside the health service (DAT-6); CSV and PDF in the language shown.
 */
export function ReportPage() {
  const { t, i18n } = useTranslation('hungerstrike');
  usePageTitle(t('report.title'));
  const { activeId } = useActiveInstitution();
  const [from, setFrom] = useState(monthStart);
  const [to, setTo] = useState(today);
  const report = useHungerReport(activeId, from, to);
  const show = (n: number | null) => (n === null ? t('report.suppressedCell') : String(n));
  const language = i18n.resolvedLanguage ?? 'az';
  return (
    <Stack>
      <Title order={1}>{t('report.title')}</Title>
      {!activeId ? (
        <Alert color="blue">{t('chooseInstitution')}</Alert>
      ) : (
        <>
          <Group>
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
          </Group>
          <QueryState query={report}>
            {(r) => (
              <Stack>
                <Text size="sm">
                  {r.suppression
                    ? t('report.suppressed', { n: r.suppression.threshold - 1 })
                    : t('report.notSuppressed')}
                </Text>
                <Table withTableBorder captionSide="top" maw={640}>
                  <Table.Caption>{t('report.caption', { from, to })}</Table.Caption>
                  <Table.Tbody>
                    {r.bands.map((b) => (
                      <Table.Tr key={b.band}>
                        <Table.Th scope="row">{t(`bands.${b.band}`)}</Table.Th>
                        <Table.Td>{show(b.count)}</Table.Td>
                      </Table.Tr>
                    ))}
                    {(
                      [
                        ['ongoing', r.ongoing],
                        ['ended', r.ended],
                        ['total', r.total],
                        ['median', r.medianDays],
                        ['capacity', r.capacityWithin24h],
                      ] as const
                    ).map(([k, v]) => (
                      <Table.Tr key={k}>
                        <Table.Th scope="row">{t(`report.${k}`)}</Table.Th>
                        <Table.Td>{show(v)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                <Group>
                  <Anchor href={reportExportUrl(activeId, from, to, 'csv', language)}>
                    {t('report.csv')}
                  </Anchor>
                  <Anchor href={reportExportUrl(activeId, from, to, 'pdf', language)}>
                    {t('report.pdf')}
                  </Anchor>
                </Group>
              </Stack>
            )}
          </QueryState>
        </>
      )}
    </Stack>
  );
}
