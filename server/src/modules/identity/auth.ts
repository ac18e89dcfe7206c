import { timingSafeEqual } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import type { AuditService } from '../audit/service.ts';
import { type Actor, actorForAudit, type IdentityService, type RequestContext } from './service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
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

/**
 * The gate in front of every route (STANDARDS MED-1, X-3; denials audited, X-2): it runs before validation and before any
 * lookup, so a caller without the permission gets the same 403 for an existing and a missing record.
 * A denied request leaves a `denied` audit event.
 */
export function registerAccessControl(app: FastifyInstance, identity: IdentityService, audit: AuditService) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request, reply) => {
    const { permission, dataClass } = request.routeOptions.config ?? {};
    if (!permission || permission === 'public') return;
    const actor = await identity.actorForToken(request.cookies[SESSION_COOKIE]);
    if (!actor) {
      if (request.cookies[SESSION_COOKIE]) clearSessionCookie(reply);
      throw new AppError('unauthenticated', 401, 'Sign in to continue.');
    }
    if (
      !SAFE_METHODS.has(request.method) &&
      !sameToken(request.headers[CSRF_HEADER] as string | undefined, actor.csrfToken)
    ) {
      await audit.recordAlone(actorForAudit(actor, requestContext(request)), {
        action: `${request.method} ${request.routeOptions.url}`,
        dataClass: dataClass ?? 'public',
        outcome: 'denied',
        details: { reason: 'csrf' },
      });
      throw new AppError('csrf_failed', 403, 'The request was refused: reload the page and try again.');
    }
    request.actor = actor;
    if (permission === 'authenticated') return;
    if (!actor.permissions.has(permission)) {
      const params = (request.params ?? {}) as Record<string, string>;
      await audit.recordAlone(actorForAudit(actor, requestContext(request)), {
        action: `${request.method} ${request.routeOptions.url}`,
        dataClass: dataClass ?? 'public',
        outcome: 'denied',
        resourceId: params.id ?? null,
        personId: params.personId ?? null,
        details: { permission },
      });
      if (actor.mustChangePassword) {
        throw new AppError(
          'password_change_required',
          403,
          'Change your one-time password before using Custodia.',
        );
      }
      throw new AppError(
        actor.twoFactorEnrolmentRequired ? 'two_factor_required' : 'forbidden',
        403,
        actor.twoFactorEnrolmentRequired
          ? 'Set up two-factor sign-in before using Custodia.'
          : 'You are not allowed to do this.',
      );
    }
  });
}

/** The signed-in actor of a route that declared a permission other than `public`. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated', 401, 'Sign in to continue.');
  return request.actor;
}
