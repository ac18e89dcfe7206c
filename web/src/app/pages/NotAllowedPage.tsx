import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../usePageTitle.ts';

/** Shown for a page the signed-in user's roles do not give access to (a bookmark, a shared link). */
export function NotAllowedPage() {
  const { t } = useTranslation('common');
  usePageTitle(t('notAllowed.title'));
  return (
    <Stack gap="md" maw={760}>
      <Title order={1}>{t('notAllowed.title')}</Title>
      <Text>{t('notAllowed.body')}</Text>
      <Anchor component={Link} to="/">
        {t('notAllowed.home')}
      </Anchor>
    </Stack>
  );
}
