// Load scenarios against the real server, each beside a bare Fastify route measured in the same run.
//   npm run bench -- --database URL [--duration 5] [--connections 10] [--warmup 1] [--label name]
//                    [--only health,openapi] [--markdown]
// The database must already hold generated data (npm run bench:generate); the real server runs as a
// child process, the floor in a worker thread. Results: bench/results/<timestamp>-<dialect>.json.
import { type ChildProcess, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { parseDatabaseUrl, redactUrl } from '../server/src/platform/config.ts';
import { databaseVersion, openDatabase } from '../server/src/platform/db/database.ts';
import { isEmpty } from '../server/src/platform/db/introspect.ts';
import { type FloorServer, startFloor } from './lib/floor.ts';
import { isScaleName, SCALE_MARKER, type ScaleName } from './lib/scales.ts';
import { BenchError, jsonRequester, serverMain, startServer, stopChild } from './lib/server.ts';
import {
  budgetFor,
  floorScenario,
  minRateFor,
  type PreparedRequest,
  type Scenario,
  type ScenarioContext,
  scenarios,
} from './scenarios.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const resultsDir = path.join(here, 'results');

const say = (line = '') => process.stdout.write(`${line}\n`);

// ---------------------------------------------------------------- arguments

const usage =
  'usage: npm run bench -- --database URL [--duration 5] [--connections 10] [--warmup 1] [--label name] [--only a,b] [--floor each|once] [--markdown]';

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new BenchError(`--${name} must be a positive number; ${usage}`);
  return value;
}

function readOptions(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      database: { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      warmup: { type: 'string' },
      label: { type: 'string' },
      only: { type: 'string' },
      markdown: { type: 'boolean', default: false },
      floor: { type: 'string', default: 'each' },
    },
  });
  if (values.floor !== 'each' && values.floor !== 'once')
    throw new BenchError(`--floor is each or once; ${usage}`);
  const url = values.database ?? process.env.CUSTODIA_DATABASE_URL;
  if (!url) throw new BenchError(`name the database; ${usage}`);
  return {
    url,
    duration: positive('duration', values.duration, 5),
    connections: Math.round(positive('connections', values.connections, 10)),
    warmup: positive('warmup', values.warmup, 1),
    label: values.label,
    only: values.only ? new Set(values.only.split(',').map((s) => s.trim())) : undefined,
    markdown: values.markdown ?? false,
    floorMode: values.floor as 'each' | 'once',
  };
}

// ---------------------------------------------------------------- the database, before the server

interface DatabaseFacts {
  engineVersion: string;
  empty: boolean;
  scale: ScaleName | undefined;
  /** `system_setting` rows whose key starts with `bench`: what the generator left for the scenarios. */
  settings: Record<string, string>;
}

async function inspectDatabase(url: string): Promise<DatabaseFacts> {
  const handle = await openDatabase(parseDatabaseUrl(url), { poolSize: 1 });
  try {
    const engineVersion = await databaseVersion(handle.db, handle.dialect);
    const empty = await isEmpty(handle.db, handle.dialect);
    let scale: ScaleName | undefined;
    const settings: Record<string, string> = {};
    if (!empty) {
      const { rows } = await sql<{
        key: string;
        value: string;
      }>`select key, value from system_setting where key like 'bench%'`.execute(handle.db);
      for (const row of rows) settings[row.key] = row.value;
      const value = settings[SCALE_MARKER];
      scale = value && isScaleName(value) ? value : undefined;
    }
    return { engineVersion, empty, scale, settings };
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------- measuring

export interface Measurement {
  name: string;
  target: 'server' | 'floor';
  method: string;
  path: string;
  requestsPerSecond: number;
  requests: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  bytesPerSecond: number;
  /** Connections used (a scenario may ask for fewer than the run's, see `Scenario.connections`). */
  connections: number;
  p99BudgetMs?: number;
  minRequestsPerSecond?: number;
  broken?: string;
  /** The floor this figure stands beside: measured just before it (--floor each) or at the start. */
  floor?: Measurement;
}

let running: autocannon.Instance | undefined;

/** Runs autocannon; with `latencies`, keeps every response time (autocannon's histogram keeps whole ms). */
function fire(options: autocannon.Options, latencies?: number[]): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    running = autocannon(options, (error, result) => {
      running = undefined;
      if (error) reject(error);
      else resolve(result);
    });
    if (latencies) {
      running.on('response', (_client, _status, _bytes, responseTime: number) => {
        latencies.push(responseTime);
      });
    }
  });
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? 0;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

async function measure(
  scenario: Scenario,
  baseUrl: string,
  prepared: PreparedRequest,
  settings: { duration: number; connections: number; warmup: number },
): Promise<Measurement> {
  const method = scenario.method ?? 'GET';
  const requestPath = prepared.path ?? scenario.path;
  const headers: Record<string, string> = { ...prepared.headers };
  if (scenario.body !== undefined) headers['content-type'] = 'application/json';
  const next = prepared.next;
  const options: autocannon.Options = {
    url: baseUrl + requestPath,
    method,
    headers,
    body: scenario.body === undefined ? undefined : JSON.stringify(scenario.body),
    connections: scenario.connections ?? settings.connections,
    pipelining: 1,
    timeout: 10,
    // A request of its own each time: its path (and body) from the scenario's `next`.
    ...(next
      ? {
          requests: [
            {
              method,
              setupRequest: (request: autocannon.Request) => {
                const { path: nextPath, body } = next();
                return {
                  ...request,
                  path: nextPath,
                  // A body is JSON whether or not the scenario declares one of its own.
                  ...(body === undefined
                    ? {}
                    : {
                        body: JSON.stringify(body),
                        headers: { ...request.headers, 'content-type': 'application/json' },
                      }),
                };
              },
            },
          ],
        }
      : {}),
  };
  await fire({ ...options, duration: settings.warmup });
  const times: number[] = [];
  const result = await fire({ ...options, duration: settings.duration }, times);
  const sorted = Float64Array.from(times).sort();
  const mean = sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length);
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {}))
    statusCodes[code] = stat.count ?? 0;
  return {
    name: scenario.name,
    target: scenario.target ?? 'server',
    method,
    path: requestPath,
    requestsPerSecond: round(result.requests.average, 0),
    requests: result.requests.total,
    latencyMs: {
      p50: round(percentile(sorted, 50)),
      p90: round(percentile(sorted, 90)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted[sorted.length - 1] ?? 0),
      mean: round(mean),
    },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
    bytesPerSecond: round(result.throughput.average, 0),
    connections: scenario.connections ?? settings.connections,
  };
}

// ---------------------------------------------------------------- reporting

/** Which server was measured: the commit checked out and when server/dist/main.js was built. */
function buildFacts(): { commit: string | null; uncommittedChanges: boolean | null; builtAt: string | null } {
  const git = (args: string[]) => {
    const result = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
    return result.status === 0 ? result.stdout.trim() : null;
  };
  const status = git(['status', '--porcelain', '--', 'server', 'domain']);
  let builtAt: string | null = null;
  try {
    builtAt = fs.statSync(serverMain).mtime.toISOString();
  } catch {}
  return {
    commit: git(['rev-parse', '--short', 'HEAD']),
    uncommittedChanges: status === null ? null : status.length > 0,
    builtAt,
  };
}

const number = (value: number) =>
  value >= 100 ? Math.round(value).toLocaleString('en-US') : String(round(value, value >= 10 ? 1 : 2));

const pair = (value: number, floor: number | undefined) =>
  floor === undefined ? number(value) : `${number(value)} / ${number(floor)}`;

function tableRows(measurements: Measurement[]): string[][] {
  return measurements.map((m) => {
    const f = m.floor;
    return [
      m.name,
      pair(m.requestsPerSecond, f?.requestsPerSecond),
      pair(m.latencyMs.p50, f?.latencyMs.p50),
      pair(m.latencyMs.p90, f?.latencyMs.p90),
      pair(m.latencyMs.p99, f?.latencyMs.p99),
      pair(m.latencyMs.max, f?.latencyMs.max),
      String(m.errors + m.timeouts),
      String(m.non2xx),
      budgetCell(m),
    ];
  });
}

/** The p99 budget, and the throughput one when there is one (e.g. `25`, `≥1,000/s`), then ok or BROKEN. */
function budgetCell(m: Measurement): string {
  const parts: string[] = [];
  if (m.p99BudgetMs !== undefined) parts.push(String(m.p99BudgetMs));
  if (m.minRequestsPerSecond !== undefined) parts.push(`≥${number(m.minRequestsPerSecond)}/s`);
  if (!parts.length) return '-';
  return `${parts.join(' ')}${m.broken ? ' BROKEN' : ' ok'}`;
}

const HEADER = [
  'scenario',
  'req/s',
  'p50 ms',
  'p90 ms',
  'p99 ms',
  'max ms',
  'errors',
  'non-2xx',
  'p99 budget',
];

function textTable(rows: string[][]): string {
  const all = [HEADER, ...rows];
  const widths = HEADER.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  return all
    .map((row) =>
      row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))),
    )
    .map((cells) => cells.join('  '))
    .join('\n');
}

function markdownTable(rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(HEADER), line(HEADER.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------- the run

async function main(argv: string[]): Promise<number> {
  const options = readOptions(argv);
  const target = parseDatabaseUrl(options.url);
  const facts = await inspectDatabase(options.url);
  if (facts.empty) {
    say(`note: ${redactUrl(options.url)} holds no data (run npm run bench:generate first); measuring anyway`);
  } else if (!facts.scale) {
    say(`note: ${redactUrl(options.url)} holds data not made by bench:generate (no ${SCALE_MARKER} marker)`);
  }

  let floor: FloorServer | undefined;
  let child: ChildProcess | undefined;
  const logFile = path.join(os.tmpdir(), `custodia-bench-server-${process.pid}.log`);
  let cleaned: Promise<void> | undefined;
  const cleanup = () => {
    cleaned ??= (async () => {
      running?.stop();
      await Promise.allSettled([stopChild(child), floor?.stop()]);
    })();
    return cleaned;
  };
  const interrupted = (signal: NodeJS.Signals) => {
    say(`\n${signal}: stopping the servers`);
    void cleanup().then(() => {
      fs.rmSync(logFile, { force: true });
      process.exit(130);
    });
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  process.once('exit', () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  const startedAt = new Date();
  const loadAtStart = os.loadavg();
  const cores = os.cpus().length;
  if ((loadAtStart[0] ?? 0) > cores / 2) {
    say(
      `warning: load average ${loadAtStart.map((l) => l.toFixed(2)).join(' ')} on ${cores} cores: ` +
        'other work is running and the figures will be noisy',
    );
  }
  const measurements: Measurement[] = [];
  const skipped: { name: string; reason: string }[] = [];
  const floors: Measurement[] = [];
  let health: { status?: string; database?: string; version?: string } = {};
  let ok = false;
  try {
    floor = await startFloor();
    const server = await startServer(options.url, logFile, (c) => {
      child = c;
    });
    const request = jsonRequester(server.url);
    const answer = await request('GET', '/api/health');
    health = answer.body as typeof health;
    if (answer.status !== 200)
      throw new BenchError(`/api/health answered ${answer.status}: ${JSON.stringify(health)}`);
    const context: ScenarioContext = {
      baseUrl: server.url,
      dialect: target.dialect,
      scale: facts.scale,
      settings: facts.settings,
      timing: {
        warmupSeconds: options.warmup,
        durationSeconds: options.duration,
        connections: options.connections,
      },
      request,
    };
    say(
      `Custodia ${health.version} on ${health.database} (${facts.engineVersion}), scale ${facts.scale ?? 'none'}; ` +
        `${options.connections} connections, ${options.warmup} s warm-up + ${options.duration} s per scenario`,
    );
    const chosen = scenarios.filter((s) => !options.only || options.only.has(s.name));
    const floorUrl = floor.url;
    const measureFloor = async (name: string) => {
      const m = await measure({ ...floorScenario, name }, floorUrl, {}, options);
      if (m.errors + m.timeouts + m.non2xx > 0)
        m.broken = `the floor failed requests ${JSON.stringify(m.statusCodes)}`;
      floors.push(m);
      return m;
    };
    let currentFloor = options.floorMode === 'once' ? await measureFloor('floor') : undefined;
    if (currentFloor) say(`  floor: ${number(currentFloor.requestsPerSecond)} req/s`);
    for (const scenario of chosen) {
      let prepared: PreparedRequest = {};
      try {
        if (scenario.setup) prepared = await scenario.setup(context);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        // Without generated data a scenario that needs it cannot run: say so; with data, it is a fault.
        if (facts.scale) throw new BenchError(`${scenario.name}: set-up failed: ${reason}`);
        skipped.push({ name: scenario.name, reason });
        say(`  ${scenario.name}: skipped (${reason})`);
        continue;
      }
      if (options.floorMode === 'each') currentFloor = await measureFloor(`floor before ${scenario.name}`);
      const base = scenario.target === 'floor' ? floorUrl : server.url;
      const m = await measure(scenario, base, prepared, options);
      m.floor = currentFloor;
      const budget = budgetFor(scenario, target.dialect);
      if (budget !== undefined) m.p99BudgetMs = budget;
      const minRate = minRateFor(scenario, target.dialect);
      if (minRate !== undefined) m.minRequestsPerSecond = minRate;
      if (m.errors + m.timeouts > 0) m.broken = `${m.errors} errors (${m.timeouts} timeouts)`;
      else if (m.non2xx > 0) m.broken = `${m.non2xx} non-2xx answers ${JSON.stringify(m.statusCodes)}`;
      else if (budget !== undefined && m.latencyMs.p99 > budget)
        m.broken = `p99 ${m.latencyMs.p99} ms > ${budget} ms`;
      else if (minRate !== undefined && m.requestsPerSecond < minRate)
        m.broken = `${m.requestsPerSecond} req/s < ${minRate} req/s`;
      measurements.push(m);
      say(
        `  ${m.name}: ${number(m.requestsPerSecond)} req/s (floor ${number(currentFloor?.requestsPerSecond ?? 0)}), ` +
          `p99 ${number(m.latencyMs.p99)} ms${m.connections !== options.connections ? ` (${m.connections} connection${m.connections === 1 ? '' : 's'})` : ''}` +
          `${m.broken ? ` (${m.broken})` : ''}`,
      );
    }
    if (options.floorMode === 'once') await measureFloor('floor at the end');
    ok = true;
  } finally {
    await cleanup();
    if (ok) fs.rmSync(logFile, { force: true });
    else if (fs.existsSync(logFile)) say(`server log kept at ${logFile}`);
  }

  const floorRates = floors.map((f) => f.requestsPerSecond);
  const floorRange = floorRates.length
    ? { min: Math.min(...floorRates), max: Math.max(...floorRates) }
    : undefined;
  const drift = floorRange ? floorRange.max / Math.max(1, floorRange.min) - 1 : 0;
  const cpus = os.cpus();
  const stamp = startedAt.toISOString().slice(0, 19).replaceAll(':', '-');
  const report = {
    label: options.label ?? null,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    settings: {
      durationSeconds: options.duration,
      warmupSeconds: options.warmup,
      connections: options.connections,
      pipelining: 1,
      floor: options.floorMode,
      serverLogLevel: process.env.LOG_LEVEL || 'info',
    },
    machine: {
      cpuModel: cpus[0]?.model.trim() ?? 'unknown',
      cpuCount: cpus.length,
      totalMemoryBytes: os.totalmem(),
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      node: process.version,
      loadAverage: { start: loadAtStart.map((l) => round(l)), end: os.loadavg().map((l) => round(l)) },
    },
    database: {
      dialect: health.database ?? target.dialect,
      engineVersion: facts.engineVersion,
      target: target.dialect === 'sqlite' ? path.basename(target.file) : redactUrl(target.url),
      scale: facts.scale ?? null,
      empty: facts.empty,
    },
    server: { version: health.version ?? null, ...buildFacts() },
    floorRequestsPerSecond: floorRange ?? null,
    floors,
    scenarios: measurements.map((m) => ({ ...m, floor: m.floor?.name ?? null })),
    skipped,
  };
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${stamp}-${target.dialect}.json`);
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(report, null, 2)}\n`);
  fs.renameSync(`${file}.tmp`, file);

  const rows = tableRows(measurements);
  say();
  say(
    `${report.machine.cpuCount} × ${report.machine.cpuModel}, ${(report.machine.totalMemoryBytes / 2 ** 30).toFixed(1)} GiB, ` +
      `Node ${report.machine.node}; ${facts.engineVersion}${options.label ? `; ${options.label}` : ''}`,
  );
  say(
    `each figure: this scenario / the floor (bare Fastify, no database) measured ${
      options.floorMode === 'each' ? 'just before it' : 'at the start of the run'
    }`,
  );
  say(textTable(rows));
  if (options.markdown) {
    say();
    say(markdownTable(rows));
  }
  if (floorRange) {
    say(`the floor ranged ${number(floorRange.min)}–${number(floorRange.max)} req/s over the run`);
  }
  if (drift > 0.35) {
    say(
      `warning: the floor moved ${Math.round(drift * 100)}% during the run: the machine was busy with other ` +
        'work; compare figures with their own floor, or run again',
    );
  }
  say();
  say(`results written to ${path.relative(process.cwd(), file)}`);
  const broken = [...floors, ...measurements].filter((m) => m.broken);
  for (const m of broken) say(`BROKEN: ${m.name}: ${m.broken}`);
  return broken.length ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof BenchError || (error instanceof Error && error.name === 'ConfigError');
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    if (!known && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  },
);
