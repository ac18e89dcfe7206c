import { Anchor, Button, Group, Modal, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { nameIn } from '../../app/format.ts';
import { useRegistryLabels } from './labels.ts';
import type { DuplicateCandidate } from './registry.api.ts';

/**
 * The server found people with the same name (in any script) and date of birth: show them, and let
 * the user either go back or confirm that this is a different person (the admission is then resent).
 */
export function DuplicateDialog({
  candidates,
  busy,
  onConfirm,
  onCancel,
}: {
  candidates: DuplicateCandidate[] | null;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('registry');
  const labels = useRegistryLabels();
  return (
    <Modal
      opened={candidates !== null}
      onClose={onCancel}
      title={t('duplicate.title')}
      size="xl"
      closeButtonProps={{ 'aria-label': t('form.close') }}
    >
      <Stack gap="md">
        <Text>{t('duplicate.body')}</Text>
        <Table.ScrollContainer minWidth={560}>
          <Table withTableBorder striped>
            <Table.Caption>{t('duplicate.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('fields.prisonNumber')}</Table.Th>
                <Table.Th scope="col">{t('search.nameLatin')}</Table.Th>
                <Table.Th scope="col">{t('search.nameCyrillic')}</Table.Th>
                <Table.Th scope="col">{t('fields.birthDate')}</Table.Th>
                <Table.Th scope="col">{t('fields.institution')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(candidates ?? []).map((c, index) => (
                <Table.Tr key={c.id ?? `elsewhere-${index}`}>
                  <Table.Td>
                    {c.id ? (
                      <Anchor component={Link} to={`/registry/persons/${c.id}`} target="_blank">
                        {c.prisonNumber}
                        <VisuallyHidden> {t('duplicate.opensInNewTab')}</VisuallyHidden>
                      </Anchor>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('duplicate.otherPrison')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{nameIn(c, 'latin') ?? '—'}</Table.Td>
                  <Table.Td>{nameIn(c, 'cyrillic') ?? '—'}</Table.Td>
                  <Table.Td>{labels.date(c.birthDate)}</Table.Td>
                  <Table.Td>
                    {c.institution
                      ? `${c.institution.code} · ${labels.institutionName(c.institution.name)}`
                      : '—'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('duplicate.cancel')}
          </Button>
          <Button onClick={onConfirm} loading={busy}>
            {t('duplicate.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
