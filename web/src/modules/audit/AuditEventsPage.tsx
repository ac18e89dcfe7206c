import { auditOutcomes } from '@custodia/domain/audit';
import {
  Alert,
  Button,
  Group,
  Loader,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { fromLocalInput, useTimeZoneNote } from '../../app/format.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { AuditEventTable } from './AuditEventTable.tsx';
import { type AuditSearch, useAuditEvents } from './audit.api.ts';

const FIELDS = ['username', 'personId', 'from', 'to', 'outcome'] as const;
type Field = (typeof FIELDS)[number];
type Form = Record<Field, string>;

/**
 * A `datetime-local` value as an ISO instant, read in the deployment's time zone (issue 14: not the
 * browser's), or undefined when empty or invalid.
 */
export function localToInstant(value: string): string | undefined {
  const instant = fromLocalInput(value, undefined);
  return instant && !Number.isNaN(Date.parse(instant)) ? instant : undefined;
}

function toSearch(form: Form): AuditSearch {
  const search: AuditSearch = {};
  if (form.username.trim()) search.username = form.username.trim();
  if (form.personId.trim()) search.personId = form.personId.trim();
  const from = localToInstant(form.from);
  const to = localToInstant(form.to);
  if (from) search.from = from;
  if (to) search.to = to;
  if (form.outcome === 'allowed' || form.outcome === 'denied') search.outcome = form.outcome;
  return search;
}

/**
 * Search the audit trail by user, person, time range and outcome, newest first, a page at a time.
 * The search lives in the address, so it can be bookmarked and the back button works.
 */
export function AuditEventsPage() {
  const { t } = useTranslation('audit');
  const errorMessage = useErrorMessage();
  const zoneNote = useTimeZoneNote();
  const [params, setParams] = useSearchParams();
  const applied = Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? ''])) as Form;
  const [form, setForm] = useState<Form>(applied);
  const [rangeError, setRangeError] = useState<string | null>(null);
  const events = useAuditEvents(toSearch(applied));
  usePageTitle(t('events.title'));

  const items = events.data?.pages.flatMap((page) => page.items) ?? [];
  const set = (field: Field) => (value: string) => setForm((f) => ({ ...f, [field]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const from = localToInstant(form.from);
    const to = localToInstant(form.to);
    if (from && to && from >= to) {
      setRangeError(t('events.rangeError'));
      return;
    }
    setRangeError(null);
    const next: Record<string, string> = {};
    for (const field of FIELDS) if (form[field].trim()) next[field] = form[field].trim();
    setParams(next);
  }

  function clear() {
    const empty = Object.fromEntries(FIELDS.map((f) => [f, ''])) as Form;
    setForm(empty);
    setRangeError(null);
    setParams({});
  }

  return (
    <Stack gap="md">
      <Title order={1}>{t('events.title')}</Title>
      <Text maw={760}>{t('events.intro')}</Text>

      {/* biome-ignore lint/a11y/useSemanticElements: <search> is unknown to older browsers (and jsdom). */}
      <form onSubmit={submit} role="search" aria-label={t('events.searchLabel')} className="no-print">
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
            <TextInput
              label={t('events.username')}
              value={form.username}
              onChange={(e) => set('username')(e.currentTarget.value)}
              maxLength={64}
              autoCapitalize="none"
              spellCheck={false}
            />
            <TextInput
              label={t('events.personId')}
              value={form.personId}
              onChange={(e) => set('personId')(e.currentTarget.value)}
              maxLength={64}
              spellCheck={false}
            />
            <NativeSelect
              label={t('events.outcome')}
              value={form.outcome}
              onChange={(e) => set('outcome')(e.currentTarget.value)}
              data={[
                { value: '', label: t('events.anyOutcome') },
                ...auditOutcomes.map((o) => ({ value: o, label: t(`outcomes.${o}`) })),
              ]}
            />
            <TextInput
              type="datetime-local"
              label={t('events.from')}
              description={zoneNote()}
              value={form.from}
              onChange={(e) => set('from')(e.currentTarget.value)}
              error={rangeError}
            />
            <TextInput
              type="datetime-local"
              label={t('events.to')}
              description={`${t('events.toHint')} ${zoneNote()}`}
              value={form.to}
              onChange={(e) => set('to')(e.currentTarget.value)}
            />
          </SimpleGrid>
          <Group gap="sm">
            <Button type="submit">{t('events.search')}</Button>
            <Button variant="default" onClick={clear}>
              {t('events.clear')}
            </Button>
          </Group>
        </Stack>
      </form>

      {events.isPending ? (
        <Group gap="sm" role="status">
          <Loader size="sm" />
          <Text>{t('events.loading')}</Text>
        </Group>
      ) : events.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(events.error)}
        </Alert>
      ) : items.length === 0 ? (
        <Text role="status">{t('events.none')}</Text>
      ) : (
        <>
          <Text size="sm" role="status">
            {events.hasNextPage
              ? t('events.shownMore', { n: items.length })
              : t('events.shown', { n: items.length })}
          </Text>
          <AuditEventTable
            events={items}
            caption={t('events.caption')}
            columns={[
              'at',
              'user',
              'action',
              'resource',
              'person',
              'dataClass',
              'purpose',
              'outcome',
              'clientAddress',
            ]}
          />
          {events.hasNextPage ? (
            <div className="no-print">
              <Button
                variant="default"
                onClick={() => void events.fetchNextPage()}
                loading={events.isFetchingNextPage}
              >
                {t('events.loadMore')}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </Stack>
  );
}
