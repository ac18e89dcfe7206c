import { PHOTO_MAX_BYTES } from '@custodia/domain/registry';
import {
  Alert,
  Anchor,
  Box,
  Button,
  FileButton,
  Group,
  List,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError, apiFetch } from '../../app/api.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { displayName, nameIn } from '../../app/format.ts';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { SafetyAlerts } from '../clinical/SafetyAlerts.tsx';
import { actionsFor, type EventAction, EventDialog } from './EventDialog.tsx';
import { EventHistory, type HistoryContext } from './EventHistory.tsx';
import { Facts } from './Facts.tsx';
import { useRegistryLabels } from './labels.ts';
import { statusColor } from './PersonSearchPage.tsx';
import { PersonTabs, usePersonPageNamespaces } from './PersonTabs.tsx';
import { PlannedRelease } from './PlannedRelease.tsx';
import {
  type CustodyEvent,
  type InstitutionDetail,
  type PersonSummary,
  registryKeys,
  useInstitutions,
  usePerson,
  usePersonEvents,
  useTimeZoneOf,
  useUploadPhoto,
} from './registry.api.ts';
import { Tag } from './Tag.tsx';

interface FamilyMember {
  relation?: string;
  name?: string;
  isChild?: boolean;
  age?: number | null;
  whereabouts?: string | null;
  caredForBy?: string | null;
}

const str = (value: unknown) => (typeof value === 'string' ? value : '');

/** One line per family member, with a key that stays unique even for two identical lines. */
function keyed(lines: string[]): [key: string, line: string][] {
  const seen = new Map<string, number>();
  return lines.map((text) => {
    const n = (seen.get(text) ?? 0) + 1;
    seen.set(text, n);
    return [`${n}:${text}`, text];
  });
}

/** The Mandela rule 7 record of the latest admission still in force. */
function AdmissionRecord({ event, timeZone }: { event: CustodyEvent; timeZone: string | undefined }) {
  const { t } = useTranslation('registry');
  const labels = useRegistryLabels();
  const data = event.data ?? {};
  const family = (Array.isArray(data.familyMembers) ? data.familyMembers : []) as FamilyMember[];
  const familyText = family.map((m) =>
    [
      m.relation,
      m.name,
      m.isChild ? t('person.child') : null,
      m.age !== null && m.age !== undefined ? t('person.age', { age: m.age }) : null,
      m.whereabouts ? t('person.whereabouts', { place: m.whereabouts }) : null,
      m.caredForBy ? t('person.caredForBy', { who: m.caredForBy }) : null,
    ]
      .filter(Boolean)
      .join(' · '),
  );
  const contact = (data.emergencyContact ?? {}) as { name?: string; relation?: string; phone?: string };
  return (
    <Stack gap="sm">
      <Facts
        items={[
          [t('fields.admittedAt'), labels.dateTime(event.occurredAt, timeZone)],
          [t('fields.commitmentOrderReference'), str(data.commitmentOrderReference)],
          [t('fields.issuingAuthority'), str(data.issuingAuthority)],
          [t('fields.legalBasis'), str(data.legalBasis)],
          [t('fields.arrestedAt'), labels.dateTime(str(data.arrestedAt), timeZone)],
          [t('fields.arrestPlace'), str(data.arrestPlace)],
          [t('fields.visibleInjuries'), str(data.visibleInjuries)],
          [t('fields.illTreatmentComplaints'), str(data.illTreatmentComplaints)],
          [t('fields.propertySummary'), str(data.propertySummary)],
          [
            t('admit.sections.emergencyContact'),
            [contact.name, contact.relation, contact.phone].filter(Boolean).join(' · '),
          ],
          [
            t('fields.informationGivenInLanguage'),
            data.informationGivenInLanguage === true ? t('form.yes') : t('form.no'),
          ],
          [
            t('admit.sections.family'),
            family.length === 0 ? (
              t('person.noFamily')
            ) : (
              <List key="family" spacing={2} size="sm">
                {keyed(familyText).map(([key, line]) => (
                  <List.Item key={key}>{line}</List.Item>
                ))}
              </List>
            ),
          ],
        ]}
      />
    </Stack>
  );
}

/**
 * The person's photo (ADM-3 identity), or a placeholder; registry officers add or replace it. The
 * server reads the type from the file's bytes; a replaced photo stays on record as history.
 */
function PersonPhoto({ person, name, canWrite }: { person: PersonSummary; name: string; canWrite: boolean }) {
  const { t } = useTranslation('registry');
  const errorMessage = useErrorMessage();
  const upload = useUploadPhoto(person.id);
  // A file over the limit is refused here, before anything is sent.
  const [tooLarge, setTooLarge] = useState(false);
  const failure = tooLarge
    ? t('photo.tooLarge')
    : !upload.isError
      ? null
      : upload.error instanceof ApiError && upload.error.code === 'unsupported_media_type'
        ? t('photo.wrongType')
        : upload.error instanceof ApiError && upload.error.code === 'payload_too_large'
          ? t('photo.tooLarge')
          : errorMessage(upload.error);

  function send(file: File | null) {
    if (!file) return;
    upload.reset();
    setTooLarge(file.size > PHOTO_MAX_BYTES);
    if (file.size <= PHOTO_MAX_BYTES) upload.mutate(file);
  }

  return (
    <Stack gap="xs" align="flex-start" mb="sm">
      {person.photo ? (
        <img
          src={`/api/v1/persons/${encodeURIComponent(person.id)}/photo?v=${encodeURIComponent(person.photo.id)}`}
          alt={t('photo.alt', { name })}
          width={120}
          height={150}
          style={{ objectFit: 'cover', border: '1px solid var(--mantine-color-gray-4)' }}
        />
      ) : (
        <Box
          w={120}
          h={150}
          bd="1px dashed var(--mantine-color-gray-5)"
          display="flex"
          style={{ alignItems: 'center', justifyContent: 'center', textAlign: 'center' }}
        >
          <Text size="sm" c="dimmed">
            {t('photo.none')}
          </Text>
        </Box>
      )}
      {canWrite ? (
        <div className="no-print">
          <FileButton onChange={send} accept="image/jpeg,image/png">
            {(props) => (
              <Button variant="default" size="xs" loading={upload.isPending} {...props}>
                {person.photo ? t('photo.replace') : t('photo.add')}
              </Button>
            )}
          </FileButton>
          <Text size="xs" mt={4}>
            {t('photo.hint')}
          </Text>
        </div>
      ) : null}
      {failure ? (
        <Alert color="red" role="alert" title={t('photo.notSaved')}>
          {failure}
        </Alert>
      ) : null}
    </Stack>
  );
}

/**
 * A person's custodial summary: identity in both scripts, where they are and their legal status
 * (derived from the history, never typed in), the admission record, and the custody history in
 * order. Registry officers record events from here.
 */
export function PersonPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(usePersonPageNamespaces());
  const labels = useRegistryLabels();
  const errorMessage = useErrorMessage();
  const location = useLocation();
  const navigate = useNavigate();
  const canWrite = allows(useCurrentUser(), 'registry.person.write');
  const person = usePerson(id);
  const events = usePersonEvents(id);
  const institutions = useInstitutions();
  const timeZoneOf = useTimeZoneOf();
  const [action, setAction] = useState<EventAction | null>(null);
  const [correcting, setCorrecting] = useState<CustodyEvent | null>(null);
  const [notice, setNotice] = useState<string | null>(
    (location.state as { notice?: string } | null)?.notice === 'admitted' ? t('person.admitted') : null,
  );
  const noticeRef = useRef<HTMLDivElement>(null);
  usePageTitle(person.data ? displayName(person.data) || person.data.prisonNumber : t('person.title'));

  // The "admitted" notice is for this visit only: a reload should not show it again.
  useEffect(() => {
    if ((location.state as { notice?: string } | null)?.notice)
      navigate(`${location.pathname}${location.search}`, { replace: true, state: null });
  }, [location, navigate]);

  const allEvents = useMemo(() => events.data?.pages.flatMap((p) => p.items) ?? [], [events.data]);
  const placementInstitutions = [
    ...new Set(
      allEvents.filter((e) => e.type === 'placement' && e.institutionId).map((e) => e.institutionId!),
    ),
  ];
  const details = useQueries({
    queries: placementInstitutions.map((institutionId) => ({
      queryKey: registryKeys.institution(institutionId),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        apiFetch<InstitutionDetail>(`/api/v1/institutions/${encodeURIComponent(institutionId)}`, { signal }),
      staleTime: 60_000,
    })),
  });
  const context: HistoryContext = {
    institutions: new Map((institutions.data ?? []).map((i) => [i.id, i])),
    cellCodes: new Map(
      details.flatMap((d) => d.data?.units.flatMap((u) => u.cells.map((c) => [c.id, c.code] as const)) ?? []),
    ),
  };

  function open(next: EventAction, event: CustodyEvent | null = null) {
    setNotice(null);
    setCorrecting(event);
    setAction(next);
  }

  function recorded(done: EventAction) {
    setAction(null);
    setCorrecting(null);
    setNotice(t('person.recorded', { what: labels.eventType(done) }));
    noticeRef.current?.focus();
  }

  if (person.isPending)
    return (
      <Group gap="sm" role="status">
        <Loader size="sm" />
        <Text>{t('person.loading')}</Text>
      </Group>
    );
  if (person.isError)
    return (
      <Stack gap="md" maw={760}>
        <Title order={1}>{t('person.title')}</Title>
        <Alert color="red" role="alert">
          {errorMessage(person.error)}
        </Alert>
        <Anchor component={Link} to="/registry/persons">
          {t('person.backToSearch')}
        </Anchor>
      </Stack>
    );

  const p = person.data;
  const latin = nameIn(p, 'latin');
  const cyrillic = nameIn(p, 'cyrillic');
  const actions = canWrite ? actionsFor(p.status) : [];
  // A released person comes back as the same person: a new custody episode, not a new record.
  const canReadmit = canWrite && p.status === 'released';
  const zone = timeZoneOf(p.institution?.id);
  const admission = [...allEvents].reverse().find((e) => e.type === 'admission' && !e.enteredInError);
  const institution = p.institution
    ? `${p.institution.code} · ${labels.institutionName(p.institution.name)}`
    : null;

  // The custodial summary is the first tab; other modules' tabs follow (issue 4).
  const header = (
    <>
      <Anchor component={Link} to="/registry/persons" size="sm" className="no-print">
        {t('person.backToSearch')}
      </Anchor>
      <Stack gap={4}>
        <Title order={1}>{displayName(p) || p.prisonNumber}</Title>
        <Group gap="sm">
          <Text fw={600}>{t('person.prisonNumber', { number: p.prisonNumber })}</Text>
          <Tag color={statusColor(p.status)}>{labels.status(p.status)}</Tag>
        </Group>
        <SafetyAlerts alerts={p.alerts} />
      </Stack>
    </>
  );

  return (
    <PersonTabs personId={p.id} header={header}>
      <div ref={noticeRef} tabIndex={-1} role="status">
        {notice ? (
          <Alert color="teal" variant="light">
            {notice}
          </Alert>
        ) : null}
      </div>

      {actions.length > 0 || canReadmit ? (
        <section aria-labelledby="person-actions" className="no-print">
          <Title order={2} size="h3" id="person-actions" mb="xs">
            {t('person.actions')}
          </Title>
          <Group gap="sm">
            {canReadmit ? (
              <Button component={Link} to={`/registry/persons/${encodeURIComponent(p.id)}/admit`}>
                {t('person.readmit')}
              </Button>
            ) : null}
            {actions.map((a) => (
              <Button
                key={a}
                variant={a === 'placement' || a === 'transfer_in' ? 'filled' : 'default'}
                onClick={() => open(a)}
              >
                {t(`actions.${a}`)}
              </Button>
            ))}
          </Group>
        </section>
      ) : null}

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Paper withBorder p="md" component="section" aria-labelledby="person-custody">
          <Title order={2} size="h3" id="person-custody" mb="sm">
            {t('person.custody')}
          </Title>
          <Facts
            items={[
              [t('fields.status'), labels.status(p.status)],
              [t('person.since'), labels.dateTime(p.statusSince, zone)],
              [t('fields.institution'), institution],
              [t('person.cell'), p.cell ? `${p.cell.code} · ${labels.cellType(p.cell.cellType)}` : null],
              ...(p.destinationInstitution
                ? ([
                    [
                      t('person.destination'),
                      `${p.destinationInstitution.code} · ${labels.institutionName(p.destinationInstitution.name)}`,
                    ],
                  ] as [string, string][])
                : []),
              [t('fields.legalStatus'), labels.legalStatus(p.legalStatus)],
              [t('fields.admittedAt'), labels.dateTime(p.admittedAt, zone)],
            ]}
          />
          <PlannedRelease key={p.id} person={p} canWrite={canWrite} />
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="person-identity">
          <Title order={2} size="h3" id="person-identity" mb="sm">
            {t('person.identity')}
          </Title>
          <PersonPhoto person={p} name={displayName(p) || p.prisonNumber} canWrite={canWrite} />
          <Facts
            items={[
              [
                t('person.nameLatin'),
                latin ? (
                  <span key="latin" lang="az">
                    {latin}
                  </span>
                ) : null,
              ],
              [
                t('person.nameCyrillic'),
                cyrillic ? (
                  <span key="cyrillic" lang="ru">
                    {cyrillic}
                  </span>
                ) : null,
              ],
              [t('fields.birthDate'), labels.date(p.birthDate)],
              [t('fields.sex'), labels.sex(p.sex)],
              [t('fields.genderIdentity'), p.genderIdentity],
              [t('fields.citizenship'), labels.country(p.citizenship)],
              [t('fields.language'), labels.language(p.language)],
              [t('fields.interpreterNeeded'), p.interpreterNeeded ? t('form.yes') : t('form.no')],
              [t('fields.nationalId'), p.nationalId],
            ]}
          />
        </Paper>
      </SimpleGrid>

      <section aria-labelledby="person-history">
        <Title order={2} size="h3" id="person-history" mb="sm">
          {t('person.history')}
        </Title>
        {events.isPending ? (
          <Group gap="sm" role="status">
            <Loader size="sm" />
            <Text>{t('person.loadingHistory')}</Text>
          </Group>
        ) : events.isError ? (
          <Alert color="red" role="alert">
            {errorMessage(events.error)}
          </Alert>
        ) : (
          <Stack gap="sm">
            <EventHistory
              events={allEvents}
              context={context}
              onMarkInError={canWrite ? (event) => open('entered_in_error', event) : undefined}
            />
            {events.hasNextPage ? (
              <div className="no-print">
                <Button
                  variant="default"
                  onClick={() => void events.fetchNextPage()}
                  loading={events.isFetchingNextPage}
                >
                  {t('person.moreHistory')}
                </Button>
              </div>
            ) : null}
          </Stack>
        )}
      </section>

      {admission ? (
        <Paper withBorder p="md" component="section" aria-labelledby="person-admission">
          <Title order={2} size="h3" id="person-admission" mb="sm">
            {t('person.admission')}
          </Title>
          <AdmissionRecord event={admission} timeZone={timeZoneOf(admission.institutionId)} />
        </Paper>
      ) : null}

      <EventDialog
        person={p}
        action={action}
        correcting={correcting}
        onClose={() => {
          setAction(null);
          setCorrecting(null);
        }}
        onRecorded={recorded}
      />
    </PersonTabs>
  );
}
