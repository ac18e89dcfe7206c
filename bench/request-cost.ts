// What one request of a load scenario costs the server, without a quiet machine (ADR 0058):
//
//   node --import tsx bench/request-cost.ts --database URL --scenario NAME [--requests 1000]
//     [--connections 1] [--skip 0] [--cpu-prof DIR] [--compressed]
//
// Starts the built server (server/dist/main.js) on a generated database, prepares the scenario as
// bench/run.ts does, sends the requests (one after another, or over a few connections), and prints
// the server process's CPU time per request, read from /proc before and after: it counts the
// server's own work, whatever else the machine is doing. With --cpu-prof the server writes a V8 CPU
// profile there when it stops. --skip advances a writing scenario past requests an earlier run made
// (a dose already recorded is refused). Linux only (/proc).
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { parseDatabaseUrl } from '../server/src/platform/config.ts';
import { openDatabase } from '../server/src/platform/db/database.ts';
import { SCALE_MARKER, type ScaleName } from './lib/scales.ts';
import { jsonRequester, startServer, stopChild } from './lib/server.ts';
import { type ScenarioContext, scenarios } from './scenarios.ts';

const { values } = parseArgs({
  options: {
    database: { type: 'string' },
    scenario: { type: 'string' },
    requests: { type: 'string', default: '1000' },
    connections: { type: 'string', default: '1' },
    skip: { type: 'string', default: '0' },
    'cpu-prof': { type: 'string' },
    compressed: { type: 'boolean', default: false },
  },
});
const scenario = scenarios.find((s) => s.name === values.scenario);
if (!values.database || !scenario) {
  console.error(
    `usage: node --import tsx bench/request-cost.ts --database URL --scenario NAME (one of: ${scenarios.map((s) => s.name).join(', ')})`,
  );
  process.exit(2);
}
const url = values.database;
const requests = Number(values.requests);
const connections = Number(values.connections);

const settings: Record<string, string> = {};
const handle = await openDatabase(parseDatabaseUrl(url), { poolSize: 1 });
try {
  const { rows } = await sql<{
    key: string;
    value: string;
  }>`select key, value from system_setting where key like 'bench%'`.execute(handle.db);
  for (const row of rows) settings[row.key] = row.value;
} finally {
  await handle.close();
}

const log = path.join(fs.mkdtempSync('/tmp/custodia-request-cost-'), 'server.log');
let server: ChildProcess | undefined;
const profile = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : [];
const { url: base } = await startServer(
  url,
  log,
  (child) => {
    server = child;
  },
  profile,
);

const context: ScenarioContext = {
  baseUrl: base,
  dialect: url.startsWith('postgres') ? 'postgresql' : 'sqlite',
  scale: settings[SCALE_MARKER] as ScaleName | undefined,
  settings,
  timing: { warmupSeconds: 1, durationSeconds: 5, connections },
  request: jsonRequester(base),
};
const prepared = scenario.setup ? await scenario.setup(context) : {};
for (let i = Number(values.skip); i > 0; i--) prepared.next?.();

/** The server's user + system CPU time so far, in ms (clock ticks of 10 ms). */
const cpuMs = () => {
  const fields = fs.readFileSync(`/proc/${server?.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
const statuses: Record<number, number> = {};
let bytes = 0;
const send = async () => {
  const next = prepared.next?.();
  const payload = next?.body ?? scenario.body;
  const type: Record<string, string> = payload === undefined ? {} : { 'content-type': 'application/json' };
  const body = payload === undefined ? undefined : JSON.stringify(payload);
  const response = await fetch(base + (next?.path ?? prepared.path ?? scenario.path), {
    method: scenario.method ?? 'GET',
    body,
    // autocannon asks for no compression; so does this, unless told otherwise.
    headers: { 'accept-encoding': values.compressed ? 'br, gzip' : 'identity', ...type, ...prepared.headers },
  });
  bytes = (await response.arrayBuffer()).byteLength;
  statuses[response.status] = (statuses[response.status] ?? 0) + 1;
};

for (let i = 0; i < Math.min(50, requests); i++) await send(); // warm-up: compiled statements, JIT
for (const status of Object.keys(statuses)) delete statuses[Number(status)];
const cpuBefore = cpuMs();
const started = performance.now();
let left = requests;
await Promise.all(
  Array.from({ length: connections }, async () => {
    while (left-- > 0) await send();
  }),
);
const wall = performance.now() - started;
const cpu = cpuMs() - cpuBefore;
console.log(
  `${scenario.name}: ${(cpu / requests).toFixed(3)} ms of server CPU per request; ` +
    `${((requests * 1000) / wall).toFixed(0)} req/s over ${connections} connection(s); ` +
    `${bytes} bytes; statuses ${JSON.stringify(statuses)}`,
);
await stopChild(server);
