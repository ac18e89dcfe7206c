import {
  approvedEquipment,
  approvedHolds,
  harmKinds,
  lessRestrictiveMeasures,
  restraintTypes,
  supervisionPositions,
} from '@custodia/domain/restraint';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { displayName, fromLocalInput } from '../../app/format.ts';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useInstitution, usePerson, usePersons, useTimeZoneOf } from '../registry/registry.api.ts';
import { useProblemText } from './parts.tsx';
import { restraintApi, useRefreshRestraint, useRestraintStaff } from './restraint.api.ts';

const SUITABLE_ROOMS = ['seclusion', 'safe', 'medical'];

function CheckGroup({
  label,
  options,
  values,
  onChange,
  labelOf,
}: {
  label: string;
  options: readonly string[];
  values: string[];
  onChange: (values: string[]) => void;
  labelOf: (o: string) => string;
}) {
  return (
    <Checkbox.Group label={label} value={values} onChange={onChange}>
      <Group gap="md" mt={4}>
        {options.map((o) => (
          <Checkbox key={o} value={o} label={labelOf(o)} />
        ))}
      </Group>
    </Checkbox.Group>
  );
}

/**
 * Starting restraint or seclusion (RST-1 … RST-3, RST-8, RST-16): the person, what and where, the
 * authorisation, the last-resort fields. What the standards forbid cannot be chosen at all.
 */
export function StartPage() {
  const { t } = useTranslation('restraint');
  usePageTitle(t('start.title'));
  const user = useCurrentUser();
  const navigate = useNavigate();
  const problemText = useProblemText();
  const refresh = useRefreshRestraint();
  const [params] = useSearchParams();
  const [personId, setPersonId] = useState(params.get('person') ?? '');
  const [q, setQ] = useState('');
  const persons = usePersons(q.trim().length >= 2 ? q.trim() : '');
  const person = usePerson(personId, Boolean(personId));
  const institutionId = person.data?.institution?.id ?? '';
  const institution = useInstitution(institutionId || null);
  const zone = useTimeZoneOf()(institutionId);
  const staff = useRestraintStaff(institutionId);
  const doctor = allows(user, 'restraint.episode.approve');
  const [v, setV] = useState({
    types: [] as string[],
    combinationReason: '',
    cellId: '',
    inViewOfOthers: false,
    startedAt: '',
    lateEntryReason: '',
    authorisation: 'emergency_start',
    assessment: '',
    harm: '',
    harmDescription: '',
    lessRestrictiveTried: [] as string[],
    lessRestrictiveDescription: '',
    personPreferences: '',
    equipment: [] as string[],
    holds: [] as string[],
    medication: '',
    appliedBy: '',
    supervisorId: '',
    supervisionPosition: '',
  });
  const set = <K extends keyof typeof v>(key: K, value: (typeof v)[K]) =>
    setV((old) => ({ ...old, [key]: value }));
  const cells = useMemo(
    () => (institution.data?.units ?? []).flatMap((u) => u.cells.map((c) => ({ ...c, unit: u.code }))),
    [institution.data],
  );
  const room = cells.find((c) => c.id === v.cellId);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const staffOptions = [
    { value: '', label: t('start.chooseStaff') },
    ...(staff.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.fullName} · ${s.position}` })),
  ];

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    // The time typed is the institution's wall-clock time, whatever the browser's zone.
    const startedAt = fromLocalInput(v.startedAt, zone) ?? new Date().toISOString();
    try {
      const result = await restraintApi.start(personId, {
        types: v.types,
        combinationReason: v.combinationReason.trim() || null,
        cellId: v.cellId,
        inViewOfOthers: v.inViewOfOthers,
        startedAt,
        lateEntryReason: v.lateEntryReason.trim() || null,
        authorisation:
          v.authorisation === 'doctor_order'
            ? { kind: 'doctor_order', assessment: v.assessment }
            : { kind: 'emergency_start' },
        harm: v.harm,
        harmDescription: v.harmDescription,
        lessRestrictiveTried: v.lessRestrictiveTried,
        lessRestrictiveDescription: v.lessRestrictiveDescription,
        personPreferences: v.personPreferences,
        equipment: v.equipment,
        holds: v.holds,
        medication: v.medication.trim() || null,
        appliedBy: v.appliedBy ? [v.appliedBy] : [],
        supervisorId: v.supervisorId,
        supervisionPosition: v.supervisionPosition,
      });
      await refresh();
      navigate(`/restraint/episodes/${encodeURIComponent(result.id)}`);
    } catch (error) {
      setFailure(problemText(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={860}>
        <Title order={1}>{t('start.title')}</Title>
        <Alert color="orange">{t('start.intro')}</Alert>
        {person.data ? (
          <Group>
            <Text fw={700}>
              {displayName(person.data)} · {person.data.prisonNumber}
            </Text>
            <Button variant="subtle" size="xs" onClick={() => setPersonId('')}>
              {t('cancel')}
            </Button>
          </Group>
        ) : (
          <Stack gap={4}>
            <TextInput
              label={t('start.person')}
              description={t('start.personHint')}
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
              data-autofocus
            />
            {q.trim().length >= 2
              ? (persons.data?.pages[0]?.items ?? []).slice(0, 8).map((p) => (
                  <Button key={p.id} variant="default" justify="start" onClick={() => setPersonId(p.id)}>
                    {displayName(p)} · {p.prisonNumber}
                  </Button>
                ))
              : null}
          </Stack>
        )}
        <CheckGroup
          label={t('start.types')}
          options={restraintTypes}
          values={v.types}
          onChange={(x) => set('types', x)}
          labelOf={(o) => t(`types.${o}`)}
        />
        {v.types.length > 1 ? (
          <Textarea
            label={t('start.combinationReason')}
            required
            value={v.combinationReason}
            onChange={(e) => set('combinationReason', e.currentTarget.value)}
          />
        ) : null}
        <NativeSelect
          label={t('start.room')}
          required
          value={v.cellId}
          onChange={(e) => set('cellId', e.currentTarget.value)}
          data={[
            { value: '', label: t('start.chooseStaff') },
            ...cells.map((c) => ({ value: c.id, label: `${c.unit} · ${c.code} (${c.cellType})` })),
          ]}
        />
        {room && !SUITABLE_ROOMS.includes(room.cellType) ? (
          <Alert color="orange" role="status">
            {t('start.roomWarning')}
          </Alert>
        ) : null}
        <Checkbox
          label={t('start.inViewOfOthers')}
          checked={v.inViewOfOthers}
          onChange={(e) => set('inViewOfOthers', e.currentTarget.checked)}
        />
        <TextInput
          type="datetime-local"
          label={t('start.startedAt')}
          description={zone ? t('start.timeZoneHint', { zone }) : undefined}
          value={v.startedAt}
          onChange={(e) => set('startedAt', e.currentTarget.value)}
        />
        <Textarea
          label={t('start.lateEntryReason')}
          value={v.lateEntryReason}
          onChange={(e) => set('lateEntryReason', e.currentTarget.value)}
        />
        <Radio.Group
          label={t('start.authorisation')}
          value={v.authorisation}
          onChange={(x) => set('authorisation', x)}
        >
          <Stack gap={4} mt={4}>
            <Radio value="emergency_start" label={t('authorisation.emergency_start')} />
            {doctor ? <Radio value="doctor_order" label={t('authorisation.doctor_order')} /> : null}
          </Stack>
        </Radio.Group>
        {v.authorisation === 'doctor_order' ? (
          <Textarea
            label={t('start.assessment')}
            required
            value={v.assessment}
            onChange={(e) => set('assessment', e.currentTarget.value)}
          />
        ) : null}
        <NativeSelect
          label={t('start.harm')}
          required
          value={v.harm}
          onChange={(e) => set('harm', e.currentTarget.value)}
          data={[
            { value: '', label: t('start.chooseStaff') },
            ...harmKinds.map((h) => ({ value: h, label: t(`harm.${h}`) })),
          ]}
        />
        <Textarea
          label={t('start.harmDescription')}
          required
          value={v.harmDescription}
          onChange={(e) => set('harmDescription', e.currentTarget.value)}
        />
        <CheckGroup
          label={t('start.lessRestrictive')}
          options={lessRestrictiveMeasures}
          values={v.lessRestrictiveTried}
          onChange={(x) => set('lessRestrictiveTried', x)}
          labelOf={(o) => t(`measures.${o}`)}
        />
        <Textarea
          label={t('start.lessRestrictiveDescription')}
          required
          value={v.lessRestrictiveDescription}
          onChange={(e) => set('lessRestrictiveDescription', e.currentTarget.value)}
        />
        <Textarea
          label={t('start.preferences')}
          required
          value={v.personPreferences}
          onChange={(e) => set('personPreferences', e.currentTarget.value)}
        />
        {v.types.includes('mechanical') ? (
          <CheckGroup
            label={t('start.equipment')}
            options={approvedEquipment}
            values={v.equipment}
            onChange={(x) => set('equipment', x)}
            labelOf={(o) => t(`equipment.${o}`)}
          />
        ) : null}
        {v.types.includes('physical') ? (
          <CheckGroup
            label={t('start.holds')}
            options={approvedHolds}
            values={v.holds}
            onChange={(x) => set('holds', x)}
            labelOf={(o) => t(`holds.${o}`)}
          />
        ) : null}
        {v.types.includes('chemical') ? (
          <TextInput
            label={t('start.medication')}
            required
            value={v.medication}
            onChange={(e) => set('medication', e.currentTarget.value)}
          />
        ) : null}
        <Group grow>
          <NativeSelect
            label={t('start.appliedBy')}
            required
            value={v.appliedBy}
            onChange={(e) => set('appliedBy', e.currentTarget.value)}
            data={staffOptions}
          />
          <NativeSelect
            label={t('start.supervisor')}
            required
            value={v.supervisorId}
            onChange={(e) => set('supervisorId', e.currentTarget.value)}
            data={staffOptions}
          />
          <NativeSelect
            label={t('start.supervisionPosition')}
            description={v.types.includes('mechanical') ? t('start.positionMechanical') : undefined}
            required
            value={v.supervisionPosition}
            onChange={(e) => set('supervisionPosition', e.currentTarget.value)}
            data={[
              { value: '', label: t('start.chooseStaff') },
              ...supervisionPositions.map((p) => ({ value: p, label: t(`start.positions.${p}`) })),
            ]}
          />
        </Group>
        {failure ? (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button type="submit" loading={busy} disabled={!personId}>
            {t('start.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
