import { signInSchema, twoFactorSchema } from '@custodia/domain/identity/sign-in';
import { Anchor, Button, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { acceptSession, isSession, signIn, signInSecondStep } from '../session.ts';
import { usePageTitle } from '../usePageTitle.ts';
import { useWrite, useWriteForm, WriteFeedback } from '../useWriteForm.tsx';

type Step = 'password' | 'code';

/**
 * Sign-in: user name and password, then — for an account with two-factor sign-in — a code from the
 * authenticator app or a recovery code. Shown in place of any page that needs a signed-in user, so
 * that after sign-in the user is where they asked to be.
 */
export function SignInPage() {
  const { t } = useTranslation('common');
  const queryClient = useQueryClient();
  usePageTitle(t('signIn.title'));

  const [step, setStep] = useState<Step>('password');
  const usernameRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  // The first field of each step takes the focus, so the keyboard can start typing at once.
  useEffect(() => {
    (step === 'password' ? usernameRef : codeRef).current?.focus();
  }, [step]);

  const passwordStep = useWriteForm({
    initialValues: { username: '', password: '' },
    schema: signInSchema,
    write: useWrite(
      (body: { username: string; password: string }) => signIn(body.username, body.password),
      () => [],
    ),
    onSuccess: (answer) => {
      if (isSession(answer)) {
        acceptSession(queryClient, answer);
        return;
      }
      passwordStep.form.setFieldValue('password', '');
      codeStep.form.setFieldValue('code', '');
      setStep('code');
    },
  });
  const codeStep = useWriteForm({
    initialValues: { code: '' },
    schema: twoFactorSchema,
    write: useWrite(
      (body: { code: string }) => signInSecondStep(body.code),
      () => [],
    ),
    onSuccess: (answer) => acceptSession(queryClient, answer),
    // A refused code is cleared, and the field is ready for the next one.
    refused: () => {
      codeStep.form.setFieldValue('code', '');
      codeRef.current?.focus();
      return undefined;
    },
  });

  function startAgain() {
    setStep('password');
    codeStep.setFailure(null);
    codeStep.form.setValues({ code: '' });
    codeStep.form.clearErrors();
  }

  return (
    <Stack gap="md" maw={440} mx="auto" mt="xl">
      <Title order={1}>{t('signIn.title')}</Title>
      <Paper withBorder p="lg">
        {step === 'password' ? (
          <form {...passwordStep.formProps} aria-labelledby="sign-in-intro">
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
                {...passwordStep.form.getInputProps('username')}
              />
              <PasswordInput
                label={t('signIn.password')}
                name="password"
                autoComplete="current-password"
                required
                {...passwordStep.form.getInputProps('password')}
                visibilityToggleButtonProps={{ 'aria-label': t('signIn.showPassword') }}
              />
              <WriteFeedback write={passwordStep} failureTitle={t('signIn.failedTitle')} />
              <Group>
                <Button type="submit" loading={passwordStep.busy}>
                  {t('signIn.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <form {...codeStep.formProps} aria-labelledby="sign-in-code-title">
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
                {...codeStep.form.getInputProps('code')}
              />
              <WriteFeedback write={codeStep} failureTitle={t('signIn.failedTitle')} />
              <Group justify="space-between">
                <Button type="submit" loading={codeStep.busy}>
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
