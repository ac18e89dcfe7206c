import {
  type BbvTest,
  bbvFollowTests,
  bbvNaatTests,
  bbvNumericTests,
  bbvOfferTests,
  bbvOutcomesOf,
  bbvQualitativeResults,
  bbvQualitativeTests,
  bbvRegimenCodes,
  bbvRegimens,
  bbvRnaResults,
} from '@custodia/domain/programmes';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormats, WARNING_COLOR } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import { type BbvPerson, bbvWrites, useBbvWrite, usePersonBbv } from './bbv.api.ts';
import { CodeSelect, DateField, MiniForm, todayIn } from './parts.tsx';
import { hcvLetterUrl } from './sti.api.ts';

type Test = BbvPerson['tests'][number];
type Episode = BbvPerson['episodes'][number];

/**
 * HIV, hepatitis B/C and syphilis on the chart's programme tab (issue 16 item 4; BBV-1, BBV-3;
 * ADR 0048): the offer (accepted after pre-test counselling, or refused with the re-offer date), the
 * tests and their results (the treating team only; others see that a result exists, never what it
 * is), post-test counselling, and for the treating team the episodes with ART or DAA, the due tests,
 * the fibrosis assessment and the release linkage.
 */
export function BloodBorneSection({ personId }: { personId: string }) {
  const { t } = useTranslation('programmes');
  const data = usePersonBbv(personId);
  return (
    <Stack>
      <Title order={2}>{t('bbv.title')}</Title>
      <QueryState query={data}>{(d) => <Body personId={personId} data={d} />}</QueryState>
    </Stack>
  );
}

function Body({ personId, data: d }: { personId: string; data: BbvPerson }) {
  const { t } = useTranslation('programmes');
  const user = useCurrentUser();
  const zone = useTimeZoneOf()(null);
  const { date } = useFormats();
  const canRecord = allows(user, 'programmes.record');
  const offer = useBbvWrite(personId, (body: unknown) => bbvWrites.offer(personId, body));
  const order = useBbvWrite(personId, (body: unknown) => bbvWrites.order(personId, body));
  const [o, setO] = useState({ decision: '', offeredOn: todayIn(zone), pre: false, tests: [] as string[] });
  const [f, setF] = useState({ test: '', sampleOn: todayIn(zone) });
  const pending = d.offers.find((x) => x.status === 'pending');
  return (
    <Stack>
      {!d.treatingTeam ? <Text size="sm">{t('bbv.restricted')}</Text> : null}
      {pending ? (
        <Alert
          color={pending.dueStatus === 'overdue' ? 'red' : WARNING_COLOR}
          title={t(`bbv.occasions.${pending.occasion}`)}
          data-testid="bbv-pending-offer"
        >
          {t('bbv.offerDue', { date: date(pending.dueOn) })}
        </Alert>
      ) : null}
      {canRecord ? (
        <MiniForm
          title={t('bbv.offer.title')}
          submit={t('bbv.offer.submit')}
          testId="bbv-offer-form"
          onSubmit={async () => {
            await offer.mutateAsync({
              decision: o.decision,
              offeredOn: o.offeredOn,
              preTestCounselling: o.pre,
              tests: o.decision === 'accepted' ? o.tests : [],
            });
            setO({ decision: '', offeredOn: todayIn(zone), pre: false, tests: [] });
          }}
        >
          <DateField
            label={t('bbv.offer.offeredOn')}
            value={o.offeredOn}
            onChange={(v) => setO({ ...o, offeredOn: v })}
          />
          <CodeSelect
            label={t('bbv.offer.decision')}
            value={o.decision}
            onChange={(v) => setO({ ...o, decision: v })}
            codes={['accepted', 'refused']}
            words="bbv.decisions"
          />
          <Checkbox
            label={t('bbv.offer.preTestCounselling')}
            checked={o.pre}
            onChange={(e) => setO({ ...o, pre: e.currentTarget.checked })}
          />
          <Checkbox.Group
            label={t('bbv.offer.tests')}
            value={o.tests}
            onChange={(tests) => setO({ ...o, tests })}
          >
            <Group>
              {bbvOfferTests.map((x) => (
                <Checkbox key={x} value={x} label={t(`bbv.tests.${x}`)} />
              ))}
            </Group>
          </Checkbox.Group>
        </MiniForm>
      ) : null}
      {d.offers.some((x) => x.status !== 'pending') ? (
        <Table striped withTableBorder captionSide="top">
          <Table.Caption>{t('bbv.offer.history')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('bbv.offer.offeredOn')}</Table.Th>
              <Table.Th scope="col">{t('bbv.offer.decision')}</Table.Th>
              <Table.Th scope="col">{t('bbv.offer.tests')}</Table.Th>
              <Table.Th scope="col">{t('bbv.offer.preTestCounselling')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.offers
              .filter((x) => x.status !== 'pending')
              .map((x) => (
                <Table.Tr key={x.id}>
                  <Table.Td>{x.offeredOn ? date(x.offeredOn) : ''}</Table.Td>
                  <Table.Td>{t(`bbv.decisions.${x.status}`)}</Table.Td>
                  <Table.Td>{x.tests.map((c) => t(`bbv.tests.${c}`)).join(', ')}</Table.Td>
                  <Table.Td>{x.preTestCounselling ? t('bbv.yes') : t('bbv.no')}</Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {canRecord ? (
        <MiniForm
          title={t('bbv.order.title')}
          submit={t('bbv.order.submit')}
          testId="bbv-order-form"
          onSubmit={async () => {
            await order.mutateAsync({ ...f });
            setF({ test: '', sampleOn: todayIn(zone) });
          }}
        >
          <CodeSelect
            label={t('bbv.order.test')}
            value={f.test}
            onChange={(v) => setF({ ...f, test: v })}
            codes={[...bbvOfferTests, ...bbvFollowTests]}
            words="bbv.tests"
          />
          <DateField
            label={t('bbv.sampleOn')}
            value={f.sampleOn}
            onChange={(v) => setF({ ...f, sampleOn: v })}
          />
        </MiniForm>
      ) : null}
      {d.tests.length ? <Tests personId={personId} tests={d.tests} team={d.treatingTeam} /> : null}
      {d.episodes.map((e) => (
        <EpisodeCard key={e.id} personId={personId} episode={e} />
      ))}
    </Stack>
  );
}

function Tests({ personId, tests, team }: { personId: string; tests: Test[]; team: boolean }) {
  const { t } = useTranslation('programmes');
  const { date } = useFormats();
  const user = useCurrentUser();
  const canRecord = allows(user, 'programmes.record');
  const counsel = useBbvWrite(personId, (x: { id: string; on: string }) =>
    bbvWrites.counsel(x.id, { counselledOn: x.on }),
  );
  const review = useBbvWrite(personId, (id: string) => bbvWrites.review(id));
  const zone = useTimeZoneOf()(null);
  const open = tests.filter((x) => !x.resultOn);
  return (
    <Stack>
      <Table striped withTableBorder captionSide="top" data-testid="bbv-tests">
        <Table.Caption>{t('bbv.testsTitle')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('bbv.order.test')}</Table.Th>
            <Table.Th scope="col">{t('bbv.sampleOn')}</Table.Th>
            <Table.Th scope="col">{t('bbv.resultOn')}</Table.Th>
            <Table.Th scope="col">{t('bbv.result')}</Table.Th>
            <Table.Th scope="col">{t('bbv.postCounselling')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tests.map((x) => (
            <Table.Tr key={x.id}>
              <Table.Td>{t(`bbv.tests.${x.test}`)}</Table.Td>
              <Table.Td>{date(x.sampleOn)}</Table.Td>
              <Table.Td>{x.resultOn ? date(x.resultOn) : t('bbv.awaiting')}</Table.Td>
              <Table.Td>
                {x.hidden
                  ? t('bbv.hidden')
                  : [
                      x.result ? t(`bbv.results.${x.result}`) : null,
                      x.value !== null ? `${x.value} ${x.unit ?? ''}` : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
              </Table.Td>
              <Table.Td>
                {x.postCounselledOn ? (
                  date(x.postCounselledOn)
                ) : x.resultOn && !x.hidden && canRecord ? (
                  <Group gap="xs">
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => counsel.mutate({ id: x.id, on: todayIn(zone) })}
                    >
                      {t('bbv.counselNow')}
                    </Button>
                    {team && !x.reviewed ? (
                      <Button size="xs" variant="light" onClick={() => review.mutate(x.id)}>
                        {t('bbv.reviewNow')}
                      </Button>
                    ) : null}
                  </Group>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canRecord && open.length ? <ResultForm personId={personId} tests={open} /> : null}
    </Stack>
  );
}

function ResultForm({ personId, tests }: { personId: string; tests: Test[] }) {
  const { t } = useTranslation('programmes');
  const zone = useTimeZoneOf()(null);
  const { date } = useFormats();
  const write = useBbvWrite(personId, (x: { id: string; body: unknown }) => bbvWrites.result(x.id, x.body));
  const [r, setR] = useState({ id: '', resultOn: todayIn(zone), result: '', value: '' as string | number });
  const test = tests.find((x) => x.id === r.id)?.test as BbvTest | undefined;
  const answers: readonly string[] =
    test && bbvNaatTests.includes(test)
      ? bbvRnaResults
      : test && bbvQualitativeTests.includes(test)
        ? bbvQualitativeResults
        : [];
  const numeric = test ? bbvNumericTests[test] : undefined;
  return (
    <MiniForm
      title={t('bbv.resultTitle')}
      submit={t('bbv.resultSubmit')}
      testId="bbv-result-form"
      onSubmit={async () => {
        await write.mutateAsync({
          id: r.id,
          body: {
            resultOn: r.resultOn,
            ...(r.result ? { result: r.result } : {}),
            ...(r.value !== '' ? { value: Number(r.value) } : {}),
          },
        });
        setR({ id: '', resultOn: todayIn(zone), result: '', value: '' });
      }}
    >
      <NativeSelect
        label={t('bbv.order.test')}
        value={r.id}
        required
        onChange={(e) => setR({ ...r, id: e.currentTarget.value, result: '', value: '' })}
        data={[
          { value: '', label: t('choose') },
          ...tests.map((x) => ({ value: x.id, label: `${t(`bbv.tests.${x.test}`)} (${date(x.sampleOn)})` })),
        ]}
      />
      <DateField label={t('bbv.resultOn')} value={r.resultOn} onChange={(v) => setR({ ...r, resultOn: v })} />
      {answers.length ? (
        <CodeSelect
          label={t('bbv.result')}
          value={r.result}
          onChange={(v) => setR({ ...r, result: v })}
          codes={answers}
          words="bbv.results"
        />
      ) : null}
      {numeric ? (
        <NumberInput
          label={`${t('bbv.value')} (${numeric.unit})`}
          value={r.value}
          onChange={(v) => setR({ ...r, value: v })}
          maw={180}
        />
      ) : null}
    </MiniForm>
  );
}

function EpisodeCard({ personId, episode: e }: { personId: string; episode: Episode }) {
  const { t } = useTranslation('programmes');
  const { date } = useFormats();
  const user = useCurrentUser();
  const zone = useTimeZoneOf()(null);
  const canRegister = allows(user, 'programmes.register');
  const start = useBbvWrite(personId, (body: unknown) => bbvWrites.treatment(e.id, body));
  const close = useBbvWrite(personId, (body: unknown) => bbvWrites.outcome(e.id, body));
  const [s, setS] = useState({ regimenCode: '', startOn: todayIn(zone) });
  const [out, setOut] = useState({ outcome: '', outcomeOn: todayIn(zone) });
  return (
    <Card withBorder data-testid={`bbv-episode-${e.programme}`}>
      <Stack>
        <Group>
          <Title order={3}>{t(`bbv.programmes.${e.programme}`)}</Title>
          <Badge color={e.outcome ? 'gray' : 'blue.9'}>{t(`status.${e.status}`)}</Badge>
        </Group>
        <Text size="sm">
          {t('bbv.diagnosedOn')}: {date(e.diagnosedOn)}
          {e.regimenCode
            ? ` · ${t(`bbv.regimens.${e.regimenCode}`)} ${t('bbv.from')} ${date(e.treatmentStartOn ?? '')}`
            : ''}
          {e.treatmentEndOn ? ` · ${t('bbv.endOn')}: ${date(e.treatmentEndOn)}` : ''}
          {e.svr12DueOn ? ` · SVR12: ${date(e.svr12DueOn)}` : ''}
        </Text>
        {e.outcome ? <Text>{t(`bbv.outcomes.${e.outcome}`)}</Text> : null}
        {e.fibrosis && (e.fibrosis.apri !== null || e.fibrosis.kPa !== null) ? (
          <Text data-testid="bbv-fibrosis">
            APRI {e.fibrosis.apri ?? '—'} · FIB-4 {e.fibrosis.fib4 ?? '—'}
            {e.fibrosis.kPa !== null ? ` · ${e.fibrosis.kPa} kPa` : ''}
            {e.fibrosis.class ? ` · ${t(`bbv.fibrosis.${e.fibrosis.class}`)}` : ''}
          </Text>
        ) : null}
        {e.schedule.length ? (
          <Text data-testid="bbv-schedule">
            {t('bbv.due')}:{' '}
            {e.schedule
              .map((x) => `${t(`bbv.tests.${x.test}`)} ${date(x.dueOn)} (${t(`bbv.dueStatus.${x.status}`)})`)
              .join(' · ')}
          </Text>
        ) : null}
        {e.releaseLinkage ? (
          <Alert color={WARNING_COLOR} title={t('bbv.releaseLinkage')}>
            {t(`bbv.linkage.${e.releaseLinkage}`, { date: date(e.plannedReleaseOn ?? '') })}
          </Alert>
        ) : null}
        {canRegister && !e.outcome && e.programme === 'hcv' ? (
          // BBV-3 (ADR 0054): the referral letter for the community hepatitis service, once a release is planned.
          e.plannedReleaseOn ? (
            <Group gap="xs" data-testid="hcv-letter">
              <Text size="sm">{t('bbv.letter.title')}</Text>
              {(['az', 'en', 'ru'] as const).map((language) => (
                <Anchor key={language} href={hcvLetterUrl(e.id, language)} download>
                  {t(`bbv.letter.in.${language}`)}
                </Anchor>
              ))}
            </Group>
          ) : (
            <Text size="sm">{t('bbv.letter.noRelease')}</Text>
          )
        ) : null}
        {canRegister && !e.outcome && !e.treatmentStartOn && e.programme !== 'hbv' ? (
          <MiniForm
            title={e.programme === 'hiv' ? t('bbv.startArt') : t('bbv.startDaa')}
            submit={t('bbv.prescribe')}
            onSubmit={() => start.mutateAsync({ ...s })}
          >
            <CodeSelect
              label={t('bbv.regimen')}
              value={s.regimenCode}
              onChange={(v) => setS({ ...s, regimenCode: v })}
              codes={bbvRegimenCodes.filter((c) => bbvRegimens[c].programme === e.programme)}
              words="bbv.regimens"
            />
            <DateField
              label={t('bbv.startOn')}
              value={s.startOn}
              onChange={(v) => setS({ ...s, startOn: v })}
            />
          </MiniForm>
        ) : null}
        {canRegister && !e.outcome ? (
          <MiniForm
            title={t('bbv.outcomeTitle')}
            submit={t('bbv.outcomeSubmit')}
            onSubmit={() => close.mutateAsync({ ...out })}
          >
            <CodeSelect
              label={t('bbv.outcome')}
              value={out.outcome}
              onChange={(v) => setOut({ ...out, outcome: v })}
              codes={bbvOutcomesOf[e.programme]}
              words="bbv.outcomes"
            />
            <DateField
              label={t('bbv.outcomeOn')}
              value={out.outcomeOn}
              onChange={(v) => setOut({ ...out, outcomeOn: v })}
            />
          </MiniForm>
        ) : null}
      </Stack>
    </Card>
  );
}
