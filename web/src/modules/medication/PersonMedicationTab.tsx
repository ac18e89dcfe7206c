import type { Prescription, PrescriptionStatusChange } from '@custodia/domain/medication';
import { newId } from '@custodia/domain/platform';
import { Alert, Badge, Button, Group, Modal, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PersonTabProps } from '../../app/appModule.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { useFormats } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePerson, useTimeZoneOf } from '../registry/registry.api.ts';
import { useDrugName } from './labels.ts';
import {
  refusalText,
  useAdministrations,
  useChangeStatus,
  usePersonMedication,
  useRecordDose,
} from './medication.api.ts';
import { PersonOrdersActions } from './PersonOrdersActions.tsx';
import { PossessionSection } from './rounds/PossessionSection.tsx';

/** How a prescription is timed, in words: "Twice a day (08:00, 18:00)", "As needed: Pain". */
export function useTimingText() {
  const { t } = useTranslation('medication');
  return (p: Prescription) =>
    p.prn
      ? t('prescription.prnText', {
          condition: p.prnCondition ?? '',
          hours: p.prnMinIntervalHours ?? 0,
          max: p.prnMaxPerDay ?? 0,
        })
      : `${t(`frequencies.${p.frequency}`, { hours: p.everyHours ?? 0 })} (${p.timesOfDay.join(', ')})`;
}

/**
 * The person's medication (a tab of the person page; issue 15 item 10): the prescriptions with their
 * state, pause / resume / stop for prescribers (each with a reason, a new version), and the dose
 * history, a page at a time.
 */
export function PersonMedicationTab({ personId }: PersonTabProps) {
  const { t } = useTranslation('medication');
  const user = useCurrentUser();
  const errorMessage = useErrorMessage();
  const { dateTime } = useFormats();
  const person = usePerson(personId);
  const zone = useTimeZoneOf()(person.data?.institution?.id);
  const drugName = useDrugName();
  const timing = useTimingText();
  const medication = usePersonMedication(personId);
  const history = useAdministrations(personId);
  const changeStatus = useChangeStatus(personId);
  const [change, setChange] = useState<{
    p: Prescription;
    action: PrescriptionStatusChange['action'];
  } | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const prescriber = allows(user, 'medication.prescribe');
  const giver = allows(user, 'medication.administer');
  const recordDose = useRecordDose();
  const [notice, setNotice] = useState<string | null>(null);

  /** A PRN dose given now; the server checks its interval and daily maximum. */
  function givePrn(p: Prescription) {
    setFailure(null);
    setNotice(null);
    recordDose
      .mutateAsync({
        prescriptionId: p.id,
        key: newId(),
        outcome: 'given',
        mouthCheck: p.delivery === 'supervised',
      })
      .then(
        () => setNotice(t('person.prnGiven', { drug: drugName(p.drug) })),
        (error) => setFailure(refusalText(t, error, errorMessage)),
      );
  }

  return (
    <Stack>
      {prescriber ? (
        <Button
          component={Link}
          to={`/medication/persons/${encodeURIComponent(personId)}/prescribe`}
          w="fit-content"
        >
          {t('person.prescribe')}
        </Button>
      ) : null}
      {allows(user, 'medication.dispense') && allows(user, 'medication.stock.manage') ? (
        // ADR 0040: a supply to this person (in-possession, release) against an active prescription.
        <Button
          component={Link}
          variant="default"
          to={`/medication/pharmacy/dispense?personId=${encodeURIComponent(personId)}`}
          w="fit-content"
        >
          {t('pharmacy.dispense.forPerson')}
        </Button>
      ) : null}
      <PersonOrdersActions personId={personId} />
      {failure ? (
        <Alert color="red" role="alert">
          {failure}
        </Alert>
      ) : null}
      <Text role="status" size="sm">
        {notice ?? ''}
      </Text>
      <QueryState query={medication} loading={t('loading')}>
        {(data) => (
          <Stack>
            <Text>
              {data.allergies.length
                ? t('person.allergies', { list: data.allergies.join(', ') })
                : t('person.noAllergies')}
            </Text>
            {data.prescriptions.length === 0 ? (
              <Text role="status">{t('person.none')}</Text>
            ) : (
              <Table striped withTableBorder captionSide="top">
                <Table.Caption>{t('person.caption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('prescription.drug')}</Table.Th>
                    <Table.Th scope="col">{t('prescription.dose')}</Table.Th>
                    <Table.Th scope="col">{t('prescription.timing')}</Table.Th>
                    <Table.Th scope="col">{t('prescription.delivery')}</Table.Th>
                    <Table.Th scope="col">{t('prescription.period')}</Table.Th>
                    <Table.Th scope="col">{t('prescription.status')}</Table.Th>
                    {prescriber || giver ? (
                      <Table.Th scope="col">{t('prescription.actions')}</Table.Th>
                    ) : null}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.prescriptions.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Td>
                        <Text fw={600}>{drugName(p.drug)}</Text>
                        <Text size="sm">{p.indication}</Text>
                      </Table.Td>
                      <Table.Td>
                        {p.dose} {t(`units.${p.doseUnit}`)} · {t(`routes.${p.route}`)}
                      </Table.Td>
                      <Table.Td>{timing(p)}</Table.Td>
                      <Table.Td>{t(`delivery.${p.delivery}`)}</Table.Td>
                      <Table.Td>
                        {dateTime(p.startAt, zone)} – {dateTime(p.endAt, zone)}
                      </Table.Td>
                      <Table.Td>
                        <Badge
                          variant="outline"
                          tt="none"
                          color={p.status === 'active' && !p.expired ? 'teal.9' : 'gray.8'}
                        >
                          {p.expired && p.status !== 'stopped'
                            ? t('statuses.expired')
                            : t(`statuses.${p.status}`)}
                        </Badge>
                        {p.statusReason ? <Text size="sm">{p.statusReason}</Text> : null}
                      </Table.Td>
                      {prescriber || giver ? (
                        <Table.Td>
                          <Group gap="xs">
                            {giver && p.prn && p.status === 'active' && !p.expired ? (
                              <Button
                                size="sm"
                                onClick={() => givePrn(p)}
                                loading={recordDose.isPending}
                                aria-label={t('person.givePrnOf', { drug: drugName(p.drug) })}
                              >
                                {t('person.givePrn')}
                              </Button>
                            ) : null}
                            {prescriber && p.status !== 'stopped' ? (
                              <Button
                                component={Link}
                                size="sm"
                                variant="outline"
                                to={`/medication/persons/${encodeURIComponent(personId)}/prescribe?revise=${encodeURIComponent(p.id)}`}
                                aria-label={t('person.reviseOf', { drug: drugName(p.drug) })}
                              >
                                {t('person.revise')}
                              </Button>
                            ) : null}
                            {prescriber && p.status !== 'stopped'
                              ? (p.status === 'active'
                                  ? (['pause', 'stop'] as const)
                                  : (['resume', 'stop'] as const)
                                ).map((action) => (
                                  <Button
                                    key={action}
                                    size="sm"
                                    variant="outline"
                                    aria-label={t(`person.${action}Of`, { drug: drugName(p.drug) })}
                                    onClick={() => {
                                      setReason('');
                                      setReasonError(null);
                                      setChange({ p, action });
                                    }}
                                  >
                                    {t(`person.${action}`)}
                                  </Button>
                                ))
                              : null}
                          </Group>
                        </Table.Td>
                      ) : null}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        )}
      </QueryState>
      {/* ADR 0046: the in-possession supplies and their counts at review (MDX-5). */}
      <PossessionSection personId={personId} zone={zone} />
      <Title order={3}>{t('person.history')}</Title>
      <QueryState
        query={history}
        loading={t('loading')}
        empty={t('person.noDoses')}
        isEmpty={(d) => d.pages.every((page) => page.items.length === 0)}
      >
        {(d) => (
          <Stack>
            <Table striped withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('person.when')}</Table.Th>
                  <Table.Th scope="col">{t('prescription.drug')}</Table.Th>
                  <Table.Th scope="col">{t('round.record')}</Table.Th>
                  <Table.Th scope="col">{t('person.by')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.pages
                  .flatMap((page) => page.items)
                  .map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>{dateTime(a.givenAt, zone)}</Table.Td>
                      <Table.Td>{a.drugName}</Table.Td>
                      <Table.Td>
                        {a.reason ? t(`reasons.${a.reason}`) : t(`outcomes.${a.outcome}`)}
                        {a.mouthCheck ? ` · ${t('person.mouthCheck')}` : ''}
                        {a.note ? ` · ${a.note}` : ''}
                      </Table.Td>
                      <Table.Td>{a.recordedByName ?? ''}</Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
            {history.hasNextPage ? (
              <Button
                variant="default"
                w="fit-content"
                onClick={() => void history.fetchNextPage()}
                loading={history.isFetchingNextPage}
              >
                {t('person.more')}
              </Button>
            ) : null}
          </Stack>
        )}
      </QueryState>
      <Modal
        closeButtonProps={{ 'aria-label': t('cancel') }}
        opened={change !== null}
        onClose={() => setChange(null)}
        title={change ? t(`person.${change.action}Of`, { drug: drugName(change.p.drug) }) : ''}
      >
        {change ? (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              if (reason.trim().length < 3) {
                setReasonError(t('person.reasonRequired'));
                return;
              }
              setFailure(null);
              changeStatus
                .mutateAsync({
                  id: change.p.id,
                  action: change.action,
                  reason: reason.trim(),
                  version: change.p.version,
                })
                .then(
                  () => setChange(null),
                  (error) => {
                    setChange(null);
                    setFailure(refusalText(t, error, errorMessage));
                  },
                );
            }}
          >
            <Stack>
              <Textarea
                label={t('person.reason')}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={reasonError}
                required
                data-autofocus
              />
              <Group>
                <Button type="submit" loading={changeStatus.isPending}>
                  {t(`person.${change.action}`)}
                </Button>
                <Button variant="default" onClick={() => setChange(null)}>
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
