import {
  type ComplianceMeasure,
  complianceMeasures,
  type RegisterGroup,
  registerGroups,
  summaryMeasures,
} from '@custodia/domain/segregation';
import { Alert, Anchor, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useActiveInstitution } from '../../app/activeInstitution.ts';
import { toLocalInput, useFormats } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import { registerExportUrl, useSegregationRegister } from './segregation.api.ts';

/** DAT-6: the mark of a count left out (explained above the table). */
const SUPPRESSED = '•';
const count = (n: number | null) => (n === null ? SUPPRESSED : n);

/** The day columns of a placement's line, shortest words first. */
const lineMeasures: readonly ComplianceMeasure[] = complianceMeasures;

/**
 * The segregation register of the active institution for a month (issue 18 item 7; ADR 0039): the
 * summary by kind (small counts left out outside the health service, DAT-6), then each placement
 * with its days' compliance — recorded, solitary (SEG-1), short of outdoor time (SEG-10) or contact
 * (SEG-9), without a health visit (SEG-5) or a management visit (SEG-8). CSV and PDF in words.
 */
export function RegisterPage() {
  const { t, i18n } = useTranslation('segregation');
  const language = i18n.resolvedLanguage ?? 'az';
  usePageTitle(t('register.title'));
  const formats = useFormats();
  const { activeId } = useActiveInstitution();
  const zone = useTimeZoneOf()(activeId);
  const [month, setMonth] = useState(() => toLocalInput(new Date(), zone).slice(0, 7));
  const register = useSegregationRegister(activeId, month);

  return (
    <Stack>
      <Title order={1}>{t('register.title')}</Title>
      <Text>{t('register.intro')}</Text>
      {!activeId ? <Alert color="blue">{t('wing.chooseInstitution')}</Alert> : null}
      <TextInput
        type="month"
        label={t('register.month')}
        value={month}
        onChange={(e) => setMonth(e.currentTarget.value)}
        maw={220}
      />
      {activeId ? (
        <Group>
          <Anchor href={registerExportUrl(activeId, month, 'csv', language)} download>
            {t('register.csv')}
          </Anchor>
          <Anchor href={registerExportUrl(activeId, month, 'pdf', language)} download>
            {t('register.pdf')}
          </Anchor>
          <Anchor href={registerExportUrl(activeId, month, 'pdf', language, 'summary')} download>
            {t('register.summaryPdf')}
          </Anchor>
        </Group>
      ) : null}
      {activeId ? (
        <QueryState query={register}>
          {(data) => (
            <>
              {data.suppression?.cells.length ? (
                // DAT-6: the page says what was left out and why.
                <Alert color="blue" role="note">
                  {t('register.suppressed', { max: data.suppression.threshold - 1, mark: SUPPRESSED })}
                </Alert>
              ) : null}
              {/* No scroll container: a scrollable region with nothing to focus fails keyboard access. */}
              <Table striped withTableBorder captionSide="top" fz="xs">
                <Table.Caption>{t('register.summaryCaption', { month })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('register.group')}</Table.Th>
                    {summaryMeasures.map((m) => (
                      <Table.Th scope="col" key={m}>
                        {t(`register.measures.${m}`)}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {registerGroups.map((g: RegisterGroup) => (
                    <Table.Tr key={g} data-group={g}>
                      <Table.Th scope="row">{g === 'total' ? t('register.total') : t(`kinds.${g}`)}</Table.Th>
                      {summaryMeasures.map((m) => (
                        <Table.Td key={m}>{count(data.summary[g][m])}</Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {data.lines.length === 0 ? (
                <Text>{t('register.none')}</Text>
              ) : (
                <Table.ScrollContainer minWidth={1100}>
                  <Table striped withTableBorder captionSide="top">
                    <Table.Caption>{t('register.linesCaption', { zone: data.timeZone })}</Table.Caption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('wing.person')}</Table.Th>
                        <Table.Th scope="col">{t('wing.kind')}</Table.Th>
                        <Table.Th scope="col">{t('register.period')}</Table.Th>
                        {lineMeasures.map((m) => (
                          <Table.Th scope="col" key={m}>
                            {t(`register.measures.${m}`)}
                          </Table.Th>
                        ))}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {data.lines.map((l) => (
                        <Table.Tr key={l.id} data-placement={l.id}>
                          <Table.Th scope="row">
                            <Anchor
                              component={Link}
                              to={`/segregation/placements/${encodeURIComponent(l.id)}`}
                            >
                              {l.name}
                            </Anchor>
                            <Text size="xs">{l.prisonNumber}</Text>
                          </Table.Th>
                          <Table.Td>{t(`kinds.${l.kind}`)}</Table.Td>
                          <Table.Td>
                            <Text size="sm">
                              {formats.dateTime(l.startedAt, data.timeZone)} –{' '}
                              {l.endedAt ? formats.dateTime(l.endedAt, data.timeZone) : t('register.open')}
                            </Text>
                          </Table.Td>
                          {lineMeasures.map((m) => (
                            <Table.Td key={m}>{l.compliance[m]}</Table.Td>
                          ))}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </>
          )}
        </QueryState>
      ) : null}
    </Stack>
  );
}
