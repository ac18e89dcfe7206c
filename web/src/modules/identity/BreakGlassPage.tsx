import { BREAK_GLASS_REASON_MIN, breakGlassRequestSchema } from '@custodia/domain/identity';
import { Alert, Anchor, Button, Group, List, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { type FieldErrors, serverFieldErrors, validate } from '../../app/forms.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { type BreakGlassGrant, breakGlass } from './identity.api.ts';
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

  const [prisonNumber, setPrisonNumber] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [grant, setGrant] = useState<BreakGlassGrant | null>(null);

  const fieldMessage = (code: string) =>
    t(`breakGlass.fieldErrors.${code}`, { defaultValue: '' }) || undefined;

  function failureText(error: unknown): string {
    if (error instanceof ApiError && error.code === 'conflict') return t('breakGlass.inScope');
    return errorMessage(error);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    setGrant(null);
    const checked = validate(breakGlassRequestSchema, { prisonNumber, reason }, t);
    if (!checked.ok) {
      const found = { ...checked.errors };
      if (found.reason && reason.trim().length < BREAK_GLASS_REASON_MIN)
        found.reason = t('breakGlass.reasonTooShort', { min: BREAK_GLASS_REASON_MIN });
      setErrors(found);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      setGrant(await breakGlass(checked.data));
      setPrisonNumber('');
      setReason('');
    } catch (error) {
      const fields = serverFieldErrors(error, fieldMessage);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  const written = reason.trim().length;

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

      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('breakGlass.prisonNumber')}
            description={t('breakGlass.prisonNumberHint')}
            required
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={30}
            value={prisonNumber}
            onChange={(e) => setPrisonNumber(e.currentTarget.value)}
            error={errors.prisonNumber}
            w={320}
          />
          <Textarea
            label={t('breakGlass.reason')}
            description={t('breakGlass.reasonHint', { min: BREAK_GLASS_REASON_MIN, n: written })}
            required
            resize="vertical"
            rows={4}
            maxLength={1000}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
          />
          {failure ? (
            <Alert color="red" role="alert">
              {failureText(failure)}
            </Alert>
          ) : null}
          <Group>
            <Button type="submit" color="red.9" loading={busy}>
              {t('breakGlass.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
