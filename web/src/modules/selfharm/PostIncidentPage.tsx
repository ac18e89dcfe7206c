import { postIncidentReviewSchema } from '@custodia/domain/selfharm';
import { Alert, Button, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { fromLocalInput } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm, WriteFeedback } from '../../app/useWriteForm.tsx';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import { useFieldMessage, useProblemText } from './parts.tsx';
import { type Plan, usePlan, usePostIncidentReview } from './selfharm.api.ts';

const blank = (...values: string[]) => values.every((v) => !v.trim());

/** MHS-8: the post-incident review: the findings, and recommendations that become actions. */
function PostIncidentForm({ plan, incidentId }: { plan: Plan; incidentId: string }) {
  const { t } = useTranslation('selfharm');
  const navigate = useNavigate();
  const fieldMessage = useFieldMessage();
  const zone = useTimeZoneOf()(plan.institutionId);
  const write = useWriteForm({
    initialValues: { reviewedAt: '', findings: '', recommendations: [{ text: '', owner: '', dueDate: '' }] },
    write: usePostIncidentReview(incidentId),
    schema: postIncidentReviewSchema,
    toBody: (v) => ({
      reviewedAt: fromLocalInput(v.reviewedAt, zone) ?? new Date().toISOString(),
      findings: v.findings,
      recommendations: v.recommendations.filter((r) => !blank(r.text, r.owner, r.dueDate)),
    }),
    issueMessage: (issue) => fieldMessage(issue.message),
    fieldMessage,
    problemText: useProblemText(),
    onSuccess: () => navigate(`/selfharm/plans/${encodeURIComponent(plan.id)}`),
  });
  const { form } = write;
  return (
    <form {...write.formProps}>
      <Stack maw={900}>
        <Title order={1}>
          {t('postIncident.title')}: {plan.name}
        </Title>
        <Alert color="blue">{t('postIncident.intro')}</Alert>
        <TextInput
          {...form.getInputProps('reviewedAt')}
          type="datetime-local"
          step={60}
          label={t('postIncident.reviewedAt')}
          description={t('nowIfEmpty', { zone: zone ?? '' })}
        />
        <Textarea
          {...form.getInputProps('findings')}
          label={t('postIncident.findings')}
          withAsterisk
          autosize
          minRows={4}
          maxLength={8000}
        />
        <Paper withBorder p="sm" component="fieldset">
          <Text component="legend" fw={700}>
            {t('postIncident.recommendations')}
          </Text>
          <Stack gap="xs">
            {form.values.recommendations.map((_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are only ever added at the end, never removed or moved
              <Group key={`r${i}`} grow align="flex-end">
                <TextInput
                  {...form.getInputProps(`recommendations.${i}.text`)}
                  label={t('careMap.action', { n: i + 1 })}
                  maxLength={500}
                />
                <TextInput
                  {...form.getInputProps(`recommendations.${i}.owner`)}
                  label={t('careMap.owner', { n: i + 1 })}
                  maxLength={160}
                />
                <TextInput
                  {...form.getInputProps(`recommendations.${i}.dueDate`)}
                  type="date"
                  label={t('careMap.dueDate', { n: i + 1 })}
                />
              </Group>
            ))}
            {form.errors.recommendations ? (
              <Text size="sm" c="red.9" role="alert">
                {form.errors.recommendations}
              </Text>
            ) : null}
            <Button
              variant="subtle"
              w="fit-content"
              onClick={() => form.insertListItem('recommendations', { text: '', owner: '', dueDate: '' })}
            >
              {t('careMap.addAction')}
            </Button>
          </Stack>
        </Paper>
        <WriteFeedback write={write} />
        <Group justify="flex-end">
          <Button type="submit" loading={write.busy}>
            {t('postIncident.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function PostIncidentPage() {
  const { t } = useTranslation('selfharm');
  usePageTitle(t('postIncident.title'));
  const { id = '', incidentId = '' } = useParams();
  const plan = usePlan(id);
  return <QueryState query={plan}>{(p) => <PostIncidentForm plan={p} incidentId={incidentId} />}</QueryState>;
}
