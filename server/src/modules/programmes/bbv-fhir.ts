import {
  type BbvProgramme,
  type BbvTest,
  bbvLoinc,
  bbvNumericTests,
  programmeDefinitions,
} from '@custodia/domain';
import type {
  FhirResource,
  FhirResourceType,
  IpsSection,
  RecordReader,
} from '../../platform/contributions.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { BbvService } from './bbv.ts';
import type { ProgrammeBbvTestTable } from './bbv-tables.ts';
import type { ProgrammeEpisodeTable } from './tables.ts';

/**
 * The blood-borne infections in FHIR R4 (issue 16 item 6; ADR 0048): a Condition per HIV, hepatitis B
 * or C episode (SNOMED CT), an Observation per resulted test (LOINC: HIV Ag/Ab 56888-1, viral load
 * 20447-9, CD4 24467-3, HCV Ab 13955-0, HCV RNA 11011-4, HBsAg 5196-1, RPR 20507-0, AST, ALT,
 * platelets). Restricted clinical data: only the treating team reads them; anyone else finds nothing.
 */
const LOCAL = 'urn:custodia:bbv';
const instant = (date: string) => `${date}T00:00:00Z`;

function codeOf(test: BbvTest) {
  const loinc = bbvLoinc[test];
  return loinc
    ? { system: 'http://loinc.org', code: loinc.code, display: loinc.display }
    : { system: `${LOCAL}-test`, code: test, display: 'Liver stiffness (transient elastography)' };
}

export function bbvCondition(e: ProgrammeEpisodeTable): FhirResource {
  const condition = programmeDefinitions[e.programme as BbvProgramme].condition;
  return {
    resourceType: 'Condition',
    id: e.id,
    meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }] },
    clinicalStatus: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
          code: e.outcome === 'cured' ? 'resolved' : 'active',
        },
      ],
    },
    verificationStatus: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }],
    },
    category: [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item' },
        ],
      },
    ],
    code: { coding: [condition], text: condition.display },
    subject: { reference: `Patient/${e.person_id}` },
    ...(e.diagnosed_on ? { onsetDateTime: e.diagnosed_on, recordedDate: e.diagnosed_on } : {}),
    ...(e.outcome === 'cured' && e.outcome_on ? { abatementDateTime: e.outcome_on } : {}),
  } as FhirResource;
}

export function bbvObservation(t: ProgrammeBbvTestTable): FhirResource {
  const numeric = bbvNumericTests[t.test as BbvTest];
  const value =
    t.value !== null && numeric
      ? {
          valueQuantity: {
            value: Number(t.value),
            unit: numeric.unit,
            system: 'http://unitsofmeasure.org',
            code: numeric.unit,
          },
        }
      : t.result
        ? {
            valueCodeableConcept: { coding: [{ system: `${LOCAL}-result`, code: t.result }], text: t.result },
          }
        : {};
  const resource = {
    resourceType: 'Observation',
    id: t.id,
    meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }] },
    status: 'final',
    category: [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' },
        ],
      },
    ],
    code: { coding: [codeOf(t.test as BbvTest)] },
    subject: { reference: `Patient/${t.person_id}` },
    effectiveDateTime: t.sample_on,
    issued: instant(t.result_on as string),
    ...value,
  };
  return resource as FhirResource;
}

function type(
  name: 'Condition' | 'Observation',
  read: (
    executor: Executor,
    where: { id?: string; personId?: string },
    reader: RecordReader,
    count: number,
  ) => Promise<FhirResource[]>,
): FhirResourceType {
  const table = name === 'Condition' ? 'programme_episode' : 'programme_bbv_test';
  return {
    type: name,
    async personOf(executor, id) {
      if (name === 'Condition') {
        const row = await executor
          .selectFrom('programme_episode')
          .select('person_id')
          .where('id', '=', id)
          .where('programme', 'in', ['hiv', 'hbv', 'hcv'])
          .executeTakeFirst();
        return row?.person_id;
      }
      const row = await executor
        .selectFrom(table)
        .select('person_id')
        .where('id', '=', id)
        .executeTakeFirst();
      return row?.person_id;
    },
    async read(tx, id, reader) {
      return (await read(tx, { id }, reader, 1))[0] ?? null;
    },
    search: (tx, personId, reader, count) => read(tx, { personId }, reader, count),
  };
}

export function bbvFhirResources(bbv: BbvService): FhirResourceType[] {
  return [
    type('Condition', async (x, w, reader, n) =>
      (await bbv.fhirRows(x, { ...w, kind: 'episode' }, reader, n)).episodes.map(bbvCondition),
    ),
    type('Observation', async (x, w, reader, n) =>
      (await bbv.fhirRows(x, { ...w, kind: 'test' }, reader, n)).tests.map(bbvObservation),
    ),
  ];
}

/** TRC-1: the blood-borne infections in the IPS, for the treating team only (a health-concerns section, LOINC 75310-3). */
export function bbvIpsSections(bbv: BbvService): IpsSection[] {
  return [
    {
      title: 'Blood-borne infections (HIV, hepatitis B and C)',
      code: '75310-3',
      empty: 'No blood-borne infection recorded, or not visible to this reader',
      async resources(tx, personId, reader) {
        const [e, t] = await Promise.all([
          bbv.fhirRows(tx, { personId, kind: 'episode' }, reader, 20),
          bbv.fhirRows(tx, { personId, kind: 'test' }, reader, 50),
        ]);
        return [...e.episodes.map(bbvCondition), ...t.tests.map(bbvObservation)];
      },
    },
  ];
}
