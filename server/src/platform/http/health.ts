import { healthSchema } from '@custodia/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Services } from '../../services.ts';
import { ping } from '../db/database.ts';
import { VERSION } from '../version.ts';

/** `GET /api/health`: for load balancers and operators. 503 when the database does not answer. */
export function healthRoutes(services: Services): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/health',
      {
        config: { permission: 'public', dataClass: 'public' },
        schema: {
          tags: ['platform'],
          summary: 'Service and database health',
          response: { 200: healthSchema, 503: healthSchema },
        },
      },
      async (_request, reply) => {
        const ok = await ping(services.database.db);
        return reply.status(ok ? 200 : 503).send({
          status: ok ? 'ok' : 'unavailable',
          database: services.database.dialect,
          version: VERSION,
        });
      },
    );
  };
}
