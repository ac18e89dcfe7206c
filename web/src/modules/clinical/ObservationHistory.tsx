import { Alert, Button, Group, Loader, Paper, SegmentedControl, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { type ObservationCategory, useObservationPages } from './clinical.api.ts';
import type { ClinicalLabels } from './labels.ts';
import { observationValue } from './MedicalRecordTab.tsx';

/**
 * Vital signs and lab results over time (MED-1): the chart shows the latest; here every reading,
 * newest first, a page at a time, fetched only when asked for. Entries entered in error are left
 * out by the server; restricted ones only reach those allowed to see them.
 */
export function ObservationHistory({
  personId,
  labels,
  zone,
}: {
  personId: string;
  labels: ClinicalLabels;
  zone: string | undefined;
}) {
  const { t } = useTranslation('clinical');
  const errorMessage = useErrorMessage();
  const [open, setOpen] = useState(false);
  const [category, setCategory] = useState<ObservationCategory>('vital-signs');
  const pages = useObservationPages(personId, category, open);
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const name = (test: string) => (category === 'vital-signs' ? labels.vitalSign(test) : labels.labTest(test));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="chart-history">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4" id="chart-history">
          {t('history.title')}
        </Title>
        {open ? (
          <SegmentedControl
            aria-label={t('history.category')}
            value={category}
            onChange={(value) => setCategory(value as ObservationCategory)}
            data={[
              { value: 'vital-signs', label: t('history.vitals') },
              { value: 'laboratory', label: t('history.labs') },
            ]}
          />
        ) : (
          <Button variant="default" className="no-print" onClick={() => setOpen(true)}>
            {t('history.show')}
          </Button>
        )}
      </Group>
      {!open ? null : pages.isLoading ? (
        <Loader size="sm" role="status" aria-label={t('history.loading')} />
      ) : pages.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(pages.error)}
        </Alert>
      ) : items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {category === 'vital-signs' ? t('chart.noVitals') : t('chart.noLabs')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table verticalSpacing={2} striped>
            <Table.Caption>
              {category === 'vital-signs' ? t('history.vitals') : t('history.labs')}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('vitals.takenAt')}</Table.Th>
                <Table.Th scope="col">
                  {category === 'vital-signs' ? t('vitals.sign') : t('history.test')}
                </Table.Th>
                <Table.Th scope="col">{t('vitals.value')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td>{labels.dateTime(o.effectiveAt, zone)}</Table.Td>
                  <Table.Td>{name(o.test)}</Table.Td>
                  <Table.Td>
                    {observationValue(o, labels)}
                    {o.restricted ? ` · ${t('form.restrictedMark')}` : ''}
                    {o.note ? ` · ${o.note}` : ''}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {open && pages.hasNextPage ? (
        <Button
          variant="default"
          mt="sm"
          className="no-print"
          loading={pages.isFetchingNextPage}
          onClick={() => void pages.fetchNextPage()}
        >
          {t('history.more')}
        </Button>
      ) : null}
    </Paper>
  );
}
