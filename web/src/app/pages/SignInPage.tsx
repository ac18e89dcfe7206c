import { signInSchema, twoFactorSchema } from '@custodia/domain/identity';
import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../errorMessage.ts';
import { type FieldErrors, validate } from '../forms.ts';
import { acceptSession, isSession, signIn, signInSecondStep } from '../session.ts';
import { usePageTitle } from '../usePageTitle.ts';

type Step = 'password' | 'code';

/**
 * Sign-in: user name and password, then — for an account with two-factor sign-in — a code from the
 * authenticator app or a recovery code. Shown in place of any page that needs a signed-in user, so
 * that after sign-in the user is where they asked to be.
 */
export function SignInPage() {
  const { t } = useTranslation('common');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  usePageTitle(t('signIn.title'));

  const [step, setStep] = useState<Step>('password');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const usernameRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  // The first field of each step takes the focus, so the keyboard can start typing at once.
  useEffect(() => {
    (step === 'password' ? usernameRef : codeRef).current?.focus();
  }, [step]);

  async function submitPassword(event: FormEvent) {
    event.preventDefault();
    const checked = validate(signInSchema, { username, password }, t);
    setFieldErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await signIn(checked.data.username, checked.data.password);
      if (isSession(answer)) {
        acceptSession(queryClient, answer);
        return;
      }
      setPassword('');
      setCode('');
      setStep('code');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function submitCode(event: FormEvent) {
    event.preventDefault();
    const checked = validate(twoFactorSchema, { code }, t);
    setFieldErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    setBusy(true);
    setError(null);
    try {
      acceptSession(queryClient, await signInSecondStep(checked.data.code));
    } catch (e) {
      setError(e);
      setCode('');
      codeRef.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  function startAgain() {
    setStep('password');
    setError(null);
    setFieldErrors({});
    setCode('');
  }

  const alert = error ? (
    <Alert color="red" role="alert" title={t('signIn.failedTitle')}>
      {errorMessage(error)}
    </Alert>
  ) : null;

  return (
    <Stack gap="md" maw={440} mx="auto" mt="xl">
      <Title order={1}>{t('signIn.title')}</Title>
      <Paper withBorder p="lg">
        {step === 'password' ? (
          <form onSubmit={submitPassword} noValidate aria-labelledby="sign-in-intro">
            <Stack gap="md">
              <Text id="sign-in-intro">{t('signIn.intro')}</Text>
              <TextInput
                ref={usernameRef}
                label={t('signIn.username')}
                name="username"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                required
                value={username}
                onChange={(e) => setUsername(e.currentTarget.value)}
                error={fieldErrors.username}
              />
              <PasswordInput
                label={t('signIn.password')}
                name="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={fieldErrors.password}
                visibilityToggleButtonProps={{ 'aria-label': t('signIn.showPassword') }}
              />
              {alert}
              <Group>
                <Button type="submit" loading={busy}>
                  {t('signIn.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <form onSubmit={submitCode} noValidate aria-labelledby="sign-in-code-title">
            <Stack gap="md">
              <Title order={2} size="h3" id="sign-in-code-title">
                {t('signIn.codeTitle')}
              </Title>
              <Text>{t('signIn.codeIntro')}</Text>
              <TextInput
                ref={codeRef}
                label={t('signIn.code')}
                description={t('signIn.codeHint')}
                name="code"
                autoComplete="one-time-code"
                autoCapitalize="none"
                spellCheck={false}
                required
                value={code}
                onChange={(e) => setCode(e.currentTarget.value)}
                error={fieldErrors.code}
              />
              {alert}
              <Group justify="space-between">
                <Button type="submit" loading={busy}>
                  {t('signIn.verify')}
                </Button>
                <Anchor component="button" type="button" onClick={startAgain}>
                  {t('signIn.startAgain')}
                </Anchor>
              </Group>
            </Stack>
          </form>
        )}
      </Paper>
    </Stack>
  );
}
