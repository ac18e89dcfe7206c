import {
  hepBImmunity,
  hepBScheduleCodes,
  pepClosures,
  pepExposureTypes,
  pepSourceStatuses,
  pepTestResults,
} from '@custodia/domain/programmes';
import {
  Alert,
  Badge,
  Card,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fromLocalInput, toLocalInput, useFormats, WARNING_COLOR } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { CodeSelect, DateField, MiniForm, todayIn } from './parts.tsx';
import {
  type PepCase,
  type PersonHepB,
  pepWrites,
  usePepWrite,
  usePersonHepB,
  usePersonPep,
} from './pep.api.ts';

const nowInput = (zone: string | undefined) => toLocalInput(new Date(), zone).slice(0, 16);

function DateTimeField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <TextInput
      type="datetime-local"
      label={label}
      value={value}
      required
      onChange={(e) => onChange(e.currentTarget.value)}
      maw={260}
    />
  );
}

/** BBV-2: the exposures of a person, the PEP deadline, the course and the follow-up tests (ADR 0049). */
export function PepSection({ personId, zone }: { personId: string; zone: string | undefined }) {
  const { t } = useTranslation('programmes');
  const user = useCurrentUser();
  const data = usePersonPep(personId);
  const canRecord = allows(user, 'programmes.record');
  const report = usePepWrite(personId, (body: unknown) => pepWrites.report(personId, body));
  const [f, setF] = useState({ exposedAt: nowInput(zone), type: '', sourceStatus: '', description: '' });
  return (
    <Stack data-testid="pep-section">
      <Title order={3}>{t('pep.title')}</Title>
      {canRecord ? (
        <MiniForm
          title={t('pep.report')}
          submit={t('pep.reportSubmit')}
          testId="pep-report-form"
          onSubmit={async () => {
            await report.mutateAsync({
              exposedAt: fromLocalInput(f.exposedAt, zone),
              type: f.type,
              sourceStatus: f.sourceStatus,
              ...(f.description.trim() ? { description: f.description } : {}),
            });
            setF({ exposedAt: nowInput(zone), type: '', sourceStatus: '', description: '' });
          }}
        >
          <DateTimeField
            label={t('pep.exposedAt')}
            value={f.exposedAt}
            onChange={(v) => setF({ ...f, exposedAt: v })}
          />
          <CodeSelect
            label={t('pep.type')}
            value={f.type}
            onChange={(v) => setF({ ...f, type: v })}
            codes={pepExposureTypes}
            words="pepTypes"
          />
          <CodeSelect
            label={t('pep.source')}
            value={f.sourceStatus}
            onChange={(v) => setF({ ...f, sourceStatus: v })}
            codes={pepSourceStatuses}
            words="pepSources"
          />
          <Textarea
            label={t('pep.description')}
            value={f.description}
            onChange={(e) => setF({ ...f, description: e.currentTarget.value })}
            autosize
            miw={260}
          />
        </MiniForm>
      ) : null}
      {f.type === 'sexual_assault' ? (
        <Alert color={WARNING_COLOR} role="note">
          {t('pep.assaultNote')}
        </Alert>
      ) : null}
      <QueryState query={data}>
        {(d) =>
          d.items.length === 0 ? (
            <Text>{t('pep.none')}</Text>
          ) : (
            <Stack>
              {d.items.map((c) => (
                <PepCard
                  key={c.id}
                  personId={personId}
                  pep={c}
                  zone={zone}
                  regimens={d.regimens.map((r) => r.code)}
                />
              ))}
            </Stack>
          )
        }
      </QueryState>
    </Stack>
  );
}

function PepCard({
  personId,
  pep: c,
  zone,
  regimens,
}: {
  personId: string;
  pep: PepCase;
  zone: string | undefined;
  regimens: string[];
}) {
  const { t } = useTranslation('programmes');
  const user = useCurrentUser();
  const { date, dateTime } = useFormats();
  const canRecord = allows(user, 'programmes.record');
  const canStart = allows(user, 'programmes.register');
  const start = usePepWrite(personId, (body: unknown) => pepWrites.start(c.id, body));
  const close = usePepWrite(personId, (body: unknown) => pepWrites.close(c.id, body));
  const followUp = usePepWrite(personId, (v: { id: string; body: unknown }) =>
    pepWrites.followUp(v.id, v.body),
  );
  const [s, setS] = useState({ firstDoseAt: nowInput(zone), regimenCode: regimens[0] ?? '', lateReason: '' });
  const [closure, setClosure] = useState('');
  const [r, setR] = useState({ id: '', doneOn: todayIn(zone), hiv: '', hbv: '', hcv: '' });
  const open = !c.closure;
  const pending = c.followUps.filter((x) => !x.doneOn && x.dueOn <= todayIn(zone));
  const alertColor = c.state.alert === 'due' ? 'blue' : 'red';
  return (
    <Card withBorder data-testid="pep-case">
      <Stack>
        <Group>
          <Title order={4}>
            {t(`pepTypes.${c.type}`)} · {dateTime(c.exposedAt, zone)}
          </Title>
          {c.closure ? <Badge color="gray">{t(`pepClosures.${c.closure}`)}</Badge> : null}
          {c.state.withinLimit === false ? <Badge color="red.9">{t('pep.late')}</Badge> : null}
        </Group>
        <Text size="sm">
          {t('pep.source')}: {t(`pepSources.${c.sourceStatus}`)}
          {c.description ? ` · ${c.description}` : ''}
        </Text>
        {c.state.alert !== 'none' ? (
          <Alert
            color={alertColor}
            role="alert"
            data-testid="pep-deadline"
            title={t(`pep.alert.${c.state.alert}`)}
          >
            {t('pep.deadline', {
              hours: c.state.hoursSinceExposure,
              deadline: dateTime(c.state.deadlineAt, zone),
            })}
          </Alert>
        ) : null}
        {c.firstDoseAt ? (
          <Text data-testid="pep-course">
            {t('pep.firstDose')}: {dateTime(c.firstDoseAt, zone)} (
            {t('pep.hoursAfter', { hours: c.state.hoursToFirstDose })}) · {c.regimenCode} ·{' '}
            {t('pep.courseEnds')}: {dateTime(c.state.courseEndsAt, zone)}
            {c.lateReason ? ` · ${t('pep.lateReason')}: ${c.lateReason}` : ''}
          </Text>
        ) : null}
        {open && !c.firstDoseAt && canStart ? (
          <MiniForm
            title={t('pep.start')}
            submit={t('pep.startSubmit')}
            testId="pep-start-form"
            onSubmit={() =>
              start.mutateAsync({
                firstDoseAt: fromLocalInput(s.firstDoseAt, zone),
                regimenCode: s.regimenCode,
                ...(s.lateReason.trim() ? { lateReason: s.lateReason } : {}),
              })
            }
          >
            <DateTimeField
              label={t('pep.firstDose')}
              value={s.firstDoseAt}
              onChange={(v) => setS({ ...s, firstDoseAt: v })}
            />
            <CodeSelect
              label={t('pep.regimen')}
              value={s.regimenCode}
              onChange={(v) => setS({ ...s, regimenCode: v })}
              codes={regimens}
              words="pepRegimens"
            />
            <TextInput
              label={t('pep.lateReason')}
              description={t('pep.lateReasonHelp')}
              value={s.lateReason}
              onChange={(e) => setS({ ...s, lateReason: e.currentTarget.value })}
            />
          </MiniForm>
        ) : null}
        {open && canStart ? (
          <MiniForm
            title={t('pep.close')}
            submit={t('pep.closeSubmit')}
            onSubmit={() => close.mutateAsync({ closure })}
          >
            <CodeSelect
              label={t('pep.closure')}
              value={closure}
              onChange={setClosure}
              codes={pepClosures}
              words="pepClosures"
            />
          </MiniForm>
        ) : null}
        <Table striped withTableBorder captionSide="top">
          <Table.Caption>{t('pep.followUps')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('pep.timepoint')}</Table.Th>
              <Table.Th scope="col">{t('pep.dueOn')}</Table.Th>
              <Table.Th scope="col">{t('pep.doneOn')}</Table.Th>
              <Table.Th scope="col">HIV</Table.Th>
              <Table.Th scope="col">HBsAg</Table.Th>
              <Table.Th scope="col">anti-HCV</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {c.followUps.map((x) => (
              <Table.Tr key={x.id}>
                <Table.Td>{t(`pepTimepoints.${x.timepoint}`)}</Table.Td>
                <Table.Td>
                  {date(x.dueOn)}{' '}
                  {x.overdue ? <Badge color="red.9">{t('monitoringStates.overdue')}</Badge> : null}
                </Table.Td>
                <Table.Td>{date(x.doneOn)}</Table.Td>
                <Table.Td>{x.hiv ? t(`pepResults.${x.hiv}`) : ''}</Table.Td>
                <Table.Td>{x.hbv ? t(`pepResults.${x.hbv}`) : ''}</Table.Td>
                <Table.Td>{x.hcv ? t(`pepResults.${x.hcv}`) : ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {canRecord && pending.length ? (
          <MiniForm
            title={t('pep.recordFollowUp')}
            submit={t('pep.followUpSubmit')}
            onSubmit={async () => {
              await followUp.mutateAsync({
                id: r.id,
                body: { doneOn: r.doneOn, hiv: r.hiv, hbv: r.hbv, hcv: r.hcv },
              });
              setR({ id: '', doneOn: todayIn(zone), hiv: '', hbv: '', hcv: '' });
            }}
          >
            <NativeSelect
              label={t('pep.timepoint')}
              value={r.id}
              required
              onChange={(e) => setR({ ...r, id: e.currentTarget.value })}
              data={[
                { value: '', label: t('choose') },
                ...pending.map((x) => ({
                  value: x.id,
                  label: `${t(`pepTimepoints.${x.timepoint}`)} · ${date(x.dueOn)}`,
                })),
              ]}
            />
            <DateField label={t('pep.doneOn')} value={r.doneOn} onChange={(v) => setR({ ...r, doneOn: v })} />
            {(['hiv', 'hbv', 'hcv'] as const).map((k) => (
              <CodeSelect
                key={k}
                label={{ hiv: 'HIV', hbv: 'HBsAg', hcv: 'anti-HCV' }[k]}
                value={r[k]}
                onChange={(v) => setR({ ...r, [k]: v })}
                codes={pepTestResults}
                words="pepResults"
              />
            ))}
          </MiniForm>
        ) : null}
      </Stack>
    </Card>
  );
}

/** PHC-11: hepatitis B vaccination: the offer to the non-immune, the courses, the doses and the next dose due. */
export function HepBSection({ personId, zone }: { personId: string; zone: string | undefined }) {
  const { t } = useTranslation('programmes');
  const user = useCurrentUser();
  const data = usePersonHepB(personId);
  const canRecord = allows(user, 'programmes.record');
  const offer = usePepWrite(personId, (body: unknown) => pepWrites.offer(personId, body));
  const [o, setO] = useState({
    schedule: '',
    immunity: '',
    decision: '',
    offeredOn: todayIn(zone),
    note: '',
  });
  return (
    <Stack data-testid="hepb-section">
      <Title order={3}>{t('hepb.title')}</Title>
      {canRecord ? (
        <MiniForm
          title={t('hepb.offer')}
          submit={t('hepb.offerSubmit')}
          testId="hepb-offer-form"
          onSubmit={async () => {
            await offer.mutateAsync({ ...o, note: o.note.trim() || undefined });
            setO({ schedule: '', immunity: '', decision: '', offeredOn: todayIn(zone), note: '' });
          }}
        >
          <CodeSelect
            label={t('hepb.immunity')}
            value={o.immunity}
            onChange={(v) => setO({ ...o, immunity: v })}
            codes={hepBImmunity}
            words="hepbImmunity"
          />
          <CodeSelect
            label={t('hepb.schedule')}
            value={o.schedule}
            onChange={(v) => setO({ ...o, schedule: v })}
            codes={hepBScheduleCodes}
            words="hepbSchedules"
          />
          <CodeSelect
            label={t('hepb.decision')}
            value={o.decision}
            onChange={(v) => setO({ ...o, decision: v })}
            codes={['accepted', 'declined']}
            words="hepbDecisions"
          />
          <DateField
            label={t('hepb.offeredOn')}
            value={o.offeredOn}
            onChange={(v) => setO({ ...o, offeredOn: v })}
          />
          {o.decision === 'declined' ? (
            // PHC-11 (ADR 0054): a refusal records its reason.
            <TextInput
              label={t('hepb.declineReason')}
              value={o.note}
              required
              onChange={(e) => setO({ ...o, note: e.currentTarget.value })}
            />
          ) : null}
        </MiniForm>
      ) : null}
      <QueryState query={data}>
        {(d) =>
          d.items.length === 0 ? (
            <Text>{t('hepb.none')}</Text>
          ) : (
            <Stack>
              {d.items.map((c) => (
                <CourseCard key={c.id} personId={personId} course={c} zone={zone} />
              ))}
            </Stack>
          )
        }
      </QueryState>
    </Stack>
  );
}

function CourseCard({
  personId,
  course: c,
  zone,
}: {
  personId: string;
  course: PersonHepB['items'][number];
  zone: string | undefined;
}) {
  const { t } = useTranslation('programmes');
  const user = useCurrentUser();
  const { date } = useFormats();
  const canRecord = allows(user, 'programmes.record');
  const dose = usePepWrite(personId, (body: unknown) => pepWrites.dose(c.id, body));
  const [v, setV] = useState({ outcome: '', on: todayIn(zone), batch: '' });
  const stateColor = { upcoming: 'gray', due: 'blue.9', overdue: 'red.9' } as const;
  return (
    <Card withBorder data-testid="hepb-course">
      <Stack>
        <Group>
          <Title order={4}>
            {t(`hepbSchedules.${c.schedule}`)} · {date(c.offeredOn)}
          </Title>
          <Badge color={c.decision === 'declined' ? 'gray' : c.complete ? 'green.9' : 'blue.9'}>
            {c.decision === 'declined'
              ? t('hepbDecisions.declined')
              : c.complete
                ? t('hepb.complete')
                : t('hepb.inProgress')}
          </Badge>
        </Group>
        <Text size="sm">
          {t('hepb.immunity')}: {t(`hepbImmunity.${c.immunity}`)}
        </Text>
        {c.next ? (
          <Text data-testid="hepb-next">
            {t('hepb.next', { n: c.next.doseNumber, of: c.plannedDoses, on: date(c.next.dueOn) })}{' '}
            <Badge color={stateColor[c.next.state]}>{t(`monitoringStates.${c.next.state}`)}</Badge>
          </Text>
        ) : null}
        {c.doses.length ? (
          <Table striped withTableBorder captionSide="top">
            <Table.Caption>{t('hepb.doses')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('hepb.doseNumber')}</Table.Th>
                <Table.Th scope="col">{t('hepb.on')}</Table.Th>
                <Table.Th scope="col">{t('hepb.outcome')}</Table.Th>
                <Table.Th scope="col">{t('hepb.batch')}</Table.Th>
                <Table.Th scope="col">{t('hepb.givenBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.doses.map((x) => (
                <Table.Tr key={x.id}>
                  <Table.Td>{x.doseNumber}</Table.Td>
                  <Table.Td>{date(x.on)}</Table.Td>
                  <Table.Td>{t(`hepbOutcomes.${x.outcome}`)}</Table.Td>
                  <Table.Td>{x.batch ?? ''}</Table.Td>
                  <Table.Td>{x.givenBy ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
        {canRecord && c.next ? (
          <MiniForm
            title={t('hepb.recordDose', { n: c.next.doseNumber })}
            submit={t('hepb.doseSubmit')}
            testId="hepb-dose-form"
            onSubmit={async () => {
              await dose.mutateAsync({
                outcome: v.outcome,
                on: v.on,
                ...(v.batch.trim() ? { batch: v.batch } : {}),
              });
              setV({ outcome: '', on: todayIn(zone), batch: '' });
            }}
          >
            <CodeSelect
              label={t('hepb.outcome')}
              value={v.outcome}
              onChange={(x) => setV({ ...v, outcome: x })}
              codes={['given', 'refused']}
              words="hepbOutcomes"
            />
            <DateField label={t('hepb.on')} value={v.on} onChange={(x) => setV({ ...v, on: x })} />
            <TextInput
              label={t('hepb.batch')}
              value={v.batch}
              onChange={(e) => setV({ ...v, batch: e.currentTarget.value })}
              maw={160}
            />
          </MiniForm>
        ) : null}
      </Stack>
    </Card>
  );
}
