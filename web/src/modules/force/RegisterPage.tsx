import { EXAMINATION_LIMIT_MINUTES, forceTypes } from '@custodia/domain/force';
import { Alert, Anchor, Group, Stack, Table, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActiveInstitution } from '../../app/activeInstitution.ts';
import { toLocalInput } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import { registerExportUrl, useRegister } from './force.api.ts';

/** DAT-6: a suppressed count is shown as this mark, explained above the table. */
const SUPPRESSED = '◌';
const count = (n: number | null | undefined) => (n === null || n === undefined ? SUPPRESSED : n);

/**
 * INJ-7, RST-11: the monthly use-of-force register of the active institution, per unit: uses of
 * force by type, people, and whether each was examined within the limit; CSV and PDF. Outside the
 * health service small counts are suppressed (DAT-6), and the page says so.
 */
export function RegisterPage() {
  const { t, i18n } = useTranslation('force');
  const language = i18n.resolvedLanguage ?? 'az';
  usePageTitle(t('register.title'));
  const { activeId } = useActiveInstitution();
  const zone = useTimeZoneOf()(activeId);
  const [month, setMonth] = useState(() => toLocalInput(new Date(), zone).slice(0, 7));
  const register = useRegister(activeId, month);
  return (
    <Stack>
      <Title order={1}>{t('register.title')}</Title>
      {!activeId ? <Alert color="blue">{t('register.chooseInstitution')}</Alert> : null}
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
        </Group>
      ) : null}
      {activeId ? (
        <QueryState query={register}>
          {(data) => {
            const rows = [{ unitId: '', unitCode: t('register.total'), ...data.total }, ...data.units];
            return (
              <>
                {data.suppression?.cells.length ? (
                  <Alert color="blue" role="note">
                    {t('register.suppressed', { max: data.suppression.threshold - 1, mark: SUPPRESSED })}
                  </Alert>
                ) : null}
                <Table striped withTableBorder captionSide="top">
                  <Table.Caption>{t('register.caption')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('register.unit')}</Table.Th>
                      <Table.Th scope="col">{t('register.incidents')}</Table.Th>
                      {forceTypes.map((type) => (
                        <Table.Th scope="col" key={type}>
                          {t(`types.${type}`)}
                        </Table.Th>
                      ))}
                      <Table.Th scope="col">{t('register.subjects')}</Table.Th>
                      <Table.Th scope="col">
                        {t('register.inTime', { hours: EXAMINATION_LIMIT_MINUTES / 60 })}
                      </Table.Th>
                      <Table.Th scope="col">{t('register.late')}</Table.Th>
                      <Table.Th scope="col">{t('register.refused')}</Table.Th>
                      <Table.Th scope="col">{t('register.notExamined')}</Table.Th>
                      <Table.Th scope="col">{t('register.referred')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rows.map((r) => (
                      <Table.Tr key={r.unitId || 'total'}>
                        <Table.Th scope="row">{r.unitCode}</Table.Th>
                        <Table.Td>{count(r.incidents)}</Table.Td>
                        {forceTypes.map((type) => (
                          <Table.Td key={type}>{count(r.byType[type])}</Table.Td>
                        ))}
                        <Table.Td>{count(r.subjects)}</Table.Td>
                        <Table.Td>{count(r.examinedInTime)}</Table.Td>
                        <Table.Td>{count(r.examinedLate)}</Table.Td>
                        <Table.Td>{count(r.refused)}</Table.Td>
                        <Table.Td>{count(r.notExamined)}</Table.Td>
                        <Table.Td>{count(r.referred)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </>
            );
          }}
        </QueryState>
      ) : null}
    </Stack>
  );
}
