import type { PolicyVersion } from '@custodia/domain/restraint';
import { Alert, Button, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useActiveInstitution } from '../../app/activeInstitution.ts';
import { apiFetch } from '../../app/api.ts';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm, WriteFeedback } from '../../app/useWriteForm.tsx';
import { useProblemText } from './parts.tsx';
import { useAddPolicy } from './restraint.api.ts';

/** RST-14: the institution's restraint policy, every version kept; a new version for the manager. */
export function PolicyPage() {
  const { t } = useTranslation('restraint');
  usePageTitle(t('policy.title'));
  const user = useCurrentUser();
  const { activeId } = useActiveInstitution();
  const problemText = useProblemText();
  const key = ['restraint', 'policy', activeId];
  const policies = useQuery({
    queryKey: key,
    queryFn: async ({ signal }) =>
      (
        await apiFetch<{ items: PolicyVersion[] }>(
          `/api/v1/restraint/policies?institutionId=${encodeURIComponent(activeId)}`,
          { signal },
        )
      ).items,
    enabled: Boolean(activeId),
  });
  const write = useWriteForm({
    initialValues: { text: '' },
    write: useAddPolicy(activeId),
    refuse: ({ text }) => (text.trim().length < 50 ? t('policy.tooShort') : null),
    problemText,
    notice: () => t('policy.saved'),
    onSuccess: () => write.form.setValues({ text: '' }),
  });

  const [current, ...older] = policies.data ?? [];
  return (
    <Stack maw={860}>
      <Title order={1}>{t('policy.title')}</Title>
      {!activeId ? <Alert color="blue">{t('board.chooseInstitution')}</Alert> : null}
      {policies.data && !current ? <Text>{t('policy.none')}</Text> : null}
      {current ? (
        <Paper withBorder p="md">
          <Title order={2}>
            {t('policy.current', { version: current.version, date: current.createdAt.slice(0, 10) })}
          </Title>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{current.text}</Text>
        </Paper>
      ) : null}
      {older.length ? (
        <>
          <Title order={2}>{t('policy.older')}</Title>
          {older.map((p) => (
            <details key={p.id}>
              <summary>{t('policy.version', { version: p.version, date: p.createdAt.slice(0, 10) })}</summary>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{p.text}</Text>
            </details>
          ))}
        </>
      ) : null}
      {activeId && allows(user, 'restraint.policy.manage') ? (
        <form {...write.formProps}>
          <Stack gap="sm">
            <Title order={2}>{t('policy.add')}</Title>
            <Textarea
              label={t('policy.text')}
              description={t('policy.hint')}
              minRows={8}
              autosize={false}
              rows={10}
              {...write.form.getInputProps('text')}
              maxLength={50_000}
            />
            <WriteFeedback write={write} />
            <Button type="submit" w="fit-content">
              {t('policy.save')}
            </Button>
          </Stack>
        </form>
      ) : null}
    </Stack>
  );
}
