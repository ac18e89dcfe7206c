import { Alert, Anchor, Button, Group, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useActiveInstitution } from '../../app/activeInstitution.ts';
import { toLocalInput, useTimeZoneNote } from '../../app/format.ts';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useRegistryLabels } from '../registry/labels.ts';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import { useSpan } from './parts.tsx';
import { exportUrl, reportExportUrl, useMonthlyReport, useRegister } from './restraint.api.ts';

/** Today's date in the time zone given (the institution's, else the deployment's): issue 14. */
const today = (zone?: string) => toLocalInput(new Date(), zone).slice(0, 10);
const monthStart = (zone?: string) => `${today(zone).slice(0, 8)}01`;
const nextDay = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** RST-10: the register of the active institution for a period, with its CSV and PDF exports. */
export function RegisterPage() {
  const { t, i18n } = useTranslation('restraint');
  const language = i18n.resolvedLanguage ?? 'az';
  usePageTitle(t('register.title'));
  const { activeId, choices } = useActiveInstitution();
  const zone = useTimeZoneOf()(activeId) ?? choices.find((i) => i.id === activeId)?.timeZone;
  const [from, setFrom] = useState(() => monthStart(zone));
  const [to, setTo] = useState(() => nextDay(today(zone)));
  const [cursors, setCursors] = useState<string[]>(['']);
  const register = useRegister(activeId, from, to, cursors.at(-1) ?? '');
  const labels = useRegistryLabels();
  const zoneNote = useTimeZoneNote();
  const span = useSpan();
  const user = useCurrentUser();
  // A row leads only to pages its reader may open (issue 14): otherwise plain text, not a 403.
  const canOpenEpisode = allows(user, 'restraint.board.read');
  const canOpenPerson = allows(user, 'registry.person.read');
  // Issue 14: in the institution's zone (the deployment's while it loads), never UTC or the browser's.
  const when = (iso: string) => labels.dateTime(iso, zone);
  return (
    <Stack>
      <Title order={1}>{t('register.title')}</Title>
      <Text>{t('register.intro')}</Text>
      <Anchor component={Link} to="/restraint/policy" w="fit-content">
        {t('policy.title')}
      </Anchor>
      {!activeId ? <Alert color="blue">{t('board.chooseInstitution')}</Alert> : null}
      <Group align="end">
        <TextInput
          type="date"
          label={t('register.from')}
          description={zoneNote(zone)}
          value={from}
          onChange={(e) => {
            setFrom(e.currentTarget.value);
            setCursors(['']);
          }}
        />
        <TextInput
          type="date"
          label={t('register.to')}
          value={to}
          onChange={(e) => {
            setTo(e.currentTarget.value);
            setCursors(['']);
          }}
        />
        {activeId ? (
          <>
            <Anchor href={exportUrl(activeId, from, to, 'csv', language)} download>
              {t('register.csv')}
            </Anchor>
            <Anchor href={exportUrl(activeId, from, to, 'pdf', language)} download>
              {t('register.pdf')}
            </Anchor>
          </>
        ) : null}
      </Group>
      {register.isLoading ? <Loader role="status" aria-label={t('loading')} /> : null}
      {register.data && register.data.items.length === 0 ? <Text>{t('register.none')}</Text> : null}
      {register.data && register.data.items.length > 0 ? (
        <Table striped withTableBorder captionSide="top">
          <Table.Caption>{t('register.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('episode.started')}</Table.Th>
              <Table.Th scope="col">{t('episode.ended')}</Table.Th>
              <Table.Th scope="col">{t('register.minutes')}</Table.Th>
              <Table.Th scope="col">{t('board.person')}</Table.Th>
              <Table.Th scope="col">{t('board.types')}</Table.Th>
              <Table.Th scope="col">{t('episode.authorisation')}</Table.Th>
              <Table.Th scope="col">{t('register.appliedBy')}</Table.Th>
              <Table.Th scope="col">{t('register.supervisedBy')}</Table.Th>
              <Table.Th scope="col">{t('episode.orderedBy')}</Table.Th>
              <Table.Th scope="col">{t('board.flagsCol')}</Table.Th>
              <Table.Th scope="col">{t('episode.injuriesToPerson')}</Table.Th>
              <Table.Th scope="col">{t('episode.injuriesToStaff')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {register.data.items.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>
                  {canOpenEpisode ? (
                    <Anchor component={Link} to={`/restraint/episodes/${encodeURIComponent(e.id)}`}>
                      {when(e.startedAt)}
                    </Anchor>
                  ) : (
                    <time dateTime={e.startedAt}>{when(e.startedAt)}</time>
                  )}
                </Table.Td>
                <Table.Td>{e.state.endedAt ? when(e.state.endedAt) : t('episode.open')}</Table.Td>
                <Table.Td>{span(e.state.durationMinutes)}</Table.Td>
                <Table.Td>
                  {e.person && canOpenPerson ? (
                    <Anchor component={Link} to={`/registry/persons/${encodeURIComponent(e.personId)}`}>
                      {`${e.person.prisonNumber} · ${e.person.name}`}
                    </Anchor>
                  ) : e.person ? (
                    `${e.person.prisonNumber} · ${e.person.name}`
                  ) : (
                    ''
                  )}
                </Table.Td>
                <Table.Td>{e.types.map((x) => t(`types.${x}`)).join(', ')}</Table.Td>
                <Table.Td>
                  {e.authorisation === 'doctor_order'
                    ? t('authorisation.doctor_order')
                    : t('flags.emergency_start')}
                </Table.Td>
                <Table.Td>{e.appliedByNames.join(', ')}</Table.Td>
                <Table.Td>{e.supervisedByNames.join(', ')}</Table.Td>
                <Table.Td>{e.orderedOrApprovedByName ?? ''}</Table.Td>
                <Table.Td>
                  {e.flags
                    .filter((f) => f !== 'emergency_start')
                    .map((f) => t(`flags.${f}`))
                    .join(', ')}
                </Table.Td>
                <Table.Td>{e.injuriesToPerson ?? ''}</Table.Td>
                <Table.Td>{e.injuriesToStaff ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {register.data?.nextCursor ? (
        <Button variant="default" onClick={() => setCursors((c) => [...c, register.data?.nextCursor ?? ''])}>
          {t('register.more')}
        </Button>
      ) : null}
    </Stack>
  );
}

/** DAT-6: the mark of a count left out (explained above the table). */
const SUPPRESSED = '•';
const count = (n: number | null) => (n === null ? SUPPRESSED : n);

function Bars({ values, label }: { values: [string, number | null][]; label: string }) {
  const max = Math.max(1, ...values.map(([, n]) => n ?? 0));
  return (
    <svg role="img" aria-label={label} width={320} height={values.length * 26 + 4}>
      {values.map(([name, n], i) => (
        <g key={name} transform={`translate(0, ${i * 26})`}>
          <text x={0} y={17} fontSize={13} fill="#1a1b1e">
            {name}
          </text>
          <rect x={120} y={4} width={(180 * (n ?? 0)) / max} height={18} fill="#1c5d99" />
          <text x={126 + (180 * (n ?? 0)) / max} y={17} fontSize={13} fill="#1a1b1e">
            {count(n)}
          </text>
        </g>
      ))}
    </svg>
  );
}

/** RST-15: the monthly report per unit and for the institution, counts only. */
export function ReportPage() {
  const { t, i18n } = useTranslation('restraint');
  const language = i18n.resolvedLanguage ?? 'az';
  usePageTitle(t('report.title'));
  const { activeId } = useActiveInstitution();
  const zone = useTimeZoneOf()(activeId);
  const [month, setMonth] = useState(() => today(zone).slice(0, 7));
  const report = useMonthlyReport(activeId, month);
  const rows = report.data
    ? [{ unitCode: t('report.total'), ...report.data.total }, ...report.data.units]
    : [];
  return (
    <Stack>
      <Title order={1}>{t('report.title')}</Title>
      {!activeId ? <Alert color="blue">{t('board.chooseInstitution')}</Alert> : null}
      <TextInput
        type="month"
        label={t('report.month')}
        value={month}
        onChange={(e) => setMonth(e.currentTarget.value)}
        maw={220}
      />
      {activeId ? (
        <Group>
          <Anchor href={reportExportUrl(activeId, month, 'csv', language)} download>
            {t('report.csv')}
          </Anchor>
          <Anchor href={reportExportUrl(activeId, month, 'pdf', language)} download>
            {t('report.pdf')}
          </Anchor>
        </Group>
      ) : null}
      {report.isLoading ? <Loader role="status" aria-label={t('loading')} /> : null}
      {report.data?.suppression?.cells.length ? (
        // DAT-6: the page says what was left out and why.
        <Alert color="blue" role="note">
          {t('report.suppressed', { max: report.data.suppression.threshold - 1, mark: SUPPRESSED })}
        </Alert>
      ) : null}
      {report.data ? (
        <>
          <Title order={2}>{t('report.byType')}</Title>
          <Bars
            label={t('report.byType')}
            values={Object.entries(report.data.total.byType).map(([type, n]) => [t(`types.${type}`), n])}
          />
          <Table striped withTableBorder captionSide="top">
            <Table.Caption>{t('report.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('report.unit')}</Table.Th>
                <Table.Th scope="col">{t('report.episodes')}</Table.Th>
                <Table.Th scope="col">{t('report.people')}</Table.Th>
                <Table.Th scope="col">{t('report.median')}</Table.Th>
                <Table.Th scope="col">{t('report.max')}</Table.Th>
                <Table.Th scope="col">{t('report.beyond30')}</Table.Th>
                <Table.Th scope="col">{t('report.beyond4h')}</Table.Th>
                <Table.Th scope="col">{t('report.beyond24h')}</Table.Th>
                <Table.Th scope="col">{t('report.repeat')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.unitCode}>
                  <Table.Th scope="row">{r.unitCode}</Table.Th>
                  <Table.Td>{count(r.episodes)}</Table.Td>
                  <Table.Td>{count(r.people)}</Table.Td>
                  <Table.Td>{r.medianMinutes ?? '—'}</Table.Td>
                  <Table.Td>{r.maxMinutes ?? '—'}</Table.Td>
                  <Table.Td>{count(r.beyondSoftAlert)}</Table.Td>
                  <Table.Td>{count(r.beyondSecondDoctor)}</Table.Td>
                  <Table.Td>{count(r.beyondEscalation)}</Table.Td>
                  <Table.Td>{count(r.repeatPeople)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      ) : null}
    </Stack>
  );
}
