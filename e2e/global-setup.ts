/**
 * One built server for the browser test files that can share it (ADR 0025): started once before
 * the e2e project runs, on a fresh seeded SQLite database, and stopped after the last file. Files
 * whose assertions need the demo data untouched by other files (the language each account
 * remembers, for instance) take `testOnFreshServer` from fixtures.ts and start their own.
 */
import type { TestProject } from 'vitest/node';
import { startServer } from './harness.ts';

declare module 'vitest' {
  interface ProvidedContext {
    /** The address of the shared server: `http://127.0.0.1:41234`. */
    e2eServerUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startServer();
  project.provide('e2eServerUrl', server.url);
  return () => server.stop();
}
