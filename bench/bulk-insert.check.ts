// Exercises bulkInsert on a scratch database and measures its throughput by batch size.
//   node --import tsx bench/bulk-insert.check.ts                    (SQLite, temporary file)
//   node --import tsx bench/bulk-insert.check.ts --database postgres://postgres@127.0.0.1:5432/custodia_bench
// On PostgreSQL it works in a scratch schema of that database and drops it afterwards.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { type DatabaseTarget, parseDatabaseUrl } from '../server/src/platform/config.ts';
import { type DatabaseHandle, openDatabase } from '../server/src/platform/db/database.ts';
// Before migrate.ts, as bench/generate.ts does: migrate.ts loads every module, one of which loads
// introspect.ts, whose top level reads migrate.ts's constants (an import cycle).
import '../server/src/platform/db/introspect.ts';
import { migrateToLatest } from '../server/src/platform/db/migrate.ts';
import {
  BulkInsertError,
  bulkInsert,
  bulkInsertValues,
  PARAMETER_LIMIT,
  rowsPerStatement,
  secondaryIndexes,
  withoutSecondaryIndexes,
} from './lib/bulk-insert.ts';

const { values } = parseArgs({
  options: { database: { type: 'string' }, rows: { type: 'string', default: '200000' } },
});
const throughputRows = Number(values.rows);
const say = (line: string) => process.stdout.write(`${line}\n`);

const settingRows = (count: number, prefix = 'k') =>
  Array.from({ length: count }, (_, i) => ({
    key: `${prefix}${String(i).padStart(8, '0')}`,
    value: `value ${i} with a little text in it`,
    updated_at: '2026-11-28T10:00:00.000Z',
  }));

async function count(handle: DatabaseHandle): Promise<number> {
  const row = await handle.db
    .selectFrom('system_setting')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const clear = (handle: DatabaseHandle) => handle.db.deleteFrom('system_setting').execute();

async function checks(handle: DatabaseHandle): Promise<void> {
  const { db, dialect } = handle;
  assert.equal(await bulkInsert(db, dialect, 'system_setting', []), 0, 'no rows: nothing to do');

  // More rows than one statement may carry, with batchRows far above the limit: chunks must be capped.
  const overLimit = Math.ceil((PARAMETER_LIMIT[dialect] * 1.5) / 3);
  let statements = 0;
  const inserted = await bulkInsert(db, dialect, 'system_setting', settingRows(overLimit), {
    batchRows: 1_000_000,
    onProgress: () => statements++,
  });
  assert.equal(inserted, overLimit);
  assert.equal(await count(handle), overLimit);
  assert.equal(statements, Math.ceil(overLimit / rowsPerStatement(dialect, 3, 1_000_000)));
  const last = await db
    .selectFrom('system_setting')
    .selectAll()
    .where('key', '=', `k${String(overLimit - 1).padStart(8, '0')}`)
    .executeTakeFirstOrThrow();
  assert.equal(last.value, `value ${overLimit - 1} with a little text in it`);
  say(
    `  ok: ${overLimit} rows in ${statements} statements (batchRows capped under ${PARAMETER_LIMIT[dialect]})`,
  );

  // A failure in the last chunk rolls back the earlier chunks too.
  const before = await count(handle);
  const clashing = [...settingRows(2_500, 'new'), ...settingRows(1)];
  await assert.rejects(bulkInsert(db, dialect, 'system_setting', clashing, { batchRows: 1000 }));
  assert.equal(await count(handle), before, 'a failed bulk insert leaves nothing behind');
  say('  ok: a duplicate key in the third chunk rolls back the first two');

  // Inside the caller's transaction: it joins it, and rolls back with it.
  await assert.rejects(
    db.transaction().execute(async (tx) => {
      await bulkInsert(tx, dialect, 'system_setting', settingRows(1_500, 'tx'), { batchRows: 500 });
      assert.deepEqual(
        await tx.selectFrom('system_setting').select('key').where('key', '=', 'tx00001499').execute(),
        [{ key: 'tx00001499' }],
      );
      throw new Error('roll back');
    }),
    /roll back/,
  );
  assert.equal(await count(handle), before, 'rolled back with the caller');
  say("  ok: joins the caller's transaction and rolls back with it");

  // Rows of different shapes are refused before anything is written.
  const ragged = [
    { key: 'a', value: '1', updated_at: 'x' },
    { key: 'b', value: '2' },
  ] as unknown as ReturnType<typeof settingRows>;
  await assert.rejects(bulkInsert(db, dialect, 'system_setting', ragged), BulkInsertError);
  assert.equal(await count(handle), before);
  say('  ok: rows with different columns are refused');

  // null and undefined both arrive as NULL (the column is NOT NULL, so the engine refuses it).
  await assert.rejects(
    bulkInsert(db, dialect, 'system_setting', [
      { key: 'n', value: undefined as unknown as string, updated_at: 'x' },
    ]),
  );
  say('  ok: undefined is sent as NULL');
  await clear(handle);

  // bulkInsertValues (ADR 0055): flat values, row after row; the same rows as bulkInsert writes.
  const flat = settingRows(25_000, 'f').flatMap((r) => [r.key, r.value, r.updated_at]);
  let flatStatements = 0;
  assert.equal(
    await bulkInsertValues(db, dialect, 'system_setting', ['key', 'value', 'updated_at'], flat, {
      onProgress: () => flatStatements++,
    }),
    25_000,
  );
  assert.equal(await count(handle), 25_000);
  const f = await db
    .selectFrom('system_setting')
    .selectAll()
    .where('key', '=', 'f00024999')
    .executeTakeFirstOrThrow();
  assert.deepEqual(f, {
    key: 'f00024999',
    value: 'value 24999 with a little text in it',
    updated_at: '2026-11-28T10:00:00.000Z',
  });
  say(`  ok: bulkInsertValues wrote 25000 rows in ${flatStatements} statements`);
  await assert.rejects(
    bulkInsertValues(db, dialect, 'system_setting', ['key', 'value', 'updated_at'], ['a', 'b']),
    BulkInsertError,
  );
  await assert.rejects(
    bulkInsertValues(
      db,
      dialect,
      'system_setting',
      ['key', 'value', 'updated_at'],
      [...['x1', 'v', 't'], ...['f00000001', 'v', 't']],
    ),
  );
  assert.equal(await count(handle), 25_000, 'a failed bulkInsertValues leaves nothing behind');
  say('  ok: bulkInsertValues refuses values that are not whole rows; a duplicate key writes nothing');
  await clear(handle);

  // withoutSecondaryIndexes: the secondary indexes are gone during the load and back afterwards.
  const table = 'medication_administration';
  const indexes = (await secondaryIndexes(db, dialect, table)).map((i) => i.name);
  assert.ok(indexes.length >= 3, `${table} has its secondary indexes: ${indexes.join(', ')}`);
  await withoutSecondaryIndexes(db, dialect, [table], async () => {
    assert.deepEqual(await secondaryIndexes(db, dialect, table), []);
  });
  assert.deepEqual(
    (await secondaryIndexes(db, dialect, table)).map((i) => i.name),
    indexes,
  );
  await assert.rejects(
    withoutSecondaryIndexes(db, dialect, [table], async () => {
      throw new Error('load failed');
    }),
    /load failed/,
  );
  assert.deepEqual(
    (await secondaryIndexes(db, dialect, table)).map((i) => i.name),
    indexes,
  );
  say(
    `  ok: withoutSecondaryIndexes drops ${indexes.length} indexes of ${table} for the load and creates them again, also after a failure`,
  );
}

async function throughput(handle: DatabaseHandle): Promise<void> {
  const rows = settingRows(throughputRows);
  for (const batchRows of [100, 500, 1000, 2500, 10_000]) {
    await clear(handle);
    const started = performance.now();
    await bulkInsert(handle.db, handle.dialect, 'system_setting', rows, { batchRows });
    const ms = performance.now() - started;
    assert.equal(await count(handle), rows.length);
    const perSecond = Math.round(rows.length / (ms / 1000));
    say(
      `  batchRows ${String(batchRows).padStart(6)}: ${rows.length} rows (3 columns) in ${(ms / 1000).toFixed(2)} s = ${perSecond.toLocaleString('en-US')} rows/s`,
    );
  }
  await clear(handle);
}

async function main(): Promise<void> {
  const target: DatabaseTarget = values.database
    ? parseDatabaseUrl(values.database)
    : { dialect: 'sqlite', file: path.join(os.tmpdir(), `custodia-bulk-check-${process.pid}.db`) };
  const schema = `bench_check_${process.pid}`;
  let handle: DatabaseHandle;
  if (target.dialect === 'postgresql') {
    const admin = await openDatabase(target);
    await sql`create schema ${sql.id(schema)}`.execute(admin.db);
    await admin.close();
    handle = await openDatabase(target, { searchPath: schema });
  } else {
    handle = await openDatabase(target);
  }
  try {
    await migrateToLatest(handle.db);
    say(`bulkInsert on ${handle.describe}${target.dialect === 'postgresql' ? ` (schema ${schema})` : ''}`);
    await checks(handle);
    await throughput(handle);
  } finally {
    await handle.close();
    if (target.dialect === 'postgresql') {
      const admin = await openDatabase(target);
      await sql`drop schema ${sql.id(schema)} cascade`.execute(admin.db);
      await admin.close();
    } else {
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${target.file}${suffix}`, { force: true });
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bulk-insert check failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
