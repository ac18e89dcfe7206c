import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { allows, useCurrentUser } from '../../app/session.ts';
import { releaseLetterUrl } from './orders.api.ts';

/**
 * On the person's medication tab (ADR 0045): a nurse records a doctor's verbal order; health staff
 * download the prescription letter for release in az, en or ru (TRC-4). The planned release date is
 * the registry's (ADR 0050, ADR 0055): kept on the person's custodial summary, linked from here.
 */
export function PersonOrdersActions({ personId }: { personId: string }) {
  const { t } = useTranslation('medication');
  const user = useCurrentUser();
  const id = encodeURIComponent(personId);
  return (
    <Stack gap="xs">
      {allows(user, 'medication.verbal_order.record') ? (
        <Button
          component={Link}
          variant="default"
          to={`/medication/persons/${id}/verbal-order`}
          w="fit-content"
        >
          {t('orders.verbal.record')}
        </Button>
      ) : null}
      <Text size="sm">
        {t('orders.release.registryDate')}{' '}
        <Anchor component={Link} to={`/registry/persons/${id}`}>
          {t('orders.release.registryLink')}
        </Anchor>
      </Text>
      <Group gap="xs">
        <Text size="sm">{t('orders.release.letter')}</Text>
        {(['az', 'en', 'ru'] as const).map((language) => (
          <Anchor key={language} href={releaseLetterUrl(personId, language)} download>
            {t(`orders.release.letterIn.${language}`)}
          </Anchor>
        ))}
      </Group>
    </Stack>
  );
}
