import type { HealthAlertDetail } from '@custodia/domain/clinical';
import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { alertText } from './labels.ts';

/** A health alert as custodial staff see it where they act: its codes and its period (MED-3). */
export interface SafetyAlertView {
  id: string;
  detail: { kind: string };
}

/**
 * MED-3: the health alerts in force of one person ("Observe every 15 minutes", "Infection control:
 * airborne"), in words, from their codes only — what to do, never why. Shown where custodial staff act:
 * the person's summary, the search results, the restraint start form and board. Nothing when there are
 * none (or when the reader may not see them: the server then sends none).
 */
export function SafetyAlerts({
  alerts,
  size = 'md',
}: {
  alerts: SafetyAlertView[] | undefined;
  size?: 'sm' | 'md';
}) {
  const { t } = useTranslation('clinical');
  if (!alerts?.length) return null;
  return (
    <Group gap={4} component="ul" aria-label={t('alerts.title')} m={0} p={0} style={{ listStyle: 'none' }}>
      {alerts.map((a) => (
        <Badge
          key={a.id}
          component="li"
          data-alert-kind={a.detail.kind}
          color="#a51d2d"
          variant="filled"
          tt="none"
          size={size === 'sm' ? 'md' : 'lg'}
          radius="sm"
          // The whole instruction, wrapped if need be: never cut off with an ellipsis.
          styles={{
            root: { height: 'auto', maxWidth: '100%', paddingBlock: 2 },
            label: { whiteSpace: 'normal', overflow: 'visible', textOverflow: 'clip', lineHeight: 1.3 },
          }}
        >
          {alertText(t, a.detail as HealthAlertDetail)}
        </Badge>
      ))}
    </Group>
  );
}
