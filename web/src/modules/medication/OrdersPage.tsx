import type { OrdersOverview } from '@custodia/domain/medication';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { useFormats } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { refusalText } from './medication.api.ts';
import { releaseLetterUrl, useDecideVerbalOrder, useOrders, useRenew } from './orders.api.ts';

const personLink = (id: string) => `/registry/persons/${encodeURIComponent(id)}?tab=medication`;

/**
 * The prescriber's orders (ADR 0045): verbal orders to countersign or reject, prescriptions to renew
 * (one click), reconciliations after an arrival, releases to prepare (the letter). Each list is the
 * worklist's lines with the action beside them.
 */
export function OrdersPage() {
  const { t, i18n } = useTranslation('medication');
  usePageTitle(t('orders.title'));
  const orders = useOrders();
  const decide = useDecideVerbalOrder();
  const renew = useRenew();
  const errorMessage = useErrorMessage();
  const { dateTime, date } = useFormats();
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<OrdersOverview['countersignatures'][number] | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const language = (i18n.resolvedLanguage ?? 'az').slice(0, 2);

  function done(promise: Promise<unknown>, message: string) {
    setFailure(null);
    setNotice(null);
    return promise.then(
      () => setNotice(message),
      (error) => setFailure(refusalText(t, error, errorMessage)),
    );
  }

  return (
    <Stack>
      <Title order={1}>{t('orders.title')}</Title>
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
      <QueryState query={orders} loading={t('loading')}>
        {(data) => (
          <Stack gap="xl">
            <Stack gap="xs">
              <Title order={2}>{t('orders.countersign.title')}</Title>
              {data.countersignatures.length ? (
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('round.person')}</Table.Th>
                      <Table.Th>{t('round.dose')}</Table.Th>
                      <Table.Th>{t('orders.countersign.orderedBy')}</Table.Th>
                      <Table.Th>{t('orders.countersign.due')}</Table.Th>
                      <Table.Th>{t('prescription.actions')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.countersignatures.map((c) => (
                      <Table.Tr key={c.id}>
                        <Table.Td>
                          <Anchor component={Link} to={personLink(c.personId)}>
                            {`${c.name} · ${c.prisonNumber}`}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{c.drug}</Text>
                          <Text size="xs">{c.dose}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{c.orderedBy}</Text>
                          <Text size="xs">
                            {t('orders.countersign.recordedBy', {
                              name: c.recordedBy,
                              at: dateTime(c.recordedAt),
                            })}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          {dateTime(c.dueAt)}{' '}
                          {c.overdue ? (
                            <Badge color="red.9" variant="filled">
                              {t('orders.overdue')}
                            </Badge>
                          ) : null}
                        </Table.Td>
                        <Table.Td>
                          <Group gap="xs">
                            <Button
                              size="sm"
                              aria-label={t('orders.countersign.signFor', { name: c.name, drug: c.drug })}
                              loading={decide.isPending}
                              onClick={() =>
                                void done(
                                  decide.mutateAsync({ id: c.id, decision: 'countersign' }),
                                  t('orders.countersign.signed', { drug: c.drug }),
                                )
                              }
                            >
                              {t('orders.countersign.sign')}
                            </Button>
                            <Button
                              size="sm"
                              variant="default"
                              aria-label={t('orders.countersign.rejectFor', { name: c.name, drug: c.drug })}
                              onClick={() => {
                                setReason('');
                                setReasonError(null);
                                setRejecting(c);
                              }}
                            >
                              {t('orders.countersign.reject')}
                            </Button>
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              ) : (
                <Text>{t('orders.countersign.none')}</Text>
              )}
            </Stack>

            <Stack gap="xs">
              <Title order={2}>{t('orders.renew.title')}</Title>
              {data.renewals.length ? (
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('round.person')}</Table.Th>
                      <Table.Th>{t('prescription.drug')}</Table.Th>
                      <Table.Th>{t('prescription.end')}</Table.Th>
                      <Table.Th>{t('prescription.actions')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.renewals.map((r) => (
                      <Table.Tr key={r.prescriptionId}>
                        <Table.Td>
                          <Anchor component={Link} to={personLink(r.personId)}>
                            {`${r.name} · ${r.prisonNumber}`}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{r.drug}</Table.Td>
                        <Table.Td>
                          {dateTime(r.endAt)}{' '}
                          {r.expired ? (
                            <Badge color="red.9" variant="filled">
                              {t('orders.renew.expired')}
                            </Badge>
                          ) : null}
                        </Table.Td>
                        <Table.Td>
                          <Button
                            size="sm"
                            aria-label={t('orders.renew.renewFor', { name: r.name, drug: r.drug })}
                            loading={renew.isPending}
                            onClick={() =>
                              void done(
                                renew.mutateAsync({ id: r.prescriptionId, version: r.version }),
                                t('orders.renew.done', { drug: r.drug }),
                              )
                            }
                          >
                            {t('orders.renew.renew')}
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              ) : (
                <Text>{t('orders.renew.none')}</Text>
              )}
            </Stack>

            <Stack gap="xs">
              <Title order={2}>{t('orders.reconcile.title')}</Title>
              {data.reconciliations.length ? (
                <Stack gap={4}>
                  {data.reconciliations.map((r) => (
                    <Group key={r.id} gap="xs">
                      <Anchor component={Link} to={`/medication/reconciliations/${encodeURIComponent(r.id)}`}>
                        {t('orders.reconcile.open', { name: `${r.name} · ${r.prisonNumber}` })}
                      </Anchor>
                      <Text size="sm">{t('orders.reconcile.due', { at: dateTime(r.dueAt) })}</Text>
                      {r.overdue ? (
                        <Badge color="red.9" variant="filled">
                          {t('orders.overdue')}
                        </Badge>
                      ) : null}
                    </Group>
                  ))}
                </Stack>
              ) : (
                <Text>{t('orders.reconcile.none')}</Text>
              )}
            </Stack>

            <Stack gap="xs">
              <Title order={2}>{t('orders.release.title')}</Title>
              {data.releases.length ? (
                <Stack gap={4}>
                  {data.releases.map((r) => (
                    <Group key={r.personId} gap="xs">
                      <Anchor component={Link} to={personLink(r.personId)}>
                        {`${r.name} · ${r.prisonNumber}`}
                      </Anchor>
                      <Text size="sm">{t('orders.release.on', { date: date(r.plannedOn) })}</Text>
                      <Anchor href={releaseLetterUrl(r.personId, language)} download>
                        {t('orders.release.letterFor', { name: r.name })}
                      </Anchor>
                      {r.letterOutdated && r.letterFor ? (
                        // TRC-6 (ADR 0055): the registry moved the date since the letter was prepared.
                        <Badge color="red.9" variant="filled">
                          {t('orders.release.outdated', { date: date(r.letterFor) })}
                        </Badge>
                      ) : r.letterAt ? (
                        <Text size="sm" fw={600}>
                          {t('orders.release.prepared')}
                        </Text>
                      ) : null}
                    </Group>
                  ))}
                </Stack>
              ) : (
                <Text>{t('orders.release.none')}</Text>
              )}
            </Stack>

            <Stack gap="xs">
              <Title order={2}>{t('orders.possessionReview.title')}</Title>
              {data.possessionReviews.length ? (
                <Stack gap={4}>
                  {data.possessionReviews.map((r) => (
                    <Group key={r.prescriptionId} gap="xs">
                      <Anchor component={Link} to={personLink(r.personId)}>
                        {t('orders.possessionReview.open', { name: `${r.name} · ${r.prisonNumber}` })}
                      </Anchor>
                      <Text size="sm">
                        {r.drug} · {t('orders.possessionReview.due', { date: date(r.reviewDate) })}
                      </Text>
                      {r.overdue ? (
                        <Badge color="red.9" variant="filled">
                          {t('orders.overdue')}
                        </Badge>
                      ) : null}
                    </Group>
                  ))}
                </Stack>
              ) : (
                <Text>{t('orders.possessionReview.none')}</Text>
              )}
            </Stack>
          </Stack>
        )}
      </QueryState>
      <Modal
        opened={rejecting !== null}
        onClose={() => setRejecting(null)}
        title={
          rejecting ? t('orders.countersign.rejectFor', { name: rejecting.name, drug: rejecting.drug }) : ''
        }
      >
        <Stack>
          <Textarea
            label={t('orders.countersign.reason')}
            required
            value={reason}
            error={reasonError}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <Button
            color="red"
            onClick={() => {
              if (reason.trim().length < 3) {
                setReasonError(t('orders.countersign.reasonRequired'));
                return;
              }
              const c = rejecting;
              setRejecting(null);
              if (c)
                void done(
                  decide.mutateAsync({ id: c.id, decision: 'reject', reason: reason.trim() }),
                  t('orders.countersign.rejected', { drug: c.drug }),
                );
            }}
          >
            {t('orders.countersign.reject')}
          </Button>
        </Stack>
      </Modal>
    </Stack>
  );
}
