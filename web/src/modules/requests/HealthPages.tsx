import {
  boxRequestSchema,
  dispatchChannels,
  requestUrgencies,
  triageBodySchema,
  triageOutcomes,
} from '@custodia/domain/requests';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useActiveInstitution } from '../../app/activeInstitution.ts';
import { fromLocalInput, useFormats } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm, WriteFeedback } from '../../app/useWriteForm.tsx';
import { usePerson, useTimeZoneOf } from '../registry/registry.api.ts';
import { PersonPicker, useFieldMessage, useProblemText } from './parts.tsx';
import {
  newIdempotencyKey,
  useEnterFromBox,
  useExamination,
  useHealthRequest,
  useHealthRequests,
  useTriage,
} from './requests.api.ts';

/**
 * MED-5: the health staff's list of requests to health care: those waiting for triage by deadline
 * (overdue first in red), or every one newest first. Custodial staff never reach it.
 */
export function HealthRequestsPage() {
  const { t } = useTranslation('requests');
  usePageTitle(t('health.title'));
  const user = useCurrentUser();
  const { activeId } = useActiveInstitution();
  const [state, setState] = useState<'waiting' | 'all'>('waiting');
  const list = useHealthRequests(activeId, state);
  const { dateTime } = useFormats();
  const zoneOf = useTimeZoneOf();
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('health.title')}</Title>
        <Group>
          {allows(user, 'requests.health.enter') ? (
            <Button component={Link} to="/requests/new">
              {t('health.enter')}
            </Button>
          ) : null}
          {allows(user, 'requests.kiosk.submit') ? (
            <Button component={Link} to="/requests/kiosk" variant="default">
              {t('kiosk.open')}
            </Button>
          ) : null}
        </Group>
      </Group>
      <Text>{t('health.intro')}</Text>
      <SegmentedControl
        aria-label={t('health.show')}
        value={state}
        onChange={(v) => setState(v as 'waiting' | 'all')}
        data={[
          { value: 'waiting', label: t('health.waiting') },
          { value: 'all', label: t('health.all') },
        ]}
      />
      <QueryState query={list} empty={t('health.empty')}>
        {(data) => (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.person')}</Table.Th>
                <Table.Th>{t('fields.urgency')}</Table.Th>
                <Table.Th>{t('fields.channel')}</Table.Th>
                <Table.Th>{t('fields.receivedAt')}</Table.Th>
                <Table.Th>{t('fields.triageDueAt')}</Table.Th>
                <Table.Th>{t('fields.triage')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((r) => {
                const zone = zoneOf(r.institutionId);
                return (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/requests/${encodeURIComponent(r.id)}`}>
                        {r.name} · {r.prisonNumber}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{t(`urgency.${r.urgency}`)}</Table.Td>
                    <Table.Td>{t(`channel.${r.channel}`)}</Table.Td>
                    <Table.Td>{dateTime(r.receivedAt, zone)}</Table.Td>
                    <Table.Td>
                      {dateTime(r.triageDueAt, zone)}{' '}
                      {r.overdue ? (
                        <Badge color="red.9" variant="filled">
                          {t('health.overdue')}
                        </Badge>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{r.outcome ? t(`outcome.${r.outcome}`) : t('health.notTriaged')}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
    </Stack>
  );
}

/**
 * MED-5: a paper request from the sealed box, typed by health staff: the person, the words on the
 * paper, when the box was opened (the receipt) and the date on the paper, the urgency; INJ-4: an
 * allegation of ill-treatment with how it goes to the prosecutor. Nothing is pre-filled.
 */
export function EnterRequestPage() {
  const { t } = useTranslation('requests');
  usePageTitle(t('enter.title'));
  const navigate = useNavigate();
  const problemText = useProblemText();
  const fieldMessage = useFieldMessage();
  const [personId, setPersonId] = useState('');
  const [key] = useState(newIdempotencyKey);
  const person = usePerson(personId, Boolean(personId));
  const zone = useTimeZoneOf()(person.data?.institution?.id);
  const write = useWriteForm({
    initialValues: {
      text: '',
      urgency: '',
      boxOpenedAt: '',
      paperDate: '',
      allegation: false,
      dispatchChannel: '',
    },
    write: useEnterFromBox(personId, key),
    schema: boxRequestSchema,
    toBody: (v) => ({
      text: v.text,
      urgency: v.urgency || undefined,
      boxOpenedAt: fromLocalInput(v.boxOpenedAt, zone),
      paperDate: v.paperDate || null,
      allegation: v.allegation,
      dispatchChannel: v.allegation ? v.dispatchChannel || null : null,
    }),
    refuse: () => (personId && zone ? null : t('enter.choosePerson')),
    issueMessage: (issue) => fieldMessage(issue.message),
    fieldMessage,
    problemText,
    onSuccess: (result) => navigate(`/requests/${encodeURIComponent(result.id)}`),
  });
  const { form } = write;
  return (
    <form {...write.formProps}>
      <Stack maw={760}>
        <Title order={1}>{t('enter.title')}</Title>
        <Alert color="blue">{t('enter.intro')}</Alert>
        <PersonPicker personId={personId} onChange={setPersonId} />
        <Textarea
          {...form.getInputProps('text')}
          label={t('fields.text')}
          withAsterisk
          autosize
          minRows={4}
          maxLength={4000}
        />
        <NativeSelect
          {...form.getInputProps('urgency')}
          label={t('fields.urgency')}
          withAsterisk
          data={[
            { value: '', label: t('choose') },
            ...requestUrgencies.map((u) => ({ value: u, label: t(`urgency.${u}`) })),
          ]}
        />
        <Group grow>
          <TextInput
            {...form.getInputProps('boxOpenedAt')}
            type="datetime-local"
            label={t('fields.boxOpenedAt')}
            description={t('enter.boxOpenedHint', { zone: zone ?? '' })}
            withAsterisk
          />
          <TextInput {...form.getInputProps('paperDate')} type="date" label={t('fields.paperDate')} />
        </Group>
        <Checkbox
          {...form.getInputProps('allegation', { type: 'checkbox' })}
          label={t('fields.allegation')}
          description={t('enter.allegationHint')}
        />
        {form.values.allegation ? (
          <NativeSelect
            {...form.getInputProps('dispatchChannel')}
            label={t('fields.dispatchChannel')}
            withAsterisk
            data={[
              { value: '', label: t('choose') },
              ...dispatchChannels.map((c) => ({ value: c, label: t(`dispatch.${c}`) })),
            ]}
          />
        ) : null}
        <WriteFeedback write={write} />
        <Group justify="flex-end">
          <Button type="submit" loading={write.busy}>
            {t('enter.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** MED-5: the triage of a request, once: the outcome and what it needs. Nothing is pre-filled. */
function TriageForm({ id, version, zone }: { id: string; version: number; zone: string | undefined }) {
  const { t } = useTranslation('requests');
  const problemText = useProblemText();
  const fieldMessage = useFieldMessage();
  const [key] = useState(newIdempotencyKey);
  const write = useWriteForm({
    initialValues: { outcome: '', appointmentAt: '', reason: '', note: '' },
    write: useTriage(id, key),
    schema: triageBodySchema,
    toBody: (v) => ({
      outcome: v.outcome || undefined,
      appointmentAt: v.appointmentAt ? fromLocalInput(v.appointmentAt, zone) : null,
      reason: v.reason.trim() || null,
      note: v.note.trim() || null,
      version,
    }),
    issueMessage: (issue) => fieldMessage(issue.message),
    fieldMessage,
    problemText,
    notice: () => t('triage.saved'),
  });
  const { form } = write;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="triage-title">
      <form {...write.formProps}>
        <Stack>
          <Title order={2} size="h4" id="triage-title">
            {t('triage.title')}
          </Title>
          <NativeSelect
            {...form.getInputProps('outcome')}
            label={t('fields.outcome')}
            withAsterisk
            data={[
              { value: '', label: t('choose') },
              ...triageOutcomes.map((o) => ({ value: o, label: t(`outcome.${o}`) })),
            ]}
          />
          {form.values.outcome === 'appointment_booked' ? (
            <TextInput
              {...form.getInputProps('appointmentAt')}
              type="datetime-local"
              label={t('fields.appointmentAt')}
              withAsterisk
            />
          ) : null}
          {form.values.outcome === 'no_action' || form.values.outcome === 'referred' ? (
            <Textarea
              {...form.getInputProps('reason')}
              label={t(`triage.reason.${form.values.outcome}`)}
              withAsterisk
              maxLength={2000}
            />
          ) : null}
          <Textarea {...form.getInputProps('note')} label={t('fields.note')} maxLength={4000} />
          <WriteFeedback write={write} />
          <Group justify="flex-end">
            <Button type="submit" loading={write.busy}>
              {t('triage.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** MED-5: one request to health care with its words, its receipt, its deadline and its triage. */
export function HealthRequestPage() {
  const { t } = useTranslation('requests');
  usePageTitle(t('request.title'));
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const request = useHealthRequest(id);
  const { dateTime, date } = useFormats();
  const zoneOf = useTimeZoneOf();
  return (
    <Stack maw={860}>
      <Title order={1}>{t('request.title')}</Title>
      <QueryState query={request}>
        {(r) => {
          const zone = zoneOf(r.institutionId);
          return (
            <Stack>
              <Text fw={700}>
                {r.name} · {r.prisonNumber}
              </Text>
              <Paper withBorder p="md">
                <Text style={{ whiteSpace: 'pre-wrap' }}>{r.text}</Text>
              </Paper>
              <Table>
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th>{t('fields.channel')}</Table.Th>
                    <Table.Td>{t(`channel.${r.channel}`)}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t('fields.urgency')}</Table.Th>
                    <Table.Td>{t(`urgency.${r.urgency}`)}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t('fields.receivedAt')}</Table.Th>
                    <Table.Td>{dateTime(r.receivedAt, zone)}</Table.Td>
                  </Table.Tr>
                  {r.paperDate ? (
                    <Table.Tr>
                      <Table.Th>{t('fields.paperDate')}</Table.Th>
                      <Table.Td>{date(r.paperDate)}</Table.Td>
                    </Table.Tr>
                  ) : null}
                  <Table.Tr>
                    <Table.Th>{t('fields.enteredBy')}</Table.Th>
                    <Table.Td>
                      {r.enteredBy} · {dateTime(r.recordedAt, zone)}
                    </Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t('fields.triageDueAt')}</Table.Th>
                    <Table.Td>
                      {dateTime(r.triageDueAt, zone)}{' '}
                      {r.overdue ? (
                        <Badge color="red.9" variant="filled">
                          {t('health.overdue')}
                        </Badge>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
              {r.allegationComplaintId ? <Alert color="orange">{t('request.allegation')}</Alert> : null}
              {r.triage ? (
                <Paper withBorder p="md" component="section" aria-label={t('triage.title')}>
                  <Text fw={700}>{t(`outcome.${r.triage.outcome}`)}</Text>
                  {r.triage.appointmentAt ? (
                    <Text>
                      {t('fields.appointmentAt')}: {dateTime(r.triage.appointmentAt, zone)}
                    </Text>
                  ) : null}
                  {r.triage.reason ? <Text>{r.triage.reason}</Text> : null}
                  {r.triage.note ? <Text>{r.triage.note}</Text> : null}
                  <Text size="sm">
                    {r.triage.by} · {dateTime(r.triage.at, zone)} ·{' '}
                    {r.triage.inTime ? t('triage.inTime') : t('triage.late')}
                  </Text>
                </Paper>
              ) : allows(user, 'requests.health.triage') ? (
                <TriageForm id={r.id} version={1} zone={zone} />
              ) : null}
            </Stack>
          );
        }}
      </QueryState>
    </Stack>
  );
}

/**
 * INJ-4: the medical examination after an allegation, due at once: the person and the deadline,
 * never the complaint's words; the injury form of the injuries module records it.
 */
export function ExaminationPage() {
  const { t } = useTranslation('requests');
  usePageTitle(t('examination.title'));
  const { id = '' } = useParams();
  const exam = useExamination(id);
  const { dateTime } = useFormats();
  const zoneOf = useTimeZoneOf();
  return (
    <Stack maw={760}>
      <Title order={1}>{t('examination.title')}</Title>
      <QueryState query={exam}>
        {(e) => (
          <Stack>
            <Text fw={700}>
              {e.name} · {e.prisonNumber}
            </Text>
            <Alert color={e.examinedAt ? 'green' : 'orange'}>
              {e.examinedAt
                ? t('examination.done', { at: dateTime(e.examinedAt, zoneOf(e.institutionId)) })
                : t('examination.due', { at: dateTime(e.dueAt, zoneOf(e.institutionId)) })}
            </Alert>
            <Text>{t('examination.intro')}</Text>
            {e.examinedAt ? null : (
              <Group>
                <Button
                  component={Link}
                  to={`/injuries/persons/${encodeURIComponent(e.personId)}/new?context=allegation&source=${encodeURIComponent(e.complaintId)}`}
                >
                  {t('examination.document')}
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
