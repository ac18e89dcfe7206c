import {
  type EncounterContent,
  ICD10_SYSTEM,
  LOINC_SYSTEM,
  newId,
  PAGE_LIMIT_MAX,
  presumptiveTb,
  type ScreeningForm,
} from '@custodia/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { ClinicalViewer } from '../modules/clinical/records.ts';
import { actorOf, requestContext } from '../modules/identity/auth.ts';
import { actorForAudit } from '../modules/identity/service.ts';
import { type Executor, inTransaction, type Tx } from '../platform/db/database.ts';
import type {
  AllergyTable,
  ClinicalDocumentTable,
  ConsentTable,
  EncounterTable,
  ObservationTable,
  ProblemTable,
} from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { fhirOutcomeResponse, fhirResponse } from '../platform/http/responses.ts';
import type { Services } from '../services.ts';
import { toPatient } from './routes.ts';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';
export const ENCOUNTER_TYPE_SYSTEM = 'urn:custodia:encounter-type';
export const LAB_RESULT_SYSTEM = 'urn:custodia:lab-result';
export const SCREENING_SYSTEM = 'urn:custodia:screening';
const UCUM = 'http://unitsofmeasure.org';
const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';

/** The clinical resources this facade serves, each by id and searched by patient. */
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

function operationOutcome(code: 'not-found' | 'invalid', diagnostics: string) {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] };
}

/**
 * The clinical part of the FHIR R4 facade (issue 5): Encounter, Condition, AllergyIntolerance,
 * Observation and Consent, each read by id and searched by patient, and the International Patient
 * Summary (`Patient/{id}/$summary`), the form in which a file travels on transfer or release (TRC-1).
 * Clinical roles only; every read audited; restricted items of others left out.
 */
export function fhirClinicalRoutes(services: Services): FastifyPluginAsyncZod {
  const { registry, audit } = services;
  const tags = ['fhir'];
  const config = { permission: 'fhir.patient.read' as const, dataClass: 'clinical' as const };

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

  const visible = (viewer: ClinicalViewer, table: string) =>
    viewer.restrictedReader
      ? sql<boolean>`1 = 1`
      : sql<boolean>`(${sql.ref(`${table}.restricted`)} = 0 or ${sql.ref(`${table}.author_id`)} = ${viewer.userId})`;

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
    viewer: ClinicalViewer,
    where: { id?: string; personId?: string },
    limit: number,
  ) {
    const table = tableOf[type];
    let q = tx
      .selectFrom(table)
      .selectAll()
      .orderBy(orderOf[type], 'desc')
      .orderBy('id', 'desc')
      .limit(limit);
    if (where.id) q = q.where('id', '=', where.id);
    if (where.personId) q = q.where('person_id', '=', where.personId);
    if (table !== 'allergy' && table !== 'consent') q = q.where(visible(viewer, table));
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

  return async (app) => {
    const who = (request: Parameters<typeof actorOf>[0]) => {
      const actor = actorOf(request);
      const viewer: ClinicalViewer = {
        userId: actor.userId,
        institutionIds: actor.institutionIds,
        national: actor.national,
        breakGlassPersonIds: actor.breakGlassPersonIds,
        restrictedReader: actor.permissions.has('clinical.restricted.read'),
      };
      return { viewer, audit: actorForAudit(actor, requestContext(request), 'fhir.patient.read') };
    };

    /** Runs a read: the person must be in reach (404 OperationOutcome otherwise), and it is audited. */
    async function read(
      request: Parameters<typeof actorOf>[0],
      reply: {
        status(n: number): { type(t: string): { send(b: unknown): void } };
        type(t: string): { send(b: unknown): void };
      },
      personIdOf: (tx: Tx) => Promise<string | undefined>,
      action: string,
      work: (tx: Tx, personId: string, viewer: ClinicalViewer) => Promise<unknown>,
    ) {
      const { viewer, audit: actor } = who(request);
      try {
        const body = await inTransaction(services.database.db, async (tx) => {
          const personId = await personIdOf(tx);
          if (!personId) throw new AppError('not_found', 404, 'Not found');
          const person = await registry.personForViewer(tx, viewer, personId);
          await audit.record(tx, actor, {
            action,
            dataClass: 'clinical',
            outcome: 'allowed',
            purpose: registry.inNormalScope(viewer, person) ? 'normal' : 'break_glass',
            resourceType: 'medical_record',
            resourceId: personId,
            personId,
          });
          return work(tx, personId, viewer);
        });
        if (body === null)
          return reply.status(404).type(FHIR_JSON).send(operationOutcome('not-found', 'Not found.'));
        return reply.type(FHIR_JSON).send(body);
      } catch (error) {
        if (error instanceof AppError && error.status === 404) {
          return reply.status(404).type(FHIR_JSON).send(operationOutcome('not-found', 'Not found.'));
        }
        throw error;
      }
    }

    for (const type of clinicalResourceTypes) {
      const table = tableOf[type];
      app.get(
        `/fhir/R4/${type}/:id`,
        {
          config,
          schema: {
            tags,
            summary: `Read a ${type}`,
            params: z.object({ id: z.string().min(1).max(100) }),
            response: {
              200: fhirResponse(type, `The ${type}`),
              400: fhirOutcomeResponse,
              404: fhirOutcomeResponse,
            },
          },
        },
        async (request, reply) => {
          const [id, screeningCode] =
            type === 'Observation' && /-[a-z-]+$/.test(request.params.id) && request.params.id.length > 36
              ? [request.params.id.slice(0, 36), request.params.id.slice(37)]
              : [request.params.id, null];
          return read(
            request,
            reply,
            async (tx) =>
              (
                await tx
                  .selectFrom(screeningCode ? 'encounter' : table)
                  .select('person_id')
                  .where('id', '=', id as string)
                  .executeTakeFirst()
              )?.person_id,
            `fhir.${type.toLowerCase()}.read`,
            async (tx, _personId, viewer) => {
              if (screeningCode) {
                const e = await tx
                  .selectFrom('encounter')
                  .selectAll()
                  .where('id', '=', id as string)
                  .where(visible(viewer, 'encounter'))
                  .executeTakeFirst();
                return (e && screeningObservations(e).find((o) => o.id === request.params.id)) ?? null;
              }
              const [resource] = await resources(tx, type, viewer, { id }, 1);
              return resource ?? null;
            },
          );
        },
      );

      app.get(
        `/fhir/R4/${type}`,
        {
          config,
          schema: {
            tags,
            summary: `Search ${type} by patient (newest first; at most _count, up to ${PAGE_LIMIT_MAX})`,
            querystring: z.object({
              patient: z.string().max(80).optional(),
              subject: z.string().max(80).optional(),
              _count: z.coerce.number().int().min(1).max(PAGE_LIMIT_MAX).default(50),
            }),
            response: {
              200: fhirResponse('Bundle', `A searchset Bundle of ${type}`),
              400: fhirOutcomeResponse,
              404: fhirOutcomeResponse,
            },
          },
        },
        async (request, reply) => {
          const ref = request.query.patient ?? request.query.subject;
          if (!ref) {
            return reply
              .status(400)
              .type(FHIR_JSON)
              .send(operationOutcome('invalid', 'Search by patient: ?patient=ID'));
          }
          const personId = ref.replace(/^Patient\//, '');
          return read(
            request,
            reply,
            async () => personId,
            `fhir.${type.toLowerCase()}.search`,
            async (tx, id, viewer) => {
              const found: unknown[] = await resources(
                tx,
                type,
                viewer,
                { personId: id },
                request.query._count,
              );
              if (type === 'Observation') {
                const screenings = await tx
                  .selectFrom('encounter')
                  .selectAll()
                  .where('person_id', '=', id)
                  .where('type', '=', 'admission_screening')
                  .where('status', '=', 'signed')
                  // The findings of a restricted screening are as restricted as the screening.
                  .where(visible(viewer, 'encounter'))
                  .orderBy('started_at', 'desc')
                  .limit(5)
                  .execute();
                found.push(...screenings.flatMap(screeningObservations));
              }
              return {
                resourceType: 'Bundle',
                type: 'searchset',
                total: found.length,
                entry: found.map((resource) => ({
                  fullUrl: `${(resource as { resourceType: string }).resourceType}/${(resource as { id: string }).id}`,
                  resource,
                  search: { mode: 'match' },
                })),
              };
            },
          );
        },
      );
    }

    app.get(
      '/fhir/R4/Patient/:id/$summary',
      {
        config,
        schema: {
          tags,
          summary:
            'International Patient Summary document Bundle (TRC-1: the file that travels on transfer or release)',
          params: z.object({ id: z.string().min(1).max(64) }),
          response: {
            200: fhirResponse('Bundle', 'The International Patient Summary document Bundle'),
            400: fhirOutcomeResponse,
            404: fhirOutcomeResponse,
          },
        },
      },
      async (request, reply) => {
        // The Patient is read before the audited transaction (one connection on SQLite).
        let person: Awaited<ReturnType<typeof registry.getPerson>>;
        try {
          person = await registry.getPerson(who(request).viewer, request.params.id);
        } catch (error) {
          if (error instanceof AppError && error.status === 404) {
            return reply.status(404).type(FHIR_JSON).send(operationOutcome('not-found', 'Not found.'));
          }
          throw error;
        }
        return read(
          request,
          reply,
          async () => request.params.id,
          'fhir.patient.summary',
          async (tx, personId, viewer) => {
            const conditions = (await resources(tx, 'Condition', viewer, { personId }, 100)) as ReturnType<
              typeof toCondition
            >[];
            const allergies = (await resources(
              tx,
              'AllergyIntolerance',
              viewer,
              { personId },
              100,
            )) as ReturnType<typeof toAllergy>[];
            const vitals = (await resources(tx, 'Observation', viewer, { personId }, 50)) as ReturnType<
              typeof toObservation
            >[];
            const activeConditions = conditions.filter(
              (c) =>
                c.verificationStatus.coding[0]?.code !== 'entered-in-error' &&
                c.clinicalStatus.coding[0]?.code === 'active',
            );
            const activeAllergies = allergies.filter(
              (a) => a.verificationStatus.coding[0]?.code !== 'entered-in-error',
            );
            const results = vitals.filter((o) => o.status === 'final');
            const now = services.clock.now().toISOString();
            const url = (r: { resourceType: string; id: string }) =>
              `urn:uuid:${r.id.length === 36 ? r.id : newId()}`;
            const patient = toPatient(person);
            const entries = [
              { resource: patient },
              ...activeConditions.map((resource) => ({ resource })),
              ...activeAllergies.map((resource) => ({ resource })),
              ...results.map((resource) => ({ resource })),
            ].map((e) => ({ fullUrl: url(e.resource), resource: e.resource }));
            const refs = (list: { id: string; resourceType: string }[]) =>
              list.map((r) => ({ reference: url(r) }));
            const section = (
              title: string,
              code: string,
              list: { id: string; resourceType: string }[],
              empty: string,
            ) => ({
              title,
              code: { coding: [{ system: LOINC_SYSTEM, code }] },
              text: {
                status: 'generated',
                div: `<div xmlns="http://www.w3.org/1999/xhtml">${list.length ? `${list.length} entries` : empty}</div>`,
              },
              ...(list.length
                ? { entry: refs(list) }
                : {
                    emptyReason: {
                      coding: [
                        {
                          system: 'http://terminology.hl7.org/CodeSystem/list-empty-reason',
                          code: 'unavailable',
                        },
                      ],
                    },
                  }),
            });
            const composition = {
              resourceType: 'Composition',
              id: newId(),
              status: 'final',
              type: {
                coding: [{ system: LOINC_SYSTEM, code: '60591-5', display: 'Patient summary Document' }],
              },
              subject: { reference: url(patient) },
              date: now,
              author: [{ display: 'Custodia prison health service' }],
              title: 'International Patient Summary',
              confidentiality: 'R',
              section: [
                section('Problems', '11450-4', activeConditions, 'No active problems recorded'),
                section('Allergies and intolerances', '48765-2', activeAllergies, 'No allergies recorded'),
                // Medication records come with the pharmacy module; until then the section says so.
                section('Medication', '10160-0', [], 'Medication is not yet recorded in Custodia'),
                section('Results', '30954-2', results, 'No results recorded'),
              ],
            };
            return {
              resourceType: 'Bundle',
              identifier: { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${newId()}` },
              type: 'document',
              timestamp: now,
              entry: [{ fullUrl: `urn:uuid:${composition.id}`, resource: composition }, ...entries],
            };
          },
        );
      },
    );
  };
}
