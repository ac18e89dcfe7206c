import {
  type AdministrationOutcome,
  type NotGivenReason,
  notGivenReasons,
  type RoundName,
  type RoundRow,
  reasonsNeedingNote,
  roundNames,
} from '@custodia/domain/medication';
import { calendarDateIn, newId } from '@custodia/domain/platform';
import {
  Alert,
  Badge,
  Box,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useActiveInstitution } from '../../app/activeInstitution.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { WARNING_COLOR } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useInstitutions, useTimeZoneOf } from '../registry/registry.api.ts';
import { timeIn, useDrugName } from './labels.ts';
import { refusalText, useRecordDose, useRound } from './medication.api.ts';
import { isUnreachable } from './offlineQueue.ts';
import { NotBroughtBadge, QueuedDoses, useDoseQueue } from './rounds/OfflineRound.tsx';

/** The keys of the common not-given reasons on a focused row (Enter records "given"). */
const reasonKeys: Record<string, NotGivenReason> = {
  r: 'refused',
  n: 'not_available_stock',
  l: 'regime_lockdown',
  s: 'asleep',
};

/** A due dose's key in the round: its prescription and its time. */
const rowKey = (r: RoundRow) => `${r.prescriptionId}|${r.dueAt}`;

interface Pending {
  row: RoundRow;
  reason: NotGivenReason;
}

/**
 * The dose round (MAR; issue 15 item 4): a unit's due doses for a round time, one row per due dose
 * (MDX-2). Keyboard first: a row takes the focus; Enter records "given" (with the mouth check for a
 * supervised dose), R refused (asks for the counselling note), N not available, L regime lockdown,
 * S asleep; M opens every reason. Large buttons for a tablet on a trolley.
 */
export function RoundPage() {
  const { t } = useTranslation(['medication', 'rounds']);
  usePageTitle(t('round.title'));
  const drugName = useDrugName();
  const errorMessage = useErrorMessage();
  const active = useActiveInstitution();
  const institutions = useInstitutions();
  const [institutionId, setInstitutionId] = useState('');
  const chosen = institutionId || active.activeId || active.choices[0]?.id || '';
  const zone = useTimeZoneOf()(chosen);
  const [date, setDate] = useState('');
  const [round, setRound] = useState<RoundName | ''>('');
  const [unitId, setUnitId] = useState('');
  const [search] = useSearchParams();
  const query = useRound({ institutionId: chosen, date, round, unitId, at: search.get('at') });
  const record = useRecordDose();
  // ADR 0046: doses recorded without a connection wait on this device; officers' marks show on rows.
  const queue = useDoseQueue();
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const rowRefs = useRef(new Map<string, HTMLTableRowElement>());
  const [focusNext, setFocusNext] = useState<string | null>(null);

  const data = query.data;
  useEffect(() => {
    if (data && !round) setRound(data.round);
    if (data && !date) setDate(data.date);
  }, [data, round, date]);

  const personName = (r: RoundRow) => `${r.surname} ${r.givenName}`.trim();

  // After a record, the focus moves to the next dose still to record.
  useEffect(() => {
    if (!focusNext || !data) return;
    const rows = data.rows;
    const from = rows.findIndex((r) => rowKey(r) === focusNext);
    const next = [...rows.slice(from + 1), ...rows.slice(0, from + 1)].find(
      (r) => !r.record && !queue.rowKeys.has(rowKey(r)),
    );
    if (next) rowRefs.current.get(rowKey(next))?.focus();
    setFocusNext(null);
  }, [data, focusNext, queue.rowKeys]);

  async function save(row: RoundRow, outcome: AdministrationOutcome, reason?: NotGivenReason, text?: string) {
    setFailure(null);
    setNotice(null);
    // A key per attempt (a UUIDv7: crypto.randomUUID needs a secure context, a ward LAN may not be one).
    const key = newId();
    const body = {
      dueAt: row.dueAt,
      outcome,
      reason: reason ?? null,
      note: text?.trim() ? text.trim() : null,
      // DOT: "given" on a supervised dose records the mouth check done by the nurse who gives it.
      mouthCheck: outcome !== 'not_given' && row.delivery === 'supervised',
      // ADR 0046: the time of the key press is the dose's time, sent now or later from the queue.
      givenAt: new Date().toISOString(),
    };
    // ADR 0046: no connection: the dose is kept on this device (same key, same body) and sent later.
    const keep = () => {
      queue.enqueue(row, personName(row), body, key);
      setNotice(
        t('rounds:offline.queued', {
          name: personName(row),
          outcome: reason ? t(`reasons.${reason}`) : t(`outcomes.${outcome}`),
          time: timeIn(body.givenAt, zone),
        }),
      );
      setFocusNext(rowKey(row));
    };
    if (!navigator.onLine) return keep();
    try {
      await record.mutateAsync({ prescriptionId: row.prescriptionId, key, ...body });
      setNotice(
        t('round.recorded', {
          name: personName(row),
          outcome: reason ? t(`reasons.${reason}`) : t(`outcomes.${outcome}`),
        }),
      );
      setFocusNext(rowKey(row));
    } catch (error) {
      if (isUnreachable(error)) return keep();
      setFailure(refusalText(t, error, errorMessage));
    }
  }

  function notGiven(row: RoundRow, reason: NotGivenReason) {
    if (reasonsNeedingNote.has(reason)) {
      setNote('');
      setNoteError(null);
      setPending({ row, reason });
    } else void save(row, 'not_given', reason);
  }

  function onRowKey(event: KeyboardEvent<HTMLTableRowElement>, row: RoundRow) {
    if (
      event.target !== event.currentTarget ||
      row.record ||
      queue.rowKeys.has(rowKey(row)) ||
      record.isPending
    )
      return;
    const key = event.key.toLowerCase();
    if (event.key === 'Enter') {
      event.preventDefault();
      void save(row, 'given');
    } else if (reasonKeys[key]) {
      event.preventDefault();
      notGiven(row, reasonKeys[key]);
    } else if (key === 'm') {
      event.preventDefault();
      setNote('');
      setNoteError(null);
      setPending({ row, reason: 'held_clinical' });
    }
  }

  const institutionOptions = (institutions.data ?? [])
    .filter((i) => active.choices.some((c) => c.id === i.id))
    .map((i) => ({ value: i.id, label: i.code }));

  return (
    <Stack>
      <Title order={1}>{t('round.title')}</Title>
      <Group align="end" wrap="wrap">
        <Select
          label={t('round.institution')}
          data={institutionOptions}
          value={chosen || null}
          onChange={(v) => {
            setInstitutionId(v ?? '');
            setUnitId('');
          }}
          allowDeselect={false}
        />
        <Select
          label={t('round.unit')}
          data={[
            { value: '', label: t('round.allUnits') },
            ...(data?.units ?? []).map((u) => ({ value: u.id, label: u.code })),
          ]}
          value={unitId}
          onChange={(v) => setUnitId(v ?? '')}
          allowDeselect={false}
        />
        <TextInput
          type="date"
          label={t('round.date')}
          value={date || (zone ? calendarDateIn(new Date(), zone) : '')}
          onChange={(e) => setDate(e.currentTarget.value)}
        />
        <Box>
          <Text component="span" size="sm" fw={500} id="round-time-label" display="block">
            {t('round.round')}
          </Text>
          <SegmentedControl
            aria-labelledby="round-time-label"
            size="md"
            value={round || data?.round || 'morning'}
            onChange={(v) => setRound(v as RoundName)}
            data={roundNames.map((r) => ({
              value: r,
              label: `${t(`rounds.${r}`)} ${data?.roundTimes[r] ?? ''}`.trim(),
            }))}
          />
        </Box>
      </Group>
      <Text size="sm" id="round-keys">
        {t('round.keys')}
      </Text>
      {failure ? (
        <Alert color="red" role="alert" title={t('round.notRecorded')}>
          {failure}
        </Alert>
      ) : null}
      <Text role="status" size="sm">
        {notice ?? ''}
      </Text>
      <QueuedDoses queue={queue} zone={zone} />
      <QueryState
        // ADR 0046: the round stays on screen while the server cannot be reached.
        query={{ ...query, isError: query.isError && !query.data }}
        empty={t('round.empty')}
        isEmpty={(d) => d.rows.length === 0}
        loading={t('loading')}
      >
        {(round) => (
          <Table striped withTableBorder verticalSpacing="sm" captionSide="top">
            <Table.Caption>
              {t('round.caption', {
                round: t(`rounds.${round.round}`),
                time: round.roundTime,
                count: round.rows.length,
              })}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('round.photo')}</Table.Th>
                <Table.Th scope="col">{t('round.person')}</Table.Th>
                <Table.Th scope="col">{t('round.cell')}</Table.Th>
                <Table.Th scope="col">{t('round.alerts')}</Table.Th>
                <Table.Th scope="col">{t('round.dose')}</Table.Th>
                <Table.Th scope="col">{t('round.due')}</Table.Th>
                <Table.Th scope="col">{t('round.record')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {round.rows.map((row) => {
                const drug = round.drugs.find((d) => d.id === row.drugId);
                const name = personName(row);
                const dose = `${drug ? drugName(drug) : ''} · ${row.dose} ${t(`units.${row.doseUnit}`)} · ${t(`routes.${row.route}`)}`;
                return (
                  <Table.Tr
                    key={rowKey(row)}
                    ref={(el) => {
                      if (el) rowRefs.current.set(rowKey(row), el);
                      else rowRefs.current.delete(rowKey(row));
                    }}
                    tabIndex={row.record || queue.rowKeys.has(rowKey(row)) ? -1 : 0}
                    aria-label={t('round.rowLabel', { name, dose, time: timeIn(row.dueAt, zone) })}
                    aria-describedby="round-keys"
                    onKeyDown={(e) => onRowKey(e, row)}
                    data-state={row.state}
                  >
                    <Table.Td>
                      {row.photoId ? (
                        <img
                          src={`/api/v1/persons/${encodeURIComponent(row.personId)}/photo?v=${encodeURIComponent(row.photoId)}`}
                          alt={t('round.photoOf', { name })}
                          width={56}
                          height={56}
                          style={{ objectFit: 'cover', borderRadius: 4 }}
                        />
                      ) : (
                        <Text size="sm">{t('round.noPhoto')}</Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text fw={700}>{name}</Text>
                      <Text size="sm">{row.prisonNumber}</Text>
                    </Table.Td>
                    <Table.Td>{row.cellCode ?? '—'}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {row.allergies.length ? (
                          <Badge color="red.9" variant="outline" tt="none">
                            {t('round.allergy', { list: row.allergies.join(', ') })}
                          </Badge>
                        ) : null}
                        {row.delivery === 'supervised' ? (
                          <Badge variant="outline" color="blue.9" tt="none">
                            {t('round.supervised')}
                          </Badge>
                        ) : null}
                        <NotBroughtBadge round={round} personId={row.personId} zone={zone} />
                        {row.observeAfter ? (
                          <Badge color={WARNING_COLOR} variant="outline" tt="none">
                            {t('round.observeAfter')}
                          </Badge>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>{dose}</Table.Td>
                    <Table.Td>
                      <Text>{timeIn(row.dueAt, zone)}</Text>
                      <Badge
                        variant="outline"
                        tt="none"
                        color={row.state === 'late' || row.state === 'missed' ? 'red.9' : 'gray.8'}
                      >
                        {t(`states.${row.state}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {queue.rowKeys.has(rowKey(row)) && !row.record ? (
                        <Badge variant="outline" color="gray.8" tt="none" size="lg">
                          {t('rounds:offline.waiting')}
                        </Badge>
                      ) : row.record ? (
                        <Text>
                          {row.record.reason
                            ? t(`reasons.${row.record.reason}`)
                            : t(`outcomes.${row.record.outcome}`)}{' '}
                          {timeIn(row.record.givenAt, zone)}
                        </Text>
                      ) : (
                        <Group gap="xs">
                          <Button
                            size="md"
                            tabIndex={-1}
                            onClick={() => void save(row, 'given')}
                            disabled={record.isPending}
                            aria-label={t('round.giveTo', { name })}
                          >
                            {t('round.given')}
                          </Button>
                          <Button
                            size="md"
                            variant="outline"
                            tabIndex={-1}
                            onClick={() => notGiven(row, 'refused')}
                            disabled={record.isPending}
                            aria-label={t('round.refusedBy', { name })}
                          >
                            {t('reasons.refused')}
                          </Button>
                          <Button
                            size="md"
                            variant="outline"
                            tabIndex={-1}
                            onClick={() => notGiven(row, 'not_available_stock')}
                            disabled={record.isPending}
                            aria-label={t('round.notAvailableFor', { name })}
                          >
                            {t('reasons.not_available_stock')}
                          </Button>
                          <Button
                            size="md"
                            variant="subtle"
                            tabIndex={-1}
                            onClick={() => {
                              setNote('');
                              setNoteError(null);
                              setPending({ row, reason: 'held_clinical' });
                            }}
                            aria-label={t('round.otherFor', { name })}
                          >
                            {t('round.other')}
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      <Modal
        closeButtonProps={{ 'aria-label': t('cancel') }}
        opened={pending !== null}
        onClose={() => setPending(null)}
        title={pending ? t('round.notGivenTitle', { name: personName(pending.row) }) : ''}
      >
        {pending ? (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              if (reasonsNeedingNote.has(pending.reason) && !note.trim()) {
                setNoteError(t('errors.note_required'));
                return;
              }
              const { row, reason } = pending;
              setPending(null);
              void save(row, 'not_given', reason, note);
            }}
          >
            <Stack>
              <Select
                label={t('round.reason')}
                data={notGivenReasons.map((r) => ({ value: r, label: t(`reasons.${r}`) }))}
                value={pending.reason}
                onChange={(v) => v && setPending({ ...pending, reason: v as NotGivenReason })}
                allowDeselect={false}
              />
              <Textarea
                label={pending.reason === 'refused' ? t('round.counsellingNote') : t('round.note')}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                error={noteError}
                required={reasonsNeedingNote.has(pending.reason)}
                data-autofocus
                rows={3}
              />
              <Group>
                <Button type="submit" size="md">
                  {t('round.saveNotGiven')}
                </Button>
                <Button variant="default" size="md" onClick={() => setPending(null)}>
                  {t('cancel')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : null}
      </Modal>
    </Stack>
  );
}
