import { Box, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/**
 * The person search in the header, on every page (for users who may read the registry): Enter opens
 * the search page with the results. Any script and any part of a name, or a prison number.
 */
export function PersonSearchBox() {
  const { t } = useTranslation('registry');
  const navigate = useNavigate();
  const [q, setQ] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = q.trim();
    if (!next) return;
    navigate(`/registry/persons?${new URLSearchParams({ q: next })}`);
    setQ('');
  }

  return (
    <Box component="search" visibleFrom="md" aria-label={t('headerSearch.region')}>
      <form onSubmit={submit}>
        <TextInput
          aria-label={t('headerSearch.label')}
          placeholder={t('headerSearch.placeholder')}
          type="search"
          name="person-search"
          size="sm"
          w={240}
          maxLength={120}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
        />
      </form>
    </Box>
  );
}
