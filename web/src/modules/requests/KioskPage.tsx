import { kioskRequestSchema, requestUrgencies } from '@custodia/domain/requests';
import { Alert, Button, Group, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayName } from '../../app/format.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm, WriteFeedback } from '../../app/useWriteForm.tsx';
import { usePerson } from '../registry/registry.api.ts';
import { PersonPicker, useFieldMessage, useProblemText } from './parts.tsx';
import { newIdempotencyKey, useKioskSubmit } from './requests.api.ts';

/** The person's own screen: they type, choose the urgency and send; the words never come back. */
function KioskForm({ personId, onDone }: { personId: string; onDone: () => void }) {
  const { t } = useTranslation('requests');
  const problemText = useProblemText();
  const fieldMessage = useFieldMessage();
  const [key] = useState(newIdempotencyKey);
  const person = usePerson(personId);
  const write = useWriteForm({
    initialValues: { text: '', urgency: '' },
    write: useKioskSubmit(personId, key),
    schema: kioskRequestSchema,
    toBody: (v) => ({ text: v.text, urgency: v.urgency || undefined }),
    issueMessage: (issue) => fieldMessage(issue.message),
    fieldMessage,
    problemText,
    onSuccess: () => onDone(),
  });
  const { form } = write;
  return (
    <form {...write.formProps}>
      <Stack>
        <Text fw={700}>{person.data ? `${displayName(person.data)} · ${person.data.prisonNumber}` : ''}</Text>
        <Alert color="blue">{t('kiosk.personIntro')}</Alert>
        <Textarea
          {...form.getInputProps('text')}
          label={t('kiosk.text')}
          withAsterisk
          autosize
          minRows={6}
          maxLength={4000}
        />
        <Radio.Group {...form.getInputProps('urgency')} label={t('kiosk.urgency')} withAsterisk>
          <Group mt="xs">
            {requestUrgencies.map((u) => (
              <Radio key={u} value={u} label={t(`kiosk.urgencies.${u}`)} />
            ))}
          </Group>
        </Radio.Group>
        <WriteFeedback write={write} />
        <Group justify="flex-end">
          <Button type="submit" size="lg" loading={write.busy}>
            {t('kiosk.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * MED-5: the kiosk (ADR 0038). A member of staff unlocks it for one person, who types the request
 * to health care and sends it; the page then locks again. The request goes to health staff only:
 * the answer is its id, the words are never shown back, so whoever unlocked it reads nothing.
 */
export function KioskPage() {
  const { t } = useTranslation('requests');
  usePageTitle(t('kiosk.title'));
  const [personId, setPersonId] = useState('');
  const [handedOver, setHandedOver] = useState(false);
  const [sent, setSent] = useState(false);
  const lock = () => {
    setPersonId('');
    setHandedOver(false);
  };
  return (
    <Stack maw={760}>
      <Title order={1}>{t('kiosk.title')}</Title>
      {sent ? (
        <Alert color="green" role="status">
          {t('kiosk.sent')}
        </Alert>
      ) : null}
      {handedOver && personId ? (
        <Paper withBorder p="lg">
          <KioskForm
            personId={personId}
            onDone={() => {
              setSent(true);
              lock();
            }}
          />
          <Group justify="flex-start" mt="md">
            <Button variant="subtle" onClick={lock}>
              {t('kiosk.cancel')}
            </Button>
          </Group>
        </Paper>
      ) : (
        <Stack>
          <Text>{t('kiosk.staffIntro')}</Text>
          <PersonPicker personId={personId} onChange={setPersonId} />
          <Group>
            <Button
              disabled={!personId}
              onClick={() => {
                setSent(false);
                setHandedOver(true);
              }}
            >
              {t('kiosk.handOver')}
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
