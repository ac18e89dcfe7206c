import {
  accessRequestInputSchema,
  accessRequestsSchema,
  alertReviewedSchema,
  allergyInputSchema,
  allergyStatusSchema,
  amendmentSchema,
  chartSchema,
  clinicalDocumentPageSchema,
  clinicalDocumentSchema,
  clinicalTasksSchema,
  conceptsSchema,
  consentInputSchema,
  consentPageSchema,
  createdSchema,
  DOCUMENT_MAX_BYTES,
  documentTypes,
  encounterContentSchema,
  encounterPageSchema,
  encounterSchema,
  encounterSignedSchema,
  encounterUpdateSchema,
  healthAlertEndSchema,
  healthAlertInputSchema,
  healthAlertsSchema,
  labResultInputSchema,
  observationCheckSchema,
  observationCheckStateSchema,
  observationCorrectionSchema,
  observationPageSchema,
  observationReviewSchema,
  pageQuerySchema,
  periodProblem,
  problemInputSchema,
  problemStatusSchema,
  STATISTICS_PERIOD_MAX_DAYS,
  screeningCompletedSchema,
  screeningFormSchema,
  screeningRateSchema,
  screeningStartedSchema,
  suppressScreeningRate,
  type ThresholdId,
  taskCompletionSchema,
  terminologyQuerySchema,
  thresholdChangeSchema,
  thresholdIds,
  thresholdsSchema,
  versionInputSchema,
  versionSchema,
  vitalsInputSchema,
  vitalsRecordedSchema,
} from '@custodia/domain';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { badRequest, ruleRefused } from '../../platform/errors.ts';
import { idempotencyHeaders } from '../../platform/http/idempotency.ts';
import { fileResponse, noContentResponse } from '../../platform/http/responses.ts';
import { idParams, routeConfig as route } from '../../platform/http/routes.ts';
import { compiledResponse } from '../../platform/http/serializer.ts';
import type { Services } from '../../services.ts';
import { callerOf } from '../identity/index.ts';
import { documentTooLarge } from './documents.ts';
import { clinicalRules } from './records.ts';

const created = { 201: createdSchema };

/**
 * The medical record's HTTP API (issue 5). Chart routes need `clinical.record.*`; health alerts are
 * the only part custodial staff reach (`health_alert.read`, MED-3). Every route here audits.
 */
export function clinicalRoutes(services: Services): FastifyPluginAsyncZod {
  const { clinical, screening, alerts, terminology, documents } = services;
  const tags = ['clinical'];

  return async (app) => {
    app.get(
      '/api/v1/persons/:id/chart',
      {
        config: route('clinical.record.read'),
        schema: {
          tags,
          summary:
            'Chart summary: problems, allergies, latest vitals, recent encounters and labs, tasks, alerts',
          params: idParams,
          response: { 200: compiledResponse(chartSchema) },
        },
      },
      async (request) => {
        const { audit, viewer } = callerOf(request);
        return clinical.chart(audit, viewer, request.params.id);
      },
    );

    app.get(
      '/api/v1/persons/:id/encounters',
      {
        config: route('clinical.record.read'),
        schema: {
          tags,
          summary: 'Encounters, newest first',
          params: idParams,
          querystring: pageQuerySchema,
          response: { 200: encounterPageSchema },
        },
      },
      async (request) => {
        const { audit, viewer } = callerOf(request);
        return clinical.listEncounters(audit, viewer, request.params.id, request.query);
      },
    );

    app.post(
      '/api/v1/persons/:id/encounters',
      {
        config: route('clinical.record.write'),
        schema: {
          tags,
          summary: 'Start a draft encounter (persons present required, MED-4)',
          params: idParams,
          body: encounterContentSchema,
          response: created,
        },
      },
      async (request, reply) => {
        const { audit, viewer } = callerOf(request);
        if (request.body.type === 'admission_screening') {
          // A screening opens from its task, so it is counted against the admission it belongs to.
          throw ruleRefused([{ path: 'type', code: 'screening_from_task' }], clinicalRules);
        }
        return reply
          .status(201)
          .send({ id: await clinical.createEncounter(audit, viewer, request.params.id, request.body) });
      },
    );

    app.get(
      '/api/v1/encounters/:id',
      {
        config: route('clinical.record.read'),
        schema: {
          tags,
          summary: 'An encounter with its amendments and corrections',
          params: idParams,
          response: { 200: encounterSchema },
        },
      },
      async (request) => {
        const { audit, viewer } = callerOf(request);
        return clinical.getEncounter(audit, viewer, request.params.id);
      },
    );

    app.put(
      '/api/v1/encounters/:id',
      {
        config: route('clinical.record.write'),
        schema: {
          tags,
          summary: 'Change a draft (its author only; the version read)',
          params: idParams,
          body: encounterUpdateSchema.extend({ structured: screeningFormSchema.optional() }),
          response: { 200: versionSchema },
        },
      },
      async (request) => {
        const { audit, viewer } = callerOf(request);
        return clinical.updateDraft(audit, viewer, request.params.id, request.body);
      },
    );

    app.post(
      '/api/v1/encounters/:id/sign',
      {
        config: route('clinical.record.write'),
        schema: {
          tags,
          summary: 'Sign: locks the encounter and stores the SHA-256 of its content',
          params: idParams,
          body: versionInputSchema,
          response: { 200: encounterSignedSchema },
        },
      },
      async (request) => {
        const { audit, viewer, has } = callerOf(request);
        return clinical.sign(
          audit,
          { ...viewer, canSignScreenings: has('clinical.screening.countersign') },
          request.params.id,
          request.body.version,
        );
      },
    );

    app.post(
      '/api/v1/encounters/:id/corrections',
      {
        config: route('clinical.record.write'),
        schema: {
          tags,
          summary: 'Amend a signed encounter, or mark it entered in error (the original stays readable)',
          params: idParams,
          body: amendmentSchema,
          response: created,
        },
      },
      async (request, reply) => {
        const { audit, viewer } = callerOf(request);
        return reply
          .status(201)
          .send({ id: await clinical.correctEncounter(audit, viewer, request.params.id, request.body) });
      },
    );

    app.post(
      '/api/v1/persons/:id/vitals',
      {
        config: route('clinical.record.write'),
        schema: {
          tags,
          summary: 'Record vital signs (impossible values refused; BMI computed)',
          params: idParams,
          headers: idempotencyHeaders,
          body: vitalsInputSchema.extend({ encounterId: z.string().max(64).nullish() }),
          response: { 201: vitalsRecordedSchema },
        },
      },
      async (request, reply) => {
        const { audit, viewer } = callerOf(request);
        const key = request.headers['idempotency-key'];
        const ids = await clinical.addVitals(audit, viewer, request.params.id, request.body, key);
        return reply.status(201).send({ ids });
      },
    );

    app.post(
      '/api/v1/persons/:id/lab-results',
      {
        config: route('clinical.record.write'),
        schema: {
          tags,
          summary: 'Record a lab result by hand',
          params: idParams,
          body: labResultInputSchema,
          response: created,
        },
      },
      async (request, reply) => {
        const { audit, viewer } = callerOf(request);
        return reply
          .status(201)
          .send({ id: await clinical.addLabResult(audit, viewer, request.params.id, request.body) });
      },
    );

    app.get(
      '/api/v1/persons/:id/observations',
      {
        config: route('clinical.record.read'),
        schema: {
          tags,
          summary: 'Vital signs or lab results, newest first',
          params: idParams,
          querystring: pageQuerySchema.extend({ category: z.enum(['vital-signs', 'laboratory']) }),
          response: { 200: observationPageSchema },
        },
      },
      async (request) => {
        const { audit, viewer } = callerOf(request);
        return clinical.listObservations(audit, viewer, request.params.id, request.query);
      },
    );

    app.post(
      '/api/v1/observations/:id/corrections',
      {
        config: route('clinical.record.write'),
        schema: {
          tags,
          summary: 'Mark an observation entered in error',
          params: idParams,
          body: observationCorrectionSchema,
          response: created,
        },
      },
      async (request, reply) => {
        const { audit, viewer } = callerOf(request);
        const id = await clinical.correctEntry(audit, viewer, 'observation', request.params.id, request.body);
        return reply.status(201).send({ id });
      },
    );

    app.post(
      '/api/v1/persons/:id/problems',
      {
        config: route('clinical.record.write'),
        schema: {
          tags,
          summary: 'Add a problem coded with ICD-10 (DAT-5)',
          params: idParams,
          body: problemInputSchema,
          response: created,
        },
      },
      async (request, reply) => {
        const { audit, viewer, user } = callerOf(request);
        const id = await clinical.addProblem(audit, viewer, request.params.id, request.body, user.language);
        return reply.status(201).send({ id });
      },
    );

    app.post(
      '/api/v1/problems/:id/corrections',
      {
        config: route('clinical.record.write'),
        schema: {
          tags,
          summary: 'Resolve a problem or mark it entered in error',
          params: idParams,
          body: problemStatusSchema,
          response: created,
        },
      },
      async (request, reply) => {
        const { audit, viewer } = callerOf(request);
        const id = await clinical.correctEntry(audit, viewer, 'problem', request.params.id, request.body);
        return reply.status(201).send({ id });
      },
    );

    app.post(
      '/api/v1/persons/:id/allergies',
      {
        config: route('clinical.record.write'),
        schema: {
          tags,
          summary: 'Add an allergy or intolerance',
          params: idParams,
          body: allergyInputSchema,
          response: created,
        },
      },
      async (request, reply) => {
        const { audit, viewer } = callerOf(request);
        return reply
          .status(201)
          .send({ id: await clinical.addAllergy(audit, viewer, request.params.id, request.body) });
      },
    );

    app.post(
      '/api/v1/allergies/:id/corrections',
      {
        config: route('clinical.record.write'),
        schema: {
          tags,
          summary: 'Resolve an allergy or mark it entered in error',
          params: idParams,
          body: allergyStatusSchema,
          response: created,
        },
      },
      async (request, reply) => {
        const { audit, viewer } = callerOf(request);
        const id = await clinical.correctEntry(audit, viewer, 'allergy', request.params.id, request.body);
        return reply.status(201).send({ id });
      },
    );

    app.get(
      '/api/v1/persons/:id/consents',
      {
        config: route('clinical.record.read'),
        schema: {
          tags,
          summary: 'Consents and refusals (MED-6), newest first',
          params: idParams,
          querystring: pageQuerySchema,
          response: { 200: consentPageSchema },
        },
      },
      async (request) => {
        const { audit, viewer } = callerOf(request);
        return clinical.listConsents(audit, viewer, request.params.id, request.query);
      },
    );

    app.post(
      '/api/v1/persons/:id/consents',
      {
        config: route('clinical.record.write'),
        schema: {
          tags,
          summary: 'Record informed consent or refusal (MED-6)',
          params: idParams,
          body: consentInputSchema,
          response: created,
        },
      },
      async (request, reply) => {
        const { audit, viewer } = callerOf(request);
        return reply
          .status(201)
          .send({ id: await clinical.addConsent(audit, viewer, request.params.id, request.body) });
      },
    );

    // Health alerts: the one part of health care custodial staff see (MED-3).
    app.get(
      '/api/v1/persons/:id/health-alerts',
      {
        config: route('health_alert.read'),
        schema: {
          tags: ['health alerts'],
          summary: 'Functional health alerts for custodial staff: what to do, never why (MED-3, ADM-10)',
          params: idParams,
          querystring: z.object({ includeEnded: z.enum(['true', 'false']).default('false') }),
          response: { 200: healthAlertsSchema },
        },
      },
      async (request) => {
        const { audit, viewer } = callerOf(request);
        return {
          items: await alerts.list(audit, viewer, request.params.id, request.query.includeEnded === 'true'),
        };
      },
    );

    app.post(
      '/api/v1/persons/:id/health-alerts',
      {
        config: route('health_alert.write'),
        schema: {
          tags: ['health alerts'],
          summary: 'Share a coded health alert with custodial staff',
          params: idParams,
          body: healthAlertInputSchema,
          response: created,
        },
      },
      async (request, reply) => {
        const { audit, viewer } = callerOf(request);
        return reply
          .status(201)
          .send({ id: await alerts.create(audit, viewer, request.params.id, request.body) });
      },
    );

    app.post(
      '/api/v1/health-alerts/:id/end',
      {
        config: route('health_alert.write'),
        schema: {
          tags: ['health alerts'],
          summary: 'End a health alert',
          params: idParams,
          body: healthAlertEndSchema.extend({ version: z.number().int().min(1) }),
          response: { 200: versionSchema },
        },
      },
      async (request) => {
        const { audit, viewer } = callerOf(request);
        return alerts.end(audit, viewer, request.params.id, request.body);
      },
    );

    // MHS-3: the checks of a person under observation, and the review that alone ends it.
    app.post(
      '/api/v1/health-alerts/:id/checks',
      {
        config: route('health_alert.check.record'),
        schema: {
          tags: ['health alerts'],
          summary: 'Record a check of a person under observation (MHS-3); answers the next check due',
          params: idParams,
          body: observationCheckSchema,
          response: { 201: observationCheckStateSchema.nullable() },
        },
      },
      async (request, reply) => {
        const { audit, viewer } = callerOf(request);
        return reply
          .status(201)
          .send(await alerts.recordCheck(audit, viewer, request.params.id, request.body));
      },
    );

    app.post(
      '/api/v1/health-alerts/:id/reviews',
      {
        config: route('health_alert.write'),
        schema: {
          tags: ['health alerts'],
          summary:
            'Record the multidisciplinary review of an observation (MHS-3): who took part and the decision; the only way it ends',
          params: idParams,
          body: observationReviewSchema.extend({ version: z.number().int().min(1) }),
          response: { 201: alertReviewedSchema },
        },
      },
      async (request, reply) => {
        const { audit, viewer } = callerOf(request);
        return reply
          .status(201)
          .send(await alerts.recordReview(audit, viewer, request.params.id, request.body));
      },
    );

    // Admission screening.
    app.get(
      '/api/v1/clinical-tasks',
      {
        config: route('clinical.record.read'),
        schema: {
          tags: ['screening'],
          summary: 'Open clinical tasks (screenings and follow-ups) by deadline, with due/overdue state',
          querystring: z.object({
            institutionId: z.string().max(64).optional(),
            kind: z.string().max(40).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(100),
          }),
          response: { 200: compiledResponse(clinicalTasksSchema) },
        },
      },
      async (request) => {
        const { audit, viewer } = callerOf(request);
        const { institutionId, kind, limit } = request.query;
        return {
          items: await screening.listTasks(audit, viewer, {
            limit,
            ...(institutionId ? { institutionId } : {}),
            ...(kind ? { kinds: kind.split(',') } : {}),
          }),
        };
      },
    );

    app.post(
      '/api/v1/clinical-tasks/:id/screening',
      {
        config: route('clinical.screening.complete'),
        schema: {
          tags: ['screening'],
          summary: 'Open the screening form of a task (its draft, or a new one)',
          params: idParams,
          response: { 200: screeningStartedSchema },
        },
      },
      async (request) => {
        const { audit, viewer } = callerOf(request);
        return screening.startScreening(audit, viewer, request.params.id);
      },
    );

    app.post(
      '/api/v1/clinical-tasks/:id/complete',
      {
        config: route('clinical.record.write'),
        schema: {
          tags: ['screening'],
          summary: 'Mark a follow-up task done (TB work-up, referral, prescriber review)',
          params: idParams,
          body: taskCompletionSchema,
          response: { 204: noContentResponse },
        },
      },
      async (request, reply) => {
        const { audit, viewer } = callerOf(request);
        await screening.completeTask(audit, viewer, request.params.id, request.body.encounterId ?? null);
        return reply.status(204).send();
      },
    );

    app.post(
      '/api/v1/encounters/:id/complete-screening',
      {
        config: route('clinical.screening.complete'),
        schema: {
          tags: ['screening'],
          summary: 'Complete a screening: no blank section (ADM-2); opens its alerts and follow-up tasks',
          params: idParams,
          body: versionInputSchema,
          response: { 200: screeningCompletedSchema },
        },
      },
      async (request) => {
        const { audit, viewer } = callerOf(request);
        return screening.completeScreening(audit, viewer, request.params.id, request.body.version);
      },
    );

    app.get(
      '/api/v1/statistics/screening',
      {
        config: route('statistics.read'),
        schema: {
          tags: ['statistics'],
          summary:
            'ADM-1: % of admissions screened within the limit and the median time, for a period of at most a year',
          querystring: z.object({
            institutionId: z.string().max(64).optional(),
            from: z.iso.date(),
            to: z.iso.date(),
          }),
          response: { 200: screeningRateSchema },
        },
      },
      async (request) => {
        const caller = callerOf(request);
        const { institutionId, from, to } = request.query;
        // A period has a start before its end and spans at most a year: the rows are read into memory.
        const problem = periodProblem(from, to);
        if (problem === 'period_reversed')
          throw badRequest(problem, 'The end of the period must come after its start.');
        if (problem === 'period_too_long') {
          throw badRequest(problem, `A period may be at most ${STATISTICS_PERIOD_MAX_DAYS} days.`);
        }
        const rate = await screening.screeningRate(caller.viewer, {
          from: `${from}T00:00:00.000Z`,
          to: `${to}T00:00:00.000Z`,
          ...(institutionId ? { institutionId } : {}),
        });
        // DAT-6: outside the health service, small counts and those that give them away are left out.
        if (caller.has('clinical.record.read')) return { ...rate, suppression: null };
        return suppressScreeningRate(rate, services.config.smallCellThreshold);
      },
    );

    app.get(
      '/api/v1/rule-thresholds',
      {
        config: route('rules.threshold.read'),
        schema: {
          tags: ['rules'],
          summary: 'Time limits in force with their sources (X-1, X-4)',
          querystring: z.object({ institutionId: z.string().max(64).optional() }),
          response: { 200: thresholdsSchema },
        },
      },
      async (request) => ({ items: await screening.thresholds(request.query.institutionId ?? null) }),
    );

    app.put(
      '/api/v1/rule-thresholds/:id',
      {
        config: route('rules.threshold.manage'),
        schema: {
          tags: ['rules'],
          summary: 'Set a time limit; loosening it needs a recorded legal basis (X-4)',
          params: z.object({ id: z.enum(thresholdIds as [ThresholdId, ...ThresholdId[]]) }),
          body: thresholdChangeSchema.extend({ institutionId: z.string().max(64).nullish() }),
          response: { 204: noContentResponse },
        },
      },
      async (request, reply) => {
        const { audit } = callerOf(request);
        const { value, legalBasis, institutionId } = request.body;
        await screening.setThreshold(
          audit,
          request.params.id,
          institutionId ?? null,
          value,
          legalBasis ?? null,
        );
        return reply.status(204).send();
      },
    );

    // Documents: a raw PDF, JPEG or PNG body, type decided by content (its own parser, this route only).
    await app.register(async (plugin) => {
      const upload = plugin.withTypeProvider<ZodTypeProvider>();
      // The size cap said in words, whether the parser or the service finds the body too large.
      upload.setErrorHandler((error: { code?: string }) => {
        throw error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? documentTooLarge() : error;
      });
      upload.removeAllContentTypeParsers();
      upload.addContentTypeParser(
        '*',
        { parseAs: 'buffer', bodyLimit: DOCUMENT_MAX_BYTES },
        (_r, body, done) => done(null, body),
      );
      upload.post(
        '/api/v1/persons/:id/documents',
        {
          config: route('clinical.record.write'),
          bodyLimit: DOCUMENT_MAX_BYTES,
          schema: {
            tags,
            summary:
              'Add a document (PDF, JPEG or PNG, at most 10 MB, type checked by content; SHA-256 kept)',
            params: idParams,
            querystring: z.object({
              type: z.enum(documentTypes),
              title: z.string().trim().min(2).max(200),
              restricted: z.enum(['true', 'false']).default('false'),
            }),
            response: { 201: clinicalDocumentSchema },
          },
        },
        async (request, reply) => {
          const { audit, viewer } = callerOf(request);
          const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
          const { type, title, restricted } = request.query;
          const doc = await documents.upload(
            audit,
            viewer,
            request.params.id,
            { type, title, restricted: restricted === 'true' },
            body,
          );
          return reply.status(201).send(doc);
        },
      );
    });

    app.get(
      '/api/v1/persons/:id/documents',
      {
        config: route('clinical.record.read'),
        schema: {
          tags,
          summary: 'Documents of the medical file, newest first',
          params: idParams,
          querystring: pageQuerySchema,
          response: { 200: clinicalDocumentPageSchema },
        },
      },
      async (request) => {
        const { audit, viewer } = callerOf(request);
        return documents.list(audit, viewer, request.params.id, request.query);
      },
    );

    app.get(
      '/api/v1/documents/:id/content',
      {
        config: route('clinical.record.read'),
        schema: {
          tags,
          summary: 'The bytes of a document (checked against their SHA-256)',
          params: idParams,
          response: {
            200: fileResponse(['application/pdf', 'image/jpeg', 'image/png'], 'The document’s bytes'),
          },
        },
      },
      async (request, reply) => {
        const { audit, viewer } = callerOf(request);
        const doc = await documents.content(audit, viewer, request.params.id);
        return reply
          .header('cache-control', 'private, no-store')
          .header(
            'content-disposition',
            `inline; filename="${doc.id}.${doc.contentType === 'application/pdf' ? 'pdf' : doc.contentType === 'image/png' ? 'png' : 'jpg'}"`,
          )
          .type(doc.contentType)
          .send(doc.bytes);
      },
    );

    app.get(
      '/api/v1/persons/:id/access-requests',
      {
        config: route('clinical.access_request.manage'),
        schema: {
          tags,
          summary: 'MED-2: requests for a copy of one’s own medical file',
          params: idParams,
          response: { 200: accessRequestsSchema },
        },
      },
      async (request) => {
        const { audit, viewer } = callerOf(request);
        return { items: await documents.listRequests(audit, viewer, request.params.id) };
      },
    );

    app.post(
      '/api/v1/persons/:id/access-requests',
      {
        config: route('clinical.access_request.manage'),
        schema: {
          tags,
          summary: 'MED-2: register a request for a copy of the medical file',
          params: idParams,
          body: accessRequestInputSchema,
          response: created,
        },
      },
      async (request, reply) => {
        const { audit, viewer } = callerOf(request);
        return reply
          .status(201)
          .send({ id: await documents.registerRequest(audit, viewer, request.params.id, request.body) });
      },
    );

    app.post(
      '/api/v1/access-requests/:id/fulfil',
      {
        config: route('clinical.access_request.manage'),
        schema: {
          tags,
          summary: 'MED-2: fulfil a request — the copy of the whole file as a PDF; the date is recorded',
          params: idParams,
          querystring: z.object({ language: z.enum(['az', 'en', 'ru']).optional() }),
          response: { 200: fileResponse(['application/pdf'], 'The copy of the medical file as a PDF') },
        },
      },
      async (request, reply) => {
        const { user, audit, viewer } = callerOf(request);
        const pdf = await documents.fulfil(
          audit,
          viewer,
          request.params.id,
          request.query.language ?? user.language,
          user.displayName,
        );
        return reply
          .header('cache-control', 'private, no-store')
          .header('content-disposition', `attachment; filename="medical-file-${request.params.id}.pdf"`)
          .type('application/pdf')
          .send(pdf);
      },
    );

    app.get(
      '/api/v1/terminology',
      {
        config: route('terminology.read'),
        schema: {
          tags: ['terminology'],
          summary: 'Find ICD-10 codes by code or by words, in any imported language',
          querystring: terminologyQuerySchema,
          response: { 200: conceptsSchema },
        },
      },
      async (request) => ({ items: await terminology.search(request.query) }),
    );
  };
}
