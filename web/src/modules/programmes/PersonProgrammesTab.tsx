import {
  cultureResults,
  dstDrugs,
  dstResults,
  screenMethods,
  screenOccasions,
  screenResults,
  smearResults,
  tbBacteriology,
  tbOutcomes,
  tbRegistrationCategories,
  tbResistanceClasses,
  tbSites,
  tbTests,
  xpertMtbResults,
  xpertRifResults,
  xrayResults,
} from '@custodia/domain/programmes';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../app/api.ts';
import type { PersonTabProps } from '../../app/appModule.ts';
import { useFormats, WARNING_COLOR } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import { BloodBorneSection } from './BloodBorneSection.tsx';
import { IsolationForms } from './IsolationForms.tsx';
import { HepBSection, PepSection } from './PepSections.tsx';
import { CodeSelect, DateField, MiniForm, todayIn } from './parts.tsx';
import {
  type ProgrammeEpisode,
  programmeWrites,
  usePersonProgrammes,
  usePersonWrite,
  useRegimens,
} from './programmes.api.ts';
import { StiSection } from './StiSection.tsx';

/** The results a test offers, by test (the DST has one per drug). */
const resultCodes: Record<string, readonly string[]> = {
  smear: smearResults,
  xpert: xpertMtbResults,
  culture: cultureResults,
  xray: xrayResults,
};

/** A person's TB programme (issue 16): screenings, episodes with their tests, registration, regimen, monitoring and outcome. */
export function PersonProgrammesTab({ personId }: PersonTabProps) {
  const { t } = useTranslation('programmes');
  const user = useCurrentUser();
  const data = usePersonProgrammes(personId);
  const zone = useTimeZoneOf()(null);
  const { date } = useFormats();
  const canRecord = allows(user, 'programmes.record');
  const screen = usePersonWrite(personId, (body: unknown) => programmeWrites.screen(personId, body));
  const open = usePersonWrite(personId, (body: unknown) => programmeWrites.open(personId, body));
  const [s, setS] = useState({ method: '', occasion: '', result: '', screenedOn: todayIn(zone) });

  return (
    <Stack>
      <Title order={2}>{t('tab.title')}</Title>
      <QueryState query={data}>
        {(d) => {
          const openEpisode = d.episodes.find((e) => e.status !== 'closed');
          return (
            <Stack>
              {d.presumptiveFromAdmission && !openEpisode ? (
                <Alert color={WARNING_COLOR} title={t('tab.fromAdmission')}>
                  {canRecord ? (
                    <Button
                      mt="xs"
                      onClick={() =>
                        open.mutate({
                          programme: 'tb',
                          source: 'admission_screening',
                          presumedOn: todayIn(zone),
                        })
                      }
                    >
                      {t('tab.openFromAdmission')}
                    </Button>
                  ) : null}
                </Alert>
              ) : null}
              {canRecord ? (
                <MiniForm
                  title={t('screen.title')}
                  submit={t('screen.submit')}
                  testId="tb-screen-form"
                  onSubmit={async () => {
                    await screen.mutateAsync({ ...s });
                    setS({ method: '', occasion: '', result: '', screenedOn: todayIn(zone) });
                  }}
                >
                  <CodeSelect
                    label={t('screen.method')}
                    value={s.method}
                    onChange={(v) => setS({ ...s, method: v })}
                    codes={screenMethods}
                    words="methods"
                  />
                  <CodeSelect
                    label={t('screen.occasion')}
                    value={s.occasion}
                    onChange={(v) => setS({ ...s, occasion: v })}
                    codes={screenOccasions}
                    words="occasions"
                  />
                  <DateField
                    label={t('screen.screenedOn')}
                    value={s.screenedOn}
                    onChange={(v) => setS({ ...s, screenedOn: v })}
                  />
                  <CodeSelect
                    label={t('screen.result')}
                    value={s.result}
                    onChange={(v) => setS({ ...s, result: v })}
                    codes={screenResults}
                    words="screenResults"
                  />
                </MiniForm>
              ) : null}
              {d.episodes.length === 0 ? <Text>{t('tab.none')}</Text> : null}
              {d.episodes.map((e) => (
                <EpisodeCard key={e.id} personId={personId} episode={e} zone={zone} />
              ))}
              {d.screens.length ? (
                <Table striped withTableBorder captionSide="top">
                  <Table.Caption>{t('screen.history')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('screen.screenedOn')}</Table.Th>
                      <Table.Th scope="col">{t('screen.method')}</Table.Th>
                      <Table.Th scope="col">{t('screen.occasion')}</Table.Th>
                      <Table.Th scope="col">{t('screen.result')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {d.screens.map((x) => (
                      <Table.Tr key={x.id}>
                        <Table.Td>{date(x.screenedOn)}</Table.Td>
                        <Table.Td>{t(`methods.${x.method}`)}</Table.Td>
                        <Table.Td>{t(`occasions.${x.occasion}`)}</Table.Td>
                        <Table.Td>{t(`screenResults.${x.result}`)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              ) : null}
            </Stack>
          );
        }}
      </QueryState>
      <PepSection personId={personId} zone={zone} />
      <HepBSection personId={personId} zone={zone} />
      <BloodBorneSection personId={personId} />
      <StiSection personId={personId} />
    </Stack>
  );
}

function EpisodeCard({
  personId,
  episode: e,
  zone,
}: {
  personId: string;
  episode: ProgrammeEpisode;
  zone: string | undefined;
}) {
  const { t } = useTranslation('programmes');
  const user = useCurrentUser();
  const { date } = useFormats();
  const canRecord = allows(user, 'programmes.record');
  const canRegister = allows(user, 'programmes.register');
  const closed = e.status === 'closed';
  return (
    <Card withBorder data-testid="tb-episode">
      <Stack>
        <Group>
          <Title order={3}>{e.registerNumber ?? t('episode.presumptive')}</Title>
          <Badge color={closed ? 'gray' : 'blue.9'}>{t(`status.${e.status}`)}</Badge>
          {e.isolation ? <Badge color="red.9">{t('episode.isolation')}</Badge> : null}
        </Group>
        <Text size="sm">
          {t('episode.presumedOn')}: {date(e.presumedOn)} · {t(`sources.${e.source}`)}
        </Text>
        {e.registration ? (
          <Text data-testid="tb-registration">
            {[
              t(`categories.${e.registration.category}`),
              t(`bacteriology.${e.registration.bacteriology}`),
              t(`sites.${e.registration.site}`),
              t(`resistance.${e.registration.resistance}`),
            ].join(' · ')}
          </Text>
        ) : null}
        {e.treatment ? (
          <Stack gap={4}>
            <Text data-testid="tb-treatment">
              {t('treatment.regimen')}: {e.treatment.regimenCode} · {t('treatment.startOn')}:{' '}
              {date(e.treatment.startOn)} ·{' '}
              {t('treatment.adherence', {
                given: e.treatment.adherence.given,
                due: e.treatment.adherence.due,
                percent: e.treatment.adherence.percent ?? '—',
              })}
            </Text>
            {e.treatment.ltfuProposedSince ? (
              <Alert color={WARNING_COLOR}>
                {t('treatment.ltfuProposed', { since: date(e.treatment.ltfuProposedSince) })}
              </Alert>
            ) : null}
          </Stack>
        ) : null}
        {e.outcome ? (
          <Text>
            {t('outcome.title')}: {t(`outcomes.${e.outcome}`)} ({date(e.outcomeOn)})
          </Text>
        ) : null}
        {e.contactInvestigationId ? (
          <Anchor component={Link} to={`/tb/contacts/${encodeURIComponent(e.contactInvestigationId)}`}>
            {t('contacts.open')}
          </Anchor>
        ) : null}
        {e.monitoring.length ? (
          <Table withTableBorder captionSide="top">
            <Table.Caption>{t('monitoring.title')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('monitoring.month')}</Table.Th>
                <Table.Th scope="col">{t('tests.test')}</Table.Th>
                <Table.Th scope="col">{t('monitoring.dueOn')}</Table.Th>
                <Table.Th scope="col">{t('monitoring.state')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {e.monitoring.map((m) => (
                <Table.Tr key={m.month}>
                  <Table.Td>{m.month}</Table.Td>
                  <Table.Td>{t(`testNames.${m.test}`)}</Table.Td>
                  <Table.Td>{date(m.dueOn)}</Table.Td>
                  <Table.Td>{t(`monitoringStates.${m.state}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
        {e.tests.length ? (
          <Table striped withTableBorder captionSide="top">
            <Table.Caption>{t('tests.title')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('tests.test')}</Table.Th>
                <Table.Th scope="col">{t('tests.sampleOn')}</Table.Th>
                <Table.Th scope="col">{t('tests.result')}</Table.Th>
                <Table.Th scope="col">{t('tests.resultOn')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {e.tests.map((x) => (
                <Table.Tr key={x.id}>
                  <Table.Td>{t(`testNames.${x.test}`)}</Table.Td>
                  <Table.Td>{date(x.sampleOn)}</Table.Td>
                  <Table.Td>
                    {x.resultOn
                      ? [
                          x.result ? t(`results.${x.result}`) : null,
                          x.rifampicin ? `${t('tests.rifampicin')}: ${t(`rif.${x.rifampicin}`)}` : null,
                          ...Object.entries(x.dst ?? {}).map(
                            ([drug, v]) => `${t(`drugs.${drug}`)}: ${t(`dstResults.${v}`)}`,
                          ),
                        ]
                          .filter(Boolean)
                          .join('; ')
                      : t('tests.awaiting')}
                  </Table.Td>
                  <Table.Td>{x.resultOn ? date(x.resultOn) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
        {!closed ? (
          <IsolationForms personId={personId} episode={e} zone={zone} canRegister={canRegister} />
        ) : null}
        {!closed && canRecord ? <TestForm personId={personId} episodeId={e.id} zone={zone} /> : null}
        {!closed && canRegister && !e.registration ? (
          <RegisterForm personId={personId} episode={e} zone={zone} />
        ) : null}
        {!closed && canRegister && e.registration && !e.treatment ? (
          <TreatmentForm personId={personId} episode={e} zone={zone} />
        ) : null}
        {!closed && canRegister && e.registration ? (
          <OutcomeForm personId={personId} episode={e} zone={zone} />
        ) : null}
      </Stack>
    </Card>
  );
}

function TestForm({
  personId,
  episodeId,
  zone,
}: {
  personId: string;
  episodeId: string;
  zone: string | undefined;
}) {
  const { t } = useTranslation('programmes');
  const write = usePersonWrite(personId, async (v: typeof empty) => {
    const { id } = await programmeWrites.orderTest(episodeId, {
      test: v.test,
      sampleOn: v.sampleOn,
      purpose: v.purpose,
      specimen: v.test === 'xray' ? null : 'sputum',
    });
    if (!v.resultOn) return id;
    const dst = Object.fromEntries(dstDrugs.flatMap((d) => (v.dst[d] ? [[d, v.dst[d]]] : [])));
    return programmeWrites.resultTest(id, {
      test: v.test,
      resultOn: v.resultOn,
      ...(v.test === 'dst' ? { dst } : { result: v.result }),
      ...(v.test === 'xpert' && v.rifampicin ? { rifampicin: v.rifampicin } : {}),
    });
  });
  const empty = {
    test: '',
    purpose: '',
    sampleOn: todayIn(zone),
    result: '',
    rifampicin: '',
    resultOn: '',
    dst: {} as Record<string, string>,
  };
  const [v, setV] = useState(empty);
  return (
    <MiniForm
      title={t('tests.record')}
      submit={t('tests.submit')}
      testId="tb-test-form"
      onSubmit={async () => {
        await write.mutateAsync(v);
        setV(empty);
      }}
    >
      <CodeSelect
        label={t('tests.test')}
        value={v.test}
        onChange={(x) => setV({ ...v, test: x, result: '' })}
        codes={tbTests}
        words="testNames"
      />
      <CodeSelect
        label={t('tests.purpose')}
        value={v.purpose}
        onChange={(x) => setV({ ...v, purpose: x })}
        codes={['diagnosis', 'monitoring']}
        words="purposes"
      />
      <DateField
        label={t('tests.sampleOn')}
        value={v.sampleOn}
        onChange={(x) => setV({ ...v, sampleOn: x })}
      />
      {v.test && v.test !== 'dst' ? (
        <CodeSelect
          label={t('tests.result')}
          value={v.result}
          onChange={(x) => setV({ ...v, result: x })}
          codes={resultCodes[v.test] ?? []}
          words="results"
          required={false}
        />
      ) : null}
      {v.test === 'xpert' ? (
        <CodeSelect
          label={t('tests.rifampicin')}
          value={v.rifampicin}
          onChange={(x) => setV({ ...v, rifampicin: x })}
          codes={xpertRifResults}
          words="rif"
          required={false}
        />
      ) : null}
      {v.test === 'dst'
        ? dstDrugs.map((d) => (
            <CodeSelect
              key={d}
              label={t(`drugs.${d}`)}
              value={v.dst[d] ?? ''}
              onChange={(x) => setV({ ...v, dst: { ...v.dst, [d]: x } })}
              codes={dstResults}
              words="dstResults"
              required={false}
            />
          ))
        : null}
      <TextInput
        type="date"
        label={t('tests.resultOn')}
        value={v.resultOn}
        onChange={(ev) => setV({ ...v, resultOn: ev.currentTarget.value })}
        maw={220}
      />
    </MiniForm>
  );
}

function RegisterForm({
  personId,
  episode,
  zone,
}: {
  personId: string;
  episode: ProgrammeEpisode;
  zone: string | undefined;
}) {
  const { t } = useTranslation('programmes');
  const write = usePersonWrite(personId, (body: unknown) => programmeWrites.register(episode.id, body));
  const exclude = usePersonWrite(personId, (body: unknown) => programmeWrites.exclude(episode.id, body));
  const [v, setV] = useState({
    category: '',
    bacteriology: '',
    site: '',
    resistance: '',
    diagnosedOn: todayIn(zone),
    registeredOn: todayIn(zone),
  });
  return (
    <Stack>
      <MiniForm
        title={t('register.title')}
        submit={t('register.submit')}
        testId="tb-register-form"
        onSubmit={() => write.mutateAsync({ ...v, version: episode.version })}
      >
        <CodeSelect
          label={t('register.category')}
          value={v.category}
          onChange={(x) => setV({ ...v, category: x })}
          codes={tbRegistrationCategories}
          words="categories"
        />
        <CodeSelect
          label={t('register.bacteriology')}
          value={v.bacteriology}
          onChange={(x) => setV({ ...v, bacteriology: x })}
          codes={tbBacteriology}
          words="bacteriology"
        />
        <CodeSelect
          label={t('register.site')}
          value={v.site}
          onChange={(x) => setV({ ...v, site: x })}
          codes={tbSites}
          words="sites"
        />
        <CodeSelect
          label={t('register.resistance')}
          value={v.resistance}
          onChange={(x) => setV({ ...v, resistance: x })}
          codes={tbResistanceClasses}
          words="resistance"
        />
        <DateField
          label={t('register.diagnosedOn')}
          value={v.diagnosedOn}
          onChange={(x) => setV({ ...v, diagnosedOn: x })}
        />
        <DateField
          label={t('register.registeredOn')}
          value={v.registeredOn}
          onChange={(x) => setV({ ...v, registeredOn: x })}
        />
      </MiniForm>
      <MiniForm
        title={t('exclude.title')}
        submit={t('exclude.submit')}
        onSubmit={() => exclude.mutateAsync({ closedOn: todayIn(zone) })}
      >
        <Text size="sm">{t('exclude.help')}</Text>
      </MiniForm>
    </Stack>
  );
}

function TreatmentForm({
  personId,
  episode,
  zone,
}: {
  personId: string;
  episode: ProgrammeEpisode;
  zone: string | undefined;
}) {
  const { t } = useTranslation('programmes');
  const regimens = useRegimens();
  const write = usePersonWrite(personId, (body: unknown) => programmeWrites.treatment(episode.id, body));
  const [v, setV] = useState({ regimenCode: '', startOn: todayIn(zone), allergyOverrideReason: '' });
  // Medication's allergy check (ADR 0050): the matched allergies, then a reason to prescribe anyway.
  const [allergic, setAllergic] = useState<string | null>(null);
  const codes = (regimens.data?.items ?? []).filter((r) => r.active).map((r) => r.code);
  const send = async () => {
    try {
      return await write.mutateAsync({
        regimenCode: v.regimenCode,
        startOn: v.startOn,
        phase: 0,
        allergyOverrideReason: v.allergyOverrideReason.trim() || null,
      });
    } catch (error) {
      const match =
        error instanceof ApiError
          ? error.problem?.errors?.find((f) => f.code === 'allergy_override_required')
          : undefined;
      if (match) setAllergic(match.message || '');
      throw error;
    }
  };
  return (
    <MiniForm
      title={t('treatment.title')}
      submit={t('treatment.submit')}
      testId="tb-treatment-form"
      onSubmit={send}
    >
      <CodeSelectPlain
        label={t('treatment.regimen')}
        value={v.regimenCode}
        onChange={(x) => setV({ ...v, regimenCode: x })}
        options={codes}
      />
      <DateField
        label={t('treatment.startOn')}
        value={v.startOn}
        onChange={(x) => setV({ ...v, startOn: x })}
      />
      <Text size="sm">{t('treatment.supervised')}</Text>
      {allergic !== null ? (
        <TextInput
          label={t('treatment.allergyOverride', { substances: allergic })}
          required
          maxLength={500}
          value={v.allergyOverrideReason}
          onChange={(e) => setV({ ...v, allergyOverrideReason: e.currentTarget.value })}
        />
      ) : null}
    </MiniForm>
  );
}

/** A select of names that are words already (regimen codes such as 2HRZE/4HR). */
function CodeSelectPlain({
  label,
  value,
  onChange,
  options,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: string[];
}) {
  const { t } = useTranslation('programmes');
  return (
    <NativeSelect
      label={label}
      value={value}
      required
      onChange={(e) => onChange(e.currentTarget.value)}
      data={[{ value: '', label: t('choose') }, ...options.map((o) => ({ value: o, label: o }))]}
    />
  );
}

function OutcomeForm({
  personId,
  episode,
  zone,
}: {
  personId: string;
  episode: ProgrammeEpisode;
  zone: string | undefined;
}) {
  const { t } = useTranslation('programmes');
  const write = usePersonWrite(personId, (body: unknown) => programmeWrites.outcome(episode.id, body));
  const [v, setV] = useState({ outcome: '', outcomeOn: todayIn(zone), failureReason: '' });
  return (
    <MiniForm
      title={t('outcome.title')}
      submit={t('outcome.submit')}
      testId="tb-outcome-form"
      onSubmit={() =>
        write.mutateAsync({
          outcome: v.outcome,
          outcomeOn: v.outcomeOn,
          failureReason: v.failureReason || null,
          version: episode.version,
        })
      }
    >
      <CodeSelect
        label={t('outcome.title')}
        value={v.outcome}
        onChange={(x) => setV({ ...v, outcome: x })}
        codes={tbOutcomes}
        words="outcomes"
      />
      <DateField
        label={t('outcome.outcomeOn')}
        value={v.outcomeOn}
        onChange={(x) => setV({ ...v, outcomeOn: x })}
      />
      {v.outcome === 'treatment_failed' ? (
        <TextInput
          label={t('outcome.failureReason')}
          value={v.failureReason}
          onChange={(ev) => setV({ ...v, failureReason: ev.currentTarget.value })}
        />
      ) : null}
    </MiniForm>
  );
}
