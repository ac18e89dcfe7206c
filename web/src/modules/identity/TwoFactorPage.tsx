import { twoFactorSchema } from '@custodia/domain/identity';
import {
  Alert,
  Anchor,
  Button,
  Code,
  CopyButton,
  Group,
  Image,
  List,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { accountPaths, refreshSession, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm, WriteFeedback } from '../../app/useWriteForm.tsx';
import { type Enrolment, useConfirmEnrolment, useStartEnrolment } from './identity.api.ts';

/** An SVG string as an image source (the Content-Security-Policy allows data: images, not inline HTML). */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}

/** The key in groups of four characters, easier to type by hand (authenticator apps ignore spaces). */
export function groupsOfFour(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

/**
 * Two-factor sign-in set-up: start (a new secret), scan the QR code or type the key, confirm with a
 * first code, then see the ten recovery codes — once, with a hint to print or copy them.
 */
export function TwoFactorPage() {
  const { t } = useTranslation('identity');
  const errorMessage = useErrorMessage();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  usePageTitle(t('twoFactor.title'));

  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const codesTitleRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (enrolment && !recoveryCodes) codeRef.current?.focus();
  }, [enrolment, recoveryCodes]);
  useEffect(() => {
    if (recoveryCodes) codesTitleRef.current?.focus();
  }, [recoveryCodes]);

  const starting = useStartEnrolment();
  const confirming = useWriteForm({
    initialValues: { code: '' },
    schema: twoFactorSchema,
    write: useConfirmEnrolment(),
    onSuccess: (answer) => setRecoveryCodes(answer.recoveryCodes),
    // A refused code is cleared, and the field is ready for the next one.
    refused: () => {
      confirming.form.setFieldValue('code', '');
      codeRef.current?.focus();
      return undefined;
    },
  });

  if (!user) return null;
  const required = user.twoFactorEnrolmentRequired;

  function start() {
    starting.mutate(undefined, {
      onSuccess: (started) => {
        setEnrolment(started);
        confirming.form.setValues({ code: '' });
      },
    });
  }

  async function finish() {
    await refreshSession(queryClient);
    navigate(required ? '/' : accountPaths.account, { replace: true });
  }

  if (recoveryCodes) {
    return (
      <Stack gap="md" maw={760}>
        <Title order={1}>{t('twoFactor.title')}</Title>
        <Alert color="teal" role="status">
          {t('twoFactor.enabled')}
        </Alert>
        <Title order={2} ref={codesTitleRef} tabIndex={-1}>
          {t('twoFactor.recoveryTitle')}
        </Title>
        <Text>{t('twoFactor.recoveryIntro')}</Text>
        <Text fw={600}>{t('twoFactor.recoveryOnce')}</Text>
        <Paper withBorder p="md" maw={360}>
          <List type="ordered" spacing={4} aria-label={t('twoFactor.recoveryTitle')}>
            {recoveryCodes.map((recovery) => (
              <List.Item key={recovery}>
                <Code fz="md">{recovery}</Code>
              </List.Item>
            ))}
          </List>
        </Paper>
        <Group className="no-print">
          <CopyButton value={recoveryCodes.join('\n')}>
            {({ copied, copy }) => (
              <Button variant="default" onClick={copy}>
                {copied ? t('twoFactor.copied') : t('twoFactor.copy')}
              </Button>
            )}
          </CopyButton>
          <Button variant="default" onClick={() => window.print()}>
            {t('twoFactor.print')}
          </Button>
          <Button onClick={finish}>{t('twoFactor.saved')}</Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Stack gap="md" maw={760}>
      <Title order={1}>{t('twoFactor.title')}</Title>
      {required ? (
        <Alert color="blue" title={t('twoFactor.requiredTitle')}>
          {t('twoFactor.required')}
        </Alert>
      ) : null}
      {!enrolment && user.twoFactorEnabled ? (
        <>
          <Alert color="teal" role="status">
            {t('twoFactor.alreadyOn')}
          </Alert>
          <Text>{t('twoFactor.keepCodes')}</Text>
          <Anchor component={Link} to={accountPaths.account}>
            {t('twoFactor.backToAccount')}
          </Anchor>
        </>
      ) : !enrolment ? (
        <>
          <Text>{t('twoFactor.intro')}</Text>
          {starting.isError ? (
            <Alert color="red" role="alert">
              {errorMessage(starting.error)}
            </Alert>
          ) : null}
          <div>
            <Button onClick={start} loading={starting.isPending}>
              {t('twoFactor.start')}
            </Button>
          </div>
        </>
      ) : (
        <>
          <Title order={2}>{t('twoFactor.scanTitle')}</Title>
          <Text>{t('twoFactor.scan')}</Text>
          <Image
            src={svgDataUri(enrolment.qrSvg)}
            alt={t('twoFactor.qrAlt')}
            w={220}
            h={220}
            fit="contain"
            style={{ border: '1px solid var(--mantine-color-gray-4)' }}
          />
          <Text>{t('twoFactor.manual')}</Text>
          <Code block fz="lg" id="two-factor-secret" maw={520}>
            {groupsOfFour(enrolment.secret)}
          </Code>
          <form {...confirming.formProps}>
            <Stack gap="md" maw={360}>
              <TextInput
                ref={codeRef}
                label={t('twoFactor.code')}
                description={t('twoFactor.codeHint')}
                autoComplete="one-time-code"
                inputMode="numeric"
                required
                {...confirming.form.getInputProps('code')}
              />
              <WriteFeedback write={confirming} />
              <Group>
                <Button type="submit" loading={confirming.busy}>
                  {t('twoFactor.confirm')}
                </Button>
              </Group>
            </Stack>
          </form>
        </>
      )}
    </Stack>
  );
}
