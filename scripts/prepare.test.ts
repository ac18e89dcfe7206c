// The machine preparation of `npm test` (scripts/prepare.mjs), run as a newcomer would meet it: the
// real scripts/test.mjs in a copy of scripts/, with PATH and CHROMIUM_PATH hiding what is installed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const scriptsDir = path.dirname(new URL(import.meta.url).pathname);
const isRoot = process.getuid?.() === 0;
const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((f) => fs.existsSync(f));

let work: string;
let repo: string;

/** A folder with executables that do nothing, to stand for installed programs. */
function fakeBin(dir: string, names: string[]) {
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  for (const name of names) fs.writeFileSync(path.join(dir, name), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  return dir;
}

/** Runs `node scripts/test.mjs ARGS` of the copy, as nobody when we are root. */
function runTest(args: string[], env: Record<string, string>, asRoot = false) {
  const command = [process.execPath, path.join(repo, 'scripts', 'test.mjs'), ...args];
  const [file, ...rest] =
    isRoot && !asRoot && setpriv
      ? [setpriv, '--reuid=65534', '--regid=65534', '--clear-groups', '--', ...command]
      : command;
  return spawnSync(file as string, rest, { cwd: repo, env: { HOME: work, ...env }, encoding: 'utf8' });
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-prepare-'));
  fs.chmodSync(work, 0o755);
  repo = path.join(work, 'repo');
  fs.cpSync(scriptsDir, path.join(repo, 'scripts'), { recursive: true });
  fs.chmodSync(repo, 0o755);
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('npm test prepares the machine first', () => {
  it.skipIf(isRoot && !setpriv)(
    'as a user who may not install, with chromium, pdftoppm and PostgreSQL hidden, it stops before lint with one line naming them and the command',
    () => {
      const emptyPath = fakeBin(path.join(work, 'empty-bin'), []);
      const result = runTest([], { PATH: emptyPath, CHROMIUM_PATH: path.join(work, 'no-chromium') });
      expect(result.status).toBe(1);
      const lines = result.stdout.trim().split('\n');
      expect(lines.at(-1)).toMatch(/npm test needs chromium, pdftoppm \(poppler-utils\), PostgreSQL/);
      expect(lines.at(-1)).toContain('sudo bash scripts/system-deps.sh');
      expect(result.stdout).not.toContain('=== lint');
    },
  );

  it.skipIf(isRoot && !setpriv)('as a user who may not install, with everything there, it goes on', () => {
    const bin = fakeBin(path.join(work, 'bin-all'), ['pdftoppm']);
    const chromium = path.join(fakeBin(path.join(work, 'chromium-there'), ['chromium']), 'chromium');
    const result = runTest(['--prepare-only'], {
      PATH: bin,
      CHROMIUM_PATH: chromium,
      TEST_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/elsewhere',
    });
    expect(result.stdout).toContain('ready in');
    expect(result.status).toBe(0);
  });

  it.skipIf(!isRoot)(
    'as root, a missing piece is installed by scripts/system-deps.sh and the run goes on',
    () => {
      // The copy's system-deps.sh stands for the real one: it "installs" chromium where CHROMIUM_PATH
      // points and writes a database URL, as the real one does.
      const chromium = path.join(work, 'installed', 'chromium');
      const marker = path.join(work, 'system-deps-ran');
      fs.writeFileSync(
        path.join(repo, 'scripts', 'system-deps.sh'),
        [
          'set -e',
          `mkdir -p "$(dirname "${chromium}")"`,
          `printf '#!/bin/sh\\n' > "${chromium}" && chmod +x "${chromium}"`,
          `touch "${marker}"`,
          'echo "postgres://postgres@127.0.0.1:5432/custodia_test" > "$TEST_DATABASE_URL_FILE"',
        ].join('\n'),
      );
      const bin = fakeBin(path.join(work, 'bin-root'), ['pdftoppm', 'psql', 'pg_ctlcluster']);
      const result = runTest(
        ['--prepare-only'],
        { PATH: `${bin}${path.delimiter}${process.env.PATH}`, CHROMIUM_PATH: chromium },
        true,
      );
      expect(result.stdout).toContain('installing chromium');
      expect(fs.existsSync(marker)).toBe(true);
      expect(result.stdout).toContain('ready in');
      expect(result.status).toBe(0);
    },
  );
});
