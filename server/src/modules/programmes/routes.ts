import {
  cohortReportSchema,
  contactInvestigationQuerySchema,
  contactInvestigationSchema,
  contactScreenSchema,
  episodeOpenSchema,
  excludeSchema,
  isolationEndSchema,
  isolationReviewSchema,
  languages,
  outcomeSchema,
  personProgrammesSchema,
  programmeCreatedSchema,
  quarterSchema,
  regimensSchema,
  regimenTemplateSchema,
  registrationSchema,
  staffCoverageQuerySchema,
  staffCoverageSchema,
  staffScreenSchema,
  taskPageSchema,
  tbRegisterPageSchema,
  tbScreenSchema,
  testOrderSchema,
  testResultSchema,
  treatmentStartSchema,
} from '@custodia/domain';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendExport } from '../../platform/export/attachment.ts';
import { fileResponse } from '../../platform/http/responses.ts';
import { idParams, routeConfig as route } from '../../platform/http/routes.ts';
import type { Services } from '../../services.ts';
import { callerOf } from '../identity/index.ts';
import { reportCsv, reportPdf } from './report-export.ts';

const institutionQuery = z.object({ institutionId: z.string().min(1).max(64) });
const version = z.object({ version: z.number().int().min(1).optional() });
const reportQuery = z.object({
  institutionId: z.string().min(1).max(64).optional(),
  quarter: quarterSchema.optional(),
});

/** The programmes API (issue 16; TB-1 … TB-5, ADM-6, PHC-7 … PHC-9): every route with its permission. */
export function programmesRoutes(services: Services): FastifyPluginAsyncZod {
  const { programmes } = services;
  const tags = ['programmes'];
  const created = { 201: programmeCreatedSchema };

  async function report(request: FastifyRequest, query: z.infer<typeof reportQuery>) {
    const caller = callerOf(request);
    return {
      caller,
      report: await programmes.cohortReport(caller, query, services.config.smallCellThreshold),
    };
  }

  return async (app) => {
    app.get(
      '/api/v1/persons/:id/programmes',
      {
        config: route('programmes.read'),
        schema: {
          tags,
          summary: 'A person’s programme episodes (TB), tests, monitoring, adherence and screenings',
          params: idParams,
          response: { 200: personProgrammesSchema },
        },
      },
      async (request) => programmes.person(callerOf(request), request.params.id),
    );

    app.post(
      '/api/v1/persons/:id/tb-screens',
      {
        config: route('programmes.record'),
        schema: {
          tags,
          summary:
            'ADM-6, PHC-9: a TB screening; a positive one opens a presumptive episode and the airborne-isolation alert',
          params: idParams,
          body: tbScreenSchema,
          response: { 201: z.object({ id: z.string(), episodeId: z.string().nullable() }) },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await programmes.recordScreen(callerOf(request), request.params.id, request.body)),
    );

    app.post(
      '/api/v1/persons/:id/programme-episodes',
      {
        config: route('programmes.record'),
        schema: {
          tags,
          summary:
            'Opens a programme episode (a presumptive case); a second open episode of the programme is refused',
          params: idParams,
          body: episodeOpenSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply.code(201).send(await programmes.open(callerOf(request), request.params.id, request.body)),
    );

    app.post(
      '/api/v1/programme-episodes/:id/tests',
      {
        config: route('programmes.record'),
        schema: {
          tags,
          summary: 'Orders a test (smear, Xpert MTB/RIF, culture, DST, X-ray)',
          params: idParams,
          body: testOrderSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply.code(201).send(await programmes.orderTest(callerOf(request), request.params.id, request.body)),
    );

    app.post(
      '/api/v1/programme-tests/:id/result',
      {
        config: route('programmes.record'),
        schema: {
          tags,
          summary: 'A test’s result, once; dated on or after its sample',
          params: idParams,
          body: testResultSchema,
          response: { 200: programmeCreatedSchema },
        },
      },
      async (request) => programmes.resultTest(callerOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/v1/programme-tests/:id/review',
      {
        config: route('programmes.record'),
        schema: {
          tags,
          summary: 'A resulted test marked reviewed',
          params: idParams,
          response: { 200: programmeCreatedSchema },
        },
      },
      async (request) => programmes.reviewTest(callerOf(request), request.params.id),
    );

    app.post(
      '/api/v1/programme-episodes/:id/registration',
      {
        config: route('programmes.register'),
        schema: {
          tags,
          summary:
            'TB-1: registration with the WHO codes; the register number is assigned; a pulmonary case opens its contact investigation (TB-5)',
          params: idParams,
          body: registrationSchema.extend(version.shape),
          response: {
            200: z.object({
              id: z.string(),
              registerNumber: z.string(),
              contactInvestigationId: z.string().nullable(),
            }),
          },
        },
      },
      async (request) => {
        const { version: v, ...input } = request.body;
        return programmes.register(callerOf(request), request.params.id, input, v);
      },
    );

    app.post(
      '/api/v1/programme-episodes/:id/treatment',
      {
        config: route('programmes.register'),
        schema: {
          tags,
          summary:
            'The regimen from a template, prescribed through medication as supervised-only doses (PHC-7)',
          params: idParams,
          body: treatmentStartSchema,
          response: { 200: z.object({ id: z.string(), prescriptionIds: z.array(z.string()) }) },
        },
      },
      async (request) => programmes.startTreatment(callerOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/v1/programme-episodes/:id/outcome',
      {
        config: route('programmes.register'),
        schema: {
          tags,
          summary:
            'PHC-8, TB-2: the one final outcome, WHO definitions checked; a failure opens a new episode',
          params: idParams,
          body: outcomeSchema.extend(version.shape),
          response: { 200: z.object({ id: z.string(), nextEpisodeId: z.string().nullable() }) },
        },
      },
      async (request) => {
        const { version: v, ...input } = request.body;
        return programmes.recordOutcome(callerOf(request), request.params.id, input, v);
      },
    );

    app.post(
      '/api/v1/programme-episodes/:id/exclusion',
      {
        config: route('programmes.register'),
        schema: {
          tags,
          summary: 'A presumptive episode closed: TB excluded',
          params: idParams,
          body: excludeSchema,
          response: { 200: programmeCreatedSchema },
        },
      },
      async (request) => programmes.exclude(callerOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/v1/programme-episodes/:id/isolation-end',
      {
        config: route('programmes.register'),
        schema: {
          tags,
          summary: 'PHC-6: the airborne isolation ended by a clinician, with a reason',
          params: idParams,
          body: isolationEndSchema,
          response: { 200: programmeCreatedSchema },
        },
      },
      async (request) => programmes.endIsolation(callerOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/v1/programme-episodes/:id/isolation-review',
      {
        config: route('programmes.register'),
        schema: {
          tags,
          summary:
            'PHC-6: a review of the airborne isolation order (the infectious period defined); the next review falls due 14 days later',
          params: idParams,
          body: isolationReviewSchema,
          response: { 200: programmeCreatedSchema },
        },
      },
      async (request) => programmes.reviewIsolation(callerOf(request), request.params.id, request.body),
    );

    app.get(
      '/api/v1/tb/register',
      {
        config: route('programmes.read'),
        schema: {
          tags,
          summary: 'The TB register of an institution, newest first (keyset paged)',
          querystring: institutionQuery.extend({
            status: z.enum(['presumptive', 'registered', 'on_treatment', 'closed']).optional(),
            cursor: z.string().max(500).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: { 200: tbRegisterPageSchema },
        },
      },
      async (request) => programmes.registerList(callerOf(request), request.query),
    );

    app.get(
      '/api/v1/tb/contact-investigations/:id',
      {
        config: route('programmes.read'),
        schema: {
          tags,
          summary: 'TB-5: a contact investigation from the placement history, its contacts paged',
          params: idParams,
          querystring: contactInvestigationQuerySchema,
          response: { 200: contactInvestigationSchema },
        },
      },
      async (request) => programmes.contactInvestigation(callerOf(request), request.params.id, request.query),
    );

    app.post(
      '/api/v1/tb/contacts/:id/screening',
      {
        config: route('programmes.record'),
        schema: {
          tags,
          summary: 'TB-5: a contact’s screening, closing its task',
          params: idParams,
          body: contactScreenSchema,
          response: { 200: programmeCreatedSchema },
        },
      },
      async (request) => programmes.screenContact(callerOf(request), request.params.id, request.body),
    );

    app.get(
      '/api/v1/tb/tasks',
      {
        config: route('programmes.read'),
        schema: {
          tags,
          summary: 'Open TB tasks of an institution: contacts to screen, outcomes to return (TB-4, TB-5)',
          querystring: institutionQuery.extend({
            kind: z.enum(['contact_screen', 'outcome_return', 'yearly_screen', 'release_screen']).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: { 200: taskPageSchema },
        },
      },
      async (request) => programmes.tasks(callerOf(request), request.query),
    );

    app.get(
      '/api/v1/tb/report',
      {
        config: route('programmes.report.read'),
        schema: {
          tags,
          summary:
            'TB-3: the quarterly case registration and outcome cohort, the yearly RR/MDR cohort, screening coverage (DAT-6 suppression outside health care)',
          querystring: reportQuery,
          response: { 200: cohortReportSchema },
        },
      },
      async (request) => (await report(request, request.query)).report,
    );

    app.get(
      '/api/v1/tb/staff-coverage',
      {
        config: route('programmes.staff_screen.manage'),
        schema: {
          tags,
          summary:
            'PHC-9: the yearly TB screening coverage of an institution’s staff, with who is due (occupational health: the health manager)',
          querystring: staffCoverageQuerySchema,
          response: { 200: staffCoverageSchema },
        },
      },
      async (request) => programmes.staffCoverage(callerOf(request), request.query.institutionId),
    );

    app.post(
      '/api/v1/tb/staff-screens',
      {
        config: route('programmes.staff_screen.manage'),
        schema: {
          tags,
          summary: 'PHC-9: a staff member’s yearly TB screening (day, method, result)',
          body: staffScreenSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply.code(201).send(await programmes.recordStaffScreen(callerOf(request), request.body)),
    );

    app.get(
      '/api/v1/tb/report/export',
      {
        config: route('programmes.report.read'),
        schema: {
          tags,
          summary: 'The quarterly TB report as CSV or PDF, in the language asked for, its suppression stated',
          querystring: reportQuery.extend({
            format: z.enum(['csv', 'pdf']),
            language: z.enum(languages).optional(),
          }),
          response: { 200: fileResponse(['text/csv', 'application/pdf'], 'The report as CSV or PDF') },
        },
      },
      async (request, reply) => {
        const { caller, report: r } = await report(request, request.query);
        const language = request.query.language ?? caller.user.language;
        if (request.query.format === 'csv') return sendExport(reply, reportCsv(r, language));
        const institution = request.query.institutionId
          ? ((await services.registry.listInstitutions()).find((i) => i.id === request.query.institutionId)
              ?.name[language] ?? null)
          : null;
        return sendExport(
          reply,
          await reportPdf(r, language, {
            institution,
            generatedBy: caller.user.displayName,
            timeZone: services.config.timeZone,
            at: services.clock.now(),
          }),
        );
      },
    );

    app.get(
      '/api/v1/tb/regimens',
      {
        config: route('programmes.read'),
        schema: { tags, summary: 'The regimen templates', response: { 200: regimensSchema } },
      },
      async () => ({ items: await programmes.regimens() }),
    );

    app.put(
      '/api/v1/tb/regimens/:code',
      {
        config: route('programmes.regimen.manage'),
        schema: {
          tags,
          summary: 'A regimen template added or changed',
          params: z.object({ code: z.string().min(1).max(40) }),
          body: regimenTemplateSchema.omit({ code: true }),
          response: { 200: programmeCreatedSchema },
        },
      },
      async (request) =>
        programmes.saveRegimen(callerOf(request), { ...request.body, code: request.params.code }),
    );
  };
}
