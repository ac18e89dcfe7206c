import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testEngine } from './test/app.ts';
// The command as an operator runs it: the current source, bundled as `npm run build` bundles it.
import { custodia } from './test/command.ts';

/** One clear line on stderr, exit code 1, and no stack trace. */
function expectOneLineFailure(result: { code: number; stderr: string }, pattern: RegExp) {
  expect(result.code).toBe(1);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

// The command does not depend on the test engine: run it once, in the SQLite project.
describe.skipIf(testEngine() !== 'sqlite')('the custodia command', { timeout: 90_000 }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-cli-'));
  const url = `sqlite:${path.join(dir, 'cli.db')}`;

  it('migrate applies pending migrations and then says it is up to date', async () => {
    const first = await custodia(['migrate'], { CUSTODIA_DATABASE_URL: url });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/applied \d+ migration\(s\): 0001_platform/);
    const second = await custodia(['migrate'], { CUSTODIA_DATABASE_URL: url });
    expect(second.stdout).toMatch(/up to date/);
  });

  it('seed --demo fills an empty database once, and refuses one that holds data', async () => {
    const seeded = await custodia(['seed', '--demo'], { CUSTODIA_DATABASE_URL: url });
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toMatch(/platform: marked as a demonstration database/);
    expectOneLineFailure(
      await custodia(['seed', '--demo'], { CUSTODIA_DATABASE_URL: url }),
      /already holds data/,
    );
  });

  it('start --production refuses a database holding demo data, with a one-line reason', async () => {
    expectOneLineFailure(
      await custodia(['start', '--production', '--port', '0'], { CUSTODIA_DATABASE_URL: url }),
      /refusing --production: this database holds demo data/,
    );
  });

  it('a bad database URL, an unreachable PostgreSQL and an unwritable folder each give one line and exit 1', async () => {
    expectOneLineFailure(
      await custodia(['migrate'], { CUSTODIA_DATABASE_URL: 'mysql://x@y/z' }),
      /not understood/,
    );
    expectOneLineFailure(
      await custodia(['migrate'], { CUSTODIA_DATABASE_URL: 'postgres://custodia:secret@127.0.0.1:1/none' }),
      /cannot reach PostgreSQL at postgres:\/\/custodia:\*\*\*@127\.0\.0\.1:1\/none/,
    );
    const file = path.join(dir, 'a-file');
    fs.writeFileSync(file, '');
    expectOneLineFailure(
      await custodia(['migrate'], { CUSTODIA_DATABASE_URL: `sqlite:${file}/sub/x.db` }),
      /cannot write to the data folder/,
    );
    expectOneLineFailure(
      await custodia(['migrate'], { CUSTODIA_DATABASE_URL: url, CUSTODIA_TIME_ZONE: 'Nowhere/City' }),
      /time zone/,
    );
  });

  it('backup and restore from the command line; a wrong key is refused', async () => {
    const file = path.join(dir, 'cli.cbk');
    const key = { CUSTODIA_BACKUP_KEY: 'command line backup key' };
    const backup = await custodia(['backup', file], { CUSTODIA_DATABASE_URL: url, ...key });
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/backup written/);
    const target = `sqlite:${path.join(dir, 'restored.db')}`;
    expectOneLineFailure(
      await custodia(['restore', file], {
        CUSTODIA_DATABASE_URL: target,
        CUSTODIA_BACKUP_KEY: 'not the right key!!',
      }),
      /wrong CUSTODIA_BACKUP_KEY/,
    );
    const restored = await custodia(['restore', file], { CUSTODIA_DATABASE_URL: target, ...key });
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/restored \d+ rows/);
    expectOneLineFailure(
      await custodia(['restore', file], { CUSTODIA_DATABASE_URL: target, ...key }),
      /not empty/,
    );
  });

  it('X-2: audit verify prints the head, and --since catches removed newest events', async () => {
    const ok = await custodia(['audit', 'verify'], { CUSTODIA_DATABASE_URL: url });
    expect(ok.code).toBe(0);
    const head = ok.stdout.match(/^head (\d+) ([0-9a-f]{64})$/m);
    expect(ok.stdout).toMatch(/^ok \d+ events$/m);
    expect(head).not.toBeNull();
    const again = await custodia(['audit', 'verify', '--since', `${head![1]}:${head![2]}`], {
      CUSTODIA_DATABASE_URL: url,
    });
    expect(again.code).toBe(0);
    const wrong = await custodia(
      ['audit', 'verify', '--since', `${Number(head![1]) + 5}:${'0'.repeat(64)}`],
      {
        CUSTODIA_DATABASE_URL: url,
      },
    );
    expectOneLineFailure(wrong, /does not contain the earlier head/);
  });

  it('an unknown command says so', async () => {
    expectOneLineFailure(await custodia(['frobnicate']), /unknown command "frobnicate"/);
  });

  it('the commands modules add are in the usage and run like the others (issue 11: a module plugs in its own CLI command)', async () => {
    const help = await custodia(['--help']);
    expect(help.stdout).toContain('custodia terminology import-claml FILE [--language az|en|ru]');
    expect(help.stdout).toContain('custodia terminology import-atc FILE');
    const missing = path.join(dir, 'nothing-here.xml');
    expectOneLineFailure(
      await custodia(['terminology', 'import-claml', missing], { CUSTODIA_DATABASE_URL: url }),
      /no such file/,
    );
    expectOneLineFailure(
      await custodia(['terminology', 'import-claml', missing, '--language', 'de'], {
        CUSTODIA_DATABASE_URL: url,
      }),
      /usage: custodia terminology import-claml/,
    );
  });
});
