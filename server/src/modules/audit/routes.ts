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
import { fileResponse } from '../../platform/http/responses.ts';
import type { Services } from '../../services.ts';
import { actorOf, requestContext } from '../identity/auth.ts';
import { actorForAudit } from '../identity/service.ts';
import { renderAccessReportPdf } from './access-report.ts';
import { searchAudit } from './service.ts';

const csvCell = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value);
  // Quote every cell; neutralise spreadsheet formulas (CSV injection).
  return `"${(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text).replaceAll('"', '""')}"`;
};

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
        const actor = actorOf(request);
        // Looking at the audit trail is itself recorded.
        return inTransaction(database.db, async (tx) => {
          await audit.record(tx, actorForAudit(actor, requestContext(request), 'audit.read'), {
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

    const subjectAccess = { personId: '', dataClasses: ['clinical', 'restricted_clinical'] };
    const recordReport = (
      tx: Parameters<typeof audit.record>[0],
      request: FastifyRequest,
      personId: string,
      format: string,
    ) =>
      audit.record(tx, actorForAudit(actorOf(request), requestContext(request), 'audit.subject_access'), {
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
          summary: 'The same report as CSV, the whole history',
          querystring: z.object({ personId: z.string().min(1).max(64) }),
          response: { 200: fileResponse(['text/csv'], 'The subject access report as CSV') },
        },
      },
      async (request, reply) => {
        const { personId } = request.query;
        await inTransaction(database.db, (tx) => recordReport(tx, request, personId, 'csv'));
        const header = ['time', 'user', 'role', 'action', 'data class', 'purpose', 'outcome'];
        const lines = [header.map(csvCell).join(',')];
        let cursor: string | undefined;
        do {
          const next = await searchAudit(database.db, { ...subjectAccess, personId, limit: 200, cursor });
          for (const e of next.items) {
            lines.push(
              [e.at, e.username, e.role, e.action, e.dataClass, e.purpose, e.outcome].map(csvCell).join(','),
            );
          }
          cursor = next.nextCursor ?? undefined;
        } while (cursor);
        const safeName = personId.replace(/[^A-Za-z0-9-]/g, '');
        return reply
          .header('content-disposition', `attachment; filename="access-report-${safeName}.csv"`)
          .type('text/csv; charset=utf-8')
          .send(`\uFEFF${lines.join('\r\n')}\r\n`);
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
        const actor = actorOf(request);
        const { personId, lang } = request.query;
        const viewer = { institutionIds: actor.institutionIds, national: actor.national };
        const person = await services.registry.getPerson(viewer, personId);
        const name = [
          person.surnameLatin ?? person.surnameCyrillic,
          person.givenNameLatin ?? person.givenNameCyrillic,
        ]
          .filter(Boolean)
          .join(' ');
        await inTransaction(database.db, (tx) => recordReport(tx, request, personId, 'pdf'));
        const events = [];
        let cursor: string | undefined;
        do {
          const next = await searchAudit(database.db, { ...subjectAccess, personId, limit: 200, cursor });
          events.push(...next.items);
          cursor = next.nextCursor ?? undefined;
        } while (cursor);
        const pdf = await renderAccessReportPdf({
          language: lang,
          personLabel: `${person.prisonNumber} · ${name} · ${person.birthDate}`,
          generatedAt: services.clock.now().toISOString().replace('T', ' ').slice(0, 16),
          generatedBy: actor.displayName,
          events,
        });
        const safeName = personId.replace(/[^A-Za-z0-9-]/g, '');
        return reply
          .header('content-disposition', `attachment; filename="access-report-${safeName}.pdf"`)
          .type('application/pdf')
          .send(pdf);
      },
    );
  };
}
