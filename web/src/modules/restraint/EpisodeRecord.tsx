import type { Author, EpisodeEvent, EpisodePerson } from '@custodia/domain/restraint';
import { Anchor, Group, Image, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/**
 * Issue 14 item 2: the episode as a record — whom it was applied to (photo, name, prison number,
 * cell), and every entry of its timeline with what was recorded, by whom (name and role) and when
 * (in the institution's zone), in order. A content the reader may not read (a doctor's text, for a
 * custodial reader: ADR 0030) is said to be withheld, never shown empty.
 */

/** The person under the measure, as custodial staff may see them. */
export function EpisodePersonCard({
  person,
  cellLabel,
}: {
  person: EpisodePerson;
  cellLabel: string | null;
}) {
  const { t } = useTranslation('restraint');
  const name = `${person.surname} ${person.givenName}`.trim();
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="episode-person">
      <Group align="flex-start" gap="md" wrap="nowrap">
        {person.photoId ? (
          <Image
            src={`/api/v1/persons/${encodeURIComponent(person.id)}/photo?v=${encodeURIComponent(person.photoId)}`}
            alt={t('record.photoAlt', { name })}
            w={96}
            h={120}
            fit="cover"
            radius="sm"
          />
        ) : (
          <Paper withBorder w={96} h={120} p="xs">
            <Text size="sm">{t('record.noPhoto')}</Text>
          </Paper>
        )}
        <Stack gap={4}>
          <Text size="sm">{t('record.personHeading')}</Text>
          <Title order={2} size="h3" id="episode-person">
            {name}
          </Title>
          <Text>
            {t('record.prisonNumber')}: <strong>{person.prisonNumber}</strong>
          </Text>
          <Text>
            {t('record.cell')}: {cellLabel ?? t('record.noCell')}
          </Text>
          <Anchor component={Link} to={`/registry/persons/${encodeURIComponent(person.id)}`}>
            {t('record.openPerson')}
          </Anchor>
        </Stack>
      </Group>
    </Paper>
  );
}

/**
 * "Recorded by Name, Role" (the roles by which they recorded it, in words); `plain` gives "Name,
 * Role" for a row that is already labelled.
 */
export function useAuthorLine(plain = false) {
  const { t } = useTranslation(['restraint', 'identity']);
  return (author: Author | null | undefined) => {
    if (!author) return null;
    const role = author.roles.map((r) => t(`identity:roleNames.${r}`)).join(', ');
    return plain ? `${author.name}, ${role}` : t('restraint:record.by', { name: author.name, role });
  };
}

type Row = [label: string, value: ReactNode];

/** What an entry says, as label and value pairs in words (codes translated, booleans Yes/No). */
function useEntryRows() {
  const { t } = useTranslation('restraint');
  const yesNo = (v: unknown) => (v ? t('record.yes') : t('record.no'));
  const value = (v: unknown) => t(`observation.values.${String(v)}`);
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);
  return (
    event: EpisodeEvent,
    context: { staffName: (id: string) => string; describe: (id: string | null) => string | null },
  ): Row[] => {
    const p = event.payload ?? {};
    const rows: (Row | null)[] = (() => {
      switch (event.kind) {
        case 'observation':
          return [
            [t('observation.breathing'), value(p.breathing)],
            [t('observation.limbCirculation'), value(p.limbCirculation)],
            [t('observation.hydrationOffered'), yesNo(p.hydrationOffered)],
            [t('observation.toiletNeeds'), value(p.toiletNeeds)],
            [t('observation.mentalState'), value(p.mentalState)],
            [t('observation.stillNeeded'), yesNo(p.stillNeeded)],
            text(p.note) ? [t('record.note'), text(p.note)] : null,
          ];
        case 'approval':
          return [[t('record.assessment'), text(p.assessment)]];
        case 'examination':
        case 'review':
        case 'second_doctor':
          return [
            [t('episode.findings'), text(p.findings)],
            [t('episode.continue'), yesNo(p.continueMeasure)],
            event.kind === 'second_doctor'
              ? [t('record.transferConsidered'), yesNo(p.transferConsidered)]
              : null,
          ];
        case 'medical_examination':
          return [
            [t('episode.findings'), text(p.findings)],
            [t('episode.injuriesFound'), yesNo(p.injuriesFound)],
          ];
        case 'escalation':
          return [[t('episode.notified'), text(p.notified)]];
        case 'end':
          return [
            [t('episode.endReason'), p.reason ? t(`episode.endReasons.${String(p.reason)}`) : null],
            text(p.injuriesToPerson) ? [t('episode.injuriesToPerson'), text(p.injuriesToPerson)] : null,
            text(p.injuriesToStaff) ? [t('episode.injuriesToStaff'), text(p.injuriesToStaff)] : null,
          ];
        case 'debrief_person':
        case 'debrief_staff':
          return [[t('record.summary'), text(p.summary)]];
        case 'complaint':
          return [[t('episode.kinds.complaint'), text(p.text)]];
        case 'supervision_lapse':
          return [[t('record.note'), text(p.note)]];
        case 'handover':
          return [
            [t('record.supervisor'), context.staffName(String(p.supervisorId ?? ''))],
            p.supervisionPosition
              ? [t('record.where'), t(`start.positions.${String(p.supervisionPosition)}`)]
              : null,
          ];
        case 'types_added':
          return [
            [
              t('record.types'),
              Array.isArray(p.types) ? p.types.map((x) => t(`types.${String(x)}`)).join(', ') : null,
            ],
            text(p.combinationReason) ? [t('record.combinationReason'), text(p.combinationReason)] : null,
            text(p.medication) ? [t('record.medication'), text(p.medication)] : null,
          ];
        case 'correction':
          return [
            [t('record.correctedEntry'), context.describe(event.correctsEventId)],
            [t('record.reason'), text(p.reason)],
          ];
        default:
          return [];
      }
    })();
    return rows.filter((r): r is Row => r !== null && r[1] !== null && r[1] !== '');
  };
}

/** The timeline: each entry's time, kind, author and content, in the order it happened. */
export function EpisodeTimeline({
  events,
  when,
  staffName,
}: {
  events: EpisodeEvent[];
  when: (iso: string) => string;
  staffName: (id: string) => string;
}) {
  const { t } = useTranslation('restraint');
  const authorLine = useAuthorLine();
  const entryRows = useEntryRows();
  const ordered = [...events].sort(
    (a, b) => a.at.localeCompare(b.at) || a.recordedAt.localeCompare(b.recordedAt),
  );
  const describe = (id: string | null) => {
    const target = events.find((e) => e.id === id);
    return target ? `${t(`episode.kinds.${target.kind}`)} · ${when(target.at)}` : null;
  };
  return (
    <ol className="episode-timeline" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {ordered.map((ev) => {
        const rows = ev.payload ? entryRows(ev, { staffName, describe }) : [];
        const byLine = authorLine(ev.author);
        return (
          <li key={ev.id}>
            <Paper withBorder p="sm" mb="xs" component="article" aria-labelledby={`entry-${ev.id}`}>
              <Title order={3} size="h5" id={`entry-${ev.id}`}>
                <Text span inherit td={ev.corrected ? 'line-through' : undefined}>
                  {when(ev.at)} · {t(`episode.kinds.${ev.kind}`)}
                </Text>
                {ev.corrected ? ` (${t('episode.corrected')})` : ''}
              </Title>
              {byLine ? <Text size="sm">{byLine}</Text> : null}
              {ev.payload === null ? (
                <Text size="sm" fs="italic">
                  {t('record.hidden')}
                </Text>
              ) : rows.length ? (
                <dl className="episode-entry" style={{ margin: 0, fontSize: 'var(--mantine-font-size-sm)' }}>
                  {rows.map(([label, value]) => (
                    <div key={label} style={{ display: 'flex', gap: '0.5rem', flexWrap: 'wrap' }}>
                      <dt style={{ fontWeight: 600 }}>{label}:</dt>
                      <dd style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{value}</dd>
                    </div>
                  ))}
                </dl>
              ) : null}
            </Paper>
          </li>
        );
      })}
    </ol>
  );
}
