import { List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../usePageTitle.ts';

const upcoming = ['screenings', 'doses', 'observations', 'contacts'] as const;

/**
 * The worklist home: what must be done now. Each module will contribute its due items here; until
 * one does, the page says that nothing is due and what will be listed.
 */
export function HomePage() {
  const { t } = useTranslation('common');
  usePageTitle(t('home.title'));
  return (
    <Stack gap="md" maw={760}>
      <Title order={1}>{t('home.title')}</Title>
      <Paper withBorder p="lg">
        <Text fw={600} size="lg">
          {t('home.empty')}
        </Text>
      </Paper>
      <Text>{t('home.intro')}</Text>
      <List spacing="xs">
        {upcoming.map((item) => (
          <List.Item key={item}>{t(`home.items.${item}`)}</List.Item>
        ))}
      </List>
    </Stack>
  );
}
