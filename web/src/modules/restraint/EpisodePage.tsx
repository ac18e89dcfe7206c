import { endReasons, restraintEventPermission, supervisionPositions } from '@custodia/domain/restraint';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm, WriteFeedback } from '../../app/useWriteForm.tsx';
import { useRegistryLabels } from '../registry/labels.ts';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import { AddTypeForm } from './AddTypeForm.tsx';
import { EpisodePersonCard, EpisodeTimeline, useAuthorLine } from './EpisodeRecord.tsx';
import { ObservationForm } from './ObservationForm.tsx';
import { StateLine, useProblemText, useSpan } from './parts.tsx';
import {
  type Episode,
  type EventCommand,
  newIdempotencyKey,
  useEpisode,
  useNow,
  useRecordEvent,
  useRestraintStaff,
} from './restraint.api.ts';

type Field = {
  name: string;
  kind: 'text' | 'check' | 'select';
  options?: readonly string[];
  optional?: boolean;
};

/** The fields each command asks for (besides its time, which is now). */
const forms: Partial<Record<EventCommand, Field[]>> = {
  approval: [{ name: 'assessment', kind: 'text' }],
  examination: [
    { name: 'findings', kind: 'text' },
    { name: 'continueMeasure', kind: 'check' },
  ],
  review: [
    { name: 'findings', kind: 'text' },
    { name: 'continueMeasure', kind: 'check' },
  ],
  second_doctor: [
    { name: 'findings', kind: 'text' },
    { name: 'continueMeasure', kind: 'check' },
    { name: 'transferConsidered', kind: 'check' },
  ],
  escalation: [{ name: 'notified', kind: 'text' }],
  end: [
    { name: 'reason', kind: 'select', options: endReasons },
    { name: 'injuriesToPerson', kind: 'text', optional: true },
    { name: 'injuriesToStaff', kind: 'text', optional: true },
  ],
  debrief_person: [{ name: 'summary', kind: 'text' }],
  debrief_staff: [{ name: 'summary', kind: 'text' }],
  // RST-11: the examination after the measure; it clears its countdown.
  medical_examination: [
    { name: 'findings', kind: 'text' },
    { name: 'injuriesFound', kind: 'check' },
  ],
  complaint: [{ name: 'text', kind: 'text' }],
  supervision_lapse: [{ name: 'note', kind: 'text' }],
  correction: [
    { name: 'eventId', kind: 'select' },
    { name: 'reason', kind: 'text' },
  ],
  handover: [
    { name: 'supervisorId', kind: 'select' },
    { name: 'supervisionPosition', kind: 'select', options: supervisionPositions },
  ],
};

const labelKeys: Record<string, string> = {
  assessment: 'start.assessment',
  findings: 'episode.findings',
  continueMeasure: 'episode.continue',
  injuriesFound: 'episode.injuriesFound',
  transferConsidered: 'prompt.secondDoctor',
  notified: 'episode.notified',
  reason: 'episode.reason',
  injuriesToPerson: 'episode.injuries',
  injuriesToStaff: 'episode.staffInjuries',
  summary: 'episode.text',
  text: 'episode.text',
  note: 'episode.text',
  eventId: 'episode.timeline',
  supervisorId: 'start.supervisor',
  supervisionPosition: 'start.supervisionPosition',
};

function CommandForm({
  episode,
  command,
  onDone,
  onCancel,
}: {
  episode: Episode;
  command: EventCommand;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('restraint');
  const problemText = useProblemText();
  const user = useCurrentUser();
  const fields = forms[command] ?? [];
  const [key] = useState(newIdempotencyKey);
  const write = useWriteForm({
    initialValues: Object.fromEntries(
      fields.map((f) => [f.name, f.kind === 'check' ? f.name === 'continueMeasure' : '']),
    ) as Record<string, string | boolean>,
    write: useRecordEvent(episode.id, command, key),
    toBody: (values) => {
      const body: Record<string, unknown> = { at: new Date().toISOString() };
      for (const f of fields) {
        const v = values[f.name];
        body[f.name] = typeof v === 'string' && f.optional && !v.trim() ? null : v;
      }
      return body;
    },
    problemText,
    onSuccess: onDone,
  });
  const { form } = write;
  const values = form.values;
  const staff = useRestraintStaff(episode.institutionId, command === 'handover');
  const labels = useRegistryLabels();
  const zone = useTimeZoneOf()(episode.institutionId);
  const optionsOf = (f: Field) => {
    if (f.name === 'eventId') {
      return (
        episode.events
          // X-2: only what the user's role may record, it may correct.
          .filter(
            (e) =>
              e.kind !== 'correction' &&
              !e.corrected &&
              allows(user, restraintEventPermission[e.kind as keyof typeof restraintEventPermission]),
          )
          .map((e) => ({
            value: e.id,
            label: `${t(`episode.kinds.${e.kind}`)} · ${labels.dateTime(e.at, zone)}`,
          }))
      );
    }
    if (f.name === 'supervisorId') {
      return (staff.data?.items ?? []).map((s) => ({
        value: s.id,
        label: `${s.fullName} · ${labels.staffPosition(s.position)}`,
      }));
    }
    const group =
      f.name === 'reason' ? 'episode.endReasons' : f.name === 'supervisionPosition' ? 'start.positions' : '';
    return (f.options ?? []).map((o) => ({ value: o, label: t(`${group}.${o}`) }));
  };

  return (
    <form {...write.formProps}>
      <Stack gap="sm">
        {fields.map((f, i) =>
          f.kind === 'check' ? (
            <Checkbox
              key={f.name}
              label={t(labelKeys[f.name] ?? f.name)}
              checked={Boolean(values[f.name])}
              onChange={(e) => {
                const checked = e.currentTarget.checked;
                form.setFieldValue(f.name, checked);
              }}
            />
          ) : f.kind === 'select' ? (
            <NativeSelect
              key={f.name}
              label={t(labelKeys[f.name] ?? f.name)}
              required
              value={String(values[f.name] ?? '')}
              onChange={(e) => {
                const value = e.currentTarget.value;
                form.setFieldValue(f.name, value);
              }}
              data={[{ value: '', label: t('start.chooseStaff') }, ...optionsOf(f)]}
              data-autofocus={i === 0 ? true : undefined}
            />
          ) : (
            <Textarea
              key={f.name}
              label={t(labelKeys[f.name] ?? f.name)}
              required={!f.optional}
              value={String(values[f.name] ?? '')}
              onChange={(e) => {
                const value = e.currentTarget.value;
                form.setFieldValue(f.name, value);
              }}
              maxLength={4000}
              data-autofocus={i === 0 ? true : undefined}
            />
          ),
        )}
        <WriteFeedback write={write} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('cancel')}
          </Button>
          <Button type="submit" loading={write.busy}>
            {t('episode.actions')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const commandLabels: Record<EventCommand, string> = {
  types_added: 'episode.addType',
  approval: 'episode.approve',
  examination: 'episode.examine',
  review: 'episode.review',
  second_doctor: 'episode.secondDoctor',
  observation: 'board.observe',
  handover: 'episode.kinds.handover',
  supervision_lapse: 'episode.lapse',
  escalation: 'episode.escalate',
  end: 'episode.end',
  debrief_person: 'episode.debriefPerson',
  debrief_staff: 'episode.debriefStaff',
  medical_examination: 'episode.medicalExamination',
  correction: 'episode.kinds.correction',
  complaint: 'episode.complaint',
};

/** One episode: what was recorded, its countdowns, and what may be recorded next (by permission). */
export function EpisodePage() {
  const { t } = useTranslation('restraint');
  const span = useSpan();
  usePageTitle(t('episode.title'));
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const episode = useEpisode(id);
  const now = useNow();
  const [command, setCommand] = useState<EventCommand | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const labels = useRegistryLabels();
  const zone = useTimeZoneOf()(episode.data?.institutionId);
  const staffList = useRestraintStaff(episode.data?.institutionId ?? '');
  const authorLine = useAuthorLine(true);

  if (episode.isLoading) return <Loader role="status" aria-label={t('loading')} />;
  if (!episode.data) {
    return (
      <Alert color="red" role="alert">
        {t('failed')}
      </Alert>
    );
  }
  const e = episode.data;
  const open = e.state.open;
  const when = (iso: string) => labels.dateTime(iso, zone);
  const nameOf = (staffId: string) =>
    e.staffNames?.[staffId] ?? staffList.data?.items.find((s) => s.id === staffId)?.fullName ?? staffId;
  // RST-4/RST-5: who supervises now: the last handover that stands, else the one named at the start.
  const handover = e.events.findLast((x) => x.kind === 'handover' && !x.corrected && x.payload);
  const supervisor = handover
    ? {
        id: String(handover.payload?.supervisorId),
        position: (handover.payload?.supervisionPosition as string | undefined) ?? null,
      }
    : { id: e.supervisorId, position: e.supervisionPosition };
  const doctor = allows(user, 'restraint.episode.approve');
  const staff = allows(user, 'restraint.episode.start');
  const available: EventCommand[] = [
    ...(open && doctor && !e.state.approved ? (['approval'] as const) : []),
    ...(open && doctor ? (['examination', 'review', 'second_doctor', 'escalation'] as const) : []),
    ...(open && allows(user, 'restraint.observation.record') ? (['observation'] as const) : []),
    ...(open && staff ? (['types_added', 'handover', 'supervision_lapse', 'end'] as const) : []),
    ...(!open && staff && e.state.debriefPerson ? (['debrief_person'] as const) : []),
    ...(!open && staff && e.state.debriefStaff ? (['debrief_staff'] as const) : []),
    ...(!open && allows(user, restraintEventPermission.medical_examination) && e.state.medicalExamination
      ? (['medical_examination'] as const)
      : []),
    ...(staff ? (['correction', 'complaint'] as const) : []),
  ];

  return (
    <Stack>
      <Title order={1}>{t('episode.title')}</Title>
      <Group gap={6}>
        <Badge color={open ? 'red' : 'gray'} autoContrast>
          {open ? t('episode.open') : t('episode.closed')}
        </Badge>
        {e.types.map((type) => (
          <Badge key={type} variant="outline" color="dark">
            {t(`types.${type}`)}
          </Badge>
        ))}
        {e.flags.map((flag) => (
          <Badge key={flag} color="#9a3b00" variant="filled">
            {t(`flags.${flag}`)}
          </Badge>
        ))}
      </Group>
      {e.person ? (
        <EpisodePersonCard person={e.person} cellLabel={e.person.cell?.code ?? null} />
      ) : (
        <Anchor component={Link} to={`/registry/persons/${encodeURIComponent(e.personId)}`}>
          {t('board.person')}
        </Anchor>
      )}
      <Paper withBorder p="sm">
        <Table>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th scope="row">{t('episode.started')}</Table.Th>
              <Table.Td>{when(e.startedAt)}</Table.Td>
            </Table.Tr>
            {e.state.endedAt ? (
              <Table.Tr>
                <Table.Th scope="row">{t('episode.ended')}</Table.Th>
                <Table.Td>
                  {when(e.state.endedAt)} · {span(e.state.durationMinutes)}
                </Table.Td>
              </Table.Tr>
            ) : null}
            {e.cellCode ? (
              <Table.Tr>
                <Table.Th scope="row">{t('record.room')}</Table.Th>
                <Table.Td>{e.cellCode}</Table.Td>
              </Table.Tr>
            ) : null}
            <Table.Tr>
              <Table.Th scope="row">{t('start.appliedBy')}</Table.Th>
              <Table.Td>{e.appliedBy.map(nameOf).join(', ')}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('start.supervisor')}</Table.Th>
              <Table.Td>
                {nameOf(supervisor.id)}
                {supervisor.position ? ` · ${t(`start.positions.${supervisor.position}`)}` : ''}
              </Table.Td>
            </Table.Tr>
            {e.recordedByAuthor ? (
              <Table.Tr>
                <Table.Th scope="row">{t('record.recordedBy')}</Table.Th>
                <Table.Td>{authorLine(e.recordedByAuthor)}</Table.Td>
              </Table.Tr>
            ) : null}
            <Table.Tr>
              <Table.Th scope="row">{t('episode.authorisation')}</Table.Th>
              <Table.Td>{t(`authorisation.${e.authorisation}`)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('start.harm')}</Table.Th>
              <Table.Td>{t(`harm.${e.harm}`)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('start.lessRestrictive')}</Table.Th>
              <Table.Td>{e.lessRestrictiveTried.map((m) => t(`measures.${m}`)).join(', ')}</Table.Td>
            </Table.Tr>
            {e.harmDescription ? (
              <Table.Tr>
                <Table.Th scope="row">{t('episode.harmDescription')}</Table.Th>
                <Table.Td>{e.harmDescription}</Table.Td>
              </Table.Tr>
            ) : null}
            {e.endReason ? (
              <Table.Tr>
                <Table.Th scope="row">{t('episode.endReason')}</Table.Th>
                <Table.Td>{t(`episode.endReasons.${e.endReason}`)}</Table.Td>
              </Table.Tr>
            ) : null}
            {e.injuriesToPerson ? (
              <Table.Tr>
                <Table.Th scope="row">{t('episode.injuriesToPerson')}</Table.Th>
                <Table.Td>{e.injuriesToPerson}</Table.Td>
              </Table.Tr>
            ) : null}
            {e.injuriesToStaff ? (
              <Table.Tr>
                <Table.Th scope="row">{t('episode.injuriesToStaff')}</Table.Th>
                <Table.Td>{e.injuriesToStaff}</Table.Td>
              </Table.Tr>
            ) : null}
          </Table.Tbody>
        </Table>
      </Paper>
      <StateLine state={e.state} now={now} />
      {notice ? (
        <Alert
          color="green"
          role="status"
          withCloseButton
          closeButtonLabel={t('close')}
          onClose={() => setNotice(null)}
        >
          {notice}
        </Alert>
      ) : null}
      {available.length ? (
        <Group gap="xs" aria-label={t('episode.actions')} role="group">
          {available.map((c) => (
            <Button
              key={c}
              size="sm"
              variant={c === 'observation' ? 'filled' : 'default'}
              onClick={() => setCommand(c)}
            >
              {t(commandLabels[c])}
            </Button>
          ))}
        </Group>
      ) : null}
      <Title order={2}>{t('episode.timeline')}</Title>
      <EpisodeTimeline events={e.events} when={when} staffName={nameOf} />
      <Modal
        opened={command !== null}
        onClose={() => setCommand(null)}
        title={command ? t(commandLabels[command]) : t('episode.actions')}
        closeButtonProps={{ 'aria-label': t('close') }}
        transitionProps={{ duration: 0 }}
      >
        {command === 'observation' ? (
          <ObservationForm
            episodeId={e.id}
            onCancel={() => setCommand(null)}
            onDone={() => {
              setCommand(null);
              setNotice(t('observation.saved'));
            }}
          />
        ) : command === 'types_added' ? (
          <AddTypeForm
            episodeId={e.id}
            current={e.types}
            onCancel={() => setCommand(null)}
            onDone={() => {
              setCommand(null);
              setNotice(t('episode.recorded'));
            }}
          />
        ) : command ? (
          <CommandForm
            episode={e}
            command={command}
            onCancel={() => setCommand(null)}
            onDone={() => {
              setCommand(null);
              setNotice(t('episode.recorded'));
            }}
          />
        ) : null}
      </Modal>
    </Stack>
  );
}
