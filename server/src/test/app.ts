import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Clock, fixedClock, type Role } from '@custodia/domain';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { buildApp } from '../app.ts';
import { demoUsername } from '../modules/identity/seed.ts';
import { type Config, loadConfig } from '../platform/config.ts';
import { type DatabaseHandle, openDatabase } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { buildServices, type Services } from '../services.ts';

export type TestEngine = 'sqlite' | 'postgresql';

/** The engine this test run targets: CUSTODIA_TEST_ENGINE (set per Vitest project). */
export function testEngine(): TestEngine {
  return process.env.CUSTODIA_TEST_ENGINE === 'postgresql' ? 'postgresql' : 'sqlite';
}

/**
 * Whether PostgreSQL tests can run. Without TEST_DATABASE_URL they are skipped locally, but in CI
 * (CI=true) a missing or unreachable server is a failure, never a silent skip.
 */
export function postgresUnavailableReason(): string | undefined {
  if (testEngine() !== 'postgresql') return undefined;
  if (process.env.TEST_DATABASE_URL) return undefined;
  if (process.env.CI === 'true')
    throw new Error('CI=true but TEST_DATABASE_URL is not set: PostgreSQL tests cannot run');
  return 'TEST_DATABASE_URL is not set';
}

export interface TestDatabase {
  handle: DatabaseHandle;
  config: Config;
  /** PostgreSQL: the test's schema, so a second handle (another "replica") can open it too. */
  schema?: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database: a temporary SQLite file, or a new schema in the test PostgreSQL. */
export async function freshDatabase(
  engine: TestEngine = testEngine(),
  migrate = true,
): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-test-'));
    const file = path.join(dir, 'test.db');
    const config = loadConfig({
      CUSTODIA_DATABASE_URL: `sqlite:${file}`,
      CUSTODIA_STORAGE_DIR: path.join(dir, 'files'),
    });
    const handle = await openDatabase(config.database);
    if (migrate) await migrateToLatest(handle.db);
    return {
      handle,
      config,
      async drop() {
        await handle.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-test-files-'));
  const config = loadConfig({ CUSTODIA_DATABASE_URL: url, CUSTODIA_STORAGE_DIR: filesDir });
  const admin = await openDatabase(config.database, { poolSize: 1 });
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  await admin.close();
  const handle = await openDatabase(config.database, { searchPath: schema, poolSize: 5 });
  if (migrate) await migrateToLatest(handle.db);
  return {
    handle,
    config,
    schema,
    async drop() {
      await handle.close();
      const cleanup = await openDatabase(config.database, { poolSize: 1 });
      await sql`drop schema ${sql.id(schema)} cascade`.execute(cleanup.db);
      await cleanup.close();
      fs.rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  clock: Clock & { set(at: Date | string): void; advance(ms: number): void };
  database: TestDatabase;
  close(): Promise<void>;
}

/** The whole app, as `custodia start` builds it, over a fresh database and a clock the test controls. */
export async function buildTestApp(
  options: {
    now?: string;
    configure?: (c: Config) => Config;
    /** Extra routes registered before the app is ready (to exercise platform mechanisms). */
    extraRoutes?: (app: FastifyInstance) => void | Promise<void>;
  } = {},
): Promise<TestApp> {
  const database = await freshDatabase();
  const clock = fixedClock(options.now ?? '2026-11-28T09:00:00.000Z');
  // Tests sign in often from one address: a high limit unless a test sets its own.
  const base = { ...database.config, signInPerMinute: 10_000 };
  const config = options.configure ? options.configure(base) : base;
  const services = buildServices(config, database.handle, clock);
  const app = await buildApp(services, { statementCountHeader: true });
  if (options.extraRoutes) await options.extraRoutes(app);
  await app.ready();
  return {
    app,
    services,
    clock,
    database,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/** A signed-in test client: the session cookie and the CSRF token the web app would send. */
export interface Session {
  /** The app the session was opened on (what `as(session)` calls). */
  app: FastifyInstance;
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
}

export function sessionCookieOf(setCookie: string | string[] | undefined, name = 'custodia_session'): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const found = all.find((c) => c.startsWith(`${name}=`));
  if (!found) throw new Error(`no ${name} cookie in ${JSON.stringify(all)}`);
  return found.split(';')[0]!;
}

export async function signIn(
  app: FastifyInstance,
  username: string,
  password = 'custodia-demo',
): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = sessionCookieOf(res.headers['set-cookie']);
  const csrf = res.json().csrfToken as string;
  return { app, cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

/** Signs in as the demo account of a role (`demo.doctor`, `demo.officer`…; the demo data must be seeded). */
export function signInAs(app: FastifyInstance, role: Role): Promise<Session> {
  return signIn(app, demoUsername(role));
}

type Headers = Record<string, string>;

/** Calls to the app's routes as one signed-in session: its cookie, and its CSRF token on writes. */
export interface Caller {
  get(url: string, headers?: Headers): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Headers): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown, headers?: Headers): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, headers?: Headers): Promise<LightMyRequestResponse>;
  delete(url: string, headers?: Headers): Promise<LightMyRequestResponse>;
}

/**
 * The routes as this session calls them (ADR 0025):
 * `expect(await as(nurse).post('/api/v1/…', body)).toHaveStatus(201)`. Extra headers (an
 * Idempotency-Key, say) are added to the session's.
 */
export function as(session: Session): Caller {
  type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  const call = (method: Method, url: string, body: unknown, headers: Headers = {}) =>
    session.app.inject({
      method,
      url,
      headers: { ...session.headers, ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  return {
    get: (url, headers) => call('GET', url, undefined, headers),
    post: (url, body, headers) => call('POST', url, body, headers),
    put: (url, body, headers) => call('PUT', url, body, headers),
    patch: (url, body, headers) => call('PATCH', url, body, headers),
    delete: (url, headers) => call('DELETE', url, undefined, headers),
  };
}

/**
 * Every item of a user's worklist, page after page (the list is paged at 200; the demo data alone
 * fills more than a page for a clinician, so a test looking for one line must not read page one only).
 */
// biome-ignore lint/suspicious/noExplicitAny: like `res.json()`, the items' shape is the caller's to say.
export async function allWorklistItems<T = any>(session: Session, query = ''): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = '0';
  while (cursor !== null) {
    const res = await as(session).get(
      `/api/v1/worklist?limit=200&cursor=${cursor}${query ? `&${query}` : ''}`,
    );
    if (res.statusCode !== 200)
      throw new Error(`worklist answered ${res.statusCode}: ${res.body.slice(0, 500)}`);
    const page = res.json() as { items: T[]; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
  }
  return items;
}

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: the declaration merges with Vitest's own, which says `any`.
  interface Matchers<T = any> {
    /** The response has this HTTP status; on failure the message shows the body (a problem+json). */
    toHaveStatus(status: number): T;
  }
}

expect.extend({
  toHaveStatus(received: LightMyRequestResponse, status: number) {
    const pass = received.statusCode === status;
    return {
      pass,
      message: () =>
        pass
          ? `expected a status other than ${status}`
          : `expected status ${status}, got ${received.statusCode}: ${received.body.slice(0, 2000)}`,
      actual: received.statusCode,
      expected: status,
    };
  },
});

/** Adds the demo data (every module's part) to a test app's database. */
export async function seedTestDemo(t: TestApp): Promise<void> {
  const { seedDemo } = await import('../platform/seed.ts');
  const { demoSeedParts } = await import('../seeds.ts');
  await seedDemo(t.services, demoSeedParts, () => {});
}
