import { LOINC_SYSTEM } from '@custodia/domain';
import type { FhirResource, FhirResourceType } from '../../platform/contributions.ts';
import type { Executor } from '../../platform/db/database.ts';

const UCUM = 'http://unitsofmeasure.org';
const VITAL_SIGNS = [
  {
    coding: [
      {
        system: 'http://terminology.hl7.org/CodeSystem/observation-category',
        code: 'vital-signs',
        display: 'Vital Signs',
      },
    ],
  },
];
/** The suffix of each Observation made from a day's record, with its LOINC code. */
const kinds = {
  weight: { code: '29463-7', display: 'Body weight' },
  pulse: { code: '8867-4', display: 'Heart rate' },
  bp: { code: '85354-9', display: 'Blood pressure panel with all children optional' },
  temp: { code: '8310-5', display: 'Body temperature' },
} as const;
type Kind = keyof typeof kinds;
const ID = /^(.+)-(weight|pulse|bp|temp)$/;

async function episodes(executor: Executor, where: { id?: string; personId?: string }, count: number) {
  let q = executor
    .selectFrom('hunger_strike_episode')
    .select(['id', 'person_id', 'started_at', 'ended_at', 'type'])
    .orderBy('started_at', 'desc')
    .limit(count);
  if (where.id) q = q.where('id', '=', where.id);
  if (where.personId) q = q.where('person_id', '=', where.personId);
  return (await q.execute()).map(
    (e) =>
      ({
        resourceType: 'EpisodeOfCare',
        id: e.id,
        status: e.ended_at ? 'finished' : 'active',
        type: [
          {
            coding: [
              { system: 'urn:custodia:episode-of-care', code: 'hunger-strike', display: 'Hunger strike' },
            ],
            text: `Hunger strike (${e.type})`,
          },
        ],
        patient: { reference: `Patient/${e.person_id}` },
        period: { start: e.started_at, ...(e.ended_at ? { end: e.ended_at } : {}) },
      }) as FhirResource,
  );
}

/**
 * HUN-5: the day's measurements actually taken as R4 vital-sign Observations (LOINC): body weight,
 * heart rate, blood pressure (systolic and diastolic components) and body temperature. A refused
 * measurement makes no Observation (the refusal stays in the daily sheet).
 */
async function observations(
  executor: Executor,
  where: { dayId?: string; kind?: Kind; personId?: string },
  count: number,
): Promise<FhirResource[]> {
  let q = executor
    .selectFrom('hunger_strike_day as d')
    .innerJoin('hunger_strike_episode as e', 'e.id', 'd.episode_id')
    .select([
      'd.id',
      'd.offered_at',
      'd.weight_status',
      'd.weight_kg',
      'd.vitals_status',
      'd.pulse',
      'd.systolic',
      'd.diastolic',
      'd.temperature',
      'e.id as episode_id',
      'e.person_id',
    ])
    .orderBy('d.offered_at', 'desc')
    .limit(count);
  if (where.dayId) q = q.where('d.id', '=', where.dayId);
  if (where.personId) q = q.where('e.person_id', '=', where.personId);
  const out: FhirResource[] = [];
  for (const d of await q.execute()) {
    const base = (kind: Kind) => ({
      resourceType: 'Observation',
      id: `${d.id}-${kind}`,
      status: 'final',
      category: VITAL_SIGNS,
      code: { coding: [{ system: LOINC_SYSTEM, ...kinds[kind] }], text: kinds[kind].display },
      subject: { reference: `Patient/${d.person_id}` },
      effectiveDateTime: d.offered_at,
      identifier: [{ system: 'urn:custodia:hunger-strike', value: d.episode_id }],
    });
    const qty = (value: number, unit: string, code: string) => ({ value, unit, system: UCUM, code });
    const made: FhirResource[] = [];
    if (d.weight_status === 'done' && d.weight_kg !== null)
      made.push({ ...base('weight'), valueQuantity: qty(d.weight_kg, 'kg', 'kg') } as FhirResource);
    if (d.vitals_status === 'done') {
      if (d.pulse !== null)
        made.push({ ...base('pulse'), valueQuantity: qty(d.pulse, '/min', '/min') } as FhirResource);
      if (d.systolic !== null && d.diastolic !== null)
        made.push({
          ...base('bp'),
          component: [
            {
              code: {
                coding: [{ system: LOINC_SYSTEM, code: '8480-6', display: 'Systolic blood pressure' }],
              },
              valueQuantity: qty(d.systolic, 'mmHg', 'mm[Hg]'),
            },
            {
              code: {
                coding: [{ system: LOINC_SYSTEM, code: '8462-4', display: 'Diastolic blood pressure' }],
              },
              valueQuantity: qty(d.diastolic, 'mmHg', 'mm[Hg]'),
            },
          ],
        } as FhirResource);
      if (d.temperature !== null)
        made.push({ ...base('temp'), valueQuantity: qty(d.temperature, 'Cel', 'Cel') } as FhirResource);
    }
    for (const r of made) {
      if (!where.kind || r.id.endsWith(`-${where.kind}`)) out.push(r);
    }
  }
  return out.slice(0, count);
}

/** The hunger strike's FHIR resources: an EpisodeOfCare per episode, Observations for its measurements. */
export function hungerFhirResources(): FhirResourceType[] {
  return [
    {
      type: 'EpisodeOfCare',
      async personOf(executor, id) {
        const row = await executor
          .selectFrom('hunger_strike_episode')
          .select('person_id')
          .where('id', '=', id)
          .executeTakeFirst();
        return row?.person_id;
      },
      async read(tx, id) {
        return (await episodes(tx, { id }, 1))[0] ?? null;
      },
      search: (tx, personId, _reader, count) => episodes(tx, { personId }, count),
    },
    {
      type: 'Observation',
      async personOf(executor, id) {
        const match = ID.exec(id);
        if (!match) return undefined;
        const row = await executor
          .selectFrom('hunger_strike_day as d')
          .innerJoin('hunger_strike_episode as e', 'e.id', 'd.episode_id')
          .select('e.person_id')
          .where('d.id', '=', match[1] as string)
          .executeTakeFirst();
        return row?.person_id;
      },
      async read(tx, id) {
        const match = ID.exec(id);
        if (!match) return null;
        return (await observations(tx, { dayId: match[1] as string, kind: match[2] as Kind }, 4))[0] ?? null;
      },
      search: (tx, personId, _reader, count) => observations(tx, { personId }, count),
    },
  ];
}
