#!/usr/bin/env node
// `npm test`: every check, in order, continuing after a failure so one run shows everything.
// Lint, type-check, build, then Vitest (domain, API on SQLite and on PostgreSQL when
// TEST_DATABASE_URL is set, web), then the browser tests against the built server.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, '.test-output');
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });

const vitest = (name, projects) => [
  'npx',
  [
    'vitest',
    'run',
    ...projects.flatMap((p) => ['--project', p]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${path.join(out, `${name}.json`)}`,
  ],
];

const steps = [
  ['lint', ['npx', ['biome', 'check', '.']]],
  ['type-check', ['npm', ['run', '--silent', 'typecheck']]],
  ['build', ['npm', ['run', '--silent', 'build']]],
  ['unit and API tests', vitest('vitest', ['domain', 'server-sqlite', 'server-postgresql', 'web'])],
  ['browser tests', vitest('e2e', ['e2e'])],
];

if (!process.env.TEST_DATABASE_URL) {
  console.log('note: TEST_DATABASE_URL is not set, so the PostgreSQL API tests are skipped (CI sets it).');
}

const results = [];
for (const [name, [command, args]] of steps) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  results.push({ name, ok: status === 0, seconds: Math.round((Date.now() - started) / 1000) });
}
fs.writeFileSync(path.join(out, 'steps.json'), JSON.stringify(results, null, 2));

console.log('\n=== summary ===');
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.name} (${r.seconds} s)`);
const { status } = spawnSync('node', [path.join(root, 'scripts', 'summary.mjs')], { stdio: 'inherit' });
process.exit(results.every((r) => r.ok) && status === 0 ? 0 : 1);
