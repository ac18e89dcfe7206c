import { forceReviewSchema, reviewDecisions } from '@custodia/domain/force';
import { Anchor, Button, Group, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useFormats } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm, WriteFeedback } from '../../app/useWriteForm.tsx';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import { type ForceIncident, newIdempotencyKey, useIncident, useIncidentCommand } from './force.api.ts';
import { Accounts, IncidentFacts } from './IncidentPage.tsx';
import { useFieldMessage, useProblemText } from './parts.tsx';

/** INJ-7: the governor acknowledges or decides (justified, not justified, referred), with a note. */
function ReviewForm({ incident }: { incident: ForceIncident }) {
  const { t } = useTranslation('force');
  const problemText = useProblemText();
  const fieldMessage = useFieldMessage();
  const [key, setKey] = useState(newIdempotencyKey);
  const write = useWriteForm({
    initialValues: { decision: '', note: '' },
    write: useIncidentCommand(incident.id, 'reviews', key),
    schema: forceReviewSchema,
    toBody: (v) => ({
      decision: v.decision === 'acknowledged' ? null : v.decision || undefined,
      note: v.note,
    }),
    refine: (v, errors) => (v.decision ? errors : { ...errors, decision: t('review.chooseDecision') }),
    issueMessage: (issue) => fieldMessage(issue.message),
    fieldMessage,
    problemText,
    notice: () => t('review.saved'),
    onSuccess: () => {
      write.form.reset();
      setKey(newIdempotencyKey());
    },
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="decide-title">
      <form {...write.formProps}>
        <Stack gap="sm">
          <Title order={2} size="h4" id="decide-title">
            {t('review.decision')}
          </Title>
          <Radio.Group {...write.form.getInputProps('decision')} label={t('review.decision')} withAsterisk>
            <Stack gap={6} mt={4}>
              <Radio value="acknowledged" label={t('review.acknowledgeOnly')} />
              {reviewDecisions.map((d) => (
                <Radio key={d} value={d} label={t(`decisions.${d}`)} />
              ))}
            </Stack>
          </Radio.Group>
          <Textarea
            {...write.form.getInputProps('note')}
            label={t('review.note')}
            withAsterisk
            maxLength={4000}
          />
          <WriteFeedback write={write} />
          <Group justify="flex-end">
            <Button type="submit" loading={write.busy}>
              {t('review.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** INJ-7: the governor's review screen — the report's facts and accounts, earlier reviews, the decision. */
export function ReviewPage() {
  const { t } = useTranslation('force');
  const { id = '' } = useParams();
  usePageTitle(t('review.title'));
  const incident = useIncident(id);
  const zone = useTimeZoneOf()(incident.data?.institutionId);
  const { dateTime } = useFormats();
  return (
    <QueryState query={incident}>
      {(data) => (
        <Stack>
          <Anchor component={Link} to={`/force/incidents/${encodeURIComponent(data.id)}`} w="fit-content">
            {t('review.toIncident')}
          </Anchor>
          <Title order={1}>
            {t('review.title')}: {data.persons.map((p) => p.name).join(', ')}
          </Title>
          <Text>{t('review.intro')}</Text>
          <IncidentFacts incident={data} zone={zone} />
          <Text data-testid="decision">
            {data.decision
              ? t(`decisions.${data.decision}`)
              : data.acknowledged
                ? t('decisions.acknowledged')
                : t('decisions.none')}
          </Text>
          {data.reviews.map((r) => (
            <Text key={r.id} size="sm">
              {r.decision ? t(`decisions.${r.decision}`) : t('decisions.acknowledged')}: {r.note} —{' '}
              {t('incident.recordedBy', { name: r.author, when: dateTime(r.at, zone) })}
            </Text>
          ))}
          <ReviewForm incident={data} />
          <Accounts incident={data} zone={zone} />
        </Stack>
      )}
    </QueryState>
  );
}
