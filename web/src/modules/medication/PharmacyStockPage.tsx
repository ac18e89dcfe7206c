import { type StockTask, stockTaskResolutions } from '@custodia/domain/medication';
import { Alert, Badge, Button, Group, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { useFormats } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useDrugName } from './labels.ts';
import { refusalText } from './medication.api.ts';
import { ExpiryBadge, InstitutionPicker, PharmacyLinks, usePharmacyInstitution } from './PharmacyParts.tsx';
import { useMovements, useResolveTask, useStock } from './pharmacy.api.ts';

/**
 * Pharmacy stock (issue 15 item 3; ADR 0040): the stock tasks a round's "not available" opened
 * (MDX-3) with their resolution, then each drug with its batches and expiries, stock-outs first, and
 * the ledger of movements (who, when, why) a page at a time.
 */
export function PharmacyStockPage() {
  const { t } = useTranslation('medication');
  usePageTitle(t('pharmacy.stock.title'));
  const { institutionId, setInstitutionId, options, zone } = usePharmacyInstitution();
  const stock = useStock(institutionId);
  const drugName = useDrugName();
  const user = useCurrentUser();
  const manage = allows(user, 'medication.stock.manage');
  const { date, dateTime } = useFormats();

  return (
    <Stack>
      <Title order={1}>{t('pharmacy.stock.title')}</Title>
      <PharmacyLinks institutionId={institutionId} />
      <InstitutionPicker value={institutionId} options={options} onChange={setInstitutionId} />
      <QueryState query={stock}>
        {(data) => (
          <>
            <Title order={2}>{t('pharmacy.tasks.title')}</Title>
            {data.tasks.length === 0 ? (
              <Text>{t('pharmacy.tasks.none')}</Text>
            ) : (
              <Stack>
                {data.tasks.map((task) => (
                  <TaskCard key={task.id} task={task} manage={manage} zone={data.timeZone} />
                ))}
              </Stack>
            )}
            <Title order={2}>{t('pharmacy.stock.drugs')}</Title>
            <Table striped withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('pharmacy.stock.drug')}</Table.Th>
                  <Table.Th>{t('pharmacy.stock.available')}</Table.Th>
                  <Table.Th>{t('pharmacy.stock.prescriptions')}</Table.Th>
                  <Table.Th>{t('pharmacy.stock.batches')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.lines.map((line) => (
                  <Table.Tr key={line.drug.id}>
                    <Table.Td>
                      {drugName(line.drug)}{' '}
                      {line.controlled ? <Badge variant="outline">{t('pharmacy.controlled')}</Badge> : null}{' '}
                      {line.stockOut ? (
                        <Badge color="red.9" variant="filled">
                          {t('pharmacy.stock.stockOut')}
                        </Badge>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{line.available}</Table.Td>
                    <Table.Td>{line.activePrescriptions}</Table.Td>
                    <Table.Td>
                      {line.batches.map((b) => (
                        <Group key={b.id} gap="xs">
                          <Text size="sm">
                            {t('pharmacy.stock.batchLine', {
                              batch: b.batchNumber,
                              expiry: date(b.expiryDate),
                              quantity: b.quantity,
                            })}
                          </Text>
                          <ExpiryBadge expiry={b.expiry} />
                        </Group>
                      ))}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Ledger institutionId={institutionId} zone={zone ?? data.timeZone} dateTime={dateTime} />
          </>
        )}
      </QueryState>
    </Stack>
  );
}

function TaskCard({ task, manage, zone }: { task: StockTask; manage: boolean; zone: string }) {
  const { t } = useTranslation('medication');
  const drugName = useDrugName();
  const { dateTime } = useFormats();
  const errorMessage = useErrorMessage();
  const resolve = useResolveTask();
  const [resolution, setResolution] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const name = drugName(task.drug);
  async function submit() {
    setFailure(null);
    if (!resolution || note.trim().length < 3) {
      setFailure(t('pharmacy.tasks.needResolution'));
      return;
    }
    try {
      await resolve.mutateAsync({
        id: task.id,
        resolution: resolution as StockTask['resolution'] & string,
        note: note.trim(),
      });
    } catch (error) {
      setFailure(refusalText(t, error, errorMessage));
    }
  }
  return (
    <Stack gap="xs" p="sm" style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4 }}>
      <Text fw={700}>
        {t('pharmacy.tasks.line', { drug: name, doses: task.doses, since: dateTime(task.openedAt, zone) })}
      </Text>
      {manage ? (
        <Group align="end">
          <Select
            label={t('pharmacy.tasks.resolution')}
            data={stockTaskResolutions.map((r) => ({ value: r, label: t(`pharmacy.resolutions.${r}`) }))}
            value={resolution}
            onChange={setResolution}
            aria-label={`${t('pharmacy.tasks.resolution')}: ${name}`}
          />
          <Textarea
            label={t('pharmacy.tasks.note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            aria-label={`${t('pharmacy.tasks.note')}: ${name}`}
          />
          <Button onClick={() => void submit()} loading={resolve.isPending}>
            {t('pharmacy.tasks.resolve')}
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

function Ledger({
  institutionId,
  zone,
  dateTime,
}: {
  institutionId: string;
  zone: string;
  dateTime: (iso: string, zone?: string | null) => string;
}) {
  const { t } = useTranslation('medication');
  const drugName = useDrugName();
  const ledger = useMovements(institutionId);
  const rows = ledger.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <Title order={2}>{t('pharmacy.ledger.title')}</Title>
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('pharmacy.ledger.when')}</Table.Th>
            <Table.Th>{t('pharmacy.ledger.kind')}</Table.Th>
            <Table.Th>{t('pharmacy.stock.drug')}</Table.Th>
            <Table.Th>{t('pharmacy.ledger.quantity')}</Table.Th>
            <Table.Th>{t('pharmacy.ledger.why')}</Table.Th>
            <Table.Th>{t('pharmacy.ledger.who')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>{dateTime(m.recordedAt, zone)}</Table.Td>
              <Table.Td>
                {t(`pharmacy.kinds.${m.kind}`)}
                {m.supply ? ` · ${t(`pharmacy.supply.${m.supply}`)}` : ''}
                {m.round ? ` · ${t(`rounds.${m.round}`)}` : ''}
              </Table.Td>
              <Table.Td>
                {drugName(m.drug)} · {m.batchNumber}
              </Table.Td>
              <Table.Td>
                {m.quantity > 0 ? `+${m.quantity}` : m.quantity} → {m.balanceAfter}
              </Table.Td>
              <Table.Td>{m.reason ?? ''}</Table.Td>
              <Table.Td>
                {m.recordedBy}
                {m.witness ? ` · ${t('pharmacy.ledger.witness', { name: m.witness })}` : ''}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {ledger.hasNextPage ? (
        <Button
          variant="default"
          onClick={() => void ledger.fetchNextPage()}
          loading={ledger.isFetchingNextPage}
        >
          {t('pharmacy.ledger.more')}
        </Button>
      ) : null}
    </>
  );
}
