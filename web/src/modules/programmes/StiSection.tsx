import { stiRisks, stiTests, stiTreatmentCodes, stiTreatments } from '@custodia/domain/programmes';
import { Alert, Checkbox, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormats, WARNING_COLOR } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import { usePersonBbv } from './bbv.api.ts';
import { CodeSelect, DateField, MiniForm, todayIn } from './parts.tsx';
import { type StiPerson, stiWrites, usePersonSti, useStiWrite } from './sti.api.ts';

/**
 * Chlamydia and gonorrhoea by risk on the chart's programme tab (ADM-7, WOM-3; ADR 0054): the risk
 * assessment (the risks the record gives, those asked; accepted orders the NAAT tests, refused blocks
 * nothing, not indicated without a risk), the assessments made, and for the treating team the
 * treatment given for a detected result and the hepatitis B vaccination prompt (PHC-11). The NAAT
 * results are recorded and shown with the blood-borne tests (restricted the same way).
 */
export function StiSection({ personId }: { personId: string }) {
  const { t } = useTranslation('programmes');
  const data = usePersonSti(personId);
  return (
    <Stack data-testid="sti-section">
      <Title order={2}>{t('sti.title')}</Title>
      <QueryState query={data}>{(d) => <Body personId={personId} data={d} />}</QueryState>
    </Stack>
  );
}

function Body({ personId, data: d }: { personId: string; data: StiPerson }) {
  const { t } = useTranslation('programmes');
  const user = useCurrentUser();
  const zone = useTimeZoneOf()(null);
  const { date } = useFormats();
  const canRecord = allows(user, 'programmes.record');
  const assess = useStiWrite(personId, (body: unknown) => stiWrites.assess(personId, body));
  const blank = {
    assessedOn: todayIn(zone),
    decision: '',
    risks: [] as string[],
    tests: [] as string[],
    pre: false,
  };
  const [a, setA] = useState(blank);
  const asked = stiRisks.filter(
    (r) => !d.derivedRisks.includes(r) && r !== 'under_age' && r !== 'woman_on_entry',
  );
  return (
    <Stack>
      {d.hepBOffer ? (
        <Alert
          color={d.hepBOffer.status === 'overdue' ? 'red' : WARNING_COLOR}
          title={t('sti.hepBOffer.title')}
          data-testid="hepb-offer-prompt"
        >
          {t('sti.hepBOffer.text', { on: date(d.hepBOffer.resultOn), due: date(d.hepBOffer.dueOn) })}
        </Alert>
      ) : null}
      {d.pending ? (
        <Alert
          color={d.pending.status === 'overdue' ? 'red' : WARNING_COLOR}
          title={t('sti.pending')}
          data-testid="sti-pending"
        >
          {t('bbv.offerDue', { date: date(d.pending.dueOn) })}
        </Alert>
      ) : null}
      <Text size="sm">
        {t('sti.derived')}:{' '}
        {d.derivedRisks.length
          ? d.derivedRisks.map((r) => t(`sti.risks.${r}`)).join(', ')
          : t('sti.noDerived')}
      </Text>
      {canRecord ? (
        <MiniForm
          title={t('sti.form.title')}
          submit={t('sti.form.submit')}
          testId="sti-assessment-form"
          onSubmit={async () => {
            await assess.mutateAsync({
              assessedOn: a.assessedOn,
              decision: a.decision,
              risks: a.risks,
              preTestCounselling: a.pre,
              tests: a.decision === 'accepted' ? a.tests : [],
            });
            setA(blank);
          }}
        >
          <DateField
            label={t('sti.form.assessedOn')}
            value={a.assessedOn}
            onChange={(v) => setA({ ...a, assessedOn: v })}
          />
          <Checkbox.Group
            label={t('sti.form.risks')}
            value={a.risks}
            onChange={(risks) => setA({ ...a, risks })}
          >
            <Group>
              {asked.map((r) => (
                <Checkbox key={r} value={r} label={t(`sti.risks.${r}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <CodeSelect
            label={t('sti.form.decision')}
            value={a.decision}
            onChange={(v) => setA({ ...a, decision: v })}
            codes={['accepted', 'refused', 'not_indicated']}
            words="sti.decisions"
          />
          <Checkbox
            label={t('bbv.offer.preTestCounselling')}
            checked={a.pre}
            onChange={(e) => setA({ ...a, pre: e.currentTarget.checked })}
          />
          <Checkbox.Group
            label={t('sti.form.tests')}
            value={a.tests}
            onChange={(tests) => setA({ ...a, tests })}
          >
            <Group>
              {stiTests.map((x) => (
                <Checkbox key={x} value={x} label={t(`bbv.tests.${x}`)} />
              ))}
            </Group>
          </Checkbox.Group>
        </MiniForm>
      ) : null}
      {d.assessments.length ? (
        <Table striped withTableBorder captionSide="top" data-testid="sti-assessments">
          <Table.Caption>{t('sti.history')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('sti.form.assessedOn')}</Table.Th>
              <Table.Th scope="col">{t('sti.form.risks')}</Table.Th>
              <Table.Th scope="col">{t('sti.form.decision')}</Table.Th>
              <Table.Th scope="col">{t('sti.form.tests')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.assessments.map((x) => (
              <Table.Tr key={x.id}>
                <Table.Td>{date(x.assessedOn)}</Table.Td>
                <Table.Td>{x.risks.map((r) => t(`sti.risks.${r}`)).join(', ')}</Table.Td>
                <Table.Td>{t(`sti.decisions.${x.decision}`)}</Table.Td>
                <Table.Td>{x.tests.map((c) => t(`bbv.tests.${c}`)).join(', ')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {d.treatingTeam ? <Treatments personId={personId} data={d} /> : null}
    </Stack>
  );
}

/** The treating team's part: treatments given for a detected chlamydia or gonorrhoea result. */
function Treatments({ personId, data: d }: { personId: string; data: StiPerson }) {
  const { t } = useTranslation('programmes');
  const { date } = useFormats();
  const zone = useTimeZoneOf()(null);
  const user = useCurrentUser();
  const bbv = usePersonBbv(personId);
  const treat = useStiWrite(personId, (body: unknown) => stiWrites.treat(personId, body));
  const [f, setF] = useState({ testId: '', regimenCode: '', givenOn: todayIn(zone) });
  const treated = new Set(d.treatments.map((x) => x.testId));
  const detected = (bbv.data?.tests ?? []).filter(
    (x) => (x.test === 'ct_naat' || x.test === 'ng_naat') && x.result === 'detected' && !treated.has(x.id),
  );
  const chosen = detected.find((x) => x.id === f.testId);
  return (
    <Stack>
      {d.treatments.length ? (
        <Table striped withTableBorder captionSide="top" data-testid="sti-treatments">
          <Table.Caption>{t('sti.treatments')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('sti.infection')}</Table.Th>
              <Table.Th scope="col">{t('sti.regimen')}</Table.Th>
              <Table.Th scope="col">{t('sti.givenOn')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.treatments.map((x) => (
              <Table.Tr key={x.id}>
                <Table.Td>{t(`sti.infections.${x.infection}`)}</Table.Td>
                <Table.Td>{t(`sti.regimens.${x.regimenCode}`)}</Table.Td>
                <Table.Td>{date(x.givenOn)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {allows(user, 'programmes.record') && detected.length ? (
        <MiniForm
          title={t('sti.treatTitle')}
          submit={t('sti.treatSubmit')}
          testId="sti-treatment-form"
          onSubmit={async () => {
            await treat.mutateAsync({ ...f });
            setF({ testId: '', regimenCode: '', givenOn: todayIn(zone) });
          }}
        >
          <NativeSelect
            label={t('sti.result')}
            value={f.testId}
            required
            onChange={(e) => setF({ ...f, testId: e.currentTarget.value, regimenCode: '' })}
            data={[
              { value: '', label: t('choose') },
              ...detected.map((x) => ({
                value: x.id,
                label: `${t(`sti.infections.${x.test}`)} (${date(x.sampleOn)})`,
              })),
            ]}
          />
          <CodeSelect
            label={t('sti.regimen')}
            value={f.regimenCode}
            onChange={(v) => setF({ ...f, regimenCode: v })}
            codes={stiTreatmentCodes.filter((c) => !chosen || stiTreatments[c].infection === chosen.test)}
            words="sti.regimens"
          />
          <DateField
            label={t('sti.givenOn')}
            value={f.givenOn}
            onChange={(v) => setF({ ...f, givenOn: v })}
          />
        </MiniForm>
      ) : null}
    </Stack>
  );
}
