import {
  admitSchema,
  custodyEventInputSchema,
  custodyEventPageSchema,
  idResponseSchema,
  institutionDetailSchema,
  institutionsSchema,
  PHOTO_MAX_BYTES,
  pageQuerySchema,
  personPageSchema,
  personSummarySchema,
  photoStoredSchema,
  plannedReleaseSchema,
  readmitSchema,
  type SafetyAlert,
  spaceAlertsSchema,
  staffInputSchema,
  staffPageSchema,
} from '@custodia/domain';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden } from '../../platform/errors.ts';
import { fileResponse, noContentResponse } from '../../platform/http/responses.ts';
import { idParams, routeConfig as route } from '../../platform/http/routes.ts';
import type { Services } from '../../services.ts';
import { type Caller, callerOf } from '../identity/index.ts';

/**
 * MED-3: the health alerts in force of these people from whichever module contributes them (the
 * medical record's coded alerts), one statement per source for the whole page, and only for a reader
 * holding `health_alert.read`; any other reader gets the people without the key.
 */
function withAlerts(services: Services, caller: Caller) {
  return async <T extends { id: string }>(people: T[]): Promise<(T & { alerts?: SafetyAlert[] })[]> => {
    if (!caller.has('health_alert.read') || !people.length) return people;
    const ids = people.map((p) => p.id);
    const maps = await Promise.all(
      services.contributions.personAlerts.map((source) => source.inForce(services.database.db, ids)),
    );
    return people.map((p) => ({ ...p, alerts: maps.flatMap((m) => m.get(p.id) ?? []) }));
  };
}

export function registryRoutes(services: Services): FastifyPluginAsyncZod {
  const { registry } = services;
  const tags = ['registry'];

  return async (app) => {
    app.get(
      '/api/v1/institutions',
      {
        config: route('registry.institution.read'),
        schema: {
          tags,
          summary: 'Institutions',
          response: { 200: institutionsSchema },
        },
      },
      async () => ({ items: await registry.listInstitutions() }),
    );

    app.get(
      '/api/v1/institutions/:id',
      {
        config: route('registry.institution.read'),
        schema: {
          tags,
          summary: 'An institution with its units, cells and occupancy (RES-8 flags per cell)',
          params: idParams,
          response: { 200: institutionDetailSchema },
        },
      },
      async (request) => registry.getInstitution(request.params.id),
    );

    app.get(
      '/api/v1/registry/space-alerts',
      {
        config: route('registry.occupancy.read'),
        schema: {
          tags,
          summary: 'RES-8: cells below the minimum living space or over capacity',
          response: { 200: spaceAlertsSchema },
        },
      },
      async (request) => ({ items: await registry.spaceAlerts(callerOf(request).viewer) }),
    );

    app.get(
      '/api/v1/persons',
      {
        config: route('registry.person.read'),
        schema: {
          tags,
          summary: 'Find people by prison number or any part of a name, in any script',
          querystring: pageQuerySchema.extend({ q: z.string().max(120).optional() }),
          response: { 200: personPageSchema },
        },
      },
      async (request) => {
        const caller = callerOf(request);
        const page = await registry.searchPersons(caller.viewer, request.query);
        // MED-3: each person with their health alerts in force (one read for the page).
        return { ...page, items: await withAlerts(services, caller)(page.items) };
      },
    );

    app.post(
      '/api/v1/persons',
      {
        config: route('registry.person.write'),
        schema: {
          tags,
          summary:
            'Admit a person (Mandela rule 7 data required, ADM-3); 409 possible_duplicate lists candidates',
          body: admitSchema,
          response: { 201: idResponseSchema },
        },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        const id = await registry.admit(caller.audit, caller.viewer, request.body);
        return reply.status(201).send({ id });
      },
    );

    app.get(
      '/api/v1/persons/:id',
      {
        config: route('registry.person.read'),
        schema: {
          tags,
          summary: 'A person’s custodial summary: identity, status and location',
          params: idParams,
          response: { 200: personSummarySchema },
        },
      },
      async (request) => {
        const caller = callerOf(request);
        const person = await registry.getPerson(caller.viewer, request.params.id, caller.auditAs());
        // MED-3: the summary carries the health alerts in force, for custodial staff too.
        const [withAlert] = await withAlerts(services, caller)([person]);
        return withAlert ?? person;
      },
    );

    app.post(
      '/api/v1/persons/:id/admissions',
      {
        config: route('registry.person.write'),
        schema: {
          tags,
          summary:
            'Admit again a person already registered, after a release: a new custody episode with the Mandela rule 7 data (ADM-3)',
          params: idParams,
          body: readmitSchema,
          response: { 201: idResponseSchema },
        },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        const id = await registry.readmit(
          caller.audit,
          caller.viewer,
          request.params.id,
          request.body.admission,
        );
        return reply.status(201).send({ id });
      },
    );

    app.put(
      '/api/v1/persons/:id/planned-release',
      {
        config: route('registry.person.write'),
        schema: {
          tags,
          summary:
            'Record or clear the planned release date of the current custody (never before the admission; ADR 0050)',
          params: idParams,
          body: plannedReleaseSchema,
          response: { 204: noContentResponse },
        },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        await registry.setPlannedRelease(caller.audit, caller.viewer, request.params.id, request.body);
        return reply.status(204).send();
      },
    );

    app.get(
      '/api/v1/persons/:id/photo',
      {
        config: route('registry.person.read'),
        schema: {
          tags,
          summary: 'A person’s current photo (JPEG or PNG); 404 when there is none',
          params: idParams,
          response: { 200: fileResponse(['image/jpeg', 'image/png'], 'The photo') },
        },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        const photo = await registry.getPhoto(caller.viewer, request.params.id, caller.auditAs());
        return reply
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff')
          .type(photo.contentType)
          .send(photo.bytes);
      },
    );

    // The photo upload takes a raw body of any declared type, on this route only (its own plugin
    // context): the type is then read from the bytes, never from the Content-Type header.
    await app.register(async (plugin) => {
      const upload = plugin.withTypeProvider<ZodTypeProvider>();
      upload.removeAllContentTypeParsers();
      upload.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: PHOTO_MAX_BYTES }, (_r, body, done) =>
        done(null, body),
      );
      upload.put(
        '/api/v1/persons/:id/photo',
        {
          config: route('registry.person.write'),
          bodyLimit: PHOTO_MAX_BYTES,
          schema: {
            tags,
            summary:
              'Store a new photo of a person (ADM-3 identity): raw JPEG or PNG body, at most 2 MB, type checked by content; the earlier photo stays as history',
            params: idParams,
            response: { 201: photoStoredSchema },
          },
        },
        async (request, reply) => {
          const caller = callerOf(request);
          const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
          const stored = await registry.putPhoto(caller.audit, caller.viewer, request.params.id, body);
          return reply.status(201).send(stored);
        },
      );
    });

    app.get(
      '/api/v1/persons/:id/events',
      {
        config: route('registry.person.read'),
        schema: {
          tags,
          summary: 'Custody history, oldest first',
          params: idParams,
          querystring: pageQuerySchema,
          response: { 200: custodyEventPageSchema },
        },
      },
      async (request) => {
        const caller = callerOf(request);
        return registry.listEvents(caller.viewer, request.params.id, request.query, caller.audit);
      },
    );

    app.post(
      '/api/v1/persons/:id/events',
      {
        config: route('registry.person.write'),
        schema: {
          tags,
          summary:
            'Record a custody event: placement, transfer, absence, return, release, legal status, correction',
          params: idParams,
          body: custodyEventInputSchema,
          response: { 201: idResponseSchema },
        },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        const id = await registry.recordEvent(caller.audit, caller.viewer, request.params.id, request.body);
        return reply.status(201).send({ id });
      },
    );

    app.get(
      '/api/v1/staff',
      {
        config: route('registry.staff.read'),
        schema: {
          tags,
          summary: 'Staff directory',
          querystring: pageQuerySchema.extend({ institutionId: z.string().max(64).optional() }),
          response: { 200: staffPageSchema },
        },
      },
      async (request) => {
        const { user, viewer } = callerOf(request);
        // The system administrator links accounts to staff everywhere; others see their prisons only.
        const everywhere = user.national || user.roles.includes('system_admin');
        if (!everywhere && !user.institutionIds.length) return { items: [], nextCursor: null };
        return registry.listStaff({ ...viewer, national: everywhere }, request.query);
      },
    );

    app.post(
      '/api/v1/staff',
      {
        config: route('registry.staff.manage'),
        schema: {
          tags,
          summary: 'Add a staff member',
          body: staffInputSchema,
          response: { 201: idResponseSchema },
        },
      },
      async (request, reply) => {
        const { user, audit } = callerOf(request);
        if (
          !user.national &&
          !user.roles.includes('system_admin') &&
          !user.institutionIds.includes(request.body.institutionId)
        ) {
          throw forbidden('You do not work in that institution.');
        }
        return reply.status(201).send({ id: await registry.createStaff(audit, request.body) });
      },
    );
  };
}
