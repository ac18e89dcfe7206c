import type { ProgrammeEpisode } from '@custodia/domain/programmes';
import { Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormats } from '../../app/format.ts';
import { DateField, MiniForm, todayIn } from './parts.tsx';
import { programmeWrites, usePersonWrite } from './programmes.api.ts';

/**
 * PHC-6 (ADR 0050): the airborne isolation as a medical order — when its review is due, the last
 * review and the infectious period it defined; the doctor reviews it (defining the infectious
 * period) or ends it with a reason. Shown while the isolation is in force.
 */
export function IsolationForms({
  personId,
  episode,
  zone,
  canRegister,
}: {
  personId: string;
  episode: ProgrammeEpisode;
  zone: string | undefined;
  canRegister: boolean;
}) {
  const { t } = useTranslation('programmes');
  const { date } = useFormats();
  const review = episode.isolationReview;
  const reviewWrite = usePersonWrite(personId, (body: unknown) =>
    programmeWrites.isolationReview(episode.id, body),
  );
  const endWrite = usePersonWrite(personId, (body: unknown) =>
    programmeWrites.isolationEnd(episode.id, body),
  );
  const [r, setR] = useState({ reviewedOn: todayIn(zone), infectiousUntil: '', note: '' });
  const [end, setEnd] = useState({ endedOn: todayIn(zone), reason: '' });
  if (!episode.isolation) return null;
  return (
    <Stack gap="xs" data-testid="tb-isolation">
      {review ? (
        <Text size="sm">
          {t('isolation.reviewDue', { date: date(review.dueOn) })}
          {review.lastReviewedOn
            ? ` · ${t('isolation.lastReviewed', { date: date(review.lastReviewedOn) })}`
            : ''}
          {review.infectiousUntil
            ? ` · ${t('isolation.infectiousUntil', { date: date(review.infectiousUntil) })}`
            : ''}
        </Text>
      ) : null}
      {canRegister ? (
        <>
          <MiniForm
            title={t('isolation.reviewTitle')}
            submit={t('isolation.reviewSubmit')}
            testId="tb-isolation-review-form"
            onSubmit={() =>
              reviewWrite.mutateAsync({
                reviewedOn: r.reviewedOn,
                infectiousUntil: r.infectiousUntil,
                note: r.note.trim() || null,
              })
            }
          >
            <DateField
              label={t('isolation.reviewedOn')}
              value={r.reviewedOn}
              onChange={(x) => setR({ ...r, reviewedOn: x })}
            />
            <DateField
              label={t('isolation.infectiousUntilLabel')}
              value={r.infectiousUntil}
              onChange={(x) => setR({ ...r, infectiousUntil: x })}
            />
            <TextInput
              label={t('isolation.note')}
              maxLength={2000}
              value={r.note}
              onChange={(e) => setR({ ...r, note: e.currentTarget.value })}
            />
          </MiniForm>
          <MiniForm
            title={t('isolation.endTitle')}
            submit={t('isolation.endSubmit')}
            testId="tb-isolation-end-form"
            onSubmit={() => endWrite.mutateAsync({ endedOn: end.endedOn, reason: end.reason })}
          >
            <DateField
              label={t('isolation.endedOn')}
              value={end.endedOn}
              onChange={(x) => setEnd({ ...end, endedOn: x })}
            />
            <TextInput
              label={t('isolation.reason')}
              required
              maxLength={1000}
              value={end.reason}
              onChange={(e) => setEnd({ ...end, reason: e.currentTarget.value })}
            />
          </MiniForm>
        </>
      ) : null}
    </Stack>
  );
}
