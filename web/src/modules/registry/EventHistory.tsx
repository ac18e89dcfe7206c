import { Button, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type RegistryLabels, useRegistryLabels } from './labels.ts';
import type { CustodyEvent, InstitutionSummary } from './registry.api.ts';
import { Tag } from './Tag.tsx';

export interface HistoryContext {
  /** Institutions by id (for "transferred to …"; their time zone, when known, for the times shown). */
  institutions: Map<string, InstitutionSummary & { timeZone?: string }>;
  /** Cell codes by id (for "placed in cell …"), as far as they are known. */
  cellCodes: Map<string, string>;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value : null;
}

/** What happened, in words, in the current language. */
export function describeEvent(
  t: (key: string, options?: Record<string, unknown>) => string,
  labels: RegistryLabels,
  event: CustodyEvent,
  context: HistoryContext,
): { what: string; details: string[] } {
  const institution = (id: string | null) => {
    const found = id ? context.institutions.get(id) : undefined;
    return found ? `${found.code} · ${labels.institutionName(found.name)}` : t('history.unknownInstitution');
  };
  const details: string[] = [];
  switch (event.type) {
    case 'admission':
      if (event.legalStatus)
        details.push(t('history.legalStatusIs', { status: labels.legalStatus(event.legalStatus) }));
      return { what: t('history.admission', { institution: institution(event.institutionId) }), details };
    case 'placement': {
      const reason = text(event.data?.overCapacityReason);
      if (reason) details.push(t('history.overCapacityReason', { reason }));
      const cell = (event.cellId && context.cellCodes.get(event.cellId)) || t('history.unknownCell');
      return { what: t('history.placement', { cell }), details };
    }
    case 'transfer_out':
      return {
        what: t('history.transfer_out', { institution: institution(event.destinationInstitutionId) }),
        details,
      };
    case 'transfer_in':
      return { what: t('history.transfer_in', { institution: institution(event.institutionId) }), details };
    case 'absence_out':
      return { what: t('history.absence_out', { kind: labels.absenceKind(event.absenceKind) }), details };
    case 'absence_return':
      if (event.returnedFromPoliceOrInvestigation) details.push(t('history.returnedFromPolice'));
      return { what: t('history.absence_return'), details };
    case 'release': {
      const reason = text(event.data?.releaseReason);
      return { what: reason ? t('history.releaseWithReason', { reason }) : t('history.release'), details };
    }
    case 'legal_status':
      return { what: t('history.legal_status', { status: labels.legalStatus(event.legalStatus) }), details };
    case 'entered_in_error':
      return { what: t('history.entered_in_error'), details };
    default:
      return { what: labels.eventType(event.type), details };
  }
}

/**
 * The custody history, oldest first. An event marked "entered in error" stays readable, struck
 * through, with the correction's reason and when it was made; the marks themselves are not
 * separate rows. Registry officers can mark an event as entered in error from here.
 */
export function EventHistory({
  events,
  context,
  onMarkInError,
}: {
  events: CustodyEvent[];
  context: HistoryContext;
  /** Offered for each event still in force when given (registry officers). */
  onMarkInError?: ((event: CustodyEvent) => void) | undefined;
}) {
  const { t } = useTranslation('registry');
  const labels = useRegistryLabels();
  const corrections = new Map(
    events
      .filter((e) => e.type === 'entered_in_error' && e.correctsEventId)
      .map((e) => [e.correctsEventId, e]),
  );
  const shown = events.filter((e) => e.type !== 'entered_in_error');

  if (shown.length === 0) return <Text>{t('history.none')}</Text>;

  return (
    <Table.ScrollContainer minWidth={720}>
      <Table withTableBorder striped>
        <Table.Caption>{t('history.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('history.when')}</Table.Th>
            <Table.Th scope="col">{t('history.what')}</Table.Th>
            <Table.Th scope="col">{t('history.recorded')}</Table.Th>
            {onMarkInError ? (
              <Table.Th scope="col" className="no-print">
                {t('history.actions')}
              </Table.Th>
            ) : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((event) => {
            const { what, details } = describeEvent(t, labels, event, context);
            // Times in the time zone of the institution where it happened, not the browser's.
            const zone = event.institutionId
              ? context.institutions.get(event.institutionId)?.timeZone
              : undefined;
            const when = (iso: string) => labels.dateTime(iso, zone);
            const correction = corrections.get(event.id);
            const voided = event.enteredInError || correction !== undefined;
            const reason = text(correction?.data?.reason);
            const strike = (content: ReactNode) => (voided ? <s>{content}</s> : content);
            return (
              <Table.Tr
                key={event.id}
                data-event-type={event.type}
                data-entered-in-error={voided || undefined}
              >
                <Table.Td>
                  {strike(<time dateTime={event.occurredAt}>{when(event.occurredAt)}</time>)}
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <Text size="sm" fw={600}>
                      {strike(what)}
                    </Text>
                    {details.map((detail) => (
                      <Text size="sm" key={detail}>
                        {strike(detail)}
                      </Text>
                    ))}
                    {event.note ? (
                      <Text size="sm">{strike(t('history.note', { note: event.note }))}</Text>
                    ) : null}
                    {voided ? (
                      <Stack gap={2} mt={4}>
                        <div>
                          <Tag color="red.9">{t('history.enteredInError')}</Tag>
                        </div>
                        {correction ? (
                          <Text size="sm">
                            {t('history.correction', {
                              when: when(correction.recordedAt),
                              reason: reason ?? '—',
                            })}
                          </Text>
                        ) : null}
                      </Stack>
                    ) : null}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <time dateTime={event.recordedAt}>{when(event.recordedAt)}</time>
                </Table.Td>
                {onMarkInError ? (
                  <Table.Td className="no-print">
                    {voided ? null : (
                      <Button variant="subtle" size="compact-sm" onClick={() => onMarkInError(event)}>
                        {t('history.markInError')}
                        <VisuallyHidden>
                          {' '}
                          {t('history.markInErrorOf', { what, when: when(event.occurredAt) })}
                        </VisuallyHidden>
                      </Button>
                    )}
                  </Table.Td>
                ) : null}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
