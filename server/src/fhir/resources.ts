import { LOINC_SYSTEM, newId, PAGE_LIMIT_MAX } from '@custodia/domain';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuditAction } from '../modules/audit/index.ts';
import { callerOf } from '../modules/identity/index.ts';
import type { FhirResource, FhirResourceType, RecordReader } from '../platform/contributions.ts';
import { inTransaction, type Tx } from '../platform/db/database.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { fhirOutcomeResponse, fhirResponse } from '../platform/http/responses.ts';
import type { Services } from '../services.ts';
import { toPatient } from './routes.ts';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';

function operationOutcome(code: 'not-found' | 'invalid', diagnostics: string) {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] };
}

/**
 * The resources the modules serve through the FHIR R4 facade (issue 5; ADR 0020), each read by id
 * and searched by patient, and the International Patient Summary (`Patient/{id}/$summary`), the form
 * in which a file travels on transfer or release (TRC-1), whose sections the modules contribute.
 * Clinical roles only; every read scoped to the person and audited. The modules map their own rows;
 * this file never reads a table.
 */
export function fhirResourceRoutes(services: Services): FastifyPluginAsyncZod {
  const { registry, audit, contributions } = services;
  const tags = ['fhir'];
  const config = { permission: 'fhir.patient.read' as const, dataClass: 'clinical' as const };

  return async (app) => {
    /** Runs a read: the person must be in reach (404 OperationOutcome otherwise), and it is audited. */
    async function read(
      request: FastifyRequest,
      reply: {
        status(n: number): { type(t: string): { send(b: unknown): void } };
        type(t: string): { send(b: unknown): void };
      },
      personIdOf: (tx: Tx) => Promise<string | undefined>,
      action: AuditAction,
      work: (tx: Tx, personId: string, viewer: RecordReader) => Promise<unknown>,
    ) {
      const { viewer, audit: actor } = callerOf(request);
      try {
        const body = await inTransaction(services.database.db, async (tx) => {
          const personId = await personIdOf(tx);
          if (!personId) throw notFound();
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

    for (const resource of mergedByType(contributions.fhirResources)) {
      const { type } = resource;
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
        async (request, reply) =>
          read(
            request,
            reply,
            (tx) => resource.personOf(tx, request.params.id),
            // Every contributed type has words (fhir-actions.test.ts).
            `fhir.${type.toLowerCase()}.read` as AuditAction,
            (tx, _personId, viewer) => resource.read(tx, request.params.id, viewer),
          ),
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
            `fhir.${type.toLowerCase()}.search` as AuditAction,
            async (tx, id, viewer) => {
              const found = await resource.search(tx, id, viewer, request.query._count);
              return {
                resourceType: 'Bundle',
                type: 'searchset',
                total: found.length,
                entry: found.map((resource) => ({
                  fullUrl: `${resource.resourceType}/${resource.id}`,
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
          person = await registry.getPerson(callerOf(request).viewer, request.params.id);
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
            const sections: { title: string; code: string; empty: string; list: FhirResource[] }[] = [];
            for (const section of contributions.ipsSections) {
              sections.push({ ...section, list: await section.resources(tx, personId, viewer) });
            }
            const now = services.clock.now().toISOString();
            const url = (r: FhirResource) => `urn:uuid:${r.id.length === 36 ? r.id : newId()}`;
            const patient = toPatient(person);
            const entries = [
              { resource: patient },
              ...sections.flatMap((s) => s.list.map((resource) => ({ resource }))),
            ].map((e) => ({ fullUrl: url(e.resource), resource: e.resource }));
            const refs = (list: FhirResource[]) => list.map((r) => ({ reference: url(r) }));
            const section = ({ title, code, list, empty }: (typeof sections)[number]) => ({
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
              section: sections.map(section),
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

/**
 * One contributor per resource type, for the routes: two modules may serve the same type (the
 * medical record's observations and the injuries module's lesions, ADR 0035). The merged one finds
 * a resource's person and reads it through the first contributor that knows the id, and searches
 * all of them, newest contributor's after the earlier ones', up to `count`.
 */
export function mergedByType(resources: readonly FhirResourceType[]): FhirResourceType[] {
  const byType = new Map<string, FhirResourceType[]>();
  for (const r of resources) byType.set(r.type, [...(byType.get(r.type) ?? []), r]);
  return [...byType.entries()].map(([type, list]) => {
    if (list.length === 1) return list[0] as FhirResourceType;
    return {
      type,
      async personOf(executor, id) {
        for (const r of list) {
          const person = await r.personOf(executor, id);
          if (person) return person;
        }
        return undefined;
      },
      async read(tx, id, reader) {
        for (const r of list) {
          const found = await r.read(tx, id, reader);
          if (found) return found;
        }
        return null;
      },
      async search(tx, personId, reader, count) {
        const found: FhirResource[] = [];
        for (const r of list) {
          if (found.length >= count) break;
          found.push(...(await r.search(tx, personId, reader, count - found.length)));
        }
        return found;
      },
    };
  });
}
