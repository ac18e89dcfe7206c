import { type StaffCoverage, staffScreenMethods, staffScreenResults } from '@custodia/domain/programmes';
import { NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../app/api.ts';
import { useFormats } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { useWrite } from '../../app/useWriteForm.tsx';
import { DateField, MiniForm, todayIn } from './parts.tsx';

const staffKey = (institutionId: string) => ['programmes', 'staff-coverage', institutionId] as const;

/**
 * PHC-9 (ADR 0057): the staff's yearly TB screening — occupational health, on the TB report page for
 * the health manager only (`programmes.staff_screen.manage`): the coverage, who is due, and the form
 * recording a staff member's screening.
 */
export function StaffScreeningSection({ institutionId, zone }: { institutionId: string; zone?: string }) {
  const { t } = useTranslation('programmes');
  const { date } = useFormats();
  const coverage = useQuery({
    queryKey: staffKey(institutionId),
    queryFn: ({ signal }) =>
      apiFetch<StaffCoverage>(`/api/v1/tb/staff-coverage?${new URLSearchParams({ institutionId })}`, {
        signal,
      }),
    enabled: Boolean(institutionId),
  });
  const write = useWrite(
    (body: unknown) => apiFetch<{ id: string }>('/api/v1/tb/staff-screens', { method: 'POST', json: body }),
    () => [staffKey(institutionId)],
  );
  const [form, setForm] = useState({
    staffId: '',
    screenedOn: todayIn(zone),
    method: 'symptom',
    result: 'negative',
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="staff-tb-title">
      <Stack gap="sm">
        <Title order={2} id="staff-tb-title">
          {t('staffScreen.title')}
        </Title>
        <Text size="sm">{t('staffScreen.intro')}</Text>
        {institutionId ? null : <Text size="sm">{t('staffScreen.chooseInstitution')}</Text>}
        {institutionId ? (
          <QueryState query={coverage}>
            {(c) => (
              <Stack gap="sm">
                <Text fw={600} data-testid="staff-tb-coverage">
                  {t('staffScreen.coverage', {
                    screened: c.screened,
                    staff: c.staff,
                    percent: c.percent ?? '—',
                  })}
                </Text>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('staffScreen.member')}</Table.Th>
                      <Table.Th>{t('staffScreen.position')}</Table.Th>
                      <Table.Th>{t('staffScreen.last')}</Table.Th>
                      <Table.Th>{t('staffScreen.status')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {c.members.map((m) => (
                      <Table.Tr key={m.staffId}>
                        <Table.Td>{m.fullName}</Table.Td>
                        <Table.Td>{m.position}</Table.Td>
                        <Table.Td>
                          {m.lastScreenedOn
                            ? `${date(m.lastScreenedOn)} · ${t(`staffScreen.results.${m.lastResult ?? 'negative'}`)}`
                            : '—'}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm" fw={m.due ? 700 : 400}>
                            {m.due ? t('staffScreen.due') : t('staffScreen.done')}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                <MiniForm
                  title={t('staffScreen.recordTitle')}
                  submit={t('staffScreen.recordSubmit')}
                  testId="staff-tb-form"
                  onSubmit={() => write.mutateAsync({ institutionId, ...form })}
                >
                  <NativeSelect
                    label={t('staffScreen.member')}
                    required
                    value={form.staffId}
                    onChange={(e) => setForm({ ...form, staffId: e.currentTarget.value })}
                    data={[
                      { value: '', label: t('staffScreen.choose') },
                      ...c.members.map((m) => ({ value: m.staffId, label: `${m.fullName} · ${m.position}` })),
                    ]}
                  />
                  <DateField
                    label={t('staffScreen.screenedOn')}
                    value={form.screenedOn}
                    onChange={(x) => setForm({ ...form, screenedOn: x })}
                  />
                  <NativeSelect
                    label={t('staffScreen.method')}
                    value={form.method}
                    onChange={(e) => setForm({ ...form, method: e.currentTarget.value })}
                    data={staffScreenMethods.map((m) => ({ value: m, label: t(`staffScreen.methods.${m}`) }))}
                  />
                  <NativeSelect
                    label={t('staffScreen.result')}
                    value={form.result}
                    onChange={(e) => setForm({ ...form, result: e.currentTarget.value })}
                    data={staffScreenResults.map((r) => ({ value: r, label: t(`staffScreen.results.${r}`) }))}
                  />
                </MiniForm>
              </Stack>
            )}
          </QueryState>
        ) : null}
      </Stack>
    </Paper>
  );
}
