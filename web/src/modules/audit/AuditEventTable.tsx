import { type Language, languages } from '@custodia/domain';
// Its own entry point: the words reach the audit pages' chunk only (ADR 0034).
import { auditActionText, auditResourceText } from '@custodia/domain/audit/words';
import { Code, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormats } from '../../app/format.ts';
import { useIdentityLabels } from '../identity/labels.ts';
import type { AuditEvent } from './audit.api.ts';

export type AuditColumn =
  | 'at'
  | 'user'
  | 'action'
  | 'resource'
  | 'person'
  | 'dataClass'
  | 'purpose'
  | 'outcome'
  | 'clientAddress';

/** Audit events as a table; the columns depend on the page (the subject-access report needs fewer). */
export function AuditEventTable({
  events,
  caption,
  columns,
}: {
  events: AuditEvent[];
  caption: string;
  columns: AuditColumn[];
}) {
  const { t, i18n } = useTranslation('audit');
  const language: Language = languages.find((l) => l === i18n.resolvedLanguage) ?? 'az';
  const labels = useIdentityLabels();
  // Issue 14: in the deployment's time zone, to the second, whatever the browser's.
  const { dateTime } = useFormats();

  function cell(column: AuditColumn, event: AuditEvent): ReactNode {
    switch (column) {
      case 'at':
        return <time dateTime={event.at}>{dateTime(event.at, null, true)}</time>;
      case 'user':
        return (
          <>
            {event.username ?? (
              <Text span c="dimmed">
                {t('unknownUser')}
              </Text>
            )}
            {event.role ? (
              <Text size="xs" c="dimmed">
                {labels.roles(event.role.split(','))}
              </Text>
            ) : null}
          </>
        );
      // Issue 14 item 7: the action in words, its code beneath (auditors search and quote by it).
      // A code from a newer server reads as itself; a refused request's words name its route.
      case 'action': {
        const words = auditActionText(event.action, language);
        if (words === event.action) return <Code>{event.action}</Code>;
        return (
          <>
            <Text span size="sm" display="block">
              {words}
            </Text>
            {words.includes(event.action) ? null : <Code fz="xs">{event.action}</Code>}
          </>
        );
      }
      case 'resource':
        return event.resourceType ? (
          <>
            <Text span size="sm" display="block" title={event.resourceType}>
              {auditResourceText(event.resourceType, language)}
            </Text>
            {event.resourceId ? (
              <Text span size="xs" c="dimmed">
                {event.resourceId}
              </Text>
            ) : null}
          </>
        ) : (
          '—'
        );
      case 'person':
        return event.personId ?? '—';
      case 'dataClass':
        return labels.dataClass(event.dataClass);
      case 'purpose':
        return t(`purposes.${event.purpose}`, { defaultValue: event.purpose });
      case 'outcome':
        return (
          <Text span fw={600} size="sm" c={event.outcome === 'denied' ? 'red.9' : undefined}>
            {t(`outcomes.${event.outcome}`, { defaultValue: event.outcome })}
          </Text>
        );
      case 'clientAddress':
        return event.clientAddress ?? '—';
    }
  }

  return (
    // A long row scrolls sideways: the scrolling region takes the keyboard focus, so it can be
    // scrolled without a mouse (axe: scrollable-region-focusable).
    <Table.ScrollContainer
      minWidth={960}
      scrollAreaProps={{ viewportProps: { tabIndex: 0, role: 'region', 'aria-label': caption } }}
    >
      <Table striped withTableBorder>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th scope="col" key={column}>
                {t(`columns.${column}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => (
            <Table.Tr key={event.seq}>
              {columns.map((column) => (
                <Table.Td key={column}>{cell(column, event)}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
