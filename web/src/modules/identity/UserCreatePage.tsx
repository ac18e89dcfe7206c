import { type Language, type Role, userCreateSchema } from '@custodia/domain/identity';
import { Alert, Anchor, Button, Group, NativeSelect, Stack, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { type FieldErrors, serverFieldErrors, validate } from '../../app/forms.ts';
import { LANGUAGES } from '../../app/i18n.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { createUser, type User } from './identity.api.ts';
import { OneTimePassword } from './OneTimePassword.tsx';
import { InstitutionsField, RolesField } from './UserFields.tsx';

/** Translated messages for the field error codes the identity API sends. */
export function useUserFieldMessage() {
  const { t } = useTranslation('identity');
  return (code: string) => t(`users.fieldErrors.${code}`, { defaultValue: '' }) || undefined;
}

/** Create a user account; the one-time password is shown once, then the form can be used again. */
export function UserCreatePage() {
  const { t } = useTranslation('identity');
  const errorMessage = useErrorMessage();
  const fieldMessage = useUserFieldMessage();
  const queryClient = useQueryClient();
  usePageTitle(t('users.createTitle'));

  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [institutionIds, setInstitutionIds] = useState<string[]>([]);
  const [language, setLanguage] = useState<Language>('az');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ user: User; oneTimePassword: string } | null>(null);
  // A new form after each creation: the fields (and the free-text institutions) start empty again.
  const [formKey, setFormKey] = useState(0);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const checked = validate(
      userCreateSchema,
      { username, displayName, roles: roles as Role[], institutionIds, language },
      t,
    );
    setErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    setBusy(true);
    try {
      const answer = await createUser(checked.data);
      setCreated(answer);
      void queryClient.invalidateQueries({ queryKey: ['identity', 'users'] });
      setUsername('');
      setDisplayName('');
      setRoles([]);
      setInstitutionIds([]);
      setFormKey((k) => k + 1);
    } catch (error) {
      const fields = serverFieldErrors(error, fieldMessage);
      setErrors(fields);
      if (!(error instanceof ApiError) || Object.keys(fields).length === 0) setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="md" maw={760}>
      <Title order={1}>{t('users.createTitle')}</Title>
      <Anchor component={Link} to="/identity/users" size="sm">
        {t('users.backToList')}
      </Anchor>

      {created ? (
        <Stack gap="xs">
          <OneTimePassword
            title={t('users.created', { username: created.user.username })}
            username={created.user.username}
            password={created.oneTimePassword}
          />
          <Anchor component={Link} to={`/identity/users/${created.user.id}`}>
            {t('users.openCreated', { username: created.user.username })}
          </Anchor>
        </Stack>
      ) : null}

      <form onSubmit={submit} noValidate key={formKey}>
        <Stack gap="md">
          {created ? (
            <Title order={2} size="h3">
              {t('users.createAnother')}
            </Title>
          ) : null}
          <TextInput
            label={t('users.fields.username')}
            description={t('users.fields.usernameHint')}
            required
            autoCapitalize="none"
            spellCheck={false}
            maxLength={63}
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            error={errors.username}
          />
          <TextInput
            label={t('users.fields.displayName')}
            required
            maxLength={120}
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
            error={errors.displayName}
          />
          <RolesField value={roles} onChange={setRoles} error={errors.roles} />
          <InstitutionsField
            value={institutionIds}
            onChange={setInstitutionIds}
            error={errors.institutionIds}
          />
          <NativeSelect
            label={t('users.fields.language')}
            value={language}
            onChange={(e) => setLanguage(e.currentTarget.value as Language)}
            data={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))}
            w={240}
          />
          {failure ? (
            <Alert color="red" role="alert">
              {errorMessage(failure)}
            </Alert>
          ) : null}
          <Group>
            <Button type="submit" loading={busy}>
              {t('users.createSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
