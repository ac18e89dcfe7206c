import {
  addDays,
  dailyRecordSchema,
  directorDecisionSchema,
  healthVisitSchema,
  healthVisitsSchema,
  languages,
  managementVisitSchema,
  monthSchema,
  personPlacementsSchema,
  placementEndSchema,
  placementSchema,
  placementStartSchema,
  segregationCreatedSchema,
  segregationRegisterSchema,
  solitaryDaySchema,
  suppressRegisterSummary,
  wallTimeToInstant,
  wingListSchema,
} from '@custodia/domain';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { badRequest } from '../../platform/errors.ts';
import { sendExport } from '../../platform/export/attachment.ts';
import { idempotencyHeaders } from '../../platform/http/idempotency.ts';
import { fileResponse } from '../../platform/http/responses.ts';
import { idParams, routeConfig as route } from '../../platform/http/routes.ts';
import type { Services } from '../../services.ts';
import { callerOf } from '../identity/index.ts';
import { oversightExport } from './oversight-export.ts';
import { registerCsv, registerPdf } from './register-export.ts';

/** The segregation API (SEG-1 … SEG-11, MHS-7): every route with its permission and answer schema. */
export function segregationRoutes(services: Services): FastifyPluginAsyncZod {
  const { segregation } = services;
  const tags = ['segregation'];
  const created = { 201: segregationCreatedSchema };

  const registerQuery = z.object({
    institutionId: z.string().min(1).max(64),
    from: monthSchema,
    /** The last month of the period (the first when left out). */
    to: monthSchema.optional(),
  });

  /**
   * The register of an institution for whole months (issue 18 item 7; ADR 0039). DAT-6, ADR 0016:
   * outside the health service (no clinical reader) the summary's small counts, and those they
   * could be worked out from, are left out, and the answer says so.
   */
  async function registerFor(request: FastifyRequest, query: z.infer<typeof registerQuery>) {
    const caller = callerOf(request);
    const institution = (await services.registry.listInstitutions()).find(
      (i) => i.id === query.institutionId,
    );
    const timeZone = institution?.timeZone ?? services.config.timeZone;
    const register = await segregation.register(
      caller,
      query.institutionId,
      query.from,
      query.to ?? query.from,
      timeZone,
    );
    const released = caller.has('clinical.record.read')
      ? { summary: register.summary, suppression: null }
      : suppressRegisterSummary(register.summary, services.config.smallCellThreshold);
    return { register: { ...register, ...released }, institution, caller };
  }

  return async (app) => {
    app.get(
      '/api/v1/segregation/register',
      {
        config: route('segregation.export'),
        schema: {
          tags,
          summary:
            'The segregation register of an institution by month, with daily compliance (visits, outdoor time, contact, solitary days); small counts of the summary suppressed outside the health service (DAT-6)',
          querystring: registerQuery,
          response: { 200: segregationRegisterSchema },
        },
      },
      async (request) => (await registerFor(request, request.query)).register,
    );

    app.get(
      '/api/v1/segregation/register/export',
      {
        config: route('segregation.export'),
        schema: {
          tags,
          summary:
            'The segregation register as CSV or PDF, in words in the language asked for, its suppression stated (DAT-6); `part=summary` leaves out the named lines',
          querystring: registerQuery.extend({
            format: z.enum(['csv', 'pdf']),
            language: z.enum(languages).optional(),
            part: z.enum(['full', 'summary']).default('full'),
          }),
          response: { 200: fileResponse(['text/csv', 'application/pdf'], 'The register as CSV or PDF') },
        },
      },
      async (request, reply) => {
        const { register, institution, caller } = await registerFor(request, request.query);
        const language = request.query.language ?? caller.user.language;
        const withLines = request.query.part === 'full';
        if (request.query.format === 'csv')
          return sendExport(reply, registerCsv(register, language, withLines));
        return sendExport(
          reply,
          await registerPdf(register, language, withLines, {
            institutionName: institution?.name[language] ?? '',
            generatedAt: services.clock.now().toISOString(),
            generatedBy: caller.user.displayName,
          }),
        );
      },
    );

    app.get(
      '/api/v1/segregation/solitary-days',
      {
        config: route('segregation.read'),
        schema: {
          tags,
          summary:
            'SEG-1: who spent a day in solitary confinement by the minutes, in every institution the reader sees (the whole country for a national reader), from that day’s records',
          querystring: z.object({ day: z.iso.date() }),
          response: { 200: solitaryDaySchema },
        },
      },
      async (request) => {
        const caller = callerOf(request);
        return segregation.solitaryDays(caller.viewer, request.query.day, services.config.timeZone);
      },
    );

    app.get(
      '/api/v1/segregation/wing',
      {
        config: route('segregation.read'),
        schema: {
          tags,
          summary: 'The wing list: every separated person of an institution, with today’s minutes and flags',
          querystring: z.object({ institutionId: z.string().min(1).max(64) }),
          response: { 200: wingListSchema },
        },
      },
      async (request) => segregation.wingList(callerOf(request), request.query.institutionId),
    );

    app.get(
      '/api/v1/segregation/export',
      {
        config: route('segregation.export'),
        schema: {
          tags,
          summary:
            'SEG-13: the whole record of a period as CSV or PDF, for the NPM and the CPT (no clinical content)',
          querystring: z.object({
            institutionId: z.string().min(1).max(64),
            from: z.iso.date(),
            to: z.iso.date(),
            format: z.enum(['csv', 'pdf']),
          }),
          response: { 200: fileResponse(['text/csv', 'application/pdf'], 'The record as CSV or PDF') },
        },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        const { institutionId, from, to, format } = request.query;
        if (to < from) throw badRequest('period_reversed', 'The period ends before it starts.');
        const institution = (await services.registry.listInstitutions()).find((i) => i.id === institutionId);
        const timeZone = institution?.timeZone ?? services.config.timeZone;
        // The period's days in the institution's zone: from the start of `from` to the end of `to`.
        const start = wallTimeToInstant(`${from}T00:00:00`, timeZone) ?? `${from}T00:00:00.000Z`;
        const end = wallTimeToInstant(`${addDays(to, 1)}T00:00:00`, timeZone) ?? `${to}T00:00:00.000Z`;
        const placements = await segregation.oversightRecord(caller, institutionId, start, end);
        const file = await oversightExport(
          placements,
          { institutionName: institution?.name.en ?? '', from, to, format },
          { timeZone, generatedAt: services.clock.now().toISOString(), generatedBy: caller.user.displayName },
        );
        return sendExport(reply, file);
      },
    );

    app.post(
      '/api/v1/persons/:id/segregation-placements',
      {
        config: route('segregation.placement.decide'),
        schema: {
          tags,
          summary: 'Sign a placement (SEG-2 … SEG-4, SEG-6, MHS-7)',
          params: idParams,
          body: placementStartSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply.status(201).send(await segregation.start(callerOf(request), request.params.id, request.body)),
    );

    app.get(
      '/api/v1/persons/:id/segregation-placements',
      {
        config: route('segregation.read'),
        schema: {
          tags,
          summary: 'A person’s placements, newest first',
          params: idParams,
          response: { 200: personPlacementsSchema },
        },
      },
      async (request) => segregation.ofPerson(callerOf(request), request.params.id),
    );

    app.get(
      '/api/v1/segregation/placements/:id',
      {
        config: route('segregation.read'),
        schema: {
          tags,
          summary: 'A placement, its state and its timeline (health visits without their content)',
          params: idParams,
          response: { 200: placementSchema },
        },
      },
      async (request) => segregation.placement(callerOf(request), request.params.id),
    );

    app.get(
      '/api/v1/segregation/placements/:id/health-visits',
      {
        config: route('segregation.health_visit.read'),
        schema: {
          tags,
          summary: 'The health visits with their clinical content (health-care roles; MED-1)',
          params: idParams,
          response: { 200: healthVisitsSchema },
        },
      },
      async (request) => segregation.healthVisits(callerOf(request), request.params.id),
    );

    app.post(
      '/api/v1/segregation/placements/:id/days',
      {
        config: route('segregation.day.record'),
        schema: {
          tags,
          summary: 'A day’s minutes out of cell, outdoors and in meaningful contact (SEG-1, SEG-9, SEG-10)',
          params: idParams,
          headers: idempotencyHeaders,
          body: dailyRecordSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await segregation.recordDay(
              callerOf(request),
              request.params.id,
              request.body,
              request.headers['idempotency-key'],
            ),
          ),
    );

    app.post(
      '/api/v1/segregation/placements/:id/health-visits',
      {
        config: route('segregation.health_visit.record'),
        schema: {
          tags,
          summary: 'A clinician’s visit (SEG-5), an adverse effect recommending the end (SEG-7)',
          params: idParams,
          headers: idempotencyHeaders,
          body: healthVisitSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await segregation.recordHealthVisit(
              callerOf(request),
              request.params.id,
              request.body,
              request.headers['idempotency-key'],
            ),
          ),
    );

    app.post(
      '/api/v1/segregation/placements/:id/management-visits',
      {
        config: route('segregation.management_visit.record'),
        schema: {
          tags,
          summary: 'The daily management visit (SEG-8)',
          params: idParams,
          headers: idempotencyHeaders,
          body: managementVisitSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await segregation.recordManagementVisit(
              callerOf(request),
              request.params.id,
              request.body,
              request.headers['idempotency-key'],
            ),
          ),
    );

    app.post(
      '/api/v1/segregation/placements/:id/decisions',
      {
        config: route('segregation.decision.record'),
        schema: {
          tags,
          summary: 'The director’s decision on a recommendation to end (SEG-7) or a review (SEG-11)',
          params: idParams,
          body: directorDecisionSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply.status(201).send(await segregation.decide(callerOf(request), request.params.id, request.body)),
    );

    app.post(
      '/api/v1/segregation/placements/:id/end',
      {
        config: route('segregation.placement.decide'),
        schema: {
          tags,
          summary: 'End a placement, with its reason',
          params: idParams,
          body: placementEndSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply.status(201).send(await segregation.end(callerOf(request), request.params.id, request.body)),
    );
  };
}
