import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const script = path.join(root, 'scripts', 'traceability.mjs');

function run(args: string[], env: Record<string, string | undefined> = {}) {
  const { CUSTODIA_STANDARDS_MD: _, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [script, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...inherited, ...env },
  });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

describe('the standards traceability page (docs/standards-traceability.md)', () => {
  it('is up to date with STANDARDS.md, the test names and the code', () => {
    const { status, out } = run(['--check']);
    // When this fails: run `node scripts/traceability.mjs` and commit docs/standards-traceability.md.
    expect(status, out).toBe(0);
  });
});

describe('the traceability generator (scripts/traceability.mjs)', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  const page = () => fs.readFileSync(path.join(dir, 'repo/docs/standards-traceability.md'), 'utf8');
  const rowOf = (id: string) =>
    page()
      .split('\n')
      .find((l) => l.startsWith(`| ${id} |`));

  /** A repository beside a shared folder, as CI has them: ../shared/STANDARDS.md. */
  function fixture() {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-traceability-'));
    write(
      'shared/STANDARDS.md',
      [
        '# Digest',
        '',
        '## 0. How to read this file',
        '',
        '**Cross-cutting rules** (they apply to every module):',
        '',
        '- **ZZX-1** Every rule has a source. [design]',
        '',
        '## 1. Things (ZZA)',
        '',
        '- **ZZA-1** — A thing is counted. **Value:** 1. **Source:** somewhere [T].',
        '- **ZZA-2** — A thing is weighed, with a | in its text.',
        '- **ZZA-3** — A thing is painted.',
        '- **ZZA-4** — A thing is sold.',
        '',
        '## 2. More (ZZB)',
        '',
        '| ID | Rule | Value | Source |',
        '|---|---|---|---|',
        '| **ZZB-1** | Another thing is kept. | — | design |',
        '',
      ].join('\n'),
    );
    write(
      'repo/domain/src/things.test.ts',
      [
        "describe.skipIf(false)('ZZB-1: keeping', () => {",
        "  it('ZZA-1: counts a thing (see ZZX-1)', () => {});",
        "  it.skip('ZZA-4: sells a thing', () => {});",
        '  it(',
        "    'a title on its own line',",
        '    () => {},',
        '  );',
        '});',
      ].join('\n'),
    );
    write('repo/server/src/things.ts', '/** Weighs a thing (ZZA-2). */\nexport const weigh = 1;\n');
    write(
      'repo/docs/standards-status.json',
      JSON.stringify({
        byPrefix: { ZZA: { status: 'not_yet', module: 'things' } },
        byId: { 'ZZA-4': { status: 'out_of_scope', why: 'selling is not our business' } },
      }),
    );
  }

  it('lists every rule with a status derived from test names, code comments and the status file', () => {
    fixture();
    const { status, out } = run(['--root', path.join(dir, 'repo')]);
    expect(status, out).toBe(0);
    expect(page()).toContain('6 rules: 3 enforced and tested, 1 partly, 1 not yet, 1 out of scope.');
    expect(rowOf('ZZX-1')).toBe(
      '| ZZX-1 | Every rule has a source. | Enforced and tested | tests: `domain/src/things.test.ts` |',
    );
    expect(page()).toContain('## Cross-cutting rules');
    expect(rowOf('ZZA-1')).toBe(
      '| ZZA-1 | A thing is counted. | Enforced and tested | tests: `domain/src/things.test.ts` |',
    );
    expect(rowOf('ZZA-2')).toBe(
      '| ZZA-2 | A thing is weighed, with a \\| in its text. | Partly: cited in the code; no test names it yet | code: `server/src/things.ts` |',
    );
    expect(rowOf('ZZA-3')).toBe('| ZZA-3 | A thing is painted. | Not yet: things | — |');
    // A skipped test proves nothing.
    expect(rowOf('ZZA-4')).toBe(
      '| ZZA-4 | A thing is sold. | Out of scope: selling is not our business | — |',
    );
    expect(rowOf('ZZB-1')).toContain('| ZZB-1 | Another thing is kept. | Enforced and tested |');
  });

  it('fails, naming them, when rules have no status', () => {
    fixture();
    write('repo/docs/standards-status.json', '{}');
    const { status, out } = run(['--root', path.join(dir, 'repo')]);
    expect(status).toBe(2);
    expect(out).toContain('no status for ZZA-3, ZZA-4');
    expect(out).toContain('docs/standards-status.json');
  });

  it('--check fails on a stale page and says how to bring it up to date', () => {
    fixture();
    expect(run(['--root', path.join(dir, 'repo')]).status).toBe(0);
    expect(run(['--check', '--root', path.join(dir, 'repo')]).status).toBe(0);
    write('repo/web/src/paint.test.tsx', "it('ZZA-3: paints a thing', () => {});\n");
    const stale = run(['--check', '--root', path.join(dir, 'repo')]);
    expect(stale.status).toBe(1);
    expect(stale.out).toContain('run `node scripts/traceability.mjs`');
  });

  it('without STANDARDS.md: writing fails with a clear message; the check reads the rules from the committed page', () => {
    fixture();
    expect(run(['--root', path.join(dir, 'repo')]).status).toBe(0);
    fs.rmSync(path.join(dir, 'shared'), { recursive: true });
    const written = run(['--root', path.join(dir, 'repo')]);
    expect(written.status).toBe(2);
    expect(written.out).toContain('STANDARDS.md not found');
    expect(written.out).toContain('CUSTODIA_STANDARDS_MD');
    const checked = run(['--check', '--root', path.join(dir, 'repo')]);
    expect(checked.status, checked.out).toBe(0);
    expect(checked.out).toContain('taken from the committed docs/standards-traceability.md');
    // The code is still checked against the committed page.
    write('repo/web/src/paint.test.tsx', "it('ZZA-3: paints a thing', () => {});\n");
    expect(run(['--check', '--root', path.join(dir, 'repo')]).status).toBe(1);
    // And an explicit file wins over the missing folder.
    write('elsewhere/STANDARDS.md', '## 1. Things (ZZA)\n\n- **ZZA-1** — A thing is counted.\n');
    const explicit = run(['--root', path.join(dir, 'repo')], {
      CUSTODIA_STANDARDS_MD: path.join(dir, 'elsewhere/STANDARDS.md'),
    });
    expect(explicit.status, explicit.out).toBe(0);
    expect(page()).toContain('1 rules: 1 enforced and tested');
  });
});
