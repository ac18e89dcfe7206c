import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync } from 'node:crypto';
import fs from 'node:fs';
import { createInterface } from 'node:readline';
import { PassThrough, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'kysely';
import { type DatabaseHandle, inTransaction, type Tx } from '../db/database.ts';
import { isEmpty, listTables, type TableInfo } from '../db/introspect.ts';
import { appliedMigrations, migrateTo, migrateToLatest, migrationNames } from '../db/migrate.ts';
import { ConfigError } from '../errors.ts';
import { keysetAfter } from '../http/paging.ts';
import type { FileStorage } from '../storage/storage.ts';
import { VERSION } from '../version.ts';

/*
 * The backup file (ADR 0003), one format for both engines:
 *   "CUSTODIA-BACKUP" (15 bytes) | format version (1 byte) | scrypt salt (16) | AES-GCM IV (12)
 *   | ciphertext ... | GCM authentication tag (16)
 * The first 44 bytes are bound to the ciphertext as additional authenticated data. The plaintext is
 * gzip'd JSON lines: a header (source engine, migrations, tables and their columns), then one line
 * per row `[tableIndex, [values...]]`, then (format 2) one line per stored file
 * `{"file": sha256, "data": base64}`, then a trailer with the row and file counts.
 */
const MAGIC = Buffer.from('CUSTODIA-BACKUP', 'ascii');
const FORMAT_VERSION = 2;
/** Format 1 (rows only) is still read. */
const READABLE_VERSIONS = [1, 2];
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + 1 + SALT_BYTES + IV_BYTES;
const BATCH = 2000;

export class BackupError extends ConfigError {}

interface BackupHeader {
  format: 'custodia-backup';
  formatVersion: number;
  createdAt: string;
  appVersion: string;
  sourceDialect: string;
  migrations: string[];
  tables: { name: string; columns: string[] }[];
}

type Value = string | number | null | { $b64: string };

function deriveKey(secret: string | undefined, salt: Buffer): Buffer {
  if (!secret || secret.length < 16) {
    throw new BackupError('CUSTODIA_BACKUP_KEY must be set to a secret of at least 16 characters');
  }
  return scryptSync(secret, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
}

function encodeValue(value: unknown): Value {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (Buffer.isBuffer(value)) return { $b64: value.toString('base64') };
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

function decodeValue(value: Value): unknown {
  if (value !== null && typeof value === 'object') return Buffer.from(value.$b64, 'base64');
  return value;
}

async function* rowsOf(tx: Tx, table: TableInfo): AsyncGenerator<unknown[]> {
  let after: (string | number)[] | undefined;
  for (;;) {
    let query = tx
      .selectFrom(sql.table(table.name).as('t') as never)
      .selectAll()
      .limit(BATCH);
    for (const column of table.primaryKey) query = query.orderBy(sql.ref(column) as never);
    if (after) query = query.where(keysetAfter(table.primaryKey, after) as never);
    const rows = (await query.execute()) as Record<string, unknown>[];
    for (const row of rows) yield table.columns.map((c) => encodeValue(row[c]));
    if (rows.length < BATCH) return;
    const last = rows[rows.length - 1] as Record<string, unknown>;
    after = table.primaryKey.map((c) => last[c] as string | number);
  }
}

/**
 * Writes an encrypted, consistent backup of the whole database to `file` while the service keeps
 * running: everything is read in one read-only transaction (a snapshot on both engines). Then the
 * stored files (photos, documents) follow, when a storage is given: files are written before the rows
 * that point at them and never removed, so every file the snapshot refers to is there.
 */
export async function createBackup(
  handle: DatabaseHandle,
  file: string,
  secret: string | undefined,
  storage?: FileStorage,
): Promise<{ rows: number; tables: number; files: number }> {
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const key = deriveKey(secret, salt);
  const header = Buffer.concat([MAGIC, Buffer.from([FORMAT_VERSION]), salt, iv]);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(header);

  const temp = `${file}.partial`;
  let out: fs.WriteStream;
  try {
    out = fs.createWriteStream(temp, { mode: 0o600 });
    await new Promise<void>((resolve, reject) => out.once('open', () => resolve()).once('error', reject));
  } catch (error) {
    throw new BackupError(
      `cannot write the backup file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
  out.write(header);

  const plain = new PassThrough();
  const writing = pipeline(plain, createGzip(), cipher, out, { end: false });

  const write = async (line: unknown) => {
    if (!plain.write(`${JSON.stringify(line)}\n`)) await new Promise((r) => plain.once('drain', r));
  };

  let count = 0;
  let tableCount = 0;
  let fileCount = 0;
  try {
    const run = async (tx: Tx) => {
      const tables = await listTables(tx, handle.dialect);
      tableCount = tables.length;
      const headerLine: BackupHeader = {
        format: 'custodia-backup',
        formatVersion: FORMAT_VERSION,
        createdAt: new Date().toISOString(),
        appVersion: VERSION,
        sourceDialect: handle.dialect,
        migrations: await appliedMigrations(tx),
        tables: tables.map((t) => ({ name: t.name, columns: t.columns })),
      };
      await write(headerLine);
      for (const [index, table] of tables.entries()) {
        for await (const values of rowsOf(tx, table)) {
          await write([index, values]);
          count++;
        }
      }
    };
    if (handle.dialect === 'postgresql') {
      await handle.db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (tx) => {
          await sql`set transaction read only`.execute(tx);
          await run(tx);
        });
    } else {
      await inTransaction(handle.db, run);
    }
    // Outside the transaction: copying files must not hold the database.
    if (storage) {
      for await (const fileKey of storage.keys()) {
        const bytes = await storage.get(fileKey); // checks the bytes against their hash
        await write({ file: fileKey, data: bytes.toString('base64') });
        fileCount++;
      }
    }
    await write({ end: true, rows: count, files: fileCount });
    plain.end();
    await writing;
    out.write(cipher.getAuthTag());
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    fs.renameSync(temp, file);
  } catch (error) {
    plain.destroy();
    out.destroy();
    fs.rmSync(temp, { force: true });
    throw error;
  }
  return { rows: count, tables: tableCount, files: fileCount };
}

interface OpenedBackup {
  header: BackupHeader;
  lines: AsyncIterable<string>;
  /** Resolves once the whole file has been read and its authentication tag checked. */
  done: Promise<void>;
}

function readEnvelope(file: string, secret: string | undefined) {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new BackupError(`backup file ${file} cannot be read`);
  }
  if (stat.size < HEADER_BYTES + TAG_BYTES)
    throw new BackupError(`${file} is not a Custodia backup (too short)`);
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(HEADER_BYTES);
  const tag = Buffer.alloc(TAG_BYTES);
  fs.readSync(fd, head, 0, HEADER_BYTES, 0);
  fs.readSync(fd, tag, 0, TAG_BYTES, stat.size - TAG_BYTES);
  fs.closeSync(fd);
  if (!head.subarray(0, MAGIC.length).equals(MAGIC))
    throw new BackupError(`${file} is not a Custodia backup`);
  const version = head[MAGIC.length];
  if (version === undefined || !READABLE_VERSIONS.includes(version))
    throw new BackupError(`${file} has backup format ${version}, which this version cannot read`);
  const salt = head.subarray(MAGIC.length + 1, MAGIC.length + 1 + SALT_BYTES);
  const iv = head.subarray(MAGIC.length + 1 + SALT_BYTES, HEADER_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', deriveKey(secret, salt), iv);
  decipher.setAAD(head);
  decipher.setAuthTag(tag);
  const body = fs.createReadStream(file, { start: HEADER_BYTES, end: stat.size - TAG_BYTES - 1 });
  return { decipher, body };
}

const refusedKey = () =>
  new BackupError(
    'the backup was refused: wrong CUSTODIA_BACKUP_KEY, or the file has been altered or damaged',
  );

/** First pass: decrypt the whole file and check the authentication tag, looking at nothing else. */
async function authenticate(file: string, secret: string | undefined): Promise<void> {
  const { decipher, body } = readEnvelope(file, secret);
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  await pipeline(body, decipher, discard).catch(() => {
    throw refusedKey();
  });
}

async function openBackup(file: string, secret: string | undefined): Promise<OpenedBackup> {
  const { decipher, body } = readEnvelope(file, secret);
  const gunzip = createGunzip();
  const text = new PassThrough();
  const done = pipeline(body, decipher, gunzip, text).catch((error: Error & { code?: string }) => {
    if (/auth|unable to authenticate/i.test(error.message)) throw refusedKey();
    throw new BackupError(`the backup was refused: its content is damaged (${error.code ?? error.message})`);
  });
  done.catch(() => {}); // awaited by the caller; this only keeps an early failure from being "unhandled"
  const lines = createInterface({ input: text, crlfDelay: Number.POSITIVE_INFINITY });
  const iterator = lines[Symbol.asyncIterator]();
  {
    const first = await iterator.next().catch(() => ({ done: true, value: undefined }));
    if (first.done || !first.value) {
      await done;
      throw new BackupError('the backup was refused: it holds no header');
    }
    let header: BackupHeader;
    try {
      header = JSON.parse(first.value) as BackupHeader;
    } catch {
      await done;
      throw new BackupError('the backup was refused: its header is not readable');
    }
    if (
      header.format !== 'custodia-backup' ||
      !Array.isArray(header.tables) ||
      !Array.isArray(header.migrations)
    ) {
      throw new BackupError('the backup was refused: its header is not a Custodia backup header');
    }
    const rest: AsyncIterable<string> = { [Symbol.asyncIterator]: () => iterator };
    return { header, lines: rest, done };
  }
}

type Row = [number, Value[]];
interface FileLine {
  file: string;
  data: string;
}
interface EndLine {
  end: true;
  rows: number;
  files?: number;
}

function parseRow(line: string, header: BackupHeader): Row | FileLine | EndLine {
  const parsed: unknown = JSON.parse(line);
  if (Array.isArray(parsed)) {
    const [index, values] = parsed as Row;
    const table = header.tables[index];
    if (!table || !Array.isArray(values) || values.length !== table.columns.length) {
      throw new BackupError('the backup was refused: a row does not match its table');
    }
    return [index, values];
  }
  if (parsed && typeof parsed === 'object' && (parsed as { end?: boolean }).end === true) {
    return parsed as EndLine;
  }
  if (parsed && typeof parsed === 'object' && 'file' in parsed) {
    const { file, data } = parsed as FileLine;
    if (
      typeof file !== 'string' ||
      typeof data !== 'string' ||
      !/^[0-9a-f]{64}$/.test(file) ||
      createHash('sha256').update(Buffer.from(data, 'base64')).digest('hex') !== file
    ) {
      throw new BackupError('the backup was refused: a stored file does not match its hash');
    }
    return { file, data };
  }
  throw new BackupError('the backup was refused: a line is not a row');
}

/** Reads the whole file, checking the authentication tag and every line, writing nothing. */
export async function verifyBackup(
  file: string,
  secret: string | undefined,
): Promise<{ header: BackupHeader; rows: number; files: number }> {
  await authenticate(file, secret);
  const opened = await openBackup(file, secret);
  let rows = 0;
  let files = 0;
  let ended: EndLine | undefined;
  try {
    for await (const line of opened.lines) {
      const row = parseRow(line, opened.header);
      if (Array.isArray(row)) rows++;
      else if ('file' in row) files++;
      else ended = row;
    }
  } catch (error) {
    await opened.done; // an authentication failure explains a garbled line better
    if (error instanceof BackupError) throw error;
    throw new BackupError('the backup was refused: its content is not readable');
  }
  await opened.done;
  if (ended?.rows !== rows || (ended.files ?? 0) !== files)
    throw new BackupError('the backup was refused: it is incomplete');
  return { header: opened.header, rows, files };
}

export interface RestoreOptions {
  force?: boolean;
  /** Where the backup's files (photos, documents) go; needed when it holds any. */
  storage?: FileStorage;
}

/**
 * Restores a backup into this database. Nothing is written until the whole file has been read and
 * its authentication tag checked; the rows are then written in one transaction.
 */
export async function restoreBackup(
  handle: DatabaseHandle,
  file: string,
  secret: string | undefined,
  options: RestoreOptions = {},
) {
  const { header, rows: expected, files: expectedFiles } = await verifyBackup(file, secret);
  const storage = options.storage;
  if (expectedFiles > 0 && !storage)
    throw new BackupError('the backup holds files (photos, documents) but no file storage was given');

  const known = migrationNames();
  const backupLevel = header.migrations;
  if (backupLevel.some((name, i) => known[i] !== name)) {
    throw new BackupError('the backup was made by a newer or different version of Custodia: upgrade first');
  }
  const applied = await appliedMigrations(handle.db);
  const target = backupLevel[backupLevel.length - 1];
  if (applied.length > backupLevel.length && !options.force) {
    throw new BackupError(
      'this database has newer migrations than the backup: restore into a new, empty database (or use --force)',
    );
  }
  if (!(await isEmpty(handle.db, handle.dialect).catch(() => true)) && !options.force) {
    throw new BackupError(
      'the database is not empty: restore only into an empty database, or add --force to replace its content',
    );
  }
  if (target && applied.length <= backupLevel.length) await migrateTo(handle.db, target);

  const opened = await openBackup(file, secret);
  let written = 0;
  let filesWritten = 0;
  await inTransaction(handle.db, async (tx) => {
    const tables = await listTables(tx, handle.dialect);
    const present = new Map(tables.map((t) => [t.name, t]));
    for (const t of header.tables) {
      const here = present.get(t.name);
      if (!here || t.columns.some((c) => !here.columns.includes(c))) {
        throw new BackupError(`the backup does not fit this database: table ${t.name} differs`);
      }
    }
    if (handle.dialect === 'sqlite') await sql`pragma defer_foreign_keys = on`.execute(tx);
    else await sql`set constraints all deferred`.execute(tx);
    if (options.force) {
      // The audit trail is append-only (STANDARDS X-2): a restore may not erase one.
      if (await tx.selectFrom('audit_event').select('seq').limit(1).executeTakeFirst()) {
        throw new BackupError(
          'this database holds an audit trail, which cannot be erased: restore into a new, empty database',
        );
      }
      for (const table of [...tables].reverse()) await tx.deleteFrom(table.name as never).execute();
    }
    let pending: { index: number; values: Value[][] } | undefined;
    const flush = async () => {
      if (!pending || pending.values.length === 0) return;
      const table = header.tables[pending.index] as { name: string; columns: string[] };
      const records = pending.values.map((values) =>
        Object.fromEntries(table.columns.map((c, i) => [c, decodeValue(values[i] as Value)])),
      );
      await tx
        .insertInto(table.name as never)
        .values(records as never)
        .execute();
      written += records.length;
      pending = undefined;
    };
    for await (const line of opened.lines) {
      const row = parseRow(line, header);
      if (!Array.isArray(row)) {
        if ('file' in row && storage) {
          // Content-addressed and idempotent: a file already there is left as it is.
          const stored = await storage.put(Buffer.from(row.data, 'base64'));
          if (stored.key !== row.file) throw new BackupError('a restored file does not match its hash');
          filesWritten++;
        }
        continue;
      }
      const [index, values] = row;
      const perBatch = Math.max(1, Math.floor(30000 / (header.tables[index]?.columns.length ?? 1)));
      if (pending && (pending.index !== index || pending.values.length >= Math.min(perBatch, 1000)))
        await flush();
      if (!pending) pending = { index, values: [] };
      pending.values.push(values);
    }
    await flush();
    await opened.done;
    if (written !== expected) throw new BackupError('the backup changed while it was being restored');
  });
  const migrated = await migrateToLatest(handle.db);
  return {
    rows: written,
    tables: header.tables.length,
    files: filesWritten,
    sourceDialect: header.sourceDialect,
    migrated,
  };
}
