import { addDaysToDate, notGivenReasons, type RoundReport, reportColumns } from '@custodia/domain/medication';
import { calendarDateIn } from '@custodia/domain/platform';
import { Anchor, Box, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { homeTimeZone } from '../../../app/format.ts';
import { QueryState } from '../../../app/QueryState.tsx';
import { usePageTitle } from '../../../app/usePageTitle.ts';
import { InstitutionPicker, usePharmacyInstitution } from '../PharmacyParts.tsx';
import { roundReportPath, useRoundReport } from './rounds.api.ts';

/**
 * Issue 15 item 8 (ADR 0046): doses due / given / not given by reason per unit and day, supervised
 * programme adherence per person, and the doses missed for a regime reason (MDX-3). A reader outside
 * the health service (the governor) sees only the last, without drugs or persons, small counts
 * suppressed (DAT-6). The same as CSV and PDF.
 */
export function RoundReportPage() {
  const { t } = useTranslation(['rounds', 'medication']);
  usePageTitle(t('reports.title'));
  const { institutionId, setInstitutionId, options, zone } = usePharmacyInstitution();
  const today = calendarDateIn(new Date(), zone ?? homeTimeZone());
  const [from, setFrom] = useState(() => addDaysToDate(today, -6));
  const [to, setTo] = useState(today);
  const query = { institutionId, from, to };
  const report = useRoundReport(query);
  const valid = Boolean(from && to && from <= to);
  const label = (c: string) =>
    (notGivenReasons as readonly string[]).includes(c) ? t(`medication:reasons.${c}`) : t(`reports.${c}`);
  const count = (n: number | null, threshold: number | null) =>
    n === null ? t('reports.suppressed', { n: threshold ?? 5 }) : String(n);

  return (
    <Stack>
      <Title order={1}>{t('reports.title')}</Title>
      <Group align="end" wrap="wrap">
        <InstitutionPicker value={institutionId} options={options} onChange={setInstitutionId} />
        <TextInput
          type="date"
          label={t('reports.from')}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t('reports.to')}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          error={valid ? undefined : t('errors.period_too_long')}
        />
      </Group>
      {valid && institutionId ? (
        <Group>
          <Anchor
            href={`${roundReportPath(query).replace('/rounds?', '/rounds/export?')}&format=csv`}
            download
          >
            {t('reports.csv')}
          </Anchor>
          <Anchor
            href={`${roundReportPath(query).replace('/rounds?', '/rounds/export?')}&format=pdf`}
            download
          >
            {t('reports.pdf')}
          </Anchor>
        </Group>
      ) : null}
      <QueryState query={report} loading={t('reports.loading')}>
        {(r: RoundReport) => (
          <Stack>
            {r.clinical ? (
              <>
                <Title order={2} size="h3">
                  {t('reports.daysTitle')}
                </Title>
                {r.days.length === 0 ? (
                  <Text role="status">{t('reports.empty')}</Text>
                ) : (
                  <Box
                    style={{ overflowX: 'auto' }}
                    // A keyboard reaches the table's wide columns (axe: scrollable-region-focusable).
                    tabIndex={0}
                    role="region"
                    aria-label={t('reports.daysTitle')}
                  >
                    <Table striped withTableBorder miw={900}>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th scope="col">{t('reports.date')}</Table.Th>
                          <Table.Th scope="col">{t('reports.unit')}</Table.Th>
                          <Table.Th scope="col">{t('reports.due')}</Table.Th>
                          {reportColumns.map((c) => (
                            <Table.Th scope="col" key={c}>
                              {label(c)}
                            </Table.Th>
                          ))}
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {r.days.map((d) => (
                          <Table.Tr key={`${d.date}|${d.unitId ?? ''}`}>
                            <Table.Td>{d.date}</Table.Td>
                            <Table.Td>{d.unitCode ?? t('reports.noUnit')}</Table.Td>
                            <Table.Td>{d.due}</Table.Td>
                            {reportColumns.map((c) => (
                              <Table.Td key={c}>{d.counts[c] ?? 0}</Table.Td>
                            ))}
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Box>
                )}
                <Title order={2} size="h3">
                  {t('reports.adherenceTitle')}
                </Title>
                {r.adherence.length === 0 ? (
                  <Text>{t('reports.empty')}</Text>
                ) : (
                  <Table striped withTableBorder>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('reports.person')}</Table.Th>
                        <Table.Th scope="col">{t('reports.programme')}</Table.Th>
                        <Table.Th scope="col">{t('reports.due')}</Table.Th>
                        <Table.Th scope="col">{t('reports.given')}</Table.Th>
                        <Table.Th scope="col">{t('reports.regimeCaused')}</Table.Th>
                        <Table.Th scope="col">{t('reports.adherence')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {r.adherence.map((a) => (
                        <Table.Tr key={`${a.personId}|${a.programme}`}>
                          <Table.Td>
                            {a.name} ({a.prisonNumber})
                          </Table.Td>
                          <Table.Td>{t(`medication:programmes.${a.programme}`)}</Table.Td>
                          <Table.Td>{a.due}</Table.Td>
                          <Table.Td>{a.given}</Table.Td>
                          <Table.Td>{a.regime}</Table.Td>
                          <Table.Td>{a.due ? `${Math.round((100 * a.given) / a.due)} %` : '—'}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                )}
              </>
            ) : null}
            <Title order={2} size="h3">
              {t('reports.regimeTitle')}
            </Title>
            <Text>{t('reports.regimeIntro')}</Text>
            {r.suppressionThreshold ? (
              <Text size="sm">{t('reports.suppressionNote', { max: r.suppressionThreshold - 1 })}</Text>
            ) : null}
            <Text fw={700}>
              {t('reports.total', { count: count(r.regimeTotal, r.suppressionThreshold) as never })}
            </Text>
            {r.regime.length ? (
              <Table striped withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('reports.date')}</Table.Th>
                    <Table.Th scope="col">{t('reports.unit')}</Table.Th>
                    <Table.Th scope="col">{t('reports.doses')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.regime.map((g) => (
                    <Table.Tr key={`${g.date}|${g.unitCode ?? ''}`}>
                      <Table.Td>{g.date}</Table.Td>
                      <Table.Td>{g.unitCode ?? t('reports.noUnit')}</Table.Td>
                      <Table.Td>{count(g.doses, r.suppressionThreshold)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : (
              <Text role="status">{t('reports.empty')}</Text>
            )}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
