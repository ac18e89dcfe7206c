import { BREAK_GLASS_REASON_MIN, breakGlassRequestSchema } from '@custodia/domain/identity';
import { Alert, Anchor, Button, Group, List, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm, WriteFeedback } from '../../app/useWriteForm.tsx';
import { type BreakGlassGrant, useBreakGlass } from './identity.api.ts';
import { useDateTime } from './labels.ts';

/** Where the registry module shows a person. */
export const personPath = (personId: string) => `/registry/persons/${encodeURIComponent(personId)}`;

/**
 * Break the glass: in an emergency, a clinician opens the record of a person outside their normal
 * scope with a stated reason. The access lasts a limited time, every look is recorded, and the
 * health manager reviews each one.
 */
export function BreakGlassPage() {
  const { t } = useTranslation('identity');
  const errorMessage = useErrorMessage();
  const dateTime = useDateTime();
  usePageTitle(t('breakGlass.title'));

  const [grant, setGrant] = useState<BreakGlassGrant | null>(null);

  const write = useWriteForm({
    initialValues: { prisonNumber: '', reason: '' },
    schema: breakGlassRequestSchema,
    issueMessage: (issue, value) =>
      issue.path[0] === 'reason' && String(value ?? '').trim().length < BREAK_GLASS_REASON_MIN
        ? t('breakGlass.reasonTooShort', { min: BREAK_GLASS_REASON_MIN })
        : undefined,
    write: useBreakGlass(),
    fieldMessage: (code) => t(`breakGlass.fieldErrors.${code}`, { defaultValue: '' }) || undefined,
    problemText: (error) =>
      error instanceof ApiError && error.code === 'conflict' ? t('breakGlass.inScope') : errorMessage(error),
    onSuccess: (granted) => {
      setGrant(granted);
      write.form.setValues({ prisonNumber: '', reason: '' });
    },
  });
  const { form } = write;

  const written = form.values.reason.trim().length;

  return (
    <Stack gap="md" maw={760}>
      <Title order={1}>{t('breakGlass.title')}</Title>

      <Alert color="red.9" variant="outline" role="note" title={t('breakGlass.warningTitle')}>
        <Stack gap="xs">
          <Text size="sm">{t('breakGlass.warning')}</Text>
          <List size="sm" spacing={4}>
            <List.Item>{t('breakGlass.rules.reason', { min: BREAK_GLASS_REASON_MIN })}</List.Item>
            <List.Item>{t('breakGlass.rules.limited')}</List.Item>
            <List.Item>{t('breakGlass.rules.recorded')}</List.Item>
            <List.Item>{t('breakGlass.rules.reviewed')}</List.Item>
          </List>
        </Stack>
      </Alert>

      {grant ? (
        <Alert color="teal.9" variant="outline" role="status" title={t('breakGlass.grantedTitle')}>
          <Stack gap="xs">
            <Text size="sm">{t('breakGlass.granted', { until: dateTime(grant.expiresAt) })}</Text>
            <Anchor component={Link} to={personPath(grant.personId)}>
              {t('breakGlass.openPerson')}
            </Anchor>
          </Stack>
        </Alert>
      ) : null}

      <form
        {...write.formProps}
        onSubmit={(event) => {
          // Each try takes the last access's notice away, whether or not it is sent.
          setGrant(null);
          write.formProps.onSubmit(event);
        }}
      >
        <Stack gap="md">
          <TextInput
            label={t('breakGlass.prisonNumber')}
            description={t('breakGlass.prisonNumberHint')}
            required
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={30}
            {...form.getInputProps('prisonNumber')}
            w={320}
          />
          <Textarea
            label={t('breakGlass.reason')}
            description={t('breakGlass.reasonHint', { min: BREAK_GLASS_REASON_MIN, n: written })}
            required
            resize="vertical"
            rows={4}
            maxLength={1000}
            {...form.getInputProps('reason')}
          />
          <WriteFeedback write={write} />
          <Group>
            <Button type="submit" color="red.9" loading={write.busy}>
              {t('breakGlass.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
