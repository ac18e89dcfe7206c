import { type Language, userCreateSchema } from '@custodia/domain/identity';
import { Anchor, Button, Group, NativeSelect, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LANGUAGES } from '../../app/i18n.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm, WriteFeedback } from '../../app/useWriteForm.tsx';
import { type User, useCreateUser } from './identity.api.ts';
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
  const fieldMessage = useUserFieldMessage();
  usePageTitle(t('users.createTitle'));

  const [created, setCreated] = useState<{ user: User; oneTimePassword: string } | null>(null);
  // A new form after each creation: the fields (and the free-text institutions) start empty again.
  const [formKey, setFormKey] = useState(0);
  const write = useWriteForm({
    initialValues: {
      username: '',
      displayName: '',
      roles: [] as string[],
      institutionIds: [] as string[],
      language: 'az' as Language,
    },
    schema: userCreateSchema,
    write: useCreateUser(),
    fieldMessage,
    onSuccess: (answer) => {
      setCreated(answer);
      write.form.setValues({ username: '', displayName: '', roles: [], institutionIds: [] });
      setFormKey((k) => k + 1);
    },
  });
  const { form } = write;

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

      <form {...write.formProps} key={formKey}>
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
            {...form.getInputProps('username')}
          />
          <TextInput
            label={t('users.fields.displayName')}
            required
            maxLength={120}
            {...form.getInputProps('displayName')}
          />
          <RolesField
            value={form.values.roles}
            onChange={(v) => form.setFieldValue('roles', v)}
            error={form.errors.roles}
          />
          <InstitutionsField
            value={form.values.institutionIds}
            onChange={(v) => form.setFieldValue('institutionIds', v)}
            error={form.errors.institutionIds}
          />
          <NativeSelect
            label={t('users.fields.language')}
            {...form.getInputProps('language')}
            data={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))}
            w={240}
          />
          <WriteFeedback write={write} />
          <Group>
            <Button type="submit" loading={write.busy}>
              {t('users.createSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
