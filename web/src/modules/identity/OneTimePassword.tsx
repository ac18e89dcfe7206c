import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A one-time password, shown once: the administrator hands it over in private; the user must choose
 * a new password at first sign-in. It is not stored in the browser and not shown again.
 */
export function OneTimePassword({
  title,
  username,
  password,
}: {
  title: string;
  username: string;
  password: string;
}) {
  const { t } = useTranslation('identity');
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <Alert color="teal" title={title} ref={ref} tabIndex={-1} role="status">
      <Stack gap="xs">
        <Text>{t('oneTimePassword.intro', { username })}</Text>
        <Group gap="sm">
          <Text fw={600}>{t('oneTimePassword.label')}</Text>
          <Code fz="lg" aria-label={t('oneTimePassword.label')} data-testid="one-time-password">
            {password}
          </Code>
          <CopyButton value={password}>
            {({ copied, copy }) => (
              <Button size="xs" variant="default" onClick={copy}>
                {copied ? t('oneTimePassword.copied') : t('oneTimePassword.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Text size="sm">{t('oneTimePassword.once')}</Text>
      </Stack>
    </Alert>
  );
}
