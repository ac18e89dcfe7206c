import {
  bbvCascadeSchema,
  bbvCounselSchema,
  bbvOfferSchema,
  bbvOutcomeSchema,
  bbvPersonSchema,
  bbvResultSchema,
  bbvTestOrderSchema,
  bbvTreatmentSchema,
  languages,
} from '@custodia/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendExport } from '../../platform/export/attachment.ts';
import { fileResponse } from '../../platform/http/responses.ts';
import { idParams, routeConfig as route } from '../../platform/http/routes.ts';
import type { Services } from '../../services.ts';
import { callerOf } from '../identity/index.ts';
import { cascadeCsv, cascadePdf } from './bbv-export.ts';

const cascadeQuery = z.object({
  institutionId: z.string().min(1).max(64).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});

const ok = { 200: z.object({ id: z.string() }) };

/**
 * The blood-borne infections API (issue 16 item 4; BBV-1, BBV-3; ADR 0048). Offers and orders need
 * `programmes.record`; results, episodes and treatment are restricted clinical data, read and changed
 * by the treating team only (checked by the service).
 */
export function bbvRoutes(services: Services): FastifyPluginAsyncZod {
  const bbv = services.programmesBbv;
  const tags = ['programmes'];
  return async (app) => {
    app.get(
      '/api/v1/persons/:id/bbv',
      {
        config: route('programmes.read'),
        schema: {
          tags,
          summary:
            'BBV-1: a person’s HIV, hepatitis and syphilis offers, tests and episodes (results: treating team only)',
          params: idParams,
          response: { 200: bbvPersonSchema },
        },
      },
      async (request) => bbv.person(callerOf(request), request.params.id),
    );

    app.post(
      '/api/v1/persons/:id/bbv-offers',
      {
        config: route('programmes.record'),
        schema: {
          tags,
          summary:
            'BBV-1: a test offer accepted (pre-test counselling, tests ordered) or refused (re-offer set)',
          params: idParams,
          body: bbvOfferSchema,
          response: {
            201: z.object({ id: z.string(), testIds: z.array(z.string()), reofferId: z.string().nullable() }),
          },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await bbv.recordOffer(callerOf(request), request.params.id, request.body)),
    );

    app.post(
      '/api/v1/persons/:id/bbv-tests',
      {
        config: route('programmes.record'),
        schema: {
          tags,
          summary: 'A follow-up test ordered (HCV RNA, viral load, CD4, AST, ALT, platelets, elastography)',
          params: idParams,
          body: bbvTestOrderSchema,
          response: { 201: z.object({ id: z.string() }) },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await bbv.orderTest(callerOf(request), request.params.id, request.body)),
    );

    app.post(
      '/api/v1/bbv-tests/:id/result',
      {
        config: route('programmes.record'),
        schema: {
          tags,
          summary: 'A test’s result, once, dated on or after its sample; a positive one opens the episode',
          params: idParams,
          body: bbvResultSchema,
          response: { 200: z.object({ id: z.string(), episodeId: z.string().nullable() }) },
        },
      },
      async (request) => bbv.resultTest(callerOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/v1/bbv-tests/:id/counselling',
      {
        config: route('programmes.record'),
        schema: {
          tags,
          summary: 'BBV-1: post-test counselling recorded',
          params: idParams,
          body: bbvCounselSchema,
          response: ok,
        },
      },
      async (request) => bbv.counsel(callerOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/v1/bbv-tests/:id/review',
      {
        config: route('programmes.record'),
        schema: { tags, summary: 'A result reviewed by the treating team', params: idParams, response: ok },
      },
      async (request) => bbv.reviewTest(callerOf(request), request.params.id),
    );

    app.post(
      '/api/v1/bbv-episodes/:id/treatment',
      {
        config: route('programmes.register'),
        schema: {
          tags,
          summary: 'ART or a DAA course prescribed through medication (supervised doses)',
          params: idParams,
          body: bbvTreatmentSchema,
          response: { 200: z.object({ id: z.string(), prescriptionIds: z.array(z.string()) }) },
        },
      },
      async (request) => bbv.startTreatment(callerOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/v1/bbv-episodes/:id/outcome',
      {
        config: route('programmes.register'),
        schema: {
          tags,
          summary: 'BBV-3: the episode’s one outcome; hepatitis C "cured" needs SVR12',
          params: idParams,
          body: bbvOutcomeSchema,
          response: ok,
        },
      },
      async (request) => bbv.recordOutcome(callerOf(request), request.params.id, request.body),
    );

    app.get(
      '/api/v1/bbv/cascade',
      {
        config: route('programmes.report.read'),
        schema: {
          tags,
          summary: 'The HIV and hepatitis C cascades of a period (DAT-6 suppression outside health care)',
          querystring: cascadeQuery,
          response: { 200: bbvCascadeSchema },
        },
      },
      async (request) => bbv.cascade(callerOf(request), request.query, services.config.smallCellThreshold),
    );

    app.get(
      '/api/v1/bbv/cascade/export',
      {
        config: route('programmes.report.read'),
        schema: {
          tags,
          summary:
            'The HIV and hepatitis C cascades as CSV or PDF, in the language asked for, its suppression stated',
          querystring: cascadeQuery.extend({
            format: z.enum(['csv', 'pdf']),
            language: z.enum(languages).optional(),
          }),
          response: { 200: fileResponse(['text/csv', 'application/pdf'], 'The cascades as CSV or PDF') },
        },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        const report = await bbv.cascade(caller, request.query, services.config.smallCellThreshold);
        const language = request.query.language ?? caller.user.language;
        if (request.query.format === 'csv') return sendExport(reply, cascadeCsv(report, language));
        const institution = request.query.institutionId
          ? ((await services.registry.listInstitutions()).find((i) => i.id === request.query.institutionId)
              ?.name[language] ?? null)
          : null;
        return sendExport(
          reply,
          await cascadePdf(report, language, {
            institution,
            generatedBy: caller.user.displayName,
            timeZone: services.config.timeZone,
            at: services.clock.now(),
          }),
        );
      },
    );
  };
}
