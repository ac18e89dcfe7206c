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
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { displayName, fromLocalInput } from '../../app/format.ts';
import { allows, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { useWriteForm, WriteFeedback } from '../../app/useWriteForm.tsx';
import { SafetyAlerts } from '../clinical/SafetyAlerts.tsx';
import { useRegistryLabels } from '../registry/labels.ts';
import { useInstitution, usePerson, usePersons, useTimeZoneOf } from '../registry/registry.api.ts';
import { useProblemText } from './parts.tsx';
import { useRestraintStaff, useStartEpisode } from './restraint.api.ts';

/** RST-16: the rooms fit for restraint or seclusion, offered first, in this order. */
const SUITABLE_ROOMS = ['seclusion', 'safe', 'medical'];
/** An entry more than 10 minutes after the start needs its reason (the server's rule). */
const LATE_ENTRY_MS = 10 * 60_000;

function CheckGroup({
  label,
  options,
  values,
  onChange,
  labelOf,
  required = false,
}: {
  label: string;
  options: readonly string[];
  values: string[];
  onChange: (values: string[]) => void;
  labelOf: (o: string) => string;
  /** Shows the asterisk (a choice is needed, now that its condition holds). */
  required?: boolean;
}) {
  return (
    <Checkbox.Group label={label} value={values} onChange={onChange} withAsterisk={required}>
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
  const write = useWriteForm({
    initialValues: {
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
    },
    write: useStartEpisode(personId),
    // The time typed is the institution's wall-clock time, whatever the browser's zone.
    toBody: (v) => ({
      types: v.types,
      combinationReason: v.combinationReason.trim() || null,
      cellId: v.cellId,
      inViewOfOthers: v.inViewOfOthers,
      startedAt: fromLocalInput(v.startedAt, zone) ?? new Date().toISOString(),
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
    }),
    problemText,
    onSuccess: (result) => navigate(`/restraint/episodes/${encodeURIComponent(result.id)}`),
  });
  const { form } = write;
  const v = form.values;
  const cells = useMemo(
    () => (institution.data?.units ?? []).flatMap((u) => u.cells.map((c) => ({ ...c, unit: u.code }))),
    [institution.data],
  );
  const room = cells.find((c) => c.id === v.cellId);
  const labels = useRegistryLabels();
  // RST-16: the safe rooms first (seclusion, safe, medical), then the others; each by unit and code.
  const rooms = useMemo(() => {
    const rank = (type: string) => {
      const i = SUITABLE_ROOMS.indexOf(type);
      return i < 0 ? SUITABLE_ROOMS.length : i;
    };
    const sorted = [...cells].sort(
      (a, b) =>
        rank(a.cellType) - rank(b.cellType) ||
        a.unit.localeCompare(b.unit, undefined, { numeric: true }) ||
        a.code.localeCompare(b.code, undefined, { numeric: true }),
    );
    const option = (c: (typeof cells)[number]) => ({
      value: c.id,
      label: `${c.unit} · ${c.code} · ${labels.cellType(c.cellType)}`,
    });
    const suitable = sorted.filter((c) => SUITABLE_ROOMS.includes(c.cellType)).map(option);
    const others = sorted.filter((c) => !SUITABLE_ROOMS.includes(c.cellType)).map(option);
    return [
      ...(suitable.length ? [{ group: t('start.roomsSuitable'), items: suitable }] : []),
      ...(others.length ? [{ group: t('start.roomsOther'), items: others }] : []),
    ];
  }, [cells, labels, t]);
  // The late-entry reason is required once the start typed is more than 10 minutes ago.
  const startedAtIso = fromLocalInput(v.startedAt, zone);
  const lateEntry = startedAtIso !== undefined && Date.now() - Date.parse(startedAtIso) > LATE_ENTRY_MS;
  const staffOptions = [
    { value: '', label: t('start.chooseStaff') },
    ...(staff.data?.items ?? []).map((s) => ({
      value: s.id,
      label: `${s.fullName} · ${labels.staffPosition(s.position)}`,
    })),
  ];

  return (
    <form {...write.formProps}>
      <Stack maw={860}>
        <Title order={1}>{t('start.title')}</Title>
        <Alert color="orange">{t('start.intro')}</Alert>
        {person.data ? (
          <Stack gap={4}>
            <Group>
              <Text fw={700}>
                {displayName(person.data)} · {person.data.prisonNumber}
              </Text>
              <Button variant="subtle" size="xs" onClick={() => setPersonId('')}>
                {t('cancel')}
              </Button>
            </Group>
            {/* MED-3: what custodial staff must know before they act (observation, isolation…). */}
            <SafetyAlerts alerts={person.data.alerts} />
          </Stack>
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
                  <Group key={p.id} gap="xs" wrap="nowrap" align="center">
                    <Button variant="default" justify="start" onClick={() => setPersonId(p.id)}>
                      {displayName(p)} · {p.prisonNumber}
                    </Button>
                    {/* MED-3: already while choosing whom, what staff must know. */}
                    <SafetyAlerts alerts={p.alerts} size="sm" />
                  </Group>
                ))
              : null}
          </Stack>
        )}
        <CheckGroup
          label={t('start.types')}
          required
          options={restraintTypes}
          values={v.types}
          onChange={(x) => form.setFieldValue('types', x)}
          labelOf={(o) => t(`types.${o}`)}
        />
        {v.types.length > 1 ? (
          <Textarea
            label={t('start.combinationReason')}
            required
            {...form.getInputProps('combinationReason')}
          />
        ) : null}
        <Select
          label={t('start.room')}
          description={t('start.roomHint')}
          placeholder={t('start.chooseStaff')}
          required
          searchable
          nothingFoundMessage={t('start.noRoom')}
          {...form.getInputProps('cellId')}
          onChange={(value) => form.setFieldValue('cellId', value ?? '')}
          value={v.cellId || null}
          data={rooms}
          // The list itself scrolls (the listbox the field controls, which axe lets scroll), not an
          // inner scroll box a keyboard could not reach; typing narrows it.
          withScrollArea={false}
          styles={{ options: { maxHeight: 320, overflowY: 'auto' } }}
          comboboxProps={{ transitionProps: { duration: 0 } }}
        />
        {room && !SUITABLE_ROOMS.includes(room.cellType) ? (
          <Alert color="orange" role="status">
            {t('start.roomWarning')}
          </Alert>
        ) : null}
        <Checkbox
          label={t('start.inViewOfOthers')}
          {...form.getInputProps('inViewOfOthers', { type: 'checkbox' })}
        />
        <TextInput
          type="datetime-local"
          label={t('start.startedAt')}
          description={zone ? t('start.timeZoneHint', { zone }) : undefined}
          {...form.getInputProps('startedAt')}
        />
        <Textarea
          label={t('start.lateEntryReason')}
          required={lateEntry}
          {...form.getInputProps('lateEntryReason')}
        />
        <Radio.Group
          label={t('start.authorisation')}
          value={v.authorisation}
          onChange={(x) => form.setFieldValue('authorisation', x)}
        >
          <Stack gap={4} mt={4}>
            <Radio value="emergency_start" label={t('authorisation.emergency_start')} />
            {doctor ? <Radio value="doctor_order" label={t('authorisation.doctor_order')} /> : null}
          </Stack>
        </Radio.Group>
        {v.authorisation === 'doctor_order' ? (
          <Textarea label={t('start.assessment')} required {...form.getInputProps('assessment')} />
        ) : null}
        <NativeSelect
          label={t('start.harm')}
          required
          {...form.getInputProps('harm')}
          data={[
            { value: '', label: t('start.chooseStaff') },
            ...harmKinds.map((h) => ({ value: h, label: t(`harm.${h}`) })),
          ]}
        />
        <Textarea label={t('start.harmDescription')} required {...form.getInputProps('harmDescription')} />
        <CheckGroup
          label={t('start.lessRestrictive')}
          required
          options={lessRestrictiveMeasures}
          values={v.lessRestrictiveTried}
          onChange={(x) => form.setFieldValue('lessRestrictiveTried', x)}
          labelOf={(o) => t(`measures.${o}`)}
        />
        <Textarea
          label={t('start.lessRestrictiveDescription')}
          required
          {...form.getInputProps('lessRestrictiveDescription')}
        />
        <Textarea label={t('start.preferences')} required {...form.getInputProps('personPreferences')} />
        {v.types.includes('mechanical') ? (
          <CheckGroup
            label={t('start.equipment')}
            required
            options={approvedEquipment}
            values={v.equipment}
            onChange={(x) => form.setFieldValue('equipment', x)}
            labelOf={(o) => t(`equipment.${o}`)}
          />
        ) : null}
        {v.types.includes('physical') ? (
          <CheckGroup
            label={t('start.holds')}
            required
            options={approvedHolds}
            values={v.holds}
            onChange={(x) => form.setFieldValue('holds', x)}
            labelOf={(o) => t(`holds.${o}`)}
          />
        ) : null}
        {v.types.includes('chemical') ? (
          <TextInput label={t('start.medication')} required {...form.getInputProps('medication')} />
        ) : null}
        <Group grow>
          <NativeSelect
            label={t('start.appliedBy')}
            required
            {...form.getInputProps('appliedBy')}
            data={staffOptions}
          />
          <NativeSelect
            label={t('start.supervisor')}
            required
            {...form.getInputProps('supervisorId')}
            data={staffOptions}
          />
          <NativeSelect
            label={t('start.supervisionPosition')}
            description={v.types.includes('mechanical') ? t('start.positionMechanical') : undefined}
            required
            {...form.getInputProps('supervisionPosition')}
            data={[
              { value: '', label: t('start.chooseStaff') },
              ...supervisionPositions.map((p) => ({ value: p, label: t(`start.positions.${p}`) })),
            ]}
          />
        </Group>
        <WriteFeedback write={write} />
        <Group justify="flex-end">
          <Button type="submit" loading={write.busy} disabled={!personId}>
            {t('start.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
