import {
  type DeathChecklistStep,
  deathActionDoneSchema,
  deathActionSchema,
  deathAmendmentSchema,
  deathAutopsyStatuses,
  deathBodyOutcomes,
  deathBodyReleaseSchema,
  deathClinicalEntrySchema,
  deathInvestigationSchema,
  deathManners,
  deathNotificationChannels,
  deathReviewConcludeSchema,
  deathReviewerSchema,
  deathReviewKinds,
  deathStepSchema,
} from '@custodia/domain/deaths';
import {
  Anchor,
  Badge,
  Button,
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
import { Link, useParams } from 'react-router';
import { fromLocalInput, toLocalInput, useFormats, WARNING_COLOR } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm, WriteFeedback } from '../../app/useWriteForm.tsx';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import {
  type DeathEvent,
  newIdempotencyKey,
  useActionDone,
  useDeathClinical,
  useDeathEvent,
  useDeathsStaff,
  useEventCommand,
  useReviewCommand,
} from './deaths.api.ts';
import { Fact, useFieldMessage, useProblemText } from './parts.tsx';

const stateColor = { done: '#1b5e20', done_late: WARNING_COLOR, due: '#1864ab', overdue: '#a61e1e' } as const;

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

/** The form options every write on this page shares: words for refusals, a notice when saved. */
function useFormBits(notice: string) {
  const problemText = useProblemText();
  const fieldMessage = useFieldMessage();
  return {
    issueMessage: (issue: { message: string }) => fieldMessage(issue.message),
    fieldMessage,
    problemText,
    notice: () => notice,
  };
}

/** DTH-1: one step done — when, channel, whom, reference (who: the signed-in user). */
function StepForm({ event, step, zone }: { event: DeathEvent; step: DeathChecklistStep; zone?: string }) {
  const { t } = useTranslation('deaths');
  const [key, setKey] = useState(newIdempotencyKey);
  const write = useWriteForm({
    initialValues: { at: '', channel: '', recipient: '', reference: '', note: '' },
    write: useEventCommand(event.id, 'steps', key),
    schema: deathStepSchema,
    toBody: (v) => ({
      step,
      at: fromLocalInput(v.at, zone) ?? new Date().toISOString(),
      channel: v.channel || undefined,
      recipient: v.recipient,
      reference: v.reference.trim() || null,
      note: v.note.trim() || null,
    }),
    ...useFormBits(t('checklist.saved')),
    onSuccess: () => {
      write.form.reset();
      setKey(newIdempotencyKey());
    },
  });
  const { form } = write;
  const label = t(`steps.${step}`);
  return (
    <form {...write.formProps} aria-label={`${t('checklist.record')}: ${label}`}>
      <Stack gap="xs">
        <Group grow align="flex-start">
          <TextInput
            {...form.getInputProps('at')}
            type="datetime-local"
            step={1}
            label={t('checklist.at')}
            description={t('record.nowIfEmpty', { zone: zone ?? '' })}
          />
          <NativeSelect
            {...form.getInputProps('channel')}
            label={t('checklist.channel')}
            withAsterisk
            data={[
              { value: '', label: t('choose') },
              ...deathNotificationChannels.map((c) => ({ value: c, label: t(`channels.${c}`) })),
            ]}
          />
        </Group>
        <Group grow align="flex-start">
          <TextInput
            {...form.getInputProps('recipient')}
            label={t('checklist.recipient')}
            withAsterisk
            maxLength={300}
          />
          <TextInput {...form.getInputProps('reference')} label={t('checklist.reference')} maxLength={200} />
        </Group>
        <WriteFeedback write={write} />
        <Button type="submit" loading={write.busy} w="fit-content" size="xs">
          {t('checklist.save')}
        </Button>
      </Stack>
    </form>
  );
}

function Checklist({ event, zone, canRecord }: { event: DeathEvent; zone?: string; canRecord: boolean }) {
  const { t } = useTranslation('deaths');
  const { dateTime } = useFormats();
  const [open, setOpen] = useState<DeathChecklistStep | null>(null);
  return (
    <Section id="checklist-title" title={t('checklist.title')}>
      <Table withTableBorder captionSide="top">
        <Table.Caption>{t('checklist.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('checklist.step')}</Table.Th>
            <Table.Th scope="col">{t('checklist.dueAt')}</Table.Th>
            <Table.Th scope="col">{t('checklist.state')}</Table.Th>
            <Table.Th scope="col">{t('checklist.entries')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {event.checklist.map((l) => (
            <Table.Tr key={l.step} data-step={l.step}>
              <Table.Th scope="row">{t(`steps.${l.step}`)}</Table.Th>
              <Table.Td>{dateTime(l.dueAt, zone)}</Table.Td>
              <Table.Td>
                <Badge
                  color={stateColor[l.state]}
                  variant="filled"
                  styles={{ root: { textTransform: 'none' } }}
                >
                  {t(`states.${l.state}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Stack gap={4}>
                  {l.entries.map((e) => (
                    <Text size="sm" key={e.id}>
                      {t('checklist.entry', {
                        at: dateTime(e.at, zone),
                        channel: t(`channels.${e.channel}`),
                        recipient: e.recipient,
                        reference: e.reference ?? '—',
                        by: e.author,
                      })}
                    </Text>
                  ))}
                  {canRecord && !l.doneAt && !event.closedAt ? (
                    open === l.step ? (
                      <StepForm event={event} step={l.step} zone={zone} />
                    ) : (
                      <Button
                        size="xs"
                        variant="default"
                        w="fit-content"
                        onClick={() => setOpen(l.step)}
                        aria-label={`${t('checklist.record')}: ${t(`steps.${l.step}`)}`}
                      >
                        {t('checklist.record')}
                      </Button>
                    )
                  ) : null}
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}

function Investigation({ event, zone, canRecord }: { event: DeathEvent; zone?: string; canRecord: boolean }) {
  const { t } = useTranslation('deaths');
  const { dateTime } = useFormats();
  const write = useWriteForm({
    initialValues: { authority: '', reference: '', openedAt: '' },
    write: useEventCommand(event.id, 'investigation'),
    schema: deathInvestigationSchema,
    toBody: (v) => ({
      authority: v.authority,
      reference: v.reference,
      openedAt: fromLocalInput(v.openedAt, zone) ?? new Date().toISOString(),
    }),
    ...useFormBits(t('investigation.saved')),
    onSuccess: () => write.form.reset(),
  });
  const { form } = write;
  return (
    <Section id="investigation-title" title={t('investigation.title')}>
      <Text size="sm">
        {event.investigation
          ? t('investigation.summary', {
              authority: event.investigation.authority,
              reference: event.investigation.reference,
              at: dateTime(event.investigation.openedAt, zone),
            })
          : t('investigation.none')}
      </Text>
      {canRecord && !event.closedAt ? (
        <form {...write.formProps} aria-label={t('investigation.title')}>
          <Stack gap="xs">
            <Group grow align="flex-start">
              <TextInput
                {...form.getInputProps('authority')}
                label={t('investigation.authority')}
                withAsterisk
              />
              <TextInput
                {...form.getInputProps('reference')}
                label={t('investigation.reference')}
                withAsterisk
              />
              <TextInput
                {...form.getInputProps('openedAt')}
                type="datetime-local"
                step={1}
                label={t('investigation.openedAt')}
                description={t('record.nowIfEmpty', { zone: zone ?? '' })}
              />
            </Group>
            <WriteFeedback write={write} />
            <Button type="submit" loading={write.busy} w="fit-content" size="xs">
              {t('investigation.save')}
            </Button>
          </Stack>
        </form>
      ) : null}
    </Section>
  );
}

/**
 * INJ-8: the body released by the investigation and returned (to whom, by whom, when), or buried by
 * the state for a documented reason. Nothing pre-filled; times typed in the institution's zone. A
 * second entry is a correction with its reason; every entry stays visible (X-2).
 */
function BodyForm({ event, zone, correcting }: { event: DeathEvent; zone?: string; correcting: boolean }) {
  const { t } = useTranslation('deaths');
  const [key, setKey] = useState(newIdempotencyKey);
  const write = useWriteForm({
    initialValues: {
      releasedAt: '',
      releaseReference: '',
      outcome: '',
      returnedAt: '',
      recipientName: '',
      recipientRelation: '',
      buriedOn: '',
      note: '',
      correctionReason: '',
    },
    write: useEventCommand(event.id, 'body', key),
    schema: deathBodyReleaseSchema,
    toBody: (v) => {
      const returned = v.outcome === 'returned';
      return {
        releasedAt: fromLocalInput(v.releasedAt, zone),
        releaseReference: v.releaseReference,
        outcome: v.outcome || undefined,
        returnedAt: returned ? (fromLocalInput(v.returnedAt, zone) ?? null) : null,
        recipientName: returned ? v.recipientName.trim() || null : null,
        recipientRelation: returned ? v.recipientRelation.trim() || null : null,
        buriedOn: !returned && v.outcome ? v.buriedOn || null : null,
        note: v.note.trim() || null,
        correctionReason: correcting ? v.correctionReason : null,
      };
    },
    ...useFormBits(t('body.saved')),
    onSuccess: () => {
      write.form.reset();
      setKey(newIdempotencyKey());
    },
  });
  const { form } = write;
  const outcome = form.values.outcome;
  const latest = toLocalInput(new Date(), zone);
  const title = correcting ? t('body.correct') : t('body.record');
  return (
    <form {...write.formProps} aria-label={title}>
      <Stack gap="xs">
        <Group grow align="flex-start">
          <TextInput
            {...form.getInputProps('releasedAt')}
            type="datetime-local"
            step={1}
            max={latest}
            label={t('body.releasedAt')}
            withAsterisk
          />
          <TextInput
            {...form.getInputProps('releaseReference')}
            label={t('body.releaseReference')}
            withAsterisk
            maxLength={200}
          />
        </Group>
        <NativeSelect
          {...form.getInputProps('outcome')}
          label={t('body.outcome')}
          withAsterisk
          data={[
            { value: '', label: t('choose') },
            ...deathBodyOutcomes.map((o) => ({ value: o, label: t(`bodyOutcomes.${o}`) })),
          ]}
        />
        {outcome === 'returned' ? (
          <Group grow align="flex-start">
            <TextInput
              {...form.getInputProps('returnedAt')}
              type="datetime-local"
              step={1}
              max={latest}
              label={t('body.returnedAt')}
              withAsterisk
            />
            <TextInput
              {...form.getInputProps('recipientName')}
              label={t('body.recipientName')}
              withAsterisk
              maxLength={200}
            />
            <TextInput
              {...form.getInputProps('recipientRelation')}
              label={t('body.recipientRelation')}
              withAsterisk
              maxLength={100}
            />
          </Group>
        ) : outcome ? (
          <TextInput
            {...form.getInputProps('buriedOn')}
            type="date"
            max={latest.slice(0, 10)}
            label={t('body.buriedOn')}
            withAsterisk
          />
        ) : null}
        <Textarea {...form.getInputProps('note')} label={t('body.note')} minRows={2} maxLength={2000} />
        {correcting ? (
          <Textarea
            {...form.getInputProps('correctionReason')}
            label={t('body.correctionReason')}
            withAsterisk
            minRows={2}
            maxLength={2000}
          />
        ) : null}
        <WriteFeedback write={write} />
        <Button type="submit" loading={write.busy} w="fit-content" size="xs">
          {t('body.save')}
        </Button>
      </Stack>
    </form>
  );
}

function Body({ event, zone, canRecord }: { event: DeathEvent; zone?: string; canRecord: boolean }) {
  const { t } = useTranslation('deaths');
  const { dateTime, date } = useFormats();
  const [correcting, setCorrecting] = useState(false);
  const latest = event.body.at(-1);
  const earlier = event.body.slice(0, -1);
  const describe = (b: DeathEvent['body'][number]) =>
    [
      t('body.released', { at: dateTime(b.releasedAt, zone), reference: b.releaseReference }),
      b.outcome === 'returned'
        ? t('body.returned', {
            at: b.returnedAt ? dateTime(b.returnedAt, zone) : '—',
            name: b.recipientName ?? '—',
            relation: b.recipientRelation ?? '—',
          })
        : t('body.buried', {
            outcome: t(`bodyOutcomes.${b.outcome}`),
            day: b.buriedOn ? date(b.buriedOn) : '—',
          }),
      b.note ?? '',
      b.correctionReason
        ? t('body.correction', { at: dateTime(b.recordedAt, zone), by: b.author, reason: b.correctionReason })
        : t('body.recordedBy', { by: b.author, at: dateTime(b.recordedAt, zone) }),
    ]
      .filter(Boolean)
      .join(' ');
  return (
    <Section id="body-title" title={t('body.title')}>
      <Text size="sm">{latest ? describe(latest) : t('body.none')}</Text>
      {earlier.length ? (
        <Fact label={t('body.earlier')}>
          {earlier.map((b) => (
            <div key={b.id}>{describe(b)}</div>
          ))}
        </Fact>
      ) : null}
      {canRecord && !event.closedAt ? (
        !latest ? (
          <BodyForm event={event} zone={zone} correcting={false} />
        ) : correcting ? (
          <BodyForm event={event} zone={zone} correcting />
        ) : (
          <Button variant="default" size="xs" w="fit-content" onClick={() => setCorrecting(true)}>
            {t('body.correct')}
          </Button>
        )
      ) : null}
    </Section>
  );
}

function Amend({ event }: { event: DeathEvent }) {
  const { t } = useTranslation('deaths');
  const write = useWriteForm({
    initialValues: { reason: '', place: '', circumstances: '', manner: '' },
    write: useEventCommand(event.id, 'amendments'),
    schema: deathAmendmentSchema,
    toBody: (v) => ({
      reason: v.reason,
      place: v.place.trim() || null,
      circumstances: v.circumstances.trim() || null,
      manner: v.manner || null,
    }),
    ...useFormBits(t('amend.saved')),
    onSuccess: () => write.form.reset(),
  });
  const { form } = write;
  return (
    <form {...write.formProps} aria-label={t('amend.title')}>
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {t('event.neverEdited')}
        </Text>
        <Textarea {...form.getInputProps('reason')} label={t('amend.reason')} withAsterisk maxLength={2000} />
        <Group grow align="flex-start">
          <TextInput {...form.getInputProps('place')} label={t('amend.place')} maxLength={300} />
          {event.kind === 'death' ? (
            <NativeSelect
              {...form.getInputProps('manner')}
              label={t('amend.manner')}
              data={[
                { value: '', label: t('choose') },
                ...deathManners.map((m) => ({ value: m, label: t(`manners.${m}`) })),
              ]}
            />
          ) : null}
        </Group>
        <Textarea
          {...form.getInputProps('circumstances')}
          label={t('amend.circumstances')}
          maxLength={4000}
        />
        <WriteFeedback write={write} />
        <Button type="submit" loading={write.busy} w="fit-content" size="xs">
          {t('amend.save')}
        </Button>
      </Stack>
    </form>
  );
}

function Close({ event }: { event: DeathEvent }) {
  const { t } = useTranslation('deaths');
  const write = useWriteForm({
    initialValues: {},
    write: useEventCommand(event.id, 'close'),
    toBody: () => ({}),
    ...useFormBits(t('close.saved')),
  });
  return (
    <Section id="close-title" title={t('close.title')}>
      {event.closeProblems.length ? (
        <>
          <Text size="sm">{t('close.cannot')}</Text>
          <List size="sm">
            {event.closeProblems.map((p) => (
              <List.Item key={p}>{t(`errors.${p}`)}</List.Item>
            ))}
          </List>
        </>
      ) : null}
      <form {...write.formProps} aria-label={t('close.title')}>
        <WriteFeedback write={write} />
        <Button type="submit" loading={write.busy} w="fit-content" disabled={event.closeProblems.length > 0}>
          {t('close.save')}
        </Button>
      </form>
    </Section>
  );
}

/** DAT-7: cause and autopsy, health roles only; the form never pre-fills. */
function Clinical({ event, zone, canRecord }: { event: DeathEvent; zone?: string; canRecord: boolean }) {
  const { t } = useTranslation('deaths');
  const { dateTime } = useFormats();
  const clinical = useDeathClinical(event.id, true);
  const write = useWriteForm({
    initialValues: { causeCode: '', causeText: '', autopsy: '', autopsyResult: '' },
    write: useEventCommand(event.id, 'clinical'),
    schema: deathClinicalEntrySchema,
    toBody: (v) => ({
      causeCode: v.causeCode.trim().toUpperCase() || null,
      causeText: v.causeText.trim() || null,
      autopsy: v.autopsy || undefined,
      autopsyResult: v.autopsyResult.trim() || null,
    }),
    ...useFormBits(t('clinical.saved')),
    onSuccess: () => write.form.reset(),
  });
  const { form } = write;
  return (
    <Section id="clinical-title" title={t('clinical.title')}>
      <QueryState query={clinical}>
        {(data) => (
          <Stack gap={4}>
            {data.entries.length ? (
              data.entries.map((e) => (
                <Text size="sm" key={e.id} data-clinical-entry>
                  {t('clinical.entry', {
                    cause: [e.causeCode, e.causeText].filter(Boolean).join(' ') || '—',
                    autopsy: t(`autopsy.${e.autopsy}`) + (e.autopsyResult ? `: ${e.autopsyResult}` : ''),
                    by: e.author,
                    at: dateTime(e.recordedAt, zone),
                  })}
                </Text>
              ))
            ) : (
              <Text size="sm">{t('clinical.none')}</Text>
            )}
            {data.reviews
              .filter((r) => r.findings)
              .map((r) => (
                <Fact key={r.id} label={t('clinical.findings')}>
                  {r.findings} · {r.concludedBy}
                </Fact>
              ))}
          </Stack>
        )}
      </QueryState>
      {canRecord ? (
        <form {...write.formProps} aria-label={t('clinical.title')}>
          <Stack gap="xs">
            <Group grow align="flex-start">
              <TextInput {...form.getInputProps('causeCode')} label={t('clinical.causeCode')} maxLength={8} />
              <TextInput
                {...form.getInputProps('causeText')}
                label={t('clinical.causeText')}
                maxLength={500}
              />
              <NativeSelect
                {...form.getInputProps('autopsy')}
                label={t('clinical.autopsy')}
                withAsterisk
                data={[
                  { value: '', label: t('choose') },
                  ...deathAutopsyStatuses.map((a) => ({ value: a, label: t(`autopsy.${a}`) })),
                ]}
              />
            </Group>
            {form.values.autopsy === 'done' ? (
              <Textarea
                {...form.getInputProps('autopsyResult')}
                label={t('clinical.autopsyResult')}
                maxLength={4000}
              />
            ) : null}
            <WriteFeedback write={write} />
            <Button type="submit" loading={write.busy} w="fit-content" size="xs">
              {t('clinical.save')}
            </Button>
          </Stack>
        </form>
      ) : null}
    </Section>
  );
}

function OpenReview({ event }: { event: DeathEvent }) {
  const { t } = useTranslation('deaths');
  const write = useWriteForm({
    initialValues: { kind: '' },
    write: useEventCommand(event.id, 'reviews'),
    toBody: (v) => ({ kind: v.kind || undefined }),
    ...useFormBits(t('review.opened')),
  });
  return (
    <form {...write.formProps} aria-label={t('review.open')}>
      <Group align="flex-end">
        <NativeSelect
          {...write.form.getInputProps('kind')}
          label={t('review.kind')}
          data={[
            { value: '', label: t('choose') },
            ...deathReviewKinds.map((k) => ({ value: k, label: t(`reviewKinds.${k}`) })),
          ]}
        />
        <Button type="submit" loading={write.busy} size="xs">
          {t('review.open')}
        </Button>
      </Group>
      <WriteFeedback write={write} />
    </form>
  );
}

function ReviewForms({
  reviewId,
  institutionId,
  concluded,
}: {
  reviewId: string;
  institutionId: string;
  concluded: boolean;
}) {
  const { t } = useTranslation('deaths');
  const staff = useDeathsStaff(institutionId);
  const options = [
    { value: '', label: t('choose') },
    ...(staff.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name} · ${s.position}` })),
  ];
  const assign = useWriteForm({
    initialValues: { staffId: '' },
    write: useReviewCommand(reviewId, 'reviewers'),
    schema: deathReviewerSchema,
    ...useFormBits(t('review.assigned')),
    onSuccess: () => assign.form.reset(),
  });
  const conclude = useWriteForm({
    initialValues: { findings: '' },
    write: useReviewCommand(reviewId, 'conclusion'),
    schema: deathReviewConcludeSchema,
    ...useFormBits(t('review.concludedSaved')),
  });
  const action = useWriteForm({
    initialValues: { recommendation: '', ownerStaffId: '', dueOn: '' },
    write: useReviewCommand(reviewId, 'actions'),
    schema: deathActionSchema,
    ...useFormBits(t('review.actionAdded')),
    onSuccess: () => action.form.reset(),
  });
  return (
    <Stack gap="sm">
      {!concluded ? (
        <form {...assign.formProps} aria-label={t('review.assign')}>
          <Group align="flex-end">
            <NativeSelect
              {...assign.form.getInputProps('staffId')}
              label={t('review.assign')}
              data={options}
            />
            <Button type="submit" loading={assign.busy} size="xs">
              {t('review.assignSave')}
            </Button>
          </Group>
          <WriteFeedback write={assign} />
        </form>
      ) : null}
      <form {...action.formProps} aria-label={t('review.addAction')}>
        <Stack gap="xs">
          <Textarea
            {...action.form.getInputProps('recommendation')}
            label={t('review.recommendation')}
            withAsterisk
            maxLength={2000}
          />
          <Group grow align="flex-start">
            <NativeSelect
              {...action.form.getInputProps('ownerStaffId')}
              label={t('review.owner')}
              withAsterisk
              data={options}
            />
            <TextInput
              {...action.form.getInputProps('dueOn')}
              type="date"
              label={t('review.dueOn')}
              withAsterisk
            />
          </Group>
          <WriteFeedback write={action} />
          <Button type="submit" loading={action.busy} size="xs" w="fit-content">
            {t('review.addAction')}
          </Button>
        </Stack>
      </form>
      {!concluded ? (
        <form {...conclude.formProps} aria-label={t('review.conclude')}>
          <Stack gap="xs">
            <Textarea
              {...conclude.form.getInputProps('findings')}
              label={t('review.findings')}
              withAsterisk
              maxLength={8000}
            />
            <WriteFeedback write={conclude} />
            <Button type="submit" loading={conclude.busy} size="xs" w="fit-content">
              {t('review.conclude')}
            </Button>
          </Stack>
        </form>
      ) : null}
    </Stack>
  );
}

function ActionDone({ actionId, label }: { actionId: string; label: string }) {
  const { t } = useTranslation('deaths');
  const write = useWriteForm({
    initialValues: { evidence: '' },
    write: useActionDone(actionId),
    schema: deathActionDoneSchema,
    ...useFormBits(t('review.markedDone')),
  });
  return (
    <form {...write.formProps} aria-label={`${t('review.markDone')}: ${label}`}>
      <Group align="flex-end">
        <TextInput {...write.form.getInputProps('evidence')} label={t('review.evidence')} maxLength={2000} />
        <Button type="submit" loading={write.busy} size="xs">
          {t('review.markDone')}
        </Button>
      </Group>
      <WriteFeedback write={write} />
    </form>
  );
}

function Reviews({ event, zone }: { event: DeathEvent; zone?: string }) {
  const { t } = useTranslation('deaths');
  const user = useCurrentUser();
  const { dateTime, date } = useFormats();
  const manage = allows(user, 'deaths.review.manage');
  const canDo = allows(user, 'deaths.action.record');
  return (
    <Section id="review-title" title={t('review.title')}>
      {event.reviews.length ? null : <Text size="sm">{t('review.none')}</Text>}
      {event.reviews.map((r) => (
        <Paper withBorder p="sm" key={r.id}>
          <Stack gap="xs">
            <Text fw={700}>{t(`reviewKinds.${r.kind}`)}</Text>
            <Text size="sm">
              {r.concludedAt
                ? t('review.concluded', { at: dateTime(r.concludedAt, zone) })
                : t('review.dueAt', { at: dateTime(r.dueAt, zone) })}
            </Text>
            <Fact label={t('review.reviewers')}>
              {r.reviewers.map((x) => x.name).join(', ') || t('event.none')}
            </Fact>
            {manage ? (
              <ReviewForms reviewId={r.id} institutionId={event.institutionId} concluded={!!r.concludedAt} />
            ) : null}
          </Stack>
        </Paper>
      ))}
      {manage && !event.closedAt ? <OpenReview event={event} /> : null}
      <Title order={3} size="h5">
        {t('review.actions')}
      </Title>
      {event.actions.length ? (
        <Stack gap="xs">
          {event.actions.map((a) => (
            <Paper withBorder p="sm" key={a.id} data-action={a.id}>
              <Text size="sm">{a.recommendation}</Text>
              <Text size="sm" c="dimmed">
                {t('review.owner')}: {a.owner} · {t('review.dueOn')}: {date(a.dueOn)} ·{' '}
                {a.doneAt
                  ? t('review.doneAt', { at: dateTime(a.doneAt, zone) })
                  : a.overdue
                    ? t('review.overdue')
                    : t('review.openAction')}
              </Text>
              {a.evidence ? <Text size="sm">{a.evidence}</Text> : null}
              {!a.doneAt && canDo ? (
                <ActionDone actionId={a.id} label={a.recommendation.slice(0, 40)} />
              ) : null}
            </Paper>
          ))}
        </Stack>
      ) : (
        <Text size="sm">{t('review.noActions')}</Text>
      )}
    </Section>
  );
}

/**
 * The event (INJ-8, DTH-1, DAT-7, MHS-8, MON-2): what was reported and its amendments, the checklist
 * with one action per step, the investigation, closing, the clinical part for health roles, and the
 * review with its actions.
 */
export function EventPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('deaths');
  const event = useDeathEvent(id);
  const user = useCurrentUser();
  const zoneOf = useTimeZoneOf();
  const { dateTime } = useFormats();
  const title = event.data
    ? t('event.title', { kind: t(`kinds.${event.data.kind}`), name: event.data.name })
    : '';
  usePageTitle(title || t('list.title'));
  const [amending, setAmending] = useState(false);
  return (
    <QueryState query={event}>
      {(e) => {
        const zone = zoneOf(e.institutionId);
        const canRecord = allows(user, 'deaths.checklist.record');
        return (
          <Stack>
            <Group justify="space-between">
              <Title order={1}>{title}</Title>
              <Group>
                <Anchor component={Link} to="/deaths">
                  {t('event.back')}
                </Anchor>
                <Anchor component={Link} to={`/persons/${encodeURIComponent(e.personId)}`}>
                  {t('event.personPage')}
                </Anchor>
              </Group>
            </Group>
            <Section id="facts-title" title={t('event.facts')}>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <Fact label={t('record.foundAt')}>{dateTime(e.foundAt, zone)}</Fact>
                <Fact label={t('record.place')}>{e.place}</Fact>
                <Fact label={t('record.foundBy')}>{e.foundBy}</Fact>
                {e.resuscitationAttempted === null ? null : (
                  <Fact label={t('record.resuscitation')}>
                    {e.resuscitationAttempted ? t('yes') : t('no')}
                  </Fact>
                )}
                {e.kind === 'death' ? (
                  <>
                    <Fact label={t('record.pronouncedBy')}>
                      {[e.pronouncedBy, e.pronouncedAt ? dateTime(e.pronouncedAt, zone) : null]
                        .filter(Boolean)
                        .join(' · ') || '—'}
                    </Fact>
                    <Fact label={t('record.setting')}>{e.setting ? t(`settings.${e.setting}`) : '—'}</Fact>
                    <Fact label={t('record.manner')}>{e.manner ? t(`manners.${e.manner}`) : '—'}</Fact>
                  </>
                ) : null}
                <Fact label={t('event.recordedBy')}>
                  {e.recordedBy} · {dateTime(e.recordedAt, zone)}
                </Fact>
                <Fact label={t('event.involved')}>
                  {e.involvedStaff.map((s) => s.name).join(', ') || t('event.none')}
                </Fact>
                <Fact label={t('list.kind')}>
                  {e.closedAt
                    ? t('event.closed', { at: dateTime(e.closedAt, zone), by: e.closedBy ?? '' })
                    : t('event.open')}
                </Fact>
              </SimpleGrid>
              <Fact label={t('record.circumstances')}>{e.circumstances}</Fact>
              {e.snapshot ? (
                <Fact label={t('event.snapshot')}>
                  <Text size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                    {t('event.snapshotHash', { hash: e.snapshot.sha256 })}
                  </Text>
                  {allows(user, 'deaths.clinical.read') ? (
                    <Anchor href={`/api/v1/deaths/events/${encodeURIComponent(e.id)}/frozen-file`} download>
                      {t('event.snapshotDownload')}
                    </Anchor>
                  ) : null}
                </Fact>
              ) : null}
              {e.amendments.length ? (
                <Fact label={t('event.amendments')}>
                  {e.amendments.map((a) => (
                    <div key={a.id}>
                      {t('event.amendment', {
                        at: dateTime(a.recordedAt, zone),
                        by: a.author,
                        reason: a.reason,
                      })}
                    </div>
                  ))}
                </Fact>
              ) : null}
              {allows(user, 'deaths.record') && !e.closedAt ? (
                amending ? (
                  <Amend event={e} />
                ) : (
                  <Button variant="default" size="xs" w="fit-content" onClick={() => setAmending(true)}>
                    {t('amend.title')}
                  </Button>
                )
              ) : null}
            </Section>
            <Checklist event={e} zone={zone} canRecord={canRecord} />
            <Investigation event={e} zone={zone} canRecord={canRecord} />
            {e.kind === 'death' ? <Body event={e} zone={zone} canRecord={canRecord} /> : null}
            {e.kind === 'death' && allows(user, 'deaths.clinical.read') ? (
              <Clinical event={e} zone={zone} canRecord={allows(user, 'deaths.clinical.record')} />
            ) : null}
            <Reviews event={e} zone={zone} />
            {allows(user, 'deaths.close') && !e.closedAt ? <Close event={e} /> : null}
          </Stack>
        );
      }}
    </QueryState>
  );
}
