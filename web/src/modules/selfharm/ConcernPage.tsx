import { concernContexts, concernSchema } from '@custodia/domain/selfharm';
import { Alert, Button, Group, NativeSelect, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { displayName, fromLocalInput } from '../../app/format.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm, WriteFeedback } from '../../app/useWriteForm.tsx';
import { usePerson, usePersons, useTimeZoneOf } from '../registry/registry.api.ts';
import { useFieldMessage, useProblemText } from './parts.tsx';
import { useRaiseConcern } from './selfharm.api.ts';

/**
 * SSH-1: a concern, raised by any staff member in one screen: the person, what prompted it, what was
 * seen or heard, the immediate action taken this shift. Nothing is pre-filled.
 */
export function ConcernPage() {
  const { t } = useTranslation('selfharm');
  usePageTitle(t('concern.title'));
  const navigate = useNavigate();
  const problemText = useProblemText();
  const fieldMessage = useFieldMessage();
  const [params] = useSearchParams();
  const [personId, setPersonId] = useState(params.get('person') ?? '');
  const [q, setQ] = useState('');
  const persons = usePersons(q.trim().length >= 2 ? q.trim() : '');
  const person = usePerson(personId, Boolean(personId));
  const zone = useTimeZoneOf()(person.data?.institution?.id);
  const write = useWriteForm({
    initialValues: { context: '', seenOrHeard: '', immediateAction: '', raisedAt: '' },
    write: useRaiseConcern(personId),
    schema: concernSchema,
    toBody: (v) => ({
      context: v.context || undefined,
      seenOrHeard: v.seenOrHeard,
      immediateAction: v.immediateAction,
      raisedAt: fromLocalInput(v.raisedAt, zone) ?? null,
    }),
    refuse: () => (personId ? null : t('concern.choosePerson')),
    issueMessage: (issue) =>
      fieldMessage(issue.message) ?? (issue.path[0] === 'context' ? t('errors.context_required') : undefined),
    fieldMessage,
    problemText,
    onSuccess: (result) => navigate(`/selfharm/plans/${encodeURIComponent(result.id)}`),
  });
  const { form } = write;

  return (
    <form {...write.formProps}>
      <Stack maw={760}>
        <Title order={1}>{t('concern.title')}</Title>
        <Alert color="blue">{t('concern.intro')}</Alert>
        {person.data ? (
          <Group>
            <Text fw={700}>
              {displayName(person.data)} · {person.data.prisonNumber}
            </Text>
            <Button variant="subtle" size="xs" onClick={() => setPersonId('')}>
              {t('concern.otherPerson')}
            </Button>
          </Group>
        ) : (
          <Stack gap={4}>
            <TextInput
              label={t('concern.person')}
              description={t('concern.personHint')}
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
              data-autofocus
            />
            {q.trim().length >= 2
              ? (persons.data?.pages[0]?.items ?? []).slice(0, 8).map((p) => (
                  <Button key={p.id} variant="default" justify="start" onClick={() => setPersonId(p.id)}>
                    {displayName(p)} · {p.prisonNumber}
                  </Button>
                ))
              : null}
          </Stack>
        )}
        <NativeSelect
          {...form.getInputProps('context')}
          label={t('concern.context')}
          withAsterisk
          data={[
            { value: '', label: t('choose') },
            ...concernContexts.map((c) => ({ value: c, label: t(`contexts.${c}`) })),
          ]}
        />
        <Textarea
          {...form.getInputProps('seenOrHeard')}
          label={t('concern.seenOrHeard')}
          description={t('concern.seenOrHeardHint')}
          withAsterisk
          autosize
          minRows={3}
          maxLength={2000}
        />
        <Textarea
          {...form.getInputProps('immediateAction')}
          label={t('concern.immediateAction')}
          description={t('concern.immediateActionHint')}
          withAsterisk
          autosize
          minRows={2}
          maxLength={2000}
        />
        <TextInput
          {...form.getInputProps('raisedAt')}
          type="datetime-local"
          step={60}
          label={t('concern.raisedAt')}
          description={t('nowIfEmpty', { zone: zone ?? '' })}
        />
        <WriteFeedback write={write} />
        <Group justify="flex-end">
          <Button type="submit" size="md" loading={write.busy}>
            {t('concern.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
