import type { FhirResource, FhirResourceType, IpsSection } from '../../platform/contributions.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { InjuriesService } from './service.ts';

const REGION_TEXT = 'urn:custodia:body-region';

/**
 * INJ-2: a photograph of injuries as a FHIR R4 Media: who, when, the body chart's view, and the
 * SHA-256 of the bytes in `content.hash` (base64; FHIR names SHA-1 there, ADR 0035 says why we keep
 * SHA-256) and as an identifier in hex.
 */
async function media(
  executor: Executor,
  where: { id?: string; personId?: string },
  count: number,
): Promise<FhirResource[]> {
  let q = executor
    .selectFrom('injury_photo as p')
    .innerJoin('injury_record as r', 'r.id', 'p.record_id')
    .select([
      'p.id',
      'p.record_id',
      'p.sha256',
      'p.content_type',
      'p.size_bytes',
      'p.taken_at',
      'r.person_id',
    ])
    .orderBy('p.taken_at', 'desc')
    .limit(count);
  if (where.id) q = q.where('p.id', '=', where.id);
  if (where.personId) q = q.where('r.person_id', '=', where.personId);
  const rows = await q.execute();
  return rows.map((p) => ({
    resourceType: 'Media',
    id: p.id,
    identifier: [{ system: 'urn:custodia:sha256', value: p.sha256 }],
    status: 'completed',
    type: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/media-type', code: 'image', display: 'Image' },
      ],
    },
    subject: { reference: `Patient/${p.person_id}` },
    createdDateTime: p.taken_at,
    bodySite: { coding: [{ system: REGION_TEXT, code: 'injury' }], text: 'Injury' },
    content: {
      contentType: p.content_type,
      url: `/api/v1/injuries/records/${p.record_id}/photos/${p.id}`,
      size: p.size_bytes,
      hash: Buffer.from(p.sha256, 'hex').toString('base64'),
      creation: p.taken_at,
    },
  })) as FhirResource[];
}

/**
 * INJ-1, INJ-2: each lesion of an injury record as an R4 Observation (category exam) with its
 * `bodySite` (the body chart's view and region), the lesion's type, size, colour and estimated age.
 */
async function lesions(
  executor: Executor,
  where: { id?: string; personId?: string },
  count: number,
): Promise<FhirResource[]> {
  let q = executor
    .selectFrom('injury_lesion as l')
    .innerJoin('injury_record as r', 'r.id', 'l.record_id')
    .select([
      'l.id',
      'l.view',
      'l.region',
      'l.type',
      'l.length_cm',
      'l.width_cm',
      'l.colour',
      'l.shape',
      'l.estimated_age',
      'l.description',
      'r.person_id',
      'r.examined_at',
      'r.signed_at',
      'r.id as record_id',
    ])
    .orderBy('r.signed_at', 'desc')
    .orderBy('l.position')
    .limit(count);
  if (where.id) q = q.where('l.id', '=', where.id);
  if (where.personId) q = q.where('r.person_id', '=', where.personId);
  const rows = await q.execute();
  return rows.map((l) => {
    const size = l.length_cm ? `${l.length_cm}${l.width_cm ? ` × ${l.width_cm}` : ''} cm` : null;
    return {
      resourceType: 'Observation',
      id: l.id,
      identifier: [{ system: 'urn:custodia:injury-record', value: l.record_id }],
      status: 'final',
      category: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/observation-category',
              code: 'exam',
              display: 'Exam',
            },
          ],
        },
      ],
      code: {
        coding: [{ system: 'urn:custodia:injury-lesion-type', code: l.type }],
        text: `Injury: ${l.type}`,
      },
      subject: { reference: `Patient/${l.person_id}` },
      effectiveDateTime: l.examined_at,
      issued: l.signed_at,
      valueString: [l.type, size, l.colour, l.shape, `estimated age ${l.estimated_age}`, l.description]
        .filter(Boolean)
        .join('; '),
      bodySite: {
        coding: [{ system: REGION_TEXT, code: l.region }],
        text: `${l.view}: ${l.region}`,
      },
    };
  }) as FhirResource[];
}

/** Media (the photographs of injuries), read by id and searched by patient through the FHIR facade. */
export function injuriesFhirResources(_injuries: InjuriesService): FhirResourceType[] {
  return [
    {
      type: 'Observation',
      async personOf(executor, id) {
        const row = await executor
          .selectFrom('injury_lesion as l')
          .innerJoin('injury_record as r', 'r.id', 'l.record_id')
          .select('r.person_id')
          .where('l.id', '=', id)
          .executeTakeFirst();
        return row?.person_id;
      },
      async read(tx, id) {
        return (await lesions(tx, { id }, 1))[0] ?? null;
      },
      search: (tx, personId, _reader, count) => lesions(tx, { personId }, count),
    },
    {
      type: 'Media',
      async personOf(executor, id) {
        const row = await executor
          .selectFrom('injury_photo as p')
          .innerJoin('injury_record as r', 'r.id', 'p.record_id')
          .select('r.person_id')
          .where('p.id', '=', id)
          .executeTakeFirst();
        return row?.person_id;
      },
      async read(tx, id) {
        return (await media(tx, { id }, 1))[0] ?? null;
      },
      search: (tx, personId, _reader, count) => media(tx, { personId }, count),
    },
  ];
}

/**
 * Issue 18 item 7, TRC-1: the documented injuries travel in the International Patient Summary as a
 * section of physical findings (LOINC 29545-1; IPS leaves room for sections beyond its own), each
 * lesion the same Observation the facade serves, newest record first.
 */
export const injuriesIpsSections: IpsSection[] = [
  {
    title: 'Physical findings: documented injuries',
    code: '29545-1',
    empty: 'No injuries documented',
    resources: (tx, personId) => lesions(tx, { personId }, 100),
  },
];
