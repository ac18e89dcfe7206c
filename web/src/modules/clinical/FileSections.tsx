import { DOCUMENT_MAX_BYTES, documentTypes } from '@custodia/domain/clinical';
import type { Page } from '@custodia/domain/platform';
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../app/api.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { allows, useCurrentUser } from '../../app/session.ts';

interface ClinicalDocument {
  id: string;
  type: string;
  title: string;
  contentType: string;
  size: number;
  restricted: boolean;
  uploadedAt: string;
}

interface AccessRequest {
  id: string;
  receivedAt: string;
  thirdParty: string | null;
  note: string | null;
  fulfilledAt: string | null;
}

const ACCEPTED = ['application/pdf', 'image/jpeg', 'image/png'];
const person = (id: string) => `/api/v1/persons/${encodeURIComponent(id)}`;
const kb = (n: number) => `${Math.max(1, Math.round(n / 1024))} KB`;

/** Documents of the medical file: PDF, JPEG or PNG up to 10 MB, checked by content on the server. */
export function DocumentsSection({ personId }: { personId: string }) {
  const { t } = useTranslation('clinical');
  const user = useCurrentUser();
  const message = useErrorMessage();
  const queryClient = useQueryClient();
  const key = ['clinical', 'documents', personId];
  const documents = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      apiFetch<Page<ClinicalDocument>>(`${person(personId)}/documents?limit=50`, { signal }),
  });
  const [file, setFile] = useState<File | null>(null);
  const [type, setType] = useState<string>('other');
  const [title, setTitle] = useState('');
  const [restricted, setRestricted] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function upload(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    if (!file) return setFailure(t('documents.chooseFile'));
    if (file.size > DOCUMENT_MAX_BYTES) return setFailure(t('documents.tooLarge'));
    if (file.type && !ACCEPTED.includes(file.type)) return setFailure(t('documents.wrongType'));
    if (title.trim().length < 2) return setFailure(t('documents.titleRequired'));
    setBusy(true);
    try {
      const params = new URLSearchParams({ type, title: title.trim(), restricted: String(restricted) });
      await apiFetch(`${person(personId)}/documents?${params}`, {
        method: 'POST',
        raw: file,
        headers: { 'content-type': file.type || 'application/octet-stream' },
      });
      setFile(null);
      setTitle('');
      await queryClient.invalidateQueries({ queryKey: key });
    } catch (error) {
      setFailure(message(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="chart-documents">
      <Title order={3} size="h4" id="chart-documents" mb="sm">
        {t('documents.title')}
      </Title>
      {documents.data && documents.data.items.length === 0 ? (
        <Text size="sm">{t('documents.none')}</Text>
      ) : null}
      {documents.data && documents.data.items.length > 0 ? (
        <Table>
          <Table.Tbody>
            {documents.data.items.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>
                  <Anchor
                    href={`/api/v1/documents/${encodeURIComponent(d.id)}/content`}
                    target="_blank"
                    rel="noopener"
                  >
                    {d.title}
                  </Anchor>
                  {d.restricted ? ` · ${t('documents.restricted')}` : ''}
                </Table.Td>
                <Table.Td>{t(`documents.types.${d.type}`)}</Table.Td>
                <Table.Td>{kb(d.size)}</Table.Td>
                <Table.Td>{d.uploadedAt.slice(0, 10)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {allows(user, 'clinical.record.write') ? (
        <form onSubmit={upload} noValidate>
          <Stack gap="xs" mt="sm">
            <Text size="sm">{t('documents.hint')}</Text>
            <input
              type="file"
              aria-label={t('documents.file')}
              accept="application/pdf,image/jpeg,image/png"
              onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
            />
            <Group grow>
              <NativeSelect
                label={t('documents.type')}
                value={type}
                onChange={(e) => setType(e.currentTarget.value)}
                data={documentTypes.map((d) => ({ value: d, label: t(`documents.types.${d}`) }))}
              />
              <TextInput
                label={t('documents.name')}
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
              />
            </Group>
            <Checkbox
              label={t('documents.markRestricted')}
              checked={restricted}
              onChange={(e) => setRestricted(e.currentTarget.checked)}
            />
            {failure ? (
              <Alert color="red" role="alert">
                {failure}
              </Alert>
            ) : null}
            <Button type="submit" loading={busy} w="fit-content">
              {t('documents.upload')}
            </Button>
          </Stack>
        </form>
      ) : null}
    </Paper>
  );
}

/** MED-2: a person's requests for a copy of their own file; fulfilling one downloads the PDF copy. */
export function AccessRequestsSection({ personId }: { personId: string }) {
  const { t, i18n } = useTranslation('clinical');
  const user = useCurrentUser();
  const message = useErrorMessage();
  const queryClient = useQueryClient();
  const key = ['clinical', 'access-requests', personId];
  const enabled = allows(user, 'clinical.access_request.manage');
  const requests = useQuery({
    queryKey: key,
    queryFn: async ({ signal }) =>
      (await apiFetch<{ items: AccessRequest[] }>(`${person(personId)}/access-requests`, { signal })).items,
    enabled,
  });
  const [thirdParty, setThirdParty] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  if (!enabled) return null;

  async function register(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    try {
      await apiFetch(`${person(personId)}/access-requests`, {
        method: 'POST',
        json: { receivedAt: new Date().toISOString(), thirdParty: thirdParty.trim() || null },
      });
      setThirdParty('');
      await queryClient.invalidateQueries({ queryKey: key });
    } catch (error) {
      setFailure(message(error));
    }
  }

  async function fulfil(id: string) {
    setFailure(null);
    try {
      const pdf = await apiFetch<Blob>(
        `/api/v1/access-requests/${encodeURIComponent(id)}/fulfil?language=${encodeURIComponent(i18n.language)}`,
        { method: 'POST', responseType: 'blob' },
      );
      const url = URL.createObjectURL(pdf);
      const link = document.createElement('a');
      link.href = url;
      link.download = `medical-file-${id}.pdf`;
      link.click();
      URL.revokeObjectURL(url);
      await queryClient.invalidateQueries({ queryKey: key });
    } catch (error) {
      setFailure(message(error));
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="chart-access-requests">
      <Title order={3} size="h4" id="chart-access-requests" mb="sm">
        {t('access.title')}
      </Title>
      <Text size="sm">{t('access.intro')}</Text>
      {requests.data?.length ? (
        <Table>
          <Table.Tbody>
            {requests.data.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{r.receivedAt.slice(0, 10)}</Table.Td>
                <Table.Td>{r.thirdParty ?? t('access.self')}</Table.Td>
                <Table.Td>
                  {r.fulfilledAt ? (
                    t('access.fulfilled', { date: r.fulfilledAt.slice(0, 10) })
                  ) : (
                    <Button size="xs" onClick={() => void fulfil(r.id)}>
                      {t('access.fulfil')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      <form onSubmit={register} noValidate>
        <Group align="end" mt="sm">
          <TextInput
            label={t('access.thirdParty')}
            value={thirdParty}
            onChange={(e) => setThirdParty(e.currentTarget.value)}
          />
          <Button type="submit" variant="default">
            {t('access.register')}
          </Button>
        </Group>
      </form>
      {failure ? (
        <Alert color="red" role="alert" mt="sm">
          {failure}
        </Alert>
      ) : null}
    </Paper>
  );
}
