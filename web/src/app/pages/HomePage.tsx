import { List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../usePageTitle.ts';
import { Worklist } from '../Worklist.tsx';

const upcoming = ['screenings', 'doses', 'observations', 'contacts'] as const;

/**
 * The worklist home: what must be done now, from every module (`GET /api/v1/worklist`), or plainly
 * that nothing is due; then what will be listed as more modules come into use.
 */
export function HomePage() {
  const { t } = useTranslation('common');
  usePageTitle(t('home.title'));
  return (
    <Stack gap="md" maw={760}>
      <Title order={1}>{t('home.title')}</Title>
      <Worklist />
      <Text>{t('home.intro')}</Text>
      <List spacing="xs">
        {upcoming.map((item) => (
          <List.Item key={item}>{t(`home.items.${item}`)}</List.Item>
        ))}
      </List>
    </Stack>
  );
}
