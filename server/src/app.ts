import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { fhirResourceRoutes } from './fhir/resources.ts';
import { fhirRoutes } from './fhir/routes.ts';
import { registerAccessControl, registerRefusedWriteAudit } from './modules/identity/index.ts';
import { serverModules } from './modules.ts';
import { startKeptReads, stopKeptReads } from './platform/db/kept-read.ts';
import { healthRoutes } from './platform/http/health.ts';
import { registerProblemHandlers, sendProblem } from './platform/http/problem.ts';
import { registerRequestLog } from './platform/http/request-log.ts';
import { registerCachePolicy, registerRouteTable } from './platform/http/routes.ts';
import { registerSecurityHeaders } from './platform/http/security-headers.ts';
import { serializerCompiler } from './platform/http/serializer.ts';
import { registerWebApp } from './platform/http/static.ts';
import { moduleRoutes } from './platform/module.ts';
import { VERSION } from './platform/version.ts';
import type { Services } from './services.ts';

export interface AppOptions {
  /** pino options, or false for no logging (tests). */
  logger?: FastifyServerOptions['logger'];
  /** Tests: each answer carries its number of database statements (`x-statement-count`). */
  statementCountHeader?: boolean;
}

/** Where the built web app lives: CUSTODIA_WEB_DIR, or web/dist beside the server package. */
export function resolveWebDir(configured: string | undefined): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = configured
    ? [configured]
    : [path.resolve(here, '../../web/dist'), path.resolve(here, '../web/dist')];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'index.html')));
}

/** Log lines carry the route pattern, never the URL: a query string may hold a person's name. */
const loggerSerializers = {
  req: (req: { method: string; id: string; routeOptions?: { url?: string } }) => ({
    id: req.id,
    method: req.method,
    route: req.routeOptions?.url ?? 'unmatched',
  }),
};

/** Answers smaller than this are sent as they are (ADR 0047). */
export const COMPRESS_MIN_BYTES = 1024;

export async function buildApp(services: Services, options: AppOptions = {}): Promise<FastifyInstance> {
  const logger = options.logger === undefined ? false : options.logger;
  const app = Fastify({
    logger: logger === false || logger === true ? logger : { ...logger, serializers: loggerSerializers },
    bodyLimit: services.config.bodyLimitBytes,
    // Only named proxies may set X-Forwarded-For (the audit trail and sign-in limit use the address).
    trustProxy: services.config.trustProxy,
    return503OnClosing: true,
    // One line per request at most, written by registerRequestLog.
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerRouteTable(app);
  registerCachePolicy(app);
  registerProblemHandlers(app);
  registerRequestLog(app, {
    slowRequestMs: services.config.slowRequestMs,
    statementCountHeader: options.statementCountHeader ?? false,
  });

  // Security headers; scripts only from this origin (no 'unsafe-inline'). Mantine sets inline styles.
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: services.config.production ? [] : null,
      },
    },
    strictTransportSecurity: services.config.production,
  });
  // Answers of 1 KB or more (JSON, CSV, text) in brotli (quality 4) or gzip as the client accepts
  // (issue 13, ADR 0047); smaller ones cost more to compress than they save. The web app's files come
  // precompressed from the build and pass through untouched (their Content-Encoding is already set);
  // the board's event stream is written straight to the socket. Request bodies are not decompressed.
  await app.register(fastifyCompress, {
    threshold: COMPRESS_MIN_BYTES,
    encodings: ['br', 'gzip'],
    globalDecompression: false,
  });
  await app.register(fastifyCookie);
  // Per-address limits on the routes that ask for them (sign-in); per replica, in memory.
  await app.register(fastifyRateLimit, { global: false });
  // The session gate's cache listens to the other replicas before the first request (ADR 0032).
  await services.sessionCache.start();
  app.addHook('onClose', () => services.sessionCache.stop());
  // So do the kept reads of small tables (the rule thresholds, ADR 0059).
  await startKeptReads(services.database);
  app.addHook('onClose', () => stopKeptReads(services.database));
  registerAccessControl(app, services.identity, services.audit);
  registerRefusedWriteAudit(app, services.audit);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Custodia API',
        version: VERSION,
        description:
          'Health care and humane management in prisons. Every operation declares the permission it needs ' +
          '(x-permission) and the class of data it touches (x-data-class).',
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (documentObject) => {
      const document =
        'openapiObject' in documentObject ? documentObject.openapiObject : documentObject.swaggerObject;
      const paths = (document.paths ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
      for (const entry of app.routeTable) {
        const openapiPath = entry.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
        const operation = paths[openapiPath]?.[entry.method.toLowerCase()];
        if (operation) {
          operation['x-permission'] = entry.permission;
          operation['x-data-class'] = entry.dataClass;
        }
      }
      return document as never;
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get(
    '/api/openapi.json',
    { config: { permission: 'public', dataClass: 'public' }, schema: { hide: true } },
    async () => app.swagger(),
  );

  await app.register(healthRoutes(services));
  for (const routes of moduleRoutes(serverModules, services)) {
    await app.register(routes);
  }
  await app.register(fhirRoutes(services));
  await app.register(fhirResourceRoutes(services));

  const webDir = resolveWebDir(services.config.webDir);
  if (webDir) {
    await registerWebApp(app, webDir);
  }

  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    const isApi = url.startsWith('/api/') || url === '/api' || url.startsWith('/fhir/');
    if (!isApi && webDir && (request.method === 'GET' || request.method === 'HEAD')) {
      // A page of the single-page app: the web app's router decides what it shows.
      return reply.header('cache-control', 'no-cache').sendFile('index.html', webDir);
    }
    return sendProblem(reply, 404, 'route_not_found', `No route ${request.method} ${url}.`);
  });

  return app;
}
