import type { EncounterContent, ScreeningForm } from '@custodia/domain';
import { Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegistryLabels } from '../../registry/labels.ts';
import { useTimeZoneOf } from '../../registry/registry.api.ts';
import type { Encounter } from './screening.api.ts';

type Row = [label: string, value: ReactNode];

/** A labelled list of answers, in words; an unanswered question says so. */
function Answers({ rows }: { rows: Row[] }) {
  return (
    <dl className="screening-answers" style={{ margin: 0 }}>
      {rows.map(([label, value], i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a signed document's rows never change
        <div key={i} style={{ display: 'flex', gap: '0.5rem', flexWrap: 'wrap', marginBottom: 4 }}>
          <dt style={{ fontWeight: 600 }}>{label}:</dt>
          <dd style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`screening-doc-${id}`}>
      <Title order={2} size="h3" id={`screening-doc-${id}`} mb="xs">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/**
 * Issue 14 item 2: a completed (or signed) admission screening reads as a document — who completed
 * it and when, who countersigned it and when (in the institution's zone), and each section with its
 * headings and its answers as text — rather than as the greyed-out fields of the form.
 */
export function ScreeningDocument({ encounter }: { encounter: Encounter }) {
  const { t } = useTranslation('screening');
  const labels = useRegistryLabels();
  const zone = useTimeZoneOf()(encounter.institutionId);
  const form = (encounter.structured ?? {}) as Partial<ScreeningForm>;
  const content = encounter.content as EncounterContent | null;
  const none = t('document.notAnswered');
  const yesNo = (v: boolean | null | undefined) => (v === true ? t('yes') : v === false ? t('no') : none);
  const code = (group: string, v: string | null | undefined) => (v ? t(`${group}.${v}`) : none);
  const text = (v: string | null | undefined) => (v?.trim() ? v : none);

  /** A section's answers, or that it was not assessed and why (ADM-2). */
  function assessed(
    name: 'healthNeeds' | 'injuries' | 'mentalHealth' | 'tuberculosis' | 'bloodBorne' | 'fitness',
    rows: () => Row[],
    extra?: ReactNode,
  ) {
    const section = form[name] as { status?: string | null; notAssessedReason?: string | null } | undefined;
    return (
      <Section id={name} title={t(`sections.${name}`)}>
        {section?.status === 'not_assessed' ? (
          <Answers
            rows={[
              [t('sectionStatus.label'), t('sectionStatus.not_assessed')],
              [t('sectionStatus.reason'), text(section.notAssessedReason)],
            ]}
          />
        ) : (
          <Stack gap="xs">
            <Answers rows={rows()} />
            {extra}
          </Stack>
        )}
      </Section>
    );
  }

  const h = form.healthNeeds;
  const inj = form.injuries;
  const mh = form.mentalHealth;
  const tb = form.tuberculosis;
  const bb = form.bloodBorne;
  const fit = form.fitness;
  const w = form.women;

  return (
    <Stack gap="md" className="screening-document">
      <Paper withBorder p="md" component="section" aria-labelledby="screening-doc-record">
        <Title order={2} size="h3" id="screening-doc-record" mb="xs">
          {t('document.record')}
        </Title>
        <Answers
          rows={[
            [
              t('document.completedBy'),
              `${encounter.authorName ?? none} · ${labels.dateTime(encounter.startedAt, zone)}`,
            ],
            [
              t('document.signedBy'),
              encounter.signedAt
                ? `${encounter.signedByName ?? none} · ${labels.dateTime(encounter.signedAt, zone)}`
                : t('document.notSigned'),
            ],
          ]}
        />
      </Paper>

      <Section id="presence" title={t('sections.presence')}>
        <Answers
          rows={[
            ...(content?.personsPresent ?? []).map(
              (p, i): Row => [
                t('presence.person', { n: i + 1 }),
                `${p.name} · ${t(`presence.kinds.${p.kind}`)}`,
              ],
            ),
            ...(content?.custodialPresenceReason
              ? [[t('presence.custodialReason'), content.custodialPresenceReason] as Row]
              : []),
            [t('presence.interpreterUsed'), yesNo(content?.interpreterUsed)],
          ]}
        />
      </Section>

      {assessed('healthNeeds', () => [
        [t('fields.currentMedication'), text(h?.currentMedication)],
        [t('fields.chronicConditions'), text(h?.chronicConditions)],
        [t('fields.onOpioidSubstitution'), yesNo(h?.onOpioidSubstitution)],
        [t('fields.onAntiretroviral'), yesNo(h?.onAntiretroviral)],
        [t('fields.onTbTreatment'), yesNo(h?.onTbTreatment)],
        [t('fields.otherEssentialMedication'), yesNo(h?.otherEssentialMedication)],
      ])}

      {assessed(
        'injuries',
        () => [
          [t('injuries.noInjuriesSeen'), yesNo(inj?.noInjuriesSeen)],
          [t('injuries.illTreatment'), code('injuries.illTreatments', inj?.illTreatment)],
          ...(inj?.illTreatmentAccount
            ? [[t('injuries.illTreatmentAccount'), inj.illTreatmentAccount] as Row]
            : []),
        ],
        (inj?.items ?? []).map((item, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a signed document's injuries never change
          <div key={i}>
            <Title order={3} size="h5" mb={4}>
              {t('injuries.injury', { n: i + 1 })}
            </Title>
            <Answers
              rows={[
                [t('injuries.side'), t(`injuries.views.${item.side}`)],
                [t('injuries.region'), t(`regions.${item.region}`)],
                [t('injuries.description'), text(item.description)],
                [t('injuries.personsAccount'), text(item.personsAccount)],
                [t('injuries.consistency'), code('injuries.consistencies', item.consistency)],
                ...(item.consistencyReason
                  ? [[t('injuries.consistencyReason'), item.consistencyReason] as Row]
                  : []),
              ]}
            />
          </div>
        )),
      )}

      {assessed('mentalHealth', () => [
        [t('mentalHealth.suicideScreen'), code('mentalHealth.screens', mh?.suicideScreen)],
        ...(mh?.observationMinutes
          ? [
              [
                t('mentalHealth.observationMinutes'),
                t('mentalHealth.minutes', { n: mh.observationMinutes }),
              ] as Row,
            ]
          : []),
        ...(mh?.observationExceptionReason
          ? [[t('mentalHealth.observationExceptionReason'), mh.observationExceptionReason] as Row]
          : []),
        [t('fields.previousSelfHarm'), yesNo(mh?.previousSelfHarm)],
        [t('mentalHealth.withdrawal'), code('mentalHealth.withdrawals', mh?.withdrawal)],
        [t('fields.notes'), text(mh?.notes)],
      ])}

      {assessed('tuberculosis', () => [
        [t('fields.cough'), yesNo(tb?.cough)],
        [t('fields.fever'), yesNo(tb?.fever)],
        [t('fields.nightSweats'), yesNo(tb?.nightSweats)],
        [t('fields.weightLoss'), yesNo(tb?.weightLoss)],
        [t('fields.haemoptysis'), yesNo(tb?.haemoptysis)],
        [t('fields.contactWithTb'), yesNo(tb?.contactWithTb)],
        [t('tuberculosis.chestXray'), code('tuberculosis.xrays', tb?.chestXray)],
        ...(tb?.chestXrayReason ? [[t('tuberculosis.chestXrayReason'), tb.chestXrayReason] as Row] : []),
        [t('fields.otherContagiousSigns'), text(tb?.otherContagiousSigns)],
      ])}

      {assessed('bloodBorne', () => [
        [t('bloodBorne.hiv'), code('bloodBorne.offers', bb?.hiv)],
        [t('bloodBorne.hepatitisB'), code('bloodBorne.offers', bb?.hepatitisB)],
        [t('bloodBorne.hepatitisC'), code('bloodBorne.offers', bb?.hepatitisC)],
        [t('bloodBorne.sti'), code('bloodBorne.offers', bb?.sti)],
      ])}

      {assessed('fitness', () => [
        [t('fitness.work'), code('fitness.results', fit?.work)],
        [t('fitness.exercise'), code('fitness.results', fit?.exercise)],
        [t('fitness.activities'), code('fitness.results', fit?.activities)],
      ])}

      {w ? (
        <Section id="women" title={t('sections.women')}>
          <Answers
            rows={[
              [t('women.pregnancy'), code('women.pregnancies', w.pregnancy)],
              [t('women.recentBirthOrLoss'), code('women.answers', w.recentBirthOrLoss)],
              [t('women.reproductiveHistory'), text(w.reproductiveHistory)],
              [t('women.violenceBeforeAdmission'), code('women.answers', w.violenceBeforeAdmission)],
              [t('women.supportOffered'), yesNo(w.supportOffered)],
              [t('women.childrenOutside'), w.childrenOutside ?? none],
              [t('women.femaleClinicianRequested'), yesNo(w.femaleClinicianRequested)],
            ]}
          />
        </Section>
      ) : null}
      <Text size="xs" className="screening-no-print">
        {t('document.readOnly')}
      </Text>
    </Stack>
  );
}
