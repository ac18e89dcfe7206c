import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectFileType } from './file-type.ts';
import { createFileSystemStorage, StorageCorruptError } from './storage.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-storage-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the filesystem file storage', () => {
  const storage = createFileSystemStorage(dir);

  it('stores bytes under their SHA-256 and reads them back', async () => {
    const bytes = Buffer.from('a photo, as bytes');
    const stored = await storage.put(bytes);
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(stored).toEqual({ key: sha, sha256: sha, size: bytes.length });
    expect(await storage.get(stored.key)).toEqual(bytes);
    expect(fs.existsSync(path.join(dir, sha.slice(0, 2), sha))).toBe(true);
    // Nothing is left half-written in the temporary folder.
    expect(fs.readdirSync(path.join(dir, 'tmp'))).toEqual([]);
  });

  it('keeps one file for the same bytes stored twice', async () => {
    const a = await storage.put(Buffer.from('same'));
    const b = await storage.put(Buffer.from('same'));
    expect(b.key).toBe(a.key);
  });

  it('answers not_found for a missing key and for a key that is not a hash (no path escapes)', async () => {
    await expect(storage.get('0'.repeat(64))).rejects.toMatchObject({ code: 'not_found', status: 404 });
    await expect(storage.get('../../etc/passwd')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses to hand back a file whose bytes no longer match their hash', async () => {
    const stored = await storage.put(Buffer.from('to be damaged'));
    fs.writeFileSync(path.join(dir, stored.key.slice(0, 2), stored.key), 'damaged');
    await expect(storage.get(stored.key)).rejects.toBeInstanceOf(StorageCorruptError);
  });
});

describe('file types by content', () => {
  it('recognises JPEG, PNG and PDF by their first bytes, and nothing else', () => {
    expect(detectFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(detectFileType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(
      'image/png',
    );
    expect(detectFileType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(detectFileType(Buffer.from('GIF89a'))).toBeNull();
    expect(detectFileType(Buffer.from('just text, named photo.jpg'))).toBeNull();
    expect(detectFileType(Buffer.from([0xff, 0xd8]))).toBeNull();
    expect(detectFileType(new Uint8Array())).toBeNull();
  });
});
