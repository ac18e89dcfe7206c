import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { notFound } from '../errors.ts';

/** What `put` hands back: the key to read the file again, its SHA-256 (hex) and its size in bytes. */
export interface StoredFile {
  key: string;
  sha256: string;
  size: number;
}

/**
 * Binary files (a person's photo; later medical documents) kept beside the database. Files are
 * never changed or removed once written: a record that replaces a file points at a new one, so the
 * old one stays readable as history. The key and hash go into the database, in the same transaction
 * as the audit record; the bytes are written first, so a failed transaction leaves at most an
 * unreferenced file, never a row without its file.
 */
export interface FileStorage {
  put(bytes: Uint8Array): Promise<StoredFile>;
  /** The bytes under `key`; `not_found` when there are none, an error when they do not match their hash. */
  get(key: string): Promise<Buffer>;
  /** Every key stored, in no particular order (for backups). */
  keys(): AsyncIterable<string>;
}

const KEY = /^[0-9a-f]{64}$/;

export class StorageCorruptError extends Error {
  constructor(key: string) {
    super(`stored file ${key} does not match its SHA-256: restore it from a backup of the files folder`);
    this.name = 'StorageCorruptError';
  }
}

/**
 * The filesystem store, content-addressed: the key is the SHA-256 of the bytes, the file lives at
 * `<dir>/<first two hex>/<key>`. A write goes to a temporary file in `<dir>/tmp`, is fsync'd, then
 * renamed into place and the folder fsync'd, so a crash leaves either the whole file or none. The
 * same bytes stored twice are one file. Keys are checked against the hex pattern before they touch
 * a path, so a key can never name a file outside the folder.
 */
export function createFileSystemStorage(dir: string): FileStorage {
  const root = path.resolve(dir);
  const pathOf = (key: string) => path.join(root, key.slice(0, 2), key);

  async function syncDir(folder: string) {
    const handle = await fs.open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  return {
    async put(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const key = sha256;
      const target = pathOf(key);
      const existing = await fs.stat(target).catch(() => null);
      if (existing?.isFile() && existing.size === bytes.byteLength) {
        return { key, sha256, size: bytes.byteLength };
      }
      const tmpDir = path.join(root, 'tmp');
      await fs.mkdir(tmpDir, { recursive: true, mode: 0o700 });
      await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      const temp = path.join(tmpDir, `${key}.${randomBytes(6).toString('hex')}.partial`);
      const handle = await fs.open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } catch (error) {
        await handle.close().catch(() => {});
        await fs.rm(temp, { force: true });
        throw error;
      }
      await handle.close();
      try {
        await fs.rename(temp, target);
      } catch (error) {
        await fs.rm(temp, { force: true });
        throw error;
      }
      await syncDir(path.dirname(target));
      return { key, sha256, size: bytes.byteLength };
    },

    async get(key) {
      if (!KEY.test(key)) throw notFound('No such file.');
      let bytes: Buffer;
      try {
        bytes = await fs.readFile(pathOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound('No such file.');
        throw error;
      }
      if (createHash('sha256').update(bytes).digest('hex') !== key) throw new StorageCorruptError(key);
      return bytes;
    },

    async *keys() {
      const folders = await fs.readdir(root, { withFileTypes: true }).catch(() => []);
      for (const folder of folders) {
        if (!folder.isDirectory() || !/^[0-9a-f]{2}$/.test(folder.name)) continue;
        for (const name of await fs.readdir(path.join(root, folder.name))) {
          if (KEY.test(name) && name.startsWith(folder.name)) yield name;
        }
      }
    },
  };
}
