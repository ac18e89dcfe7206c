import type { ControlledBook, ControlledIncident } from '@custodia/domain/medication';
import {
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { useFormats } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useDrugName } from './labels.ts';
import { refusalText } from './medication.api.ts';
import { InstitutionPicker, PharmacyLinks, usePharmacyInstitution } from './PharmacyParts.tsx';
import { useControlledBook, useCount, useResolveIncident } from './pharmacy.api.ts';

type BookDrug = ControlledBook['drugs'][number];

/**
 * The controlled-drug book (ADR 0040): each controlled drug's book balance and today's count — the
 * number counted, never pre-filled, and a witness — then the last week's counts and the incidents a
 * difference opened, until resolved with an explanation.
 */
export function ControlledBookPage() {
  const { t } = useTranslation('medication');
  usePageTitle(t('pharmacy.controlledBook.title'));
  const { institutionId, setInstitutionId, options } = usePharmacyInstitution();
  const book = useControlledBook(institutionId);
  const user = useCurrentUser();
  const manage = allows(user, 'medication.stock.manage');
  const resolve = allows(user, 'medication.controlled.resolve');

  return (
    <Stack>
      <Title order={1}>{t('pharmacy.controlledBook.title')}</Title>
      <PharmacyLinks institutionId={institutionId} />
      <InstitutionPicker value={institutionId} options={options} onChange={setInstitutionId} />
      <QueryState query={book}>
        {(data) => (
          <>
            <Title order={2}>{t('pharmacy.controlledBook.incidents')}</Title>
            {data.incidents.filter((i) => i.status === 'open').length === 0 ? (
              <Text>{t('pharmacy.controlledBook.noIncidents')}</Text>
            ) : null}
            {data.incidents.map((i) => (
              <IncidentCard key={i.id} incident={i} canResolve={resolve} zone={data.timeZone} />
            ))}
            {data.drugs.map((d) => (
              <DrugBook key={d.drug.id} entry={d} data={data} manage={manage} />
            ))}
          </>
        )}
      </QueryState>
    </Stack>
  );
}

function DrugBook({ entry, data, manage }: { entry: BookDrug; data: ControlledBook; manage: boolean }) {
  const { t } = useTranslation('medication');
  const drugName = useDrugName();
  const { date, dateTime } = useFormats();
  const errorMessage = useErrorMessage();
  const count = useCount();
  const name = drugName(entry.drug);
  const [counted, setCounted] = useState<number | string>('');
  const [witness, setWitness] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  async function submit() {
    setFailure(null);
    setNotice(null);
    if (counted === '' || !witness.trim()) {
      setFailure(t('pharmacy.controlledBook.needCount'));
      return;
    }
    try {
      const result = await count.mutateAsync({
        institutionId: data.institutionId,
        drugId: entry.drug.id,
        counted: Number(counted),
        witness: witness.trim(),
      });
      setNotice(
        result.difference === 0
          ? t('pharmacy.controlledBook.balanced')
          : t('pharmacy.controlledBook.discrepancy', { difference: result.difference }),
      );
      setCounted('');
      setWitness('');
    } catch (error) {
      setFailure(refusalText(t, error, errorMessage));
    }
  }
  return (
    <Stack gap="xs">
      <Title order={2}>{name}</Title>
      <Text>{t('pharmacy.controlledBook.bookBalance', { quantity: entry.bookBalance })}</Text>
      {entry.countedToday ? (
        <Text>{t('pharmacy.controlledBook.countedToday', { date: date(data.today) })}</Text>
      ) : manage ? (
        <Group align="end">
          <NumberInput
            label={t('pharmacy.controlledBook.counted')}
            aria-label={`${t('pharmacy.controlledBook.counted')}: ${name}`}
            min={0}
            allowDecimal={false}
            value={counted}
            onChange={setCounted}
          />
          <TextInput
            label={t('pharmacy.witness')}
            aria-label={`${t('pharmacy.witness')}: ${name}`}
            autoComplete="off"
            value={witness}
            onChange={(e) => setWitness(e.currentTarget.value)}
          />
          <Button onClick={() => void submit()} loading={count.isPending}>
            {t('pharmacy.controlledBook.record', { drug: name })}
          </Button>
        </Group>
      ) : null}
      {failure ? (
        <Alert color="red" role="alert">
          {failure}
        </Alert>
      ) : null}
      {notice ? (
        <Alert color="green" role="status">
          {notice}
        </Alert>
      ) : null}
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('pharmacy.controlledBook.date')}</Table.Th>
            <Table.Th>{t('pharmacy.controlledBook.book')}</Table.Th>
            <Table.Th>{t('pharmacy.controlledBook.counted')}</Table.Th>
            <Table.Th>{t('pharmacy.controlledBook.difference')}</Table.Th>
            <Table.Th>{t('pharmacy.ledger.who')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entry.counts.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>{date(c.date)}</Table.Td>
              <Table.Td>{c.bookBalance}</Table.Td>
              <Table.Td>{c.counted}</Table.Td>
              <Table.Td>
                {c.difference === 0 ? (
                  t('pharmacy.controlledBook.ok')
                ) : (
                  <Badge color="red.9" variant="filled">
                    {c.difference > 0 ? `+${c.difference}` : c.difference}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                {c.countedBy} · {t('pharmacy.ledger.witness', { name: c.witness })} ·{' '}
                {dateTime(c.countedAt, data.timeZone)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function IncidentCard({
  incident,
  canResolve,
  zone,
}: {
  incident: ControlledIncident;
  canResolve: boolean;
  zone: string;
}) {
  const { t } = useTranslation('medication');
  const drugName = useDrugName();
  const { date, dateTime } = useFormats();
  const errorMessage = useErrorMessage();
  const resolve = useResolveIncident();
  const [explanation, setExplanation] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const name = drugName(incident.drug);
  async function submit() {
    setFailure(null);
    if (explanation.trim().length < 5) {
      setFailure(t('pharmacy.controlledBook.needExplanation'));
      return;
    }
    try {
      await resolve.mutateAsync({ id: incident.id, explanation: explanation.trim() });
    } catch (error) {
      setFailure(refusalText(t, error, errorMessage));
    }
  }
  return (
    <Stack gap="xs" p="sm" style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4 }}>
      <Text fw={700}>
        {t('pharmacy.controlledBook.incidentLine', {
          drug: name,
          date: date(incident.date),
          difference: incident.difference > 0 ? `+${incident.difference}` : incident.difference,
        })}
      </Text>
      {incident.status === 'resolved' ? (
        <Text>
          {t('pharmacy.controlledBook.resolvedBy', {
            name: incident.resolvedBy ?? '',
            when: dateTime(incident.resolvedAt, zone),
          })}
          : {incident.explanation}
        </Text>
      ) : canResolve ? (
        <Group align="end">
          <Textarea
            label={t('pharmacy.controlledBook.explanation')}
            aria-label={`${t('pharmacy.controlledBook.explanation')}: ${name}`}
            value={explanation}
            onChange={(e) => setExplanation(e.currentTarget.value)}
            miw={320}
          />
          <Button onClick={() => void submit()} loading={resolve.isPending}>
            {t('pharmacy.controlledBook.resolve')}
          </Button>
        </Group>
      ) : null}
      {failure ? (
        <Alert color="red" role="alert">
          {failure}
        </Alert>
      ) : null}
    </Stack>
  );
}
