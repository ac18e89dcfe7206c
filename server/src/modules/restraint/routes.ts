import {
  boardSchema,
  episodeSchema,
  episodeStartedSchema,
  eventRecordedSchema,
  languages,
  monthlyReportSchema,
  type Permission,
  pageQuerySchema,
  personEpisodesSchema,
  policiesSchema,
  policyCreatedSchema,
  registerPageSchema,
  restraintAddTypesSchema,
  restraintApprovalSchema,
  restraintComplaintSchema,
  restraintCorrectionSchema,
  restraintDebriefSchema,
  restraintEndSchema,
  restraintEscalationSchema,
  restraintEventPermission,
  restraintHandoverSchema,
  restraintMedicalExaminationSchema,
  restraintObservationSchema,
  restraintPolicyInputSchema,
  restraintReviewSchema,
  restraintStartSchema,
  restraintSupervisionLapseSchema,
  restraintTrainingSchema,
  suppressMonthlyReport,
  trainingRecordedSchema,
} from '@custodia/domain';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tooMany, unavailable } from '../../platform/errors.ts';
import { sendExport } from '../../platform/export/attachment.ts';
import { idempotencyHeaders } from '../../platform/http/idempotency.ts';
import { createBoardStreams } from '../../platform/http/live.ts';
import { fileResponse } from '../../platform/http/responses.ts';
import { idParams, routeConfig as route } from '../../platform/http/routes.ts';
import { compiledResponse } from '../../platform/http/serializer.ts';
import type { Services } from '../../services.ts';
import { callerOf } from '../identity/index.ts';
import { dayStartIn, restraintRegisterExport } from './register-export.ts';
import { monthlyReportCsv, monthlyReportPdf } from './report-export.ts';
import type { EventKind } from './service.ts';

const period = z.object({
  institutionId: z.string().min(1).max(64),
  from: z.iso.date(),
  to: z.iso.date(),
});

/** Event routes: the path, the permission and the body of each kind of event. */
const eventRoutes: {
  path: string;
  kind: EventKind;
  permission: Permission;
  body: z.ZodType;
  summary: string;
}[] = [
  {
    path: 'types',
    kind: 'types_added',
    permission: restraintEventPermission.types_added,
    body: restraintAddTypesSchema,
    summary: 'RST-1: another type added to the open episode, with the reason for the combination',
  },
  {
    path: 'approval',
    kind: 'approval',
    permission: restraintEventPermission.approval,
    body: restraintApprovalSchema,
    summary: 'RST-2: a doctor approves an emergency start',
  },
  {
    path: 'examinations',
    kind: 'examination',
    permission: restraintEventPermission.examination,
    body: restraintReviewSchema,
    summary: 'RST-2: the doctor’s examination',
  },
  {
    path: 'reviews',
    kind: 'review',
    permission: restraintEventPermission.review,
    body: restraintReviewSchema,
    summary: 'RST-7: a doctor’s review (hourly)',
  },
  {
    path: 'second-doctor',
    kind: 'second_doctor',
    permission: restraintEventPermission.second_doctor,
    body: restraintReviewSchema,
    summary: 'RST-7: a second doctor’s review (4 h or repeated use)',
  },
  {
    path: 'observations',
    kind: 'observation',
    permission: restraintEventPermission.observation,
    body: restraintObservationSchema,
    summary: 'RST-6: a structured observation note',
  },
  {
    path: 'handovers',
    kind: 'handover',
    permission: restraintEventPermission.handover,
    body: restraintHandoverSchema,
    summary: 'RST-4/5: supervision handed over to a named staff member',
  },
  {
    path: 'supervision-lapses',
    kind: 'supervision_lapse',
    permission: restraintEventPermission.supervision_lapse,
    body: restraintSupervisionLapseSchema,
    summary: 'RST-4/5: a lapse of supervision (a breach)',
  },
  {
    path: 'escalations',
    kind: 'escalation',
    permission: restraintEventPermission.escalation,
    body: restraintEscalationSchema,
    summary: 'RST-7: escalation to the head of health care and the ministry (24 h)',
  },
  {
    path: 'end',
    kind: 'end',
    permission: restraintEventPermission.end,
    body: restraintEndSchema,
    summary: 'RST-9: the end, why, and injuries; opens the examination after (RST-11)',
  },
  {
    path: 'person-debrief',
    kind: 'debrief_person',
    permission: restraintEventPermission.debrief_person,
    body: restraintDebriefSchema.omit({ with: true }),
    summary: 'RST-9: the debrief with the person',
  },
  {
    path: 'staff-debrief',
    kind: 'debrief_staff',
    permission: restraintEventPermission.debrief_staff,
    body: restraintDebriefSchema.omit({ with: true }),
    summary: 'RST-9: the staff debrief',
  },
  {
    path: 'medical-examinations',
    kind: 'medical_examination',
    permission: restraintEventPermission.medical_examination,
    body: restraintMedicalExaminationSchema,
    summary: 'RST-11: the medical examination after the measure; clears its countdown and the task',
  },
  {
    path: 'corrections',
    kind: 'correction',
    permission: restraintEventPermission.correction,
    body: restraintCorrectionSchema.extend({ at: z.iso.datetime({ offset: false }) }),
    summary: 'X-2: a correction pointing at an earlier event, with its reason',
  },
  {
    path: 'complaints',
    kind: 'complaint',
    permission: restraintEventPermission.complaint,
    body: restraintComplaintSchema,
    summary: 'RST-14: the person’s complaint about the episode',
  },
];

/**
 * Issue 14 item 7: the language of an export's words (az, en, ru); left out, the account's language —
 * the one the user chose, which the web app sends as it is shown.
 */
const exportLanguage = z.enum(languages).optional();

export function restraintRoutes(services: Services): FastifyPluginAsyncZod {
  const { restraint } = services;
  const tags = ['restraint'];

  /**
   * RST-15, DAT-6: the monthly report; outside the health service (no clinical reader) counts from
   * 1 to 4 and those they could be worked out from are left out, and the report says so.
   */
  async function monthlyReportFor(request: FastifyRequest, institutionId: string, month: string) {
    const caller = callerOf(request);
    const report = await restraint.monthlyReport(
      { institutionIds: caller.user.institutionIds, national: caller.user.national },
      institutionId,
      month,
    );
    if (caller.has('clinical.record.read')) return { ...report, suppression: null };
    return { ...report, ...suppressMonthlyReport(report, services.config.smallCellThreshold) };
  }

  return async (app) => {
    // Open board streams end with their session, are capped per session and per server, and end
    // when the server stops, so shutting down never waits on them.
    const boardStreams = createBoardStreams(services.restraintLive, {
      board: (institutionId) => restraint.liveBoard(institutionId),
      activeSessions: (ids) => services.identity.activeSessionIds(ids),
      limits: services.config.liveStreams,
    });
    const refuseStream = (sessionId: string) => {
      const refusal = boardStreams.refusal(sessionId);
      if (refusal === 'per_session')
        throw tooMany(
          'too_many_streams',
          `At most ${services.config.liveStreams.perSession} live boards are open per session: close one.`,
        );
      if (refusal === 'per_server')
        throw unavailable(
          'too_many_streams',
          'This server has as many live boards open as it serves; the board is read every 15 seconds instead.',
        );
    };
    app.addHook('preClose', async () => {
      boardStreams.close();
      await services.restraintLive.close();
    });

    app.post(
      '/api/v1/persons/:id/restraint-episodes',
      {
        config: route('restraint.episode.start'),
        schema: {
          tags,
          summary:
            'Start restraint or seclusion: a doctor’s order or an emergency start (RST-1 … RST-3, RST-13, RST-16)',
          params: idParams,
          body: restraintStartSchema,
          response: { 201: episodeStartedSchema },
        },
      },
      async (request, reply) => {
        const actor = callerOf(request);
        return reply.status(201).send(await restraint.start(actor, request.params.id, request.body));
      },
    );

    app.get(
      '/api/v1/persons/:id/restraint-episodes',
      {
        config: route('restraint.register.read'),
        schema: {
          tags,
          summary: 'A person’s episodes (also in the medical file), newest first',
          params: idParams,
          response: { 200: personEpisodesSchema },
        },
      },
      async (request) => ({
        items: await restraint.ofPerson(callerOf(request), request.params.id),
      }),
    );

    app.get(
      '/api/v1/restraint-episodes/:id',
      {
        config: route('restraint.board.read'),
        schema: {
          tags,
          summary: 'An episode with its events and countdowns',
          params: idParams,
          response: { 200: episodeSchema },
        },
      },
      async (request) => restraint.get(callerOf(request), request.params.id),
    );

    for (const r of eventRoutes) {
      app.post(
        `/api/v1/restraint-episodes/:id/${r.path}`,
        {
          config: route(r.permission),
          schema: {
            tags,
            summary: r.summary,
            params: idParams,
            headers: idempotencyHeaders,
            body: r.body,
            response: { 201: eventRecordedSchema },
          },
        },
        async (request, reply) => {
          const body = request.body as Record<string, unknown> & { at: string };
          const key = request.headers['idempotency-key'];
          const id = await restraint.record(callerOf(request), request.params.id, r.kind, body, key);
          return reply.status(201).send({ id });
        },
      );
    }

    app.get(
      '/api/v1/restraint/board',
      {
        config: route('restraint.board.read'),
        schema: {
          tags,
          summary: 'The ward board: open episodes with their countdowns',
          querystring: z.object({ institutionId: z.string().min(1).max(64) }),
          response: { 200: compiledResponse(boardSchema) },
        },
      },
      async (request) => restraint.viewBoard(callerOf(request), request.query.institutionId, 'page'),
    );

    app.get(
      '/api/v1/restraint/board/stream',
      {
        config: route('restraint.board.read'),
        schema: {
          tags,
          summary:
            'The ward board as Server-Sent Events: a `board` event now and after every change (across replicas on PostgreSQL)',
          querystring: z.object({ institutionId: z.string().min(1).max(64) }),
          response: {
            200: fileResponse(['text/event-stream'], 'Server-Sent Events: `board` events carrying the board'),
          },
        },
      },
      async (request, reply) => {
        const actor = callerOf(request);
        const { sessionId } = actor.user;
        const institutionId = request.query.institutionId;
        refuseStream(sessionId);
        // Audited once, when the stream opens; the updates it then carries are not new views.
        const first = await restraint.viewBoard(actor, institutionId, 'stream');
        // Again: another stream of the session may have opened while the board was read.
        refuseStream(sessionId);
        reply.hijack();
        const out = reply.raw;
        out.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        const remove = boardStreams.add(
          { sessionId, institutionId, write: (chunk) => out.write(chunk), end: () => out.end() },
          first,
        );
        const ping = setInterval(() => out.write(': ping\n\n'), 25_000);
        // Closed by the browser, or ended here (sign-out, expiry, the server stopping).
        out.on('close', () => {
          clearInterval(ping);
          remove();
        });
      },
    );

    app.get(
      '/api/v1/restraint/register',
      {
        config: route('restraint.register.read'),
        schema: {
          tags,
          summary: 'RST-10: the append-only register of an institution for a period (audited)',
          querystring: period.merge(pageQuerySchema),
          response: { 200: registerPageSchema },
        },
      },
      async (request) => {
        const { institutionId, from, to, limit, cursor } = request.query;
        // Issue 14: the period's days are the institution's, not UTC's.
        const zone =
          (await services.registry.listInstitutions()).find((i) => i.id === institutionId)?.timeZone ??
          services.config.timeZone;
        return restraint.register(callerOf(request), {
          institutionId,
          from: dayStartIn(from, zone),
          to: dayStartIn(to, zone),
          limit,
          ...(cursor ? { cursor } : {}),
        });
      },
    );

    app.get(
      '/api/v1/restraint/register/export',
      {
        config: route('restraint.register.read'),
        schema: {
          tags,
          summary:
            'RST-10: the register for a period as CSV or PDF (no clinical detail), in words, in the language asked for (the account’s by default)',
          querystring: period.extend({ format: z.enum(['csv', 'pdf']), language: exportLanguage }),
          response: { 200: fileResponse(['text/csv', 'application/pdf'], 'The register as CSV or PDF') },
        },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        const generated = { at: services.clock.now().toISOString(), by: caller.user.displayName };
        const language = request.query.language ?? caller.user.language;
        return sendExport(
          reply,
          await restraintRegisterExport(services, caller, { ...request.query, language }, generated),
        );
      },
    );

    app.get(
      '/api/v1/restraint/reports/monthly',
      {
        config: route('restraint.report.read'),
        schema: {
          tags,
          summary: 'RST-15: the monthly report per unit and institution (counts only)',
          querystring: z.object({
            institutionId: z.string().min(1).max(64),
            month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
          }),
          response: { 200: monthlyReportSchema },
        },
      },
      async (request) => monthlyReportFor(request, request.query.institutionId, request.query.month),
    );

    app.get(
      '/api/v1/restraint/reports/monthly/export',
      {
        config: route('restraint.report.read'),
        schema: {
          tags,
          summary:
            'RST-15: the monthly report as CSV or PDF, in words, in the language asked for, with its small-cell suppression stated (DAT-6)',
          querystring: z.object({
            institutionId: z.string().min(1).max(64),
            month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
            format: z.enum(['csv', 'pdf']).default('csv'),
            language: exportLanguage,
          }),
          response: {
            200: fileResponse(['text/csv', 'application/pdf'], 'The monthly report as CSV or PDF'),
          },
        },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        const { institutionId, month, format } = request.query;
        const language = request.query.language ?? caller.user.language;
        const report = await monthlyReportFor(request, institutionId, month);
        if (format === 'csv') return sendExport(reply, monthlyReportCsv(report, month, language));
        const institution = (await services.registry.listInstitutions()).find((i) => i.id === institutionId);
        return sendExport(
          reply,
          await monthlyReportPdf(report, month, language, {
            institution: institution?.name[language] ?? null,
            timeZone: institution?.timeZone ?? services.config.timeZone,
            generatedAt: services.clock.now().toISOString(),
            generatedBy: caller.user.displayName,
          }),
        );
      },
    );

    app.put(
      '/api/v1/staff/:id/restraint-training',
      {
        config: route('staff.training.record'),
        schema: {
          tags,
          summary: 'RST-8: a staff member’s restraint training valid until a date (null: none)',
          params: idParams,
          body: restraintTrainingSchema,
          response: { 200: trainingRecordedSchema },
        },
      },
      async (request) => {
        const actor = callerOf(request);
        // The system administrator and national roles keep records of every prison.
        const everywhere = actor.user.national || actor.user.roles.includes('system_admin');
        return restraint.recordTraining(
          { ...actor, viewer: { ...actor.viewer, national: everywhere } },
          request.params.id,
          request.body,
        );
      },
    );

    app.get(
      '/api/v1/restraint/policies',
      {
        config: route('restraint.register.read'),
        schema: {
          tags,
          summary: 'RST-14: the institution’s restraint policy, every version',
          querystring: z.object({ institutionId: z.string().min(1).max(64) }),
          response: { 200: policiesSchema },
        },
      },
      async (request) => {
        const { user } = callerOf(request);
        return {
          items: await restraint.policies(
            { institutionIds: user.institutionIds, national: user.national },
            request.query.institutionId,
          ),
        };
      },
    );

    app.post(
      '/api/v1/restraint/policies',
      {
        config: route('restraint.policy.manage'),
        schema: {
          tags,
          summary: 'RST-14: a new version of the institution’s restraint policy',
          body: restraintPolicyInputSchema,
          response: { 201: policyCreatedSchema },
        },
      },
      async (request, reply) => {
        const actor = callerOf(request);
        return reply
          .status(201)
          .send(await restraint.addPolicy(actor, request.body.institutionId, request.body.text));
      },
    );
  };
}
