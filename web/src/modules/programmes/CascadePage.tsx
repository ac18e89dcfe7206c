import { hcvCascadeSteps, hivCascadeSteps } from '@custodia/domain/programmes';
import { Alert, Anchor, Group, Stack, Table, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActiveInstitution } from '../../app/activeInstitution.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { type BbvCascade, cascadeExportUrl, useCascade } from './bbv.api.ts';

/** DAT-6: the mark of a count left out (explained on the page). */
const SUPPRESSED = '•';

/**
 * The HIV and hepatitis C cascades of an institution and period (issue 16 item 5; ADR 0048): each
 * step with its definition on the page, CSV and PDF, small counts left out for readers outside the
 * health service (DAT-6).
 */
export function CascadePage() {
  const { t, i18n } = useTranslation('programmes');
  const language = i18n.resolvedLanguage ?? 'az';
  usePageTitle(t('cascade.title'));
  const { activeId } = useActiveInstitution();
  const year = new Date().getUTCFullYear();
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year}-12-31`);
  const report = useCascade(activeId, from, to);
  return (
    <Stack>
      <Title order={1}>{t('cascade.title')}</Title>
      <Group align="flex-end">
        <TextInput
          type="date"
          label={t('cascade.from')}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
          maw={200}
        />
        <TextInput
          type="date"
          label={t('cascade.to')}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          maw={200}
        />
      </Group>
      <Group>
        <Anchor href={cascadeExportUrl(activeId, from, to, 'csv', language)} download>
          {t('reportPage.csv')}
        </Anchor>
        <Anchor href={cascadeExportUrl(activeId, from, to, 'pdf', language)} download>
          {t('reportPage.pdf')}
        </Anchor>
      </Group>
      <QueryState query={report}>{(r) => <CascadeTables report={r} />}</QueryState>
    </Stack>
  );
}

function CascadeTables({ report: r }: { report: BbvCascade }) {
  const { t } = useTranslation('programmes');
  const n = (v: number | null) => (v === null ? SUPPRESSED : v);
  const table = (key: 'hiv' | 'hcv', steps: readonly string[]) => (
    <Table withTableBorder captionSide="top" data-testid={`cascade-${key}`}>
      <Table.Caption>{t(`cascade.${key}`)}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('cascade.step')}</Table.Th>
          <Table.Th scope="col">{t('cascade.count')}</Table.Th>
          <Table.Th scope="col">{t('cascade.definition')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {steps.map((s) => (
          <Table.Tr key={s}>
            <Table.Th scope="row">{t(`cascade.steps.${key}.${s}`)}</Table.Th>
            <Table.Td>{n((r[key] as Record<string, number | null>)[s] ?? null)}</Table.Td>
            <Table.Td>{t(`cascade.definitions.${key}.${s}`)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
  return (
    <Stack>
      {r.suppression ? (
        <Alert color="blue">
          {t('reportPage.suppressed', { n: r.suppression.threshold, mark: SUPPRESSED })}
        </Alert>
      ) : null}
      {table('hiv', hivCascadeSteps)}
      {table('hcv', hcvCascadeSteps)}
    </Stack>
  );
}
