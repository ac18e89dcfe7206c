import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixedClock } from '@custodia/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSeedParts } from '../../seeds.ts';
import { buildServices } from '../../services.ts';
import { freshDatabase, postgresUnavailableReason, type TestDatabase, testEngine } from '../../test/app.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { isEmpty, listTables } from '../db/introspect.ts';
import { seedDemo } from '../seed.ts';
import { createFileSystemStorage } from '../storage/storage.ts';
import { BackupError, createBackup, restoreBackup } from './backup.ts';

const skip = postgresUnavailableReason();
const KEY = 'a long backup secret for tests';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-backup-'));

/** Every row of every table, sorted, for comparing two databases. */
async function dump(handle: DatabaseHandle): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of await listTables(handle.db, handle.dialect)) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)}`.execute(
      handle.db,
    );
    out[table.name] = rows.map((r) => JSON.stringify(table.columns.map((c) => r[c]))).sort();
  }
  return out;
}

async function seeded(engine = testEngine()): Promise<TestDatabase> {
  const t = await freshDatabase(engine);
  await seedDemo(
    buildServices(t.config, t.handle, fixedClock('2026-11-28T08:00:00Z')),
    demoSeedParts,
    () => {},
  );
  // Awkward values a restore must carry exactly: scripts, quotes, new lines, long text.
  await t.handle.db
    .insertInto('system_setting')
    .values([
      { key: 'name.az', value: 'Məmmədov Əli Şükür oğlu', updated_at: '2026-11-28T08:00:00.000Z' },
      { key: 'name.ru', value: 'Мамедов Али "Шукюр"\nоглы', updated_at: '2026-11-28T08:00:01.000Z' },
      { key: 'long', value: 'x'.repeat(100_000), updated_at: '2026-11-28T08:00:02.000Z' },
    ])
    .execute();
  return t;
}

function flipByte(file: string, at: number): string {
  const damaged = `${file}.damaged-${at}`;
  const bytes = fs.readFileSync(file);
  const index = at < 0 ? bytes.length + at : at;
  bytes[index] = (bytes[index] ?? 0) ^ 0x01;
  fs.writeFileSync(damaged, bytes);
  return damaged;
}

describe.skipIf(skip)(`backup and restore on ${testEngine()}`, () => {
  let source: TestDatabase;
  let file: string;

  beforeAll(async () => {
    source = await seeded();
    file = path.join(dir, `backup-${testEngine()}.cbk`);
    const result = await createBackup(source.handle, file, KEY);
    expect(result.rows).toBeGreaterThanOrEqual(4);
  });
  afterAll(async () => {
    await source?.drop();
  });

  it('the file is encrypted: no plaintext of the data appears in it', () => {
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 15).toString('ascii')).toBe('CUSTODIA-BACKUP');
    expect(bytes.includes(Buffer.from('Məmmədov'))).toBe(false);
    expect(bytes.includes(Buffer.from('system_setting'))).toBe(false);
  });

  it('restores into an empty database with every row of every table equal', async () => {
    const target = await freshDatabase(testEngine(), false);
    try {
      const result = await restoreBackup(target.handle, file, KEY);
      expect(result.rows).toBeGreaterThanOrEqual(4);
      expect(await dump(target.handle)).toEqual(await dump(source.handle));
    } finally {
      await target.drop();
    }
  });

  it('a wrong key is refused and nothing is written', async () => {
    const target = await freshDatabase();
    try {
      await expect(restoreBackup(target.handle, file, 'another secret of some length')).rejects.toThrow(
        /wrong CUSTODIA_BACKUP_KEY|altered/,
      );
      expect(await isEmpty(target.handle.db, target.handle.dialect)).toBe(true);
    } finally {
      await target.drop();
    }
  });

  it('a single flipped byte anywhere (header, body or tag) is refused and nothing is written', async () => {
    const size = fs.statSync(file).size;
    const target = await freshDatabase();
    try {
      for (const at of [20, 40, 60, Math.floor(size / 2), size - 20, -1]) {
        const damaged = flipByte(file, at);
        await expect(restoreBackup(target.handle, damaged, KEY), `byte ${at}`).rejects.toBeInstanceOf(
          BackupError,
        );
        expect(await isEmpty(target.handle.db, target.handle.dialect)).toBe(true);
      }
    } finally {
      await target.drop();
    }
  });

  it('a truncated file and a file that is not a backup are refused', async () => {
    const target = await freshDatabase();
    try {
      const truncated = path.join(dir, 'truncated.cbk');
      fs.writeFileSync(truncated, fs.readFileSync(file).subarray(0, 200));
      await expect(restoreBackup(target.handle, truncated, KEY)).rejects.toBeInstanceOf(BackupError);
      const other = path.join(dir, 'other.txt');
      fs.writeFileSync(
        other,
        'hello, this is not a backup at all; it is long enough to have a header and tag',
      );
      await expect(restoreBackup(target.handle, other, KEY)).rejects.toThrow(/not a Custodia backup/);
      await expect(restoreBackup(target.handle, path.join(dir, 'missing.cbk'), KEY)).rejects.toThrow(
        /cannot be read/,
      );
      expect(await isEmpty(target.handle.db, target.handle.dialect)).toBe(true);
    } finally {
      await target.drop();
    }
  });

  it('refuses a database that holds data, unless forced, and then replaces its content', async () => {
    const target = await freshDatabase();
    try {
      await target.handle.db
        .insertInto('system_setting')
        .values({ key: 'local', value: 'keep?', updated_at: 'x' })
        .execute();
      await expect(restoreBackup(target.handle, file, KEY)).rejects.toThrow(/not empty/);
      expect((await dump(target.handle)).system_setting).toHaveLength(1);
      await restoreBackup(target.handle, file, KEY, { force: true });
      expect(await dump(target.handle)).toEqual(await dump(source.handle));
    } finally {
      await target.drop();
    }
  });

  it('stored files (photos, documents) travel with the rows, checked against their hashes', async () => {
    const sourceFiles = createFileSystemStorage(source.config.storageDir);
    const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(3000, 7)]);
    const stored = await sourceFiles.put(photo);
    const withFiles = path.join(dir, `with-files-${testEngine()}.cbk`);
    const made = await createBackup(source.handle, withFiles, KEY, sourceFiles);
    expect(made.files).toBeGreaterThanOrEqual(1);
    expect(fs.readFileSync(withFiles).includes(photo.subarray(0, 64))).toBe(false);

    const target = await freshDatabase(testEngine(), false);
    try {
      // A backup that holds files needs somewhere to put them: refused before anything is written.
      await expect(restoreBackup(target.handle, withFiles, KEY)).rejects.toThrow(/file storage/);
      expect(await isEmpty(target.handle.db, target.handle.dialect).catch(() => true)).toBe(true);
      const targetFiles = createFileSystemStorage(target.config.storageDir);
      const result = await restoreBackup(target.handle, withFiles, KEY, { storage: targetFiles });
      expect(result.files).toBe(made.files);
      expect(await targetFiles.get(stored.key)).toEqual(photo);
      expect(await dump(target.handle)).toEqual(await dump(source.handle));
    } finally {
      await target.drop();
    }
  });

  it('refuses to run without a key of at least 16 characters', async () => {
    await expect(createBackup(source.handle, path.join(dir, 'nokey.cbk'), undefined)).rejects.toThrow(
      /CUSTODIA_BACKUP_KEY/,
    );
    await expect(createBackup(source.handle, path.join(dir, 'short.cbk'), 'short')).rejects.toThrow(
      /16 characters/,
    );
  });
});

// Across engines: a backup from SQLite restores into PostgreSQL and back, every row equal.
describe.skipIf(skip || testEngine() !== 'postgresql')('backup across engines', () => {
  it('SQLite → PostgreSQL → SQLite keeps every row of every table', async () => {
    const sqlite = await seeded('sqlite');
    const postgres = await freshDatabase('postgresql', false);
    const back = await freshDatabase('sqlite', false);
    try {
      const first = path.join(dir, 'from-sqlite.cbk');
      await createBackup(sqlite.handle, first, KEY);
      await restoreBackup(postgres.handle, first, KEY);
      expect(await dump(postgres.handle)).toEqual(await dump(sqlite.handle));
      const second = path.join(dir, 'from-postgresql.cbk');
      await createBackup(postgres.handle, second, KEY);
      await restoreBackup(back.handle, second, KEY);
      expect(await dump(back.handle)).toEqual(await dump(sqlite.handle));
    } finally {
      await sqlite.drop();
      await postgres.drop();
      await back.drop();
    }
  });
});
