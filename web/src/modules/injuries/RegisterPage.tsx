import { Alert, Anchor, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActiveInstitution } from '../../app/activeInstitution.ts';
import { useFormats } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import { useRegister, useReportsSent } from './injuries.api.ts';

/** The current month in a zone, `YYYY-MM`. */
function monthIn(zone: string | undefined): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit' }).format(
    new Date(),
  );
}

/**
 * INJ-6: the injury register of the active institution for a month, with the indicators of DOMAIN
 * §6.2 (DAT-6: small counts suppressed for readers outside health care); CSV and PDF. INJ-4: for
 * management, the reports sent (date, recipient, reference), never their content.
 */
export function RegisterPage() {
  const { t } = useTranslation('injuries');
  usePageTitle(t('register.title'));
  const user = useCurrentUser();
  const { activeId } = useActiveInstitution();
  const zone = useTimeZoneOf()(activeId);
  const [month, setMonth] = useState(() => monthIn(zone));
  const register = useRegister(activeId, month);
  const mayRegister = allows(user, 'injuries.register.read');
  const sent = useReportsSent(activeId, allows(user, 'injuries.report.status.read'));
  const { dateTime } = useFormats();
  const q = (format: string) =>
    `/api/v1/injuries/register?${new URLSearchParams({ institutionId: activeId, month, format })}`;
  const show = (v: number | string | null) =>
    v === null ? '—' : v === '<5' ? t('register.suppressedCell') : String(v);
  return (
    <Stack>
      <Title order={1}>{t('register.title')}</Title>
      {!activeId ? (
        <Alert color="blue">{t('chooseInstitution')}</Alert>
      ) : (
        <>
          <TextInput
            type="month"
            label={t('register.month')}
            value={month}
            onChange={(e) => setMonth(e.currentTarget.value)}
            maw={240}
          />
          {mayRegister ? (
            <QueryState query={register}>
              {(r) => (
                <Stack>
                  {r.suppressed ? <Text size="sm">{t('register.suppressed')}</Text> : null}
                  <Table withTableBorder captionSide="top" maw={720}>
                    <Table.Caption>{t('register.caption', { month })}</Table.Caption>
                    <Table.Tbody>
                      {(
                        [
                          ['records', r.records],
                          ['injured', r.injured],
                          ['admissions', r.admissions],
                          ['preAdmission', r.preAdmission],
                          ['inPrison', r.inPrison],
                          ['preAdmissionPer100', r.preAdmissionPer100],
                          ['inPrisonPer100', r.inPrisonPer100],
                          ['withChartAndPhotosPct', r.withChartAndPhotosPct],
                          ['consistentAlleged', r.consistentAlleged],
                          ['reportedInTimePct', r.reportedInTimePct],
                        ] as const
                      ).map(([k, v]) => (
                        <Table.Tr key={k}>
                          <Table.Th scope="row">{t(`register.${k}`)}</Table.Th>
                          <Table.Td>{show(v)}</Table.Td>
                        </Table.Tr>
                      ))}
                      {r.byCause.map((c) => (
                        <Table.Tr key={c.cause}>
                          <Table.Th scope="row">{t(`causes.${c.cause}`)}</Table.Th>
                          <Table.Td>{show(c.count)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                  <Group>
                    <Anchor href={q('csv')}>{t('register.csv')}</Anchor>
                    <Anchor href={q('pdf')}>{t('register.pdf')}</Anchor>
                  </Group>
                </Stack>
              )}
            </QueryState>
          ) : null}
          {allows(user, 'injuries.report.status.read') ? (
            <QueryState query={sent}>
              {(s) => (
                <Table withTableBorder captionSide="top" maw={900}>
                  <Table.Caption>{t('register.sentCaption')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('report.sentAt')}</Table.Th>
                      <Table.Th scope="col">{t('report.recipient')}</Table.Th>
                      <Table.Th scope="col">{t('report.reference')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {s.items.length ? (
                      s.items.map((x) => (
                        <Table.Tr key={x.id}>
                          <Table.Td>{dateTime(x.sentAt, zone)}</Table.Td>
                          <Table.Td>
                            {t(`recipientKinds.${x.recipientKind}`)} · {x.recipientName}
                          </Table.Td>
                          <Table.Td>{x.reference}</Table.Td>
                        </Table.Tr>
                      ))
                    ) : (
                      <Table.Tr>
                        <Table.Td colSpan={3}>{t('register.noneSent')}</Table.Td>
                      </Table.Tr>
                    )}
                  </Table.Tbody>
                </Table>
              )}
            </QueryState>
          ) : null}
        </>
      )}
    </Stack>
  );
}
