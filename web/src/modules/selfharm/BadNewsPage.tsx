import { badNewsKinds, badNewsSchema } from '@custodia/domain/selfharm';
import { Alert, Button, Group, NativeSelect, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { displayName, fromLocalInput } from '../../app/format.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm, WriteFeedback } from '../../app/useWriteForm.tsx';
import { usePerson, useTimeZoneOf } from '../registry/registry.api.ts';
import { useFieldMessage, useProblemText } from './parts.tsx';
import { useRecordBadNews } from './selfharm.api.ts';

/**
 * MHS-4: any staff member records that a person received bad news (coded: a death in the family, a
 * refused appeal…), from the person's self-harm tab; a re-screening falls due within 24 h.
 */
export function BadNewsPage() {
  const { t } = useTranslation('selfharm');
  usePageTitle(t('badNews.title'));
  const navigate = useNavigate();
  const problemText = useProblemText();
  const fieldMessage = useFieldMessage();
  const [params] = useSearchParams();
  const personId = params.get('person') ?? '';
  const person = usePerson(personId, Boolean(personId));
  const zone = useTimeZoneOf()(person.data?.institution?.id);
  const write = useWriteForm({
    initialValues: { kind: '', receivedAt: '', note: '' },
    write: useRecordBadNews(personId),
    schema: badNewsSchema,
    toBody: (v) => ({
      kind: v.kind || undefined,
      receivedAt: fromLocalInput(v.receivedAt, zone) ?? null,
      note: v.note.trim() || null,
    }),
    refuse: () => (personId ? null : t('badNews.noPerson')),
    issueMessage: (issue) =>
      fieldMessage(issue.message) ?? (issue.path[0] === 'kind' ? t('errors.kind_required') : undefined),
    fieldMessage,
    problemText,
    onSuccess: () => navigate(`/registry/persons/${encodeURIComponent(personId)}?tab=selfharm`),
  });
  const { form } = write;
  return (
    <form {...write.formProps}>
      <Stack maw={760}>
        <Title order={1}>{t('badNews.title')}</Title>
        <Alert color="blue">{t('badNews.intro')}</Alert>
        {person.data ? (
          <Text fw={700}>
            {displayName(person.data)} · {person.data.prisonNumber}
          </Text>
        ) : null}
        <NativeSelect
          {...form.getInputProps('kind')}
          label={t('badNews.kind')}
          withAsterisk
          data={[
            { value: '', label: t('choose') },
            ...badNewsKinds.map((k) => ({ value: k, label: t(`badNewsKinds.${k}`) })),
          ]}
        />
        <TextInput
          {...form.getInputProps('receivedAt')}
          type="datetime-local"
          step={60}
          label={t('badNews.receivedAt')}
          description={t('nowIfEmpty', { zone: zone ?? '' })}
        />
        <Textarea
          {...form.getInputProps('note')}
          label={t('badNews.note')}
          description={t('badNews.noteHint')}
          autosize
          minRows={2}
          maxLength={500}
        />
        <WriteFeedback write={write} />
        <Group justify="flex-end">
          <Button type="submit" size="md" loading={write.busy}>
            {t('badNews.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
