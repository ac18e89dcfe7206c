import {
  amendmentInputSchema,
  copyRequestInputSchema,
  dispatchInputSchema,
  injuryRecordInputSchema,
  photoConsentInputSchema,
  recipientInputSchema,
  recipientKinds,
  replyInputSchema,
  reprisalReviewInputSchema,
  secondReviewInputSchema,
  trainingInputSchema,
  withdrawalInputSchema,
} from '@custodia/domain';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tooLarge } from '../../platform/errors.ts';
import { sendExport } from '../../platform/export/attachment.ts';
import { idempotencyHeaders } from '../../platform/http/idempotency.ts';
import { fileResponse } from '../../platform/http/responses.ts';
import { idParams, routeConfig as route } from '../../platform/http/routes.ts';
import type { Services } from '../../services.ts';
import { callerOf } from '../identity/index.ts';
import { INJURY_PHOTO_MAX_BYTES } from './photos.ts';

const created = { 201: z.object({ id: z.string() }).loose() };
const loose = z.looseObject({});
const list = z.object({ items: z.array(z.looseObject({})) }).loose();
const headers = idempotencyHeaders;
const key = (h: Record<string, unknown>) => h['idempotency-key'] as string | undefined;

/** The injuries API (INJ-1 … INJ-6, INJ-9, MED-4): every route with its permission and data class. */
export function injuriesRoutes(services: Services): FastifyPluginAsyncZod {
  const { injuries } = services;
  const tags = ['injuries'];

  return async (app) => {
    app.get(
      '/api/v1/persons/:id/injuries',
      {
        config: route('injuries.record.read'),
        schema: {
          tags,
          summary: 'A person’s injury records (clinical)',
          params: idParams,
          response: { 200: list },
        },
      },
      async (request) => injuries.ofPerson(callerOf(request), request.params.id),
    );

    app.post(
      '/api/v1/persons/:id/injuries',
      {
        config: route('injuries.record.write'),
        schema: {
          tags,
          summary: 'Document injuries (INJ-1 … INJ-3, INJ-6, INJ-9, MED-4); signed as written',
          params: idParams,
          headers,
          body: injuryRecordInputSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await injuries.create(callerOf(request), request.params.id, request.body, key(request.headers)),
          ),
    );

    app.get(
      '/api/v1/injuries/records/:id',
      {
        config: route('injuries.record.read'),
        schema: {
          tags,
          summary: 'An injury record and everything written about it',
          params: idParams,
          response: { 200: loose },
        },
      },
      async (request) => injuries.record(callerOf(request), request.params.id),
    );

    const post = <S extends z.ZodType>(
      path: string,
      summary: string,
      body: S,
      run: (
        caller: ReturnType<typeof callerOf>,
        id: string,
        body: z.infer<S>,
        key?: string,
      ) => Promise<{ id: string }>,
    ) =>
      app.post(
        path,
        {
          config: route('injuries.record.write'),
          schema: { tags, summary, params: idParams, headers, body, response: created },
        },
        async (request, reply) =>
          reply
            .status(201)
            .send(
              await run(
                callerOf(request),
                request.params.id,
                request.body as z.infer<S>,
                key(request.headers),
              ),
            ),
      );

    post(
      '/api/v1/injuries/records/:id/amendments',
      'X-2: an amendment to a signed record',
      amendmentInputSchema,
      (c, id, b, k) => injuries.amend(c, id, b, k),
    );
    post(
      '/api/v1/injuries/records/:id/second-review',
      'INJ-9: a trained clinician’s second review',
      secondReviewInputSchema,
      (c, id, b, k) => injuries.secondReview(c, id, b, k),
    );
    post(
      '/api/v1/injuries/records/:id/photo-consent',
      'INJ-2: consent to photographs, or its refusal',
      photoConsentInputSchema,
      (c, id, b, k) => injuries.recordConsent(c, id, b, k),
    );
    post(
      '/api/v1/injuries/records/:id/reports',
      'INJ-4: the report’s dispatch (sent even if the person objects); sets the reprisal-risk flag',
      dispatchInputSchema.extend({ recipientKind: z.enum(recipientKinds) }),
      (c, id, b, k) => injuries.dispatch(c, id, b, k),
    );
    post(
      '/api/v1/injuries/records/:id/copies',
      'INJ-5: a copy requested and handed over',
      copyRequestInputSchema,
      (c, id, b, k) => injuries.recordCopy(c, id, b, k),
    );
    post(
      '/api/v1/injuries/reports/:id/replies',
      'INJ-4: a reply from the recipient',
      replyInputSchema,
      (c, id, b, k) => injuries.reply(c, id, b, k),
    );
    post(
      '/api/v1/injuries/reports/:id/reprisal-reviews',
      'INJ-4: the reprisal-risk review',
      reprisalReviewInputSchema,
      (c, id, b, k) => injuries.reprisalReview(c, id, b, k),
    );
    post(
      '/api/v1/injuries/reports/:id/withdrawal',
      'INJ-4: a request to withdraw a report is refused (report_withdrawal_refused)',
      withdrawalInputSchema,
      (c, id) => injuries.withdraw(c, id),
    );

    app.get(
      '/api/v1/injuries/records/:id/photos/:photoId',
      {
        config: route('injuries.record.read'),
        schema: {
          tags,
          summary: 'INJ-2: a photograph, refused when it no longer matches its SHA-256',
          params: z.object({ id: z.string().min(1).max(64), photoId: z.string().min(1).max(64) }),
          response: { 200: fileResponse(['image/jpeg', 'image/png'], 'The photograph') },
        },
      },
      async (request, reply) => {
        const photo = await injuries.download(callerOf(request), request.params.id, request.params.photoId);
        return reply
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff')
          .header('x-content-sha256', photo.sha256)
          .type(photo.contentType)
          .send(photo.bytes);
      },
    );

    app.get(
      '/api/v1/injuries/records/:id/report.pdf',
      {
        config: route('injuries.record.read'),
        schema: {
          tags,
          summary: 'INJ-4: the report in the recipient’s language, before sending',
          params: idParams,
          querystring: z.object({ recipientKind: z.enum(recipientKinds) }),
          response: { 200: fileResponse(['application/pdf'], 'The report') },
        },
      },
      async (request, reply) =>
        sendExport(
          reply,
          await injuries.reportDocument(callerOf(request), {
            recordId: request.params.id,
            recipientKind: request.query.recipientKind,
          }),
        ),
    );

    app.get(
      '/api/v1/injuries/reports/:id/pdf',
      {
        config: route('injuries.record.read'),
        schema: {
          tags,
          summary: 'INJ-4: a sent report as a PDF in the recipient’s language',
          params: idParams,
          response: { 200: fileResponse(['application/pdf'], 'The report') },
        },
      },
      async (request, reply) =>
        sendExport(reply, await injuries.reportDocument(callerOf(request), { reportId: request.params.id })),
    );

    app.get(
      '/api/v1/injuries/records/:id/copy.pdf',
      {
        config: route('injuries.record.read'),
        schema: {
          tags,
          summary: 'INJ-5: a copy of the record for the person or their lawyer',
          params: idParams,
          querystring: z.object({ language: z.enum(['az', 'en', 'ru']).default('az') }),
          response: { 200: fileResponse(['application/pdf'], 'The copy') },
        },
      },
      async (request, reply) =>
        sendExport(
          reply,
          await injuries.copyDocument(callerOf(request), request.params.id, request.query.language),
        ),
    );

    app.get(
      '/api/v1/injuries/reports-sent',
      {
        config: route('injuries.report.status.read'),
        schema: {
          tags,
          summary: 'INJ-4: that reports were sent (date, recipient, reference), never their content',
          querystring: z.object({ institutionId: z.string().min(1).max(64) }),
          response: { 200: list },
        },
      },
      async (request) => injuries.reportsSent(callerOf(request), request.query.institutionId),
    );

    app.get(
      '/api/v1/injuries/recipients',
      {
        config: route('injuries.recipients.manage'),
        schema: {
          tags,
          summary: 'INJ-4: the report recipients of an institution',
          querystring: z.object({ institutionId: z.string().min(1).max(64) }),
          response: { 200: list },
        },
      },
      async (request) => injuries.recipients(callerOf(request), request.query.institutionId),
    );

    app.put(
      '/api/v1/injuries/recipients',
      {
        config: route('injuries.recipients.manage'),
        schema: {
          tags,
          summary: 'INJ-4: sets a report recipient of an institution (version for an existing one)',
          body: recipientInputSchema.extend({
            institutionId: z.string().min(1).max(64),
            version: z.number().int().positive().nullish(),
          }),
          response: { 200: z.object({ id: z.string() }) },
        },
      },
      async (request) => {
        const { institutionId, ...input } = request.body;
        return injuries.setRecipient(callerOf(request), institutionId, input);
      },
    );

    app.get(
      '/api/v1/injuries/register',
      {
        config: route('injuries.register.read'),
        schema: {
          tags,
          summary: 'INJ-6: the injury register of an institution for a month (JSON, CSV or PDF; DAT-6)',
          querystring: z.object({
            institutionId: z.string().min(1).max(64),
            month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
            format: z.enum(['json', 'csv', 'pdf']).default('json'),
          }),
          response: {
            200: fileResponse(['application/json', 'text/csv', 'application/pdf'], 'The register'),
          },
        },
      },
      async (request, reply) => {
        const result = await injuries.register(callerOf(request), request.query);
        if ('filename' in result) return sendExport(reply, result);
        return reply.type('application/json').send(JSON.stringify(result));
      },
    );

    app.post(
      '/api/v1/injuries/training',
      {
        config: route('staff.training.record'),
        schema: {
          tags,
          summary: 'INJ-9, STF-5: a clinician’s Istanbul Protocol training (valid until)',
          body: trainingInputSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply.status(201).send(await injuries.recordTraining(callerOf(request), request.body)),
    );

    // INJ-2: the photograph is a raw JPEG or PNG body (type read from the bytes), on this route only.
    await app.register(async (plugin) => {
      const upload = plugin.withTypeProvider<ZodTypeProvider>();
      upload.setErrorHandler((error: { code?: string }) => {
        throw error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? tooLarge('The photograph is larger than 10 MB.', {
              errors: [{ path: 'body', code: 'photo_too_large', message: 'At most 10 MB.' }],
            })
          : error;
      });
      upload.removeAllContentTypeParsers();
      upload.addContentTypeParser(
        '*',
        { parseAs: 'buffer', bodyLimit: INJURY_PHOTO_MAX_BYTES },
        (_r, body, done) => done(null, body),
      );
      upload.post(
        '/api/v1/injuries/records/:id/photos',
        {
          config: route('injuries.record.write'),
          bodyLimit: INJURY_PHOTO_MAX_BYTES,
          schema: {
            tags,
            summary: 'INJ-2: a photograph (consent recorded, scale in frame; system time-stamp and SHA-256)',
            params: idParams,
            querystring: z.object({ scaleInFrame: z.enum(['true', 'false']).default('false') }),
            response: { 201: z.looseObject({ id: z.string(), sha256: z.string() }) },
          },
        },
        async (request, reply) => {
          const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
          const photo = await injuries.upload(
            callerOf(request),
            request.params.id,
            body,
            request.query.scaleInFrame === 'true',
          );
          return reply.status(201).send(photo);
        },
      );
    });
  };
}
