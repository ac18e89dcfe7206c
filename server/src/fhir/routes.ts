import { calendarDateSchema, PAGE_LIMIT_MAX } from '@custodia/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { callerOf } from '../modules/identity/index.ts';
import { inTransaction } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';
import { fhirOutcomeResponse, fhirResponse } from '../platform/http/responses.ts';
import { VERSION } from '../platform/version.ts';
import type { Services } from '../services.ts';

export const PRISON_NUMBER_SYSTEM = 'urn:custodia:prison-number';
const FHIR_JSON = 'application/fhir+json; charset=utf-8';

type PersonView = Awaited<ReturnType<Services['registry']['getPerson']>>;
type PersonItem = Awaited<ReturnType<Services['registry']['searchPersons']>>['items'][number];

/** A person in custody as an HL7 FHIR R4 Patient: demographics only, never custody or clinical detail. */
export function toPatient(
  p: PersonItem & Partial<Pick<PersonView, 'patronymicLatin' | 'patronymicCyrillic' | 'language'>>,
) {
  const names = [];
  if (p.surnameLatin || p.givenNameLatin) {
    names.push({
      use: 'official' as const,
      family: p.surnameLatin ?? undefined,
      given: [p.givenNameLatin, p.patronymicLatin].filter((v): v is string => Boolean(v)),
    });
  }
  if (p.surnameCyrillic || p.givenNameCyrillic) {
    names.push({
      use: names.length ? ('usual' as const) : ('official' as const),
      family: p.surnameCyrillic ?? undefined,
      given: [p.givenNameCyrillic, p.patronymicCyrillic].filter((v): v is string => Boolean(v)),
    });
  }
  return {
    resourceType: 'Patient' as const,
    id: p.id,
    identifier: [{ use: 'official' as const, system: PRISON_NUMBER_SYSTEM, value: p.prisonNumber }],
    active: p.status === 'in_custody' || p.status === 'in_transit' || p.status === 'temporarily_absent',
    name: names,
    gender: p.sex === 'female' ? ('female' as const) : ('male' as const),
    birthDate: p.birthDate,
    ...(p.language
      ? {
          communication: [
            { language: { coding: [{ system: 'urn:ietf:bcp:47', code: p.language }] }, preferred: true },
          ],
        }
      : {}),
  };
}

function operationOutcome(code: 'not-found' | 'invalid', diagnostics: string) {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] };
}

/** The read-only FHIR R4 facade (issue 4): CapabilityStatement and Patient, for clinical roles. */
export function fhirRoutes(services: Services): FastifyPluginAsyncZod {
  const { registry, audit } = services;
  const tags = ['fhir'];
  return async (app) => {
    app.get(
      '/fhir/R4/metadata',
      {
        config: { permission: 'public', dataClass: 'public' },
        schema: {
          tags,
          summary: 'FHIR CapabilityStatement',
          response: { 200: fhirResponse('CapabilityStatement', 'The CapabilityStatement') },
        },
      },
      async (_request, reply) =>
        reply.type(FHIR_JSON).send({
          resourceType: 'CapabilityStatement',
          status: 'active',
          date: '2026-11-28',
          publisher: 'Custodia',
          kind: 'instance',
          software: { name: 'Custodia', version: VERSION },
          implementation: { description: 'Custodia read-only FHIR R4 facade' },
          fhirVersion: '4.0.1',
          format: ['json'],
          rest: [
            {
              mode: 'server',
              security: {
                description: 'Session cookie of a signed-in clinical user; every read is audited.',
              },
              resource: [
                {
                  type: 'Patient',
                  interaction: [{ code: 'read' }, { code: 'search-type' }],
                  searchParam: [
                    { name: 'name', type: 'string', documentation: 'Any part of a name, in any script' },
                    {
                      name: 'identifier',
                      type: 'token',
                      documentation: `${PRISON_NUMBER_SYSTEM}|prison number`,
                    },
                    { name: 'birthdate', type: 'date', documentation: 'Exact date of birth (YYYY-MM-DD)' },
                  ],
                  operation: [
                    {
                      name: 'summary',
                      definition: 'http://hl7.org/fhir/uv/ips/OperationDefinition/summary',
                      documentation: 'International Patient Summary document (TRC-1)',
                    },
                  ],
                },
                ...[...new Set(services.contributions.fhirResources.map((r) => r.type))].map((type) => ({
                  type,
                  interaction: [{ code: 'read' as const }, { code: 'search-type' as const }],
                  searchParam: [
                    { name: 'patient', type: 'reference' as const, documentation: 'The Patient id' },
                  ],
                })),
              ],
            },
          ],
        }),
    );

    app.get(
      '/fhir/R4/Patient/:id',
      {
        config: { permission: 'fhir.patient.read', dataClass: 'clinical' },
        schema: {
          tags,
          summary: 'A person in custody as a FHIR Patient',
          params: z.object({ id: z.string().min(1).max(64) }),
          response: {
            200: fhirResponse('Patient', 'The Patient'),
            400: fhirOutcomeResponse,
            404: fhirOutcomeResponse,
          },
        },
      },
      async (request, reply) => {
        const { viewer, audit: auditActor } = callerOf(request);
        try {
          const person = await registry.getPerson(viewer, request.params.id, auditActor);
          await audit.recordAlone(auditActor, {
            action: 'fhir.patient.read',
            dataClass: 'clinical',
            outcome: 'allowed',
            resourceType: 'Patient',
            resourceId: person.id,
            personId: person.id,
          });
          return reply.type(FHIR_JSON).send(toPatient(person));
        } catch (error) {
          if (error instanceof AppError && error.status === 404) {
            return reply.status(404).type(FHIR_JSON).send(operationOutcome('not-found', 'No such Patient.'));
          }
          throw error;
        }
      },
    );

    app.get(
      '/fhir/R4/Patient',
      {
        config: { permission: 'fhir.patient.read', dataClass: 'clinical' },
        schema: {
          tags,
          summary: 'Search Patients by name, identifier or birthdate (a searchset Bundle)',
          querystring: z.object({
            name: z.string().max(120).optional(),
            identifier: z.string().max(160).optional(),
            birthdate: calendarDateSchema.optional(),
            _count: z.coerce.number().int().min(1).max(PAGE_LIMIT_MAX).default(50),
            _cursor: z.string().max(512).optional(),
          }),
          response: {
            200: fhirResponse('Bundle', 'A searchset Bundle of Patients'),
            400: fhirOutcomeResponse,
            404: fhirOutcomeResponse,
          },
        },
      },
      async (request, reply) => {
        const { viewer, audit: auditActor } = callerOf(request);
        const { name, identifier, birthdate, _count, _cursor } = request.query;
        const value = identifier?.includes('|') ? identifier.split('|')[1] : identifier;
        if (identifier?.includes('|') && identifier.split('|')[0] !== PRISON_NUMBER_SYSTEM) {
          return reply
            .type(FHIR_JSON)
            .send({ resourceType: 'Bundle', type: 'searchset', total: 0, entry: [] });
        }
        if (!name && !value && !birthdate) {
          return reply
            .status(400)
            .type(FHIR_JSON)
            .send(operationOutcome('invalid', 'Give name, identifier or birthdate.'));
        }
        const page = await registry.searchPersons(viewer, {
          q: name,
          limit: _count,
          cursor: _cursor,
          birthDate: birthdate,
          exactPrisonNumber: value,
        });
        // One event per Patient returned, so each person's subject-access report shows the search.
        await inTransaction(services.database.db, async (tx) => {
          for (const p of page.items) {
            await audit.record(tx, auditActor, {
              action: 'fhir.patient.search',
              dataClass: 'clinical',
              outcome: 'allowed',
              resourceType: 'Patient',
              resourceId: p.id,
              personId: p.id,
            });
          }
        });
        const base = `${request.protocol}://${request.host}/fhir/R4`;
        const params = Object.fromEntries(
          Object.entries(request.query)
            .filter(([key, v]) => v !== undefined && key !== '_cursor')
            .map(([key, v]) => [key, String(v)]),
        );
        const self = `${base}/Patient?${new URLSearchParams({ ...params, ...(_cursor ? { _cursor } : {}) }).toString()}`;
        const link = [{ relation: 'self', url: self }];
        if (page.nextCursor) {
          const next = new URLSearchParams({ ...params, _cursor: page.nextCursor });
          link.push({ relation: 'next', url: `${base}/Patient?${next.toString()}` });
        }
        return reply.type(FHIR_JSON).send({
          resourceType: 'Bundle',
          type: 'searchset',
          link,
          entry: page.items.map((p) => ({
            fullUrl: `${base}/Patient/${p.id}`,
            resource: toPatient(p),
            search: { mode: 'match' },
          })),
        });
      },
    );
  };
}
