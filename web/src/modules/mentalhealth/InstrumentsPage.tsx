import type {
  InstrumentDefinition,
  InstrumentLanguage,
  ResponseCreated,
  ScoreSeries,
} from '@custodia/domain/mentalhealth';
import {
  Alert,
  Anchor,
  Button,
  Group,
  NativeSelect,
  Paper,
  Radio,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useFormats } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import {
  newIdempotencyKey,
  useInstrument,
  useInstruments,
  useRecordResponse,
  useScores,
} from './mentalhealth.api.ts';
import { useProblemText } from './parts.tsx';

const wording = (w: Partial<Record<InstrumentLanguage, string>> | undefined, language: InstrumentLanguage) =>
  w?.[language] ?? '';

/** The items asked, given the answers so far (a follow-up only after its trigger item). */
function askedItems(def: InstrumentDefinition, answers: Record<string, number>) {
  return def.items.filter((item) => !item.askIf || (answers[item.askIf.item] ?? -1) >= item.askIf.min);
}

/**
 * MHT-1: an instrument filled in, its licensed wording shown unchanged in the chosen language, one
 * radio group per item (keyboard: Tab and arrow keys; touch: large targets). In self-report mode the
 * person reads and answers on a tablet in large text; their answers are sent once they finish.
 */
function InstrumentForm({
  personId,
  def,
  language,
  selfReport,
  onDone,
}: {
  personId: string;
  def: InstrumentDefinition;
  language: InstrumentLanguage;
  selfReport: boolean;
  onDone: (result: ResponseCreated) => void;
}) {
  const { t } = useTranslation('mentalhealth');
  const problemText = useProblemText();
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [key] = useState(newIdempotencyKey);
  const record = useRecordResponse(personId, key);
  const [error, setError] = useState('');
  const asked = askedItems(def, answers);
  const complete = asked.every((item) => answers[item.id] !== undefined);
  const size = selfReport ? 'xl' : 'md';
  return (
    <Paper
      withBorder
      p={selfReport ? 'xl' : 'md'}
      component="section"
      aria-labelledby="instrument-title"
      lang={language}
      style={selfReport ? { fontSize: '1.4rem' } : undefined}
    >
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setError('');
          if (!complete) {
            setError(t('instruments.answerAll'));
            return;
          }
          const kept = Object.fromEntries(asked.map((item) => [item.id, answers[item.id] as number]));
          try {
            onDone(
              await record.mutateAsync({
                instrumentCode: def.code,
                language,
                mode: selfReport ? 'self_report' : 'clinician',
                answers: kept,
              }),
            );
          } catch (err) {
            setError(problemText(err));
          }
        }}
      >
        <Stack gap={selfReport ? 'xl' : 'md'}>
          <Title order={2} size={selfReport ? 'h2' : 'h4'} id="instrument-title">
            {wording(def.title, language)}
          </Title>
          {def.preamble ? <Text size={size}>{wording(def.preamble, language)}</Text> : null}
          {asked.map((item, i) => (
            <Radio.Group
              key={item.id}
              name={item.id}
              label={`${i + 1}. ${wording(item.text, language)}`}
              size={size}
              value={answers[item.id] === undefined ? '' : String(answers[item.id])}
              onChange={(v) => setAnswers((a) => ({ ...a, [item.id]: Number(v) }))}
              styles={{ label: { fontSize: selfReport ? '1.4rem' : undefined, fontWeight: 600 } }}
            >
              <Group mt="xs" gap={selfReport ? 'lg' : 'md'}>
                {(item.options ?? def.options ?? []).map((o) => (
                  <Radio
                    key={o.value}
                    value={String(o.value)}
                    label={wording(o.label, language)}
                    size={size}
                  />
                ))}
              </Group>
            </Radio.Group>
          ))}
          {error ? (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" size={selfReport ? 'xl' : 'md'} loading={record.isPending}>
              {selfReport ? t('instruments.finish') : t('instruments.save')}
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            {t('instruments.licence')}: {def.licence.name} — {def.licence.holder} ·{' '}
            {wording(def.licence.translations, language)}
          </Text>
        </Stack>
      </form>
    </Paper>
  );
}

const COLORS = ['#1c4f8a', '#9a3b00', '#2b6b2b', '#6b2b6b'];

/** MHT-1: the scores over time as a small SVG line chart per instrument, with the same data in a table. */
export function ScoresChart({ series }: { series: ScoreSeries }) {
  const { t } = useTranslation('mentalhealth');
  const { date } = useFormats();
  const byInstrument = useMemo(() => {
    const m = new Map<string, ScoreSeries['items']>();
    for (const p of series.items) m.set(p.instrumentCode, [...(m.get(p.instrumentCode) ?? []), p]);
    return [...m.entries()];
  }, [series]);
  if (!series.items.length) return <Text role="status">{t('scores.empty')}</Text>;
  const times = series.items.map((p) => Date.parse(p.completedAt));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times, t0 + 1);
  const max = Math.max(27, ...series.items.map((p) => p.total));
  const W = 640;
  const H = 220;
  const x = (ms: number) => 40 + ((ms - t0) / (t1 - t0)) * (W - 60);
  const y = (v: number) => H - 30 - (v / max) * (H - 50);
  return (
    <Stack>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        style={{ maxWidth: W }}
        role="img"
        aria-labelledby="scores-chart-title"
      >
        <title id="scores-chart-title">{t('scores.chartTitle')}</title>
        <line x1={40} y1={H - 30} x2={W - 20} y2={H - 30} stroke="#444" />
        <line x1={40} y1={10} x2={40} y2={H - 30} stroke="#444" />
        {[0, 10, 20].map((v) => (
          <g key={v}>
            <text x={8} y={y(v) + 4} fontSize={11} fill="#222">
              {v}
            </text>
            <line x1={40} y1={y(v)} x2={W - 20} y2={y(v)} stroke="#ccc" strokeDasharray="3 3" />
          </g>
        ))}
        {byInstrument.map(([code, points], i) => (
          <g key={code}>
            <polyline
              fill="none"
              stroke={COLORS[i % COLORS.length]}
              strokeWidth={2}
              points={points.map((p) => `${x(Date.parse(p.completedAt))},${y(p.total)}`).join(' ')}
            />
            {points.map((p) => (
              <circle
                key={p.id}
                cx={x(Date.parse(p.completedAt))}
                cy={y(p.total)}
                r={4}
                fill={COLORS[i % COLORS.length]}
              />
            ))}
            <text x={W - 130} y={20 + i * 16} fontSize={12} fill={COLORS[i % COLORS.length]}>
              {code.toUpperCase()}
            </text>
          </g>
        ))}
      </svg>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('scores.date')}</Table.Th>
            <Table.Th>{t('scores.instrument')}</Table.Th>
            <Table.Th>{t('scores.total')}</Table.Th>
            <Table.Th>{t('scores.band')}</Table.Th>
            <Table.Th>{t('scores.mode')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {series.items.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>{date(p.completedAt)}</Table.Td>
              <Table.Td>{p.instrumentCode.toUpperCase()}</Table.Td>
              <Table.Td>{p.total}</Table.Td>
              <Table.Td>
                {p.band ? t(`band.${p.band}`, { defaultValue: p.band }) : p.risk ? t(`risk.${p.risk}`) : ''}
              </Table.Td>
              <Table.Td>{t(`mode.${p.mode}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/**
 * MHT-1: a person's instruments: choose one and its language, fill it with the person or hand them
 * the tablet (self-report, large text); MHT-2: a positive item 9 says a referral was opened. The
 * scores over time below.
 */
export function InstrumentsPage() {
  const { t, i18n } = useTranslation('mentalhealth');
  usePageTitle(t('instruments.title'));
  const { personId = '' } = useParams();
  const user = useCurrentUser();
  const scores = useScores(personId);
  const instruments = useInstruments();
  const [code, setCode] = useState('');
  const [language, setLanguage] = useState<InstrumentLanguage>(
    (i18n.resolvedLanguage as InstrumentLanguage) ?? 'az',
  );
  const [mode, setMode] = useState<'clinician' | 'self_report'>('clinician');
  const [filling, setFilling] = useState(false);
  const [result, setResult] = useState<ResponseCreated | null>(null);
  const [revealed, setRevealed] = useState(false);
  const def = useInstrument(code);
  const canRecord = allows(user, 'mentalhealth.instrument.record');
  const licensed = def.data?.languages ?? [];

  if (filling && def.data && licensed.includes(language))
    return (
      <Stack maw={mode === 'self_report' ? 1100 : 900}>
        <Title order={1}>
          {mode === 'self_report' ? t('instruments.selfTitle') : t('instruments.title')}
        </Title>
        <InstrumentForm
          personId={personId}
          def={def.data}
          language={language}
          selfReport={mode === 'self_report'}
          onDone={(r) => {
            setFilling(false);
            setResult(r);
            setRevealed(mode !== 'self_report');
          }}
        />
        <Group>
          <Button variant="subtle" onClick={() => setFilling(false)}>
            {t('instruments.cancel')}
          </Button>
        </Group>
      </Stack>
    );

  return (
    <Stack maw={900}>
      <Title order={1}>{t('instruments.title')}</Title>
      <QueryState query={scores}>
        {(s) => (
          <Text fw={700}>
            {s.name} · {s.prisonNumber}
          </Text>
        )}
      </QueryState>
      {result && !revealed ? (
        <Stack>
          <Alert color="green" role="status">
            <Text size="xl">{t('instruments.thanks')}</Text>
          </Alert>
          <Group>
            <Button onClick={() => setRevealed(true)}>{t('instruments.showResult')}</Button>
          </Group>
        </Stack>
      ) : null}
      {result && revealed ? (
        <Alert color={result.referralId ? 'red' : 'blue'} role="status">
          {t('instruments.result', { total: result.total })}
          {result.band ? ` · ${t(`band.${result.band}`, { defaultValue: result.band })}` : ''}
          {result.risk ? ` · ${t(`risk.${result.risk}`)}` : ''}
          {result.referralId ? (
            <>
              {' '}
              · {t('instruments.referralOpened')}{' '}
              <Anchor
                component={Link}
                to={`/mentalhealth/referrals/${encodeURIComponent(result.referralId)}`}
              >
                {t('instruments.openReferral')}
              </Anchor>
            </>
          ) : null}
        </Alert>
      ) : null}
      {canRecord ? (
        <Paper withBorder p="md" component="section" aria-labelledby="choose-title">
          <Stack>
            <Title order={2} size="h4" id="choose-title">
              {t('instruments.choose')}
            </Title>
            <QueryState query={instruments}>
              {(list) => (
                <NativeSelect
                  label={t('instruments.instrument')}
                  value={code}
                  onChange={(e) => setCode(e.currentTarget.value)}
                  data={[
                    { value: '', label: t('choose') },
                    ...list.items.map((i) => ({
                      value: i.code,
                      label: i.title[language] ?? i.title.en ?? i.code,
                    })),
                  ]}
                />
              )}
            </QueryState>
            <NativeSelect
              label={t('instruments.language')}
              value={language}
              onChange={(e) => setLanguage(e.currentTarget.value as InstrumentLanguage)}
              data={(['az', 'en', 'ru'] as const).map((l) => ({
                value: l,
                label: t(`language.${l}`),
                disabled: Boolean(def.data) && !licensed.includes(l),
              }))}
            />
            <SegmentedControl
              aria-label={t('instruments.mode')}
              value={mode}
              onChange={(v) => setMode(v as 'clinician' | 'self_report')}
              data={[
                { value: 'clinician', label: t('mode.clinician') },
                { value: 'self_report', label: t('mode.self_report') },
              ]}
            />
            {def.data && !licensed.includes(language) ? (
              <Alert color="orange">{t('instruments.notLicensed')}</Alert>
            ) : null}
            <Group justify="flex-end">
              <Button
                disabled={!def.data || !licensed.includes(language)}
                onClick={() => {
                  setResult(null);
                  setFilling(true);
                }}
              >
                {mode === 'self_report' ? t('instruments.startSelf') : t('instruments.start')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ) : null}
      <Paper withBorder p="md" component="section" aria-labelledby="scores-title">
        <Title order={2} size="h4" id="scores-title">
          {t('scores.title')}
        </Title>
        <QueryState query={scores}>{(s) => <ScoresChart series={s} />}</QueryState>
      </Paper>
    </Stack>
  );
}

/** The person page's mental-health tab: the scores over time and the way to the instruments. */
export function PersonMentalHealthTab({ personId }: { personId: string }) {
  const { t } = useTranslation('mentalhealth');
  const scores = useScores(personId);
  return (
    <Stack>
      <Anchor component={Link} to={`/mentalhealth/persons/${encodeURIComponent(personId)}`}>
        {t('instruments.open')}
      </Anchor>
      <Title order={2} size="h4">
        {t('scores.title')}
      </Title>
      <QueryState query={scores}>{(s) => <ScoresChart series={s} />}</QueryState>
    </Stack>
  );
}
