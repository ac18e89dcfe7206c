import {
  deteriorationNoticeSchema,
  endManners,
  hungerBaselineSchema,
  hungerCapacitySchema,
  hungerDayRecordSchema,
  hungerEndSchema,
  hungerInformationSchema,
  hungerInterventionSchema,
  independentRequestSchema,
  independentVisitSchema,
  interventionKinds,
  teachBackResults,
} from '@custodia/domain/hungerstrike';
import {
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { fromLocalInput, useFormats, WARNING_COLOR } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm, WriteFeedback } from '../../app/useWriteForm.tsx';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import {
  type HungerCommand,
  type HungerEpisode,
  useHungerCommand,
  useHungerStrike,
} from './hungerstrike.api.ts';
import { EpisodeHeader, newIdempotencyKey, useFieldMessage, useProblemText } from './parts.tsx';

/** A number typed, or undefined when empty (the schema then says what is missing). */
const num = (v: string) => (v.trim() === '' ? undefined : Number(v.replace(',', '.')));
const yesNo = (v: string) => (v === 'yes' ? true : v === 'no' ? false : undefined);

/**
 * The hunger-strike record (HUN-1 … HUN-10): the physician's assessment, the baseline with consent,
 * the information with teach-back, the daily sheet (offers, measurements done or refused — never
 * pre-filled), the independent physician, notices to the authority, consented interventions only
 * (HUN-7: there is no force-feeding order) and the end, which opens the refeeding protocol.
 */
export function RecordPage() {
  const { t } = useTranslation('hungerstrike');
  usePageTitle(t('record.title'));
  const { id = '' } = useParams();
  const episode = useHungerStrike(id);
  return <QueryState query={episode}>{(e) => <Record episode={e} />}</QueryState>;
}

function Record({ episode: e }: { episode: HungerEpisode }) {
  const { t } = useTranslation('hungerstrike');
  const user = useCurrentUser();
  const zone = useTimeZoneOf()(e.institutionId);
  const { dateTime } = useFormats();
  const recorder = allows(user, 'hungerstrike.record') && !e.endedAt;
  const physician = allows(user, 'hungerstrike.assess') && !e.endedAt;
  return (
    <Stack>
      <EpisodeHeader episode={e} title={t('record.title')} />
      {e.statedAim ? <Text>{t('record.aim', { aim: e.statedAim })}</Text> : null}
      {e.linkedEpisodes.length ? (
        <Text>
          {t('record.linked')}: {e.linkedEpisodes.map((l) => `${l.name} · ${l.prisonNumber}`).join('; ')}
        </Text>
      ) : null}
      {e.signs.length ? (
        <Group gap={4} aria-label={t('record.signs')}>
          {e.signs.map((s) => (
            <Badge key={s} color={WARNING_COLOR} tt="none" data-sign={s}>
              {t(`signs.${s}`)}
            </Badge>
          ))}
        </Group>
      ) : null}
      {e.state === 'moved_to_mental_health' ? <Text fw={700}>{t('record.mentalHealth')}</Text> : null}

      <Section title={t('sheet.title')}>
        {e.due ? (
          <Text data-testid="today">
            {t('sheet.today', { day: e.due.dayNumber })} ·{' '}
            {e.due.offerDue
              ? t('sheet.offerDue', { when: dateTime(e.due.dueAt, zone) })
              : t('sheet.offerDone')}
            {e.due.measurementsDue ? ` · ${t('sheet.measurementsDue')}` : ''}
          </Text>
        ) : null}
        <Text size="sm">{t('sheet.measureFrom', { when: dateTime(e.measurementsDueFrom, zone) })}</Text>
        <DaySheet episode={e} zone={zone} />
        {recorder ? <DayForm episode={e} zone={zone} /> : null}
      </Section>

      <Section title={t('capacity.title')}>
        {e.capacity ? (
          <Text>
            {dateTime(e.capacity.at, zone)} · {e.capacity.by} · {t(`capacity.${e.capacity.capacity}`)} ·{' '}
            {t(e.capacity.voluntary ? 'capacity.isVoluntary' : 'capacity.notVoluntary')}
            {e.capacity.peerPressure ? ` · ${t('capacity.pressure')}` : ''}
            {e.capacity.note ? ` · ${e.capacity.note}` : ''}
          </Text>
        ) : (
          <Text>{t('capacity.none')}</Text>
        )}
        {physician ? <CapacityForm id={e.id} zone={zone} /> : null}
      </Section>

      <Section title={t('baseline.title')}>
        {e.baseline ? (
          e.baseline.consent === 'refused' ? (
            <Text fw={700}>
              {t('baseline.refusedOn', { when: dateTime(e.baseline.at, zone), by: e.baseline.by })}
            </Text>
          ) : (
            <Text>
              {dateTime(e.baseline.at, zone)} · {e.baseline.by} ·{' '}
              {t('baseline.summary', {
                weight: e.baseline.weightKg,
                height: e.baseline.heightCm,
                bmi: e.baseline.bmi,
                pulse: e.baseline.pulse,
                bp: `${e.baseline.systolic}/${e.baseline.diastolic}`,
                temp: e.baseline.temperature,
              })}
            </Text>
          )
        ) : (
          <Text>{t('baseline.none')}</Text>
        )}
        {recorder ? <BaselineForm id={e.id} zone={zone} /> : null}
      </Section>

      <Section title={t('information.title')}>
        {e.information.length ? (
          <List>
            {e.information.map((i) => (
              <List.Item key={i.id}>
                {dateTime(i.at, zone)} · {i.by} · {t(`teachBack.${i.teachBack}`)} · {i.summary}
              </List.Item>
            ))}
          </List>
        ) : (
          <Text>{t('information.none')}</Text>
        )}
        {recorder ? <InformationForm id={e.id} zone={zone} /> : null}
      </Section>

      <Section title={t('independent.title')}>
        {e.independentPhysician.length ? (
          <List>
            {e.independentPhysician.map((r) => (
              <List.Item key={r.id}>
                {t('independent.requested', { when: dateTime(r.requestedAt, zone) })} ·{' '}
                {r.visitedAt
                  ? t('independent.visited', { when: dateTime(r.visitedAt, zone), name: r.physicianName })
                  : t('independent.waiting')}
              </List.Item>
            ))}
          </List>
        ) : (
          <Text>{t('independent.none')}</Text>
        )}
        {recorder ? <IndependentForms id={e.id} zone={zone} /> : null}
      </Section>

      <Section title={t('notices.title')}>
        <Text size="sm">{t('notices.intro')}</Text>
        {e.notices.map((n) => (
          <Paper key={n.id} withBorder p="sm">
            <Text>{t('notices.sentTo', { when: dateTime(n.at, zone), to: n.authority, by: n.by })}</Text>
            <Text size="sm">{n.sent.statement}</Text>
            {n.sent.clinicalDetail ? (
              <Text size="sm">{t('notices.detail', { detail: n.sent.clinicalDetail })}</Text>
            ) : (
              <Text size="sm">{t('notices.noDetail')}</Text>
            )}
          </Paper>
        ))}
        {physician ? <NoticeForm id={e.id} zone={zone} /> : null}
      </Section>

      <Section title={t('interventions.title')}>
        <Text size="sm">{t('interventions.intro')}</Text>
        {e.interventions.length ? (
          <List>
            {e.interventions.map((i) => (
              <List.Item key={i.id}>
                {dateTime(i.at, zone)} · {t(`interventions.kinds.${i.kind}`)} ·{' '}
                {i.incapacityDecision
                  ? `${t('interventions.withoutCapacity')}: ${i.incapacityDecision.interestReason}`
                  : t('interventions.consented')}
              </List.Item>
            ))}
          </List>
        ) : null}
        {physician ? <InterventionForm id={e.id} zone={zone} /> : null}
      </Section>

      <Section title={t('end.title')}>
        {e.endedAt ? (
          <Text>
            {t('end.ended', { when: dateTime(e.endedAt, zone), manner: t(`manners.${e.endManner}`) })}
          </Text>
        ) : recorder ? (
          <EndForm id={e.id} zone={zone} />
        ) : (
          <Text>{t('end.ongoing')}</Text>
        )}
      </Section>
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack gap="sm">
        <Title order={2} size="h3">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

/** HUN-5: the daily sheet, newest day first: what was offered, done and refused. */
function DaySheet({ episode: e, zone }: { episode: HungerEpisode; zone: string | undefined }) {
  const { t } = useTranslation('hungerstrike');
  const { dateTime, date } = useFormats();
  if (!e.days.length) return <Text>{t('sheet.none')}</Text>;
  const refused = t('sheet.refused');
  return (
    <Table striped withTableBorder captionSide="top" data-testid="daily-sheet">
      <Table.Caption>{t('sheet.caption', { shown: e.days.length, total: e.dayCount })}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('sheet.day')}</Table.Th>
          <Table.Th scope="col">{t('sheet.offeredAt')}</Table.Th>
          <Table.Th scope="col">{t('sheet.assessment')}</Table.Th>
          <Table.Th scope="col">{t('sheet.weight')}</Table.Th>
          <Table.Th scope="col">{t('sheet.vitals')}</Table.Th>
          <Table.Th scope="col">{t('sheet.fluids')}</Table.Th>
          <Table.Th scope="col">{t('sheet.by')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {e.days.map((d) => (
          <Table.Tr key={d.id}>
            <Table.Th scope="row">
              {t('record.dayNumber', { day: d.dayNumber })} · {date(d.day)}
            </Table.Th>
            <Table.Td>{dateTime(d.offeredAt, zone)}</Table.Td>
            <Table.Td>{t(`status.${d.assessment}`)}</Table.Td>
            <Table.Td>
              {!d.weight ? '—' : d.weight.status === 'refused' ? refused : t('sheet.kg', { kg: d.weight.kg })}
            </Table.Td>
            <Table.Td>
              {!d.vitals
                ? '—'
                : d.vitals.status === 'refused'
                  ? refused
                  : t('sheet.vitalsDone', {
                      pulse: d.vitals.pulse,
                      bp: `${d.vitals.systolic}/${d.vitals.diastolic}`,
                      temp: d.vitals.temperature,
                    })}
            </Table.Td>
            <Table.Td>{d.fluidsTaken === null ? '—' : t(d.fluidsTaken ? 'yes' : 'no')}</Table.Td>
            <Table.Td>{d.by}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const statusChoices = (t: (k: string) => string) => [
  { value: '', label: t('choose') },
  { value: 'done', label: t('status.done') },
  { value: 'refused', label: t('status.refused') },
];
const yesNoChoices = (t: (k: string) => string) => [
  { value: '', label: t('unknown') },
  { value: 'yes', label: t('yes') },
  { value: 'no', label: t('no') },
];

/** The common frame of a command's form: its write, its feedback and its button. */
function useCommand<V extends Record<string, unknown>>(
  id: string,
  command: HungerCommand,
  initialValues: V,
  toBody: (v: V) => unknown,
  schema: Parameters<typeof useWriteForm<V, unknown, unknown>>[0]['schema'],
  key?: string,
  fieldOf?: (path: string) => string,
  onSuccess?: () => void,
) {
  const { t } = useTranslation('hungerstrike');
  return useWriteForm<V, unknown, unknown>({
    initialValues,
    write: useHungerCommand(id, command, key),
    schema,
    toBody,
    fieldMessage: useFieldMessage(),
    problemText: useProblemText(),
    ...(fieldOf ? { fieldOf } : {}),
    notice: () => t('saved'),
    onSuccess,
  });
}

function Submit({ busy, label }: { busy: boolean; label: string }) {
  return (
    <Group justify="flex-end">
      <Button type="submit" loading={busy}>
        {label}
      </Button>
    </Group>
  );
}

/** HUN-5: a day's record. Every status is chosen: nothing is pre-filled, nothing reads "normal". */
function DayForm({ episode: e, zone }: { episode: HungerEpisode; zone: string | undefined }) {
  const { t } = useTranslation('hungerstrike');
  const [key, setKey] = useState(newIdempotencyKey);
  const initial = {
    offeredAt: '',
    assessment: '',
    weightStatus: '',
    kg: '',
    vitalsStatus: '',
    pulse: '',
    systolic: '',
    diastolic: '',
    temperature: '',
    fluids: '',
    note: '',
  };
  const write = useCommand(
    e.id,
    'days',
    initial,
    (v) => ({
      offeredAt: fromLocalInput(v.offeredAt, zone) ?? new Date().toISOString(),
      assessment: v.assessment || undefined,
      weight: v.weightStatus
        ? { status: v.weightStatus, ...(v.weightStatus === 'done' ? { kg: num(v.kg) } : {}) }
        : null,
      vitals: v.vitalsStatus
        ? {
            status: v.vitalsStatus,
            ...(v.vitalsStatus === 'done'
              ? {
                  pulse: num(v.pulse),
                  systolic: num(v.systolic),
                  diastolic: num(v.diastolic),
                  temperature: num(v.temperature),
                }
              : {}),
          }
        : null,
      fluidsTaken: yesNo(v.fluids) ?? null,
      note: v.note.trim() || null,
    }),
    hungerDayRecordSchema,
    key,
    (path) =>
      ({
        weight: 'weightStatus',
        'weight.kg': 'kg',
        vitals: 'vitalsStatus',
        'vitals.pulse': 'pulse',
        'vitals.systolic': 'systolic',
        'vitals.diastolic': 'diastolic',
        'vitals.temperature': 'temperature',
        fluidsTaken: 'fluids',
      })[path] ?? path,
    () => {
      setKey(newIdempotencyKey());
      write.form.setValues(initial);
    },
  );
  const { form } = write;
  const due = e.due?.measurementsDue;
  return (
    <form {...write.formProps} aria-label={t('day.title')}>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('day.title')}
        </Title>
        {due ? <Text size="sm">{t('day.measureHint')}</Text> : null}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            {...form.getInputProps('offeredAt')}
            type="datetime-local"
            step={1}
            label={t('day.offeredAt')}
            description={t('nowIfEmpty', { zone: zone ?? '' })}
          />
          <NativeSelect
            {...form.getInputProps('assessment')}
            label={t('day.assessment')}
            withAsterisk
            data={statusChoices(t)}
          />
          <NativeSelect {...form.getInputProps('fluids')} label={t('day.fluids')} data={yesNoChoices(t)} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NativeSelect
            {...form.getInputProps('weightStatus')}
            label={t('day.weight')}
            withAsterisk={due}
            data={statusChoices(t)}
          />
          {form.values.weightStatus === 'done' ? (
            <TextInput {...form.getInputProps('kg')} inputMode="decimal" label={t('day.kg')} withAsterisk />
          ) : null}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 5 }}>
          <NativeSelect
            {...form.getInputProps('vitalsStatus')}
            label={t('day.vitals')}
            withAsterisk={due}
            data={statusChoices(t)}
          />
          {form.values.vitalsStatus === 'done' ? (
            <>
              <TextInput
                {...form.getInputProps('pulse')}
                inputMode="numeric"
                label={t('day.pulse')}
                withAsterisk
              />
              <TextInput
                {...form.getInputProps('systolic')}
                inputMode="numeric"
                label={t('day.systolic')}
                withAsterisk
              />
              <TextInput
                {...form.getInputProps('diastolic')}
                inputMode="numeric"
                label={t('day.diastolic')}
                withAsterisk
              />
              <TextInput
                {...form.getInputProps('temperature')}
                inputMode="decimal"
                label={t('day.temperature')}
                withAsterisk
              />
            </>
          ) : null}
        </SimpleGrid>
        <Textarea {...form.getInputProps('note')} label={t('day.note')} maxLength={2000} />
        <WriteFeedback write={write} />
        <Submit busy={write.busy} label={t('day.save')} />
      </Stack>
    </form>
  );
}

/** HUN-1, HUN-2: the physician's assessment of voluntariness and capacity. */
function CapacityForm({ id, zone }: { id: string; zone: string | undefined }) {
  const { t } = useTranslation('hungerstrike');
  const write = useCommand(
    id,
    'capacity',
    { assessedAt: '', voluntary: '', peerPressure: '', capacity: '', note: '' },
    (v) => ({
      assessedAt: fromLocalInput(v.assessedAt, zone) ?? new Date().toISOString(),
      voluntary: yesNo(v.voluntary),
      peerPressure: yesNo(v.peerPressure),
      capacity: v.capacity || undefined,
      note: v.note.trim() || null,
    }),
    hungerCapacitySchema,
  );
  const { form } = write;
  return (
    <form {...write.formProps} aria-label={t('capacity.form')}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            {...form.getInputProps('assessedAt')}
            type="datetime-local"
            step={1}
            label={t('capacity.assessedAt')}
            description={t('nowIfEmpty', { zone: zone ?? '' })}
          />
          <NativeSelect
            {...form.getInputProps('capacity')}
            label={t('capacity.label')}
            withAsterisk
            data={[
              { value: '', label: t('choose') },
              { value: 'has_capacity', label: t('capacity.has_capacity') },
              { value: 'impaired', label: t('capacity.impaired') },
            ]}
          />
          <NativeSelect
            {...form.getInputProps('voluntary')}
            label={t('capacity.voluntary')}
            withAsterisk
            data={yesNoChoices(t).map((c) => (c.value ? c : { value: '', label: t('choose') }))}
          />
          <NativeSelect
            {...form.getInputProps('peerPressure')}
            label={t('capacity.peerPressure')}
            withAsterisk
            data={yesNoChoices(t).map((c) => (c.value ? c : { value: '', label: t('choose') }))}
          />
        </SimpleGrid>
        <Textarea {...form.getInputProps('note')} label={t('capacity.note')} maxLength={2000} />
        <WriteFeedback write={write} />
        <Submit busy={write.busy} label={t('capacity.save')} />
      </Stack>
    </form>
  );
}

/** HUN-3: the baseline only with consent; a refusal is recorded as such. */
function BaselineForm({ id, zone }: { id: string; zone: string | undefined }) {
  const { t } = useTranslation('hungerstrike');
  const fields = [
    'weightKg',
    'heightCm',
    'pulse',
    'systolic',
    'diastolic',
    'temperature',
    'glucose',
    'potassium',
    'phosphate',
    'magnesium',
  ] as const;
  const write = useCommand(
    id,
    'baseline',
    { at: '', consent: '', history: '', ...Object.fromEntries(fields.map((f) => [f, ''])) } as Record<
      string,
      string
    >,
    (v) => ({
      at: fromLocalInput(v.at ?? '', zone) ?? new Date().toISOString(),
      consent: v.consent || undefined,
      ...(v.consent === 'given'
        ? {
            ...Object.fromEntries(fields.map((f) => [f, num(v[f] ?? '')])),
            history: v.history?.trim() || null,
          }
        : {}),
    }),
    hungerBaselineSchema,
  );
  const { form } = write;
  return (
    <form {...write.formProps} aria-label={t('baseline.form')}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            {...form.getInputProps('at')}
            type="datetime-local"
            step={1}
            label={t('baseline.at')}
            description={t('nowIfEmpty', { zone: zone ?? '' })}
          />
          <NativeSelect
            {...form.getInputProps('consent')}
            label={t('baseline.consent')}
            withAsterisk
            data={[
              { value: '', label: t('choose') },
              { value: 'given', label: t('baseline.given') },
              { value: 'refused', label: t('baseline.refused') },
            ]}
          />
        </SimpleGrid>
        {form.values.consent === 'given' ? (
          <>
            <SimpleGrid cols={{ base: 2, sm: 5 }}>
              {fields.map((f) => (
                <TextInput
                  key={f}
                  {...form.getInputProps(f)}
                  inputMode="decimal"
                  label={t(`baseline.${f}`)}
                  withAsterisk={!['glucose', 'potassium', 'phosphate', 'magnesium'].includes(f)}
                />
              ))}
            </SimpleGrid>
            <Textarea {...form.getInputProps('history')} label={t('baseline.history')} maxLength={4000} />
          </>
        ) : null}
        <WriteFeedback write={write} />
        <Submit busy={write.busy} label={t('baseline.save')} />
      </Stack>
    </form>
  );
}

/** HUN-4: the information given and the teach-back. */
function InformationForm({ id, zone }: { id: string; zone: string | undefined }) {
  const { t } = useTranslation('hungerstrike');
  const write = useCommand(
    id,
    'information',
    { at: '', language: '', interpreter: false, teachBack: '', summary: '' },
    (v) => ({
      at: fromLocalInput(v.at, zone) ?? new Date().toISOString(),
      language: v.language || undefined,
      interpreter: v.interpreter,
      teachBack: v.teachBack || undefined,
      summary: v.summary,
    }),
    hungerInformationSchema,
  );
  const { form } = write;
  return (
    <form {...write.formProps} aria-label={t('information.form')}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            {...form.getInputProps('at')}
            type="datetime-local"
            step={1}
            label={t('information.at')}
            description={t('nowIfEmpty', { zone: zone ?? '' })}
          />
          <NativeSelect
            {...form.getInputProps('language')}
            label={t('information.language')}
            withAsterisk
            data={[
              { value: '', label: t('choose') },
              ...(['az', 'en', 'ru', 'other'] as const).map((l) => ({
                value: l,
                label: t(`languages.${l}`),
              })),
            ]}
          />
          <NativeSelect
            {...form.getInputProps('teachBack')}
            label={t('information.teachBack')}
            withAsterisk
            data={[
              { value: '', label: t('choose') },
              ...teachBackResults.map((r) => ({ value: r, label: t(`teachBack.${r}`) })),
            ]}
          />
        </SimpleGrid>
        <Checkbox
          {...form.getInputProps('interpreter', { type: 'checkbox' })}
          label={t('information.interpreter')}
        />
        <Textarea
          {...form.getInputProps('summary')}
          label={t('information.summary')}
          withAsterisk
          maxLength={2000}
        />
        <WriteFeedback write={write} />
        <Submit busy={write.busy} label={t('information.save')} />
      </Stack>
    </form>
  );
}

/** HUN-8: the request for an independent physician, and the visit that answers it. */
function IndependentForms({ id, zone }: { id: string; zone: string | undefined }) {
  const { t } = useTranslation('hungerstrike');
  const request = useCommand(
    id,
    'independent-physician/requests',
    { at: '' },
    (v) => ({ at: fromLocalInput(v.at, zone) ?? new Date().toISOString() }),
    independentRequestSchema,
  );
  const visit = useCommand(
    id,
    'independent-physician/visits',
    { at: '', physicianName: '' },
    (v) => ({ at: fromLocalInput(v.at, zone) ?? new Date().toISOString(), physicianName: v.physicianName }),
    independentVisitSchema,
  );
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <form {...request.formProps} aria-label={t('independent.request')}>
        <Stack gap="sm">
          <TextInput
            {...request.form.getInputProps('at')}
            type="datetime-local"
            step={1}
            label={t('independent.requestedAt')}
            description={t('nowIfEmpty', { zone: zone ?? '' })}
          />
          <WriteFeedback write={request} />
          <Submit busy={request.busy} label={t('independent.request')} />
        </Stack>
      </form>
      <form {...visit.formProps} aria-label={t('independent.visit')}>
        <Stack gap="sm">
          <TextInput
            {...visit.form.getInputProps('at')}
            type="datetime-local"
            step={1}
            label={t('independent.visitedAt')}
            description={t('nowIfEmpty', { zone: zone ?? '' })}
          />
          <TextInput
            {...visit.form.getInputProps('physicianName')}
            label={t('independent.physicianName')}
            withAsterisk
            maxLength={160}
          />
          <WriteFeedback write={visit} />
          <Submit busy={visit.busy} label={t('independent.visit')} />
        </Stack>
      </form>
    </SimpleGrid>
  );
}

/** HUN-9: a notice of marked deterioration; clinical detail only with the person's consent. */
function NoticeForm({ id, zone }: { id: string; zone: string | undefined }) {
  const { t } = useTranslation('hungerstrike');
  const write = useCommand(
    id,
    'notices',
    { at: '', authority: '', consent: false, clinicalDetail: '' },
    (v) => ({
      at: fromLocalInput(v.at, zone) ?? new Date().toISOString(),
      authority: v.authority,
      consentToClinicalDetail: v.consent,
      clinicalDetail: v.consent ? v.clinicalDetail.trim() || null : null,
    }),
    deteriorationNoticeSchema,
    undefined,
    (path) => (path === 'consentToClinicalDetail' ? 'consent' : path),
  );
  const { form } = write;
  return (
    <form {...write.formProps} aria-label={t('notices.form')}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            {...form.getInputProps('at')}
            type="datetime-local"
            step={1}
            label={t('notices.at')}
            description={t('nowIfEmpty', { zone: zone ?? '' })}
          />
          <TextInput
            {...form.getInputProps('authority')}
            label={t('notices.authority')}
            withAsterisk
            maxLength={200}
          />
        </SimpleGrid>
        <Checkbox {...form.getInputProps('consent', { type: 'checkbox' })} label={t('notices.consent')} />
        {form.values.consent ? (
          <Textarea
            {...form.getInputProps('clinicalDetail')}
            label={t('notices.clinicalDetail')}
            maxLength={2000}
          />
        ) : null}
        <WriteFeedback write={write} />
        <Submit busy={write.busy} label={t('notices.save')} />
      </Stack>
    </form>
  );
}

/**
 * HUN-7: consented interventions; there is no force-feeding choice. Without consent, artificial
 * feeding only for a person found without capacity, on this physician's recorded decision.
 */
function InterventionForm({ id, zone }: { id: string; zone: string | undefined }) {
  const { t } = useTranslation('hungerstrike');
  const write = useCommand(
    id,
    'interventions',
    {
      at: '',
      kind: '',
      consent: false,
      note: '',
      withoutCapacity: false,
      interestReason: '',
      advanceInstructionsConsidered: false,
      consulted: '',
    },
    (v) => ({
      at: fromLocalInput(v.at, zone) ?? new Date().toISOString(),
      kind: v.kind,
      consent: v.consent,
      note: v.note.trim() || null,
      incapacityDecision:
        !v.consent && v.withoutCapacity
          ? {
              interestReason: v.interestReason,
              advanceInstructionsConsidered: v.advanceInstructionsConsidered,
              consulted: v.consulted.trim() || null,
            }
          : null,
    }),
    hungerInterventionSchema,
  );
  const { form } = write;
  return (
    <form {...write.formProps} aria-label={t('interventions.form')}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            {...form.getInputProps('at')}
            type="datetime-local"
            step={1}
            label={t('interventions.at')}
            description={t('nowIfEmpty', { zone: zone ?? '' })}
          />
          <NativeSelect
            {...form.getInputProps('kind')}
            label={t('interventions.kind')}
            withAsterisk
            data={[
              { value: '', label: t('choose') },
              ...interventionKinds.map((k) => ({ value: k, label: t(`interventions.kinds.${k}`) })),
            ]}
          />
        </SimpleGrid>
        <Checkbox
          {...form.getInputProps('consent', { type: 'checkbox' })}
          label={t('interventions.consent')}
        />
        {form.values.consent ? null : (
          <Checkbox
            {...form.getInputProps('withoutCapacity', { type: 'checkbox' })}
            label={t('interventions.withoutCapacityChoice')}
            description={t('interventions.withoutCapacityHint')}
          />
        )}
        {!form.values.consent && form.values.withoutCapacity ? (
          <Stack gap="xs">
            <Textarea
              {...form.getInputProps('interestReason')}
              label={t('interventions.interestReason')}
              withAsterisk
              maxLength={2000}
            />
            <Checkbox
              {...form.getInputProps('advanceInstructionsConsidered', { type: 'checkbox' })}
              label={t('interventions.advanceConsidered')}
            />
            <TextInput
              {...form.getInputProps('consulted')}
              label={t('interventions.consulted')}
              maxLength={500}
            />
          </Stack>
        ) : null}
        <Textarea {...form.getInputProps('note')} label={t('interventions.note')} maxLength={2000} />
        <WriteFeedback write={write} />
        <Submit busy={write.busy} label={t('interventions.save')} />
      </Stack>
    </form>
  );
}

/** HUN-10: the end of the strike, with what the refeeding risk needs (NICE CG32). */
function EndForm({ id, zone }: { id: string; zone: string | undefined }) {
  const { t } = useTranslation('hungerstrike');
  const flags = ['lowPotassium', 'lowPhosphate', 'lowMagnesium', 'alcoholMisuse', 'riskDrugs'] as const;
  const write = useCommand(
    id,
    'end',
    {
      endedAt: '',
      manner: '',
      weightKg: '',
      priorLossPercent: '',
      ...(Object.fromEntries(flags.map((f) => [f, ''])) as Record<(typeof flags)[number], string>),
    },
    (v) => ({
      endedAt: fromLocalInput(v.endedAt, zone) ?? new Date().toISOString(),
      manner: v.manner || undefined,
      weightKg: num(v.weightKg) ?? null,
      priorLossPercent: num(v.priorLossPercent) ?? null,
      ...Object.fromEntries(flags.map((f) => [f, yesNo(v[f])])),
    }),
    hungerEndSchema,
  );
  const { form } = write;
  return (
    <form {...write.formProps} aria-label={t('end.form')}>
      <Stack gap="sm">
        <Text size="sm">{t('end.intro')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            {...form.getInputProps('endedAt')}
            type="datetime-local"
            step={1}
            label={t('end.endedAt')}
            description={t('nowIfEmpty', { zone: zone ?? '' })}
          />
          <NativeSelect
            {...form.getInputProps('manner')}
            label={t('end.manner')}
            withAsterisk
            data={[
              { value: '', label: t('choose') },
              ...endManners.map((m) => ({ value: m, label: t(`manners.${m}`) })),
            ]}
          />
          <TextInput {...form.getInputProps('weightKg')} inputMode="decimal" label={t('end.weightKg')} />
          <TextInput
            {...form.getInputProps('priorLossPercent')}
            inputMode="decimal"
            label={t('end.priorLossPercent')}
          />
          {flags.map((f) => (
            <NativeSelect
              key={f}
              {...form.getInputProps(f)}
              label={t(`end.${f}`)}
              withAsterisk
              data={yesNoChoices(t).map((c) => (c.value ? c : { value: '', label: t('choose') }))}
            />
          ))}
        </SimpleGrid>
        <WriteFeedback write={write} />
        <Submit busy={write.busy} label={t('end.save')} />
      </Stack>
    </form>
  );
}
