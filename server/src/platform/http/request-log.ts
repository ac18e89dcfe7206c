import type { FastifyInstance } from 'fastify';
import { statementsSoFar, withStatementTally } from '../db/statement-count.ts';

export interface RequestLogOptions {
  /** At or above this duration a request is logged at info level. */
  slowRequestMs: number;
  /** Tests: answer with the request's statement count in `x-statement-count` (issue 13). */
  statementCountHeader?: boolean;
}

/**
 * One log line per request at most, with its route pattern (never the URL: a query string may hold
 * a person's name), status, duration and number of database statements. At info level only for a
 * slow request; an error is already logged at error level by the problem handler, so its line stays
 * at debug like every other. LOG_LEVEL=debug shows every request. Registered before the access
 * gate, so the gate's own statements are counted.
 */
export function registerRequestLog(app: FastifyInstance, options: RequestLogOptions): void {
  app.addHook('onRequest', (_request, _reply, done) => withStatementTally(done));
  if (options.statementCountHeader) {
    app.addHook('onSend', async (_request, reply, payload) => {
      reply.header('x-statement-count', String(statementsSoFar() ?? 0));
      return payload;
    });
  }
  app.addHook('onResponse', (request, reply, done) => {
    const ms = Math.round(reply.elapsedTime * 10) / 10;
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: reply.statusCode,
      ms,
      statements: statementsSoFar() ?? 0,
    };
    if (ms >= options.slowRequestMs && reply.statusCode < 500) request.log.info(line, 'slow request');
    else request.log.debug(line, 'request');
    done();
  });
}
