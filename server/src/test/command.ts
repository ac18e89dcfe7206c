/**
 * The `custodia` command in tests, as an operator runs it (ADR 0053): the server bundled from the
 * current source exactly as `npm run build` bundles it (server/build.mjs), once per worker, then run
 * with node. Loading one bundle costs a third of what tsx loading the server's hundreds of modules
 * did, and main.test.ts alone runs the command twenty-odd times.
 *
 * The bundle is kept under node_modules/.cache (so it finds its npm packages as dist/main.js does),
 * in a folder named after the run, which the API projects' global setup removes after the last file.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { commandCacheDir } from './global-setup.ts';

const run = promisify(execFile);
const serverDir = fileURLToPath(new URL('../..', import.meta.url));

let bundled: Promise<string> | undefined;

function bundle(): Promise<string> {
  bundled ??= (async () => {
    let runId = `p${process.pid}`;
    try {
      runId = inject('custodiaTestRun')?.id ?? runId;
    } catch {
      // Not started by the API projects: a folder of this process's own, removed when it exits.
      process.once('exit', () => fs.rmSync(commandCacheDir(runId), { recursive: true, force: true }));
    }
    const parent = commandCacheDir(runId);
    fs.mkdirSync(parent, { recursive: true });
    const main = path.join(fs.mkdtempSync(path.join(parent, 'bundle-')), 'main.js');
    await run(process.execPath, ['build.mjs'], {
      cwd: serverDir,
      env: { ...process.env, CUSTODIA_BUILD_OUTFILE: main },
    });
    return main;
  })();
  return bundled;
}

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `custodia ARGS` with these environment variables added; never throws on a non-zero exit. */
export async function custodia(args: string[], env: Record<string, string> = {}): Promise<CommandResult> {
  const main = await bundle();
  try {
    const { stdout, stderr } = await run(process.execPath, [main, ...args], {
      env: { ...process.env, CUSTODIA_DEBUG: '', ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
