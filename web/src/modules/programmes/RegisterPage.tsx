import { Alert, Anchor, Button, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useActiveInstitution } from '../../app/activeInstitution.ts';
import { useFormats } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useTbRegister } from './programmes.api.ts';

const statuses = ['presumptive', 'registered', 'on_treatment', 'closed'] as const;

/**
 * The TB register of the active institution (issue 16 item 2), as a national TB programme officer
 * reads it: register number, dates, WHO category, bacteriology, site, resistance, regimen, outcome;
 * newest first, 50 a page.
 */
export function RegisterPage() {
  const { t } = useTranslation('programmes');
  usePageTitle(t('registerPage.title'));
  const { date } = useFormats();
  const { activeId } = useActiveInstitution();
  const [status, setStatus] = useState('');
  const [cursors, setCursors] = useState<string[]>(['']);
  const cursor = cursors[cursors.length - 1] ?? '';
  const register = useTbRegister(activeId, status, cursor);
  const code = (words: string, v: string | null) => (v ? t(`${words}.${v}`) : '—');
  return (
    <Stack>
      <Title order={1}>{t('registerPage.title')}</Title>
      <Text>{t('registerPage.intro')}</Text>
      {!activeId ? <Alert color="blue">{t('chooseInstitution')}</Alert> : null}
      <Group align="flex-end">
        <NativeSelect
          label={t('registerPage.status')}
          value={status}
          onChange={(e) => {
            setStatus(e.currentTarget.value);
            setCursors(['']);
          }}
          data={[
            { value: '', label: t('registerPage.all') },
            ...statuses.map((s) => ({ value: s, label: t(`status.${s}`) })),
          ]}
        />
        <Anchor component={Link} to="/tb/report">
          {t('reportPage.title')}
        </Anchor>
      </Group>
      {activeId ? (
        <QueryState query={register} empty={t('registerPage.none')} isEmpty={(d) => d.items.length === 0}>
          {(d) => (
            <Stack>
              <Table.ScrollContainer minWidth={900}>
                <Table striped withTableBorder captionSide="top">
                  <Table.Caption>{t('registerPage.caption')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('registerPage.number')}</Table.Th>
                      <Table.Th scope="col">{t('registerPage.person')}</Table.Th>
                      <Table.Th scope="col">{t('registerPage.status')}</Table.Th>
                      <Table.Th scope="col">{t('register.registeredOn')}</Table.Th>
                      <Table.Th scope="col">{t('register.category')}</Table.Th>
                      <Table.Th scope="col">{t('register.bacteriology')}</Table.Th>
                      <Table.Th scope="col">{t('register.site')}</Table.Th>
                      <Table.Th scope="col">{t('register.resistance')}</Table.Th>
                      <Table.Th scope="col">{t('treatment.regimen')}</Table.Th>
                      <Table.Th scope="col">{t('outcome.title')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {d.items.map((r) => (
                      <Table.Tr key={r.episodeId}>
                        <Table.Td>{r.registerNumber ?? '—'}</Table.Td>
                        <Table.Td>
                          <Anchor
                            component={Link}
                            to={`/registry/persons/${encodeURIComponent(r.person.id)}?tab=programmes`}
                          >
                            {`${r.person.prisonNumber ?? ''} ${r.person.name}`.trim()}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{t(`status.${r.status}`)}</Table.Td>
                        <Table.Td>
                          {r.registeredOn
                            ? date(r.registeredOn)
                            : `${t('episode.presumedOn')} ${date(r.presumedOn)}`}
                        </Table.Td>
                        <Table.Td>{code('categories', r.category)}</Table.Td>
                        <Table.Td>{code('bacteriology', r.bacteriology)}</Table.Td>
                        <Table.Td>{code('sites', r.site)}</Table.Td>
                        <Table.Td>{code('resistance', r.resistance)}</Table.Td>
                        <Table.Td>{r.regimenCode ?? '—'}</Table.Td>
                        <Table.Td>
                          {r.outcome ? `${code('outcomes', r.outcome)} (${date(r.outcomeOn)})` : '—'}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Group>
                {cursors.length > 1 ? (
                  <Button variant="default" onClick={() => setCursors(cursors.slice(0, -1))}>
                    {t('previous')}
                  </Button>
                ) : null}
                {d.nextCursor ? (
                  <Button variant="default" onClick={() => setCursors([...cursors, d.nextCursor as string])}>
                    {t('next')}
                  </Button>
                ) : null}
              </Group>
            </Stack>
          )}
        </QueryState>
      ) : null}
    </Stack>
  );
}
