import {
  deathActionDoneSchema,
  deathActionSchema,
  deathAmendmentSchema,
  deathBodyReleaseSchema,
  deathClinicalEntrySchema,
  deathClinicalSchema,
  deathCloseSchema,
  deathEventListSchema,
  deathEventSchema,
  deathEventStartSchema,
  deathInvestigationSchema,
  deathReviewConcludeSchema,
  deathReviewerSchema,
  deathReviewStartSchema,
  deathStepSchema,
  deathsCreatedSchema,
  deathsRegisterSchema,
} from '@custodia/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendExport } from '../../platform/export/attachment.ts';
import { idempotencyHeaders } from '../../platform/http/idempotency.ts';
import { fileResponse } from '../../platform/http/responses.ts';
import { idParams, routeConfig as route } from '../../platform/http/routes.ts';
import type { Services } from '../../services.ts';
import { type Caller, callerOf } from '../identity/index.ts';
import { deathsRegisterExport, suppressRegister } from './register-export.ts';

const registerQuery = z.object({
  institutionId: z.string().min(1).max(64),
  year: z.coerce.number().int().min(2000).max(2100),
  month: z.coerce.number().int().min(1).max(12).optional(),
});

/** The deaths API (INJ-8, DTH-1, DAT-7, MHS-8, MON-2, X-2): every route with its permission. */
export function deathsRoutes(services: Services): FastifyPluginAsyncZod {
  const { deaths } = services;
  const tags = ['deaths'];
  const created = { 201: deathsCreatedSchema };
  const key = (headers: { 'idempotency-key'?: string | undefined }) => headers['idempotency-key'];

  /** DAT-7, ADR 0016: the register; counts suppressed for readers outside the health service. */
  async function registerFor(caller: Caller, q: z.infer<typeof registerQuery>, withLines: boolean) {
    const clinical = caller.has('clinical.record.read');
    const { timeZone, ...register } = await deaths.register(caller, {
      institutionId: q.institutionId,
      year: q.year,
      month: q.month ?? null,
      clinical: clinical && withLines,
    });
    const lines = withLines ? register.lines : [];
    if (clinical) return { timeZone, register: { ...register, lines, suppression: null } };
    return {
      timeZone,
      register: {
        ...register,
        lines,
        ...suppressRegister(register.indicators, services.config.smallCellThreshold),
      },
    };
  }

  return async (app) => {
    app.post(
      '/api/v1/persons/:id/deaths-events',
      {
        config: route('deaths.record'),
        schema: {
          tags,
          summary:
            'Report a death, serious injury or disappearance (INJ-8, DTH-1); a death freezes the medical file (DAT-7)',
          params: idParams,
          headers: idempotencyHeaders,
          body: deathEventStartSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await deaths.recordEvent(
              callerOf(request),
              request.params.id,
              request.body,
              key(request.headers),
            ),
          ),
    );

    app.get(
      '/api/v1/persons/:id/deaths-events',
      {
        config: route('deaths.read'),
        schema: {
          tags,
          summary: 'A person’s reported events, newest first',
          params: idParams,
          response: { 200: deathEventListSchema },
        },
      },
      async (request) => deaths.ofPerson(callerOf(request), request.params.id),
    );

    app.get(
      '/api/v1/deaths/events',
      {
        config: route('deaths.read'),
        schema: {
          tags,
          summary: 'The open events of the caller’s institutions (or one), oldest first',
          querystring: z.object({ institutionId: z.string().min(1).max(64).optional() }),
          response: { 200: deathEventListSchema },
        },
      },
      async (request) => deaths.openList(callerOf(request), request.query.institutionId),
    );

    app.get(
      '/api/v1/deaths/staff',
      {
        config: route('deaths.read'),
        schema: {
          tags,
          summary: 'The staff of an institution (who was involved, reviewers, owners of actions)',
          querystring: z.object({ institutionId: z.string().min(1).max(64) }),
          response: {
            200: z.object({
              items: z.array(z.object({ id: z.string(), name: z.string(), position: z.string() })),
            }),
          },
        },
      },
      async (request) => deaths.staff(callerOf(request), request.query.institutionId),
    );

    app.get(
      '/api/v1/deaths/events/:id',
      {
        config: route('deaths.read'),
        schema: {
          tags,
          summary: 'The event, its checklist, investigation, reviews and actions (no clinical content)',
          params: idParams,
          response: { 200: deathEventSchema },
        },
      },
      async (request) => deaths.event(callerOf(request), request.params.id),
    );

    app.patch(
      '/api/v1/deaths/events/:id',
      {
        config: route('deaths.record'),
        schema: {
          tags,
          summary: 'X-2: always refused — the record is never edited; send an amendment',
          params: idParams,
          body: z.record(z.string(), z.unknown()),
          // Never sent: every edit is refused (409 death_record_append_only).
          response: { 200: deathsCreatedSchema },
        },
      },
      async () => deaths.refuseEdit(),
    );

    app.post(
      '/api/v1/deaths/events/:id/amendments',
      {
        config: route('deaths.record'),
        schema: {
          tags,
          summary: 'X-2: a correction with its reason; the original stays',
          params: idParams,
          headers: idempotencyHeaders,
          body: deathAmendmentSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await deaths.amend(callerOf(request), request.params.id, request.body, key(request.headers))),
    );

    app.post(
      '/api/v1/deaths/events/:id/steps',
      {
        config: route('deaths.checklist.record'),
        schema: {
          tags,
          summary: 'DTH-1, INJ-8: a step of the checklist done (time, channel, whom, reference)',
          params: idParams,
          headers: idempotencyHeaders,
          body: deathStepSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await deaths.recordStep(callerOf(request), request.params.id, request.body, key(request.headers)),
          ),
    );

    app.post(
      '/api/v1/deaths/events/:id/investigation',
      {
        config: route('deaths.checklist.record'),
        schema: {
          tags,
          summary: 'INJ-8: the independent investigation’s authority, reference and opening',
          params: idParams,
          headers: idempotencyHeaders,
          body: deathInvestigationSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await deaths.recordInvestigation(
              callerOf(request),
              request.params.id,
              request.body,
              key(request.headers),
            ),
          ),
    );

    app.post(
      '/api/v1/deaths/events/:id/body',
      {
        config: route('deaths.checklist.record'),
        schema: {
          tags,
          summary: 'INJ-8: the body released by the investigation and returned (or buried by the state)',
          params: idParams,
          headers: idempotencyHeaders,
          body: deathBodyReleaseSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await deaths.recordBody(callerOf(request), request.params.id, request.body, key(request.headers)),
          ),
    );

    app.post(
      '/api/v1/deaths/events/:id/close',
      {
        config: route('deaths.close'),
        schema: {
          tags,
          summary: 'DTH-1: close, only with the investigation’s reference, every step and the review',
          params: idParams,
          body: deathCloseSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply.status(201).send(await deaths.close(callerOf(request), request.params.id, request.body)),
    );

    app.get(
      '/api/v1/deaths/events/:id/clinical',
      {
        config: route('deaths.clinical.read'),
        schema: {
          tags,
          summary: 'DAT-7: cause, autopsy and the review’s findings (health roles; audited)',
          params: idParams,
          response: { 200: deathClinicalSchema },
        },
      },
      async (request) => deaths.clinical(callerOf(request), request.params.id),
    );

    app.post(
      '/api/v1/deaths/events/:id/clinical',
      {
        config: route('deaths.clinical.record'),
        schema: {
          tags,
          summary: 'DAT-7: the underlying cause (ICD-10) and the autopsy',
          params: idParams,
          headers: idempotencyHeaders,
          body: deathClinicalEntrySchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await deaths.recordClinical(
              callerOf(request),
              request.params.id,
              request.body,
              key(request.headers),
            ),
          ),
    );

    app.get(
      '/api/v1/deaths/events/:id/frozen-file',
      {
        config: route('deaths.clinical.read'),
        schema: {
          tags,
          summary: 'DAT-7: the medical file frozen at death (PDF), its SHA-256 in a header',
          params: idParams,
          response: { 200: fileResponse(['application/pdf'], 'The frozen file') },
        },
      },
      async (request, reply) => {
        const file = await deaths.snapshot(callerOf(request), request.params.id);
        reply.header('x-content-sha256', file.sha256);
        return sendExport(reply, {
          filename: `medical-file-at-death-${file.sha256.slice(0, 12)}.pdf`,
          contentType: 'application/pdf',
          body: file.bytes,
        });
      },
    );

    app.post(
      '/api/v1/deaths/events/:id/reviews',
      {
        config: route('deaths.review.manage'),
        schema: {
          tags,
          summary: 'MHS-8: open the internal review (psychological autopsy for a suicide)',
          params: idParams,
          body: deathReviewStartSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply.status(201).send(await deaths.openReview(callerOf(request), request.params.id, request.body)),
    );

    app.post(
      '/api/v1/deaths/reviews/:id/reviewers',
      {
        config: route('deaths.review.manage'),
        schema: {
          tags,
          summary: 'INJ-8, MHS-8: assign a reviewer; staff involved in the event are refused',
          params: idParams,
          body: deathReviewerSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await deaths.assignReviewer(callerOf(request), request.params.id, request.body)),
    );

    app.post(
      '/api/v1/deaths/reviews/:id/conclusion',
      {
        config: route('deaths.review.manage'),
        schema: {
          tags,
          summary: 'MHS-8: the review’s findings (clinical)',
          params: idParams,
          body: deathReviewConcludeSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await deaths.concludeReview(callerOf(request), request.params.id, request.body)),
    );

    app.post(
      '/api/v1/deaths/reviews/:id/actions',
      {
        config: route('deaths.review.manage'),
        schema: {
          tags,
          summary: 'MON-2: a recommendation and its action, with an owner and a due date',
          params: idParams,
          body: deathActionSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply.status(201).send(await deaths.addAction(callerOf(request), request.params.id, request.body)),
    );

    app.post(
      '/api/v1/deaths/actions/:id/done',
      {
        config: route('deaths.action.record'),
        schema: {
          tags,
          summary: 'MON-2: an action done, with its evidence',
          params: idParams,
          body: deathActionDoneSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await deaths.completeAction(callerOf(request), request.params.id, request.body)),
    );

    app.get(
      '/api/v1/deaths/register',
      {
        config: route('deaths.register.read'),
        schema: {
          tags,
          summary: 'DAT-7: the deaths register of an institution for a year or a month, with its indicators',
          querystring: registerQuery,
          response: { 200: deathsRegisterSchema },
        },
      },
      async (request) => (await registerFor(callerOf(request), request.query, true)).register,
    );

    app.get(
      '/api/v1/deaths/register/export',
      {
        config: route('deaths.register.read'),
        schema: {
          tags,
          summary:
            'DAT-7: the register as CSV or PDF (ADR 0026), suppressed counts outside the health service',
          querystring: registerQuery.extend({ format: z.enum(['csv', 'pdf']) }),
          response: { 200: fileResponse(['text/csv', 'application/pdf'], 'The register as CSV or PDF') },
        },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        const { timeZone, register } = await registerFor(caller, request.query, true);
        const institution = (await services.registry.listInstitutions()).find(
          (i) => i.id === request.query.institutionId,
        );
        await services.audit.recordAlone(caller.audit, {
          action: 'deaths.register.export',
          dataClass: 'custodial',
          outcome: 'allowed',
          details: {
            institutionId: request.query.institutionId,
            year: request.query.year,
            format: request.query.format,
          },
        });
        const file = await deathsRegisterExport(
          register,
          { institutionName: institution?.name.en ?? '', format: request.query.format },
          {
            timeZone,
            generatedAt: services.clock.now().toISOString(),
            generatedBy: caller.user.displayName,
            clinical: register.suppression === null,
          },
        );
        return sendExport(reply, file);
      },
    );

    app.get(
      '/api/v1/deaths/indicators',
      {
        config: route('statistics.read'),
        schema: {
          tags,
          summary: 'DAT-7: the indicators alone (no names), suppressed outside the health service',
          querystring: registerQuery,
          response: { 200: deathsRegisterSchema },
        },
      },
      async (request) => (await registerFor(callerOf(request), request.query, false)).register,
    );
  };
}
