import { accessRequestInputSchema, DOCUMENT_MAX_BYTES, documentTypes } from '@custodia/domain/clinical';
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Input,
  Loader,
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
import { type FormEvent, type ReactNode, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { fromLocalInput, toLocalInput } from '../../app/format.ts';
import { allows, useCurrentUser } from '../../app/session.ts';
import {
  clinicalApi,
  documentContentUrl,
  documentFileType,
  saveFile,
  useAccessRequests,
  useDocumentPages,
  useRefreshClinical,
} from './clinical.api.ts';
import { FormDialog, FormFooter, useFormState } from './FormParts.tsx';
import { useClinicalLabels } from './labels.ts';
import { serverPathErrors, validatePaths } from './validation.ts';

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
  const state = useFormState(undefined, (error) =>
    error instanceof ApiError && error.status === 415
      ? t('documents.refusedType')
      : error instanceof ApiError && error.status === 413
        ? t('documents.tooLarge')
        : null,
  );
  const [file, setFile] = useState<File | null>(null);
  const [type, setType] = useState('');
  const [title, setTitle] = useState('');
  const [restricted, setRestricted] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const errors: Record<string, string> = {};
    const contentType = file ? await documentFileType(file) : null;
    if (!file) errors.file = t('documents.chooseFile');
    else if (file.size > DOCUMENT_MAX_BYTES) errors.file = t('documents.tooLarge');
    else if (!contentType) errors.file = t('documents.wrongType');
    if (!type) errors.type = t('validation.required', { ns: 'common' });
    const name = title.trim();
    if (name.length < 2) errors.title = t('validation.tooShort', { ns: 'common', min: 2 });
    if (!file || !contentType || Object.keys(errors).length) {
      state.setErrors(errors);
      return;
    }
    await state.send(
      () => clinicalApi.uploadDocument(personId, { type, title: name, restricted }, file, contentType),
      onDone,
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Input.Wrapper
          id="document-file"
          label={t('documents.file')}
          description={t('documents.hint')}
          required
          error={state.errors.file}
        >
          <input
            id="document-file"
            type="file"
            accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
            aria-invalid={state.errors.file ? true : undefined}
            aria-describedby={`document-file-description${state.errors.file ? ' document-file-error' : ''}`}
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
            style={{ display: 'block', marginTop: 4 }}
            data-autofocus
          />
        </Input.Wrapper>
        <NativeSelect
          label={t('documents.type')}
          required
          value={type}
          onChange={(e) => setType(e.currentTarget.value)}
          error={state.errors.type}
          data={[
            { value: '', label: t('form.choose') },
            ...documentTypes.map((d) => ({ value: d, label: t(`documents.types.${d}`) })),
          ]}
        />
        <TextInput
          label={t('documents.name')}
          required
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={state.errors.title}
          maxLength={200}
        />
        <Checkbox
          label={t('form.restricted')}
          description={t('form.restrictedHint')}
          checked={restricted}
          onChange={(e) => setRestricted(e.currentTarget.checked)}
        />
        <FormFooter
          failure={state.failure}
          busy={state.busy}
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
  const errorMessage = useErrorMessage();
  const size = useFileSize();
  const canWrite = allows(useCurrentUser(), 'clinical.record.write');
  const pages = useDocumentPages(personId);
  const refresh = useRefreshClinical();
  const notice = useNotice();
  const [adding, setAdding] = useState(false);
  const items = useMemo(() => pages.data?.pages.flatMap((p) => p.items) ?? [], [pages.data]);

  return (
    <FileSection id="chart-documents" title={t('documents.title')}>
      {notice.node}
      {pages.isPending ? (
        <Loader size="xs" role="status" aria-label={t('documents.loading')} />
      ) : pages.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(pages.error)}
        </Alert>
      ) : items.length === 0 ? (
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
      )}
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
            void refresh().then(() => notice.show(t('documents.added')));
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
  const state = useFormState();
  const [receivedAt, setReceivedAt] = useState(() => toLocalInput(new Date(), zone));
  const [thirdParty, setThirdParty] = useState('');
  const [note, setNote] = useState('');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validatePaths(
      accessRequestInputSchema,
      {
        receivedAt: fromLocalInput(receivedAt, zone),
        thirdParty: thirdParty.trim() || null,
        note: note.trim() || null,
      },
      t,
    );
    if (!checked.ok) {
      state.setErrors(checked.errors);
      return;
    }
    await state.send(() => clinicalApi.registerAccessRequest(personId, checked.data), onDone);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          type="datetime-local"
          label={t('access.receivedAt')}
          required
          description={zone ? t('form.timeZoneHint', { zone }) : undefined}
          value={receivedAt}
          onChange={(e) => setReceivedAt(e.currentTarget.value)}
          error={state.errors.receivedAt}
          data-autofocus
        />
        <TextInput
          label={t('access.thirdParty')}
          description={t('access.thirdPartyHint')}
          value={thirdParty}
          onChange={(e) => setThirdParty(e.currentTarget.value)}
          error={state.errors.thirdParty}
          maxLength={200}
        />
        <Textarea
          label={t('access.note')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={state.errors.note}
          rows={2}
          maxLength={1000}
        />
        <FormFooter failure={state.failure} busy={state.busy} onCancel={onCancel} />
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
  const refresh = useRefreshClinical();
  const notice = useNotice();
  const [adding, setAdding] = useState(false);
  const [fulfilling, setFulfilling] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  if (!enabled) return null;

  async function fulfil(id: string) {
    setFailure(null);
    notice.show(null);
    setFulfilling(id);
    try {
      const pdf = await clinicalApi.fulfilAccessRequest(id, i18n.resolvedLanguage ?? 'az');
      saveFile(pdf, `medical-file-${id}.pdf`);
      await refresh();
      notice.show(t('access.fulfilledNotice'));
    } catch (error) {
      // Fulfilled meanwhile (another tab, a colleague): say so, and show the date it was.
      const fields = serverPathErrors(error, t);
      setFailure(Object.values(fields)[0] ?? errorMessage(error));
      await refresh();
    } finally {
      setFulfilling(null);
    }
  }

  const items = requests.data ?? [];
  return (
    <FileSection id="chart-access-requests" title={t('access.title')}>
      <Text size="sm" mb="sm">
        {t('access.intro')}
      </Text>
      {notice.node}
      {failure ? (
        <Alert color="red" role="alert" mb="sm" title={t('access.notFulfilled')}>
          {failure}
        </Alert>
      ) : null}
      {requests.isPending ? (
        <Loader size="xs" role="status" aria-label={t('access.loading')} />
      ) : requests.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(requests.error)}
        </Alert>
      ) : items.length === 0 ? (
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
                        onClick={() => void fulfil(r.id)}
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
      )}
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
            void refresh().then(() => notice.show(t('access.registered')));
          }}
        />
      </FormDialog>
    </FileSection>
  );
}
