import type { thresholdDefinitions } from '@custodia/domain/clinical';
import { Alert, Button, Group, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActiveInstitution } from '../../app/activeInstitution.ts';
import { ApiError, apiFetch } from '../../app/api.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useTerminology } from './clinical.api.ts';

/** DAT-5: ICD-10 by code or words, in any imported language and script. */
export function TerminologyPage() {
  const { t, i18n } = useTranslation('clinical');
  usePageTitle(t('terminology.title'));
  const [q, setQ] = useState('');
  const results = useTerminology(q, i18n.language);
  const items = results.data ?? [];
  return (
    <Stack maw={900}>
      <Title order={1}>{t('terminology.title')}</Title>
      <TextInput
        label={t('terminology.search')}
        description={t('terminology.hint')}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        data-autofocus
      />
      {items.some((c) => c.demo) ? (
        <Alert color="orange" role="status">
          {t('terminology.demo')}
        </Alert>
      ) : null}
      {q.trim() && results.isSuccess && items.length === 0 ? <Text>{t('terminology.none')}</Text> : null}
      {items.length ? (
        <Table striped withTableBorder captionSide="top">
          <Table.Caption>{t('terminology.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('terminology.code')}</Table.Th>
              <Table.Th scope="col">{t('terminology.text')}</Table.Th>
              <Table.Th scope="col">{t('terminology.language')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((c) => (
              <Table.Tr key={c.code}>
                <Table.Th scope="row">{c.code}</Table.Th>
                <Table.Td>{c.display}</Table.Td>
                <Table.Td>{c.language}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Stack>
  );
}

interface Threshold {
  id: keyof typeof thresholdDefinitions;
  defaultValue: number;
  value: number;
  sourceRef: string;
  legalBasis: string | null;
  setAt: string | null;
}

const asTime = (minutes: number) =>
  minutes % 60 === 0
    ? `${minutes / 60} h`
    : minutes > 60
      ? `${Math.floor(minutes / 60)} h ${minutes % 60} min`
      : `${minutes} min`;

function ThresholdEditor({
  threshold,
  institutionId,
  onDone,
}: {
  threshold: Threshold;
  institutionId: string;
  onDone: () => void;
}) {
  const { t } = useTranslation('clinical');
  const message = useErrorMessage();
  const [value, setValue] = useState(String(threshold.value));
  const [legalBasis, setLegalBasis] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const looser = Number(value) > threshold.defaultValue;
  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    if (looser && legalBasis.trim().length < 10) {
      setFailure(t('rules.legal_basis_required'));
      return;
    }
    try {
      await apiFetch(`/api/v1/rule-thresholds/${encodeURIComponent(threshold.id)}`, {
        method: 'PUT',
        json: {
          value: Number(value),
          legalBasis: legalBasis.trim() || null,
          institutionId: institutionId || null,
        },
      });
      onDone();
    } catch (error) {
      const code = error instanceof ApiError ? error.problem?.errors?.[0]?.code : undefined;
      setFailure(code ? t(`rules.${code}`, { defaultValue: message(error) }) : message(error));
    }
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <TextInput
          label={t('rules.newValue')}
          inputMode="numeric"
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
        />
        <Textarea
          label={t('rules.legalBasis')}
          description={t('rules.legalBasisHint', { value: asTime(threshold.defaultValue) })}
          required={looser}
          value={legalBasis}
          onChange={(e) => setLegalBasis(e.currentTarget.value)}
        />
        {failure ? (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        ) : null}
        <Group>
          <Button type="submit" size="xs">
            {t('rules.save')}
          </Button>
          <Button size="xs" variant="default" onClick={onDone}>
            {t('rules.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** X-1, X-4: the time limits in force with their sources; loosening one needs a legal basis. */
export function RulesPage() {
  const { t } = useTranslation('clinical');
  usePageTitle(t('rules.title'));
  const user = useCurrentUser();
  const { activeId } = useActiveInstitution();
  const queryClient = useQueryClient();
  const key = ['clinical', 'rules', activeId];
  const thresholds = useQuery({
    queryKey: key,
    queryFn: async ({ signal }) =>
      (
        await apiFetch<{ items: Threshold[] }>(
          `/api/v1/rule-thresholds${activeId ? `?institutionId=${encodeURIComponent(activeId)}` : ''}`,
          { signal },
        )
      ).items,
  });
  const [editing, setEditing] = useState<string | null>(null);
  const mayEdit = allows(user, 'rules.threshold.manage');
  return (
    <Stack>
      <Title order={1}>{t('rules.title')}</Title>
      <Text>{t('rules.intro')}</Text>
      <Table striped withTableBorder captionSide="top">
        <Table.Caption>{t('rules.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('rules.rule')}</Table.Th>
            <Table.Th scope="col">{t('rules.value')}</Table.Th>
            <Table.Th scope="col">{t('rules.default')}</Table.Th>
            <Table.Th scope="col">{t('rules.source')}</Table.Th>
            <Table.Th scope="col">{t('rules.legalBasis')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(thresholds.data ?? []).map((th) => (
            <Table.Tr key={th.id}>
              <Table.Th scope="row">
                {t(`rules.names.${th.id.replaceAll('.', '_')}`, { defaultValue: th.id })}
              </Table.Th>
              <Table.Td>
                {th.id.endsWith('_episodes') ? th.value : asTime(th.value)}
                {mayEdit && editing !== th.id ? (
                  <Button size="xs" variant="subtle" ml="xs" onClick={() => setEditing(th.id)}>
                    {t('rules.change')}
                  </Button>
                ) : null}
                {editing === th.id ? (
                  <ThresholdEditor
                    threshold={th}
                    institutionId={activeId}
                    onDone={() => {
                      setEditing(null);
                      void queryClient.invalidateQueries({ queryKey: key });
                    }}
                  />
                ) : null}
              </Table.Td>
              <Table.Td>{th.id.endsWith('_episodes') ? th.defaultValue : asTime(th.defaultValue)}</Table.Td>
              <Table.Td>{th.sourceRef}</Table.Td>
              <Table.Td>{th.legalBasis ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
