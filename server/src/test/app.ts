import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Clock, fixedClock, type Role } from '@custodia/domain';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { expect, inject } from 'vitest';
import { buildApp } from '../app.ts';
import { demoUsername } from '../modules/identity/seed.ts';
import { type Config, loadConfig } from '../platform/config.ts';
import { type DatabaseHandle, openDatabase } from '../platform/db/database.ts';
import { isEmpty } from '../platform/db/introspect.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { buildServices, type Services } from '../services.ts';
import { baseDatabaseName } from './global-setup.ts';

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

/**
 * A fresh, migrated database: a temporary SQLite file, or (PostgreSQL) a database of the file's own
 * holding one schema. Copied from the run's migrated template when there is one (ADR 0053: built
 * once per run, by the first file that needs it), else migrated here. `migrate = false`: an empty
 * SQLite file, or a new empty schema in the test database.
 */
export async function freshDatabase(
  engine: TestEngine = testEngine(),
  migrate = true,
): Promise<TestDatabase> {
  if (migrate) {
    const template = await templateOrNothing(engine, 'migrated', migratedTemplate(engine));
    if (template) {
      try {
        return await copyOfTemplate(template);
      } catch (error) {
        console.warn(`no copy of the migrated template (${(error as Error).message}): migrating here`);
      }
    }
  }
  return newDatabase(engine, migrate);
}

/** Today's way without templates: a new SQLite file or PostgreSQL schema, migrated here. */
async function newDatabase(engine: TestEngine, migrate: boolean): Promise<TestDatabase> {
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

// ---------------------------------------------------------------------------------------------
// Template databases (ADR 0053). Migrating every module's tables and seeding the demo data took
// most of an API file's time (SQLite about 2 + 3 s, PostgreSQL about 4 + 6 s on the loaded
// two-core machine). Each is now done once per run and per kind, into a template in the run's
// folder (server/src/test/global-setup.ts), and every file copies it: a SQLite file copy, or
// PostgreSQL's CREATE DATABASE … TEMPLATE. A copy is the file's own, so files still share nothing.
// One worker builds each template (a lock beside it) while the others wait for it. Without the
// run's folder (Vitest not started through the API projects, or CUSTODIA_TEST_TEMPLATES=off) or
// when a template cannot be built, each file migrates and seeds as before.
// ---------------------------------------------------------------------------------------------

/** A built template: its folder (SQLite file, stored files) and, for PostgreSQL, its database. */
interface Template {
  engine: TestEngine;
  dir: string;
  database?: string;
  schema?: string;
}

/** The run's template folder; none when CUSTODIA_TEST_TEMPLATES=off (each file migrates and seeds). */
function templateRun(): { id: string; dir: string } | undefined {
  if (process.env.CUSTODIA_TEST_TEMPLATES === 'off') return undefined;
  try {
    const run = inject('custodiaTestRun');
    return run && fs.existsSync(run.dir) ? run : undefined;
  } catch {
    return undefined;
  }
}

const templates = new Map<string, Promise<Template | undefined>>();

type TemplateBuilder = (
  run: { id: string; dir: string },
  into: string,
) => Promise<Omit<Template, 'dir' | 'engine'>>;

/**
 * The template `key` of the engine, built by `build` on first need in this run; `undefined` (and a
 * warning, once per key) when there is no run folder or it cannot be built: the caller then does
 * the work itself.
 */
function templateOrNothing(
  engine: TestEngine,
  key: string,
  build: TemplateBuilder,
): Promise<Template | undefined> {
  const run = templateRun();
  if (!run) return Promise.resolve(undefined);
  const name = `${engine}-${key}`;
  let found = templates.get(name);
  if (!found) {
    found = builtOnce(run, engine, name, build).catch((error: unknown) => {
      console.warn(`test template ${name} not built (${(error as Error).message}): files build their own`);
      return undefined;
    });
    templates.set(name, found);
  }
  return found;
}

/**
 * The run's template `name`: the first worker to need it takes its lock and builds it; the others
 * wait until it is in place (or its lock is gone without it: then they build it themselves). A
 * template is built in a folder of its own and renamed into place, so it is whole once it is there.
 */
async function builtOnce(
  run: { id: string; dir: string },
  engine: TestEngine,
  name: string,
  build: TemplateBuilder,
): Promise<Template> {
  const final = path.join(run.dir, name);
  const read = (): Template => ({
    ...(JSON.parse(fs.readFileSync(path.join(final, 'template.json'), 'utf8')) as Template),
    dir: final,
  });
  const lock = `${final}.lock`;
  const giveUp = Date.now() + 180_000;
  let locked = false;
  while (!fs.existsSync(final) && !locked && Date.now() < giveUp) {
    try {
      fs.mkdirSync(lock);
      locked = true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    if (fs.existsSync(final)) return read();
    const into = fs.mkdtempSync(path.join(run.dir, 'building-'));
    let built: Omit<Template, 'dir'>;
    try {
      built = { engine, ...(await build(run, into)) };
    } catch (error) {
      fs.rmSync(into, { recursive: true, force: true });
      throw error;
    }
    fs.writeFileSync(path.join(into, 'template.json'), JSON.stringify(built));
    try {
      fs.renameSync(into, final);
    } catch (error) {
      // Built meanwhile by a worker that gave up waiting for the lock: use that one.
      fs.rmSync(into, { recursive: true, force: true });
      if (built.database) await dropPostgresDatabase(built.database).catch(() => {});
      if (!fs.existsSync(final)) throw error;
    }
    return read();
  } finally {
    if (locked) fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** PostgreSQL: the URL of a database on the test server (TEST_DATABASE_URL with another name). */
function postgresUrlOf(database: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL ?? '');
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** PostgreSQL: a run's database name (`<test database>_<run>_<what>`), within the 63-byte limit. */
function postgresName(run: { id: string }, what: string): string {
  const base = baseDatabaseName(process.env.TEST_DATABASE_URL ?? '');
  const name = `${base}_${run.id}_${what}`;
  if (Buffer.byteLength(name) > 63) throw new Error(`database name ${name} is longer than 63 bytes`);
  return name;
}

async function onTestServer(statement: string): Promise<void> {
  const client = new pg.Client({
    connectionString: process.env.TEST_DATABASE_URL,
    connectionTimeoutMillis: 5000,
  });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** PostgreSQL: the name of a test database's own database. */
function databaseNameOf(database: TestDatabase): string {
  const target = database.config.database;
  if (target.dialect !== 'postgresql') throw new Error('not a PostgreSQL database');
  return baseDatabaseName(target.url);
}

function dropPostgresDatabase(database: string): Promise<void> {
  return onTestServer(`drop database if exists ${quoted(database)} with (force)`);
}

/** Every table of every module, migrated into a template (its folder `into`). */
function migratedTemplate(engine: TestEngine) {
  return async (run: { id: string }, into: string): Promise<Omit<Template, 'dir' | 'engine'>> => {
    if (engine === 'sqlite') {
      const config = loadConfig({
        CUSTODIA_DATABASE_URL: `sqlite:${path.join(into, 'test.db')}`,
        CUSTODIA_STORAGE_DIR: path.join(into, 'files'),
      });
      const handle = await openDatabase(config.database);
      try {
        await migrateToLatest(handle.db);
      } finally {
        await handle.close();
      }
      return {};
    }
    const database = postgresName(run, `m${randomBytes(4).toString('hex')}`);
    const schema = `t_${randomBytes(6).toString('hex')}`;
    await onTestServer(`create database ${quoted(database)}`);
    try {
      const config = loadConfig({
        CUSTODIA_DATABASE_URL: postgresUrlOf(database),
        CUSTODIA_STORAGE_DIR: path.join(into, 'files'),
      });
      const admin = await openDatabase(config.database, { poolSize: 1 });
      await sql`create schema ${sql.id(schema)}`.execute(admin.db);
      await admin.close();
      const handle = await openDatabase(config.database, { searchPath: schema, poolSize: 1 });
      try {
        await migrateToLatest(handle.db);
      } finally {
        await handle.close();
      }
    } catch (error) {
      await dropPostgresDatabase(database).catch(() => {});
      throw error;
    }
    return { database, schema };
  };
}

/**
 * One statement through the handle, as migrating it did before templates: Kysely closes only a
 * driver it has started, so a handle closed before any query kept its connections open (and the
 * health test's closed database still answered).
 */
async function used(handle: DatabaseHandle): Promise<void> {
  await sql`select 1`.execute(handle.db);
}

/** A database of the test's own, copied from a template: a SQLite file, or a PostgreSQL database. */
async function copyOfTemplate(template: Template): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-test-'));
  fs.cpSync(template.dir, dir, { recursive: true });
  fs.rmSync(path.join(dir, 'template.json'));
  const filesDir = path.join(dir, 'files');
  if (template.engine === 'sqlite') {
    const config = loadConfig({
      CUSTODIA_DATABASE_URL: `sqlite:${path.join(dir, 'test.db')}`,
      CUSTODIA_STORAGE_DIR: filesDir,
    });
    const handle = await openDatabase(config.database);
    await used(handle);
    return {
      handle,
      config,
      async drop() {
        await handle.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const run = templateRun();
  if (!run || !template.database || !template.schema) throw new Error('not a PostgreSQL template');
  const database = postgresName(run, `f${randomBytes(6).toString('hex')}`);
  await onTestServer(`create database ${quoted(database)} template ${quoted(template.database)}`);
  const config = loadConfig({
    CUSTODIA_DATABASE_URL: postgresUrlOf(database),
    CUSTODIA_STORAGE_DIR: filesDir,
  });
  const schema = template.schema;
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase(config.database, { searchPath: schema, poolSize: 5 });
    await used(handle);
  } catch (error) {
    await dropPostgresDatabase(database).catch(() => {});
    throw error;
  }
  return {
    handle,
    config,
    schema,
    async drop() {
      await handle.close();
      await dropPostgresDatabase(database);
      fs.rmSync(dir, { recursive: true, force: true });
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

type TestAppOptions = {
  now?: string;
  configure?: (c: Config) => Config;
  /** Extra routes registered before the app is ready (to exercise platform mechanisms). */
  extraRoutes?: (app: FastifyInstance) => void | Promise<void>;
};

/** How a test app was built, so seedTestDemo can build it again over a seeded copy. */
const recipes = new WeakMap<TestApp, { options: TestAppOptions; config: Config; builtAt: number }>();

/** The app and services over a database, as `custodia start` builds them. */
async function appOver(
  database: TestDatabase,
  clock: TestApp['clock'],
  options: TestAppOptions,
): Promise<{ app: FastifyInstance; services: Services; config: Config }> {
  // Tests sign in often from one address: a high limit unless a test sets its own.
  const base = { ...database.config, signInPerMinute: 10_000 };
  const config = options.configure ? options.configure(base) : base;
  const services = buildServices(config, database.handle, clock);
  const app = await buildApp(services, { statementCountHeader: true });
  if (options.extraRoutes) await options.extraRoutes(app);
  await app.ready();
  return { app, services, config };
}

/** The whole app, as `custodia start` builds it, over a fresh database and a clock the test controls. */
export async function buildTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await freshDatabase();
  const clock = fixedClock(options.now ?? '2026-11-28T09:00:00.000Z');
  const { app, services, config } = await appOver(database, clock, options);
  const t: TestApp = {
    app,
    services,
    clock,
    database,
    async close() {
      await t.app.close();
      await t.database.drop();
    },
  };
  recipes.set(t, { options, config, builtAt: clock.now().getTime() });
  return t;
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

/**
 * Adds the demo data (every module's part) to a test app's database.
 *
 * ADR 0053: when the clock still reads the time the app was built with (the demo data's times are
 * relative to it), the demo data comes from the run's seeded template for that time and
 * configuration: seeded once per run exactly as below, through the app's own services. The test's
 * app and database are then replaced by ones over a copy of it (`t.app`, `t.services` and
 * `t.database` change; `t.clock` stays), as `custodia start` after `custodia seed --demo` would
 * build them. A test that set the clock to another time (the real time, say) is seeded here.
 */
export async function seedTestDemo(t: TestApp): Promise<void> {
  const recipe = recipes.get(t);
  const now = t.clock.now();
  const engine: TestEngine = t.database.handle.dialect;
  if (
    recipe &&
    now.getTime() === recipe.builtAt &&
    (await isEmpty(t.database.handle.db, t.database.handle.dialect))
  ) {
    const { database: _database, storageDir: _storageDir, ...settings } = recipe.config;
    const key = createHash('sha256')
      .update(JSON.stringify({ now: now.toISOString(), settings }))
      .digest('hex')
      .slice(0, 16);
    const template = await templateOrNothing(
      engine,
      `seeded-${key}`,
      seededTemplate(engine, now, recipe.config),
    );
    const database = template
      ? await copyOfTemplate(template).catch((error: Error) => {
          console.warn(`no copy of the seeded template (${error.message}): seeding here`);
          return undefined;
        })
      : undefined;
    if (database) {
      await t.app.close();
      await t.database.drop();
      t.database = database;
      const built = await appOver(database, t.clock, recipe.options);
      t.app = built.app;
      t.services = built.services;
      return;
    }
  }
  await seedDemoInto(t.services);
}

async function seedDemoInto(services: Services): Promise<void> {
  const { seedDemo } = await import('../platform/seed.ts');
  const { demoSeedParts } = await import('../seeds.ts');
  await seedDemo(services, demoSeedParts, () => {});
}

/**
 * The demo data seeded at `now` as seedTestDemo seeds it without a template: an app over a copy of
 * the migrated template, with the test's configuration, and the demo seed through its services.
 */
function seededTemplate(engine: TestEngine, now: Date, config: Config): TemplateBuilder {
  return async (_run, into) => {
    const migrated = await templateOrNothing(engine, 'migrated', migratedTemplate(engine));
    if (!migrated) throw new Error('no migrated template');
    const database = await copyOfTemplate(migrated);
    try {
      const { app, services } = await appOver(database, fixedClock(now), {
        configure: () => ({
          ...config,
          database: database.config.database,
          storageDir: database.config.storageDir,
        }),
      });
      try {
        await seedDemoInto(services);
      } finally {
        await app.close();
      }
      await database.handle.close();
    } catch (error) {
      await database.drop().catch(() => {});
      throw error;
    }
    // The seeded copy becomes the template: its SQLite file and stored files, or its database.
    const from = path.dirname(database.config.storageDir);
    for (const entry of fs.readdirSync(from)) fs.renameSync(path.join(from, entry), path.join(into, entry));
    fs.rmSync(from, { recursive: true, force: true });
    return engine === 'sqlite' ? {} : { database: databaseNameOf(database), schema: database.schema };
  };
}
