import { NativeSelect, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRegistryLabels } from '../modules/registry/labels.ts';
import { ALL_INSTITUTIONS, useActiveInstitution } from './activeInstitution.ts';
import { useTimeZoneNote } from './format.ts';

/**
 * The institution the user is working in (ADR 0009). Several to choose from (or national scope): a
 * labelled select; exactly one: its name; none: nothing. The choice is only a default for forms and
 * filters, remembered in this browser for this user.
 */
export function InstitutionSwitcher() {
  const { t } = useTranslation('registry');
  const labels = useRegistryLabels();
  const { activeId, setActiveId, choices, national, ready } = useActiveInstitution();
  if (!ready || (choices.length === 0 && !national)) return null;
  const label = (i: (typeof choices)[number]) => `${i.code} · ${labels.institutionName(i.name)}`;
  const only = choices[0];
  if (!national && choices.length === 1 && only) {
    return (
      <div className="institution-switcher" data-testid="institution-name">
        <Text size="xs" c="dimmed">
          {t('switcher.label')}
        </Text>
        <Text size="sm" fw={600}>
          {label(only)}
        </Text>
      </div>
    );
  }
  return (
    <NativeSelect
      className="institution-switcher"
      label={t('switcher.label')}
      description={t('switcher.hint')}
      size="sm"
      value={activeId}
      onChange={(event) => setActiveId(event.currentTarget.value)}
    >
      <option value={ALL_INSTITUTIONS}>{national ? t('switcher.all') : t('switcher.allMine')}</option>
      {choices.map((i) => (
        <option key={i.id} value={i.id}>
          {label(i)}
        </option>
      ))}
    </NativeSelect>
  );
}

/**
 * Issue 14: under the institution, the time zone every time is shown and typed in (the chosen
 * institution's, else the deployment's), so that nobody on a PC set to another zone doubts it.
 */
export function TimeZoneNote() {
  const note = useTimeZoneNote();
  const { activeId, choices } = useActiveInstitution();
  const zone = choices.find((i) => i.id === activeId)?.timeZone;
  return (
    <Text size="xs" c="dimmed" data-testid="time-zone-note" className="time-zone-note">
      {note(zone)}
    </Text>
  );
}
