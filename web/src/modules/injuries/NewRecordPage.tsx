import {
  bodyRegions,
  injuryCauses,
  injuryConclusions,
  injuryContexts,
  lesionAges,
  lesionTypes,
} from '@custodia/domain';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  Radio,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { displayName, fromLocalInput } from '../../app/format.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { BodyChart } from '../clinical/screening/BodyChart.tsx';
import type { InjuryDraft } from '../clinical/screening/formValues.ts';
import { usePerson, useTimeZoneOf } from '../registry/registry.api.ts';
import { useCreateRecord } from './injuries.api.ts';
import { newIdempotencyKey, useProblemText } from './parts.tsx';

type Region = (typeof bodyRegions)[number];
interface LesionDraft {
  key: string;
  view: 'front' | 'back';
  region: Region | '';
  x: number | null;
  y: number | null;
  type: string;
  lengthCm: number | '';
  widthCm: number | '';
  colour: string;
  shape: string;
  estimatedAge: string;
}
type YesNo = '' | 'yes' | 'no';

/**
 * Documenting injuries (INJ-1 … INJ-3, INJ-6, MED-4): who was present, the person's account, the
 * findings on a front/back body chart (click a region, or Tab to it and press Enter; or add a lesion
 * and choose its view and region), the conclusion on the Istanbul scale and the cause category.
 * The context and its source come from the address (`?context=after_use_of_force&source=<id>`); no
 * observation is filled in beforehand.
 */
export function NewRecordPage() {
  const { t } = useTranslation('injuries');
  usePageTitle(t('new.title'));
  const { personId = '' } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const problemText = useProblemText();
  const person = usePerson(personId);
  const zone = useTimeZoneOf()(person.data?.institution?.id);
  const fromUrl = params.get('context') ?? '';
  const [context, setContext] = useState(
    (injuryContexts as readonly string[]).includes(fromUrl) ? fromUrl : '',
  );
  const sourceParam = params.get('source');
  const sourceId = sourceParam && /^[0-9a-f-]{36}$/i.test(sourceParam) ? sourceParam : null;
  const [key] = useState(newIdempotencyKey);
  const create = useCreateRecord(personId, key);
  const [examinedAt, setExaminedAt] = useState('');
  const [present, setPresent] = useState('');
  const [interpreter, setInterpreter] = useState('');
  const [private_, setPrivate] = useState<YesNo>('');
  const [presenceReason, setPresenceReason] = useState('');
  const [account, setAccount] = useState('');
  const [allegation, setAllegation] = useState<YesNo>('');
  const [who, setWho] = useState('');
  const [when, setWhen] = useState('');
  const [where, setWhere] = useState('');
  const [how, setHow] = useState('');
  const [noInjuries, setNoInjuries] = useState(false);
  const [lesions, setLesions] = useState<LesionDraft[]>([]);
  const [conclusion, setConclusion] = useState('');
  const [suggests, setSuggests] = useState(false);
  const [cause, setCause] = useState('');
  const [tests, setTests] = useState('');
  const [failure, setFailure] = useState<string | null>(null);

  const addLesion = (
    view: 'front' | 'back',
    region: Region | '',
    point: { x: number | null; y: number | null },
  ) =>
    setLesions((list) => [
      ...list,
      {
        key: newIdempotencyKey(),
        view,
        region,
        x: point.x,
        y: point.y,
        type: '',
        lengthCm: '',
        widthCm: '',
        colour: '',
        shape: '',
        estimatedAge: '',
      },
    ]);
  const update = (i: number, patch: Partial<LesionDraft>) =>
    setLesions((list) => list.map((l, k) => (k === i ? { ...l, ...patch } : l)));

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setFailure(null);
    if (!context || !private_ || !allegation || !conclusion || !cause) {
      setFailure(t('new.incomplete'));
      return;
    }
    if (lesions.some((l) => !l.region || !l.type || l.lengthCm === '' || !l.estimatedAge)) {
      setFailure(t('new.lesionIncomplete'));
      return;
    }
    try {
      const result = await create.mutateAsync({
        context,
        sourceId,
        examinedAt: fromLocalInput(examinedAt, zone) ?? new Date().toISOString(),
        personsPresent: present,
        interpreter: interpreter.trim() || null,
        outOfHearingAndSight: private_ === 'yes',
        presenceReason: presenceReason.trim() || null,
        account: {
          text: account,
          allegation: allegation === 'yes',
          who: who.trim() || null,
          when: when.trim() || null,
          where: where.trim() || null,
          how: how.trim() || null,
        },
        noInjuriesSeen: noInjuries,
        lesions: lesions.map((l) => ({
          view: l.view,
          region: l.region,
          x: l.x,
          y: l.y,
          type: l.type,
          lengthCm: Number(l.lengthCm),
          widthCm: l.widthCm === '' ? null : Number(l.widthCm),
          colour: l.colour.trim() || null,
          shape: l.shape.trim() || null,
          estimatedAge: l.estimatedAge,
        })),
        conclusion,
        suggestsIllTreatment: suggests,
        cause,
        testsAndTreatment: tests.trim() || null,
      });
      navigate(`/injuries/records/${encodeURIComponent(result.id)}`);
    } catch (error) {
      setFailure(problemText(error));
    }
  }

  const choose = { value: '', label: t('choose') };
  const yesNo = (value: YesNo, set: (v: YesNo) => void, label: string) => (
    <Radio.Group value={value} onChange={(v) => set(v as YesNo)} label={label} withAsterisk>
      <Group>
        <Radio value="yes" label={t('yes')} />
        <Radio value="no" label={t('no')} />
      </Group>
    </Radio.Group>
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={960}>
        <Title order={1}>{t('new.title')}</Title>
        {person.data ? (
          <Text fw={700}>
            {displayName(person.data)} · {person.data.prisonNumber}
          </Text>
        ) : null}
        <Alert color="blue">{t('new.intro')}</Alert>
        <NativeSelect
          label={t('record.context')}
          withAsterisk
          value={context}
          onChange={(e) => setContext(e.currentTarget.value)}
          data={[choose, ...injuryContexts.map((c) => ({ value: c, label: t(`contexts.${c}`) }))]}
        />
        {sourceId ? <Text size="sm">{t('new.source', { id: sourceId })}</Text> : null}
        {context === 'admission' && sourceId ? <Alert color="gray">{t('new.fromScreening')}</Alert> : null}
        <TextInput
          type="datetime-local"
          step={1}
          label={t('record.examinedAt')}
          description={t('new.nowIfEmpty', { zone: zone ?? '' })}
          value={examinedAt}
          onChange={(e) => setExaminedAt(e.currentTarget.value)}
        />
        <Title order={2}>{t('new.presence')}</Title>
        <TextInput
          label={t('record.personsPresent')}
          withAsterisk
          value={present}
          onChange={(e) => setPresent(e.currentTarget.value)}
          maxLength={500}
        />
        <TextInput
          label={t('record.interpreter')}
          value={interpreter}
          onChange={(e) => setInterpreter(e.currentTarget.value)}
          maxLength={200}
        />
        {yesNo(private_, setPrivate, t('record.outOfHearingAndSight'))}
        {private_ === 'no' ? (
          <Textarea
            label={t('record.presenceReason')}
            withAsterisk
            value={presenceReason}
            onChange={(e) => setPresenceReason(e.currentTarget.value)}
            maxLength={1000}
          />
        ) : null}
        <Title order={2}>{t('record.account')}</Title>
        <Textarea
          label={t('record.accountText')}
          withAsterisk
          autosize
          minRows={3}
          value={account}
          onChange={(e) => setAccount(e.currentTarget.value)}
          maxLength={4000}
        />
        {yesNo(allegation, setAllegation, t('record.allegation'))}
        {allegation === 'yes' ? (
          <Group grow align="flex-start">
            <TextInput label={t('record.who')} value={who} onChange={(e) => setWho(e.currentTarget.value)} />
            <TextInput
              label={t('record.when')}
              value={when}
              onChange={(e) => setWhen(e.currentTarget.value)}
            />
            <TextInput
              label={t('record.where')}
              value={where}
              onChange={(e) => setWhere(e.currentTarget.value)}
            />
            <TextInput
              label={t('record.how')}
              withAsterisk
              value={how}
              onChange={(e) => setHow(e.currentTarget.value)}
            />
          </Group>
        ) : null}
        <Title order={2}>{t('record.findings')}</Title>
        <Checkbox
          label={t('record.noInjuriesSeen')}
          checked={noInjuries}
          onChange={(e) => setNoInjuries(e.currentTarget.checked)}
        />
        {!noInjuries ? (
          <>
            <Text size="sm">{t('new.chartHelp')}</Text>
            <BodyChart
              injuries={lesions.map((l) => ({ ...l, side: l.view }) as unknown as InjuryDraft)}
              readOnly={false}
              onAdd={(side, region, point) => addLesion(side, region, point)}
            />
            <Button
              variant="default"
              w="fit-content"
              onClick={() => addLesion('front', '', { x: null, y: null })}
            >
              {t('new.addLesion')}
            </Button>
            {lesions.length ? (
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
                    <Table.Th scope="col">
                      <VisuallyHidden>{t('lesion.remove')}</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {lesions.map((l, i) => {
                    const n = i + 1;
                    return (
                      <Table.Tr key={l.key}>
                        <Table.Td>{n}</Table.Td>
                        <Table.Td>
                          <NativeSelect
                            aria-label={t('lesion.viewOf', { n })}
                            value={l.view}
                            onChange={(e) => update(i, { view: e.currentTarget.value as 'front' | 'back' })}
                            data={[
                              { value: 'front', label: t('views.front') },
                              { value: 'back', label: t('views.back') },
                            ]}
                          />
                          <NativeSelect
                            aria-label={t('lesion.regionOf', { n })}
                            value={l.region}
                            onChange={(e) => update(i, { region: e.currentTarget.value as Region })}
                            data={[
                              choose,
                              ...bodyRegions.map((r) => ({ value: r, label: t(`regions.${r}`) })),
                            ]}
                          />
                        </Table.Td>
                        <Table.Td>
                          <NativeSelect
                            aria-label={t('lesion.typeOf', { n })}
                            value={l.type}
                            onChange={(e) => update(i, { type: e.currentTarget.value })}
                            data={[
                              choose,
                              ...lesionTypes.map((x) => ({ value: x, label: t(`lesionTypes.${x}`) })),
                            ]}
                          />
                        </Table.Td>
                        <Table.Td>
                          <NumberInput
                            aria-label={t('lesion.lengthOf', { n })}
                            placeholder={t('lesion.length')}
                            min={0.1}
                            max={200}
                            decimalScale={1}
                            value={l.lengthCm}
                            onChange={(v) => update(i, { lengthCm: v === '' ? '' : Number(v) })}
                          />
                          <NumberInput
                            aria-label={t('lesion.widthOf', { n })}
                            placeholder={t('lesion.width')}
                            min={0.1}
                            max={200}
                            decimalScale={1}
                            value={l.widthCm}
                            onChange={(v) => update(i, { widthCm: v === '' ? '' : Number(v) })}
                          />
                        </Table.Td>
                        <Table.Td>
                          <TextInput
                            aria-label={t('lesion.colourOf', { n })}
                            placeholder={t('lesion.colour')}
                            value={l.colour}
                            onChange={(e) => update(i, { colour: e.currentTarget.value })}
                          />
                          <TextInput
                            aria-label={t('lesion.shapeOf', { n })}
                            placeholder={t('lesion.shape')}
                            value={l.shape}
                            onChange={(e) => update(i, { shape: e.currentTarget.value })}
                          />
                        </Table.Td>
                        <Table.Td>
                          <NativeSelect
                            aria-label={t('lesion.ageOf', { n })}
                            value={l.estimatedAge}
                            onChange={(e) => update(i, { estimatedAge: e.currentTarget.value })}
                            data={[choose, ...lesionAges.map((x) => ({ value: x, label: t(`ages.${x}`) }))]}
                          />
                        </Table.Td>
                        <Table.Td>
                          <Button
                            variant="default"
                            size="xs"
                            aria-label={t('lesion.removeOf', { n })}
                            onClick={() => setLesions((list) => list.filter((_, k) => k !== i))}
                          >
                            {t('lesion.remove')}
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            ) : null}
          </>
        ) : null}
        <Title order={2}>{t('record.conclusion')}</Title>
        <NativeSelect
          label={t('record.conclusionLabel')}
          withAsterisk
          value={conclusion}
          onChange={(e) => setConclusion(e.currentTarget.value)}
          data={[choose, ...injuryConclusions.map((c) => ({ value: c, label: t(`conclusions.${c}`) }))]}
        />
        <Checkbox
          label={t('record.suggestsIllTreatment')}
          checked={suggests}
          onChange={(e) => setSuggests(e.currentTarget.checked)}
        />
        <NativeSelect
          label={t('record.cause')}
          withAsterisk
          value={cause}
          onChange={(e) => setCause(e.currentTarget.value)}
          data={[choose, ...injuryCauses.map((c) => ({ value: c, label: t(`causes.${c}`) }))]}
        />
        <Textarea
          label={t('record.testsAndTreatment')}
          value={tests}
          onChange={(e) => setTests(e.currentTarget.value)}
          maxLength={4000}
        />
        {failure ? (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending}>
            {t('new.sign')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
