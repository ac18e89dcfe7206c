import { dailyRecordSchema } from '@custodia/domain/segregation';
import { Alert, Anchor, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useActiveInstitution } from '../../app/activeInstitution.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm } from '../../app/useWriteForm.tsx';
import { AlertBadges, useFieldMessage, useProblemText } from './parts.tsx';
import { newIdempotencyKey, usePlacementCommand, useWingList, type WingRow } from './segregation.api.ts';

/** A number typed in a minutes box, or undefined while empty (so the schema asks for it). */
const minutes = (text: string) => (text.trim() === '' ? undefined : Number(text));

/**
 * SEG-1, SEG-9, SEG-10: today's minutes of one separated person, typed on the wing list itself:
 * out of cell, outdoors, contact, Enter. Nothing is pre-filled.
 */
function DayForm({ row, today }: { row: WingRow; today: string }) {
  const { t } = useTranslation('segregation');
  const problemText = useProblemText();
  const fieldMessage = useFieldMessage();
  // One key per entry: a double Enter on a flaky network records the day once.
  const [key, setKey] = useState(newIdempotencyKey);
  const write = useWriteForm({
    initialValues: { outOfCellMinutes: '', outdoorMinutes: '', contactMinutes: '' },
    write: usePlacementCommand(row.id, 'days', key),
    schema: dailyRecordSchema,
    toBody: (v) => ({
      day: today,
      outOfCellMinutes: minutes(v.outOfCellMinutes),
      outdoorMinutes: minutes(v.outdoorMinutes),
      contactMinutes: minutes(v.contactMinutes),
    }),
    issueMessage: (issue) =>
      fieldMessage(issue.message) ??
      (issue.code === 'invalid_type' ? t('errors.minutes_required') : undefined),
    fieldMessage,
    problemText,
    notice: () => t('wing.saved', { name: row.name }),
    onSuccess: () => {
      write.form.reset();
      setKey(newIdempotencyKey());
    },
  });
  const box = (name: 'outOfCellMinutes' | 'outdoorMinutes' | 'contactMinutes') => (
    <TextInput
      {...write.form.getInputProps(name)}
      label={t(`wing.${name}`)}
      aria-label={`${t(`wing.${name}`)}: ${row.name}`}
      inputMode="numeric"
      w={110}
      size="xs"
      maxLength={4}
    />
  );
  return (
    <form {...write.formProps} aria-label={`${t('wing.recordDay')}: ${row.name}`}>
      <Group gap={4} align="flex-end" wrap="nowrap">
        {box('outOfCellMinutes')}
        {box('outdoorMinutes')}
        {box('contactMinutes')}
        <Button type="submit" size="xs" loading={write.busy}>
          {t('wing.save')}
        </Button>
      </Group>
      {write.failure ? (
        <Text size="xs" c="red.9" role="alert">
          {write.failure}
        </Text>
      ) : null}
      {write.notice ? (
        <Text size="xs" role="status">
          {write.notice}
        </Text>
      ) : null}
    </form>
  );
}

/**
 * SEG-13: the whole record of a period for the national preventive mechanism and the CPT, as CSV
 * or PDF (the days are the institution's).
 */
function OversightExport({ institutionId, today }: { institutionId: string; today: string }) {
  const { t } = useTranslation('segregation');
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const url = (format: 'csv' | 'pdf') =>
    `/api/v1/segregation/export?${new URLSearchParams({ institutionId, from, to, format })}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="export-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="export-title">
          {t('export.title')}
        </Title>
        <Text size="sm">{t('export.intro')}</Text>
        <Group align="flex-end">
          <TextInput
            type="date"
            label={t('export.from')}
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t('export.to')}
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
          />
          <Anchor href={url('csv')} download>
            {t('export.csv')}
          </Anchor>
          <Anchor href={url('pdf')} download>
            {t('export.pdf')}
          </Anchor>
        </Group>
      </Stack>
    </Paper>
  );
}

/**
 * The wing list (SEG-1 … SEG-10): every separated person of the active institution, a row each with
 * the day of the placement, the run of solitary days, today's minutes and the flags in words.
 */
export function WingListPage() {
  const { t } = useTranslation('segregation');
  usePageTitle(t('wing.title'));
  const user = useCurrentUser();
  const { activeId } = useActiveInstitution();
  const wing = useWingList(activeId);
  const canRecord = allows(user, 'segregation.day.record');

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('wing.title')}</Title>
        {allows(user, 'segregation.placement.decide') ? (
          <Button component={Link} to="/segregation/start">
            {t('wing.start')}
          </Button>
        ) : null}
      </Group>
      <Text>{t('wing.intro')}</Text>
      {!activeId ? (
        <Alert color="blue">{t('wing.chooseInstitution')}</Alert>
      ) : (
        <QueryState query={wing} empty={t('wing.none')}>
          {(data) => (
            <Table striped withTableBorder captionSide="top">
              <Table.Caption>{t('wing.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('wing.person')}</Table.Th>
                  <Table.Th scope="col">{t('wing.kind')}</Table.Th>
                  <Table.Th scope="col">{t('wing.days')}</Table.Th>
                  <Table.Th scope="col">{t('wing.today')}</Table.Th>
                  <Table.Th scope="col">{t('wing.flags')}</Table.Th>
                  {canRecord ? <Table.Th scope="col">{t('wing.recordDay')}</Table.Th> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((row) => (
                  <Table.Tr key={row.id} data-placement={row.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/segregation/placements/${encodeURIComponent(row.id)}`}>
                        {row.name}
                      </Anchor>
                      <Text size="xs">
                        {row.prisonNumber}
                        {row.cellCode ? ` · ${row.cellCode}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>{t(`kinds.${row.kind}`)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{t('wing.dayNumber', { day: row.dayNumber })}</Text>
                      <Text size="xs">{t('wing.solitaryRun', { count: row.solitaryRun })}</Text>
                    </Table.Td>
                    <Table.Td>
                      {row.today ? (
                        <Text size="sm">
                          {t('wing.todayMinutes', {
                            out: row.today.outOfCellMinutes,
                            outdoor: row.today.outdoorMinutes,
                            contact: row.today.contactMinutes,
                          })}
                        </Text>
                      ) : (
                        <Text size="sm">{t('wing.notRecorded')}</Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <AlertBadges alerts={row.alerts} />
                    </Table.Td>
                    {canRecord ? (
                      <Table.Td>
                        <DayForm row={row} today={data.today} />
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </QueryState>
      )}
      {activeId && wing.data && allows(user, 'segregation.export') ? (
        <OversightExport institutionId={activeId} today={wing.data.today} />
      ) : null}
    </Stack>
  );
}
