import { Anchor, Group, Text, Title } from '@mantine/core';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { useFormats } from '../../app/format.ts';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import type { HungerEpisode } from './hungerstrike.api.ts';

export { newIdempotencyKey } from '../../app/idempotency.ts';

/**
 * What went wrong, in words: the server's field codes translated (`hungerstrike:errors.<code>`), else
 * the problem's own code's words (`force_feeding_not_permitted`…). Never a raw code.
 */
export function useProblemText() {
  const { t } = useTranslation('hungerstrike');
  const message = useErrorMessage();
  return useCallback(
    (error: unknown) => {
      const fields = error instanceof ApiError ? (error.problem?.errors ?? []) : [];
      const known = fields.map((f) => t(`errors.${f.code}`, { defaultValue: '' })).filter(Boolean);
      return known.length ? [...new Set(known)].join(' ') : message(error);
    },
    [t, message],
  );
}

/** The field code's words, for a form to place on its field. */
export function useFieldMessage() {
  const { t } = useTranslation('hungerstrike');
  return useCallback((code: string) => t(`errors.${code}`, { defaultValue: '' }) || undefined, [t]);
}

/** The heading of every page of one strike: who, since when, its state, and the record's pages. */
export function EpisodeHeader({ episode, title }: { episode: HungerEpisode; title: string }) {
  const { t } = useTranslation('hungerstrike');
  const { dateTime } = useFormats();
  const zone = useTimeZoneOf()(episode.institutionId);
  const enc = encodeURIComponent(episode.id);
  return (
    <>
      <Title order={1}>{title}</Title>
      <Text fw={700}>
        {episode.name} · {episode.prisonNumber}
      </Text>
      <Text>
        {t('record.since', { when: dateTime(episode.startedAt, zone) })} · {t(`types.${episode.type}`)} ·{' '}
        {t(episode.collective ? 'record.collective' : 'record.individual')} · {t(`states.${episode.state}`)}
        {episode.due ? ` · ${t('record.dayNumber', { day: episode.due.dayNumber })}` : ''}
      </Text>
      <Group component="nav" aria-label={t('record.pages')} gap="md">
        <Anchor component={Link} to={`/hunger-strikes/${enc}`}>
          {t('record.title')}
        </Anchor>
        <Anchor component={Link} to={`/hunger-strikes/${enc}/instructions`}>
          {t('instructions.title')}
        </Anchor>
        <Anchor component={Link} to={`/hunger-strikes/${enc}/refeeding`}>
          {t('refeeding.title')}
        </Anchor>
        <Anchor
          component={Link}
          to={`/registry/persons/${encodeURIComponent(episode.personId)}?tab=hunger-strikes`}
        >
          {t('record.person')}
        </Anchor>
      </Group>
    </>
  );
}
