#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { roles, userCreateSchema } from '@custodia/domain';
import { buildApp } from './app.ts';
import { DEMO_PASSWORD, demoUsername } from './modules/identity/seed.ts';
import { serverModules } from './modules.ts';
import { createBackup, restoreBackup } from './platform/backup/backup.ts';
import { type Config, loadConfig } from './platform/config.ts';
import { type DatabaseHandle, openDatabase } from './platform/db/database.ts';
import { isEmpty } from './platform/db/introspect.ts';
import { appliedMigrations, MigrationError, migrateToLatest } from './platform/db/migrate.ts';
import { ConfigError } from './platform/errors.ts';
import { holdsDemoData, seedDemo } from './platform/seed.ts';
import { createFileSystemStorage } from './platform/storage/storage.ts';
import { VERSION } from './platform/version.ts';
import { demoSeedParts } from './seeds.ts';
import { buildServices } from './services.ts';

// The commands the modules add (ModuleCommand): `custodia terminology import-atc FILE`…
const moduleCommands = serverModules.flatMap((module) => module.commands ?? []);
const moduleUsage = moduleCommands.map((c) => `  custodia ${c.command} ${c.args}\n`).join('');

const usage = `custodia ${VERSION}

Usage:
  custodia start [--port 3000] [--host 127.0.0.1] [--production] [--seed-demo-if-empty]
  custodia migrate
  custodia seed --demo
  custodia backup FILE
  custodia restore FILE [--force]
  custodia audit verify [--since SEQ:HASH]
${moduleUsage}  custodia users create --username NAME --role ROLE [--role ROLE …] [--institution ID …] [--display-name TEXT]

Environment:
  CUSTODIA_DATABASE_URL   sqlite:./data/custodia.db (default) or postgres://user@host:5432/db
  PORT, HOST              where to listen (default 3000 on 127.0.0.1)
  CUSTODIA_TIME_ZONE      time zone for day boundaries (default Asia/Baku)
  CUSTODIA_BACKUP_KEY     secret for backup encryption (at least 16 characters)
  CUSTODIA_STORAGE_DIR    folder of stored files: photos, documents (default ./data/files)
`;

const say = (line: string) => process.stdout.write(`${line}\n`);

async function withDatabase<T>(config: Config, work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await openDatabase(config.database);
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

async function migrate(handle: DatabaseHandle) {
  const applied = await migrateToLatest(handle.db);
  say(
    applied.length
      ? `applied ${applied.length} migration(s): ${applied.join(', ')}`
      : 'database is up to date',
  );
}

async function start(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      production: { type: 'boolean', default: false },
      'seed-demo-if-empty': { type: 'boolean', default: false },
    },
  });
  const config = loadConfig(process.env, {
    port: values.port,
    host: values.host,
    production: values.production,
  });
  const handle = await openDatabase(config.database);
  try {
    await migrate(handle);
    if (values['seed-demo-if-empty'] && !config.production && (await isEmpty(handle.db, handle.dialect))) {
      say('empty database: adding demo data');
      await seedDemo(buildServices(config, handle), demoSeedParts, say);
    }
    if (config.production && (await holdsDemoData(handle))) {
      throw new ConfigError('refusing --production: this database holds demo data; use a new database');
    }
  } catch (error) {
    await handle.close();
    throw error;
  }
  const services = buildServices(config, handle);
  const app = await buildApp(services, { logger: { level: process.env.LOG_LEVEL || 'info' } });
  const shutdown = async () => {
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await handle.close();
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(
      `cannot listen on ${config.host}:${config.port}: ${code ?? (error as Error).message}`,
    );
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  say(`Custodia ${VERSION} on ${handle.describe}`);
  say(`Open http://${config.host}:${port}/ (API description at /api/docs)`);
  if (await holdsDemoData(handle)) {
    say('Demo data: this database holds demonstration data only. Sign in as one of:');
    say(`  ${roles.map(demoUsername).join(', ')}`);
    say(`  password: ${DEMO_PASSWORD}`);
  }
}

/** A module's command: migrations applied, services built, one line printed (or one error line). */
async function runModuleCommand(found: (typeof moduleCommands)[number], args: string[]) {
  const config = loadConfig();
  return withDatabase(config, async (handle) => {
    await migrate(handle);
    const services = buildServices(config, handle);
    let progressShown = false;
    try {
      const line = await found.run(services as never, args, (progress) => {
        progressShown = true;
        process.stderr.write(`\r${progress}`);
      });
      if (progressShown) process.stderr.write('\n');
      say(line);
    } catch (error) {
      if (progressShown) process.stderr.write('\n');
      throw new ConfigError((error as Error).message);
    }
  });
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  const found = moduleCommands.find((c) => c.command.split(' ').every((word, i) => argv[i] === word));
  if (found) return runModuleCommand(found, argv.slice(found.command.split(' ').length));
  switch (command) {
    case 'start':
      return start(rest);
    case 'migrate':
      return withDatabase(loadConfig(), migrate);
    case 'seed': {
      const { values } = parseArgs({ args: rest, options: { demo: { type: 'boolean', default: false } } });
      if (!values.demo) throw new ConfigError('say what to seed: custodia seed --demo');
      const config = loadConfig();
      return withDatabase(config, async (handle) => {
        await migrate(handle);
        say('adding demo data');
        await seedDemo(buildServices(config, handle), demoSeedParts, say);
      });
    }
    case 'backup': {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true });
      const file = positionals[0];
      if (!file) throw new ConfigError('name the backup file: custodia backup FILE');
      const config = loadConfig();
      return withDatabase(config, async (handle) => {
        const storage = createFileSystemStorage(config.storageDir);
        const result = await createBackup(handle, file, config.backupKey, storage);
        say(
          `backup written to ${file}: ${result.rows} rows from ${result.tables} tables, ${result.files} stored files`,
        );
      });
    }
    case 'restore': {
      const { positionals, values } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { force: { type: 'boolean', default: false } },
      });
      const file = positionals[0];
      if (!file) throw new ConfigError('name the backup file: custodia restore FILE');
      const config = loadConfig();
      return withDatabase(config, async (handle) => {
        const result = await restoreBackup(handle, file, config.backupKey, {
          force: values.force,
          storage: createFileSystemStorage(config.storageDir),
        });
        say(
          `restored ${result.rows} rows into ${result.tables} tables and ${result.files} stored files (backup taken on ${result.sourceDialect})`,
        );
      });
    }
    case 'audit': {
      const { positionals, values } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { since: { type: 'string' } },
      });
      if (positionals[0] !== 'verify')
        throw new ConfigError('usage: custodia audit verify [--since SEQ:HASH]');
      const since = values.since?.match(/^(\d+):([0-9a-f]{64})$/);
      if (values.since && !since) throw new ConfigError('--since takes SEQ:HASH as printed on the head line');
      const config = loadConfig();
      return withDatabase(config, async (handle) => {
        if (!(await appliedMigrations(handle.db)).includes('0003_audit')) {
          throw new ConfigError('this database has no audit trail yet: run custodia migrate first');
        }
        const result = await buildServices(config, handle).audit.verify();
        if (result.ok && since) {
          // An earlier head must still be in the chain, unchanged: otherwise newer events were removed.
          const earlier = await handle.db
            .selectFrom('audit_event')
            .select('hash')
            .where('seq', '=', Number(since[1]))
            .executeTakeFirst();
          if (earlier?.hash !== since[2]) {
            throw new ConfigError(
              `audit trail does not contain the earlier head ${since[1]}: events have been removed or replaced`,
            );
          }
        }
        if (result.ok) {
          say(`ok ${result.events} events`);
          // Record the head outside the system: a later run whose chain does not contain it has lost events.
          if (result.head) say(`head ${result.head.seq} ${result.head.hash}`);
          return;
        }
        const { broken } = result;
        const why = {
          hash: 'its content does not match its hash',
          link: 'it does not point to the event before it',
          gap: 'events before it are missing',
        }[broken.reason];
        throw new ConfigError(`audit trail broken at event ${broken.seq} (id ${broken.id}): ${why}`);
      });
    }
    case 'users': {
      const { positionals, values } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          username: { type: 'string' },
          'display-name': { type: 'string' },
          role: { type: 'string', multiple: true },
          institution: { type: 'string', multiple: true },
        },
      });
      if (positionals[0] !== 'create')
        throw new ConfigError(
          'usage: custodia users create --username NAME --role ROLE [--role …] [--institution ID …]',
        );
      const parsed = userCreateSchema.safeParse({
        username: values.username,
        displayName: values['display-name'] ?? values.username,
        roles: values.role ?? [],
        institutionIds: values.institution ?? [],
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue?.path.join('.') ?? '';
        throw new ConfigError(
          field === 'roles' || field.startsWith('roles')
            ? `give at least one known --role: ${roles.join(', ')}`
            : `--${field === 'displayName' ? 'display-name' : field} is not valid (${issue?.message})`,
        );
      }
      const config = loadConfig();
      return withDatabase(config, async (handle) => {
        await migrate(handle);
        const services = buildServices(config, handle);
        const actor = { userId: null, username: 'custodia-cli', role: null, clientAddress: null };
        const { user, oneTimePassword } = await services.identity.createUser(actor, parsed.data);
        say(`created ${user.username} (${user.roles.join(', ')})`);
        say(`one-time password: ${oneTimePassword}`);
        say('It must be changed at first sign-in. It is shown only now.');
      });
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      say(usage);
      return;
    case '--version':
      say(VERSION);
      return;
    default:
      throw new ConfigError(`unknown command "${command}": see custodia --help`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // One clear line, never a stack trace (set CUSTODIA_DEBUG=1 to see one).
  const known = error instanceof ConfigError || error instanceof MigrationError;
  const message =
    known || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
      ? (error as Error).message
      : `unexpected error: ${(error as Error)?.message ?? String(error)}`;
  process.stderr.write(`custodia: ${message}\n`);
  if (process.env.CUSTODIA_DEBUG) console.error(error);
  process.exit(1);
});
