import {
  courseCreateSchema,
  courseListSchema,
  courseViewSchema,
  enrolSchema,
  instrumentAddSchema,
  instrumentDefinitionSchema,
  instrumentListSchema,
  languages,
  mentalHealthReportSchema,
  mhAssessmentSchema,
  mhCreatedSchema,
  monthSchema,
  referralCreateSchema,
  referralListSchema,
  referralViewSchema,
  responseCreatedSchema,
  responseCreateSchema,
  scoreSeriesSchema,
  screeningAcceptSchema,
  sessionRecordSchema,
  transferListSchema,
  transferUpdateSchema,
} from '@custodia/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendExport } from '../../platform/export/attachment.ts';
import { idempotencyHeaders } from '../../platform/http/idempotency.ts';
import { fileResponse } from '../../platform/http/responses.ts';
import { idParams, routeConfig as route } from '../../platform/http/routes.ts';
import type { Services } from '../../services.ts';
import { callerOf } from '../identity/index.ts';
import { toQuestionnaire } from './fhir.ts';
import { reportExport } from './report-export.ts';

const id64 = z.string().min(1).max(64);
const paging = {
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(50).optional(),
};
const codeParams = z.object({ code: z.string().regex(/^[a-z0-9_]{2,40}$/) });

/**
 * The mental-health API (MHS-1, MHS-2, MHS-5, MHS-9, MHT-1…3; ADR 0043): every route with its
 * permission and answer schema. Any member of staff may raise a referral (answered with its id only);
 * everything else is health staff's, the assessment and session notes restricted; custodial roles
 * get 403 on every read, and the report reaches them only as suppressed counts (DAT-6).
 */
export function mentalhealthRoutes(services: Services): FastifyPluginAsyncZod {
  const { mentalhealth, registry } = services;
  const tags = ['mentalhealth'];
  const created = { 201: mhCreatedSchema };

  return async (app) => {
    app.post(
      '/api/v1/mentalhealth/referrals',
      {
        config: route('mentalhealth.referral.raise'),
        schema: {
          tags,
          summary: 'MHS-1: refer a person for a mental-health assessment (any staff; answers the id only)',
          headers: idempotencyHeaders,
          body: referralCreateSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await mentalhealth.referrals.raise(
              callerOf(request),
              request.body,
              request.headers['idempotency-key'],
            ),
          ),
    );

    app.get(
      '/api/v1/mentalhealth/referrals',
      {
        config: route('mentalhealth.read'),
        schema: {
          tags,
          summary: 'MHS-1: the referral inbox (waiting by due time, screening tasks first; or all)',
          querystring: z.object({
            institutionId: id64.optional(),
            personId: id64.optional(),
            state: z.enum(['waiting', 'all']).default('waiting'),
            ...paging,
          }),
          response: { 200: referralListSchema },
        },
      },
      async (request) => mentalhealth.referrals.list(callerOf(request), request.query),
    );

    app.post(
      '/api/v1/mentalhealth/screening-tasks/:id/accept',
      {
        config: route('mentalhealth.read'),
        schema: {
          tags,
          summary: 'ADM-9, MHS-1: take the screening’s referral task into the inbox with its urgency',
          params: idParams,
          body: screeningAcceptSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await mentalhealth.referrals.acceptScreeningTask(
              callerOf(request),
              request.params.id,
              request.body,
            ),
          ),
    );

    app.get(
      '/api/v1/mentalhealth/referrals/:id',
      {
        config: route('mentalhealth.read'),
        schema: {
          tags,
          summary: 'MHS-1: a referral; its assessment for restricted readers only (audited)',
          params: idParams,
          response: { 200: referralViewSchema },
        },
      },
      async (request) => mentalhealth.referrals.get(callerOf(request), request.params.id),
    );

    app.post(
      '/api/v1/mentalhealth/referrals/:id/assessment',
      {
        config: route('mentalhealth.assess'),
        schema: {
          tags,
          summary: 'MHS-1, MHS-5: the assessment and its outcome (no action, care plan, transfer request)',
          params: idParams,
          headers: idempotencyHeaders,
          body: mhAssessmentSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await mentalhealth.referrals.assess(
              callerOf(request),
              request.params.id,
              request.body,
              request.headers['idempotency-key'],
            ),
          ),
    );

    app.get(
      '/api/v1/mentalhealth/transfers',
      {
        config: route('mentalhealth.read'),
        schema: {
          tags,
          summary: 'MHS-5: transfers to a psychiatric facility, waiting longest first',
          querystring: z.object({
            institutionId: id64.optional(),
            state: z.enum(['waiting', 'all']).default('waiting'),
          }),
          response: { 200: transferListSchema },
        },
      },
      async (request) => mentalhealth.referrals.transfers(callerOf(request), request.query),
    );

    app.post(
      '/api/v1/mentalhealth/transfers/:id',
      {
        config: route('mentalhealth.assess'),
        schema: {
          tags,
          summary: 'MHS-5: the transfer done or cancelled',
          params: idParams,
          body: transferUpdateSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await mentalhealth.referrals.updateTransfer(callerOf(request), request.params.id, request.body),
          ),
    );

    app.get(
      '/api/v1/mentalhealth/instruments',
      {
        config: route('mentalhealth.read'),
        schema: {
          tags,
          summary: 'MHT-1: the instrument registry with licences',
          response: { 200: instrumentListSchema },
        },
      },
      async () => mentalhealth.instruments.list(),
    );

    app.get(
      '/api/v1/mentalhealth/instruments/:code',
      {
        config: route('mentalhealth.read'),
        schema: {
          tags,
          summary: 'MHT-1: an instrument’s definition, its wording unchanged',
          params: codeParams,
          response: { 200: instrumentDefinitionSchema },
        },
      },
      async (request) => mentalhealth.instruments.get(request.params.code),
    );

    app.get(
      '/api/v1/mentalhealth/instruments/:code/questionnaire',
      {
        config: route('mentalhealth.read'),
        schema: {
          tags,
          summary: 'MHT-1: the instrument as a FHIR R4 Questionnaire',
          params: codeParams,
          querystring: z.object({ language: z.enum(languages).default('en') }),
          response: { 200: z.record(z.string(), z.unknown()) },
        },
      },
      async (request, reply) =>
        reply
          .type('application/fhir+json; charset=utf-8')
          .send(
            toQuestionnaire(await mentalhealth.instruments.get(request.params.code), request.query.language),
          ),
    );

    app.post(
      '/api/v1/mentalhealth/instruments',
      {
        config: route('mentalhealth.instrument.manage'),
        schema: {
          tags,
          summary: 'MHT-1: add a licensed instrument to the registry (no code needed)',
          body: instrumentAddSchema,
          response: created,
        },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        return reply
          .status(201)
          .send(await mentalhealth.instruments.add(caller.audit, caller.userId, request.body));
      },
    );

    app.post(
      '/api/v1/persons/:id/mentalhealth/responses',
      {
        config: route('mentalhealth.instrument.record'),
        schema: {
          tags,
          summary: 'MHT-1, MHT-2: answers to an instrument, scored; item 9 of the PHQ-9 opens a referral',
          params: idParams,
          headers: idempotencyHeaders,
          body: responseCreateSchema,
          response: { 201: responseCreatedSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await mentalhealth.instruments.record(
              callerOf(request),
              request.params.id,
              request.body,
              request.headers['idempotency-key'],
            ),
          ),
    );

    app.get(
      '/api/v1/persons/:id/mentalhealth/scores',
      {
        config: route('mentalhealth.read'),
        schema: {
          tags,
          summary: 'MHT-1: a person’s instrument scores over time',
          params: idParams,
          response: { 200: scoreSeriesSchema },
        },
      },
      async (request) => mentalhealth.instruments.series(callerOf(request), request.params.id),
    );

    app.get(
      '/api/v1/mentalhealth/courses',
      {
        config: route('mentalhealth.read'),
        schema: {
          tags,
          summary: 'MHS-2: therapy groups and individual courses',
          querystring: z.object({ institutionId: id64.optional(), ...paging }),
          response: { 200: courseListSchema },
        },
      },
      async (request) => mentalhealth.therapies.list(callerOf(request), request.query),
    );

    app.post(
      '/api/v1/mentalhealth/courses',
      {
        config: route('mentalhealth.therapy.manage'),
        schema: {
          tags,
          summary: 'MHS-2: a new group or individual course',
          body: courseCreateSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply.status(201).send(await mentalhealth.therapies.create(callerOf(request), request.body)),
    );

    app.get(
      '/api/v1/mentalhealth/courses/:id',
      {
        config: route('mentalhealth.read'),
        schema: {
          tags,
          summary: 'MHS-2: a course with its enrolment list and session registers (notes restricted)',
          params: idParams,
          response: { 200: courseViewSchema },
        },
      },
      async (request) => mentalhealth.therapies.get(callerOf(request), request.params.id),
    );

    app.post(
      '/api/v1/mentalhealth/courses/:id/enrolments',
      {
        config: route('mentalhealth.therapy.manage'),
        schema: {
          tags,
          summary: 'MHS-2, MHS-9: enrol a person with a goal',
          params: idParams,
          body: enrolSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await mentalhealth.therapies.enrol(callerOf(request), request.params.id, request.body)),
    );

    app.post(
      '/api/v1/mentalhealth/courses/:id/sessions',
      {
        config: route('mentalhealth.therapy.manage'),
        schema: {
          tags,
          summary: 'MHS-2, MHT-3: a session’s register with coded attendance',
          params: idParams,
          headers: idempotencyHeaders,
          body: sessionRecordSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await mentalhealth.therapies.recordSession(
              callerOf(request),
              request.params.id,
              request.body,
              request.headers['idempotency-key'],
            ),
          ),
    );

    // The institution left out: the whole country (national readers; issue 17, Performance).
    const reportQuery = z.object({ institutionId: id64.optional(), month: monthSchema });
    app.get(
      '/api/v1/mentalhealth/report',
      {
        config: route('mentalhealth.report.read'),
        schema: {
          tags,
          summary:
            'MHS-1, MHS-2, MHT-3: the month’s report of an institution, or of the country without one (national readers; DAT-6 suppression outside health care)',
          querystring: reportQuery,
          response: { 200: mentalHealthReportSchema },
        },
      },
      async (request) =>
        mentalhealth.reports.month(
          callerOf(request),
          request.query.institutionId ?? null,
          request.query.month,
        ),
    );

    app.get(
      '/api/v1/mentalhealth/report/export',
      {
        config: route('mentalhealth.report.read'),
        schema: {
          tags,
          summary: 'The month’s report as CSV or PDF, in words (DAT-6 suppression stated)',
          querystring: reportQuery.extend({
            format: z.enum(['csv', 'pdf']),
            language: z.enum(languages).optional(),
          }),
          response: { 200: fileResponse(['text/csv', 'application/pdf'], 'The report as CSV or PDF') },
        },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        const language = request.query.language ?? caller.user.language;
        const report = await mentalhealth.reports.month(
          caller,
          request.query.institutionId ?? null,
          request.query.month,
        );
        const institution = (await registry.listInstitutions()).find(
          (i) => i.id === request.query.institutionId,
        );
        return sendExport(
          reply,
          await reportExport(report, request.query.format, language, {
            institution: institution?.name[language] ?? '',
            timeZone: institution?.timeZone ?? services.config.timeZone,
            generatedAt: services.clock.now().toISOString(),
            generatedBy: caller.user.displayName,
          }),
        );
      },
    );
  };
}
