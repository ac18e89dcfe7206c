// The module boundaries (ADR 0020) are Biome `noRestrictedImports` rules in biome.json, run by the
// lint step of `npm test`. Here each rule meets a planted violation, in a temporary copy of the
// configuration with files placed in the folders the rules cover, and must name itself; the allowed
// imports beside them must pass.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const biome = path.join(root, 'node_modules', '.bin', 'biome');

/** Each planted file: where it sits, what it imports, and the rule it breaks (or null when allowed). */
const planted: { file: string; from: string; rule: string | null }[] = [
  { file: 'domain/src/restraint/planted.ts', from: '../../../server/src/app.ts', rule: 'domain-is-pure' },
  { file: 'domain/src/clinical/planted.ts', from: '../../../web/src/app/modules.ts', rule: 'domain-is-pure' },
  { file: 'domain/src/restraint/allowed.ts', from: '../platform/index.ts', rule: null },
  {
    file: 'web/src/modules/restraint/planted.ts',
    from: '../../../../server/src/services.ts',
    rule: 'web-not-server',
  },
  { file: 'web/src/modules/restraint/allowed.ts', from: '@custodia/domain', rule: null },
  { file: 'server/src/platform/planted.ts', from: '../modules/audit/index.ts', rule: 'platform-not-modules' },
  {
    file: 'server/src/platform/db/planted.ts',
    from: '../../modules/audit/service.ts',
    rule: 'platform-not-modules',
  },
  { file: 'server/src/platform/db/allowed.ts', from: './database.ts', rule: null },
  {
    file: 'server/src/modules/restraint/planted.ts',
    from: '../clinical/records.ts',
    rule: 'module-through-index',
  },
  {
    file: 'server/src/modules/restraint/planted2.ts',
    from: '../registry/tables.ts',
    rule: 'module-through-index',
  },
  {
    file: 'server/src/modules/restraint/planted3.ts',
    from: '../identity/repository.ts',
    rule: 'module-through-index',
  },
  { file: 'server/src/modules/restraint/allowed.ts', from: '../clinical/index.ts', rule: null },
  { file: 'server/src/modules/restraint/allowed2.ts', from: '../../platform/db/database.ts', rule: null },
  { file: 'server/src/modules/restraint/allowed3.ts', from: './service.ts', rule: null },
  { file: 'server/src/fhir/planted.ts', from: '../modules/clinical/tables.ts', rule: 'fhir-no-tables' },
  { file: 'server/src/fhir/planted2.ts', from: '../platform/db/schema.ts', rule: 'fhir-no-tables' },
  { file: 'server/src/fhir/planted3.ts', from: 'kysely', rule: 'fhir-no-tables' },
  { file: 'server/src/fhir/allowed.ts', from: '../modules/clinical/index.ts', rule: null },
];

let work: string;
/** file (relative) → the rules Biome reported for it. */
const reported = new Map<string, string[]>();
let exitCode: number | null = null;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-boundaries-'));
  const config = JSON.parse(fs.readFileSync(path.join(root, 'biome.json'), 'utf8'));
  delete config.$schema;
  // The copy is no git repository, and holds only the planted files.
  config.vcs = { enabled: false };
  config.files = { includes: ['**'] };
  fs.writeFileSync(path.join(work, 'biome.json'), JSON.stringify(config));
  for (const { file, from } of planted) {
    fs.mkdirSync(path.join(work, path.dirname(file)), { recursive: true });
    fs.writeFileSync(
      path.join(work, file),
      `import { planted } from '${from}';\n\nexport const value = planted;\n`,
    );
  }
  const run = spawnSync(biome, ['lint', '--reporter=github', '--max-diagnostics=none', '.'], {
    cwd: work,
    encoding: 'utf8',
  });
  exitCode = run.status;
  for (const line of run.stdout.split('\n')) {
    const match =
      /^::error title=lint\/style\/noRestrictedImports,file=([^,]+),.*::Boundary rule ([a-z-]+)/.exec(line);
    if (!match) continue;
    const file = path.relative(work, match[1] as string);
    reported.set(file, [...(reported.get(file) ?? []), match[2] as string]);
  }
});

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('module boundaries (ADR 0020): the lint step of npm test fails on a violation and names the rule', () => {
  it('fails the run', () => {
    expect(exitCode).not.toBe(0);
  });

  it.each(planted)('$file importing $from → $rule', ({ file, rule }) => {
    expect(reported.get(file) ?? []).toEqual(rule ? [rule] : []);
  });
});
