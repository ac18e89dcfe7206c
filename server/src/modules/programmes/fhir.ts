import type { FhirResource, FhirResourceType, IpsSection } from '../../platform/contributions.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { ProgrammesService } from './service.ts';
import type { ProgrammeEpisodeTable, ProgrammeTestTable } from './tables.ts';

/**
 * The programme registers in FHIR R4 (issue 16 item 6): an EpisodeOfCare per episode, a Condition
 * with the registration (TB-1), and per test a ServiceRequest, and once resulted a DiagnosticReport
 * and an Observation (LOINC where a code exists, a local system where it does not).
 */
const LOINC = 'http://loinc.org';
const SNOMED = 'http://snomed.info/sct';
const LOCAL = 'urn:custodia:tb';

const testCodes: Record<string, { system: string; code: string; display: string }> = {
  smear: {
    system: LOINC,
    code: '11545-1',
    display: 'Microscopic observation [Identifier] in Sputum by Acid fast stain',
  },
  xpert: {
    system: LOINC,
    code: '38379-4',
    display: 'Mycobacterium tuberculosis complex DNA [Presence] in Specimen by NAA with probe detection',
  },
  culture: {
    system: LOINC,
    code: '543-9',
    display: 'Mycobacterium sp identified in Specimen by Organism specific culture',
  },
  dst: { system: `${LOCAL}-test`, code: 'dst', display: 'Drug susceptibility testing, M. tuberculosis' },
  xray: { system: LOINC, code: '36643-5', display: 'XR Chest 2 Views' },
};

const instant = (date: string) => `${date}T00:00:00Z`;

/**
 * One row serves several resource types (an episode: EpisodeOfCare and Condition; a test:
 * ServiceRequest, DiagnosticReport, Observation): each type's id is the row's UUIDv7 with its version
 * digit changed, so every id in a bundle stays a distinct UUID; the row is found again by putting the
 * 7 back.
 */
const derived = (id: string, digit: string) =>
  id.length === 36 ? `${id.slice(0, 14)}${digit}${id.slice(15)}` : id;
const rowId = (id: string) => derived(id, '7');

function episodeOfCare(e: ProgrammeEpisodeTable): FhirResource {
  return {
    resourceType: 'EpisodeOfCare',
    id: e.id,
    ...(e.register_number
      ? { identifier: [{ system: `${LOCAL}-register-number`, value: e.register_number }] }
      : {}),
    status: e.outcome ? 'finished' : e.registered_on ? 'active' : 'waitlist',
    type: [
      {
        coding: [{ system: 'urn:custodia:programme', code: e.programme, display: 'Tuberculosis programme' }],
      },
    ],
    patient: { reference: `Patient/${e.person_id}` },
    period: { start: e.presumed_on, ...(e.outcome_on ? { end: e.outcome_on } : {}) },
  } as FhirResource;
}

function condition(e: ProgrammeEpisodeTable): FhirResource {
  const pulmonary = e.site === 'pulmonary';
  const local = (kind: string, code: string | null) =>
    code ? [{ coding: [{ system: `${LOCAL}-${kind}`, code }] }] : [];
  return {
    resourceType: 'Condition',
    id: derived(e.id, '8'),
    clinicalStatus: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
          code: e.outcome ? 'resolved' : 'active',
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
      ...local('registration-category', e.category),
      ...local('bacteriology', e.bacteriology),
      ...local('resistance', e.resistance),
    ],
    code: {
      coding: [
        pulmonary
          ? { system: SNOMED, code: '154283005', display: 'Pulmonary tuberculosis' }
          : { system: SNOMED, code: '56717001', display: 'Tuberculosis' },
      ],
      text: pulmonary ? 'Pulmonary tuberculosis' : 'Extrapulmonary tuberculosis',
    },
    subject: { reference: `Patient/${e.person_id}` },
    ...(e.diagnosed_on ? { onsetDateTime: e.diagnosed_on } : {}),
    ...(e.registered_on ? { recordedDate: e.registered_on } : {}),
    ...(e.outcome_on ? { abatementDateTime: e.outcome_on } : {}),
  } as FhirResource;
}

function serviceRequest(t: ProgrammeTestTable): FhirResource {
  return {
    resourceType: 'ServiceRequest',
    id: t.id,
    status: t.result_on ? 'completed' : 'active',
    intent: 'order',
    code: { coding: [testCodes[t.test]] },
    subject: { reference: `Patient/${t.person_id}` },
    occurrenceDateTime: t.sample_on,
    authoredOn: t.ordered_at,
  } as FhirResource;
}

function observation(t: ProgrammeTestTable): FhirResource {
  const dst = t.dst ? (JSON.parse(t.dst) as Record<string, string>) : null;
  const components = [
    ...(t.rifampicin
      ? [
          {
            code: {
              coding: [{ system: `${LOCAL}-component`, code: 'rifampicin_resistance' }],
              text: 'Rifampicin resistance',
            },
            valueCodeableConcept: { coding: [{ system: `${LOCAL}-result`, code: t.rifampicin }] },
          },
        ]
      : []),
    ...Object.entries(dst ?? {}).map(([drug, value]) => ({
      code: { coding: [{ system: `${LOCAL}-component`, code: drug }], text: drug },
      valueCodeableConcept: { coding: [{ system: `${LOCAL}-result`, code: value }] },
    })),
  ];
  return {
    resourceType: 'Observation',
    id: derived(t.id, '6'),
    status: 'final',
    category: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/observation-category',
            code: t.test === 'xray' ? 'imaging' : 'laboratory',
          },
        ],
      },
    ],
    code: { coding: [testCodes[t.test]] },
    subject: { reference: `Patient/${t.person_id}` },
    effectiveDateTime: t.sample_on,
    issued: instant(t.result_on as string),
    ...(t.result
      ? { valueCodeableConcept: { coding: [{ system: `${LOCAL}-result`, code: t.result }] } }
      : {}),
    ...(components.length ? { component: components } : {}),
  } as FhirResource;
}

function diagnosticReport(t: ProgrammeTestTable): FhirResource {
  return {
    resourceType: 'DiagnosticReport',
    id: derived(t.id, '8'),
    basedOn: [{ reference: `ServiceRequest/${t.id}` }],
    status: 'final',
    code: { coding: [testCodes[t.test]] },
    subject: { reference: `Patient/${t.person_id}` },
    effectiveDateTime: t.sample_on,
    issued: instant(t.result_on as string),
    result: [{ reference: `Observation/${derived(t.id, '6')}` }],
  } as FhirResource;
}

async function episodes(
  executor: Executor,
  where: { id?: string; personId?: string; registered?: boolean },
  count: number,
) {
  let q = executor
    .selectFrom('programme_episode')
    .selectAll()
    .where('programme', '=', 'tb')
    .orderBy('presumed_on', 'desc')
    .limit(count);
  if (where.id) q = q.where('id', '=', rowId(where.id));
  if (where.personId) q = q.where('person_id', '=', where.personId);
  if (where.registered) q = q.where('registered_on', 'is not', null);
  return q.execute();
}

async function tests(
  executor: Executor,
  where: { id?: string; personId?: string; resulted?: boolean },
  count: number,
) {
  let q = executor.selectFrom('programme_test').selectAll().orderBy('sample_on', 'desc').limit(count);
  if (where.id) q = q.where('id', '=', rowId(where.id));
  if (where.personId) q = q.where('person_id', '=', where.personId);
  if (where.resulted) q = q.where('result_on', 'is not', null);
  return q.execute();
}

function type(
  name: string,
  table: 'programme_episode' | 'programme_test',
  read: (
    executor: Executor,
    where: { id?: string; personId?: string },
    count: number,
  ) => Promise<FhirResource[]>,
): FhirResourceType {
  return {
    type: name,
    async personOf(executor, id) {
      const row = await executor
        .selectFrom(table)
        .select('person_id')
        .where('id', '=', rowId(id))
        .executeTakeFirst();
      return row?.person_id;
    },
    async read(tx, id) {
      return (await read(tx, { id }, 1))[0] ?? null;
    },
    search: (tx, personId, _reader, count) => read(tx, { personId }, count),
  };
}

const readers = {
  episodeOfCare: async (x: Executor, w: { id?: string; personId?: string }, n: number) =>
    (await episodes(x, w, n)).map(episodeOfCare),
  condition: async (x: Executor, w: { id?: string; personId?: string }, n: number) =>
    (await episodes(x, { ...w, registered: true }, n)).map(condition),
  serviceRequest: async (x: Executor, w: { id?: string; personId?: string }, n: number) =>
    (await tests(x, w, n)).map(serviceRequest),
  diagnosticReport: async (x: Executor, w: { id?: string; personId?: string }, n: number) =>
    (await tests(x, { ...w, resulted: true }, n)).map(diagnosticReport),
  observation: async (x: Executor, w: { id?: string; personId?: string }, n: number) =>
    (await tests(x, { ...w, resulted: true }, n)).map(observation),
};

export function programmesFhirResources(_programmes: ProgrammesService): FhirResourceType[] {
  return [
    type('EpisodeOfCare', 'programme_episode', readers.episodeOfCare),
    type('Condition', 'programme_episode', readers.condition),
    type('ServiceRequest', 'programme_test', readers.serviceRequest),
    type('DiagnosticReport', 'programme_test', readers.diagnosticReport),
    type('Observation', 'programme_test', readers.observation),
  ];
}

/**
 * TRC-1: the TB programme in the International Patient Summary, as a history section (LOINC 11348-0):
 * the episodes, their registration as Conditions, and the resulted tests (reports and observations).
 */
export function programmesIpsSections(_programmes: ProgrammesService): IpsSection[] {
  return [
    {
      title: 'Tuberculosis programme',
      code: '11348-0',
      empty: 'No tuberculosis programme episode',
      async resources(tx, personId) {
        const [e, c, d, o] = await Promise.all([
          readers.episodeOfCare(tx, { personId }, 20),
          readers.condition(tx, { personId }, 20),
          readers.diagnosticReport(tx, { personId }, 50),
          readers.observation(tx, { personId }, 50),
        ]);
        return [...e, ...c, ...d, ...o];
      },
    },
  ];
}
