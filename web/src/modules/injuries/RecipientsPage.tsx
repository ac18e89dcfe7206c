import { recipientKinds } from '@custodia/domain';
import { Alert, Button, NativeSelect, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActiveInstitution } from '../../app/activeInstitution.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { type Recipient, useRecipients, useSetRecipient } from './injuries.api.ts';
import { useProblemText } from './parts.tsx';

function RecipientForm({
  institutionId,
  kind,
  current,
}: {
  institutionId: string;
  kind: string;
  current: Recipient | undefined;
}) {
  const { t } = useTranslation('injuries');
  const problemText = useProblemText();
  const set = useSetRecipient();
  const [name, setName] = useState(current?.name ?? '');
  const [address, setAddress] = useState(current?.address ?? '');
  const [language, setLanguage] = useState(current?.language ?? 'az');
  const [state, setState] = useState<{ ok?: boolean; error?: string }>({});
  return (
    <form
      aria-label={t(`recipientKinds.${kind}`)}
      onSubmit={async (e) => {
        e.preventDefault();
        setState({});
        try {
          await set.mutateAsync({
            institutionId,
            kind,
            name,
            address,
            language,
            version: current?.version ?? null,
          });
          setState({ ok: true });
        } catch (error) {
          setState({ error: problemText(error) });
        }
      }}
    >
      <Stack gap="xs" maw={640}>
        <Title order={2}>{t(`recipientKinds.${kind}`)}</Title>
        <TextInput
          label={t('recipients.name')}
          withAsterisk
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <Textarea
          label={t('recipients.address')}
          withAsterisk
          value={address}
          onChange={(e) => setAddress(e.currentTarget.value)}
        />
        <NativeSelect
          label={t('recipients.language')}
          value={language}
          onChange={(e) => setLanguage(e.currentTarget.value)}
          data={(['az', 'en', 'ru'] as const).map((l) => ({ value: l, label: t(`languages.${l}`) }))}
        />
        {state.error ? (
          <Alert color="red" role="alert">
            {state.error}
          </Alert>
        ) : null}
        {state.ok ? <Text role="status">{t('saved')}</Text> : null}
        <Button type="submit" loading={set.isPending} w="fit-content">
          {t('save')}
        </Button>
      </Stack>
    </form>
  );
}

/** INJ-4: where an institution's reports of possible ill-treatment go, in which language. */
export function RecipientsPage() {
  const { t } = useTranslation('injuries');
  usePageTitle(t('recipients.title'));
  const { activeId } = useActiveInstitution();
  const recipients = useRecipients(activeId);
  return (
    <Stack>
      <Title order={1}>{t('recipients.title')}</Title>
      <Text>{t('recipients.intro')}</Text>
      {!activeId ? (
        <Alert color="blue">{t('chooseInstitution')}</Alert>
      ) : (
        <QueryState query={recipients}>
          {(data) => (
            <Stack>
              {recipientKinds.map((kind) => (
                <RecipientForm
                  key={`${activeId}-${kind}-${data.items.find((r) => r.kind === kind)?.version ?? 0}`}
                  institutionId={activeId}
                  kind={kind}
                  current={data.items.find((r) => r.kind === kind)}
                />
              ))}
            </Stack>
          )}
        </QueryState>
      )}
    </Stack>
  );
}
