import { Alert, Anchor, Button, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { useFormats } from '../../app/format.ts';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { AuditEventTable } from './AuditEventTable.tsx';
import {
  type PersonSummary,
  subjectAccessCsvUrl,
  subjectAccessPdfUrl,
  usePersonSummary,
  useSubjectAccess,
} from './audit.api.ts';

/** Prison number, name and date of birth, in Latin letters where the registry has them. */
function personLabel(person: PersonSummary): string {
  const name = [
    person.surnameLatin ?? person.surnameCyrillic,
    person.givenNameLatin ?? person.givenNameCyrillic,
  ]
    .filter(Boolean)
    .join(' ');
  return [person.prisonNumber, name, person.birthDate].filter(Boolean).join(' · ');
}

/**
 * The subject-access report (PRODUCT.md: "a person's own access history can be produced"): who
 * looked at this person's medical file, when, in which role and why. As a table, as a CSV file, and
 * on paper through the browser's print (the PDF path). Producing it is itself audited.
 */
export function SubjectAccessPage() {
  const { t, i18n } = useTranslation('audit');
  const { dateTime } = useFormats();
  const errorMessage = useErrorMessage();
  const [params, setParams] = useSearchParams();
  const personId = params.get('personId') ?? '';
  const [input, setInput] = useState(personId);
  const [inputError, setInputError] = useState<string | null>(null);
  const report = useSubjectAccess(personId);
  const canLookUp = allows(useCurrentUser(), 'registry.person.read');
  const person = usePersonSummary(personId, canLookUp);
  usePageTitle(t('subjectAccess.title'));

  const items = report.data?.pages.flatMap((page) => page.items) ?? [];
  const producedAt = report.dataUpdatedAt ? dateTime(new Date(report.dataUpdatedAt).toISOString()) : '';

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = input.trim();
    if (!next) {
      setInputError(t('subjectAccess.personIdRequired'));
      return;
    }
    setInputError(null);
    setParams({ personId: next });
  }

  return (
    <Stack gap="md">
      <Title order={1}>{t('subjectAccess.title')}</Title>
      <Text maw={760} className="no-print">
        {t('subjectAccess.intro')}
      </Text>

      <form onSubmit={submit} noValidate className="no-print" aria-label={t('subjectAccess.formLabel')}>
        <Stack gap="sm" align="flex-start">
          <TextInput
            label={t('subjectAccess.personId')}
            description={t('subjectAccess.personIdHint')}
            required
            value={input}
            onChange={(e) => setInput(e.currentTarget.value)}
            error={inputError}
            maxLength={64}
            spellCheck={false}
            w={360}
          />
          <Button type="submit">{t('subjectAccess.produce')}</Button>
        </Stack>
      </form>

      {!personId ? null : report.isPending ? (
        <Group gap="sm" role="status">
          <Loader size="sm" />
          <Text>{t('subjectAccess.loading')}</Text>
        </Group>
      ) : report.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(report.error)}
        </Alert>
      ) : (
        <Stack gap="sm" component="section" aria-labelledby="subject-access-report">
          <Title order={2} id="subject-access-report">
            {t('subjectAccess.reportTitle', { personId })}
          </Title>
          {person.data ? (
            <Text fw={600}>{t('subjectAccess.person', { person: personLabel(person.data) })}</Text>
          ) : canLookUp && person.data === null ? (
            <Text size="sm">{t('subjectAccess.personUnknown')}</Text>
          ) : null}
          <Text size="sm">{t('subjectAccess.producedAt', { time: producedAt })}</Text>
          <Group gap="md" className="no-print">
            <Button variant="default" onClick={() => window.print()}>
              {t('subjectAccess.print')}
            </Button>
            <Anchor href={subjectAccessCsvUrl(personId, i18n.resolvedLanguage ?? 'az')} download>
              {t('subjectAccess.csv')}
            </Anchor>
            {person.data ? (
              <Anchor href={subjectAccessPdfUrl(personId, i18n.resolvedLanguage ?? 'az')} download>
                {t('subjectAccess.pdf')}
              </Anchor>
            ) : null}
          </Group>
          {items.length === 0 ? (
            <Text role="status">{t('subjectAccess.none')}</Text>
          ) : (
            <>
              <Text size="sm" role="status">
                {report.hasNextPage
                  ? t('subjectAccess.shownMore', { n: items.length })
                  : t('subjectAccess.shown', { n: items.length })}
              </Text>
              <AuditEventTable
                events={items}
                caption={t('subjectAccess.caption', { personId })}
                columns={['at', 'user', 'action', 'dataClass', 'purpose', 'outcome']}
              />
              {report.hasNextPage ? (
                <div className="no-print">
                  <Button
                    variant="default"
                    onClick={() => void report.fetchNextPage()}
                    loading={report.isFetchingNextPage}
                  >
                    {t('subjectAccess.loadMore')}
                  </Button>
                </div>
              ) : null}
            </>
          )}
        </Stack>
      )}
    </Stack>
  );
}
