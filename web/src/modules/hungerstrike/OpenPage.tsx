import { hungerOpenSchema, strikeTypes } from '@custodia/domain/hungerstrike';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { displayName, fromLocalInput } from '../../app/format.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm, WriteFeedback } from '../../app/useWriteForm.tsx';
import { usePerson, useTimeZoneOf } from '../registry/registry.api.ts';
import { useOpenHungerStrike } from './hungerstrike.api.ts';
import { useFieldMessage, useProblemText } from './parts.tsx';

/**
 * HUN-1: opening a hunger strike as the person declared it: when it began (the institution's time),
 * what is refused, individual or collective (a collective strike may join another striker's record),
 * and the aim if the person states one.
 */
export function OpenPage() {
  const { t } = useTranslation('hungerstrike');
  usePageTitle(t('open.title'));
  const { personId = '' } = useParams();
  const navigate = useNavigate();
  const person = usePerson(personId, Boolean(personId));
  const zone = useTimeZoneOf()(person.data?.institution?.id);
  const write = useWriteForm({
    initialValues: { startedAt: '', type: '', collective: false, linkedEpisodeId: '', statedAim: '' },
    write: useOpenHungerStrike(personId),
    schema: hungerOpenSchema,
    toBody: (v) => ({
      startedAt: fromLocalInput(v.startedAt, zone) ?? new Date().toISOString(),
      type: v.type || undefined,
      collective: v.collective,
      linkedEpisodeId: v.collective ? v.linkedEpisodeId.trim() || null : null,
      statedAim: v.statedAim.trim() || null,
    }),
    fieldMessage: useFieldMessage(),
    problemText: useProblemText(),
    onSuccess: (result) => navigate(`/hunger-strikes/${encodeURIComponent(result.id)}`),
  });
  const { form } = write;
  return (
    <form {...write.formProps}>
      <Stack maw={760}>
        <Title order={1}>{t('open.title')}</Title>
        <Alert color="blue">{t('open.intro')}</Alert>
        {person.data ? (
          <Text fw={700}>
            {displayName(person.data)} · {person.data.prisonNumber}
          </Text>
        ) : null}
        <TextInput
          {...form.getInputProps('startedAt')}
          type="datetime-local"
          step={1}
          label={t('open.startedAt')}
          description={t('nowIfEmpty', { zone: zone ?? '' })}
        />
        <NativeSelect
          {...form.getInputProps('type')}
          label={t('open.type')}
          withAsterisk
          data={[
            { value: '', label: t('choose') },
            ...strikeTypes.map((k) => ({ value: k, label: t(`types.${k}`) })),
          ]}
        />
        <Checkbox {...form.getInputProps('collective', { type: 'checkbox' })} label={t('open.collective')} />
        {form.values.collective ? (
          <TextInput
            {...form.getInputProps('linkedEpisodeId')}
            label={t('open.linked')}
            description={t('open.linkedHint')}
            maxLength={64}
          />
        ) : null}
        <Textarea
          {...form.getInputProps('statedAim')}
          label={t('open.statedAim')}
          description={t('open.statedAimHint')}
          maxLength={1000}
        />
        <WriteFeedback write={write} />
        <Group justify="flex-end">
          <Button type="submit" loading={write.busy}>
            {t('open.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
