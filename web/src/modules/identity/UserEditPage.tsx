import { userUpdateSchema } from '@custodia/domain/identity';
import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { LANGUAGES } from '../../app/i18n.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm } from '../../app/useWriteForm.tsx';
import {
  identityKeys,
  type User,
  useResetPassword,
  useResetTwoFactor,
  useUpdateUser,
  useUser,
} from './identity.api.ts';
import { OneTimePassword } from './OneTimePassword.tsx';
import { useUserFieldMessage } from './UserCreatePage.tsx';
import { InstitutionsField, RolesField } from './UserFields.tsx';

/**
 * The edit form for one version of a user. Saving sends that version: if someone else saved in
 * between, the server answers 409 stale_version and the form offers to load the latest.
 */
function UserEditForm({
  user,
  canManage,
  onSaved,
}: {
  user: User;
  canManage: boolean;
  onSaved: (version: number) => void;
}) {
  const { t } = useTranslation('identity');
  const fieldMessage = useUserFieldMessage();
  const queryClient = useQueryClient();
  const write = useWriteForm({
    initialValues: {
      version: user.version,
      displayName: user.displayName,
      roles: user.roles as string[],
      institutionIds: user.institutionIds,
      active: user.active,
    },
    schema: userUpdateSchema,
    write: useUpdateUser(user.id),
    fieldMessage,
    onSuccess: (saved) => onSaved(saved.version),
  });
  const { form } = write;
  const stale = write.error instanceof ApiError && write.error.code === 'stale_version';

  return (
    <form {...write.formProps}>
      <Stack gap="md">
        <TextInput
          label={t('users.fields.displayName')}
          required
          maxLength={120}
          {...form.getInputProps('displayName')}
          disabled={!canManage}
        />
        <RolesField
          value={form.values.roles}
          onChange={(v) => form.setFieldValue('roles', v)}
          error={form.errors.roles}
          disabled={!canManage}
        />
        <InstitutionsField
          value={form.values.institutionIds}
          onChange={(v) => form.setFieldValue('institutionIds', v)}
          error={form.errors.institutionIds}
          disabled={!canManage}
        />
        <Switch
          label={t('users.fields.active')}
          description={t('users.fields.activeHint')}
          {...form.getInputProps('active', { type: 'checkbox' })}
          disabled={!canManage}
        />
        {write.failure ? (
          <Alert color="red" role="alert">
            <Stack gap="xs" align="flex-start">
              <Text>{write.failure}</Text>
              {stale ? (
                <Button
                  variant="default"
                  size="xs"
                  onClick={() => void queryClient.invalidateQueries({ queryKey: identityKeys.user(user.id) })}
                >
                  {t('users.loadLatest')}
                </Button>
              ) : null}
            </Stack>
          </Alert>
        ) : null}
        {canManage ? (
          <Group>
            <Button type="submit" loading={write.busy}>
              {t('users.save')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}

/** Reset a password: a confirmation first, then the new one-time password, shown once. */
function PasswordReset({ user }: { user: User }) {
  const { t } = useTranslation('identity');
  const errorMessage = useErrorMessage();
  const [asking, setAsking] = useState(false);
  const write = useResetPassword(user.id);
  const password = write.data?.oneTimePassword ?? null;
  const reset = () => write.mutate(undefined, { onSuccess: () => setAsking(false) });

  return (
    <Stack gap="sm" component="section" aria-labelledby="user-reset-title">
      <Title order={2} id="user-reset-title">
        {t('users.reset.title')}
      </Title>
      <Text>{t('users.reset.intro')}</Text>
      {password ? (
        <OneTimePassword title={t('users.reset.done')} username={user.username} password={password} />
      ) : null}
      {write.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(write.error)}
        </Alert>
      ) : null}
      {asking ? (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Text fw={600}>{t('users.reset.confirm', { username: user.username })}</Text>
            <Group>
              <Button color="red.8" onClick={reset} loading={write.isPending}>
                {t('users.reset.yes')}
              </Button>
              <Button variant="default" onClick={() => setAsking(false)}>
                {t('users.reset.no')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ) : (
        <div>
          <Button variant="default" onClick={() => setAsking(true)}>
            {t('users.reset.start')}
          </Button>
        </div>
      )}
    </Stack>
  );
}

/** Switch two-factor off for someone who lost phone and recovery codes: a confirmation first. */
function TwoFactorReset({ user }: { user: User }) {
  const { t } = useTranslation('identity');
  const errorMessage = useErrorMessage();
  const [asking, setAsking] = useState(false);
  const write = useResetTwoFactor(user.id);
  const reset = () => write.mutate(undefined, { onSuccess: () => setAsking(false) });

  return (
    <Stack gap="sm" component="section" aria-labelledby="user-2fa-reset-title">
      <Title order={2} id="user-2fa-reset-title">
        {t('users.twoFactorReset.title')}
      </Title>
      <Text>{t('users.twoFactorReset.intro')}</Text>
      {write.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(write.error)}
        </Alert>
      ) : null}
      {asking ? (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Text fw={600}>{t('users.twoFactorReset.confirm', { username: user.username })}</Text>
            <Group>
              <Button color="red.8" onClick={reset} loading={write.isPending}>
                {t('users.twoFactorReset.yes')}
              </Button>
              <Button variant="default" onClick={() => setAsking(false)}>
                {t('users.reset.no')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ) : (
        <div>
          <Button variant="default" onClick={() => setAsking(true)}>
            {t('users.twoFactorReset.start')}
          </Button>
        </div>
      )}
    </Stack>
  );
}

/** One user account: its facts, the edit form (roles, institutions, name, active) and password reset. */
export function UserEditPage() {
  const { t } = useTranslation('identity');
  const { id = '' } = useParams();
  const user = useUser(id);
  const canManage = allows(useCurrentUser(), 'identity.user.manage');
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  usePageTitle(user.data ? user.data.username : t('users.editTitle'));

  return (
    <Stack gap="lg" maw={760}>
      <Anchor component={Link} to="/identity/users" size="sm">
        {t('users.backToList')}
      </Anchor>
      <QueryState
        query={user}
        loading={t('users.loading')}
        failed={<Title order={1}>{t('users.editTitle')}</Title>}
      >
        {(data) => (
          <>
            <Title order={1}>{t('users.editHeading', { username: data.username })}</Title>
            <Table withTableBorder variant="vertical" layout="fixed">
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th scope="row" w="35%">
                    {t('users.fields.username')}
                  </Table.Th>
                  <Table.Td>{data.username}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">{t('users.fields.language')}</Table.Th>
                  <Table.Td>
                    {LANGUAGES.find((l) => l.code === data.language)?.name ?? data.language}
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">{t('users.fields.twoFactor')}</Table.Th>
                  <Table.Td>{data.twoFactorEnabled ? t('twoFactor.on') : t('twoFactor.off')}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">{t('users.fields.locked')}</Table.Th>
                  <Table.Td>{data.locked ? t('users.lockedYes') : t('users.lockedNo')}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">{t('users.fields.version')}</Table.Th>
                  <Table.Td>{data.version}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
            {savedVersion === data.version ? (
              <Alert color="teal" role="status">
                {t('users.saved')}
              </Alert>
            ) : null}
            <Stack gap="sm" component="section" aria-labelledby="user-edit-title">
              <Title order={2} id="user-edit-title">
                {t('users.editSection')}
              </Title>
              <UserEditForm
                key={`${data.id}:${data.version}`}
                user={data}
                canManage={canManage}
                onSaved={setSavedVersion}
              />
            </Stack>
            {canManage ? <PasswordReset user={data} /> : null}
            {canManage && data.twoFactorEnabled ? <TwoFactorReset user={data} /> : null}
          </>
        )}
      </QueryState>
    </Stack>
  );
}
