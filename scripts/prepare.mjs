// What `npm test` needs from the machine, checked before anything else runs: Debian's chromium
// (browser tests), pdftoppm (the test that renders an exported PDF) and a PostgreSQL server with an
// empty test database (the API tests run on both engines). Where something is missing and we may
// install it (root, or sudo without a password), scripts/system-deps.sh does; where we may not, the
// run stops at once with one line that names what is missing and the one command that installs it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const INSTALL_COMMAND = 'sudo bash scripts/system-deps.sh';

const isExecutable = (file) => {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};

const onPath = (env, name) =>
  (env.PATH ?? '').split(path.delimiter).some((dir) => dir && isExecutable(path.join(dir, name)));

/** 'root', 'sudo' (password-less) or null: whether we may install system packages. */
function privilege(env) {
  if (typeof process.getuid === 'function' && process.getuid() === 0) return 'root';
  if (!onPath(env, 'sudo')) return null;
  return spawnSync('sudo', ['-n', 'true'], { env, stdio: 'ignore' }).status === 0 ? 'sudo' : null;
}

/** The pieces this machine lacks, in words a newcomer recognises. */
export function missingPieces(env) {
  const missing = [];
  if (!isExecutable(env.CHROMIUM_PATH || '/usr/bin/chromium')) missing.push('chromium');
  if (!onPath(env, 'pdftoppm')) missing.push('pdftoppm (poppler-utils)');
  if (!env.TEST_DATABASE_URL && !(onPath(env, 'psql') && onPath(env, 'pg_ctlcluster')))
    missing.push('PostgreSQL');
  return missing;
}

/** Drops and creates the test database as user postgres over 127.0.0.1 (trust or PGPASSWORD). */
function freshDatabase(env) {
  const psql = (sql) =>
    spawnSync('psql', ['-q', '-w', '-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-c', sql], {
      env,
      encoding: 'utf8',
    }).status === 0;
  if (!psql('drop database if exists custodia_test with (force)') || !psql('create database custodia_test'))
    return null;
  return 'postgres://postgres@127.0.0.1:5432/custodia_test';
}

/**
 * Makes the machine ready and returns the environment the test steps run with (TEST_DATABASE_URL
 * set for the run itself). Returns { ok: false, line } when it cannot, without side effects.
 */
export function prepare(env, root, log = console.log) {
  const missing = missingPieces(env);
  const wantDatabase = !env.TEST_DATABASE_URL;
  const how = missing.length > 0 || wantDatabase ? privilege(env) : null;

  if (how) {
    // system-deps.sh installs only what is absent, starts PostgreSQL if stopped, and creates an empty
    // custodia_test database; it is safe to run again.
    if (missing.length > 0) log(`installing ${missing.join(', ')} (scripts/system-deps.sh)`);
    const urlFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-test-')), 'database-url');
    const script = path.join(root, 'scripts', 'system-deps.sh');
    const [command, args] =
      how === 'root'
        ? ['bash', [script]]
        : ['sudo', ['-n', 'env', `TEST_DATABASE_URL_FILE=${urlFile}`, 'bash', script]];
    const { status } = spawnSync(command, args, {
      env: { ...env, TEST_DATABASE_URL_FILE: urlFile },
      stdio: 'inherit',
    });
    if (status !== 0)
      return { ok: false, line: `npm test: scripts/system-deps.sh failed (exit ${status}); see above` };
    const left = missingPieces({ ...env, TEST_DATABASE_URL: 'given' });
    if (left.length > 0)
      return { ok: false, line: `npm test: still missing after installing: ${left.join(', ')}` };
    if (!wantDatabase) return { ok: true, env };
    return { ok: true, env: { ...env, TEST_DATABASE_URL: fs.readFileSync(urlFile, 'utf8').trim() } };
  }

  if (missing.length > 0) {
    return {
      ok: false,
      line: `npm test needs ${missing.join(', ')}; install with: ${INSTALL_COMMAND} (or set CHROMIUM_PATH / TEST_DATABASE_URL)`,
    };
  }
  if (!wantDatabase) return { ok: true, env };
  const url = freshDatabase(env);
  if (!url) {
    return {
      ok: false,
      line: `npm test needs PostgreSQL running on 127.0.0.1:5432 for user postgres; start it with: ${INSTALL_COMMAND} (or set TEST_DATABASE_URL)`,
    };
  }
  return { ok: true, env: { ...env, TEST_DATABASE_URL: url } };
}
