#!/usr/bin/env node
// `npm test`: every check, in order, continuing after a failure so one run shows everything.
// First the machine (scripts/prepare.mjs: chromium, pdftoppm, PostgreSQL and a fresh test
// database, installed when we may), then lint, type-check, build, Vitest (domain, scripts, API on
// SQLite and on PostgreSQL, web), then the browser tests against the built server, then the
// sign-in page's bytes against their budget (bench/web-bytes.ts).
// `npm test -- --prepare-only` stops after the machine is ready.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepare } from './prepare.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, '.test-output');
fs.rmSync(out, { recursive: true, force: true }); // no report of an earlier run may count for this one

console.log('=== machine ===');
const preparedAt = Date.now();
const prepared = prepare(process.env, root);
if (!prepared.ok) {
  console.log(prepared.line);
  process.exit(1);
}
const env = prepared.env;
console.log(
  `ready in ${Math.round((Date.now() - preparedAt) / 1000)} s: chromium, pdftoppm, PostgreSQL test database`,
);
if (process.argv.includes('--prepare-only')) process.exit(0);

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
  [
    'unit and API tests',
    vitest('vitest', ['domain', 'scripts', 'server-sqlite', 'server-postgresql', 'web']),
  ],
  ['browser tests', vitest('e2e', ['e2e'])],
  // Issue 11: the sign-in page's JavaScript stays within 200 KB with gzip as modules are added.
  ['sign-in page bytes', ['node', ['--import', 'tsx', 'bench/web-bytes.ts', '--check']]],
];

const results = [];
for (const [name, [command, args]] of steps) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  results.push({ name, ok: status === 0, seconds: Math.round((Date.now() - started) / 1000) });
}
fs.writeFileSync(path.join(out, 'steps.json'), JSON.stringify(results, null, 2));

console.log('\n=== summary ===');
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.name} (${r.seconds} s)`);
const { status } = spawnSync('node', [path.join(root, 'scripts', 'summary.mjs')], { stdio: 'inherit' });
process.exit(results.every((r) => r.ok) && status === 0 ? 0 : 1);
