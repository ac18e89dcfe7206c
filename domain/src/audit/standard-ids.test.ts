import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The repository's own files (code, tests, docs), as git knows them. */
function trackedTextFiles(): string[] {
  return execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((f) => /\.(ts|tsx|mjs|md)$/.test(f) && fs.existsSync(path.join(root, f)));
}

describe('rule IDs of the audit trail', () => {
  it('X-2: the audit trail is cited as X-2, never by the ID of the rule on clinical orders', () => {
    // MED-7: non-health roles cannot edit, cancel or delay clinical orders. The audit trail (every
    // read and write logged, append-only) is X-2. A line citing MED-7 must not be about auditing.
    const misuses: string[] = [];
    for (const file of trackedTextFiles()) {
      if (file === path.relative(root, fileURLToPath(import.meta.url))) continue;
      const lines = fs.readFileSync(path.join(root, file), 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (/\bMED-7\b/.test(line) && /audit|attributable|access report|subject-access/i.test(line)) {
          misuses.push(`${file}:${i + 1}`);
        }
      });
    }
    expect(misuses).toEqual([]);
  });
});
