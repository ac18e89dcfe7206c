import type { FastifyInstance } from 'fastify';

/**
 * One log line per request at most, with its route pattern (never the URL: a query string may hold
 * a person's name), status and duration. At info level only for a slow request; an error is already
 * logged at error level by the problem handler, so its line stays at debug like every other.
 * LOG_LEVEL=debug shows every request.
 */
export function registerRequestLog(app: FastifyInstance, slowRequestMs: number): void {
  app.addHook('onResponse', (request, reply, done) => {
    const ms = Math.round(reply.elapsedTime * 10) / 10;
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: reply.statusCode,
      ms,
    };
    if (ms >= slowRequestMs && reply.statusCode < 500) request.log.info(line, 'slow request');
    else request.log.debug(line, 'request');
    done();
  });
}
