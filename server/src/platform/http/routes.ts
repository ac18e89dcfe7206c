import { type DataClass, type Permission, permissionCatalogue } from '@custodia/domain';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { z } from 'zod';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The capability a caller needs (STANDARDS MED-1, X-3). Every route declares one. */
    permission?: Permission;
    /** The class of data the route touches (PRODUCT.md). Every route declares one. */
    dataClass?: DataClass;
  }
  interface FastifyInstance {
    routeTable: RouteEntry[];
  }
}

export interface RouteEntry {
  method: string;
  url: string;
  permission: Permission | undefined;
  dataClass: DataClass | undefined;
  /** The statuses the route declares a response schema for (a JSON schema or explicit content types). */
  responses: string[];
}

/** A route's `config`: its permission and the data class the permission catalogue gives it (ADR 0006). */
export const routeConfig = (permission: Permission) => ({
  permission,
  dataClass: permissionCatalogue[permission].dataClass,
});

/** The path parameters of a route on one record: `/…/:id`. */
export const idParams = z.object({ id: z.string().min(1).max(64) });

/**
 * Routes that plugins register (the API docs and the web app's files) and that cannot carry our
 * config themselves: declared here, in one table, as public.
 */
const publicInfrastructure: RegExp[] = [/^\/api\/docs(\/|$)/, /^\/\*$/, /^\/$/];

/**
 * Records every route with its declared permission and data class, and refuses to start an app with a
 * route that declares neither: a missing declaration is a start-up error, not a silent open door.
 */
export function registerRouteTable(app: FastifyInstance): void {
  app.decorate('routeTable', [] as RouteEntry[]);
  app.addHook('onRoute', (route: RouteOptions) => {
    const config = (route.config ?? {}) as { permission?: Permission; dataClass?: DataClass };
    if (!config.permission && publicInfrastructure.some((re) => re.test(route.url))) {
      route.config = { ...config, permission: 'public', dataClass: 'public' } as RouteOptions['config'];
    }
    const declared = (route.config ?? {}) as { permission?: Permission; dataClass?: DataClass };
    if (!declared.permission || !declared.dataClass) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no permission or data class`);
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      app.routeTable.push({
        method: String(method),
        url: route.url,
        permission: declared.permission,
        dataClass: declared.dataClass,
        responses: Object.keys((route.schema?.response ?? {}) as object),
      });
    }
  });
}

/** Data classes no cache may keep a response of (MED-9): health data stays out of browser and proxy caches. */
const noStoreClasses: ReadonlySet<DataClass> = new Set<DataClass>([
  'clinical',
  'restricted_clinical',
  'health_alert',
]);

/**
 * Every response of a route that declares a health data class — answers and errors alike — carries
 * `Cache-Control: no-store` (MED-9), decided here from the declaration rather than route by route.
 */
export function registerCachePolicy(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const dataClass = request.routeOptions.config?.dataClass;
    if (dataClass && noStoreClasses.has(dataClass)) {
      const current = reply.getHeader('cache-control');
      if (!String(current ?? '').includes('no-store')) reply.header('cache-control', 'no-store');
    }
    return payload;
  });
}
