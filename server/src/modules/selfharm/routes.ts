import {
  actionDoneSchema,
  addDays,
  assessmentBodySchema,
  badNewsSchema,
  checkSchema,
  concernSchema,
  incidentSchema,
  languages,
  personPlansSchema,
  planClinicalSchema,
  planReviewSchema,
  planSchema,
  postClosureReviewSchema,
  postIncidentReviewSchema,
  promptListSchema,
  selfharmCreatedSchema,
  selfharmReportQuerySchema,
  selfharmReportSchema,
  selfharmVersionSchema,
  wallTimeToInstant,
  wardListSchema,
} from '@custodia/domain';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { badRequest, tooMany, unavailable } from '../../platform/errors.ts';
import { sendExport } from '../../platform/export/attachment.ts';
import { idempotencyHeaders } from '../../platform/http/idempotency.ts';
import { createBoardStreams } from '../../platform/http/live.ts';
import { fileResponse } from '../../platform/http/responses.ts';
import { idParams, routeConfig as route } from '../../platform/http/routes.ts';
import type { Services } from '../../services.ts';
import { callerOf } from '../identity/index.ts';
import { reportCsv, reportPdf } from './report.ts';

/** The self-harm API (SSH-1, MHS-3, MHS-4, MHS-8): every route with its permission and answer schema. */
export function selfharmRoutes(services: Services): FastifyPluginAsyncZod {
  const { selfharm } = services;
  const tags = ['selfharm'];
  const created = { 201: selfharmCreatedSchema };
  const institutionQuery = z.object({ institutionId: z.string().min(1).max(64) });

  /** The report's period: whole days in the institution's zone, `to` included. */
  async function reportFor(request: FastifyRequest, query: z.infer<typeof selfharmReportQuerySchema>) {
    const caller = callerOf(request);
    if (query.to < query.from)
      throw badRequest('selfharm_period_reversed', 'The period ends before it starts.');
    const institution = (await services.registry.listInstitutions()).find(
      (i) => i.id === query.institutionId,
    );
    const timeZone = institution?.timeZone ?? services.config.timeZone;
    const start = wallTimeToInstant(`${query.from}T00:00:00`, timeZone) ?? `${query.from}T00:00:00.000Z`;
    const end =
      wallTimeToInstant(`${addDays(query.to, 1)}T00:00:00`, timeZone) ?? `${query.to}T00:00:00.000Z`;
    // DAT-6: suppressed outside the health service (a reader without the clinical part).
    const report = await selfharm.report(
      caller,
      query.institutionId,
      start,
      end,
      caller.has('selfharm.clinical.read'),
      services.config.smallCellThreshold,
    );
    return { report: { ...report, from: query.from, to: query.to }, caller, institution, timeZone };
  }

  return async (app) => {
    const streams = createBoardStreams(services.selfharmLive, {
      board: (institutionId) => selfharm.liveWard(institutionId),
      activeSessions: (ids) => services.identity.activeSessionIds(ids),
      limits: services.config.liveStreams,
    });
    const refuseStream = (sessionId: string) => {
      const refusal = streams.refusal(sessionId);
      if (refusal === 'per_session')
        throw tooMany('too_many_streams', 'Too many live lists are open in this session: close one.');
      if (refusal === 'per_server')
        throw unavailable('too_many_streams', 'This server has as many live lists open as it serves.');
    };
    app.addHook('preClose', async () => {
      streams.close();
      await services.selfharmLive.close();
    });

    app.post(
      '/api/v1/persons/:id/selfharm-concerns',
      {
        config: route('selfharm.concern.raise'),
        schema: {
          tags,
          summary:
            'SSH-1: raise a self-harm or suicide concern (any staff): what was seen or heard, the immediate action',
          params: idParams,
          body: concernSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await selfharm.raiseConcern(callerOf(request), request.params.id, request.body)),
    );

    app.post(
      '/api/v1/persons/:id/selfharm-bad-news',
      {
        config: route('selfharm.concern.raise'),
        schema: {
          tags,
          summary:
            'MHS-4: bad news the person received (coded: a death in the family, a refused appeal…); prompts a re-screening within 24 h',
          params: idParams,
          body: badNewsSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await selfharm.recordBadNews(callerOf(request), request.params.id, request.body)),
    );

    app.get(
      '/api/v1/persons/:id/selfharm-plans',
      {
        config: route('selfharm.plan.read'),
        schema: {
          tags,
          summary: 'A person’s care plans, newest first',
          params: idParams,
          response: { 200: personPlansSchema },
        },
      },
      async (request) => selfharm.ofPerson(callerOf(request), request.params.id),
    );

    app.get(
      '/api/v1/selfharm/ward',
      {
        config: route('selfharm.plan.read'),
        schema: {
          tags,
          summary:
            'SSH-1, MHS-3: the ward check list: open plans with their schedule, shared triggers and check status',
          querystring: institutionQuery,
          response: { 200: wardListSchema },
        },
      },
      async (request) => selfharm.wardList(callerOf(request), request.query.institutionId),
    );

    app.get(
      '/api/v1/selfharm/ward/stream',
      {
        config: route('selfharm.plan.read'),
        schema: {
          tags,
          summary:
            'The ward check list as Server-Sent Events: a `board` event now and after every change (across replicas on PostgreSQL)',
          querystring: institutionQuery,
          response: {
            200: fileResponse(['text/event-stream'], 'Server-Sent Events: `board` events carrying the list'),
          },
        },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        const { sessionId } = caller.user;
        const institutionId = request.query.institutionId;
        refuseStream(sessionId);
        // Audited once, when the stream opens.
        const first = await selfharm.wardList(caller, institutionId);
        refuseStream(sessionId);
        reply.hijack();
        const out = reply.raw;
        out.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        const remove = streams.add(
          { sessionId, institutionId, write: (chunk) => out.write(chunk), end: () => out.end() },
          first,
        );
        const ping = setInterval(() => out.write(': ping\n\n'), 25_000);
        out.on('close', () => {
          clearInterval(ping);
          remove();
        });
      },
    );

    app.get(
      '/api/v1/selfharm/plans/:id',
      {
        config: route('selfharm.plan.read'),
        schema: {
          tags,
          summary:
            'A care plan as every reader sees it: the concern, the schedule, the checks (no level, no diagnosis)',
          params: idParams,
          response: { 200: planSchema },
        },
      },
      async (request) => selfharm.plan(callerOf(request), request.params.id),
    );

    app.get(
      '/api/v1/selfharm/plans/:id/clinical',
      {
        config: route('selfharm.clinical.read'),
        schema: {
          tags,
          summary:
            'The clinical part of a care plan: risk level, assessment, diagnosis, reviews, incidents (health roles)',
          params: idParams,
          response: { 200: planClinicalSchema },
        },
      },
      async (request) => selfharm.clinical(callerOf(request), request.params.id),
    );

    app.post(
      '/api/v1/selfharm/plans/:id/assessment',
      {
        config: route('selfharm.assess'),
        schema: {
          tags,
          summary: 'SSH-1: the assessment interview (within 24 h)',
          params: idParams,
          body: assessmentBodySchema,
          response: { 200: selfharmVersionSchema },
        },
      },
      async (request) => selfharm.recordAssessment(callerOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/v1/selfharm/plans/:id/reviews',
      {
        config: route('selfharm.assess'),
        schema: {
          tags,
          summary:
            'SSH-1, MHS-3: a multidisciplinary review: level, observation, care map, next review — or closure (only by a review)',
          params: idParams,
          body: planReviewSchema,
          response: { 201: selfharmVersionSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await selfharm.recordReview(callerOf(request), request.params.id, request.body)),
    );

    app.post(
      '/api/v1/selfharm/plans/:id/checks',
      {
        config: route('selfharm.check.record'),
        schema: {
          tags,
          summary: 'SSH-1, MHS-3: a check (time, what was seen, a conversation); idempotent by key',
          params: idParams,
          headers: idempotencyHeaders,
          body: checkSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await selfharm.recordCheck(
              callerOf(request),
              request.params.id,
              request.body,
              request.headers['idempotency-key'],
            ),
          ),
    );

    app.post(
      '/api/v1/selfharm/plans/:id/actions/done',
      {
        config: route('selfharm.assess'),
        schema: {
          tags,
          summary: 'A care-map action done (by its position in the care map)',
          params: idParams,
          body: actionDoneSchema,
          response: { 200: selfharmVersionSchema },
        },
      },
      async (request) => selfharm.actionDone(callerOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/v1/selfharm/plans/:id/incidents',
      {
        config: route('selfharm.incident.record'),
        schema: {
          tags,
          summary: 'MHS-8: serious self-harm or an attempted suicide; opens a post-incident review',
          params: idParams,
          body: incidentSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await selfharm.recordIncident(callerOf(request), request.params.id, request.body)),
    );

    app.post(
      '/api/v1/selfharm/incidents/:id/review',
      {
        config: route('selfharm.assess'),
        schema: {
          tags,
          summary: 'MHS-8: the post-incident review; its recommendations become care-map actions',
          params: idParams,
          body: postIncidentReviewSchema,
          response: { 200: selfharmVersionSchema },
        },
      },
      async (request) =>
        selfharm.recordPostIncidentReview(callerOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/v1/selfharm/plans/:id/post-closure-review',
      {
        config: route('selfharm.assess'),
        schema: {
          tags,
          summary: 'SSH-1: the post-closure review (due 7 days after closure); `reopen` opens a new plan',
          params: idParams,
          body: postClosureReviewSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await selfharm.recordPostClosureReview(callerOf(request), request.params.id, request.body)),
    );

    app.get(
      '/api/v1/selfharm/prompts',
      {
        config: route('selfharm.assess'),
        schema: {
          tags,
          summary:
            'MHS-4: re-screening prompts at high-risk moments (admission, transfer in, court, segregation, bad news, before release)',
          querystring: institutionQuery,
          response: { 200: promptListSchema },
        },
      },
      async (request) => selfharm.prompts(callerOf(request), request.query.institutionId),
    );

    app.post(
      '/api/v1/selfharm/prompts/:id/done',
      {
        config: route('selfharm.assess'),
        schema: { tags, summary: 'MHS-4: a re-screening done', params: idParams, response: created },
      },
      async (request, reply) =>
        reply.status(201).send(await selfharm.promptDone(callerOf(request), request.params.id)),
    );

    app.get(
      '/api/v1/selfharm/report',
      {
        config: route('selfharm.report.read'),
        schema: {
          tags,
          summary:
            'Open care plans and missed checks per wing for a period (DAT-6 outside the health service)',
          querystring: selfharmReportQuerySchema,
          response: { 200: selfharmReportSchema },
        },
      },
      async (request) => (await reportFor(request, request.query)).report,
    );

    app.get(
      '/api/v1/selfharm/report/export',
      {
        config: route('selfharm.report.read'),
        schema: {
          tags,
          summary: 'The report as CSV or PDF, in words, its suppression stated (DAT-6)',
          querystring: selfharmReportQuerySchema.extend({
            format: z.enum(['csv', 'pdf']),
            language: z.enum(languages).optional(),
          }),
          response: { 200: fileResponse(['text/csv', 'application/pdf'], 'The report as CSV or PDF') },
        },
      },
      async (request, reply) => {
        const { report, caller, institution, timeZone } = await reportFor(request, request.query);
        const language = request.query.language ?? caller.user.language;
        if (request.query.format === 'csv') return sendExport(reply, reportCsv(report, language));
        return sendExport(
          reply,
          await reportPdf(report, language, {
            institutionName: institution?.name[language] ?? '',
            period: `${report.from} – ${report.to}`,
            generatedAt: services.clock.now().toISOString(),
            generatedBy: caller.user.displayName,
            timeZone,
          }),
        );
      },
    );
  };
}
