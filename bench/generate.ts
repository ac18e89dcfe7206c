// Fills an empty database with benchmark data at pilot or national scale, with a fixed seed.
//   npm run bench:generate -- --scale pilot|national --database URL
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { parseDatabaseUrl } from '../server/src/platform/config.ts';
import { type DatabaseHandle, databaseVersion, openDatabase } from '../server/src/platform/db/database.ts';
import { isEmpty } from '../server/src/platform/db/introspect.ts';
import { migrateToLatest } from '../server/src/platform/db/migrate.ts';
import { type GeneratorPart, generatorParts, randomFor } from './generators/index.ts';
import { isScaleName, SCALES, type ScaleName } from './lib/scales.ts';

export { bulkInsert } from './lib/bulk-insert.ts';

const usage = 'usage: npm run bench:generate -- --scale pilot|national --database URL';

export class GenerateError extends Error {}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Migrates, refuses a database that holds data, then runs every part in order. */
export async function generate(
  handle: DatabaseHandle,
  scale: ScaleName,
  allParts: GeneratorPart[],
  log: (line: string) => void,
  /** Only these parts, into a database the earlier parts already filled (no emptiness check). */
  only?: string[],
): Promise<void> {
  const { db, dialect } = handle;
  const applied = await migrateToLatest(db);
  log(
    `database ${handle.describe} (${await databaseVersion(db, dialect)}), ${applied.length} migration(s) applied`,
  );
  const parts = only ? allParts.filter((p) => only.includes(p.module)) : allParts;
  if (only) log(`only: ${parts.map((p) => p.module).join(', ')}`);
  else if (!(await isEmpty(db, dialect))) {
    throw new GenerateError(
      `${handle.describe} already holds data: generate into an empty database (drop and recreate it, or use a new file)`,
    );
  }
  const params = SCALES[scale];
  log(`generating ${scale} scale: ${JSON.stringify(params)}`);
  const now = new Date();
  const started = performance.now();
  for (const part of parts) {
    const partStarted = performance.now();
    log(`  ${part.module}: started`);
    const summary = await part.run({
      db,
      dialect,
      scale,
      params,
      random: randomFor(part.module),
      now,
      log: (line) => log(`  ${part.module}: ${line}`),
    });
    log(`  ${part.module}: ${summary} (${seconds(performance.now() - partStarted)})`);
  }
  const analyzeStarted = performance.now();
  // PostgreSQL: VACUUM as well, as autovacuum would soon after a load. Until the visibility map is
  // set, no index-only scan is possible and the first plans measured would be a fresh load's, not
  // a running system's (the name-token range scan read 11,000 heap pages instead of none).
  await (dialect === 'postgresql' ? sql`vacuum analyze` : sql`analyze`).execute(db);
  if (dialect === 'sqlite') await sql`pragma wal_checkpoint(truncate)`.execute(db);
  log(`  statistics updated (${seconds(performance.now() - analyzeStarted)})`);
  log(`done: ${scale} scale in ${seconds(performance.now() - started)}`);
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      scale: { type: 'string', default: 'pilot' },
      database: { type: 'string' },
      // e.g. --only restraint: add one part to a database generated before it existed.
      only: { type: 'string' },
    },
  });
  const scale = values.scale ?? 'pilot';
  if (!isScaleName(scale)) throw new GenerateError(`unknown scale "${scale}"; ${usage}`);
  const url = values.database ?? process.env.CUSTODIA_DATABASE_URL;
  if (!url) throw new GenerateError(`name the database; ${usage}`);
  const handle = await openDatabase(parseDatabaseUrl(url));
  try {
    await generate(
      handle,
      scale,
      generatorParts,
      (line) => process.stdout.write(`${line}\n`),
      values.only ? values.only.split(',') : undefined,
    );
  } finally {
    await handle.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    const known = error instanceof GenerateError || (error instanceof Error && error.name === 'ConfigError');
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`bench:generate: ${message}\n`);
    if (!known && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  });
}
