import { Alert, Anchor, Button, Group, Radio, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { useFormats } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { refusalText } from './medication.api.ts';
import { useReconcile, useReconciliation } from './orders.api.ts';

type Choice = { action: 'continue' | 'stop' | ''; reason: string };

/**
 * Medication reconciliation after an arrival (TRC-*; ADR 0045): each prior prescription continued
 * or stopped with a reason (nothing pre-chosen); a change is a revision made from the person's page.
 */
export function ReconcilePage() {
  const { t } = useTranslation('medication');
  const { id = '' } = useParams();
  usePageTitle(t('orders.reconcile.pageTitle'));
  const reconciliation = useReconciliation(id);
  const reconcile = useReconcile(id);
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const { dateTime } = useFormats();
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);

  return (
    <Stack>
      <Title order={1}>{t('orders.reconcile.pageTitle')}</Title>
      <QueryState query={reconciliation} loading={t('loading')}>
        {(rec) => {
          const choice = (pid: string): Choice => choices[pid] ?? { action: '', reason: '' };
          const set = (pid: string, c: Partial<Choice>) =>
            setChoices((all) => ({ ...all, [pid]: { ...choice(pid), ...c } }));
          const personTab = `/registry/persons/${encodeURIComponent(rec.personId)}?tab=medication`;
          return (
            <Stack>
              <Title order={2}>{rec.name}</Title>
              <Text>{t('orders.reconcile.about', { at: dateTime(rec.dueAt) })}</Text>
              {rec.status === 'done' ? <Text role="status">{t('orders.reconcile.isDone')}</Text> : null}
              {rec.prescriptions.length ? (
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('prescription.drug')}</Table.Th>
                      <Table.Th>{t('prescription.dose')}</Table.Th>
                      <Table.Th>{t('orders.reconcile.decision')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rec.prescriptions.map((p) => (
                      <Table.Tr key={p.prescriptionId}>
                        <Table.Td>{p.drug}</Table.Td>
                        <Table.Td>
                          <Text size="sm">{p.dose}</Text>
                          <Text size="xs">{t(`delivery.${p.delivery}`, { defaultValue: p.delivery })}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Radio.Group
                            label={t('orders.reconcile.decisionFor', { drug: p.drug })}
                            value={choice(p.prescriptionId).action}
                            error={
                              missing && !choice(p.prescriptionId).action
                                ? t('orders.reconcile.choose')
                                : null
                            }
                            onChange={(v) => set(p.prescriptionId, { action: v as Choice['action'] })}
                          >
                            <Group mt={4}>
                              <Radio value="continue" label={t('orders.reconcile.continue')} />
                              <Radio value="stop" label={t('orders.reconcile.stop')} />
                            </Group>
                          </Radio.Group>
                          {choice(p.prescriptionId).action === 'stop' ? (
                            <TextInput
                              label={t('orders.reconcile.reason')}
                              required
                              value={choice(p.prescriptionId).reason}
                              onChange={(e) => set(p.prescriptionId, { reason: e.currentTarget.value })}
                            />
                          ) : null}
                          <Anchor
                            component={Link}
                            size="sm"
                            to={`/medication/persons/${encodeURIComponent(rec.personId)}/prescribe?revise=${encodeURIComponent(p.prescriptionId)}`}
                          >
                            {t('orders.reconcile.change')}
                          </Anchor>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              ) : (
                <Text>{t('orders.reconcile.nothing')}</Text>
              )}
              {failure ? (
                <Alert color="red" role="alert">
                  {failure}
                </Alert>
              ) : null}
              {rec.status === 'open' ? (
                <Group>
                  <Button
                    loading={reconcile.isPending}
                    onClick={() => {
                      setFailure(null);
                      if (rec.prescriptions.some((p) => !choice(p.prescriptionId).action)) {
                        setMissing(true);
                        setFailure(t('orders.reconcile.choose'));
                        return;
                      }
                      reconcile
                        .mutateAsync({
                          decisions: rec.prescriptions.map((p) => {
                            const c = choice(p.prescriptionId);
                            return {
                              prescriptionId: p.prescriptionId,
                              version: p.version,
                              action: c.action === 'stop' ? 'stop' : 'continue',
                              reason: c.reason.trim() || null,
                            };
                          }),
                        })
                        .then(
                          () => void navigate(personTab),
                          (error) => setFailure(refusalText(t, error, errorMessage)),
                        );
                    }}
                  >
                    {t('orders.reconcile.complete')}
                  </Button>
                  <Anchor component={Link} to="/medication/orders">
                    {t('orders.title')}
                  </Anchor>
                </Group>
              ) : null}
            </Stack>
          );
        }}
      </QueryState>
    </Stack>
  );
}
