import {
  hcvLetterQuerySchema,
  stiAssessmentSchema,
  stiPersonSchema,
  stiTreatmentSchema,
} from '@custodia/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendExport } from '../../platform/export/attachment.ts';
import { fileResponse } from '../../platform/http/responses.ts';
import { idParams, routeConfig as route } from '../../platform/http/routes.ts';
import type { Services } from '../../services.ts';
import { callerOf } from '../identity/index.ts';

/**
 * Chlamydia and gonorrhoea by risk and the hepatitis C referral letter (issue 16 item 4; ADM-7,
 * WOM-3, BBV-3; ADR 0054). The NAAT results go through the blood-borne result routes; treatments
 * and the letter are the treating team's (checked by the service).
 */
export function stiRoutes(services: Services): FastifyPluginAsyncZod {
  const sti = services.programmesSti;
  const tags = ['programmes'];
  return async (app) => {
    app.get(
      '/api/v1/persons/:id/sti',
      {
        config: route('programmes.read'),
        schema: {
          tags,
          summary:
            'ADM-7: a person’s STI risk assessments; treatments and the hepatitis B prompt for the treating team',
          params: idParams,
          response: { 200: stiPersonSchema },
        },
      },
      async (request) => sti.person(callerOf(request), request.params.id),
    );

    app.post(
      '/api/v1/persons/:id/sti-assessments',
      {
        config: route('programmes.record'),
        schema: {
          tags,
          summary: 'ADM-7, WOM-3: the STI risk assessment: accepted (NAAT ordered), refused or not indicated',
          params: idParams,
          body: stiAssessmentSchema,
          response: {
            201: z.object({ id: z.string(), testIds: z.array(z.string()), risks: z.array(z.string()) }),
          },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await sti.assess(callerOf(request), request.params.id, request.body)),
    );

    app.post(
      '/api/v1/persons/:id/sti-treatments',
      {
        config: route('programmes.record'),
        schema: {
          tags,
          summary: 'A treatment given for a detected chlamydia or gonorrhoea result (treating team)',
          params: idParams,
          body: stiTreatmentSchema,
          response: { 201: z.object({ id: z.string() }) },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await sti.recordTreatment(callerOf(request), request.params.id, request.body)),
    );

    app.get(
      '/api/v1/bbv-episodes/:id/referral-letter',
      {
        config: route('programmes.register'),
        schema: {
          tags,
          summary:
            'BBV-3: the hepatitis C referral letter for release (PDF, az/en/ru; treating team; needs a planned release date)',
          params: idParams,
          querystring: hcvLetterQuerySchema,
          response: { 200: fileResponse(['application/pdf'], 'The letter as PDF') },
        },
      },
      async (request, reply) =>
        sendExport(reply, await sti.hcvLetter(callerOf(request), request.params.id, request.query.language)),
    );
  };
}
