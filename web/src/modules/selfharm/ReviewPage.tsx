import { reviewDisciplines } from '@custodia/domain/clinical';
import {
  observationModes,
  planReviewDecisions,
  planReviewSchema,
  riskLevels,
} from '@custodia/domain/selfharm';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { fromLocalInput } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm, WriteFeedback } from '../../app/useWriteForm.tsx';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import { useFieldMessage, useProblemText } from './parts.tsx';
import { type Plan, usePlan, usePlanCommand } from './selfharm.api.ts';

const number = (text: string) => (text.trim() === '' ? undefined : Number(text));
const blank = (...values: string[]) => values.every((v) => !v.trim());

/**
 * SSH-1, MHS-3: a multidisciplinary case review (the first within 24 h of the concern): who took
 * part, the risk level, the observation (constant with a named observer, or intermittent at most 15
 * minutes apart, up to 30 only with a recorded exception), the conversations a day, the care map
 * (triggers — those officers must know shared with them —, protective factors, actions with owners
 * and dates) and the next review; or closure, which only a review does. Nothing is pre-filled.
 */
function ReviewForm({ plan }: { plan: Plan }) {
  const { t } = useTranslation('selfharm');
  const navigate = useNavigate();
  const fieldMessage = useFieldMessage();
  const zone = useTimeZoneOf()(plan.institutionId);
  const write = useWriteForm({
    initialValues: {
      reviewedAt: '',
      participants: [
        { name: '', discipline: '' },
        { name: '', discipline: '' },
      ],
      decision: '',
      riskLevel: '',
      mode: '',
      intervalMinutes: '',
      observerName: '',
      exceptionReason: '',
      conversationsPerDay: '',
      triggers: [{ text: '', shareWithOfficers: false }],
      protective: [{ text: '' }],
      actions: [{ text: '', owner: '', dueDate: '' }],
      nextReviewAt: '',
      note: '',
    },
    write: usePlanCommand(plan.id, 'reviews'),
    schema: planReviewSchema,
    toBody: (v) => ({
      reviewedAt: fromLocalInput(v.reviewedAt, zone) ?? new Date().toISOString(),
      participants: v.participants
        .filter((p) => !blank(p.name, p.discipline))
        .map((p) => ({ name: p.name, discipline: p.discipline || undefined })),
      decision: v.decision || undefined,
      riskLevel: v.riskLevel || undefined,
      mode: v.mode || undefined,
      intervalMinutes: number(v.intervalMinutes),
      observerName: v.observerName.trim() || null,
      exceptionReason: v.exceptionReason.trim() || null,
      conversationsPerDay: number(v.conversationsPerDay),
      careMap: {
        triggers: v.triggers.filter((x) => !blank(x.text)),
        protective: v.protective.filter((x) => !blank(x.text)).map((x) => x.text),
        actions: v.actions.filter((a) => !blank(a.text, a.owner, a.dueDate)),
      },
      nextReviewAt: fromLocalInput(v.nextReviewAt, zone) ?? null,
      note: v.note.trim() || null,
      version: plan.version,
    }),
    issueMessage: (issue) => fieldMessage(issue.message),
    fieldMessage,
    problemText: useProblemText(),
    onSuccess: () => navigate(`/selfharm/plans/${encodeURIComponent(plan.id)}`),
  });
  const { form } = write;
  const choose = (values: readonly string[], prefix: string) => [
    { value: '', label: t('choose') },
    ...values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) })),
  ];

  return (
    <form {...write.formProps}>
      <Stack maw={900}>
        <Title order={1}>
          {plan.firstReviewAt ? t('review.new') : t('review.first')}: {plan.name}
        </Title>
        <Alert color="blue">{t('review.intro')}</Alert>
        <TextInput
          {...form.getInputProps('reviewedAt')}
          type="datetime-local"
          step={60}
          label={t('review.reviewedAt')}
          description={t('nowIfEmpty', { zone: zone ?? '' })}
        />
        <Paper withBorder p="sm" component="fieldset">
          <Text component="legend" fw={700}>
            {t('review.participants')}
          </Text>
          <Stack gap="xs">
            {form.values.participants.map((_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are only ever added at the end, never removed or moved
              <Group key={`p${i}`} grow align="flex-end">
                <TextInput
                  {...form.getInputProps(`participants.${i}.name`)}
                  label={t('review.participantName', { n: i + 1 })}
                  maxLength={160}
                />
                <NativeSelect
                  {...form.getInputProps(`participants.${i}.discipline`)}
                  label={t('review.discipline', { n: i + 1 })}
                  data={choose(reviewDisciplines, 'disciplines')}
                />
              </Group>
            ))}
            {form.errors.participants ? (
              <Text size="sm" c="red.9" role="alert">
                {form.errors.participants}
              </Text>
            ) : null}
            <Button
              variant="subtle"
              w="fit-content"
              onClick={() => form.insertListItem('participants', { name: '', discipline: '' })}
            >
              {t('review.addParticipant')}
            </Button>
          </Stack>
        </Paper>
        <Group grow>
          <NativeSelect
            {...form.getInputProps('decision')}
            label={t('review.decision')}
            withAsterisk
            data={choose(planReviewDecisions, 'decisions')}
          />
          <NativeSelect
            {...form.getInputProps('riskLevel')}
            label={t('clinical.riskLevel')}
            withAsterisk
            data={choose(riskLevels, 'riskLevels')}
          />
        </Group>
        <Group grow align="flex-start">
          <NativeSelect
            {...form.getInputProps('mode')}
            label={t('review.mode')}
            withAsterisk
            data={choose(observationModes, 'modes')}
          />
          <TextInput
            {...form.getInputProps('intervalMinutes')}
            label={t('review.intervalMinutes')}
            description={t('review.intervalHint')}
            inputMode="numeric"
            withAsterisk
            maxLength={3}
          />
          <TextInput
            {...form.getInputProps('conversationsPerDay')}
            label={t('review.conversationsPerDay')}
            inputMode="numeric"
            withAsterisk
            maxLength={2}
          />
        </Group>
        {form.values.mode === 'constant' ? (
          <TextInput
            {...form.getInputProps('observerName')}
            label={t('review.observerName')}
            withAsterisk
            maxLength={160}
          />
        ) : null}
        <Textarea
          {...form.getInputProps('exceptionReason')}
          label={t('review.exceptionReason')}
          description={t('review.exceptionHint')}
          autosize
          minRows={1}
          maxLength={1000}
        />
        <Paper withBorder p="sm" component="fieldset">
          <Text component="legend" fw={700}>
            {t('careMap.triggers')}
          </Text>
          <Stack gap="xs">
            {form.values.triggers.map((_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are only ever added at the end, never removed or moved
              <Group key={`t${i}`} align="flex-end">
                <TextInput
                  {...form.getInputProps(`triggers.${i}.text`)}
                  label={t('careMap.trigger', { n: i + 1 })}
                  maxLength={300}
                  style={{ flex: 1 }}
                />
                <Checkbox
                  {...form.getInputProps(`triggers.${i}.shareWithOfficers`, { type: 'checkbox' })}
                  label={t('careMap.shareWithOfficers')}
                  mb={8}
                />
              </Group>
            ))}
            <Button
              variant="subtle"
              w="fit-content"
              onClick={() => form.insertListItem('triggers', { text: '', shareWithOfficers: false })}
            >
              {t('careMap.addTrigger')}
            </Button>
          </Stack>
        </Paper>
        <Paper withBorder p="sm" component="fieldset">
          <Text component="legend" fw={700}>
            {t('careMap.protective')}
          </Text>
          <Stack gap="xs">
            {form.values.protective.map((_, i) => (
              <TextInput
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are only ever added at the end, never removed or moved
                key={`f${i}`}
                {...form.getInputProps(`protective.${i}.text`)}
                label={t('careMap.factor', { n: i + 1 })}
                maxLength={300}
              />
            ))}
            <Button
              variant="subtle"
              w="fit-content"
              onClick={() => form.insertListItem('protective', { text: '' })}
            >
              {t('careMap.addFactor')}
            </Button>
          </Stack>
        </Paper>
        <Paper withBorder p="sm" component="fieldset">
          <Text component="legend" fw={700}>
            {t('careMap.actions')}
          </Text>
          <Stack gap="xs">
            {form.values.actions.map((_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are only ever added at the end, never removed or moved
              <Group key={`a${i}`} grow align="flex-end">
                <TextInput
                  {...form.getInputProps(`actions.${i}.text`)}
                  label={t('careMap.action', { n: i + 1 })}
                  maxLength={500}
                />
                <TextInput
                  {...form.getInputProps(`actions.${i}.owner`)}
                  label={t('careMap.owner', { n: i + 1 })}
                  maxLength={160}
                />
                <TextInput
                  {...form.getInputProps(`actions.${i}.dueDate`)}
                  type="date"
                  label={t('careMap.dueDate', { n: i + 1 })}
                />
              </Group>
            ))}
            <Button
              variant="subtle"
              w="fit-content"
              onClick={() => form.insertListItem('actions', { text: '', owner: '', dueDate: '' })}
            >
              {t('careMap.addAction')}
            </Button>
          </Stack>
        </Paper>
        {form.values.decision === 'close' ? null : (
          <TextInput
            {...form.getInputProps('nextReviewAt')}
            type="datetime-local"
            step={60}
            label={t('review.nextReviewAt')}
            withAsterisk
          />
        )}
        <Textarea
          {...form.getInputProps('note')}
          label={t('review.note')}
          autosize
          minRows={2}
          maxLength={4000}
        />
        <WriteFeedback write={write} />
        <Group justify="flex-end">
          <Button type="submit" size="md" loading={write.busy}>
            {t('review.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ReviewPage() {
  const { t } = useTranslation('selfharm');
  usePageTitle(t('review.title'));
  const { id = '' } = useParams();
  const plan = usePlan(id);
  return <QueryState query={plan}>{(p) => <ReviewForm plan={p} />}</QueryState>;
}
