import {
  administrationInputSchema,
  administrationPageSchema,
  administrationRecordedSchema,
  drugListSchema,
  drugQuerySchema,
  pageQuerySchema,
  personMedicationSchema,
  prescriptionInputSchema,
  prescriptionRevisionSchema,
  prescriptionStatusChangeSchema,
  prescriptionWrittenSchema,
  roundQuerySchema,
  roundSchema,
} from '@custodia/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idempotencyHeaders } from '../../platform/http/idempotency.ts';
import { idParams, routeConfig as route } from '../../platform/http/routes.ts';
import { compiledResponse } from '../../platform/http/serializer.ts';
import { callerOf } from '../identity/index.ts';
import type { MedicationService } from './service.ts';

const tags = ['medication'];

/**
 * The medication API (issue 15, first slice). Every route declares its permission and data class
 * (custodial roles hold none of them: 403 on every route, MED-3), a 2xx response schema, and every
 * read of a person's medication and every write leaves an audit record in its transaction.
 */
export function medicationRoutes({ medication }: { medication: MedicationService }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/medication/drugs',
      {
        config: route('medication.formulary.read'),
        schema: {
          tags,
          summary: 'The formulary: drugs by name (az/en/ru) or ATC code',
          querystring: drugQuerySchema,
          response: { 200: drugListSchema },
        },
      },
      async (request) => ({ items: await medication.drugs(request.query) }),
    );

    app.get(
      '/api/v1/persons/:id/medication',
      {
        config: route('medication.read'),
        schema: {
          tags,
          summary:
            "A person's prescriptions (current versions first, then earlier versions) and recorded allergies",
          params: idParams,
          response: { 200: personMedicationSchema },
        },
      },
      async (request) => medication.personMedication(callerOf(request), request.params.id),
    );

    app.get(
      '/api/v1/persons/:id/medication/administrations',
      {
        config: route('medication.read'),
        schema: {
          tags,
          summary: "A person's dose records, newest first, paged by cursor",
          params: idParams,
          querystring: pageQuerySchema,
          response: { 200: administrationPageSchema },
        },
      },
      async (request) => medication.administrationPage(callerOf(request), request.params.id, request.query),
    );

    app.post(
      '/api/v1/persons/:id/prescriptions',
      {
        config: route('medication.prescribe'),
        schema: {
          tags,
          summary:
            'Prescribe (MDX-1 structured; MDX-4 duplicates refused unless replacing; MDX-5; allergy check)',
          params: idParams,
          body: prescriptionInputSchema,
          response: { 201: prescriptionWrittenSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await medication.prescribe(callerOf(request), request.params.id, request.body)),
    );

    app.post(
      '/api/v1/medication/prescriptions/:id/revisions',
      {
        config: route('medication.prescribe'),
        schema: {
          tags,
          summary: 'Revise a prescription: a new version with a new dose or timing',
          params: idParams,
          body: prescriptionRevisionSchema,
          response: { 201: prescriptionWrittenSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await medication.revise(callerOf(request), request.params.id, request.body)),
    );

    app.post(
      '/api/v1/medication/prescriptions/:id/status',
      {
        config: route('medication.prescribe'),
        schema: {
          tags,
          summary: 'Pause, resume or stop a prescription with a reason: a new version',
          params: idParams,
          body: prescriptionStatusChangeSchema,
          response: { 201: prescriptionWrittenSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await medication.changeStatus(callerOf(request), request.params.id, request.body)),
    );

    app.post(
      '/api/v1/medication/prescriptions/:id/administrations',
      {
        config: route('medication.administer'),
        schema: {
          tags,
          summary:
            'Record a due dose (MDX-2: once) or a PRN dose: given, given in part, or not given with a coded reason',
          params: idParams,
          headers: idempotencyHeaders,
          body: administrationInputSchema,
          response: { 201: administrationRecordedSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await medication.record(
              callerOf(request),
              request.params.id,
              request.body,
              request.headers['idempotency-key'],
            ),
          ),
    );

    app.get(
      '/api/v1/medication/round',
      {
        config: route('medication.read'),
        schema: {
          tags,
          summary: 'The dose round: one row per due dose of a unit and a round time (MDX-2)',
          querystring: roundQuerySchema,
          response: { 200: compiledResponse(roundSchema) },
        },
      },
      async (request) => medication.round(callerOf(request), request.query),
    );
  };
}
