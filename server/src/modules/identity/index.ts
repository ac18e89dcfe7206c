import type { ServerModule } from '../../platform/module.ts';
import type { Services } from '../../services.ts';
import type { AuditServices } from '../audit/index.ts';
import type { RegistryServices } from '../registry/index.ts';
import { type BreakGlassService, breakGlassWorklist, createBreakGlassService } from './break-glass.ts';
import * as m0002 from './migrations/0002_identity.ts';
import * as m0005 from './migrations/0005_break_glass.ts';
import * as m0018 from './migrations/0018_identity_hardening.ts';
import { identityRoutes } from './routes.ts';
import { identitySeed } from './seed.ts';
import { createIdentityService, type IdentityService } from './service.ts';
import { createSessionCache, type SessionCache } from './session-cache.ts';

export { registerAccessControl, registerRefusedWriteAudit, requestContext } from './auth.ts';
export type { BreakGlassService } from './break-glass.ts';
export { type Caller, callerOf, type Viewer } from './caller.ts';
export { type Actor, actorForAudit, type IdentityService, type RequestContext } from './service.ts';

export interface IdentityServices {
  /** Accounts, sessions, two-factor sign-in, roles and their scope. */
  identity: IdentityService;
  /** Break-the-glass access: emergency reach outside one's scope, reviewed afterwards. */
  breakGlass: BreakGlassService;
  /** What the session gate read, kept a few seconds per replica (ADR 0032); started by the app. */
  sessionCache: SessionCache;
}

export const identityModule: ServerModule<IdentityServices, AuditServices & RegistryServices> = {
  name: 'identity',
  migrations: { '0002_identity': m0002, '0005_break_glass': m0005, '0018_identity_hardening': m0018 },
  needs: ['audit', 'registry'],
  build: ({ config, database, clock }, { audit, registry }) => {
    const sessions = createSessionCache(database, { ttlMs: config.sessionCacheMs });
    return {
      identity: createIdentityService(database.db, clock, audit, { production: config.production }, sessions),
      breakGlass: createBreakGlassService(
        database.db,
        clock,
        audit,
        registry,
        { minutes: config.breakGlassMinutes, perDay: config.breakGlassPerDay },
        sessions,
      ),
      sessionCache: sessions,
    };
  },
  routes: (services: Services) => [identityRoutes(services)],
  seed: identitySeed,
  worklist: ({ breakGlass }) => [breakGlassWorklist(breakGlass)],
};
