import { recipientKinds, reportChannels } from '@custodia/domain';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Code,
  FileInput,
  Group,
  Image,
  NativeSelect,
  Radio,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { fromLocalInput, useFormats, WARNING_COLOR } from '../../app/format.ts';
import { QueryState } from '../../app/QueryState.tsx';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { BodyChart } from '../clinical/screening/BodyChart.tsx';
import type { InjuryDraft } from '../clinical/screening/formValues.ts';
import { useTimeZoneOf } from '../registry/registry.api.ts';
import {
  type InjuryRecord,
  type InjuryReport,
  photoUrl,
  useInjuryRecord,
  useRecordCommand,
  useReportCommand,
  useUploadPhoto,
} from './injuries.api.ts';
import { useProblemText } from './parts.tsx';

const enc = encodeURIComponent;

/** A small form: its fields, a submit button, the refusal in words or the confirmation. */
function MiniForm({
  title,
  submit,
  children,
  onSubmit,
}: {
  title: string;
  submit: string;
  children: ReactNode;
  onSubmit: () => Promise<unknown>;
}) {
  const { t } = useTranslation('injuries');
  const problemText = useProblemText();
  const [state, setState] = useState<{ ok?: boolean; error?: string }>({});
  const [busy, setBusy] = useState(false);
  return (
    <form
      aria-label={title}
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setState({});
        try {
          await onSubmit();
          setState({ ok: true });
        } catch (error) {
          setState({ error: problemText(error) });
        } finally {
          setBusy(false);
        }
      }}
    >
      <Stack gap="xs" maw={640}>
        <Title order={3}>{title}</Title>
        {children}
        {state.error ? (
          <Alert color="red" role="alert">
            {state.error}
          </Alert>
        ) : null}
        {state.ok ? <Text role="status">{t('saved')}</Text> : null}
        <Button type="submit" loading={busy} w="fit-content">
          {submit}
        </Button>
      </Stack>
    </form>
  );
}

/** INJ-2: consent, photographs with their hashes, and the upload (scale in frame confirmed). */
function Photos({ r }: { r: InjuryRecord }) {
  const { t } = useTranslation('injuries');
  const { dateTime } = useFormats();
  const zone = useTimeZoneOf()(r.institutionId);
  const consent = useRecordCommand(r.id, 'photo-consent');
  const upload = useUploadPhoto(r.id);
  const [answer, setAnswer] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [scale, setScale] = useState(false);
  return (
    <Stack>
      <Title order={2}>{t('photos.title')}</Title>
      <Text>
        {r.photoConsent
          ? t(`photos.consent_${r.photoConsent.consent}`, { at: dateTime(r.photoConsent.at, zone) })
          : t('photos.noConsent')}
      </Text>
      <MiniForm
        title={t('photos.recordConsent')}
        submit={t('photos.saveConsent')}
        onSubmit={() => consent.mutateAsync({ consent: answer || undefined })}
      >
        <Radio.Group value={answer} onChange={setAnswer} label={t('photos.consentQuestion')} withAsterisk>
          <Group>
            <Radio value="given" label={t('photos.given')} />
            <Radio value="refused" label={t('photos.refused')} />
          </Group>
        </Radio.Group>
      </MiniForm>
      <MiniForm
        title={t('photos.add')}
        submit={t('photos.upload')}
        onSubmit={async () => {
          if (!file) throw new Error(t('photos.chooseFile'));
          await upload.mutateAsync({ file, scaleInFrame: scale });
          setFile(null);
        }}
      >
        <FileInput
          label={t('photos.file')}
          accept="image/png,image/jpeg"
          value={file}
          onChange={setFile}
          clearable
        />
        <Checkbox
          label={t('photos.scaleInFrame')}
          checked={scale}
          onChange={(e) => setScale(e.currentTarget.checked)}
        />
      </MiniForm>
      {r.photos.length ? (
        <Group align="flex-start">
          {r.photos.map((p, i) => (
            <Stack key={p.id} gap={2} maw={220}>
              <Image src={photoUrl(r.id, p.id)} alt={t('photos.alt', { n: i + 1 })} w={200} />
              <Text size="xs">{dateTime(p.takenAt, zone)}</Text>
              <Text size="xs">
                SHA-256: <Code style={{ wordBreak: 'break-all' }}>{p.sha256}</Code>
              </Text>
            </Stack>
          ))}
        </Group>
      ) : null}
    </Stack>
  );
}

/** INJ-4: one sent report, its replies and reprisal reviews; withdrawal is refused. */
function SentReport({ report, zone }: { report: InjuryReport; zone: string | undefined }) {
  const { t } = useTranslation('injuries');
  const { dateTime } = useFormats();
  const reply = useReportCommand(report.id, 'replies');
  const review = useReportCommand(report.id, 'reprisal-reviews');
  const withdraw = useReportCommand(report.id, 'withdrawal');
  const [replyAt, setReplyAt] = useState('');
  const [replyText, setReplyText] = useState('');
  const [risk, setRisk] = useState('');
  const [note, setNote] = useState('');
  return (
    <Stack gap="xs" p="sm" style={{ border: '1px solid var(--mantine-color-gray-4)' }}>
      <Text fw={700}>
        {t(`recipientKinds.${report.recipientKind}`)} · {report.recipientName}
      </Text>
      <Text>
        {t('report.sentLine', {
          at: dateTime(report.sentAt, zone),
          channel: t(`channels.${report.channel}`),
          reference: report.reference,
        })}
      </Text>
      {report.personObjected ? <Text>{t('report.objected', { text: report.objection ?? '' })}</Text> : null}
      <Text>
        {report.personInformedAt
          ? t('report.informed', { at: dateTime(report.personInformedAt, zone) })
          : t('report.notInformed')}
      </Text>
      {report.reprisalReviewDueDay ? (
        <Badge color={report.reprisalReviewState === 'overdue' ? 'red.9' : WARNING_COLOR} w="fit-content">
          {t('report.reprisalDue', { day: report.reprisalReviewDueDay })}
        </Badge>
      ) : null}
      <Anchor href={`/api/v1/injuries/reports/${enc(report.id)}/pdf`} target="_blank">
        {t('report.pdf')}
      </Anchor>
      {report.events.map((e) => (
        <Text key={e.id} size="sm">
          {dateTime(e.at, zone)} · {t(`eventKinds.${e.kind}`)}: {e.text}
        </Text>
      ))}
      <MiniForm
        title={t('report.reply')}
        submit={t('save')}
        onSubmit={() =>
          reply.mutateAsync({
            receivedAt: fromLocalInput(replyAt, zone) ?? new Date().toISOString(),
            text: replyText,
          })
        }
      >
        <TextInput
          type="datetime-local"
          label={t('report.receivedAt')}
          value={replyAt}
          onChange={(e) => setReplyAt(e.currentTarget.value)}
        />
        <Textarea
          label={t('report.replyText')}
          value={replyText}
          onChange={(e) => setReplyText(e.currentTarget.value)}
        />
      </MiniForm>
      <MiniForm
        title={t('report.reprisalReview')}
        submit={t('save')}
        onSubmit={() => review.mutateAsync({ riskContinues: risk === '' ? undefined : risk === 'yes', note })}
      >
        <Radio.Group value={risk} onChange={setRisk} label={t('report.riskContinues')} withAsterisk>
          <Group>
            <Radio value="yes" label={t('yes')} />
            <Radio value="no" label={t('no')} />
          </Group>
        </Radio.Group>
        <Textarea
          label={t('report.reviewNote')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
      </MiniForm>
      <MiniForm
        title={t('report.withdrawal')}
        submit={t('report.withdraw')}
        onSubmit={() => withdraw.mutateAsync({ reason: t('report.withdrawalReason') })}
      >
        <Text size="sm">{t('report.withdrawalHelp')}</Text>
      </MiniForm>
    </Stack>
  );
}

/** INJ-4: producing and registering the report; the reports sent. */
function Reports({ r }: { r: InjuryRecord }) {
  const { t } = useTranslation('injuries');
  const { dateTime } = useFormats();
  const zone = useTimeZoneOf()(r.institutionId);
  const dispatch = useRecordCommand(r.id, 'reports');
  const [kind, setKind] = useState('');
  const [sentAt, setSentAt] = useState('');
  const [channel, setChannel] = useState('');
  const [reference, setReference] = useState('');
  const [objected, setObjected] = useState(false);
  const [objection, setObjection] = useState('');
  const [informed, setInformed] = useState(false);
  const configured = r.recipients ?? [];
  return (
    <Stack>
      <Title order={2}>{t('report.title')}</Title>
      <Text>
        {t(`reportStates.${r.report.state}`)}
        {r.report.dueAt && !r.reports.length
          ? ` · ${t('report.dueBy', { at: dateTime(r.report.dueAt, zone) })}`
          : ''}
      </Text>
      {configured.length ? (
        <Group>
          {configured.map((c) => (
            <Anchor
              key={c.kind}
              href={`/api/v1/injuries/records/${enc(r.id)}/report.pdf?recipientKind=${enc(c.kind)}`}
              target="_blank"
            >
              {t('report.produce', { recipient: t(`recipientKinds.${c.kind}`) })}
            </Anchor>
          ))}
        </Group>
      ) : (
        <Alert color="yellow">{t('report.noRecipients')}</Alert>
      )}
      <MiniForm
        title={t('report.dispatch')}
        submit={t('report.register')}
        onSubmit={() =>
          dispatch.mutateAsync({
            recipientKind: kind || undefined,
            sentAt: fromLocalInput(sentAt, zone) ?? new Date().toISOString(),
            channel: channel || undefined,
            reference,
            personObjected: objected,
            objection: objection.trim() || null,
            personInformedAt: informed ? new Date().toISOString() : null,
          })
        }
      >
        <Text size="sm">{t('report.sentAnyway')}</Text>
        <NativeSelect
          label={t('report.recipient')}
          withAsterisk
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value)}
          data={[
            { value: '', label: t('choose') },
            ...recipientKinds.map((k) => ({ value: k, label: t(`recipientKinds.${k}`) })),
          ]}
        />
        <TextInput
          type="datetime-local"
          label={t('report.sentAt')}
          description={t('new.nowIfEmpty', { zone: zone ?? '' })}
          value={sentAt}
          onChange={(e) => setSentAt(e.currentTarget.value)}
        />
        <NativeSelect
          label={t('report.channel')}
          withAsterisk
          value={channel}
          onChange={(e) => setChannel(e.currentTarget.value)}
          data={[
            { value: '', label: t('choose') },
            ...reportChannels.map((c) => ({ value: c, label: t(`channels.${c}`) })),
          ]}
        />
        <TextInput
          label={t('report.reference')}
          withAsterisk
          value={reference}
          onChange={(e) => setReference(e.currentTarget.value)}
        />
        <Checkbox
          label={t('report.personObjected')}
          checked={objected}
          onChange={(e) => setObjected(e.currentTarget.checked)}
        />
        {objected ? (
          <Textarea
            label={t('report.objection')}
            value={objection}
            onChange={(e) => setObjection(e.currentTarget.value)}
          />
        ) : null}
        <Checkbox
          label={t('report.personInformed')}
          checked={informed}
          onChange={(e) => setInformed(e.currentTarget.checked)}
        />
      </MiniForm>
      {r.reports.map((report) => (
        <SentReport key={report.id} report={report} zone={zone} />
      ))}
    </Stack>
  );
}

/** An injury record: who, when and what; photographs; the conclusion; reports, copies and reviews. */
export function RecordPage() {
  const { t } = useTranslation('injuries');
  usePageTitle(t('record.title'));
  const { id = '' } = useParams();
  const record = useInjuryRecord(id);
  const user = useCurrentUser();
  const writer = allows(user, 'injuries.record.write');
  return (
    <Stack>
      <Title order={1}>{t('record.title')}</Title>
      <QueryState query={record}>{(r) => <RecordBody r={r} writer={writer} />}</QueryState>
    </Stack>
  );
}

function RecordBody({ r, writer }: { r: InjuryRecord; writer: boolean }) {
  const { t } = useTranslation('injuries');
  const { dateTime } = useFormats();
  const zone = useTimeZoneOf()(r.institutionId);
  const amend = useRecordCommand(r.id, 'amendments');
  const review = useRecordCommand(r.id, 'second-review');
  const copy = useRecordCommand(r.id, 'copies');
  const [reason, setReason] = useState('');
  const [text, setText] = useState('');
  const [agrees, setAgrees] = useState('');
  const [reviewNote, setReviewNote] = useState('');
  const [requestedBy, setRequestedBy] = useState('');
  const [requester, setRequester] = useState('');
  const row = (label: string, value: ReactNode) => (
    <Table.Tr>
      <Table.Th scope="row" w={260}>
        {label}
      </Table.Th>
      <Table.Td>{value}</Table.Td>
    </Table.Tr>
  );
  const a = r.account;
  return (
    <Stack>
      <Anchor component={Link} to={`/registry/persons/${enc(r.personId)}?tab=injuries`}>
        {t('record.person')}
      </Anchor>
      <Text>
        {t('record.signedBy', { name: r.clinician.name, at: dateTime(r.signedAt, zone) })}
        {r.clinician.trained ? '' : ` · ${t('record.untrained')}`}
      </Text>
      <Table withTableBorder>
        <Table.Tbody>
          {row(t('record.context'), t(`contexts.${r.context}`))}
          {row(t('record.examinedAt'), dateTime(r.examinedAt, zone))}
          {row(t('record.personsPresent'), r.personsPresent)}
          {r.interpreter ? row(t('record.interpreter'), r.interpreter) : null}
          {row(
            t('record.outOfHearingAndSight'),
            r.outOfHearingAndSight ? t('yes') : `${t('no')} — ${r.presenceReason ?? ''}`,
          )}
          {row(t('record.accountText'), a.text)}
          {row(t('record.allegation'), a.allegation ? t('yes') : t('no'))}
          {a.allegation
            ? row(t('record.allegationDetail'), [a.who, a.when, a.where, a.how].filter(Boolean).join(' · '))
            : null}
          {row(t('record.conclusion'), t(`conclusions.${r.conclusion}`))}
          {r.suggestsIllTreatment ? row(t('record.suggestsIllTreatment'), t('yes')) : null}
          {row(t('record.cause'), t(`causes.${r.cause}`))}
          {r.testsAndTreatment ? row(t('record.testsAndTreatment'), r.testsAndTreatment) : null}
        </Table.Tbody>
      </Table>
      <Title order={2}>{t('record.findings')}</Title>
      {r.noInjuriesSeen ? (
        <Text>{t('record.noInjuriesSeen')}</Text>
      ) : (
        <>
          <BodyChart
            injuries={r.lesions.map(
              (l, i) => ({ ...l, key: l.id ?? String(i), side: l.view }) as unknown as InjuryDraft,
            )}
            readOnly
            onAdd={() => {}}
          />
          <Table withTableBorder captionSide="top">
            <Table.Caption>{t('record.lesions')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">#</Table.Th>
                <Table.Th scope="col">{t('lesion.where')}</Table.Th>
                <Table.Th scope="col">{t('lesion.type')}</Table.Th>
                <Table.Th scope="col">{t('lesion.size')}</Table.Th>
                <Table.Th scope="col">{t('lesion.looks')}</Table.Th>
                <Table.Th scope="col">{t('lesion.age')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.lesions.map((l, i) => (
                <Table.Tr key={l.id ?? i}>
                  <Table.Td>{i + 1}</Table.Td>
                  <Table.Td>
                    {t(`views.${l.view}`)} · {t(`regions.${l.region}`)}
                    {l.fromScreening ? ` · ${t('lesion.fromScreening')}` : ''}
                  </Table.Td>
                  <Table.Td>{t(`lesionTypes.${l.type}`)}</Table.Td>
                  <Table.Td>
                    {l.lengthCm
                      ? `${l.lengthCm}${l.widthCm ? ` × ${l.widthCm}` : ''} ${t('lesion.cm')}`
                      : '—'}
                  </Table.Td>
                  <Table.Td>{[l.colour, l.shape, l.description].filter(Boolean).join(' · ') || '—'}</Table.Td>
                  <Table.Td>{t(`ages.${l.estimatedAge}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      {r.amendments.length ? (
        <Stack gap={4}>
          <Title order={2}>{t('record.amendments')}</Title>
          {r.amendments.map((x) => (
            <Text key={x.id}>
              {dateTime(x.at, zone)} · {x.by}: {x.reason} — {x.text}
            </Text>
          ))}
        </Stack>
      ) : null}
      {r.secondReview.required ? (
        <Stack gap={4}>
          <Title order={2}>{t('review.title')}</Title>
          {r.secondReview.review ? (
            <Text>
              {t('review.done', {
                by: r.secondReview.review.by,
                at: dateTime(r.secondReview.review.at, zone),
                verdict: r.secondReview.review.agrees ? t('review.agrees') : t('review.disagrees'),
              })}{' '}
              {r.secondReview.review.note}
            </Text>
          ) : (
            <Text>{t('review.due', { day: r.secondReview.dueDay ?? '' })}</Text>
          )}
          {writer && !r.secondReview.review ? (
            <MiniForm
              title={t('review.give')}
              submit={t('save')}
              onSubmit={() =>
                review.mutateAsync({ agrees: agrees === '' ? undefined : agrees === 'yes', note: reviewNote })
              }
            >
              <Radio.Group value={agrees} onChange={setAgrees} label={t('review.agreeQuestion')} withAsterisk>
                <Group>
                  <Radio value="yes" label={t('yes')} />
                  <Radio value="no" label={t('no')} />
                </Group>
              </Radio.Group>
              <Textarea
                label={t('review.note')}
                value={reviewNote}
                onChange={(e) => setReviewNote(e.currentTarget.value)}
              />
            </MiniForm>
          ) : null}
        </Stack>
      ) : null}
      {writer ? <Photos r={r} /> : null}
      {writer ? <Reports r={r} /> : null}
      <Stack>
        <Title order={2}>{t('copy.title')}</Title>
        {r.copies.map((c) => (
          <Text key={c.id}>
            {t('copy.given', {
              at: dateTime(c.handedAt, zone),
              to: t(`copy.${c.requestedBy}`),
              name: c.requesterName ?? '',
            })}
          </Text>
        ))}
        <Group>
          {(['az', 'en', 'ru'] as const).map((l) => (
            <Anchor
              key={l}
              href={`/api/v1/injuries/records/${enc(r.id)}/copy.pdf?language=${l}`}
              target="_blank"
            >
              {t('copy.pdf', { language: t(`languages.${l}`) })}
            </Anchor>
          ))}
        </Group>
        {writer ? (
          <MiniForm
            title={t('copy.record')}
            submit={t('copy.hand')}
            onSubmit={() =>
              copy.mutateAsync({
                requestedBy: requestedBy || undefined,
                requesterName: requester.trim() || null,
              })
            }
          >
            <NativeSelect
              label={t('copy.requestedBy')}
              withAsterisk
              value={requestedBy}
              onChange={(e) => setRequestedBy(e.currentTarget.value)}
              data={[
                { value: '', label: t('choose') },
                { value: 'person', label: t('copy.person') },
                { value: 'lawyer', label: t('copy.lawyer') },
              ]}
            />
            <TextInput
              label={t('copy.requesterName')}
              value={requester}
              onChange={(e) => setRequester(e.currentTarget.value)}
            />
          </MiniForm>
        ) : null}
      </Stack>
      {writer ? (
        <MiniForm
          title={t('amend.title')}
          submit={t('amend.save')}
          onSubmit={() => amend.mutateAsync({ reason, text })}
        >
          <Text size="sm">{t('amend.help')}</Text>
          <TextInput
            label={t('amend.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <Textarea label={t('amend.text')} value={text} onChange={(e) => setText(e.currentTarget.value)} />
        </MiniForm>
      ) : null}
    </Stack>
  );
}
