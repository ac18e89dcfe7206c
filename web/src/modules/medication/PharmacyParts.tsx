import { Anchor, Badge, Group, Select } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useActiveInstitution } from '../../app/activeInstitution.ts';
import { WARNING_COLOR } from '../../app/format.ts';
import { allows, useCurrentUser } from '../../app/session.ts';
import { useInstitutions, useTimeZoneOf } from '../registry/registry.api.ts';

/** The institution a pharmacy page is about: `?institutionId=` (a worklist line), else the active one. */
export function usePharmacyInstitution() {
  const active = useActiveInstitution();
  const institutions = useInstitutions();
  const [search] = useSearchParams();
  const [picked, setPicked] = useState('');
  const chosen = picked || search.get('institutionId') || active.activeId || active.choices[0]?.id || '';
  const zone = useTimeZoneOf()(chosen);
  const options = (institutions.data ?? [])
    .filter((i) => active.choices.some((c) => c.id === i.id))
    .map((i) => ({ value: i.id, label: i.code }));
  return { institutionId: chosen, setInstitutionId: setPicked, options, zone };
}

export function InstitutionPicker({
  value,
  options,
  onChange,
}: {
  value: string;
  options: { value: string; label: string }[];
  onChange: (id: string) => void;
}) {
  const { t } = useTranslation('medication');
  return (
    <Select
      label={t('round.institution')}
      data={options}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      allowDeselect={false}
      w={200}
    />
  );
}

/** The pharmacy's pages, one link each (those the user may open). */
export function PharmacyLinks({ institutionId }: { institutionId: string }) {
  const { t } = useTranslation('medication');
  const user = useCurrentUser();
  const q = institutionId ? `?institutionId=${encodeURIComponent(institutionId)}` : '';
  const manage = allows(user, 'medication.stock.manage');
  const links = [
    { to: '/medication/pharmacy', label: t('pharmacy.links.stock'), show: true },
    { to: '/medication/pharmacy/receive', label: t('pharmacy.links.receive'), show: manage },
    { to: '/medication/pharmacy/dispense', label: t('pharmacy.links.dispense'), show: manage },
    { to: '/medication/pharmacy/write-off', label: t('pharmacy.links.writeOff'), show: manage },
    { to: '/medication/pharmacy/controlled', label: t('pharmacy.links.controlled'), show: true },
    { to: '/medication/pharmacy/report', label: t('pharmacy.links.report'), show: true },
  ];
  return (
    <Group component="nav" aria-label={t('pharmacy.links.label')} gap="md">
      {links
        .filter((l) => l.show)
        .map((l) => (
          <Anchor key={l.to} component={Link} to={`${l.to}${q}`}>
            {l.label}
          </Anchor>
        ))}
    </Group>
  );
}

/** A batch's expiry as a badge: expired (red), within 60 days (orange), else nothing. */
export function ExpiryBadge({ expiry }: { expiry: 'expired' | 'expiring' | 'ok' }) {
  const { t } = useTranslation('medication');
  if (expiry === 'ok') return null;
  return (
    <Badge color={expiry === 'expired' ? 'red.9' : WARNING_COLOR} variant="filled">
      {t(`pharmacy.expiry.${expiry}`)}
    </Badge>
  );
}
