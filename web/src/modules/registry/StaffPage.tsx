import { staffInputSchema, staffPositions, staffSexes } from '@custodia/domain/registry';
import {
  Alert,
  Button,
  Group,
  Modal,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ALL_INSTITUTIONS, useActiveInstitution } from '../../app/activeInstitution.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { toLocalInput } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm, WriteFeedback } from '../../app/useWriteForm.tsx';
import { useRegistryLabels } from './labels.ts';
import type { Institution } from './registry.api.ts';
import {
  type StaffMember,
  useCreateStaffMember,
  useRecordRestraintTraining,
  useStaff,
  useUserAccounts,
} from './staff.api.ts';
import { useRegistryFormMessages } from './validation.ts';

type StaffValues = {
  institutionId: string;
  fullName: string;
  sex: string;
  position: string;
  userId: string;
};

/** The "add a staff member" form: the same schema as the server; a linked user account is optional. */
function StaffForm({
  choices,
  institutionId,
  onCancel,
  onSaved,
}: {
  choices: Institution[];
  institutionId: string;
  onCancel: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation('registry');
  const labels = useRegistryLabels();
  const user = useCurrentUser();
  const accounts = useUserAccounts(allows(user, 'identity.user.read'));
  const write = useWriteForm({
    initialValues: {
      institutionId: institutionId || (choices.length === 1 ? (choices[0]?.id ?? '') : ''),
      fullName: '',
      sex: '',
      position: '',
      userId: '',
    } as StaffValues,
    schema: staffInputSchema,
    toBody: (values) => ({
      ...values,
      sex: values.sex || undefined,
      position: values.position || undefined,
      userId: values.userId || null,
    }),
    write: useCreateStaffMember(),
    ...useRegistryFormMessages(),
    onSuccess: onSaved,
  });
  const { form } = write;

  return (
    <form {...write.formProps}>
      <Stack gap="sm">
        <NativeSelect
          label={t('fields.institution')}
          required
          {...form.getInputProps('institutionId')}
          data={[
            { value: '', label: t('form.choose') },
            ...choices.map((i) => ({ value: i.id, label: `${i.code} · ${labels.institutionName(i.name)}` })),
          ]}
        />
        <TextInput label={t('staff.fullName')} required {...form.getInputProps('fullName')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('staff.position')}
            required
            {...form.getInputProps('position')}
            data={[
              { value: '', label: t('form.choose') },
              ...staffPositions.map((p) => ({ value: p, label: labels.staffPosition(p) })),
            ]}
          />
          <NativeSelect
            label={t('fields.sex')}
            required
            {...form.getInputProps('sex')}
            data={[
              { value: '', label: t('form.choose') },
              ...staffSexes.map((s) => ({ value: s, label: labels.sex(s) })),
            ]}
          />
        </SimpleGrid>
        {accounts.data ? (
          <NativeSelect
            label={t('staff.userAccount')}
            description={t('staff.userAccountHint')}
            {...form.getInputProps('userId')}
            data={[
              { value: '', label: t('staff.noAccount') },
              ...accounts.data.map((a) => ({ value: a.id, label: `${a.displayName} (${a.username})` })),
            ]}
          />
        ) : null}
        <WriteFeedback write={write} failureTitle={t('structure.notSaved')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={write.busy}>
            {t('actionForms.cancel')}
          </Button>
          <Button type="submit" loading={write.busy}>
            {t('staff.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * The staff directory (issue 4): staff of the institutions in the user's scope, by name, a page at a
 * time, filtered by institution (the one chosen in the shell by default, ADR 0009); the form to add
 * a staff member for those who hold `registry.staff.manage`.
 */
/**
 * RST-8: the restraint training on a staff record, valid until a date; a training coordinator or an
 * administrator changes it (until the training module keeps courses).
 */
function TrainingCell({ member }: { member: StaffMember }) {
  const { t } = useTranslation('registry');
  const user = useCurrentUser();
  const message = useErrorMessage();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(member.restraintTrainedUntil ?? '');
  const training = useRecordRestraintTraining();
  const expired =
    member.restraintTrainedUntil !== null &&
    // Issue 14: today in the deployment's zone, not UTC's.
    member.restraintTrainedUntil < toLocalInput(new Date(), undefined).slice(0, 10);
  const save = () =>
    training.mutate(
      { id: member.id, trainedUntil: value || null, version: member.version },
      { onSuccess: () => setEditing(false) },
    );
  if (editing) {
    return (
      <Group gap={4} align="end">
        <TextInput
          type="date"
          size="xs"
          label={t('staff.restraintTrainingUntil', { name: member.fullName })}
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
        />
        <Button size="xs" onClick={save} loading={training.isPending}>
          {t('staff.save')}
        </Button>
        {training.isError ? (
          <Text size="xs" role="alert" c="red.9">
            {message(training.error)}
          </Text>
        ) : null}
      </Group>
    );
  }
  return (
    <Group gap={4}>
      <Text size="sm">
        {member.restraintTrainedUntil
          ? `${member.restraintTrainedUntil}${expired ? ` (${t('staff.expired')})` : ''}`
          : t('staff.noTraining')}
      </Text>
      {allows(user, 'staff.training.record') ? (
        <Button
          size="xs"
          variant="subtle"
          onClick={() => setEditing(true)}
          aria-label={t('staff.changeTraining', { name: member.fullName })}
        >
          {t('staff.change')}
        </Button>
      ) : null}
    </Group>
  );
}

export function StaffPage() {
  const { t } = useTranslation('registry');
  const labels = useRegistryLabels();
  const user = useCurrentUser();
  const active = useActiveInstitution();
  usePageTitle(t('staff.title'));
  const [filter, setFilter] = useState<string | null>(null);
  const institutionId = filter ?? active.activeId;
  const staff = useStaff(institutionId);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const names = new Map(active.choices.map((i) => [i.id, i]));
  const items = staff.data?.pages.flatMap((p) => p.items) ?? [];
  const mayAdd = allows(user, 'registry.staff.manage');
  const showAll = active.national || active.choices.length !== 1;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center">
        <Title order={1}>{t('staff.title')}</Title>
        {mayAdd ? (
          <Button className="no-print" onClick={() => setAdding(true)}>
            {t('staff.add')}
          </Button>
        ) : null}
      </Group>
      {notice ? (
        <Alert ref={noticeRef} tabIndex={-1} role="status" color="green" c="dark.9">
          {notice}
        </Alert>
      ) : null}
      <NativeSelect
        label={t('staff.filter')}
        maw={420}
        value={institutionId}
        onChange={(e) => setFilter(e.currentTarget.value)}
        data={[
          ...(showAll
            ? [
                {
                  value: ALL_INSTITUTIONS,
                  label: active.national ? t('switcher.all') : t('switcher.allMine'),
                },
              ]
            : []),
          ...active.choices.map((i) => ({
            value: i.id,
            label: `${i.code} · ${labels.institutionName(i.name)}`,
          })),
        ]}
      />
      <QueryState
        query={staff}
        loading={t('staff.loading')}
        empty={t('staff.none')}
        isEmpty={() => items.length === 0}
      >
        {() => (
          <>
            <Text role="status">
              {staff.hasNextPage
                ? t('staff.shownMore', { n: items.length })
                : t('staff.shown', { n: items.length })}
            </Text>
            <Table.ScrollContainer minWidth={640}>
              <Table striped withTableBorder>
                <Table.Caption>{t('staff.caption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('staff.fullName')}</Table.Th>
                    <Table.Th scope="col">{t('staff.position')}</Table.Th>
                    <Table.Th scope="col">{t('fields.institution')}</Table.Th>
                    <Table.Th scope="col">{t('staff.account')}</Table.Th>
                    <Table.Th scope="col">{t('staff.restraintTraining')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((m) => (
                    <Table.Tr key={m.id}>
                      <Table.Th scope="row">{m.fullName}</Table.Th>
                      <Table.Td>{labels.staffPosition(m.position)}</Table.Td>
                      <Table.Td>{names.get(m.institutionId)?.code ?? m.institutionId}</Table.Td>
                      <Table.Td>{m.userId ? t('form.yes') : t('form.no')}</Table.Td>
                      <Table.Td>
                        <TrainingCell member={m} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {staff.hasNextPage ? (
              <Group>
                <Button
                  variant="default"
                  className="no-print"
                  loading={staff.isFetchingNextPage}
                  onClick={() => void staff.fetchNextPage()}
                >
                  {t('staff.loadMore')}
                </Button>
              </Group>
            ) : null}
          </>
        )}
      </QueryState>
      {mayAdd ? (
        <Modal
          opened={adding}
          onClose={() => setAdding(false)}
          title={t('staff.add')}
          size="lg"
          closeButtonProps={{ 'aria-label': t('form.close') }}
        >
          {adding ? (
            <StaffForm
              choices={active.choices}
              institutionId={institutionId}
              onCancel={() => setAdding(false)}
              onSaved={async () => {
                setAdding(false);
                setNotice(t('staff.added'));
              }}
            />
          ) : null}
        </Modal>
      ) : null}
    </Stack>
  );
}
