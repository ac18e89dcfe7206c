import { Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { allows, useCurrentUser } from '../../app/session.ts';
import { refusalText } from './medication.api.ts';
import { releaseLetterUrl, useReleasePlan } from './orders.api.ts';

/**
 * On the person's medication tab (ADR 0045): a nurse records a doctor's verbal order; a prescriber
 * records the planned release date (TRC-6); health staff download the prescription letter for
 * release in az, en or ru (TRC-4).
 */
export function PersonOrdersActions({ personId }: { personId: string }) {
  const { t } = useTranslation('medication');
  const user = useCurrentUser();
  const plan = useReleasePlan(personId);
  const errorMessage = useErrorMessage();
  const [plannedOn, setPlannedOn] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
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
      {allows(user, 'medication.prescribe') ? (
        <Group align="end">
          <TextInput
            type="date"
            label={t('orders.release.plannedOn')}
            value={plannedOn}
            onChange={(e) => setPlannedOn(e.currentTarget.value)}
          />
          <Button
            variant="default"
            loading={plan.isPending}
            onClick={() => {
              setMessage(null);
              plan.mutateAsync({ plannedOn }).then(
                () => setMessage({ ok: true, text: t('orders.release.planned') }),
                (error) => setMessage({ ok: false, text: refusalText(t, error, errorMessage) }),
              );
            }}
          >
            {t('orders.release.plan')}
          </Button>
        </Group>
      ) : null}
      {message ? (
        <Text role={message.ok ? 'status' : 'alert'} c={message.ok ? undefined : 'red'}>
          {message.text}
        </Text>
      ) : null}
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
