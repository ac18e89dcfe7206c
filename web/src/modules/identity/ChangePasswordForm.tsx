import {
  changePasswordSchema,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordProblems,
} from '@custodia/domain/identity';
import { Alert, Button, Group, List, PasswordInput, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useWriteForm } from '../../app/useWriteForm.tsx';
import { useChangePassword } from './identity.api.ts';

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
  const problemMessage = (code: string) => {
    if (code === 'password_wrong') return t('password.wrong');
    const problem = code.replace(/^password_/, '');
    return t(`password.problems.${problem}`, { defaultValue: '', min: PASSWORD_MIN_LENGTH });
  };

  const write = useWriteForm({
    initialValues: { currentPassword: '', newPassword: '', repeat: '' },
    schema: changePasswordSchema,
    toBody: ({ currentPassword, newPassword }) => ({ currentPassword, newPassword }),
    // The policy and the repeat, checked once the schema has nothing to say about the new password.
    refine: ({ newPassword, repeat }, errors) => {
      const found = { ...errors };
      if (!found.newPassword && newPassword) {
        const problems = passwordProblems(newPassword, username);
        if (problems.length)
          found.newPassword = problems.map((p) => problemMessage(`password_${p}`)).join(' ');
      }
      if (!found.newPassword && repeat !== newPassword) found.repeat = t('password.mismatch');
      return found;
    },
    write: useChangePassword(),
    fieldMessage: problemMessage,
    notice: () => t('password.changed'),
    onSuccess: () => {
      write.form.setValues({ currentPassword: '', newPassword: '', repeat: '' });
      void onChanged?.();
    },
  });
  const { form } = write;

  return (
    <form {...write.formProps}>
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
          {...form.getInputProps('currentPassword')}
          visibilityToggleButtonProps={{ 'aria-label': t('password.show') }}
        />
        <PasswordInput
          label={t('password.new')}
          autoComplete="new-password"
          required
          {...form.getInputProps('newPassword')}
          visibilityToggleButtonProps={{ 'aria-label': t('password.show') }}
        />
        <PasswordInput
          label={t('password.repeat')}
          autoComplete="new-password"
          required
          {...form.getInputProps('repeat')}
          visibilityToggleButtonProps={{ 'aria-label': t('password.show') }}
        />
        {write.failure ? (
          <Alert color="red" role="alert">
            {write.failure}
          </Alert>
        ) : null}
        {write.notice ? (
          <Alert color="teal" role="status">
            {write.notice}
          </Alert>
        ) : null}
        <Group>
          <Button type="submit" loading={write.busy}>
            {t('password.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
