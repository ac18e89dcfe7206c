import {
  cellChangedSchema,
  cellInputSchema,
  cellLightingInputSchema,
  cellUpdateSchema,
  institutionInputSchema,
  institutionUpdateSchema,
  structureChangedSchema,
  structureCreatedSchema,
  unitInputSchema,
  unitUpdateSchema,
} from '@custodia/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams, routeConfig as route } from '../../platform/http/routes.ts';
import type { Services } from '../../services.ts';
import { callerOf } from '../identity/index.ts';
import { createStructureService } from './structure.ts';

/**
 * Creating and editing institutions, units and cells (issue 4; ADR 0009). Every route needs
 * `registry.institution.manage`; the service then checks the institution is in the user's scope.
 */
export function structureRoutes(services: Services): FastifyPluginAsyncZod {
  const structure = createStructureService(services.database.db, services.clock, services.audit);
  const tags = ['registry'];
  const permission = 'registry.institution.manage';

  return async (app) => {
    app.post(
      '/api/v1/institutions',
      {
        config: route(permission),
        schema: {
          tags,
          summary: 'Add an institution (system administrator or national scope; ADR 0009)',
          body: institutionInputSchema,
          response: { 201: structureCreatedSchema },
        },
      },
      async (request, reply) => {
        const { audit, user } = callerOf(request);
        return reply.status(201).send(await structure.createInstitution(audit, user, request.body));
      },
    );

    app.patch(
      '/api/v1/institutions/:id',
      {
        config: route(permission),
        schema: {
          tags,
          summary:
            'Edit an institution (optimistic concurrency by version; capacity below the population is flagged, RES-8)',
          params: idParams,
          body: institutionUpdateSchema,
          response: { 200: structureChangedSchema },
        },
      },
      async (request) => {
        const { audit, user } = callerOf(request);
        return structure.updateInstitution(audit, user, request.params.id, request.body);
      },
    );

    app.post(
      '/api/v1/institutions/:id/units',
      {
        config: route(permission),
        schema: {
          tags,
          summary: 'Add a unit to an institution',
          params: idParams,
          body: unitInputSchema,
          response: { 201: structureCreatedSchema },
        },
      },
      async (request, reply) => {
        const { audit, user } = callerOf(request);
        return reply
          .status(201)
          .send(await structure.createUnit(audit, user, request.params.id, request.body));
      },
    );

    app.patch(
      '/api/v1/units/:id',
      {
        config: route(permission),
        schema: {
          tags,
          summary: 'Edit a unit (optimistic concurrency by version)',
          params: idParams,
          body: unitUpdateSchema,
          response: { 200: structureCreatedSchema },
        },
      },
      async (request) => {
        const { audit, user } = callerOf(request);
        return structure.updateUnit(audit, user, request.params.id, request.body);
      },
    );

    app.post(
      '/api/v1/units/:id/cells',
      {
        config: route(permission),
        schema: {
          tags,
          summary: 'Add a cell or room to a unit (answers its RES-8 living-space flags)',
          params: idParams,
          body: cellInputSchema,
          response: { 201: cellChangedSchema },
        },
      },
      async (request, reply) => {
        const { audit, user } = callerOf(request);
        return reply
          .status(201)
          .send(await structure.createCell(audit, user, request.params.id, request.body));
      },
    );

    app.patch(
      '/api/v1/cells/:id',
      {
        config: route(permission),
        schema: {
          tags,
          summary:
            'Edit a cell (optimistic concurrency by version; a capacity below its occupants is saved and flagged, RES-8)',
          params: idParams,
          body: cellUpdateSchema,
          response: { 200: cellChangedSchema },
        },
      },
      async (request) => {
        const { audit, user } = callerOf(request);
        return structure.updateCell(audit, user, request.params.id, request.body);
      },
    );

    app.put(
      '/api/v1/cells/:id/lighting',
      {
        config: route(permission),
        schema: {
          tags,
          summary:
            'SEG-12: record a cell’s lighting from a date, with the reason (a dark or constantly lit cell cannot be allocated)',
          params: idParams,
          body: cellLightingInputSchema,
          response: { 200: structureCreatedSchema },
        },
      },
      async (request) => {
        const { audit, user } = callerOf(request);
        return structure.setCellLighting(audit, user, request.params.id, request.body);
      },
    );
  };
}
