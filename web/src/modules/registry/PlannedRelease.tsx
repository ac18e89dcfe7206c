import { Button, Group, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { useRegistryLabels } from './labels.ts';
import { type PersonSummary, problemFieldCode, useSetPlannedRelease } from './registry.api.ts';

/**
 * The planned release date of the current custody (ADR 0050): shown to every reader of the person,
 * changed by the registry (`registry.person.write`) while the person is in custody. A date before
 * the admission is refused by the server, in words, at the field.
 */
export function PlannedRelease({ person, canWrite }: { person: PersonSummary; canWrite: boolean }) {
  const { t } = useTranslation('registry');
  const labels = useRegistryLabels();
  const message = useErrorMessage();
  const write = useSetPlannedRelease(person.id);
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(person.plannedReleaseDate ?? '');
  const [saved, setSaved] = useState(false);
  const held = person.status === 'in_custody' || person.status === 'temporarily_absent';
  const code = problemFieldCode(write.error);
  const error =
    write.error instanceof ApiError && code
      ? t(`fieldErrors.${code}`, { defaultValue: '' }) || message(write.error)
      : write.error
        ? message(write.error)
        : null;
  const save = (date: string | null) => {
    setSaved(false);
    write.mutate(date, {
      onSuccess: () => {
        setEditing(false);
        setSaved(true);
      },
    });
  };
  if (editing)
    return (
      <Group gap="xs" align="end">
        <TextInput
          type="date"
          size="sm"
          label={t('person.plannedRelease')}
          description={t('person.plannedReleaseHint')}
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          error={error}
          data-autofocus
        />
        <Button size="sm" onClick={() => save(value || null)} loading={write.isPending}>
          {t('person.plannedReleaseSave')}
        </Button>
        {person.plannedReleaseDate ? (
          <Button size="sm" variant="default" onClick={() => save(null)} disabled={write.isPending}>
            {t('person.plannedReleaseClear')}
          </Button>
        ) : null}
        <Button size="sm" variant="subtle" onClick={() => setEditing(false)}>
          {t('actionForms.cancel')}
        </Button>
      </Group>
    );
  return (
    <Group gap="xs">
      <Text size="sm">
        <Text span fw={600}>
          {t('person.plannedRelease')}:
        </Text>{' '}
        {person.plannedReleaseDate ? labels.date(person.plannedReleaseDate) : t('person.plannedReleaseNone')}
      </Text>
      {canWrite && held ? (
        <Button
          size="xs"
          variant="subtle"
          className="no-print"
          onClick={() => {
            setValue(person.plannedReleaseDate ?? '');
            write.reset();
            setEditing(true);
          }}
        >
          {t('person.plannedReleaseChange')}
        </Button>
      ) : null}
      {saved ? (
        <Text size="sm" role="status" c="teal.9">
          {t('person.plannedReleaseSaved')}
        </Text>
      ) : null}
    </Group>
  );
}
