import { accessRequestInputSchema, DOCUMENT_MAX_BYTES, documentTypes } from '@custodia/domain/clinical';
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Input,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import type { FormErrors } from '@mantine/form';
import { type ReactNode, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { fromLocalInput, toLocalInput } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { useWriteForm } from '../../app/useWriteForm.tsx';
import {
  type DocumentFileType,
  documentContentUrl,
  documentFileType,
  saveFile,
  useAccessRequests,
  useDocumentPages,
  useFulfilAccessRequest,
  useRegisterAccessRequest,
  useUploadDocument,
} from './clinical.api.ts';
import { FormDialog, FormFooter } from './FormParts.tsx';
import { useClinicalLabels } from './labels.ts';
import { ruleMessage, useClinicalFormMessages } from './validation.ts';

interface SectionProps {
  personId: string;
  /** The time zone of the person's institution. */
  zone: string | undefined;
}

function FileSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={3} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** A notice after an action, focused so that a screen reader reads it. */
function useNotice() {
  const [notice, setNotice] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const node = (
    <div ref={ref} tabIndex={-1} role="status">
      {notice ? (
        <Alert color="teal" variant="light" mb="sm">
          {notice}
        </Alert>
      ) : null}
    </div>
  );
  return {
    node,
    show: (text: string | null) => {
      setNotice(text);
      if (text) ref.current?.focus();
    },
  };
}

/** The size of a file in KB or MB, in the user's language. */
function useFileSize() {
  const { t } = useTranslation('clinical');
  const labels = useClinicalLabels();
  return (bytes: number) =>
    bytes >= 1024 * 1024
      ? t('documents.sizeMb', { n: labels.number(Math.round((bytes / (1024 * 1024)) * 10) / 10) })
      : t('documents.sizeKb', { n: labels.number(Math.max(1, Math.round(bytes / 1024))) });
}

/**
 * Adds a document: PDF, JPEG or PNG of at most 10 MB, checked here by size and by the file's first
 * bytes before anything is sent (the server decides the same way: 415, 413).
 */
function DocumentForm({
  personId,
  onCancel,
  onDone,
}: {
  personId: string;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation('clinical');
  const messages = useClinicalFormMessages();
  // The file's type by its first bytes, read when the form is sent (before the values are checked).
  const contentType = useRef<DocumentFileType | null>(null);
  const write = useWriteForm({
    ...messages,
    initialValues: { file: null as File | null, type: '', title: '', restricted: false },
    toBody: (values) => ({
      meta: { type: values.type, title: values.title.trim(), restricted: values.restricted },
      file: values.file,
      contentType: contentType.current,
    }),
    refine: ({ file, type, title }) => {
      const errors: FormErrors = {};
      if (!file) errors.file = t('documents.chooseFile');
      else if (file.size > DOCUMENT_MAX_BYTES) errors.file = t('documents.tooLarge');
      else if (!contentType.current) errors.file = t('documents.wrongType');
      if (!type) errors.type = t('validation.required', { ns: 'common' });
      if (title.trim().length < 2) errors.title = t('validation.tooShort', { ns: 'common', min: 2 });
      return errors;
    },
    refused: (error, fields) =>
      error instanceof ApiError && error.status === 415
        ? t('documents.refusedType')
        : error instanceof ApiError && error.status === 413
          ? t('documents.tooLarge')
          : messages.refused(error, fields),
    write: useUploadDocument(personId),
    onSuccess: onDone,
  });
  const { form } = write;
  const fileError = form.errors.file;

  return (
    <form
      {...write.formProps}
      onSubmit={(event) => {
        event.preventDefault();
        const { file } = form.values;
        void (file ? documentFileType(file) : Promise.resolve(null)).then((found) => {
          contentType.current = found;
          write.submit();
        });
      }}
    >
      <Stack gap="sm">
        <Input.Wrapper
          id="document-file"
          label={t('documents.file')}
          description={t('documents.hint')}
          required
          error={fileError}
        >
          <input
            id="document-file"
            type="file"
            accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={`document-file-description${fileError ? ' document-file-error' : ''}`}
            onChange={(e) => form.setFieldValue('file', e.currentTarget.files?.[0] ?? null)}
            style={{ display: 'block', marginTop: 4 }}
            data-autofocus
          />
        </Input.Wrapper>
        <NativeSelect
          label={t('documents.type')}
          required
          {...form.getInputProps('type')}
          data={[
            { value: '', label: t('form.choose') },
            ...documentTypes.map((d) => ({ value: d, label: t(`documents.types.${d}`) })),
          ]}
        />
        <TextInput label={t('documents.name')} required {...form.getInputProps('title')} maxLength={200} />
        <Checkbox
          label={t('form.restricted')}
          description={t('form.restrictedHint')}
          {...form.getInputProps('restricted', { type: 'checkbox' })}
        />
        <FormFooter
          failure={write.failure}
          busy={write.busy}
          onCancel={onCancel}
          submitLabel={t('documents.upload')}
        />
      </Stack>
    </form>
  );
}

/**
 * Documents of the medical file, newest first, a page at a time; each opens in a new tab (the
 * server audits the read). Clinicians who keep the file (`clinical.record.write`) add documents.
 */
export function DocumentsSection({ personId, zone }: SectionProps) {
  const { t } = useTranslation('clinical');
  const labels = useClinicalLabels();
  const _errorMessage = useErrorMessage();
  const size = useFileSize();
  const canWrite = allows(useCurrentUser(), 'clinical.record.write');
  const pages = useDocumentPages(personId);
  const notice = useNotice();
  const [adding, setAdding] = useState(false);
  const items = useMemo(() => pages.data?.pages.flatMap((p) => p.items) ?? [], [pages.data]);

  return (
    <FileSection id="chart-documents" title={t('documents.title')}>
      {notice.node}
      <QueryState query={pages} loading={t('documents.loading')}>
        {() =>
          items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('documents.none')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={480}>
              <Table striped verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('documents.name')}</Table.Th>
                    <Table.Th scope="col">{t('documents.type')}</Table.Th>
                    <Table.Th scope="col">{t('documents.size')}</Table.Th>
                    <Table.Th scope="col">{t('documents.uploadedAt')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((d) => (
                    <Table.Tr key={d.id}>
                      <Table.Td>
                        <Anchor href={documentContentUrl(d.id)} target="_blank" rel="noopener noreferrer">
                          {d.title}
                          <VisuallyHidden> ({t('documents.newTab')})</VisuallyHidden>
                        </Anchor>
                        {d.restricted ? (
                          <Text span size="sm" fw={600}>
                            {' '}
                            · {t('form.restrictedMark')}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>{t(`documents.types.${d.type}`, { defaultValue: d.type })}</Table.Td>
                      <Table.Td>{size(d.size)}</Table.Td>
                      <Table.Td>{labels.dateTime(d.uploadedAt, zone)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
      <Group gap="sm" mt="sm" className="no-print">
        {pages.hasNextPage ? (
          <Button
            variant="default"
            loading={pages.isFetchingNextPage}
            onClick={() => void pages.fetchNextPage()}
          >
            {t('documents.more')}
          </Button>
        ) : null}
        {canWrite ? (
          <Button
            variant="default"
            onClick={() => {
              notice.show(null);
              setAdding(true);
            }}
          >
            {t('documents.add')}
          </Button>
        ) : null}
      </Group>
      <FormDialog title={adding ? t('documents.add') : null} opened={adding} onClose={() => setAdding(false)}>
        <DocumentForm
          personId={personId}
          onCancel={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            notice.show(t('documents.added'));
          }}
        />
      </FormDialog>
    </FileSection>
  );
}

/** MED-2: registers a request — when it was received, for whom (a third party, optional), a note. */
function AccessRequestForm({
  personId,
  zone,
  onCancel,
  onDone,
}: SectionProps & { onCancel: () => void; onDone: () => void }) {
  const { t } = useTranslation('clinical');
  const write = useWriteForm({
    ...useClinicalFormMessages(),
    initialValues: { receivedAt: toLocalInput(new Date(), zone), thirdParty: '', note: '' },
    schema: accessRequestInputSchema,
    toBody: (values) => ({
      receivedAt: fromLocalInput(values.receivedAt, zone),
      thirdParty: values.thirdParty.trim() || null,
      note: values.note.trim() || null,
    }),
    write: useRegisterAccessRequest(personId),
    onSuccess: onDone,
  });
  const { form } = write;

  return (
    <form {...write.formProps}>
      <Stack gap="sm">
        <TextInput
          type="datetime-local"
          label={t('access.receivedAt')}
          required
          description={zone ? t('form.timeZoneHint', { zone }) : undefined}
          {...form.getInputProps('receivedAt')}
          data-autofocus
        />
        <TextInput
          label={t('access.thirdParty')}
          description={t('access.thirdPartyHint')}
          {...form.getInputProps('thirdParty')}
          maxLength={200}
        />
        <Textarea label={t('access.note')} {...form.getInputProps('note')} rows={2} maxLength={1000} />
        <FormFooter failure={write.failure} busy={write.busy} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

/**
 * MED-2 (`clinical.access_request.manage`): the person's requests for a copy of their own file, with
 * the dates received and fulfilled. Fulfilling one downloads the copy of the whole file as a PDF in
 * the user's language; the server records the date, and a request is fulfilled once.
 */
export function AccessRequestsSection({ personId, zone }: SectionProps) {
  const { t, i18n } = useTranslation('clinical');
  const labels = useClinicalLabels();
  const errorMessage = useErrorMessage();
  const user = useCurrentUser();
  const enabled = allows(user, 'clinical.access_request.manage');
  // MED-2: the copy is the whole file, restricted items included; only one who may read them makes it.
  const canCopy = allows(user, 'clinical.restricted.read');
  const requests = useAccessRequests(personId, enabled);
  const notice = useNotice();
  const [adding, setAdding] = useState(false);
  const fulfilment = useFulfilAccessRequest(i18n.resolvedLanguage ?? 'az');
  const fulfilling = fulfilment.isPending ? fulfilment.variables : null;
  if (!enabled) return null;

  function fulfil(id: string) {
    notice.show(null);
    fulfilment.mutate(id, {
      onSuccess: (pdf) => {
        saveFile(pdf, `medical-file-${id}.pdf`);
        notice.show(t('access.fulfilledNotice'));
      },
    });
  }

  // Fulfilled meanwhile (another tab, a colleague): the rule's words, and the list shows the date.
  const fulfilFailure = (error: unknown) => {
    const code =
      error instanceof ApiError
        ? error.problem?.errors?.find((e) => e.path.replace(/^body\.?/, '') !== '')?.code
        : undefined;
    return code ? ruleMessage(t, code) : errorMessage(error);
  };

  return (
    <FileSection id="chart-access-requests" title={t('access.title')}>
      <Text size="sm" mb="sm">
        {t('access.intro')}
      </Text>
      {notice.node}
      {fulfilment.isError ? (
        <Alert color="red" role="alert" mb="sm" title={t('access.notFulfilled')}>
          {fulfilFailure(fulfilment.error)}
        </Alert>
      ) : null}
      <QueryState query={requests} loading={t('access.loading')}>
        {(items) =>
          items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('access.none')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={480}>
              <Table striped verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('access.receivedAt')}</Table.Th>
                    <Table.Th scope="col">{t('access.for')}</Table.Th>
                    <Table.Th scope="col">{t('access.note')}</Table.Th>
                    <Table.Th scope="col">{t('access.fulfilledAt')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>{labels.dateTime(r.receivedAt, zone)}</Table.Td>
                      <Table.Td>{r.thirdParty ?? t('access.self')}</Table.Td>
                      <Table.Td>{r.note ?? ''}</Table.Td>
                      <Table.Td>
                        {r.fulfilledAt ? (
                          t('access.fulfilled', { when: labels.dateTime(r.fulfilledAt, zone) })
                        ) : !canCopy ? (
                          t('access.restrictedReaderOnly')
                        ) : (
                          <Button
                            size="compact-sm"
                            className="no-print"
                            loading={fulfilling === r.id}
                            disabled={fulfilling !== null && fulfilling !== r.id}
                            aria-label={`${t('access.fulfil')}: ${labels.dateTime(r.receivedAt, zone)}`}
                            onClick={() => fulfil(r.id)}
                          >
                            {t('access.fulfil')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
      <Button
        variant="default"
        mt="sm"
        className="no-print"
        onClick={() => {
          notice.show(null);
          setAdding(true);
        }}
      >
        {t('access.register')}
      </Button>
      <FormDialog
        title={adding ? t('access.register') : null}
        opened={adding}
        onClose={() => setAdding(false)}
      >
        <AccessRequestForm
          personId={personId}
          zone={zone}
          onCancel={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            notice.show(t('access.registered'));
          }}
        />
      </FormDialog>
    </FileSection>
  );
}
