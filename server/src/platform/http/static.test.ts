import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Fastify, { LogController } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, postgresUnavailableReason, type TestApp } from '../../test/app.ts';
import { registerRequestLog } from './request-log.ts';

const skip = postgresUnavailableReason();

describe.skipIf(skip)('the built web app over the wire', () => {
  let t: TestApp;
  let webDir: string;
  const script = `console.log(${JSON.stringify('x'.repeat(4000))});`;

  beforeAll(async () => {
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-web-'));
    fs.mkdirSync(path.join(webDir, 'assets'));
    const html = `<!doctype html><html><body>${'<p>Custodia</p>'.repeat(200)}</body></html>`;
    fs.writeFileSync(path.join(webDir, 'index.html'), html);
    fs.writeFileSync(path.join(webDir, 'index.html.gz'), zlib.gzipSync(html));
    const asset = path.join(webDir, 'assets', 'index-AbCd12_x.js');
    fs.writeFileSync(asset, script);
    fs.writeFileSync(`${asset}.br`, zlib.brotliCompressSync(script));
    fs.writeFileSync(`${asset}.gz`, zlib.gzipSync(script));
    t = await buildTestApp({ configure: (c) => ({ ...c, webDir }) });
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  it('sends a hashed asset precompressed as the browser asks, cached for a year', async () => {
    const br = await t.app.inject({
      url: '/assets/index-AbCd12_x.js',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    expect(br.rawPayload.length).toBeLessThan(script.length / 5);

    const gzip = await t.app.inject({
      url: '/assets/index-AbCd12_x.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.rawPayload).toString()).toBe(script);

    const plain = await t.app.inject({
      url: '/assets/index-AbCd12_x.js',
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('revalidates index.html on every load, at / and as the fallback of a page', async () => {
    for (const url of ['/', '/restraint/board']) {
      const res = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(zlib.gunzipSync(res.rawPayload).toString()).toContain('<p>Custodia</p>');
    }
  });
});

describe('request log', () => {
  async function logged(slowRequestMs: number) {
    const lines: Array<Record<string, unknown>> = [];
    const app = Fastify({
      logger: { level: 'info', stream: { write: (line: string) => lines.push(JSON.parse(line)) } },
      logController: new LogController({ disableRequestLogging: true }),
    });
    registerRequestLog(app, { slowRequestMs });
    app.get('/api/v1/people/:id', async () => ({ ok: true }));
    await app.inject({ url: '/api/v1/people/Mammadov?q=secret' });
    await app.close();
    return lines;
  }

  it('writes nothing at info for an ordinary request', async () => {
    expect(await logged(60_000)).toEqual([]);
  });

  it('writes one line for a slow request, with the route pattern and never the URL', async () => {
    const lines = await logged(0.000001);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      msg: 'slow request',
      route: '/api/v1/people/:id',
      status: 200,
      statements: 0,
    });
    expect(JSON.stringify(lines)).not.toContain('Mammadov');
  });
});
