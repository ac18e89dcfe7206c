import { type Role, userUpdateSchema } from '@custodia/domain/identity';
import {
  Alert,
  Anchor,
  Button,
  Group,
  Loader,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { type FieldErrors, serverFieldErrors, validate } from '../../app/forms.ts';
import { LANGUAGES } from '../../app/i18n.ts';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import {
  identityKeys,
  resetPassword,
  resetTwoFactor,
  type User,
  updateUser,
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
  const errorMessage = useErrorMessage();
  const fieldMessage = useUserFieldMessage();
  const queryClient = useQueryClient();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [roles, setRoles] = useState<string[]>(user.roles);
  const [institutionIds, setInstitutionIds] = useState<string[]>(user.institutionIds);
  const [active, setActive] = useState(user.active);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const stale = failure instanceof ApiError && failure.code === 'stale_version';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const checked = validate(
      userUpdateSchema,
      { version: user.version, displayName, roles: roles as Role[], institutionIds, active },
      t,
    );
    setErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    setBusy(true);
    try {
      const saved = await updateUser(user.id, checked.data);
      queryClient.setQueryData(identityKeys.user(user.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['identity', 'users', 'list'] });
      onSaved(saved.version);
    } catch (error) {
      const fields = serverFieldErrors(error, fieldMessage);
      setErrors(fields);
      if (!(error instanceof ApiError) || Object.keys(fields).length === 0) setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('users.fields.displayName')}
          required
          maxLength={120}
          value={displayName}
          onChange={(e) => setDisplayName(e.currentTarget.value)}
          error={errors.displayName}
          disabled={!canManage}
        />
        <RolesField value={roles} onChange={setRoles} error={errors.roles} disabled={!canManage} />
        <InstitutionsField
          value={institutionIds}
          onChange={setInstitutionIds}
          error={errors.institutionIds}
          disabled={!canManage}
        />
        <Switch
          label={t('users.fields.active')}
          description={t('users.fields.activeHint')}
          checked={active}
          onChange={(e) => setActive(e.currentTarget.checked)}
          disabled={!canManage}
        />
        {failure ? (
          <Alert color="red" role="alert">
            <Stack gap="xs" align="flex-start">
              <Text>{errorMessage(failure)}</Text>
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
            <Button type="submit" loading={busy}>
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
  const [password, setPassword] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function reset() {
    setBusy(true);
    setFailure(null);
    try {
      setPassword((await resetPassword(user.id)).oneTimePassword);
      setAsking(false);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="sm" component="section" aria-labelledby="user-reset-title">
      <Title order={2} id="user-reset-title">
        {t('users.reset.title')}
      </Title>
      <Text>{t('users.reset.intro')}</Text>
      {password ? (
        <OneTimePassword title={t('users.reset.done')} username={user.username} password={password} />
      ) : null}
      {failure ? (
        <Alert color="red" role="alert">
          {errorMessage(failure)}
        </Alert>
      ) : null}
      {asking ? (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Text fw={600}>{t('users.reset.confirm', { username: user.username })}</Text>
            <Group>
              <Button color="red.8" onClick={reset} loading={busy}>
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
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function reset() {
    setBusy(true);
    setFailure(null);
    try {
      await resetTwoFactor(user.id);
      setAsking(false);
      await queryClient.invalidateQueries({ queryKey: identityKeys.user(user.id) });
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="sm" component="section" aria-labelledby="user-2fa-reset-title">
      <Title order={2} id="user-2fa-reset-title">
        {t('users.twoFactorReset.title')}
      </Title>
      <Text>{t('users.twoFactorReset.intro')}</Text>
      {failure ? (
        <Alert color="red" role="alert">
          {errorMessage(failure)}
        </Alert>
      ) : null}
      {asking ? (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Text fw={600}>{t('users.twoFactorReset.confirm', { username: user.username })}</Text>
            <Group>
              <Button color="red.8" onClick={reset} loading={busy}>
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
  const errorMessage = useErrorMessage();
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
      {user.isPending ? (
        <Group gap="sm" role="status">
          <Loader size="sm" />
          <Text>{t('users.loading')}</Text>
        </Group>
      ) : user.isError ? (
        <>
          <Title order={1}>{t('users.editTitle')}</Title>
          <Alert color="red" role="alert">
            {errorMessage(user.error)}
          </Alert>
        </>
      ) : (
        <>
          <Title order={1}>{t('users.editHeading', { username: user.data.username })}</Title>
          <Table withTableBorder variant="vertical" layout="fixed">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th scope="row" w="35%">
                  {t('users.fields.username')}
                </Table.Th>
                <Table.Td>{user.data.username}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t('users.fields.language')}</Table.Th>
                <Table.Td>
                  {LANGUAGES.find((l) => l.code === user.data.language)?.name ?? user.data.language}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t('users.fields.twoFactor')}</Table.Th>
                <Table.Td>{user.data.twoFactorEnabled ? t('twoFactor.on') : t('twoFactor.off')}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t('users.fields.locked')}</Table.Th>
                <Table.Td>{user.data.locked ? t('users.lockedYes') : t('users.lockedNo')}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t('users.fields.version')}</Table.Th>
                <Table.Td>{user.data.version}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          {savedVersion === user.data.version ? (
            <Alert color="teal" role="status">
              {t('users.saved')}
            </Alert>
          ) : null}
          <Stack gap="sm" component="section" aria-labelledby="user-edit-title">
            <Title order={2} id="user-edit-title">
              {t('users.editSection')}
            </Title>
            <UserEditForm
              key={`${user.data.id}:${user.data.version}`}
              user={user.data}
              canManage={canManage}
              onSaved={setSavedVersion}
            />
          </Stack>
          {canManage ? <PasswordReset user={user.data} /> : null}
          {canManage && user.data.twoFactorEnabled ? <TwoFactorReset user={user.data} /> : null}
        </>
      )}
    </Stack>
  );
}
