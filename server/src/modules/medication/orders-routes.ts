import {
  medicationOkSchema,
  medicationSettingsQuerySchema,
  medicationSettingsSchema,
  medicationSettingsViewSchema,
  ordersOverviewSchema,
  prescriptionWrittenSchema,
  reconciliationInputSchema,
  reconciliationSchema,
  releaseLetterQuerySchema,
  renewalInputSchema,
  verbalOrderDecisionSchema,
  verbalOrderInputSchema,
} from '@custodia/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendExport } from '../../platform/export/attachment.ts';
import { fileResponse } from '../../platform/http/responses.ts';
import { idParams, routeConfig as route } from '../../platform/http/routes.ts';
import { callerOf } from '../identity/index.ts';
import type { MedicationService } from './service.ts';

const tags = ['medication'];

/**
 * Verbal orders, renewals, the institution's settings, reconciliation on arrival and release
 * (issue 15 items 2, 3 and 7; ADR 0045). Every route declares its permission and data class
 * (custodial roles hold none: 403, MED-3); every clinical read and write is audited in its transaction.
 */
export function ordersRoutes({ medication }: { medication: MedicationService }): FastifyPluginAsyncZod {
  const { orders } = medication;
  return async (app) => {
    app.post(
      '/api/v1/persons/:id/verbal-orders',
      {
        config: route('medication.verbal_order.record'),
        schema: {
          tags,
          summary: "Record a doctor's verbal (telephone) order: active at once, to be countersigned (MDX-1)",
          params: idParams,
          body: verbalOrderInputSchema,
          response: { 201: prescriptionWrittenSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await orders.recordVerbalOrder(callerOf(request), request.params.id, request.body)),
    );

    app.post(
      '/api/v1/medication/verbal-orders/:id/decision',
      {
        config: route('medication.prescribe'),
        schema: {
          tags,
          summary: 'Countersign a verbal order, or reject it with a reason (the prescription stops)',
          params: idParams,
          body: verbalOrderDecisionSchema,
          response: { 200: medicationOkSchema },
        },
      },
      async (request) => orders.decideVerbalOrder(callerOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/v1/medication/prescriptions/:id/renewal',
      {
        config: route('medication.prescribe'),
        schema: {
          tags,
          summary: 'Renew a prescription due for renewal: a new version with a new end (MDX-1)',
          params: idParams,
          body: renewalInputSchema,
          response: { 201: prescriptionWrittenSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await orders.renew(callerOf(request), request.params.id, request.body)),
    );

    app.get(
      '/api/v1/medication/orders',
      {
        config: route('medication.prescribe'),
        schema: {
          tags,
          summary: "The prescriber's orders: countersignatures, renewals, reconciliations, releases near",
          response: { 200: ordersOverviewSchema },
        },
      },
      async (request) => orders.overview(callerOf(request)),
    );

    app.get(
      '/api/v1/medication/reconciliations/:id',
      {
        config: route('medication.prescribe'),
        schema: {
          tags,
          summary: 'A medication reconciliation opened by an arrival, with the prior prescriptions (TRC-*)',
          params: idParams,
          response: { 200: reconciliationSchema },
        },
      },
      async (request) => orders.reconciliation(callerOf(request), request.params.id),
    );

    app.post(
      '/api/v1/medication/reconciliations/:id/decisions',
      {
        config: route('medication.prescribe'),
        schema: {
          tags,
          summary: 'Complete a reconciliation: continue or stop each prior prescription',
          params: idParams,
          body: reconciliationInputSchema,
          response: { 200: medicationOkSchema },
        },
      },
      async (request) => orders.reconcile(callerOf(request), request.params.id, request.body),
    );

    // ADR 0055: no release-plan route: the date is the registry's (PUT /api/v1/persons/:id/planned-release).
    app.get(
      '/api/v1/persons/:id/medication/release-letter',
      {
        config: route('medication.read'),
        schema: {
          tags,
          summary: 'The prescription letter for release (PDF, az/en/ru; TRC-4)',
          params: idParams,
          querystring: releaseLetterQuerySchema,
          response: { 200: fileResponse(['application/pdf'], 'The letter as PDF') },
        },
      },
      async (request, reply) =>
        sendExport(
          reply,
          await medication.releaseLetter(callerOf(request), request.params.id, request.query.language),
        ),
    );

    app.get(
      '/api/v1/medication/settings',
      {
        config: route('medication.settings.manage'),
        schema: {
          tags,
          summary: "An institution's medication settings: round times, drug flags, feldsher prescribing",
          querystring: medicationSettingsQuerySchema,
          response: { 200: medicationSettingsViewSchema },
        },
      },
      async (request) => orders.settings(callerOf(request), request.query.institutionId),
    );

    app.put(
      '/api/v1/medication/settings',
      {
        config: route('medication.settings.manage'),
        schema: {
          tags,
          summary: "Change an institution's medication settings (audited)",
          querystring: medicationSettingsQuerySchema,
          body: medicationSettingsSchema,
          response: { 200: medicationOkSchema },
        },
      },
      async (request) => orders.saveSettings(callerOf(request), request.query.institutionId, request.body),
    );
  };
}
