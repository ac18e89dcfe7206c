import {
  controlledBookSchema,
  controlledCountInputSchema,
  controlledCountWrittenSchema,
  incidentResolveInputSchema,
  movementQuerySchema,
  stockDispenseInputSchema,
  stockIssueInputSchema,
  stockMovementPageSchema,
  stockOverviewSchema,
  stockQuerySchema,
  stockReceiptInputSchema,
  stockReportQuerySchema,
  stockReturnInputSchema,
  stockTaskResolveInputSchema,
  stockWriteOffInputSchema,
  stockWrittenSchema,
} from '@custodia/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendExport } from '../../../platform/export/attachment.ts';
import { idempotencyHeaders } from '../../../platform/http/idempotency.ts';
import { fileResponse } from '../../../platform/http/responses.ts';
import { idParams, routeConfig as route } from '../../../platform/http/routes.ts';
import { callerOf } from '../../identity/index.ts';
import type { MedicationService } from '../service.ts';

const tags = ['medication'];
const idOnly = z.object({ id: z.string() });

/**
 * The pharmacy API (issue 15 item 3; ADR 0040). Stock without persons is administrative
 * (`medication.stock.read`, `medication.stock.manage`); a supply to a person is clinical
 * (`medication.dispense`). PHC-3: custodial roles hold none of them (403 on every route).
 */
export function pharmacyRoutes({ medication }: { medication: MedicationService }): FastifyPluginAsyncZod {
  const pharmacy = medication.pharmacy;
  return async (app) => {
    app.get(
      '/api/v1/medication/stock',
      {
        config: route('medication.stock.read'),
        schema: {
          tags,
          summary:
            'The stock of an institution by drug, with batches, expiries, stock-outs and open stock tasks',
          querystring: stockQuerySchema,
          response: { 200: stockOverviewSchema },
        },
      },
      async (request) => pharmacy.overview(callerOf(request), request.query.institutionId),
    );

    app.get(
      '/api/v1/medication/stock/movements',
      {
        config: route('medication.stock.read'),
        schema: {
          tags,
          summary: 'The stock ledger (append-only), newest first, paged; no person named',
          querystring: movementQuerySchema,
          response: { 200: stockMovementPageSchema },
        },
      },
      async (request) => pharmacy.movements(callerOf(request), request.query),
    );

    app.post(
      '/api/v1/medication/stock/receipts',
      {
        config: route('medication.stock.manage'),
        schema: {
          tags,
          summary: 'Receive stock: a batch with its number, expiry, quantity and supplier',
          headers: idempotencyHeaders,
          body: stockReceiptInputSchema,
          response: { 201: stockWrittenSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await pharmacy.receive(callerOf(request), request.body, request.headers['idempotency-key'])),
    );

    app.post(
      '/api/v1/medication/stock/issues',
      {
        config: route('medication.stock.manage'),
        schema: {
          tags,
          summary: 'Issue ward stock to a round (never below zero; never an expired batch)',
          headers: idempotencyHeaders,
          body: stockIssueInputSchema,
          response: { 201: stockWrittenSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await pharmacy.issue(callerOf(request), request.body, request.headers['idempotency-key'])),
    );

    app.post(
      '/api/v1/medication/stock/dispensings',
      {
        config: route('medication.dispense'),
        schema: {
          tags,
          summary: 'Dispense a supply to a person (in-possession or release) against an active prescription',
          headers: idempotencyHeaders,
          body: stockDispenseInputSchema,
          response: { 201: stockWrittenSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await pharmacy.dispense(callerOf(request), request.body, request.headers['idempotency-key'])),
    );

    app.post(
      '/api/v1/medication/stock/returns',
      {
        config: route('medication.stock.manage'),
        schema: {
          tags,
          summary: 'Return stock into a batch with a reason',
          headers: idempotencyHeaders,
          body: stockReturnInputSchema,
          response: { 201: stockWrittenSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await pharmacy.returnStock(callerOf(request), request.body, request.headers['idempotency-key']),
          ),
    );

    app.post(
      '/api/v1/medication/stock/write-offs',
      {
        config: route('medication.stock.manage'),
        schema: {
          tags,
          summary:
            'Wastage or destruction with a reason; a controlled drug needs a different user as witness',
          headers: idempotencyHeaders,
          body: stockWriteOffInputSchema,
          response: { 201: stockWrittenSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await pharmacy.writeOff(callerOf(request), request.body, request.headers['idempotency-key'])),
    );

    app.post(
      '/api/v1/medication/stock-tasks/:id/resolution',
      {
        config: route('medication.stock.manage'),
        schema: {
          tags,
          summary: 'MDX-3: close a stock task: received, substituted or prescriber informed, with a note',
          params: idParams,
          body: stockTaskResolveInputSchema,
          response: { 201: idOnly },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await pharmacy.resolveTask(callerOf(request), request.params.id, request.body)),
    );

    app.get(
      '/api/v1/medication/controlled',
      {
        config: route('medication.stock.read'),
        schema: {
          tags,
          summary: 'The controlled-drug book: balances, the last week of daily counts, incidents',
          querystring: stockQuerySchema,
          response: { 200: controlledBookSchema },
        },
      },
      async (request) => pharmacy.controlledBook(callerOf(request), request.query.institutionId),
    );

    app.post(
      '/api/v1/medication/controlled/counts',
      {
        config: route('medication.stock.manage'),
        schema: {
          tags,
          summary:
            'The daily count of a controlled drug, witnessed; a difference from the book opens an incident',
          headers: idempotencyHeaders,
          body: controlledCountInputSchema,
          response: { 201: controlledCountWrittenSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await pharmacy.recordCount(callerOf(request), request.body, request.headers['idempotency-key']),
          ),
    );

    app.post(
      '/api/v1/medication/controlled/incidents/:id/resolution',
      {
        config: route('medication.controlled.resolve'),
        schema: {
          tags,
          summary: 'Resolve a controlled-drug count incident with an explanation',
          params: idParams,
          body: incidentResolveInputSchema,
          response: { 201: idOnly },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await pharmacy.resolveIncident(callerOf(request), request.params.id, request.body.explanation),
          ),
    );

    app.get(
      '/api/v1/medication/stock/report',
      {
        config: route('medication.stock.read'),
        schema: {
          tags,
          summary: 'Stock and expiry per institution and month, as CSV or PDF',
          querystring: stockReportQuerySchema,
          response: { 200: fileResponse(['text/csv', 'application/pdf'], 'The report as CSV or PDF') },
        },
      },
      async (request, reply) =>
        sendExport(reply, await medication.stockReport(callerOf(request), request.query)),
    );
  };
}
