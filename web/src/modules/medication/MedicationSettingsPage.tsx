import { type MedicationSettingsView, roundNames } from '@custodia/domain/medication';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useDrugName } from './labels.ts';
import { refusalText, useDrugs } from './medication.api.ts';
import { useMedicationSettings, useSaveSettings } from './orders.api.ts';
import { InstitutionPicker, usePharmacyInstitution } from './PharmacyParts.tsx';

/**
 * An institution's medication settings (ADR 0045; health manager, system administrator): the round
 * times, whether feldshers may prescribe, and the institution's own drug flags (MDX-5). The
 * countersignature time and the other limits are rule thresholds (their own page, X-4).
 */
export function MedicationSettingsPage() {
  const { t } = useTranslation('medication');
  usePageTitle(t('orders.settings.title'));
  const { institutionId, setInstitutionId, options } = usePharmacyInstitution();
  const settings = useMedicationSettings(institutionId);
  return (
    <Stack maw={900}>
      <Title order={1}>{t('orders.settings.title')}</Title>
      <InstitutionPicker value={institutionId} options={options} onChange={setInstitutionId} />
      <QueryState query={settings} loading={t('loading')}>
        {(s) => (
          <SettingsForm
            key={`${institutionId}-${JSON.stringify(s)}`}
            institutionId={institutionId}
            initial={s}
          />
        )}
      </QueryState>
    </Stack>
  );
}

function SettingsForm({
  institutionId,
  initial,
}: {
  institutionId: string;
  initial: MedicationSettingsView;
}) {
  const { t } = useTranslation('medication');
  const save = useSaveSettings(institutionId);
  const drugs = useDrugs('');
  const drugName = useDrugName();
  const errorMessage = useErrorMessage();
  const [feldsher, setFeldsher] = useState(initial.feldsherMayPrescribe);
  const [times, setTimes] = useState(initial.roundTimes);
  const [flags, setFlags] = useState(initial.drugFlags);
  const [adding, setAdding] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const nameOf = (id: string) => {
    const d = drugs.data?.find((x) => x.id === id);
    return d ? drugName(d) : id;
  };
  const badTime = roundNames.some((r) => !/^([01]\d|2[0-3]):[0-5]\d$/.test(times[r]));
  return (
    <Stack>
      <Text>{t('orders.settings.countersignHours', { hours: initial.countersignHours })}</Text>
      <Switch
        label={t('orders.settings.feldsher')}
        checked={feldsher}
        onChange={(e) => setFeldsher(e.currentTarget.checked)}
      />
      <Title order={2}>{t('orders.settings.roundTimes')}</Title>
      <Group>
        {roundNames.map((r) => (
          <TextInput
            key={r}
            type="time"
            label={t(`rounds.${r}`)}
            value={times[r]}
            onChange={(e) => setTimes({ ...times, [r]: e.currentTarget.value })}
          />
        ))}
      </Group>
      <Title order={2}>{t('orders.settings.flags')}</Title>
      <Text size="sm">{t('orders.settings.flagsAbout')}</Text>
      {flags.length ? (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('prescription.drug')}</Table.Th>
              <Table.Th>{t('orders.settings.highRisk')}</Table.Th>
              <Table.Th>{t('orders.settings.supervisedOnly')}</Table.Th>
              <Table.Th>{t('orders.settings.programme')}</Table.Th>
              <Table.Th>{t('prescription.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {flags.map((f, i) => {
              const update = (c: Partial<typeof f>) =>
                setFlags(flags.map((x, j) => (j === i ? { ...x, ...c } : x)));
              const name = nameOf(f.drugId);
              return (
                <Table.Tr key={f.drugId}>
                  <Table.Td>{name}</Table.Td>
                  <Table.Td>
                    <Checkbox
                      aria-label={t('orders.settings.highRiskOf', { drug: name })}
                      checked={f.highRisk}
                      onChange={(e) => update({ highRisk: e.currentTarget.checked })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Checkbox
                      aria-label={t('orders.settings.supervisedOnlyOf', { drug: name })}
                      checked={f.supervisedOnly}
                      onChange={(e) => update({ supervisedOnly: e.currentTarget.checked })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('orders.settings.programmeOf', { drug: name })}
                      clearable
                      value={f.programme}
                      data={(['tb', 'ost', 'hiv', 'hcv'] as const).map((p) => ({
                        value: p,
                        label: t(`programmes.${p}`, { defaultValue: p.toUpperCase() }),
                      }))}
                      onChange={(v) => update({ programme: (v as typeof f.programme) ?? null })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => setFlags(flags.filter((_, j) => j !== i))}
                    >
                      {t('orders.settings.remove')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm">{t('orders.settings.noFlags')}</Text>
      )}
      <Group align="end">
        <Select
          label={t('orders.settings.addDrug')}
          searchable
          value={adding}
          data={(drugs.data ?? [])
            .filter((d) => !flags.some((f) => f.drugId === d.id))
            .map((d) => ({ value: d.id, label: drugName(d) }))}
          onChange={setAdding}
        />
        <Button
          variant="default"
          disabled={!adding}
          onClick={() => {
            const d = drugs.data?.find((x) => x.id === adding);
            if (!d) return;
            setFlags([
              ...flags,
              {
                drugId: d.id,
                highRisk: d.highRisk,
                programme: d.programme,
                supervisedOnly: d.supervisedOnly,
              },
            ]);
            setAdding(null);
          }}
        >
          {t('orders.settings.add')}
        </Button>
      </Group>
      {failure ? (
        <Alert color="red" role="alert">
          {failure}
        </Alert>
      ) : null}
      {notice ? (
        <Alert color="green" role="status">
          {notice}
        </Alert>
      ) : null}
      <Button
        w="fit-content"
        loading={save.isPending}
        onClick={() => {
          setFailure(null);
          setNotice(null);
          if (badTime) {
            setFailure(t('orders.settings.badTime'));
            return;
          }
          save.mutateAsync({ feldsherMayPrescribe: feldsher, roundTimes: times, drugFlags: flags }).then(
            () => setNotice(t('orders.settings.saved')),
            (error) => setFailure(refusalText(t, error, errorMessage)),
          );
        }}
      >
        {t('orders.settings.save')}
      </Button>
    </Stack>
  );
}
