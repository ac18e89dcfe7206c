import os from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * One Vitest run, several projects:
 *  - domain: pure rules;
 *  - scripts: the repository's own tooling (the machine preparation of `npm test`);
 *  - server-sqlite: API tests through app.inject on a fresh SQLite database per file;
 *  - server-postgresql: the same files on a fresh PostgreSQL database per file (TEST_DATABASE_URL);
 *    both copied from the run's template databases (server/src/test/global-setup.ts, ADR 0053);
 *  - web: components under jsdom;
 *  - e2e: real chromium against the built server (run by `npm run test:e2e`, after a build); one
 *    server for the whole run (e2e/global-setup.ts), files one after another.
 */
const postgresUrl = process.env.TEST_DATABASE_URL;

/**
 * The API tests of both engines run side by side, one worker per core and at least two (Vitest's
 * default leaves a core free: one worker on a two-core machine). They wait on their database as
 * much as they compute, and each file has a database of its own (a SQLite file, a PostgreSQL
 * database, copied from the run's templates: ADR 0053), so files share nothing. Projects with their own worker count need their own group: the
 * API group runs after the others (ADR 0025).
 */
const workers = Math.max(2, os.availableParallelism());

/**
 * Domain, scripts and web run first, in their own group, also one worker per core and at least two
 * (ADR 0053: on the two-core machine, 96 s with Vitest's one worker, 71 s with two, the same 560
 * tests passing; each web file has its own jsdom, so files share nothing).
 */
const firstGroup = { maxWorkers: workers };

const apiTests = {
  maxWorkers: workers,
  sequence: { groupOrder: 1 },
  // The run's template databases (ADR 0053): each file copies a migrated, or demo-seeded, database
  // built once per run instead of migrating and seeding its own.
  globalSetup: ['./server/src/test/global-setup.ts'],
  // A worker imports the server once for all its files instead of once per file: each file builds
  // its own app, services and database, and no server module keeps state between apps, so the
  // files still share nothing. Half the CPU of the API tests was the server's import, per file.
  isolate: false,
  // A file's beforeAll builds the app and seeds the demo data (or copies them, ADR 0053), and the
  // role × route matrix signs in every role: seconds on a quiet machine, a minute beside other
  // work. Limits, never waits.
  hookTimeout: 60000,
  testTimeout: 60000,
};

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'domain', include: ['domain/src/**/*.test.ts'], ...firstGroup } },
      { test: { name: 'scripts', include: ['scripts/**/*.test.ts'], testTimeout: 60000, ...firstGroup } },
      {
        test: {
          name: 'server-sqlite',
          include: ['server/src/**/*.test.ts'],
          env: { CUSTODIA_TEST_ENGINE: 'sqlite' },
          ...apiTests,
        },
      },
      {
        test: {
          name: 'server-postgresql',
          include: ['server/src/**/*.test.ts'],
          env: { CUSTODIA_TEST_ENGINE: 'postgresql', TEST_DATABASE_URL: postgresUrl ?? '' },
          ...apiTests,
        },
      },
      {
        extends: './web/vite.config.ts',
        test: {
          name: 'web',
          root: './web',
          include: ['src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['./src/test/setup.ts'],
          ...firstGroup,
          // One limit for every file: a large form filled field by field under jsdom takes tens of
          // seconds on a loaded machine. A limit, never a wait (tests wait for states).
          testTimeout: 60000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          // One built server for the files that share it; a file needing a fresh one starts its own.
          globalSetup: ['./e2e/global-setup.ts'],
          testTimeout: 60000,
          hookTimeout: 120000,
          // expect.poll waits for a state; a loaded machine needs more than the default second.
          expect: { poll: { timeout: 15000 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
