/**
 * The API projects' global setup (ADR 0053): one folder per run for the template databases that
 * server/src/test/app.ts builds on first need (a migrated database, and a demo-seeded one per seeding
 * time and configuration), copied by every test file instead of migrating and seeding again. Removed,
 * with the run's PostgreSQL databases and the bundles of the `custodia` command (./command.ts), after
 * the last file.
 *
 * PostgreSQL: the run's databases are named `<test database>_r<pid>_…` (pid: this process). A run
 * that was killed leaves its databases behind; the next run drops those whose process has gone.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  interface ProvidedContext {
    /** The run's template folder and the prefix of its PostgreSQL databases (ADR 0053). */
    custodiaTestRun: { id: string; dir: string };
  }
}

/** The folder of the run's bundles of the `custodia` command (./command.ts), under node_modules/.cache. */
export function commandCacheDir(runId: string): string {
  const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
  return path.join(repoRoot, 'node_modules', '.cache', `custodia-test-${runId}`);
}

/** The test database's name in TEST_DATABASE_URL (`custodia_test`). */
export function baseDatabaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Drops the databases `<base>_<prefix>…`; with `onlyDead`, those of runs whose process has gone. */
async function dropRunDatabases(url: string, prefix: string, onlyDead: boolean): Promise<void> {
  const base = baseDatabaseName(url);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      'select datname from pg_database where starts_with(datname, $1)',
      [`${base}_${prefix}`],
    );
    for (const { datname } of rows) {
      const pid = Number(/^_r(\d+)_/.exec(datname.slice(base.length))?.[1]);
      if (onlyDead && (!pid || alive(pid))) continue;
      await client.query(`drop database if exists "${datname.replaceAll('"', '""')}" with (force)`);
    }
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const id = `r${process.pid}_${randomBytes(2).toString('hex')}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-templates-'));
  project.provide('custodiaTestRun', { id, dir });
  const env = project.config.env ?? {};
  const url = env.CUSTODIA_TEST_ENGINE === 'postgresql' ? env.TEST_DATABASE_URL : '';
  if (url) await dropRunDatabases(url, 'r', true).catch(() => {});
  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(commandCacheDir(id), { recursive: true, force: true });
    if (url) await dropRunDatabases(url, `${id}_`, false);
  };
}
