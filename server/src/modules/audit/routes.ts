import {
  auditEventSchema,
  auditSearchSchema,
  languages,
  pageQuerySchema,
  pageSchema,
} from '@custodia/domain';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../platform/db/database.ts';
import { sendExport } from '../../platform/export/attachment.ts';
import { fileResponse } from '../../platform/http/responses.ts';
import type { Services } from '../../services.ts';
import { callerOf } from '../identity/index.ts';
import { accessReportCsv, accessReportPdf, subjectAccess } from './access-report.ts';
import { searchAudit } from './service.ts';

export function auditRoutes(services: Services): FastifyPluginAsyncZod {
  const { database, audit } = services;
  const tags = ['audit'];
  return async (app) => {
    app.get(
      '/api/v1/audit/events',
      {
        config: { permission: 'audit.read', dataClass: 'audit' },
        schema: {
          tags,
          summary: 'Search the audit trail by person, user and time (newest first)',
          querystring: pageQuerySchema.extend(auditSearchSchema.shape),
          response: { 200: pageSchema(auditEventSchema) },
        },
      },
      async (request) => {
        const caller = callerOf(request);
        // Looking at the audit trail is itself recorded.
        return inTransaction(database.db, async (tx) => {
          await audit.record(tx, caller.audit, {
            action: 'audit.search',
            dataClass: 'audit',
            outcome: 'allowed',
            personId: request.query.personId ?? null,
            details: { userId: request.query.userId ?? null, username: request.query.username ?? null },
          });
          return searchAudit(tx, request.query);
        });
      },
    );

    const recordReport = (
      tx: Parameters<typeof audit.record>[0],
      request: FastifyRequest,
      personId: string,
      format: string,
    ) =>
      audit.record(tx, callerOf(request).auditAs('audit.subject_access'), {
        action: 'audit.subject_access_report',
        dataClass: 'audit',
        purpose: 'subject_access',
        outcome: 'allowed',
        personId,
        details: { format },
      });

    app.get(
      '/api/v1/audit/subject-access',
      {
        config: { permission: 'audit.subject_access', dataClass: 'audit' },
        schema: {
          tags,
          summary: "Who looked at this person's medical file: a report for a subject-access request",
          querystring: pageQuerySchema.extend({ personId: z.string().min(1).max(64) }),
          response: { 200: pageSchema(auditEventSchema) },
        },
      },
      async (request) => {
        const { personId, limit, cursor } = request.query;
        return inTransaction(database.db, async (tx) => {
          await recordReport(tx, request, personId, 'json');
          return searchAudit(tx, { ...subjectAccess, personId, limit, cursor });
        });
      },
    );

    app.get(
      '/api/v1/audit/subject-access.csv',
      {
        config: { permission: 'audit.subject_access', dataClass: 'audit' },
        schema: {
          tags,
          summary: 'The same report as CSV, the whole history, in words in az, en or ru',
          querystring: z.object({
            personId: z.string().min(1).max(64),
            // Issue 14 item 7: the words' language; left out, the account's (as the restraint exports).
            language: z.enum(languages).optional(),
          }),
          response: { 200: fileResponse(['text/csv'], 'The subject access report as CSV') },
        },
      },
      async (request, reply) => {
        const { personId } = request.query;
        const language = request.query.language ?? callerOf(request).user.language;
        await inTransaction(database.db, (tx) => recordReport(tx, request, personId, 'csv'));
        return sendExport(reply, await accessReportCsv(services, personId, language));
      },
    );

    app.get(
      '/api/v1/audit/subject-access.pdf',
      {
        config: { permission: 'audit.subject_access', dataClass: 'audit' },
        schema: {
          tags,
          summary: 'The same report as a PDF document to hand to the person, in az, en or ru',
          querystring: z.object({
            personId: z.string().min(1).max(64),
            lang: z.enum(languages).default('az'),
          }),
          response: { 200: fileResponse(['application/pdf'], 'The subject access report as PDF') },
        },
      },
      async (request, reply) => {
        const actor = callerOf(request).user;
        const { personId, lang } = request.query;
        const viewer = { institutionIds: actor.institutionIds, national: actor.national };
        const person = await services.registry.getPerson(viewer, personId);
        await inTransaction(database.db, (tx) => recordReport(tx, request, personId, 'pdf'));
        return sendExport(
          reply,
          await accessReportPdf(services, person, { language: lang, generatedBy: actor.displayName }),
        );
      },
    );
  };
}
