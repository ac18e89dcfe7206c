import {
  type AttendanceCode,
  attendanceCodes,
  courseCreateSchema,
  enrolSchema,
  interventions,
} from '@custodia/domain/mentalhealth';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
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
import { useTimeZoneOf } from '../registry/registry.api.ts';
import {
  newIdempotencyKey,
  useCourse,
  useCourses,
  useCreateCourse,
  useEnrol,
  useRecordSession,
} from './mentalhealth.api.ts';
import { PersonPicker, useFieldMessage, useProblemText } from './parts.tsx';

/** MHS-2, MHS-9: a new group or individual course, its facilitator the one who creates it. */
function NewCourseForm({ institutionId }: { institutionId: string }) {
  const { t } = useTranslation('mentalhealth');
  const user = useCurrentUser();
  const navigate = useNavigate();
  const problemText = useProblemText();
  const fieldMessage = useFieldMessage();
  const write = useWriteForm({
    initialValues: {
      intervention: '',
      mode: 'group',
      title: '',
      capacity: 8,
      plannedSessions: 8,
      startsOn: '',
    },
    write: useCreateCourse(),
    schema: courseCreateSchema,
    toBody: (v) => ({
      institutionId,
      intervention: v.intervention || undefined,
      mode: v.mode,
      title: v.title,
      facilitatorIds: user ? [user.id] : [],
      capacity: v.mode === 'individual' ? 1 : Number(v.capacity),
      plannedSessions: Number(v.plannedSessions),
      startsOn: v.startsOn || undefined,
    }),
    refuse: () => (institutionId ? null : t('courses.chooseInstitution')),
    issueMessage: (issue) => fieldMessage(issue.message),
    fieldMessage,
    problemText,
    onSuccess: (r) => navigate(`/mentalhealth/courses/${encodeURIComponent(r.id)}`),
  });
  const { form } = write;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="new-course-title">
      <form {...write.formProps}>
        <Stack>
          <Title order={2} size="h4" id="new-course-title">
            {t('courses.new')}
          </Title>
          <NativeSelect
            {...form.getInputProps('intervention')}
            label={t('plan.intervention')}
            withAsterisk
            data={[
              { value: '', label: t('choose') },
              ...interventions.map((i) => ({ value: i, label: t(`intervention.${i}`) })),
            ]}
          />
          <NativeSelect
            {...form.getInputProps('mode')}
            label={t('courses.mode')}
            data={['group', 'individual'].map((m) => ({ value: m, label: t(`courseMode.${m}`) }))}
          />
          <TextInput {...form.getInputProps('title')} label={t('courses.name')} withAsterisk />
          <Group grow>
            <NumberInput {...form.getInputProps('capacity')} label={t('courses.capacity')} min={1} max={30} />
            <NumberInput
              {...form.getInputProps('plannedSessions')}
              label={t('courses.planned')}
              min={1}
              max={60}
            />
            <TextInput
              {...form.getInputProps('startsOn')}
              type="date"
              label={t('courses.startsOn')}
              withAsterisk
            />
          </Group>
          <WriteFeedback write={write} />
          <Group justify="flex-end">
            <Button type="submit" loading={write.busy}>
              {t('courses.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** MHS-2: the therapy groups and individual courses of the institution. */
export function CoursesPage() {
  const { t } = useTranslation('mentalhealth');
  usePageTitle(t('courses.title'));
  const user = useCurrentUser();
  const { activeId, choices } = useActiveInstitution();
  const institutionId = activeId || choices[0]?.id || '';
  const list = useCourses(activeId);
  const { date } = useFormats();
  return (
    <Stack>
      <Title order={1}>{t('courses.title')}</Title>
      <Text>{t('courses.intro')}</Text>
      <QueryState query={list} empty={t('courses.empty')}>
        {(data) => (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('courses.name')}</Table.Th>
                <Table.Th>{t('plan.intervention')}</Table.Th>
                <Table.Th>{t('courses.facilitators')}</Table.Th>
                <Table.Th>{t('courses.enrolled')}</Table.Th>
                <Table.Th>{t('courses.sessions')}</Table.Th>
                <Table.Th>{t('courses.startsOn')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/mentalhealth/courses/${encodeURIComponent(c.id)}`}>
                      {c.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t(`intervention.${c.intervention}`)}</Table.Td>
                  <Table.Td>{c.facilitators.join(', ')}</Table.Td>
                  <Table.Td>
                    {c.enrolled} / {c.capacity}
                  </Table.Td>
                  <Table.Td>
                    {c.sessionsHeld} / {c.plannedSessions}
                  </Table.Td>
                  <Table.Td>{date(c.startsOn)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      {allows(user, 'mentalhealth.therapy.manage') ? <NewCourseForm institutionId={institutionId} /> : null}
    </Stack>
  );
}

/** MHS-2: enrol a person with their goal. */
function EnrolForm({ courseId }: { courseId: string }) {
  const { t } = useTranslation('mentalhealth');
  const problemText = useProblemText();
  const fieldMessage = useFieldMessage();
  const [personId, setPersonId] = useState('');
  const write = useWriteForm({
    initialValues: { goal: '' },
    write: useEnrol(courseId),
    schema: enrolSchema,
    toBody: (v) => ({ personId, goal: v.goal }),
    refuse: () => (personId ? null : t('refer.choosePerson')),
    issueMessage: (issue) => fieldMessage(issue.message),
    fieldMessage,
    problemText,
    notice: () => t('course.enrolled'),
    onSuccess: () => setPersonId(''),
  });
  const { form } = write;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="enrol-title">
      <form {...write.formProps}>
        <Stack>
          <Title order={2} size="h4" id="enrol-title">
            {t('course.enrol')}
          </Title>
          <PersonPicker personId={personId} onChange={setPersonId} />
          <Textarea {...form.getInputProps('goal')} label={t('course.goal')} withAsterisk maxLength={1000} />
          <WriteFeedback write={write} />
          <Group justify="flex-end">
            <Button type="submit" loading={write.busy}>
              {t('course.enrolSave')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/**
 * MHS-2, MHT-3: a session's register: date and time, duration, each enrolled person's attendance
 * chosen (none pre-filled; the regime's causes apart), whether the outcome measure was taken, the
 * restricted note.
 */
function SessionForm({
  courseId,
  enrolments,
  zone,
}: {
  courseId: string;
  enrolments: { id: string; name: string; prisonNumber: string }[];
  zone: string | undefined;
}) {
  const { t } = useTranslation('mentalhealth');
  const problemText = useProblemText();
  const [key, setKey] = useState(newIdempotencyKey);
  const record = useRecordSession(courseId, key);
  const [heldAt, setHeldAt] = useState('');
  const [duration, setDuration] = useState<number | string>(90);
  const [note, setNote] = useState('');
  const [codes, setCodes] = useState<Record<string, AttendanceCode | ''>>({});
  const [measured, setMeasured] = useState<Record<string, boolean>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="session-title">
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setMessage(null);
          const at = fromLocalInput(heldAt, zone);
          if (!at || enrolments.some((en) => !codes[en.id])) {
            setMessage({ ok: false, text: t('course.registerIncomplete') });
            return;
          }
          try {
            await record.mutateAsync({
              heldAt: at,
              durationMinutes: Number(duration),
              note: note.trim() || null,
              attendance: enrolments.map((en) => ({
                enrolmentId: en.id,
                code: codes[en.id],
                measureTaken: Boolean(measured[en.id]),
              })),
            });
            setMessage({ ok: true, text: t('course.sessionSaved') });
            setCodes({});
            setMeasured({});
            setNote('');
            setHeldAt('');
            setKey(newIdempotencyKey());
          } catch (err) {
            setMessage({ ok: false, text: problemText(err) });
          }
        }}
      >
        <Stack>
          <Title order={2} size="h4" id="session-title">
            {t('course.recordSession')}
          </Title>
          <Group grow>
            <TextInput
              type="datetime-local"
              label={t('course.heldAt')}
              withAsterisk
              value={heldAt}
              onChange={(e) => setHeldAt(e.currentTarget.value)}
            />
            <NumberInput
              label={t('course.duration')}
              min={5}
              max={480}
              value={duration}
              onChange={setDuration}
            />
          </Group>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.person')}</Table.Th>
                <Table.Th>{t('course.attendance')}</Table.Th>
                <Table.Th>{t('course.measure')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {enrolments.map((en) => (
                <Table.Tr key={en.id}>
                  <Table.Td>
                    {en.name} · {en.prisonNumber}
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect
                      aria-label={`${t('course.attendance')}: ${en.name}`}
                      value={codes[en.id] ?? ''}
                      onChange={(e) => {
                        const value = e.currentTarget.value as AttendanceCode;
                        setCodes((c) => ({ ...c, [en.id]: value }));
                      }}
                      data={[
                        { value: '', label: t('choose') },
                        ...attendanceCodes.map((c) => ({ value: c, label: t(`attendance.${c}`) })),
                      ]}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Checkbox
                      aria-label={`${t('course.measure')}: ${en.name}`}
                      checked={Boolean(measured[en.id])}
                      onChange={(e) => {
                        const checked = e.currentTarget.checked;
                        setMeasured((m) => ({ ...m, [en.id]: checked }));
                      }}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Textarea
            label={t('course.note')}
            description={t('course.noteHint')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            maxLength={4000}
          />
          {message ? (
            <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>
              {message.text}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" loading={record.isPending}>
              {t('course.saveSession')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** MHS-2: a course with its enrolment list (attended, completed ≥ 75 %) and its session registers. */
export function CoursePage() {
  const { t } = useTranslation('mentalhealth');
  usePageTitle(t('course.title'));
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const course = useCourse(id);
  const { dateTime, date } = useFormats();
  const zoneOf = useTimeZoneOf();
  const manage = allows(user, 'mentalhealth.therapy.manage');
  return (
    <Stack maw={1000}>
      <Title order={1}>{t('course.title')}</Title>
      <QueryState query={course}>
        {(c) => {
          const zone = zoneOf(c.institutionId);
          const nameOf = new Map(c.enrolments.map((e) => [e.id, e.name]));
          return (
            <Stack>
              <Text fw={700}>
                {c.title} · {t(`intervention.${c.intervention}`)} · {t(`courseMode.${c.mode}`)}
              </Text>
              <Text size="sm">
                {t('courses.facilitators')}: {c.facilitators.join(', ')} · {t('courses.startsOn')}:{' '}
                {date(c.startsOn)} · {t('courses.sessions')}: {c.sessionsHeld} / {c.plannedSessions}
              </Text>
              <Paper withBorder p="md" component="section" aria-labelledby="enrolments-title">
                <Title order={2} size="h4" id="enrolments-title">
                  {t('course.enrolments')}
                </Title>
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('fields.person')}</Table.Th>
                      <Table.Th>{t('course.goal')}</Table.Th>
                      <Table.Th>{t('course.attended')}</Table.Th>
                      <Table.Th>{t('course.completion')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {c.enrolments.map((e) => (
                      <Table.Tr key={e.id}>
                        <Table.Td>
                          <Anchor
                            component={Link}
                            to={`/mentalhealth/persons/${encodeURIComponent(e.personId)}`}
                          >
                            {e.name} · {e.prisonNumber}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{e.goal}</Table.Td>
                        <Table.Td>
                          {e.attended} / {c.plannedSessions}
                        </Table.Td>
                        <Table.Td>
                          {e.completed ? (
                            <Badge color="green.9" variant="filled">
                              {t('course.completed')}
                            </Badge>
                          ) : (
                            t('course.notYet')
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Paper>
              <Paper withBorder p="md" component="section" aria-labelledby="sessions-title">
                <Title order={2} size="h4" id="sessions-title">
                  {t('course.sessions')}
                </Title>
                {c.sessions.length ? (
                  <Stack gap="xs">
                    {c.sessions.map((s) => (
                      <Stack key={s.id} gap={2}>
                        <Text fw={600}>
                          {dateTime(s.heldAt, zone)} · {t('course.minutes', { count: s.durationMinutes })} ·{' '}
                          {s.recordedBy}
                        </Text>
                        <Text size="sm">
                          {s.attendance
                            .map((a) => `${nameOf.get(a.enrolmentId) ?? ''}: ${t(`attendance.${a.code}`)}`)
                            .join(' · ')}
                        </Text>
                        {s.note ? (
                          <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                            {s.note}
                          </Text>
                        ) : null}
                      </Stack>
                    ))}
                  </Stack>
                ) : (
                  <Text role="status">{t('course.noSessions')}</Text>
                )}
              </Paper>
              {manage && c.enrolments.length ? (
                <SessionForm courseId={c.id} enrolments={c.enrolments} zone={zone} />
              ) : null}
              {manage && c.enrolments.length < c.capacity ? <EnrolForm courseId={c.id} /> : null}
            </Stack>
          );
        }}
      </QueryState>
    </Stack>
  );
}
