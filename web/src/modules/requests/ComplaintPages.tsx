import {
  addressees,
  complaintActionBodySchema,
  complaintCategories,
  complaintRegisterSchema,
  dispatchChannels,
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
  type Complaint,
  newIdempotencyKey,
  useComplaint,
  useComplaintAction,
  useComplaints,
  useRegisterComplaint,
} from './requests.api.ts';

/** RES-7: the complaints the reader may read (confidential ones only to their handling role). */
export function ComplaintsPage() {
  const { t } = useTranslation('requests');
  usePageTitle(t('complaints.title'));
  const user = useCurrentUser();
  const { activeId } = useActiveInstitution();
  const [open, setOpen] = useState(true);
  const list = useComplaints(activeId, open);
  const { dateTime } = useFormats();
  const zoneOf = useTimeZoneOf();
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('complaints.title')}</Title>
        {allows(user, 'requests.complaint.register') ? (
          <Button component={Link} to="/complaints/new">
            {t('complaints.register')}
          </Button>
        ) : null}
      </Group>
      <Text>{t('complaints.intro')}</Text>
      <SegmentedControl
        aria-label={t('complaints.show')}
        value={open ? 'open' : 'all'}
        onChange={(v) => setOpen(v === 'open')}
        data={[
          { value: 'open', label: t('complaints.open') },
          { value: 'all', label: t('complaints.all') },
        ]}
      />
      <QueryState query={list} empty={t('complaints.empty')}>
        {(data) => (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.person')}</Table.Th>
                <Table.Th>{t('fields.addressee')}</Table.Th>
                <Table.Th>{t('fields.category')}</Table.Th>
                <Table.Th>{t('fields.receivedAt')}</Table.Th>
                <Table.Th>{t('fields.answerDueAt')}</Table.Th>
                <Table.Th>{t('fields.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((c) => {
                const zone = zoneOf(c.institutionId);
                return (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/complaints/${encodeURIComponent(c.id)}`}>
                        {c.name} · {c.prisonNumber}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{t(`addressee.${c.addressee}`)}</Table.Td>
                    <Table.Td>
                      {t(`category.${c.category}`)}{' '}
                      {c.allegation ? (
                        <Badge color="red.9" variant="filled">
                          {t('complaint.allegation')}
                        </Badge>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{dateTime(c.receivedAt, zone)}</Table.Td>
                    <Table.Td>
                      {dateTime(c.answerDueAt, zone)}{' '}
                      {c.overdue ? (
                        <Badge color="red.9" variant="filled">
                          {t('complaint.overdue')}
                        </Badge>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{t(`status.${c.status}`)}</Table.Td>
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
 * RES-7: registering a complaint: the person, the addressee, the subject, the words, when it was
 * received, whether it is confidential; INJ-4: an allegation of ill-treatment with how it is sent.
 */
export function NewComplaintPage() {
  const { t } = useTranslation('requests');
  usePageTitle(t('newComplaint.title'));
  const navigate = useNavigate();
  const problemText = useProblemText();
  const fieldMessage = useFieldMessage();
  const [personId, setPersonId] = useState('');
  const [key] = useState(newIdempotencyKey);
  const person = usePerson(personId, Boolean(personId));
  const zone = useTimeZoneOf()(person.data?.institution?.id);
  const write = useWriteForm({
    initialValues: {
      addressee: '',
      category: '',
      text: '',
      receivedAt: '',
      confidential: false,
      allegation: false,
      dispatchChannel: '',
      dispatchReference: '',
    },
    write: useRegisterComplaint(personId, key),
    schema: complaintRegisterSchema,
    toBody: (v) => ({
      addressee: v.addressee || undefined,
      category: v.category || undefined,
      text: v.text,
      receivedAt: fromLocalInput(v.receivedAt, zone),
      confidential: v.confidential,
      allegation: v.allegation,
      dispatchChannel: v.allegation ? v.dispatchChannel || null : null,
      dispatchReference: v.allegation ? v.dispatchReference.trim() || null : null,
    }),
    refuse: () => (personId && zone ? null : t('enter.choosePerson')),
    issueMessage: (issue) => fieldMessage(issue.message),
    fieldMessage,
    problemText,
    notice: () => t('newComplaint.saved'),
    onSuccess: (result, values) => {
      const independent = ['prosecutor', 'ombudsman', 'court', 'cpt'].includes(values.addressee);
      // A confidential complaint is not for the one who registered it to read back (RES-7).
      if (!values.confidential && !values.allegation && !independent)
        navigate(`/complaints/${encodeURIComponent(result.id)}`);
      else {
        write.form.reset();
        setPersonId('');
      }
    },
  });
  const { form } = write;
  return (
    <form {...write.formProps}>
      <Stack maw={760}>
        <Title order={1}>{t('newComplaint.title')}</Title>
        <Alert color="blue">{t('newComplaint.intro')}</Alert>
        <PersonPicker personId={personId} onChange={setPersonId} />
        <Group grow>
          <NativeSelect
            {...form.getInputProps('addressee')}
            label={t('fields.addressee')}
            withAsterisk
            data={[
              { value: '', label: t('choose') },
              ...addressees.map((a) => ({ value: a, label: t(`addressee.${a}`) })),
            ]}
          />
          <NativeSelect
            {...form.getInputProps('category')}
            label={t('fields.category')}
            withAsterisk
            data={[
              { value: '', label: t('choose') },
              ...complaintCategories.map((c) => ({ value: c, label: t(`category.${c}`) })),
            ]}
          />
        </Group>
        <Textarea
          {...form.getInputProps('text')}
          label={t('fields.text')}
          withAsterisk
          autosize
          minRows={4}
          maxLength={8000}
        />
        <TextInput
          {...form.getInputProps('receivedAt')}
          type="datetime-local"
          label={t('fields.receivedAt')}
          description={t('newComplaint.receivedHint', { zone: zone ?? '' })}
          withAsterisk
        />
        <Checkbox
          {...form.getInputProps('confidential', { type: 'checkbox' })}
          label={t('fields.confidential')}
          description={t('newComplaint.confidentialHint')}
        />
        <Checkbox
          {...form.getInputProps('allegation', { type: 'checkbox' })}
          label={t('fields.allegation')}
          description={t('newComplaint.allegationHint')}
        />
        {form.values.allegation ? (
          <Group grow>
            <NativeSelect
              {...form.getInputProps('dispatchChannel')}
              label={t('fields.dispatchChannel')}
              withAsterisk
              data={[
                { value: '', label: t('choose') },
                ...dispatchChannels.map((c) => ({ value: c, label: t(`dispatch.${c}`) })),
              ]}
            />
            <TextInput
              {...form.getInputProps('dispatchReference')}
              label={t('fields.dispatchReference')}
              maxLength={200}
            />
          </Group>
        ) : null}
        <WriteFeedback write={write} />
        <Group justify="flex-end">
          <Button type="submit" loading={write.busy}>
            {t('newComplaint.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** RES-7: the handling role's step: acknowledge, answer with its date, forward, close. */
function ActionForm({ complaint, zone }: { complaint: Complaint; zone: string | undefined }) {
  const { t } = useTranslation('requests');
  const problemText = useProblemText();
  const fieldMessage = useFieldMessage();
  const [key, setKey] = useState(newIdempotencyKey);
  const write = useWriteForm({
    initialValues: { action: '', text: '', answerDate: '', forwardTo: '', withdrawn: false },
    write: useComplaintAction(complaint.id, key),
    schema: complaintActionBodySchema,
    toBody: (v) => ({
      action: v.action || undefined,
      text: v.text.trim() || null,
      answerDate: v.action === 'answer' ? v.answerDate || null : null,
      forwardTo: v.action === 'forward' ? v.forwardTo || null : null,
      withdrawn: v.action === 'close' ? v.withdrawn : false,
      version: complaint.events.length + 1,
    }),
    issueMessage: (issue) => fieldMessage(issue.message),
    fieldMessage,
    problemText,
    notice: () => t('complaint.saved'),
    onSuccess: () => {
      write.form.reset();
      setKey(newIdempotencyKey());
    },
  });
  const { form } = write;
  const action = form.values.action;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="action-title">
      <form {...write.formProps}>
        <Stack>
          <Title order={2} size="h4" id="action-title">
            {t('complaint.act')}
          </Title>
          <NativeSelect
            {...form.getInputProps('action')}
            label={t('fields.action')}
            withAsterisk
            data={[
              { value: '', label: t('choose') },
              ...(['acknowledge', 'answer', 'forward', 'close'] as const).map((a) => ({
                value: a,
                label: t(`action.${a}`),
              })),
            ]}
          />
          {action === 'answer' ? (
            <TextInput
              {...form.getInputProps('answerDate')}
              type="date"
              label={t('fields.answerDate')}
              description={zone}
              withAsterisk
            />
          ) : null}
          {action === 'forward' ? (
            <NativeSelect
              {...form.getInputProps('forwardTo')}
              label={t('fields.forwardTo')}
              withAsterisk
              data={[
                { value: '', label: t('choose') },
                ...addressees.map((a) => ({ value: a, label: t(`addressee.${a}`) })),
              ]}
            />
          ) : null}
          <Textarea
            {...form.getInputProps('text')}
            label={
              action === 'answer'
                ? t('fields.answer')
                : action === 'close'
                  ? t('fields.closeReason')
                  : t('fields.note')
            }
            withAsterisk={action === 'answer' || action === 'close'}
            maxLength={8000}
          />
          {action === 'close' ? (
            <Checkbox
              {...form.getInputProps('withdrawn', { type: 'checkbox' })}
              label={t('fields.withdrawn')}
            />
          ) : null}
          <WriteFeedback write={write} />
          <Group justify="flex-end">
            <Button type="submit" loading={write.busy}>
              {t('complaint.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** RES-7, INJ-4: a complaint with its deadline, its steps, the allegation's dispatch and examination. */
export function ComplaintPage() {
  const { t } = useTranslation('requests');
  usePageTitle(t('complaint.title'));
  const { id = '' } = useParams();
  const complaint = useComplaint(id);
  const { dateTime, date } = useFormats();
  const zoneOf = useTimeZoneOf();
  return (
    <Stack maw={900}>
      <Title order={1}>{t('complaint.title')}</Title>
      <QueryState query={complaint}>
        {(c) => {
          const zone = zoneOf(c.institutionId);
          return (
            <Stack>
              <Group>
                <Text fw={700}>
                  {c.name} · {c.prisonNumber}
                </Text>
                {c.confidential ? <Badge variant="outline">{t('complaint.confidential')}</Badge> : null}
                {c.allegation ? (
                  <Badge color="red.9" variant="filled">
                    {t('complaint.allegation')}
                  </Badge>
                ) : null}
              </Group>
              <Paper withBorder p="md">
                <Text style={{ whiteSpace: 'pre-wrap' }}>{c.text}</Text>
              </Paper>
              <Table>
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th>{t('fields.addressee')}</Table.Th>
                    <Table.Td>{t(`addressee.${c.addressee}`)}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t('fields.category')}</Table.Th>
                    <Table.Td>{t(`category.${c.category}`)}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t('fields.receivedAt')}</Table.Th>
                    <Table.Td>{dateTime(c.receivedAt, zone)}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t('fields.registeredBy')}</Table.Th>
                    <Table.Td>
                      {c.registeredBy} · {dateTime(c.recordedAt, zone)}
                    </Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t('fields.answerDueAt')}</Table.Th>
                    <Table.Td>
                      {dateTime(c.answerDueAt, zone)}{' '}
                      {c.overdue ? (
                        <Badge color="red.9" variant="filled">
                          {t('complaint.overdue')}
                        </Badge>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t('fields.status')}</Table.Th>
                    <Table.Td>{t(`status.${c.status}`)}</Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
              {c.dispatches.length ? (
                <Paper withBorder p="md" component="section" aria-label={t('complaint.dispatches')}>
                  <Title order={2} size="h4">
                    {t('complaint.dispatches')}
                  </Title>
                  {c.dispatches.map((d) => (
                    <Text key={d.id}>
                      {t(`addressee.${d.body}`)} · {t(`dispatch.${d.channel}`)} · {d.reference} ·{' '}
                      {dateTime(d.at, zone)}
                    </Text>
                  ))}
                  {c.examination ? (
                    <Text>
                      {c.examination.examinedAt
                        ? t('examination.done', { at: dateTime(c.examination.examinedAt, zone) })
                        : t('examination.due', { at: dateTime(c.examination.dueAt, zone) })}
                    </Text>
                  ) : null}
                  <Text size="sm">{t('complaint.irreversible')}</Text>
                </Paper>
              ) : null}
              {c.events.length ? (
                <Paper withBorder p="md" component="section" aria-label={t('complaint.steps')}>
                  <Title order={2} size="h4">
                    {t('complaint.steps')}
                  </Title>
                  {c.events.map((e) => (
                    <Text key={e.id}>
                      {t(`action.${e.action}`)} · {e.by} · {dateTime(e.at, zone)}
                      {e.answerDate ? ` · ${date(e.answerDate)}` : ''}
                      {e.forwardTo ? ` · ${t(`addressee.${e.forwardTo}`)}` : ''}
                      {e.text ? ` — ${e.text}` : ''}
                    </Text>
                  ))}
                </Paper>
              ) : null}
              {c.canHandle && c.status !== 'closed' ? <ActionForm complaint={c} zone={zone} /> : null}
            </Stack>
          );
        }}
      </QueryState>
    </Stack>
  );
}
