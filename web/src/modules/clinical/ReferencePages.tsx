import { type ThresholdId, thresholdChangeProblem, thresholdDefinitions } from '@custodia/domain/clinical';
import {
  Alert,
  Button,
  Group,
  Loader,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { TFunction } from 'i18next';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActiveInstitution } from '../../app/activeInstitution.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { WARNING_COLOR } from '../../app/format.ts';
import { LANGUAGES } from '../../app/i18n.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm } from '../../app/useWriteForm.tsx';
import { useRegistryLabels } from '../registry/labels.ts';
import { type Threshold, useSetThreshold, useTerminology, useThresholds } from './clinical.api.ts';
import { FormDialog, FormFooter } from './FormParts.tsx';
import { useClinicalLabels } from './labels.ts';
import { ruleMessage, useClinicalFormMessages } from './validation.ts';

/**
 * `/clinical/terminology` (DAT-5): ICD-10 codes by code or by words, in any imported language and
 * script ("A15", "tuberk", "туберкул", "vərəm"), each answer in the wording of the chosen language
 * where there is one. Codes from the demonstration list are said to be so.
 */
export function TerminologyPage() {
  const { t, i18n } = useTranslation('clinical');
  const errorMessage = useErrorMessage();
  usePageTitle(t('terminology.title'));
  const [q, setQ] = useState('');
  const [language, setLanguage] = useState<string>(i18n.resolvedLanguage ?? 'az');
  const [debounced] = useDebouncedValue(q, 250);
  const results = useTerminology(debounced, language);
  const items = results.data ?? [];
  const languageName = (code: string) => t(`terminology.languages.${code}`, { defaultValue: code });

  return (
    <Stack gap="md" maw={960}>
      <Title order={1}>{t('terminology.title')}</Title>
      <Text>{t('terminology.intro')}</Text>
      <Group align="start" grow>
        <TextInput
          label={t('terminology.search')}
          description={t('terminology.hint')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          autoComplete="off"
          maxLength={120}
          data-autofocus
        />
        <NativeSelect
          label={t('terminology.wording')}
          description={t('terminology.wordingHint')}
          value={language}
          onChange={(e) => setLanguage(e.currentTarget.value)}
          data={LANGUAGES.map((l) => ({ value: l.code, label: languageName(l.code) }))}
        />
      </Group>
      <div role="status">
        {results.isFetching ? (
          <Group gap="sm">
            <Loader size="xs" />
            <Text size="sm">{t('problems.searching')}</Text>
          </Group>
        ) : debounced.trim() && results.isSuccess && items.length === 0 ? (
          <Text>{t('terminology.none')}</Text>
        ) : null}
      </div>
      {results.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(results.error)}
        </Alert>
      ) : null}
      {items.some((c) => c.demo) ? (
        <Alert color={WARNING_COLOR} variant="light" title={t('problems.demoTitle')}>
          {t('terminology.demo')}
        </Alert>
      ) : null}
      {items.length > 0 ? (
        <Table.ScrollContainer minWidth={480}>
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
                <Table.Tr key={`${c.system}|${c.code}`}>
                  <Table.Th scope="row">{c.code}</Table.Th>
                  <Table.Td lang={c.language}>
                    {c.display}
                    {c.demo ? (
                      <Text span size="sm">
                        {' '}
                        · {t('terminology.demoMark')}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{languageName(c.language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Stack>
  );
}

/** Whether a threshold counts minutes, or days (the others count episodes: RST-7 repeated use). */
const inMinutes = (id: string) => id.endsWith('_minutes');
const inDays = (id: string) => id.endsWith('_days');

/** A limit in words: "1 h 30 min", "24 h", "15 min", or "3 episodes". */
export function thresholdText(t: TFunction, id: string, value: number): string {
  if (inDays(id)) return t('rules.days', { ns: 'clinical', count: value });
  if (!inMinutes(id)) return t('rules.episodes', { ns: 'clinical', count: value });
  const h = Math.floor(value / 60);
  const m = value % 60;
  if (!h) return t('rules.duration.m', { ns: 'clinical', m });
  return m ? t('rules.duration.hm', { ns: 'clinical', h, m }) : t('rules.duration.h', { ns: 'clinical', h });
}

/** The translation key of a threshold's name: `rules.names.ADM-1_screening_due_minutes`. */
const nameKey = (id: string) => `rules.names.${id.replaceAll('.', '_')}`;

/**
 * Sets a limit (`rules.threshold.manage`). Tightening is free; a value looser (higher) than the
 * strictest default needs the legal basis recorded, and every value stays in the rule's range.
 */
function ThresholdForm({
  threshold,
  institutionId,
  onCancel,
  onDone,
}: {
  threshold: Threshold & { id: ThresholdId };
  institutionId: string;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation('clinical');
  const def = thresholdDefinitions[threshold.id];
  const write = useWriteForm({
    ...useClinicalFormMessages(),
    initialValues: { value: String(threshold.value), legalBasis: threshold.legalBasis ?? '' },
    toBody: (values) => ({
      value: Number(values.value.trim()),
      legalBasis: values.legalBasis.trim() || null,
      institutionId: institutionId || null,
    }),
    refine: (values, errors) => {
      const n = Number(values.value.trim());
      if (values.value.trim() === '' || !Number.isInteger(n))
        return { ...errors, value: t('rules.wholeNumber') };
      const problem = thresholdChangeProblem(threshold.id, n, values.legalBasis);
      if (problem)
        return { ...errors, [problem === 'out_of_bounds' ? 'value' : 'legalBasis']: ruleMessage(t, problem) };
      return errors;
    },
    write: useSetThreshold(threshold.id, institutionId),
    onSuccess: onDone,
  });
  const { value } = write.form.values;
  const number = Number(value.trim());
  const valid = value.trim() !== '' && Number.isInteger(number);
  const looser = valid && number > def.defaultValue;
  const text = (v: number) => thresholdText(t, threshold.id, v);

  return (
    <form {...write.formProps}>
      <Stack gap="sm">
        <Text size="sm">{threshold.sourceRef}</Text>
        <TextInput
          label={
            inMinutes(threshold.id)
              ? t('rules.valueMinutes')
              : inDays(threshold.id)
                ? t('rules.valueDays')
                : t('rules.valueEpisodes')
          }
          description={t('rules.range', {
            min: text(def.min),
            max: text(def.max),
            default: text(def.defaultValue),
          })}
          required
          inputMode="numeric"
          autoComplete="off"
          {...write.form.getInputProps('value')}
          data-autofocus
        />
        {valid && inMinutes(threshold.id) ? (
          <Text size="sm" aria-live="polite">
            {t('rules.means', { time: text(number) })}
          </Text>
        ) : null}
        {looser ? (
          <Alert color={WARNING_COLOR} variant="light" title={t('rules.looserTitle')}>
            {t('rules.looserBody', { default: text(def.defaultValue) })}
          </Alert>
        ) : null}
        <Textarea
          label={t('rules.legalBasis')}
          description={t('rules.legalBasisHint', { value: text(def.defaultValue) })}
          required={looser}
          {...write.form.getInputProps('legalBasis')}
          rows={3}
          maxLength={1000}
        />
        <FormFooter failure={write.failure} busy={write.busy} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

const known = (th: Threshold): th is Threshold & { id: ThresholdId } => th.id in thresholdDefinitions;

/**
 * `/clinical/rules` (`rules.threshold.read`, everyone signed in): every time limit in force for the institution the user works
 * in now (or the national value), with its strictest default, its source and the legal basis of
 * a looser value. Users with `rules.threshold.manage` change them.
 */
export function RulesPage() {
  const { t } = useTranslation('clinical');
  usePageTitle(t('rules.title'));
  const _errorMessage = useErrorMessage();
  const labels = useClinicalLabels();
  const registryLabels = useRegistryLabels();
  const mayEdit = allows(useCurrentUser(), 'rules.threshold.manage');
  const active = useActiveInstitution();
  const thresholds = useThresholds(active.activeId);
  const [editing, setEditing] = useState<(Threshold & { id: ThresholdId }) | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const institutionName = registryLabels.institutionName(
    active.choices.find((i) => i.id === active.activeId)?.name,
  );

  return (
    <Stack gap="md" maw={1200}>
      <Title order={1}>{t('rules.title')}</Title>
      <Text>{t('rules.intro')}</Text>
      <Text fw={600}>
        {active.activeId ? t('rules.forInstitution', { institution: institutionName }) : t('rules.national')}
      </Text>
      <div ref={noticeRef} tabIndex={-1} role="status">
        {notice ? (
          <Alert color="teal" variant="light">
            {notice}
          </Alert>
        ) : null}
      </div>
      <QueryState query={thresholds} loading={t('rules.loading')} failedTitle={t('rules.failed')}>
        {(list) => (
          <Paper withBorder>
            <Table.ScrollContainer minWidth={900}>
              <Table striped captionSide="top">
                <Table.Caption>{t('rules.caption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('rules.rule')}</Table.Th>
                    <Table.Th scope="col">{t('rules.value')}</Table.Th>
                    <Table.Th scope="col">{t('rules.default')}</Table.Th>
                    <Table.Th scope="col">{t('rules.source')}</Table.Th>
                    <Table.Th scope="col">{t('rules.legalBasis')}</Table.Th>
                    {mayEdit ? <Table.Th scope="col">{t('rules.actions')}</Table.Th> : null}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((th) => {
                    const name = t(nameKey(th.id), { defaultValue: th.id });
                    const looser = th.value > th.defaultValue;
                    return (
                      <Table.Tr key={th.id}>
                        <Table.Th scope="row">
                          {name}
                          <Text size="xs" c="dimmed" fw={400}>
                            {th.id}
                          </Text>
                        </Table.Th>
                        <Table.Td>
                          <Text span fw={600}>
                            {thresholdText(t, th.id, th.value)}
                          </Text>
                          {looser ? (
                            <Text size="sm" c={WARNING_COLOR}>
                              {t('rules.looserMark')}
                            </Text>
                          ) : null}
                          {th.setAt ? (
                            <Text size="xs">{t('rules.setAt', { when: labels.dateTime(th.setAt) })}</Text>
                          ) : null}
                        </Table.Td>
                        <Table.Td>{thresholdText(t, th.id, th.defaultValue)}</Table.Td>
                        <Table.Td>{th.sourceRef}</Table.Td>
                        <Table.Td>{th.legalBasis ?? t('rules.noLegalBasis')}</Table.Td>
                        {mayEdit ? (
                          <Table.Td>
                            {known(th) ? (
                              <Button
                                size="compact-sm"
                                variant="default"
                                aria-label={`${t('rules.change')}: ${name}`}
                                onClick={() => {
                                  setNotice(null);
                                  setEditing(th);
                                }}
                              >
                                {t('rules.change')}
                              </Button>
                            ) : null}
                          </Table.Td>
                        ) : null}
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
      </QueryState>
      <FormDialog
        title={
          editing ? `${t('rules.change')}: ${t(nameKey(editing.id), { defaultValue: editing.id })}` : null
        }
        opened={editing !== null}
        onClose={() => setEditing(null)}
      >
        {editing ? (
          <ThresholdForm
            threshold={editing}
            institutionId={active.activeId}
            onCancel={() => setEditing(null)}
            onDone={() => {
              setEditing(null);
              setNotice(t('rules.saved'));
              noticeRef.current?.focus();
            }}
          />
        ) : null}
      </FormDialog>
    </Stack>
  );
}
