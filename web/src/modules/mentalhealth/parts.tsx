import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { displayName } from '../../app/format.ts';
import { usePerson, usePersons } from '../registry/registry.api.ts';

/** What went wrong, in words: the server's field codes translated (`mentalhealth:errors.<code>`). */
export function useProblemText() {
  const { t } = useTranslation('mentalhealth');
  const message = useErrorMessage();
  return useCallback(
    (error: unknown) => {
      const problem = error instanceof ApiError ? error.problem : undefined;
      const codes = [...(problem?.errors ?? []).map((f) => f.code), ...(problem?.code ? [problem.code] : [])];
      const known = codes.map((c) => t(`errors.${c}`, { defaultValue: '' })).filter(Boolean);
      return known.length ? [...new Set(known)].join(' ') : message(error);
    },
    [t, message],
  );
}

/** The field code's words, for a form to place on its field. */
export function useFieldMessage() {
  const { t } = useTranslation('mentalhealth');
  return useCallback((code: string) => t(`errors.${code}`, { defaultValue: '' }) || undefined, [t]);
}

/** The person a form is about: searched by name or prison number, then shown with a way to change. */
export function PersonPicker({ personId, onChange }: { personId: string; onChange: (id: string) => void }) {
  const { t } = useTranslation('mentalhealth');
  const [q, setQ] = useState('');
  const persons = usePersons(q.trim().length >= 2 ? q.trim() : '');
  const person = usePerson(personId, Boolean(personId));
  if (personId && person.data)
    return (
      <Group>
        <Text fw={700}>
          {displayName(person.data)} · {person.data.prisonNumber}
        </Text>
        <Button variant="subtle" size="xs" onClick={() => onChange('')}>
          {t('person.other')}
        </Button>
      </Group>
    );
  return (
    <Stack gap={4}>
      <TextInput
        label={t('person.label')}
        description={t('person.hint')}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
      />
      {q.trim().length >= 2
        ? (persons.data?.pages[0]?.items ?? []).slice(0, 8).map((p) => (
            <Button key={p.id} variant="default" justify="start" onClick={() => onChange(p.id)}>
              {displayName(p)} · {p.prisonNumber}
            </Button>
          ))
        : null}
    </Stack>
  );
}
