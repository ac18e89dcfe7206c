import {
  advanceInstructionSchema,
  hungerReconfirmationSchema,
  reconfirmOutcomes,
} from '@custodia/domain/hungerstrike';
import {
  Button,
  Checkbox,
  Group,
  List,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { fromLocalInput, useFormats, WARNING_COLOR } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm, WriteFeedback } from '../../app/useWriteForm.tsx';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import { type HungerEpisode, useHungerCommand, useHungerStrike } from './hungerstrike.api.ts';
import { EpisodeHeader, useFieldMessage, useProblemText } from './parts.tsx';

/**
 * HUN-6: the advance instructions — what the person wants should they lose capacity, the witness,
 * the check that they were given voluntarily — and their weekly reconfirmation (due, overdue).
 */
export function InstructionsPage() {
  const { t } = useTranslation('hungerstrike');
  usePageTitle(t('instructions.title'));
  const { id = '' } = useParams();
  const episode = useHungerStrike(id);
  return <QueryState query={episode}>{(e) => <Instructions episode={e} />}</QueryState>;
}

function Instructions({ episode: e }: { episode: HungerEpisode }) {
  const { t } = useTranslation('hungerstrike');
  const user = useCurrentUser();
  const zone = useTimeZoneOf()(e.institutionId);
  const { dateTime } = useFormats();
  const recorder = allows(user, 'hungerstrike.record') && !e.endedAt;
  const a = e.advanceInstructions;
  return (
    <Stack>
      <EpisodeHeader episode={e} title={t('instructions.title')} />
      {a ? (
        <Paper withBorder p="md">
          <Text>
            {t('instructions.given', { when: dateTime(a.at, zone), witness: a.witnessName, by: a.by })}
          </Text>
          <Text fw={700}>{a.instructions}</Text>
          <Text>
            {t(a.refusesArtificialFeeding ? 'instructions.refusesFeeding' : 'instructions.acceptsFeeding')} ·{' '}
            {t(
              a.refusesResuscitation
                ? 'instructions.refusesResuscitation'
                : 'instructions.acceptsResuscitation',
            )}
          </Text>
        </Paper>
      ) : (
        <Text>{t('instructions.none')}</Text>
      )}
      {e.reconfirmation ? (
        <Text fw={700} c={e.reconfirmation.overdue ? WARNING_COLOR : undefined} data-testid="reconfirmation">
          {t(e.reconfirmation.overdue ? 'instructions.overdue' : 'instructions.due', {
            when: dateTime(e.reconfirmation.dueAt, zone),
          })}
        </Text>
      ) : null}
      {e.reconfirmations.length ? (
        <List>
          {e.reconfirmations.map((r) => (
            <List.Item key={r.id}>
              {dateTime(r.at, zone)} · {t(`outcomes.${r.outcome}`)} · {r.witnessName}
              {r.note ? ` · ${r.note}` : ''}
            </List.Item>
          ))}
        </List>
      ) : null}
      {recorder && a ? <ReconfirmForm id={e.id} zone={zone} /> : null}
      {recorder ? <InstructionsForm id={e.id} zone={zone} replacing={Boolean(a)} /> : null}
    </Stack>
  );
}

function ReconfirmForm({ id, zone }: { id: string; zone: string | undefined }) {
  const { t } = useTranslation('hungerstrike');
  const write = useWriteForm({
    initialValues: { at: '', outcome: '', witnessName: '', note: '' },
    write: useHungerCommand(id, 'reconfirmations'),
    schema: hungerReconfirmationSchema,
    toBody: (v) => ({
      at: fromLocalInput(v.at, zone) ?? new Date().toISOString(),
      outcome: v.outcome || undefined,
      witnessName: v.witnessName,
      note: v.note.trim() || null,
    }),
    fieldMessage: useFieldMessage(),
    problemText: useProblemText(),
    notice: () => t('saved'),
  });
  const { form } = write;
  return (
    <form {...write.formProps} aria-label={t('instructions.reconfirm')}>
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('instructions.reconfirm')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            {...form.getInputProps('at')}
            type="datetime-local"
            step={1}
            label={t('instructions.at')}
            description={t('nowIfEmpty', { zone: zone ?? '' })}
          />
          <NativeSelect
            {...form.getInputProps('outcome')}
            label={t('instructions.outcome')}
            withAsterisk
            data={[
              { value: '', label: t('choose') },
              ...reconfirmOutcomes.map((o) => ({ value: o, label: t(`outcomes.${o}`) })),
            ]}
          />
          <TextInput
            {...form.getInputProps('witnessName')}
            label={t('instructions.witness')}
            withAsterisk
            maxLength={160}
          />
        </SimpleGrid>
        <Textarea {...form.getInputProps('note')} label={t('instructions.note')} maxLength={2000} />
        <WriteFeedback write={write} />
        <Group justify="flex-end">
          <Button type="submit" loading={write.busy}>
            {t('instructions.saveReconfirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function InstructionsForm({
  id,
  zone,
  replacing,
}: {
  id: string;
  zone: string | undefined;
  replacing: boolean;
}) {
  const { t } = useTranslation('hungerstrike');
  const write = useWriteForm({
    initialValues: {
      at: '',
      instructions: '',
      refusesResuscitation: false,
      refusesArtificialFeeding: false,
      witnessName: '',
      givenVoluntarily: false,
    },
    write: useHungerCommand(id, 'advance-instructions'),
    schema: advanceInstructionSchema,
    toBody: (v) => ({ ...v, at: fromLocalInput(v.at, zone) ?? new Date().toISOString() }),
    fieldMessage: useFieldMessage(),
    problemText: useProblemText(),
    notice: () => t('saved'),
  });
  const { form } = write;
  return (
    <form {...write.formProps} aria-label={t(replacing ? 'instructions.replace' : 'instructions.record')}>
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t(replacing ? 'instructions.replace' : 'instructions.record')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            {...form.getInputProps('at')}
            type="datetime-local"
            step={1}
            label={t('instructions.at')}
            description={t('nowIfEmpty', { zone: zone ?? '' })}
          />
          <TextInput
            {...form.getInputProps('witnessName')}
            label={t('instructions.witness')}
            withAsterisk
            maxLength={160}
          />
        </SimpleGrid>
        <Textarea
          {...form.getInputProps('instructions')}
          label={t('instructions.text')}
          withAsterisk
          maxLength={4000}
        />
        <Checkbox
          {...form.getInputProps('refusesArtificialFeeding', { type: 'checkbox' })}
          label={t('instructions.refusesFeedingLabel')}
        />
        <Checkbox
          {...form.getInputProps('refusesResuscitation', { type: 'checkbox' })}
          label={t('instructions.refusesResuscitationLabel')}
        />
        <Checkbox
          {...form.getInputProps('givenVoluntarily', { type: 'checkbox' })}
          label={t('instructions.voluntarily')}
        />
        <WriteFeedback write={write} />
        <Group justify="flex-end">
          <Button type="submit" loading={write.busy}>
            {t('instructions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
