import type { Permission } from '@custodia/domain';
import type { FastifyRequest } from 'fastify';
import { unauthenticated } from '../../platform/errors.ts';
import type { AuditActor } from '../audit/index.ts';
import { type Actor, actorForAudit, type RequestContext } from './service.ts';

/**
 * Whose data a caller may reach, as the services' scope checks need it: the institutions they work
 * in (or all, with national scope), the people opened by an active break-the-glass grant, and
 * whether they read items marked sensitive by others (`clinical.restricted.read`).
 */
export interface Viewer {
  userId: string;
  institutionIds: string[];
  national: boolean;
  breakGlassPersonIds?: string[];
  restrictedReader: boolean;
}

/** The audit trail's actor for a signed-in user: always names them. */
export type SignedInAuditActor = AuditActor & { userId: string };

/**
 * The one caller of a request (ADR 0021): the signed-in user, their scope, their permissions and the
 * request's purpose — the permission its route declared. The gate builds it once
 * (`request.caller`); routes pass it, or its `viewer` and `audit`, to the services.
 */
export interface Caller {
  /** The signed-in user as identity knows them (roles, session, language). */
  user: Actor;
  userId: string;
  /** The permission the route declared: what this request is for. */
  purpose: Permission;
  has(permission: Permission): boolean;
  viewer: Viewer;
  /** Who the audit trail names: the user, their address and the roles granting the purpose. */
  audit: SignedInAuditActor;
  /** The same for another permission, or (none given) with all of the user's roles. */
  auditAs(permission?: Permission): SignedInAuditActor;
}

/** The caller of a request by `user`, for a route that declared `purpose`. */
export function callerFor(user: Actor, context: RequestContext, purpose: Permission): Caller {
  const specific = purpose === 'authenticated' || purpose === 'public' ? undefined : purpose;
  const auditAs = (permission?: Permission) => ({
    ...actorForAudit(user, context, permission),
    userId: user.userId,
  });
  return {
    user,
    userId: user.userId,
    purpose,
    has: (permission) => user.permissions.has(permission),
    viewer: {
      userId: user.userId,
      institutionIds: user.institutionIds,
      national: user.national,
      breakGlassPersonIds: user.breakGlassPersonIds,
      restrictedReader: user.permissions.has('clinical.restricted.read'),
    },
    audit: auditAs(specific),
    auditAs,
  };
}

/** The caller of a route that declared a permission other than `public`. */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw unauthenticated();
  return request.caller;
}
