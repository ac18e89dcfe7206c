import {
  changePasswordSchema,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordProblems,
} from '@custodia/domain/identity';
import { Alert, Button, Group, List, PasswordInput, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { type FieldErrors, serverFieldErrors, validate } from '../../app/forms.ts';
import { changePassword } from './identity.api.ts';

/**
 * Change my password. The policy (domain `passwordProblems`: at least 12 characters, not the user
 * name, not a common password) is shown before typing and checked here as on the server.
 */
export function ChangePasswordForm({
  username,
  onChanged,
}: {
  username: string;
  onChanged?: () => void | Promise<void>;
}) {
  const { t } = useTranslation('identity');
  const errorMessage = useErrorMessage();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const problemMessage = (code: string) => {
    if (code === 'password_wrong') return t('password.wrong');
    const problem = code.replace(/^password_/, '');
    return t(`password.problems.${problem}`, { defaultValue: '', min: PASSWORD_MIN_LENGTH });
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    setFailure(null);
    const checked = validate(changePasswordSchema, { currentPassword, newPassword }, t);
    const found: FieldErrors = checked.ok ? {} : { ...checked.errors };
    if (!found.newPassword && newPassword) {
      const problems = passwordProblems(newPassword, username);
      if (problems.length) found.newPassword = problems.map((p) => problemMessage(`password_${p}`)).join(' ');
    }
    if (!found.newPassword && repeat !== newPassword) found.repeat = t('password.mismatch');
    setErrors(found);
    if (!checked.ok || Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await changePassword(currentPassword, newPassword);
      setCurrentPassword('');
      setNewPassword('');
      setRepeat('');
      setDone(true);
      await onChanged?.();
    } catch (error) {
      const fields = serverFieldErrors(error, problemMessage);
      setErrors(fields);
      // A field error says it all; anything else (network, rate limit) goes in the alert.
      if (!(error instanceof ApiError) || Object.keys(fields).length === 0) setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={480}>
        <div>
          <Text size="sm">{t('password.policyTitle')}</Text>
          <List size="sm" spacing={2}>
            <List.Item>
              {t('password.policy.length', { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH })}
            </List.Item>
            <List.Item>{t('password.policy.username')}</List.Item>
            <List.Item>{t('password.policy.common')}</List.Item>
          </List>
        </div>
        <PasswordInput
          label={t('password.current')}
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(e) => setCurrentPassword(e.currentTarget.value)}
          error={errors.currentPassword}
          visibilityToggleButtonProps={{ 'aria-label': t('password.show') }}
        />
        <PasswordInput
          label={t('password.new')}
          autoComplete="new-password"
          required
          value={newPassword}
          onChange={(e) => setNewPassword(e.currentTarget.value)}
          error={errors.newPassword}
          visibilityToggleButtonProps={{ 'aria-label': t('password.show') }}
        />
        <PasswordInput
          label={t('password.repeat')}
          autoComplete="new-password"
          required
          value={repeat}
          onChange={(e) => setRepeat(e.currentTarget.value)}
          error={errors.repeat}
          visibilityToggleButtonProps={{ 'aria-label': t('password.show') }}
        />
        {failure ? (
          <Alert color="red" role="alert">
            {errorMessage(failure)}
          </Alert>
        ) : null}
        {done ? (
          <Alert color="teal" role="status">
            {t('password.changed')}
          </Alert>
        ) : null}
        <Group>
          <Button type="submit" loading={busy}>
            {t('password.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
