import {
  type EncounterContent,
  ICD10_SYSTEM,
  LOINC_SYSTEM,
  presumptiveTb,
  type ScreeningForm,
} from '@custodia/domain';
import { sql } from 'kysely';
import type {
  FhirResource,
  FhirResourceType,
  IpsSection,
  RecordReader,
} from '../../platform/contributions.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type {
  AllergyStatementTable,
  AllergyTable,
  ClinicalDocumentTable,
  ConsentTable,
  EncounterTable,
  ObservationTable,
  ProblemTable,
} from './tables.ts';

export const ENCOUNTER_TYPE_SYSTEM = 'urn:custodia:encounter-type';
export const LAB_RESULT_SYSTEM = 'urn:custodia:lab-result';
export const SCREENING_SYSTEM = 'urn:custodia:screening';
const UCUM = 'http://unitsofmeasure.org';
const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';

/** The clinical resources the FHIR facade serves, each by id and searched by patient (issue 5). */
export const clinicalResourceTypes = [
  'Encounter',
  'Condition',
  'AllergyIntolerance',
  'Observation',
  'Consent',
  'DocumentReference',
] as const;
type ClinicalResourceType = (typeof clinicalResourceTypes)[number];

interface Corrections {
  enteredInError: Set<string>;
  resolved: Set<string>;
}

const patientRef = (personId: string) => ({ reference: `Patient/${personId}` });

export function toEncounter(e: EncounterTable, c: Corrections) {
  const content = JSON.parse(e.content) as EncounterContent;
  return {
    resourceType: 'Encounter' as const,
    id: e.id,
    status: c.enteredInError.has(e.id)
      ? 'entered-in-error'
      : e.status === 'signed'
        ? 'finished'
        : 'in-progress',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
    type: [{ coding: [{ system: ENCOUNTER_TYPE_SYSTEM, code: e.type }] }],
    subject: patientRef(e.person_id),
    // MED-4: who was in the room, by kind and name (no custodial detail beyond that).
    participant: content.personsPresent.map((p) => ({
      type: [{ text: p.kind }],
      individual: { display: p.name },
    })),
    period: { start: e.started_at },
  };
}

export function toCondition(p: ProblemTable, c: Corrections) {
  return {
    resourceType: 'Condition' as const,
    id: p.id,
    clinicalStatus: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
          code: c.resolved.has(p.id) ? 'resolved' : 'active',
        },
      ],
    },
    verificationStatus: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
          code: c.enteredInError.has(p.id) ? 'entered-in-error' : 'confirmed',
        },
      ],
    },
    category: [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item' },
        ],
      },
    ],
    code: { coding: [{ system: ICD10_SYSTEM, code: p.code, display: p.display }], text: p.display },
    subject: patientRef(p.person_id),
    ...(p.onset_date ? { onsetDateTime: p.onset_date } : {}),
    recordedDate: p.recorded_at,
  };
}

export function toAllergy(a: AllergyTable, c: Corrections) {
  return {
    resourceType: 'AllergyIntolerance' as const,
    id: a.id,
    clinicalStatus: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
          code: c.resolved.has(a.id) ? 'resolved' : 'active',
        },
      ],
    },
    verificationStatus: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
          code: c.enteredInError.has(a.id) ? 'entered-in-error' : 'confirmed',
        },
      ],
    },
    type: a.type,
    ...(a.category === 'other' ? {} : { category: [a.category] }),
    code: { text: a.substance },
    patient: patientRef(a.person_id),
    recordedDate: a.recorded_at,
    ...(a.reaction ? { reaction: [{ manifestation: [{ text: a.reaction }], severity: a.severity }] } : {}),
  };
}

/** IPS: the recorded answer "no known allergies" (absent-unknown-uv-ips `no-known-allergies`). */
export function noKnownAllergies(statement: AllergyStatementTable) {
  return {
    resourceType: 'AllergyIntolerance' as const,
    id: statement.id,
    clinicalStatus: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' },
      ],
    },
    verificationStatus: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
          code: 'confirmed',
        },
      ],
    },
    code: {
      coding: [
        {
          system: 'http://hl7.org/fhir/uv/ips/CodeSystem/absent-unknown-uv-ips',
          code: 'no-known-allergies',
          display: 'No known allergies',
        },
      ],
      text: 'No known allergies',
    },
    patient: patientRef(statement.person_id),
    recordedDate: statement.recorded_at,
  };
}

export function toObservation(o: ObservationTable, c: Corrections) {
  const loinc = o.code_system === LOINC_SYSTEM;
  return {
    resourceType: 'Observation' as const,
    id: o.id,
    status: c.enteredInError.has(o.id) ? 'entered-in-error' : 'final',
    category: [{ coding: [{ system: OBSERVATION_CATEGORY, code: o.category }] }],
    code: { coding: [{ system: o.code_system, code: o.code }], text: loinc ? undefined : o.test },
    subject: patientRef(o.person_id),
    ...(o.encounter_id ? { encounter: { reference: `Encounter/${o.encounter_id}` } } : {}),
    effectiveDateTime: o.effective_at,
    ...(o.value_number !== null
      ? {
          valueQuantity: {
            value: o.value_number,
            ...(o.unit ? { unit: o.unit, system: UCUM, code: o.unit } : {}),
          },
        }
      : o.value_code
        ? { valueCodeableConcept: { coding: [{ system: LAB_RESULT_SYSTEM, code: o.value_code }] } }
        : {}),
    ...(o.note ? { note: [{ text: o.note }] } : {}),
  };
}

/** Findings of a signed admission screening as survey Observations (ADM-6, ADM-9). */
export function screeningObservations(e: EncounterTable) {
  if (e.type !== 'admission_screening' || e.status !== 'signed' || !e.structured) return [];
  const form = JSON.parse(e.structured) as ScreeningForm;
  const findings: [string, string][] = [];
  if (form.tuberculosis.status === 'assessed')
    findings.push(['tb-symptom-screen', presumptiveTb(form) ? 'positive' : 'negative']);
  if (form.mentalHealth.status === 'assessed' && form.mentalHealth.suicideScreen) {
    findings.push(['suicide-screen', form.mentalHealth.suicideScreen]);
  }
  if (form.injuries.status === 'assessed')
    findings.push(['injuries-seen', form.injuries.noInjuriesSeen ? 'none' : 'recorded']);
  return findings.map(([code, value]) => ({
    resourceType: 'Observation' as const,
    id: `${e.id}-${code}`,
    status: 'final',
    category: [{ coding: [{ system: OBSERVATION_CATEGORY, code: 'survey' }] }],
    code: { coding: [{ system: SCREENING_SYSTEM, code }] },
    subject: patientRef(e.person_id),
    encounter: { reference: `Encounter/${e.id}` },
    effectiveDateTime: e.started_at,
    valueCodeableConcept: { coding: [{ system: SCREENING_SYSTEM, code: value }] },
  }));
}

export function toConsent(c: ConsentTable) {
  return {
    resourceType: 'Consent' as const,
    id: c.id,
    status: 'active',
    scope: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'treatment' }],
    },
    category: [{ coding: [{ system: LOINC_SYSTEM, code: '59284-0', display: 'Consent Document' }] }],
    patient: patientRef(c.person_id),
    dateTime: c.recorded_at,
    policyRule: { text: 'MED-6: informed consent or refusal, with the information given' },
    provision: { type: c.decision === 'consented' ? 'permit' : 'deny' },
    ...(c.witness ? { verification: [{ verified: true, verifiedWith: { display: c.witness } }] } : {}),
  };
}

export function toDocumentReference(d: ClinicalDocumentTable) {
  return {
    resourceType: 'DocumentReference' as const,
    id: d.id,
    // The SHA-256 of the bytes, kept since upload (FHIR's own Attachment.hash is SHA-1).
    masterIdentifier: { system: 'urn:custodia:sha256', value: d.sha256 },
    status: 'current',
    type: { coding: [{ system: 'urn:custodia:document-type', code: d.type }], text: d.title },
    subject: patientRef(d.person_id),
    date: d.uploaded_at,
    description: d.title,
    content: [
      {
        attachment: {
          contentType: d.content_type,
          url: `/api/v1/documents/${d.id}/content`,
          size: d.size,
          title: d.title,
          creation: d.uploaded_at,
        },
      },
    ],
  };
}

async function correctionsFor(executor: Executor, ids: string[]): Promise<Corrections> {
  const result: Corrections = { enteredInError: new Set(), resolved: new Set() };
  if (!ids.length) return result;
  const rows = await executor
    .selectFrom('clinical_correction')
    .select(['entry_id', 'kind'])
    .where('entry_id', 'in', ids)
    .execute();
  for (const r of rows) {
    if (r.kind === 'entered_in_error') result.enteredInError.add(r.entry_id);
    if (r.kind === 'resolved') result.resolved.add(r.entry_id);
  }
  return result;
}

/** Restricted items of others are left out unless the reader holds the restricted-clinical permission. */
const visible = (reader: RecordReader, table: string) =>
  reader.restrictedReader
    ? sql<boolean>`1 = 1`
    : sql<boolean>`(${sql.ref(`${table}.restricted`)} = 0 or ${sql.ref(`${table}.author_id`)} = ${reader.userId})`;

const tableOf = {
  Encounter: 'encounter',
  Condition: 'problem',
  AllergyIntolerance: 'allergy',
  Observation: 'observation',
  Consent: 'consent',
  DocumentReference: 'clinical_document',
} as const;
const orderOf = {
  Encounter: 'started_at',
  Condition: 'recorded_at',
  AllergyIntolerance: 'recorded_at',
  Observation: 'effective_at',
  Consent: 'recorded_at',
  DocumentReference: 'uploaded_at',
} as const;

async function resources(
  tx: Tx,
  type: ClinicalResourceType,
  reader: RecordReader,
  where: { id?: string; personId?: string },
  limit: number,
) {
  const table = tableOf[type];
  let q = tx.selectFrom(table).selectAll().orderBy(orderOf[type], 'desc').orderBy('id', 'desc').limit(limit);
  if (where.id) q = q.where('id', '=', where.id);
  if (where.personId) q = q.where('person_id', '=', where.personId);
  if (table !== 'allergy' && table !== 'consent') q = q.where(visible(reader, table));
  const rows = (await q.execute()) as unknown[];
  const corrections = await correctionsFor(
    tx,
    rows.map((r) => (r as { id: string }).id),
  );
  switch (type) {
    case 'Encounter':
      return (rows as EncounterTable[]).map((r) => toEncounter(r, corrections));
    case 'Condition':
      return (rows as ProblemTable[]).map((r) => toCondition(r, corrections));
    case 'AllergyIntolerance':
      return (rows as AllergyTable[]).map((r) => toAllergy(r, corrections));
    case 'Observation':
      return (rows as ObservationTable[]).map((r) => toObservation(r, corrections));
    case 'Consent':
      return (rows as ConsentTable[]).map((r) => toConsent(r));
    case 'DocumentReference':
      return (rows as ClinicalDocumentTable[]).map((r) => toDocumentReference(r));
  }
}

/** A screening finding's id is its encounter's id and the finding's code: `{uuid}-{code}`. */
function screeningFinding(type: ClinicalResourceType, id: string): [string, string | null] {
  return type === 'Observation' && /-[a-z-]+$/.test(id) && id.length > 36
    ? [id.slice(0, 36), id.slice(37)]
    : [id, null];
}

/**
 * Encounter, Condition, AllergyIntolerance, Observation, Consent and DocumentReference, as the FHIR
 * facade serves them: restricted items of others left out; the facade scopes and audits each read.
 */
export const clinicalFhirResources: FhirResourceType[] = clinicalResourceTypes.map((type) => ({
  type,
  async personOf(executor, id) {
    const [rowId, screeningCode] = screeningFinding(type, id);
    const row = await executor
      .selectFrom(screeningCode ? 'encounter' : tableOf[type])
      .select('person_id')
      .where('id', '=', rowId)
      .executeTakeFirst();
    return row?.person_id;
  },
  async read(tx, id, reader) {
    const [rowId, screeningCode] = screeningFinding(type, id);
    if (screeningCode) {
      const e = await tx
        .selectFrom('encounter')
        .selectAll()
        .where('id', '=', rowId)
        .where(visible(reader, 'encounter'))
        .executeTakeFirst();
      return (e && screeningObservations(e).find((o) => o.id === id)) ?? null;
    }
    const [resource] = await resources(tx, type, reader, { id: rowId }, 1);
    return resource ?? null;
  },
  async search(tx, personId, reader, count) {
    const found: FhirResource[] = await resources(tx, type, reader, { personId }, count);
    if (type === 'Observation') {
      const screenings = await tx
        .selectFrom('encounter')
        .selectAll()
        .where('person_id', '=', personId)
        .where('type', '=', 'admission_screening')
        .where('status', '=', 'signed')
        // The findings of a restricted screening are as restricted as the screening.
        .where(visible(reader, 'encounter'))
        .orderBy('started_at', 'desc')
        .limit(5)
        .execute();
      found.push(...screenings.flatMap(screeningObservations));
    }
    return found;
  },
}));

/** The clinical sections of the International Patient Summary (TRC-1), in their order. */
export const clinicalIpsSections: IpsSection[] = [
  {
    title: 'Problems',
    code: '11450-4',
    empty: 'No active problems recorded',
    async resources(tx, personId, reader) {
      const conditions = (await resources(tx, 'Condition', reader, { personId }, 100)) as ReturnType<
        typeof toCondition
      >[];
      return conditions.filter(
        (c) =>
          c.verificationStatus.coding[0]?.code !== 'entered-in-error' &&
          c.clinicalStatus.coding[0]?.code === 'active',
      );
    },
  },
  {
    title: 'Allergies and intolerances',
    code: '48765-2',
    empty: 'No allergies recorded',
    async resources(tx, personId, reader) {
      const allergies = (await resources(tx, 'AllergyIntolerance', reader, { personId }, 100)) as ReturnType<
        typeof toAllergy
      >[];
      const listed = allergies.filter((a) => a.verificationStatus.coding[0]?.code !== 'entered-in-error');
      if (listed.length) return listed;
      // TRC-1: "no known allergies", answered at a screening (never assumed), travels with the person
      // as IPS says it: an AllergyIntolerance coded from its absent-or-unknown code system.
      const statement = await tx
        .selectFrom('allergy_statement')
        .selectAll()
        .where('person_id', '=', personId)
        .where(
          sql<boolean>`not exists (select 1 from clinical_correction cc where cc.entry_id = ${sql.ref('allergy_statement.encounter_id')} and cc.kind = 'entered_in_error')`,
        )
        .orderBy('recorded_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return statement ? [noKnownAllergies(statement)] : [];
    },
  },
  // The medication section (10160-0) is the medication module's (ADR 0045).
  {
    title: 'Results',
    code: '30954-2',
    empty: 'No results recorded',
    async resources(tx, personId, reader) {
      const observations = (await resources(tx, 'Observation', reader, { personId }, 50)) as ReturnType<
        typeof toObservation
      >[];
      return observations.filter((o) => o.status === 'final');
    },
  },
];
