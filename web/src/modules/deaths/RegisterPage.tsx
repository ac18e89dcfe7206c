import { deathManners } from '@custodia/domain/deaths';
import { Alert, Anchor, Group, List, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useActiveInstitution } from '../../app/activeInstitution.ts';
import { useFormats } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import { registerQuery, useRegister } from './deaths.api.ts';

/**
 * DAT-7: the deaths register of the active institution for a year or a month, its indicators
 * (suppressed outside the health service, ADR 0016) and its CSV and PDF.
 */
export function RegisterPage() {
  const { t } = useTranslation('deaths');
  usePageTitle(t('register.title'));
  const { activeId } = useActiveInstitution();
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [month, setMonth] = useState('');
  const register = useRegister(activeId, year, month);
  const zone = useTimeZoneOf()(activeId);
  const { dateTime } = useFormats();
  const count = (n: number | null) => (n === null ? t('register.suppressed') : String(n));
  const file = (format: 'csv' | 'pdf') =>
    `/api/v1/deaths/register/export?${registerQuery(activeId, year, month)}&format=${format}`;
  return (
    <Stack>
      <Title order={1}>{t('register.title')}</Title>
      <Text>{t('register.intro')}</Text>
      {!activeId ? <Alert color="blue">{t('register.chooseInstitution')}</Alert> : null}
      <Group align="flex-end">
        <TextInput
          label={t('register.year')}
          value={year}
          onChange={(e) => setYear(e.currentTarget.value)}
          maxLength={4}
          w={100}
        />
        <TextInput
          label={t('register.month')}
          value={month}
          onChange={(e) => setMonth(e.currentTarget.value)}
          maxLength={2}
          w={220}
          inputMode="numeric"
        />
        {activeId ? (
          <>
            <Anchor href={file('csv')} download>
              {t('register.csv')}
            </Anchor>
            <Anchor href={file('pdf')} download>
              {t('register.pdf')}
            </Anchor>
          </>
        ) : null}
      </Group>
      {activeId ? (
        <QueryState query={register}>
          {(r) => (
            <Stack>
              {r.lines.length ? (
                <Table striped withTableBorder captionSide="top">
                  <Table.Caption>{t('register.caption')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('register.foundAt')}</Table.Th>
                      <Table.Th scope="col">{t('register.person')}</Table.Th>
                      <Table.Th scope="col">{t('register.setting')}</Table.Th>
                      <Table.Th scope="col">{t('register.manner')}</Table.Th>
                      <Table.Th scope="col">{t('register.investigation')}</Table.Th>
                      <Table.Th scope="col">{t('register.recommendations')}</Table.Th>
                      {r.suppression === null ? <Table.Th scope="col">{t('register.cause')}</Table.Th> : null}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {r.lines.map((l) => (
                      <Table.Tr key={l.id}>
                        <Table.Td>
                          <Anchor component={Link} to={`/deaths/events/${encodeURIComponent(l.id)}`}>
                            {dateTime(l.foundAt, zone)}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>
                          {l.prisonNumber} {l.name}
                        </Table.Td>
                        <Table.Td>{l.setting ? t(`settings.${l.setting}`) : '—'}</Table.Td>
                        <Table.Td>{l.manner ? t(`manners.${l.manner}`) : '—'}</Table.Td>
                        <Table.Td>{l.investigationReference ?? '—'}</Table.Td>
                        <Table.Td>
                          {l.implemented} / {l.recommendations}
                        </Table.Td>
                        {r.suppression === null ? (
                          <Table.Td>
                            {[l.causeCode, l.causeText].filter(Boolean).join(' ') || '—'}
                            {l.autopsy ? ` · ${t(`autopsy.${l.autopsy}`)}` : ''}
                          </Table.Td>
                        ) : null}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              ) : (
                <Text role="status">{t('register.none')}</Text>
              )}
              <Paper withBorder p="md" component="section" aria-labelledby="indicators-title">
                <Title order={2} size="h4" id="indicators-title">
                  {t('register.indicators')}
                </Title>
                <List size="sm">
                  <List.Item>
                    {t('register.population')}: {r.indicators.population}
                  </List.Item>
                  <List.Item>
                    {t('register.deaths')}: {count(r.indicators.deaths)}
                  </List.Item>
                  {deathManners.map((m) => (
                    <List.Item key={m}>
                      {t('register.rate', {
                        manner: t(`manners.${m}`),
                        count: count(r.indicators.byManner[m] ?? null),
                        rate: r.indicators.ratePer10000ByManner[m] ?? t('register.suppressed'),
                      })}
                    </List.Item>
                  ))}
                  <List.Item>
                    {t('register.withAutopsy')}: {count(r.indicators.withAutopsy)}
                  </List.Item>
                  <List.Item>
                    {t('register.investigationWithin24h')}: {count(r.indicators.investigationWithin24h)}
                  </List.Item>
                  <List.Item>
                    {t('register.implemented', {
                      implemented: count(r.indicators.implemented),
                      recommendations: count(r.indicators.recommendations),
                    })}
                  </List.Item>
                </List>
                {r.suppression ? (
                  <Text size="sm" mt="xs">
                    {t('register.suppression', { max: r.suppression.threshold - 1 })}
                  </Text>
                ) : null}
              </Paper>
            </Stack>
          )}
        </QueryState>
      ) : null}
    </Stack>
  );
}
