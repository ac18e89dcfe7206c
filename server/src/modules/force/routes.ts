import {
  EXAMINATION_LIMIT_MINUTES,
  forceAccountSchema,
  forceAmendmentSchema,
  forceCreatedSchema,
  forceExaminationSchema,
  forceExaminationsSchema,
  forceIncidentListSchema,
  forceIncidentSchema,
  forceRegisterSchema,
  forceReportSchema,
  forceReviewSchema,
  languages,
  suppressRegister,
} from '@custodia/domain';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendExport } from '../../platform/export/attachment.ts';
import { idempotencyHeaders } from '../../platform/http/idempotency.ts';
import { fileResponse } from '../../platform/http/responses.ts';
import { idParams, routeConfig as route } from '../../platform/http/routes.ts';
import type { Services } from '../../services.ts';
import { callerOf } from '../identity/index.ts';
import { forceRegisterCsv, forceRegisterPdf } from './register-export.ts';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** The use-of-force API (INJ-7, RST-11): every route with its permission and answer schema. */
export function forceRoutes(services: Services): FastifyPluginAsyncZod {
  const { force } = services;
  const tags = ['force'];
  const created = { 201: forceCreatedSchema };
  const key = (request: FastifyRequest) => request.headers['idempotency-key'] as string | undefined;

  /**
   * DAT-6 (ADR 0016): outside the health service (no clinical reader) counts from 1 to 4 and those
   * they could be worked out from are left out, and the register says so.
   */
  async function registerFor(request: FastifyRequest, institutionId: string, m: string) {
    const caller = callerOf(request);
    const register = await force.register(caller, institutionId, m);
    const base = {
      institutionId,
      month: m,
      examinationLimitMinutes: EXAMINATION_LIMIT_MINUTES,
    };
    if (caller.has('clinical.record.read'))
      return { register, shown: { ...base, ...register, suppression: null } };
    return {
      register,
      shown: { ...base, ...register, ...suppressRegister(register, services.config.smallCellThreshold) },
    };
  }

  return async (app) => {
    app.post(
      '/api/v1/force/incidents',
      {
        config: route('force.report.file'),
        schema: {
          tags,
          summary: 'INJ-7: report a use of force with one’s own account; examinations fall due (RST-11)',
          headers: idempotencyHeaders,
          body: forceReportSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply.status(201).send(await force.report(callerOf(request), request.body, key(request))),
    );

    app.get(
      '/api/v1/force/incidents',
      {
        config: route('force.read'),
        schema: {
          tags,
          summary: 'Uses of force of an institution or a person, newest first (paged)',
          querystring: z.object({
            institutionId: z.string().min(1).max(64).optional(),
            personId: z.string().min(1).max(64).optional(),
            cursor: z.string().max(200).optional(),
            limit: z.coerce.number().int().min(1).max(100).optional(),
          }),
          response: { 200: forceIncidentListSchema },
        },
      },
      async (request) => force.list(callerOf(request), request.query),
    );

    app.get(
      '/api/v1/force/incidents/:id',
      {
        config: route('force.read'),
        schema: {
          tags,
          summary: 'A use of force: accounts, reviews, each examination as due or done (no clinical content)',
          params: idParams,
          response: { 200: forceIncidentSchema },
        },
      },
      async (request) => force.incident(callerOf(request), request.params.id),
    );

    app.post(
      '/api/v1/force/incidents/:id/accounts',
      {
        config: route('force.report.file'),
        schema: {
          tags,
          summary: 'INJ-7: another member of staff involved gives their own account',
          params: idParams,
          headers: idempotencyHeaders,
          body: forceAccountSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await force.addAccount(callerOf(request), request.params.id, request.body, key(request))),
    );

    app.post(
      '/api/v1/force/incidents/:id/amendments',
      {
        config: route('force.report.file'),
        schema: {
          tags,
          summary: 'X-2: a correction of one’s own account (the account stays, marked amended)',
          params: idParams,
          headers: idempotencyHeaders,
          body: forceAmendmentSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await force.amendAccount(callerOf(request), request.params.id, request.body, key(request))),
    );

    app.post(
      '/api/v1/force/incidents/:id/reviews',
      {
        config: route('force.review'),
        schema: {
          tags,
          summary: 'INJ-7: the governor acknowledges or decides (justified, not justified, referred)',
          params: idParams,
          headers: idempotencyHeaders,
          body: forceReviewSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await force.review(callerOf(request), request.params.id, request.body, key(request))),
    );

    app.get(
      '/api/v1/force/incidents/:id/examinations',
      {
        config: route('force.examination.read'),
        schema: {
          tags,
          summary: 'RST-11: the examinations with their clinical content (health-care roles; MED-1)',
          params: idParams,
          response: { 200: forceExaminationsSchema },
        },
      },
      async (request) => force.examinations(callerOf(request), request.params.id),
    );

    app.post(
      '/api/v1/force/incidents/:id/examinations',
      {
        config: route('force.examination.record'),
        schema: {
          tags,
          summary: 'RST-11, MED-4: examined with no injuries found, or refused by the person',
          params: idParams,
          headers: idempotencyHeaders,
          body: forceExaminationSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await force.recordExamination(callerOf(request), request.params.id, request.body, key(request)),
          ),
    );

    app.get(
      '/api/v1/force/register',
      {
        config: route('force.register.read'),
        schema: {
          tags,
          summary: 'INJ-7, RST-11: the monthly register per unit and institution (counts; DAT-6 suppression)',
          querystring: z.object({ institutionId: z.string().min(1).max(64), month }),
          response: { 200: forceRegisterSchema },
        },
      },
      async (request) => (await registerFor(request, request.query.institutionId, request.query.month)).shown,
    );

    app.get(
      '/api/v1/force/register/export',
      {
        config: route('force.register.read'),
        schema: {
          tags,
          summary:
            'INJ-7, RST-11: the monthly register as CSV or PDF, in words, its suppression stated (DAT-6)',
          querystring: z.object({
            institutionId: z.string().min(1).max(64),
            month,
            format: z.enum(['csv', 'pdf']).default('csv'),
            language: z.enum(languages).optional(),
          }),
          response: { 200: fileResponse(['text/csv', 'application/pdf'], 'The register as CSV or PDF') },
        },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        const { institutionId, format } = request.query;
        const language = request.query.language ?? caller.user.language;
        const { register, shown } = await registerFor(request, institutionId, request.query.month);
        if (format === 'csv')
          return sendExport(reply, forceRegisterCsv(shown, request.query.month, language));
        return sendExport(
          reply,
          await forceRegisterPdf(shown, request.query.month, language, {
            institution: register.institutionName[language],
            timeZone: register.timeZone,
            generatedAt: services.clock.now().toISOString(),
            generatedBy: caller.user.displayName,
          }),
        );
      },
    );
  };
}
