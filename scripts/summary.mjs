#!/usr/bin/env node
// Prints the plain line `N passed, N failed` (CI reads it) from Vitest's JSON reports in
// .test-output/, counting a failed lint, type-check or build step as a failure too.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '.test-output');
let passed = 0;
let failed = 0;
let skipped = 0;
const read = (file) => JSON.parse(fs.readFileSync(path.join(out, file), 'utf8'));

for (const file of ['vitest.json', 'e2e.json']) {
  if (!fs.existsSync(path.join(out, file))) {
    failed += 1; // a suite that produced no report did not run: that is a failure, not a pass
    continue;
  }
  const report = read(file);
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (report.success === false && (report.numFailedTests ?? 0) === 0) failed += 1;
}
if (fs.existsSync(path.join(out, 'steps.json'))) {
  for (const step of read('steps.json')) {
    if (!step.ok && !/tests$/.test(step.name)) failed += 1;
  }
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);
