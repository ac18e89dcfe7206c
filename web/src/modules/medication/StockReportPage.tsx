import { calendarDateIn } from '@custodia/domain/platform';
import { Anchor, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { homeTimeZone } from '../../app/format.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { InstitutionPicker, PharmacyLinks, usePharmacyInstitution } from './PharmacyParts.tsx';
import { stockReportUrl } from './pharmacy.api.ts';

/** The stock and expiry report (ADR 0040): an institution and a month, as CSV or PDF. */
export function StockReportPage() {
  const { t } = useTranslation('medication');
  usePageTitle(t('pharmacy.report.title'));
  const { institutionId, setInstitutionId, options, zone } = usePharmacyInstitution();
  const [month, setMonth] = useState(() => calendarDateIn(new Date(), zone ?? homeTimeZone()).slice(0, 7));
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  return (
    <Stack>
      <Title order={1}>{t('pharmacy.report.title')}</Title>
      <PharmacyLinks institutionId={institutionId} />
      <Group align="end">
        <InstitutionPicker value={institutionId} options={options} onChange={setInstitutionId} />
        <TextInput
          type="month"
          label={t('pharmacy.report.month')}
          value={month}
          onChange={(e) => setMonth(e.currentTarget.value)}
          error={valid ? undefined : t('pharmacy.report.monthInvalid')}
        />
      </Group>
      <Text>{t('pharmacy.report.about')}</Text>
      {valid && institutionId ? (
        <Group>
          <Anchor href={stockReportUrl(institutionId, month, 'csv')} download>
            {t('pharmacy.report.csv')}
          </Anchor>
          <Anchor href={stockReportUrl(institutionId, month, 'pdf')} download>
            {t('pharmacy.report.pdf')}
          </Anchor>
        </Group>
      ) : null}
    </Stack>
  );
}
