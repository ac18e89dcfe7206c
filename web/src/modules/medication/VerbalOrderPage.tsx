import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { displayName } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { usePerson } from '../registry/registry.api.ts';
import { usePersonMedication } from './medication.api.ts';
import { PrescriptionForm } from './PrescribePage.tsx';

/**
 * A doctor's verbal (telephone) order, recorded by a nurse (ADR 0045): the prescription as dictated,
 * structured like any other (MDX-1), and the doctor who gave it; it is active at once and waits for
 * the doctor's countersignature.
 */
export function VerbalOrderPage() {
  const { t } = useTranslation('medication');
  const { id = '' } = useParams();
  usePageTitle(t('orders.verbal.title'));
  const person = usePerson(id);
  const medication = usePersonMedication(id);
  return (
    <Stack maw={720}>
      <Title order={1}>{t('orders.verbal.title')}</Title>
      <QueryState query={person} loading={t('loading')}>
        {(p) => <Title order={2}>{`${displayName(p)} · ${p.prisonNumber}`}</Title>}
      </QueryState>
      <Text>{t('orders.verbal.about')}</Text>
      <QueryState query={medication} loading={t('loading')}>
        {(data) => (
          <PrescriptionForm
            personId={id}
            institutionId={person.data?.institution?.id}
            allergies={data.allergies}
            active={data.prescriptions.filter((p) => p.status !== 'stopped')}
            verbal
          />
        )}
      </QueryState>
    </Stack>
  );
}
