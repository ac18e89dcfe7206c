import { type ContactInvestigation, contactOutcomes } from '@custodia/domain/programmes';
import { Anchor, Button, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useFormats } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWrite } from '../../app/useWriteForm.tsx';
import { worklistKey } from '../../app/Worklist.tsx';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import { CodeSelect, DateField, MiniForm, todayIn } from './parts.tsx';
import { programmeKeys, programmeWrites, useContactInvestigation } from './programmes.api.ts';

/**
 * TB-5: a contact investigation — everyone who shared a cell or unit with the index case in the last
 * 3 months, from the placement history — with each contact's screening, recorded on its line.
 */
export function ContactsPage() {
  const { t } = useTranslation('programmes');
  usePageTitle(t('contacts.title'));
  const { id = '' } = useParams();
  const data = useContactInvestigation(id);
  const { date, dateTime } = useFormats();
  const zone = useTimeZoneOf()(data.data?.pages[0]?.institutionId);
  const canRecord = allows(useCurrentUser(), 'programmes.record');
  return (
    <Stack>
      <Title order={1}>{t('contacts.title')}</Title>
      <QueryState query={data}>
        {({ pages }) => {
          const ci = pages[0] as ContactInvestigation;
          const contacts = pages.flatMap((p) => p.contacts);
          return (
            <Stack>
              <Text>
                {t('contacts.index')}:{' '}
                <Anchor
                  component={Link}
                  to={`/registry/persons/${encodeURIComponent(ci.indexPerson.id)}?tab=programmes`}
                >
                  {`${ci.indexPerson.prisonNumber ?? ''} ${ci.indexPerson.name}`.trim()}
                </Anchor>
              </Text>
              <Text>
                {t('contacts.window', {
                  from: dateTime(ci.windowFrom, zone),
                  to: dateTime(ci.windowTo, zone),
                })}
              </Text>
              {ci.total === 0 ? <Text>{t('contacts.none')}</Text> : null}
              {ci.total ? (
                <Table striped withTableBorder captionSide="top" data-testid="tb-contacts">
                  <Table.Caption>
                    {t('contacts.caption', { n: ci.total })} ·{' '}
                    {t('contacts.screenedCount', { n: ci.screened })}
                  </Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('registerPage.person')}</Table.Th>
                      <Table.Th scope="col">{t('contacts.setting')}</Table.Th>
                      <Table.Th scope="col">{t('contacts.overlap')}</Table.Th>
                      <Table.Th scope="col">{t('contacts.screening')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {contacts.map((c) => (
                      <Table.Tr key={c.id}>
                        <Table.Td>{`${c.person.prisonNumber ?? ''} ${c.person.name}`.trim()}</Table.Td>
                        <Table.Td>{t(`settings.${c.setting}`)}</Table.Td>
                        <Table.Td>
                          {dateTime(c.overlapFrom, zone)} – {dateTime(c.overlapTo, zone)}
                        </Table.Td>
                        <Table.Td>
                          {c.screenedOn ? (
                            `${t(`contactOutcomes.${c.outcome}`)} (${date(c.screenedOn)})`
                          ) : canRecord ? (
                            <ContactScreen
                              contactId={c.id}
                              investigationId={ci.id}
                              zone={zone}
                              name={c.person.name}
                            />
                          ) : (
                            t('contacts.toScreen')
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              ) : null}
              {data.hasNextPage ? (
                <Button
                  variant="default"
                  loading={data.isFetchingNextPage}
                  onClick={() => void data.fetchNextPage()}
                >
                  {t('contacts.more', { shown: contacts.length, total: ci.total })}
                </Button>
              ) : null}
            </Stack>
          );
        }}
      </QueryState>
    </Stack>
  );
}

function ContactScreen({
  contactId,
  investigationId,
  zone,
  name,
}: {
  contactId: string;
  investigationId: string;
  zone: string | undefined;
  name: string;
}) {
  const { t } = useTranslation('programmes');
  const write = useWrite(
    (body: unknown) => programmeWrites.screenContact(contactId, body),
    () => [programmeKeys.contacts(investigationId), worklistKey],
  );
  const [v, setV] = useState({ outcome: '', screenedOn: todayIn(zone) });
  return (
    <MiniForm
      title={t('contacts.screenOf', { name })}
      submit={t('contacts.submit')}
      onSubmit={() => write.mutateAsync(v)}
    >
      <CodeSelect
        label={t('contacts.outcome')}
        value={v.outcome}
        onChange={(x) => setV({ ...v, outcome: x })}
        codes={contactOutcomes}
        words="contactOutcomes"
      />
      <DateField
        label={t('contacts.screenedOn')}
        value={v.screenedOn}
        onChange={(x) => setV({ ...v, screenedOn: x })}
      />
    </MiniForm>
  );
}
