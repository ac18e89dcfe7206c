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
import { useRequestsRegister } from './requests.api.ts';

/**
 * MED-5, RES-7: the month's register of an institution: requests to health care by urgency (triaged
 * within 24 h, the same day when urgent) and complaints by addressee and subject (answered within
 * the deadline), with CSV and PDF. DAT-6: small counts are shown as suppressed outside health care.
 */
export function RegisterPage() {
  const { t, i18n } = useTranslation('requests');
  usePageTitle(t('register.title'));
  const { activeId, choices } = useActiveInstitution();
  const [institutionId, setInstitutionId] = useState('');
  const chosen = institutionId || activeId || choices[0]?.id || '';
  const [month, setMonth] = useState(() => new Date().toISOString().slice(0, 7));
  const register = useRequestsRegister(chosen, month);
  const cell = (n: number | null) => (n === null ? t('register.suppressed') : n);
  const url = (format: 'csv' | 'pdf') =>
    `/api/v1/requests/register/export?${new URLSearchParams({ institutionId: chosen, month, format, language: i18n.resolvedLanguage ?? 'az' })}`;
  return (
    <Stack>
      <Title order={1}>{t('register.title')}</Title>
      <Group align="flex-end">
        <NativeSelect
          label={t('register.institution')}
          value={chosen}
          onChange={(e) => setInstitutionId(e.currentTarget.value)}
          data={choices.map((c) => ({ value: c.id, label: c.code }))}
        />
        <TextInput
          label={t('register.month')}
          type="month"
          value={month}
          onChange={(e) => setMonth(e.currentTarget.value)}
        />
        <Anchor href={url('csv')} download>
          {t('register.csv')}
        </Anchor>
        <Anchor href={url('pdf')} download>
          {t('register.pdf')}
        </Anchor>
      </Group>
      <QueryState query={register}>
        {(r) => (
          <Stack>
            <Alert color="gray">
              {r.suppression
                ? t('register.suppressedNote', { n: r.suppression.threshold - 1 })
                : t('register.notSuppressed')}
            </Alert>
            <Paper withBorder p="md" component="section" aria-labelledby="register-requests">
              <Title order={2} size="h4" id="register-requests">
                {t('register.requests')}
              </Title>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('fields.urgency')}</Table.Th>
                    <Table.Th>{t('register.received')}</Table.Th>
                    <Table.Th>{t('register.triaged')}</Table.Th>
                    <Table.Th>{t('register.triagedInTime')}</Table.Th>
                    <Table.Th>{t('register.late')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.requests.byUrgency.map((u) => (
                    <Table.Tr key={u.urgency}>
                      <Table.Td>{t(`urgency.${u.urgency}`)}</Table.Td>
                      <Table.Td>{cell(u.received)}</Table.Td>
                      <Table.Td>{cell(u.triaged)}</Table.Td>
                      <Table.Td>{cell(u.triagedInTime)}</Table.Td>
                      <Table.Td>{cell(u.late)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Text size="sm">
                {r.requests.byChannel
                  .map((c) => `${t(`channel.${c.channel}`)}: ${cell(c.received)}`)
                  .join(' · ')}{' '}
                · {t('register.total')}: {cell(r.requests.total)}
              </Text>
            </Paper>
            <Paper withBorder p="md" component="section" aria-labelledby="register-complaints">
              <Title order={2} size="h4" id="register-complaints">
                {t('register.complaints')}
              </Title>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('fields.addressee')}</Table.Th>
                    <Table.Th>{t('register.received')}</Table.Th>
                    <Table.Th>{t('register.answered')}</Table.Th>
                    <Table.Th>{t('register.answeredInTime')}</Table.Th>
                    <Table.Th>{t('register.overdue')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.complaints.byAddressee.map((a) => (
                    <Table.Tr key={a.addressee}>
                      <Table.Td>{t(`addressee.${a.addressee}`)}</Table.Td>
                      <Table.Td>{cell(a.received)}</Table.Td>
                      <Table.Td>{cell(a.answered)}</Table.Td>
                      <Table.Td>{cell(a.answeredInTime)}</Table.Td>
                      <Table.Td>{cell(a.overdue)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Text size="sm">
                {r.complaints.byCategory
                  .filter((c) => c.received !== 0)
                  .map((c) => `${t(`category.${c.category}`)}: ${cell(c.received)}`)
                  .join(' · ')}
              </Text>
              <Text size="sm">
                {t('register.allegations')}: {cell(r.complaints.allegations)} · {t('register.total')}:{' '}
                {cell(r.complaints.total)}
              </Text>
            </Paper>
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
