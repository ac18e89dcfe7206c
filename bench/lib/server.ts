// The real server as a child process, for bench/run.ts and bench/request-cost.ts.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScenarioContext } from '../scenarios.ts';

/** An error the benchmark explains itself (printed without a stack). */
export class BenchError extends Error {}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const serverMain = path.join(root, 'server/dist/main.js');

export interface RealServer {
  url: string;
  child: ChildProcess;
  logFile: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function tail(file: string, lines = 20): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}

/**
 * Starts `node server/dist/main.js start --port 0`; its output goes to a log file we read the port
 * from. `nodeArgs` go to Node (by default CUSTODIA_BENCH_SERVER_NODE_ARGS, e.g.
 * "--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server).
 */
export async function startServer(
  url: string,
  logFile: string,
  onChild: (child: ChildProcess) => void,
  nodeArgs = (process.env.CUSTODIA_BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean),
): Promise<RealServer> {
  if (!fs.existsSync(serverMain)) {
    throw new BenchError(
      `${path.relative(root, serverMain)} is missing: build the server (cd server && node build.mjs)`,
    );
  }
  const log = fs.openSync(logFile, 'w');
  const child = spawn(
    process.execPath,
    [...nodeArgs, serverMain, 'start', '--port', '0', '--host', '127.0.0.1'],
    {
      cwd: root,
      env: { ...process.env, CUSTODIA_DATABASE_URL: url },
      stdio: ['ignore', log, log],
    },
  );
  fs.closeSync(log);
  onChild(child);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new BenchError(
        `the server stopped before it listened (exit ${child.exitCode}):\n${tail(logFile)}`,
      );
    }
    const match = /Open http:\/\/127\.0\.0\.1:(\d+)\//.exec(fs.readFileSync(logFile, 'utf8'));
    if (match) return { url: `http://127.0.0.1:${match[1]}`, child, logFile };
    await sleep(50);
  }
  throw new BenchError(`the server did not listen within 60 s:\n${tail(logFile)}`);
}

export async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** One JSON request to the server, for a scenario's set-up (log in, find an id to read). */
export function jsonRequester(baseUrl: string): ScenarioContext['request'] {
  return async (method, requestPath, body, headers) => {
    const response = await fetch(baseUrl + requestPath, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    return { status: response.status, headers: response.headers, body: parsed };
  };
}
