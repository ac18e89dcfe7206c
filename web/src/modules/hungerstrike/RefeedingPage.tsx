import { Button, Paper, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useFormats, WARNING_COLOR } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import { type HungerEpisode, useHungerStrike, useRefeedingStepDone } from './hungerstrike.api.ts';
import { EpisodeHeader, useProblemText } from './parts.tsx';

/**
 * HUN-10: the refeeding-risk protocol opened by the end of the strike: the NICE CG32 risk with the
 * criteria met, the starting energy, and its steps as tasks (thiamine before feeding, electrolytes
 * monitored, the grading reviewed, the thiamine course).
 */
export function RefeedingPage() {
  const { t } = useTranslation('hungerstrike');
  usePageTitle(t('refeeding.title'));
  const { id = '' } = useParams();
  const episode = useHungerStrike(id);
  return <QueryState query={episode}>{(e) => <Refeeding episode={e} />}</QueryState>;
}

function Refeeding({ episode: e }: { episode: HungerEpisode }) {
  const { t } = useTranslation('hungerstrike');
  const zone = useTimeZoneOf()(e.institutionId);
  const { dateTime } = useFormats();
  const r = e.refeeding;
  return (
    <Stack>
      <EpisodeHeader episode={e} title={t('refeeding.title')} />
      {!r ? (
        <Text>{t('refeeding.none')}</Text>
      ) : (
        <>
          <Paper withBorder p="md">
            <Text fw={700} c={r.level === 'high' ? WARNING_COLOR : undefined}>
              {t(`refeeding.level.${r.level}`)} · {t('refeeding.start', { kcal: r.startKcalPerKgDay })}
            </Text>
            <Text>
              {r.criteria.length
                ? `${t('refeeding.criteria')}: ${r.criteria.map((c) => t(`criteria.${c}`)).join('; ')}`
                : t('refeeding.noCriteria')}
            </Text>
            <Text size="sm">
              {t('refeeding.facts', {
                bmi: r.bmi ?? '—',
                loss: r.lossPercent ?? '—',
                days: r.daysLittleIntake,
              })}
            </Text>
          </Paper>
          <Table striped withTableBorder captionSide="top">
            <Table.Caption>{t('refeeding.steps')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('refeeding.step')}</Table.Th>
                <Table.Th scope="col">{t('refeeding.dueAt')}</Table.Th>
                <Table.Th scope="col">{t('refeeding.doneAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.steps.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Th scope="row">{t(`steps.${s.kind}`, { kcal: r.startKcalPerKgDay })}</Table.Th>
                  <Table.Td c={s.overdue ? WARNING_COLOR : undefined}>
                    {dateTime(s.dueAt, zone)}
                    {s.overdue ? ` · ${t('refeeding.overdue')}` : ''}
                  </Table.Td>
                  <Table.Td>
                    {s.doneAt ? (
                      `${dateTime(s.doneAt, zone)} · ${s.by ?? ''}`
                    ) : (
                      <StepDone
                        episodeId={e.id}
                        stepId={s.id}
                        label={t(`steps.${s.kind}`, { kcal: r.startKcalPerKgDay })}
                      />
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}

function StepDone({ episodeId, stepId, label }: { episodeId: string; stepId: string; label: string }) {
  const { t } = useTranslation('hungerstrike');
  const user = useCurrentUser();
  const done = useRefeedingStepDone(episodeId, stepId);
  const problemText = useProblemText();
  if (!allows(user, 'hungerstrike.record')) return <Text>—</Text>;
  return (
    <Stack gap={2}>
      <Button
        size="xs"
        variant="light"
        loading={done.isPending}
        aria-label={t('refeeding.markDone', { step: label })}
        onClick={() => done.mutate({ at: new Date().toISOString() })}
      >
        {t('refeeding.done')}
      </Button>
      {done.error ? (
        <Text size="sm" c="red.9" role="alert">
          {problemText(done.error)}
        </Text>
      ) : null}
    </Stack>
  );
}
