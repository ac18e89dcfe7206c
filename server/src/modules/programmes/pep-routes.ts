import {
  hepBCourseOpenSchema,
  hepBDoseSchema,
  languages,
  pepCloseSchema,
  pepExposureSchema,
  pepFollowUpResultSchema,
  pepReportSchema,
  pepStartSchema,
  personHepBSchema,
  personPepSchema,
  programmeCreatedSchema,
} from '@custodia/domain';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendExport } from '../../platform/export/attachment.ts';
import { fileResponse } from '../../platform/http/responses.ts';
import { idParams, routeConfig as route } from '../../platform/http/routes.ts';
import type { Services } from '../../services.ts';
import { callerOf } from '../identity/index.ts';
import { pepReportCsv, pepReportPdf } from './pep-report-export.ts';

const day = z.iso.date();
const reportQuery = z.object({
  institutionId: z.string().min(1).max(64).optional(),
  from: day.optional(),
  to: day.optional(),
});

/**
 * The post-exposure prophylaxis and hepatitis B vaccination API (BBV-2, PHC-11, DAT-6; ADR 0049):
 * clinical reads and writes behind the programme permissions (officers hold none), the report
 * behind `programmes.report.read`.
 */
export function pepRoutes(services: Services): FastifyPluginAsyncZod {
  const { programmes } = services;
  const tags = ['programmes'];
  const created = { 201: programmeCreatedSchema };

  async function report(request: FastifyRequest, query: z.infer<typeof reportQuery>) {
    const caller = callerOf(request);
    return { caller, report: await programmes.pepReport(caller, query, services.config.smallCellThreshold) };
  }

  return async (app) => {
    app.get(
      '/api/v1/persons/:id/pep',
      {
        config: route('programmes.read'),
        schema: {
          tags,
          summary: 'BBV-2: a person’s exposures, the PEP deadline, the course and the follow-up tests',
          params: idParams,
          response: { 200: personPepSchema },
        },
      },
      async (request) => programmes.personPep(callerOf(request), request.params.id),
    );

    app.post(
      '/api/v1/persons/:id/pep',
      {
        config: route('programmes.record'),
        schema: {
          tags,
          summary: 'BBV-2: an exposure report (time, type, source status); its follow-up tests fall due',
          params: idParams,
          body: pepExposureSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await programmes.reportExposure(callerOf(request), request.params.id, request.body)),
    );

    app.post(
      '/api/v1/pep/:id/start',
      {
        config: route('programmes.register'),
        schema: {
          tags,
          summary:
            'BBV-2: the first dose (≤ 72 h, later only with a reason) and the 28-day course prescribed through medication',
          params: idParams,
          body: pepStartSchema,
          response: { 200: z.object({ id: z.string(), prescriptionIds: z.array(z.string()) }) },
        },
      },
      async (request) => programmes.startPep(callerOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/v1/pep/:id/close',
      {
        config: route('programmes.register'),
        schema: {
          tags,
          summary: 'BBV-2: the case closed: course completed, declined, not indicated or stopped',
          params: idParams,
          body: pepCloseSchema,
          response: { 200: programmeCreatedSchema },
        },
      },
      async (request) => programmes.closePep(callerOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/v1/pep-followups/:id/result',
      {
        config: route('programmes.record'),
        schema: {
          tags,
          summary: 'BBV-2: a follow-up time point’s HIV, HBsAg and anti-HCV results, once',
          params: idParams,
          body: pepFollowUpResultSchema,
          response: { 200: programmeCreatedSchema },
        },
      },
      async (request) => programmes.recordFollowUp(callerOf(request), request.params.id, request.body),
    );

    app.get(
      '/api/v1/persons/:id/hepb-vaccination',
      {
        config: route('programmes.read'),
        schema: {
          tags,
          summary: 'PHC-11: a person’s hepatitis B vaccination courses, doses and the next dose due',
          params: idParams,
          response: { 200: personHepBSchema },
        },
      },
      async (request) => programmes.personHepB(callerOf(request), request.params.id),
    );

    app.post(
      '/api/v1/persons/:id/hepb-vaccination',
      {
        config: route('programmes.record'),
        schema: {
          tags,
          summary:
            'PHC-11: the vaccination offer to the non-immune, accepted (a course on a schedule) or declined',
          params: idParams,
          body: hepBCourseOpenSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await programmes.openHepBCourse(callerOf(request), request.params.id, request.body)),
    );

    app.post(
      '/api/v1/hepb-courses/:id/doses',
      {
        config: route('programmes.record'),
        schema: {
          tags,
          summary: 'PHC-11: a dose given (date, batch) or refused; never dated before the previous one',
          params: idParams,
          body: hepBDoseSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await programmes.recordHepBDose(callerOf(request), request.params.id, request.body)),
    );

    app.get(
      '/api/v1/pep/report',
      {
        config: route('programmes.report.read'),
        schema: {
          tags,
          summary:
            'BBV-2: PEP within 72 h per institution and period (DAT-6 suppression outside health care)',
          querystring: reportQuery,
          response: { 200: pepReportSchema },
        },
      },
      async (request) => (await report(request, request.query)).report,
    );

    app.get(
      '/api/v1/pep/report/export',
      {
        config: route('programmes.report.read'),
        schema: {
          tags,
          summary: 'PEP within 72 h as CSV or PDF, in the language asked for, its suppression stated',
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
        if (request.query.format === 'csv') return sendExport(reply, pepReportCsv(r, language));
        const institution = request.query.institutionId
          ? ((await services.registry.listInstitutions()).find((i) => i.id === request.query.institutionId)
              ?.name[language] ?? null)
          : null;
        return sendExport(
          reply,
          await pepReportPdf(r, language, {
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
