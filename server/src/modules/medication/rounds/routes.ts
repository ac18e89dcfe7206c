import {
  doseRecordQuerySchema,
  doseRecordSchema,
  notBroughtInputSchema,
  notBroughtListSchema,
  notBroughtQuerySchema,
  notBroughtSchema,
  possessionCountInputSchema,
  possessionCountSchema,
  possessionSchema,
  roundReportExportQuerySchema,
  roundReportQuerySchema,
  roundReportSchema,
} from '@custodia/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendExport } from '../../../platform/export/attachment.ts';
import { fileResponse } from '../../../platform/http/responses.ts';
import { idParams, routeConfig as route } from '../../../platform/http/routes.ts';
import { callerOf } from '../../identity/index.ts';
import type { Possession } from './possession.ts';
import type { RoundExtras } from './service.ts';

const tags = ['medication'];

/**
 * ADR 0046: the officer's "not brought to the round (regime)" mark — the one medication route a
 * custodial officer may call (MED-3: it answers no drug); the round's marks and a dose's other record
 * for the nurse; the round reports (issue 15 item 8). Each declares its permission and data class.
 */
export function roundExtrasRoutes({
  rounds,
  possession,
}: {
  rounds: RoundExtras;
  possession: Possession;
}): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/v1/medication/attendance/not-brought',
      {
        config: route('medication.attendance.mark'),
        schema: {
          tags,
          summary: 'MDX-3: an officer marks a person not brought to a dose round for a regime reason',
          body: notBroughtInputSchema,
          response: { 201: notBroughtSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await rounds.markNotBrought(callerOf(request), request.body)),
    );

    app.get(
      '/api/v1/medication/round/not-brought',
      {
        config: route('medication.read'),
        schema: {
          tags,
          summary: 'The people an officer marked not brought to a round (regime), for the nurse',
          querystring: notBroughtQuerySchema,
          response: { 200: notBroughtListSchema },
        },
      },
      async (request) => ({ items: await rounds.notBroughtOn(callerOf(request), request.query) }),
    );

    app.get(
      '/api/v1/medication/prescriptions/:id/administrations/record',
      {
        config: route('medication.read'),
        schema: {
          tags,
          summary: 'The record of a due dose and who made it (a queued offline record that conflicts)',
          params: idParams,
          querystring: doseRecordQuerySchema,
          response: { 200: doseRecordSchema },
        },
      },
      async (request) => rounds.doseRecord(callerOf(request), request.params.id, request.query.dueAt),
    );

    app.get(
      '/api/v1/persons/:id/medication/possession',
      {
        config: route('medication.read'),
        schema: {
          tags,
          summary:
            "MDX-5: a person's in-possession supplies, what should be left now, and the counts at review",
          params: idParams,
          response: { 200: possessionSchema },
        },
      },
      async (request) => possession.possession(callerOf(request), request.params.id),
    );

    app.post(
      '/api/v1/medication/prescriptions/:id/possession-counts',
      {
        config: route('medication.administer'),
        schema: {
          tags,
          summary:
            'MDX-5: count an in-possession supply at review (expected against counted; a difference noted)',
          params: idParams,
          body: possessionCountInputSchema,
          response: { 201: possessionCountSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await possession.countPossession(callerOf(request), request.params.id, request.body)),
    );

    app.get(
      '/api/v1/medication/reports/rounds',
      {
        config: route('medication.regime_report.read'),
        schema: {
          tags,
          summary:
            'Doses due / given / not given by reason per unit and day, adherence, regime-caused missed doses (DAT-6)',
          querystring: roundReportQuerySchema,
          response: { 200: roundReportSchema },
        },
      },
      async (request) => rounds.roundReport(callerOf(request), request.query),
    );

    app.get(
      '/api/v1/medication/reports/rounds/export',
      {
        config: route('medication.regime_report.read'),
        schema: {
          tags,
          summary: 'The dose round report as CSV or PDF',
          querystring: roundReportExportQuerySchema,
          response: { 200: fileResponse(['text/csv', 'application/pdf'], 'The report as CSV or PDF') },
        },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        const report = await rounds.roundReport(caller, request.query);
        return sendExport(reply, await rounds.roundReportFile(caller, report, request.query.format));
      },
    );
  };
}
