import {
  boxRequestSchema,
  complaintActionBodySchema,
  complaintListSchema,
  complaintRegisterSchema,
  complaintSchema,
  examinationViewSchema,
  healthRequestListSchema,
  healthRequestSchema,
  kioskRequestSchema,
  languages,
  monthSchema,
  requestCreatedSchema,
  requestsRegisterSchema,
  triageBodySchema,
} from '@custodia/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendExport } from '../../platform/export/attachment.ts';
import { idempotencyHeaders } from '../../platform/http/idempotency.ts';
import { fileResponse } from '../../platform/http/responses.ts';
import { idParams, routeConfig as route } from '../../platform/http/routes.ts';
import type { Services } from '../../services.ts';
import { callerOf } from '../identity/index.ts';
import { registerExport } from './register-export.ts';

const id64 = z.string().min(1).max(64);
const paging = {
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(50).optional(),
};

/**
 * The requests API (MED-5, RES-7, INJ-4; ADR 0038): every route with its permission and answer
 * schema. Health requests are read by health staff only; a complaint's route is open to those who
 * read complaints, the service then keeps the confidential ones to their addressee's handling role.
 */
export function requestsRoutes(services: Services): FastifyPluginAsyncZod {
  const { requests } = services;
  const tags = ['requests'];
  const created = { 201: requestCreatedSchema };

  return async (app) => {
    app.post(
      '/api/v1/persons/:id/health-requests',
      {
        config: route('requests.health.enter'),
        schema: {
          tags,
          summary:
            'MED-5: a paper request from the sealed box, entered by health staff (INJ-4: an allegation escalated)',
          params: idParams,
          headers: idempotencyHeaders,
          body: boxRequestSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await requests.health.enterFromBox(
              callerOf(request),
              request.params.id,
              request.body,
              request.headers['idempotency-key'],
            ),
          ),
    );

    app.post(
      '/api/v1/persons/:id/kiosk-requests',
      {
        config: route('requests.kiosk.submit'),
        schema: {
          tags,
          summary:
            'MED-5: a request the person typed on the kiosk; write-only (answers its id, never its content)',
          params: idParams,
          headers: idempotencyHeaders,
          body: kioskRequestSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await requests.health.submitFromKiosk(
              callerOf(request),
              request.params.id,
              request.body,
              request.headers['idempotency-key'],
            ),
          ),
    );

    app.get(
      '/api/v1/health-requests',
      {
        config: route('requests.health.read'),
        schema: {
          tags,
          summary: 'MED-5: requests to health care, waiting by deadline or all newest first (health staff)',
          querystring: z.object({
            institutionId: id64.optional(),
            personId: id64.optional(),
            state: z.enum(['waiting', 'all']).default('waiting'),
            ...paging,
          }),
          response: { 200: healthRequestListSchema },
        },
      },
      async (request) => requests.health.list(callerOf(request), request.query),
    );

    app.get(
      '/api/v1/health-requests/:id',
      {
        config: route('requests.health.read'),
        schema: {
          tags,
          summary: 'MED-5: a request with its content and triage (health staff; audited)',
          params: idParams,
          response: { 200: healthRequestSchema },
        },
      },
      async (request) => requests.health.get(callerOf(request), request.params.id),
    );

    app.post(
      '/api/v1/health-requests/:id/triage',
      {
        config: route('requests.health.triage'),
        schema: {
          tags,
          summary:
            'MED-5: the triage of a request, once (appointment, seen, advice, referred, no action with reason)',
          params: idParams,
          headers: idempotencyHeaders,
          body: triageBodySchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await requests.health.triage(
              callerOf(request),
              request.params.id,
              request.body,
              request.headers['idempotency-key'],
            ),
          ),
    );

    app.get(
      '/api/v1/allegation-examinations/:id',
      {
        config: route('requests.health.read'),
        schema: {
          tags,
          summary: 'INJ-4: the medical examination after an allegation (by complaint id), for health staff',
          params: idParams,
          response: { 200: examinationViewSchema },
        },
      },
      async (request) => requests.examination(callerOf(request), request.params.id),
    );

    app.post(
      '/api/v1/persons/:id/complaints',
      {
        config: route('requests.complaint.register'),
        schema: {
          tags,
          summary: 'RES-7: register a complaint with its deadline (INJ-4: an allegation escalated at once)',
          params: idParams,
          headers: idempotencyHeaders,
          body: complaintRegisterSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await requests.complaints.register(
              callerOf(request),
              request.params.id,
              request.body,
              request.headers['idempotency-key'],
            ),
          ),
    );

    app.get(
      '/api/v1/complaints',
      {
        config: route('requests.complaint.read'),
        schema: {
          tags,
          summary:
            'RES-7: the complaints the reader may read (confidential ones only to their handling role)',
          querystring: z.object({
            institutionId: id64.optional(),
            personId: id64.optional(),
            open: z
              .enum(['true', 'false'])
              .optional()
              .transform((v) => v === 'true'),
            ...paging,
          }),
          response: { 200: complaintListSchema },
        },
      },
      async (request) => requests.complaints.list(callerOf(request), request.query),
    );

    app.get(
      '/api/v1/complaints/:id',
      {
        config: route('requests.complaint.read'),
        schema: {
          tags,
          summary: 'RES-7: a complaint with its steps and dispatches (403 when confidential to another role)',
          params: idParams,
          response: { 200: complaintSchema },
        },
      },
      async (request) => requests.complaints.get(callerOf(request), request.params.id),
    );

    app.post(
      '/api/v1/complaints/:id/actions',
      {
        config: route('requests.complaint.read'),
        schema: {
          tags,
          summary:
            'RES-7: acknowledge, answer, forward or close, by the addressee’s handling role (INJ-4: an escalation is never withdrawn)',
          params: idParams,
          headers: idempotencyHeaders,
          body: complaintActionBodySchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await requests.complaints.act(
              callerOf(request),
              request.params.id,
              request.body,
              request.headers['idempotency-key'],
            ),
          ),
    );

    const registerQuery = z.object({ institutionId: id64, month: monthSchema });
    const registerFor = async (
      request: Parameters<typeof callerOf>[0],
      institutionId: string,
      month: string,
    ) => {
      const institution = (await services.registry.listInstitutions()).find((i) => i.id === institutionId);
      const timeZone = institution?.timeZone ?? services.config.timeZone;
      return {
        institution,
        timeZone,
        register: await requests.register(callerOf(request), institutionId, month, timeZone),
      };
    };

    app.get(
      '/api/v1/requests/register',
      {
        config: route('requests.register.read'),
        schema: {
          tags,
          summary:
            'MED-5, RES-7: the month’s register, counts only (DAT-6: small cells suppressed outside health care)',
          querystring: registerQuery,
          response: { 200: requestsRegisterSchema },
        },
      },
      async (request) =>
        (await registerFor(request, request.query.institutionId, request.query.month)).register,
    );

    app.get(
      '/api/v1/requests/register/export',
      {
        config: route('requests.register.read'),
        schema: {
          tags,
          summary: 'MED-5, RES-7: the month’s register as CSV or PDF, in words (DAT-6 suppression stated)',
          querystring: registerQuery.extend({
            format: z.enum(['csv', 'pdf']),
            language: z.enum(languages).optional(),
          }),
          response: { 200: fileResponse(['text/csv', 'application/pdf'], 'The register as CSV or PDF') },
        },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        const language = request.query.language ?? caller.user.language;
        const { institution, timeZone, register } = await registerFor(
          request,
          request.query.institutionId,
          request.query.month,
        );
        return sendExport(
          reply,
          await registerExport(register, request.query.format, language, {
            institution: institution?.name[language] ?? '',
            timeZone,
            generatedAt: services.clock.now().toISOString(),
            generatedBy: caller.user.displayName,
          }),
        );
      },
    );
  };
}
