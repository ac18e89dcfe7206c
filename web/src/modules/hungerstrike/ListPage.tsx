import { Alert, Button, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActiveInstitution } from '../../app/activeInstitution.ts';
import { useFormats } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import { useHungerStrikes } from './hungerstrike.api.ts';
import { EpisodeTable } from './PersonHungerStrikesTab.tsx';

/** The hunger strikes health care follows in the active institution (HUN-5), open or ended, paged. */
export function ListPage() {
  const { t } = useTranslation('hungerstrike');
  usePageTitle(t('list.title'));
  const { activeId } = useActiveInstitution();
  const [state, setState] = useState<'open' | 'ended'>('open');
  const [cursors, setCursors] = useState<string[]>(['']);
  const cursor = cursors.at(-1) ?? '';
  const list = useHungerStrikes(activeId, state, cursor);
  const zoneOf = useTimeZoneOf();
  const { dateTime } = useFormats();
  return (
    <Stack>
      <Title order={1}>{t('list.title')}</Title>
      {!activeId ? (
        <Alert color="blue">{t('chooseInstitution')}</Alert>
      ) : (
        <>
          <Text>{t('list.intro')}</Text>
          <SegmentedControl
            w="fit-content"
            aria-label={t('list.which')}
            value={state}
            onChange={(v) => {
              setState(v as 'open' | 'ended');
              setCursors(['']);
            }}
            data={[
              { value: 'open', label: t('list.open') },
              { value: 'ended', label: t('list.ended') },
            ]}
          />
          <QueryState query={list}>
            {(page) =>
              page.items.length ? (
                <Stack>
                  <EpisodeTable
                    items={page.items}
                    caption={t(state === 'open' ? 'list.open' : 'list.ended')}
                    zoneOf={zoneOf}
                    dateTime={dateTime}
                    withPerson
                  />
                  <Group>
                    {cursors.length > 1 ? (
                      <Button variant="default" onClick={() => setCursors((c) => c.slice(0, -1))}>
                        {t('list.previous')}
                      </Button>
                    ) : null}
                    {page.nextCursor ? (
                      <Button
                        variant="default"
                        onClick={() => setCursors((c) => [...c, page.nextCursor as string])}
                      >
                        {t('list.next')}
                      </Button>
                    ) : null}
                  </Group>
                </Stack>
              ) : (
                <Text>{t('list.none')}</Text>
              )
            }
          </QueryState>
        </>
      )}
    </Stack>
  );
}
