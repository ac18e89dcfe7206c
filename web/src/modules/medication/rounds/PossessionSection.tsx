import type { Possession, PossessionCount, PossessionCountInput } from '@custodia/domain/medication';
import { Alert, Button, Group, NumberInput, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../../app/api.ts';
import { useErrorMessage } from '../../../app/errorMessage.ts';
import { useFormats } from '../../../app/format.ts';
import { QueryState } from '../../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../../app/session.ts';
import { useWrite } from '../../../app/useWriteForm.tsx';
import { medicationKeys } from '../medication.api.ts';
import { roundsRefusal } from './rounds.api.ts';

const enc = encodeURIComponent;
const possessionKey = (personId: string) => [...medicationKeys.person(personId), 'possession'] as const;

/**
 * MDX-5 (ADR 0046): on the person's medication tab, their in-possession supplies — the last pack
 * handed over, what should be left now — and the count at review: the number found (never
 * pre-filled), a note when it differs; the last counts below.
 */
export function PossessionSection({ personId, zone }: { personId: string; zone: string | undefined }) {
  const { t } = useTranslation(['rounds', 'medication']);
  const { dateTime } = useFormats();
  const errorMessage = useErrorMessage();
  const mayCount = allows(useCurrentUser(), 'medication.administer');
  const query = useQuery({
    queryKey: possessionKey(personId),
    queryFn: ({ signal }) =>
      apiFetch<Possession>(`/api/v1/persons/${enc(personId)}/medication/possession`, { signal }),
  });
  const count = useWrite(
    ({ prescriptionId, ...body }: PossessionCountInput & { prescriptionId: string }) =>
      apiFetch<PossessionCount>(`/api/v1/medication/prescriptions/${enc(prescriptionId)}/possession-counts`, {
        method: 'POST',
        json: body,
      }),
    () => [possessionKey(personId)],
  );
  const [counted, setCounted] = useState<Record<string, number | ''>>({});
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function save(prescriptionId: string) {
    setFailure(null);
    setNotice(null);
    const value = counted[prescriptionId];
    if (value === '' || value === undefined) {
      setFailure(t('possession.countRequired'));
      return;
    }
    try {
      const answer = await count.mutateAsync({
        prescriptionId,
        counted: value,
        note: notes[prescriptionId]?.trim() ? (notes[prescriptionId] ?? '').trim() : null,
      });
      setNotice(t('possession.recorded', { expected: answer.expected, counted: answer.counted }));
      setCounted((c) => ({ ...c, [prescriptionId]: '' }));
      setNotes((n) => ({ ...n, [prescriptionId]: '' }));
    } catch (error) {
      setFailure(roundsRefusal(t, error, errorMessage));
    }
  }

  return (
    <Stack gap="xs">
      <Title order={3}>{t('possession.title')}</Title>
      {failure ? (
        <Alert color="red" role="alert">
          {failure}
        </Alert>
      ) : null}
      <Text role="status" size="sm">
        {notice ?? ''}
      </Text>
      <QueryState query={query} loading={t('reports.loading')}>
        {(data) => (
          <Stack gap="sm">
            {data.supplies.length === 0 ? <Text>{t('possession.none')}</Text> : null}
            {data.supplies.map((s) => (
              <Stack key={s.prescriptionId} gap={4}>
                <Text fw={700}>{s.drug}</Text>
                <Text size="sm">
                  {s.supplied === null || s.suppliedAt === null
                    ? t('possession.noSupply')
                    : t('possession.supply', {
                        supplied: s.supplied,
                        at: dateTime(s.suppliedAt, zone),
                        expected: s.expectedNow ?? 0,
                      })}
                  {s.reviewDate ? ` ${t('possession.review', { date: s.reviewDate })}` : ''}
                </Text>
                {mayCount && s.supplied !== null ? (
                  <Group align="end" wrap="wrap">
                    <NumberInput
                      label={t('possession.counted', { drug: s.drug })}
                      min={0}
                      allowDecimal={false}
                      value={counted[s.prescriptionId] ?? ''}
                      onChange={(v) =>
                        setCounted((c) => ({ ...c, [s.prescriptionId]: typeof v === 'number' ? v : '' }))
                      }
                      w={220}
                    />
                    <Textarea
                      label={t('possession.note')}
                      value={notes[s.prescriptionId] ?? ''}
                      onChange={(e) => {
                        const value = e.currentTarget.value;
                        setNotes((n) => ({ ...n, [s.prescriptionId]: value }));
                      }}
                      rows={1}
                      w={320}
                    />
                    <Button onClick={() => void save(s.prescriptionId)} loading={count.isPending}>
                      {t('possession.save')}
                    </Button>
                  </Group>
                ) : null}
              </Stack>
            ))}
            {data.counts.length ? (
              <Table striped withTableBorder>
                <Table.Caption>{t('possession.countsCaption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('possession.when')}</Table.Th>
                    <Table.Th scope="col">{t('possession.drug')}</Table.Th>
                    <Table.Th scope="col">{t('possession.expected')}</Table.Th>
                    <Table.Th scope="col">{t('possession.found')}</Table.Th>
                    <Table.Th scope="col">{t('possession.difference')}</Table.Th>
                    <Table.Th scope="col">{t('possession.note')}</Table.Th>
                    <Table.Th scope="col">{t('possession.by')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.counts.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>{dateTime(c.countedAt, zone)}</Table.Td>
                      <Table.Td>{c.drug}</Table.Td>
                      <Table.Td>{c.expected}</Table.Td>
                      <Table.Td>{c.counted}</Table.Td>
                      <Table.Td>{c.difference}</Table.Td>
                      <Table.Td>{c.note ?? '—'}</Table.Td>
                      <Table.Td>{c.countedBy}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : null}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
