import {
  advanceInstructionSchema,
  deteriorationNoticeSchema,
  hungerBaselineSchema,
  hungerCapacitySchema,
  hungerCreatedSchema,
  hungerDayRecordSchema,
  hungerEndSchema,
  hungerEpisodeSchema,
  hungerInformationSchema,
  hungerInterventionSchema,
  hungerListSchema,
  hungerOpenSchema,
  hungerReconfirmationSchema,
  hungerReportSchema,
  independentRequestSchema,
  independentVisitSchema,
  languages,
  type Permission,
  pageQuerySchema,
  personHungerStrikesSchema,
  refeedingStepDoneSchema,
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
import { hungerReportExport } from './report.ts';

/** The hunger-strike API (HUN-1 … HUN-10): every route with its permission and answer schema. */
export function hungerRoutes(services: Services): FastifyPluginAsyncZod {
  const { hungerstrike } = services;
  const tags = ['hungerstrike'];
  const created = { 201: hungerCreatedSchema };
  const reportQuery = z.object({
    institutionId: z.string().min(1).max(64),
    from: z.iso.date(),
    to: z.iso.date(),
  });

  async function reportFor(request: FastifyRequest, query: z.infer<typeof reportQuery>) {
    if (query.to < query.from) throw badRequest('rule_refused', 'The period ends before it starts.');
    const caller = callerOf(request);
    const report = await hungerstrike.report(caller, query, services.config.smallCellThreshold);
    return { report, caller };
  }

  return async (app) => {
    /** One recording command on an episode: POST /api/v1/hunger-strikes/:id/<path>. */
    function command<B extends z.ZodType>(
      path: string,
      permission: Permission,
      summary: string,
      body: B,
      run: (request: FastifyRequest<{ Params: { id: string }; Body: z.infer<B> }>) => Promise<{ id: string }>,
    ) {
      app.post(
        `/api/v1/hunger-strikes/:id/${path}`,
        { config: route(permission), schema: { tags, summary, params: idParams, body, response: created } },
        async (request, reply) =>
          reply
            .status(201)
            .send(await run(request as FastifyRequest<{ Params: { id: string }; Body: z.infer<B> }>)),
      );
    }

    app.get(
      '/api/v1/hunger-strikes',
      {
        config: route('hungerstrike.read'),
        schema: {
          tags,
          summary: 'The hunger strikes of an institution, open (default) or ended, oldest first, paged',
          querystring: pageQuerySchema.extend({
            institutionId: z.string().min(1).max(64),
            state: z.enum(['open', 'ended']).default('open'),
          }),
          response: { 200: hungerListSchema },
        },
      },
      async (request) =>
        hungerstrike.list(callerOf(request), {
          institutionId: request.query.institutionId,
          open: request.query.state === 'open',
          limit: request.query.limit,
          cursor: request.query.cursor,
        }),
    );

    app.get(
      '/api/v1/hunger-strikes/report',
      {
        config: route('hungerstrike.report.read'),
        schema: {
          tags,
          summary:
            'Hunger strikes by duration for an institution and period; small counts suppressed for readers outside the health service (DAT-6)',
          querystring: reportQuery,
          response: { 200: hungerReportSchema },
        },
      },
      async (request) => (await reportFor(request, request.query)).report,
    );

    app.get(
      '/api/v1/hunger-strikes/report/export',
      {
        config: route('hungerstrike.report.read'),
        schema: {
          tags,
          summary: 'Hunger strikes by duration as CSV or PDF, in words, its suppression stated (DAT-6)',
          querystring: reportQuery.extend({
            format: z.enum(['csv', 'pdf']),
            language: z.enum(languages).optional(),
          }),
          response: { 200: fileResponse(['text/csv', 'application/pdf'], 'The report as CSV or PDF') },
        },
      },
      async (request, reply) => {
        const { report, caller } = await reportFor(request, request.query);
        const institution = (await services.registry.listInstitutions()).find(
          (i) => i.id === request.query.institutionId,
        );
        const language = request.query.language ?? caller.user.language;
        return sendExport(
          reply,
          await hungerReportExport(report, request.query.format, language, {
            institution: institution?.name[language] ?? '',
            timeZone: institution?.timeZone ?? services.config.timeZone,
            generatedAt: services.clock.now().toISOString(),
            generatedBy: caller.user.displayName,
          }),
        );
      },
    );

    app.get(
      '/api/v1/persons/:id/hunger-strikes',
      {
        config: route('hungerstrike.read'),
        schema: {
          tags,
          summary: 'A person’s hunger strikes, newest first',
          params: idParams,
          response: { 200: personHungerStrikesSchema },
        },
      },
      async (request) => hungerstrike.personEpisodes(callerOf(request), request.params.id),
    );

    app.post(
      '/api/v1/persons/:id/hunger-strikes',
      {
        config: route('hungerstrike.record'),
        schema: {
          tags,
          summary: 'Open a hunger strike: start, type, individual or collective, stated aim (HUN-1)',
          params: idParams,
          body: hungerOpenSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply.status(201).send(await hungerstrike.open(callerOf(request), request.params.id, request.body)),
    );

    app.get(
      '/api/v1/hunger-strikes/:id',
      {
        config: route('hungerstrike.read'),
        schema: {
          tags,
          summary: 'The hunger-strike record: assessments, daily sheet, instructions, notices, refeeding',
          params: idParams,
          response: { 200: hungerEpisodeSchema },
        },
      },
      async (request) => hungerstrike.episode(callerOf(request), request.params.id),
    );

    app.post(
      '/api/v1/hunger-strikes/:id/days',
      {
        config: route('hungerstrike.record'),
        schema: {
          tags,
          summary:
            'The day’s offer of assessment and, past 72 h or on fluid refusal, weight and vital signs, each done or refused (HUN-5)',
          params: idParams,
          headers: idempotencyHeaders,
          body: hungerDayRecordSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await hungerstrike.recordDay(
              callerOf(request),
              request.params.id,
              request.body,
              request.headers['idempotency-key'],
            ),
          ),
    );

    command(
      'capacity',
      'hungerstrike.assess',
      'The physician’s assessment of voluntariness and capacity; impaired capacity refers to mental-health care (HUN-1, HUN-2)',
      hungerCapacitySchema,
      (r) => hungerstrike.assessCapacity(callerOf(r), r.params.id, r.body),
    );
    command(
      'baseline',
      'hungerstrike.record',
      'The baseline history and examination with consent, or the refusal (HUN-3)',
      hungerBaselineSchema,
      (r) => hungerstrike.recordBaseline(callerOf(r), r.params.id, r.body),
    );
    command(
      'information',
      'hungerstrike.record',
      'Information given in plain language, understanding checked by teach-back (HUN-4)',
      hungerInformationSchema,
      (r) => hungerstrike.recordInformation(callerOf(r), r.params.id, r.body),
    );
    command(
      'advance-instructions',
      'hungerstrike.record',
      'Advance instructions with their witness, given voluntarily (HUN-6)',
      advanceInstructionSchema,
      (r) => hungerstrike.recordInstructions(callerOf(r), r.params.id, r.body),
    );
    command(
      'reconfirmations',
      'hungerstrike.record',
      'The weekly reconfirmation of the advance instructions (HUN-6)',
      hungerReconfirmationSchema,
      (r) => hungerstrike.reconfirmInstructions(callerOf(r), r.params.id, r.body),
    );
    command(
      'notices',
      'hungerstrike.assess',
      'A notice of marked deterioration to the competent authority, without clinical detail unless consented (HUN-9)',
      deteriorationNoticeSchema,
      (r) => hungerstrike.sendNotice(callerOf(r), r.params.id, r.body),
    );
    command(
      'independent-physician/requests',
      'hungerstrike.record',
      'The person asks for an independent physician (HUN-8)',
      independentRequestSchema,
      (r) => hungerstrike.requestIndependent(callerOf(r), r.params.id, r.body),
    );
    command(
      'independent-physician/visits',
      'hungerstrike.record',
      'The independent physician’s visit, closing the oldest open request (HUN-8)',
      independentVisitSchema,
      (r) => hungerstrike.recordIndependentVisit(callerOf(r), r.params.id, r.body),
    );
    command(
      'interventions',
      'hungerstrike.assess',
      'An intervention with consent. There is no force-feeding order type: any other kind is refused (HUN-7)',
      hungerInterventionSchema,
      (r) => hungerstrike.recordIntervention(callerOf(r), r.params.id, r.body),
    );
    command(
      'end',
      'hungerstrike.record',
      'The end of the strike; when the person stops, the refeeding-risk protocol opens (HUN-10)',
      hungerEndSchema,
      (r) => hungerstrike.end(callerOf(r), r.params.id, r.body),
    );

    app.post(
      '/api/v1/hunger-strikes/:id/refeeding-steps/:stepId/done',
      {
        config: route('hungerstrike.record'),
        schema: {
          tags,
          summary: 'A step of the refeeding protocol done; feeding only after thiamine (HUN-10)',
          params: z.object({ id: z.string().min(1).max(64), stepId: z.string().min(1).max(64) }),
          body: refeedingStepDoneSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await hungerstrike.completeStep(
              callerOf(request),
              request.params.id,
              request.params.stepId,
              request.body,
            ),
          ),
    );
  };
}
