import { timingSafeEqual } from 'node:crypto';
import type { RouteAction } from '@custodia/domain/audit/words';
import type {} from '@fastify/cookie';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, forbidden, unauthenticated } from '../../platform/errors.ts';
import type { AuditService } from '../audit/index.ts';
import { type Caller, callerFor } from './caller.ts';
import { actorForAudit, type IdentityService, type RequestContext } from './service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in caller, set by the gate on every route that declares a permission (ADR 0021). */
    caller: Caller | null;
  }
}

export const SESSION_COOKIE = 'custodia_session';
export const PENDING_COOKIE = 'custodia_pending';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const requestContext = (request: FastifyRequest): RequestContext => ({
  clientAddress: request.ip ?? null,
});

export function setSessionCookie(reply: FastifyReply, token: string, production: boolean) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: production,
    path: '/',
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A refused request is audited under its route (`GET /api/v1/users/:id`), read as "Request …". */
const routeAction = (request: FastifyRequest) =>
  `${request.method} ${request.routeOptions.url}` as RouteAction;

/**
 * The gate in front of every route (STANDARDS MED-1, X-3; denials audited, X-2): it runs before validation and before any
 * lookup, so a caller without the permission gets the same 403 for an existing and a missing record.
 * A denied request leaves a `denied` audit event.
 */
export function registerAccessControl(app: FastifyInstance, identity: IdentityService, audit: AuditService) {
  app.decorateRequest('caller', null);
  app.addHook('onRequest', async (request, reply) => {
    const { permission, dataClass } = request.routeOptions.config ?? {};
    if (!permission || permission === 'public') return;
    const actor = await identity.actorForToken(request.cookies[SESSION_COOKIE]);
    if (!actor) {
      if (request.cookies[SESSION_COOKIE]) clearSessionCookie(reply);
      throw unauthenticated();
    }
    if (
      !SAFE_METHODS.has(request.method) &&
      !sameToken(request.headers[CSRF_HEADER] as string | undefined, actor.csrfToken)
    ) {
      await audit.recordDenied(actor.sessionId, actorForAudit(actor, requestContext(request)), {
        action: routeAction(request),
        dataClass: dataClass ?? 'public',
        details: { reason: 'csrf' },
      });
      throw forbidden('The request was refused: reload the page and try again.', { code: 'csrf_failed' });
    }
    request.caller = callerFor(actor, requestContext(request), permission);
    if (permission === 'authenticated') return;
    if (!actor.permissions.has(permission)) {
      const params = (request.params ?? {}) as Record<string, string>;
      await audit.recordDenied(actor.sessionId, actorForAudit(actor, requestContext(request)), {
        action: routeAction(request),
        dataClass: dataClass ?? 'public',
        resourceId: params.id ?? null,
        personId: params.personId ?? null,
        details: { permission },
      });
      if (actor.mustChangePassword) {
        throw forbidden('Change your one-time password before using Custodia.', {
          code: 'password_change_required',
        });
      }
      throw actor.twoFactorEnrolmentRequired
        ? forbidden('Set up two-factor sign-in before using Custodia.', { code: 'two_factor_required' })
        : forbidden('You are not allowed to do this.');
    }
  });
}

/** The data classes of the medical record: a refused write to them is audited. */
const CLINICAL_CLASSES = new Set(['clinical', 'restricted_clinical']);

/** The status and code an error will be answered with (as the problem handler maps them). */
function refusalOf(error: FastifyError): { status: number; code: string } {
  if (error instanceof AppError) return { status: error.status, code: error.code };
  if (hasZodFastifySchemaValidationErrors(error)) return { status: 400, code: 'validation_failed' };
  return { status: error.statusCode ?? 500, code: error.code ?? 'error' };
}

/**
 * a clinical write refused after the gate (out of the user's scope, a rule broken, a conflict,
 * invalid input) rolls back its transaction and with it the audit event it had written; without
 * this, the attempt would leave no trace. It is recorded as `denied`, with the status and the code
 * of the answer, in a transaction of its own (rate-limited per session like every denial). The
 * gate's own refusals are recorded by the gate; unexpected errors (5xx) are logged instead.
 */
export function registerRefusedWriteAudit(app: FastifyInstance, audit: AuditService) {
  app.addHook('onError', async (request, _reply, error) => {
    const { permission, dataClass } = request.routeOptions.config ?? {};
    const caller = request.caller;
    if (!caller || !permission || SAFE_METHODS.has(request.method)) return;
    if (!dataClass || !CLINICAL_CLASSES.has(dataClass)) return;
    if (permission !== 'authenticated' && !caller.has(permission)) return;
    const { status, code } = refusalOf(error);
    if (status < 400 || status >= 500) return;
    const params = (request.params ?? {}) as Record<string, string>;
    await audit.recordDenied(caller.user.sessionId, caller.auditAs(permission), {
      action: routeAction(request),
      dataClass,
      resourceId: params.id ?? null,
      details: { status, code },
    });
  });
}
