import fs from 'node:fs';
import http from 'node:http';
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
  let port: number;
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
    t = await buildTestApp({
      configure: (c) => ({ ...c, webDir }),
      // A clinical answer of a few kilobytes, to see its headers on the wire (no demo data needed).
      extraRoutes: (app) => {
        app.get(
          '/api/v1/test/clinical-list',
          { config: { permission: 'public', dataClass: 'clinical' } },
          () => ({
            items: Array.from({ length: 60 }, (_, i) => ({ id: `vital-${i}`, systolic: 120 + i, pulse: 70 })),
          }),
        );
      },
    });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  /** A GET over a real TCP socket: the status, the headers and the bytes as sent (not decoded). */
  function wire(url: string, acceptEncoding: string) {
    return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
      (resolve, reject) => {
        const request = http.get(
          { host: '127.0.0.1', port, path: url, headers: { 'accept-encoding': acceptEncoding } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
            );
          },
        );
        request.on('error', reject);
      },
    );
  }

  it('over a socket: a hashed asset in brotli and immutable, index.html in gzip and revalidated (ADR 0047)', async () => {
    const asset = await wire('/assets/index-AbCd12_x.js', 'gzip, deflate, br');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-encoding']).toBe('br');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(zlib.brotliDecompressSync(asset.body).toString()).toBe(script);
    const page = await wire('/', 'gzip, deflate, br');
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(zlib.gunzipSync(page.body).toString()).toContain('<p>Custodia</p>');
  });

  it('over a socket: JSON of 1 KB or more compressed as the client accepts, a small answer as it is (ADR 0047)', async () => {
    const openapi = await wire('/api/openapi.json', 'gzip, deflate, br');
    expect(openapi.status).toBe(200);
    expect(openapi.headers['content-encoding']).toBe('br');
    expect(openapi.headers.vary).toContain('accept-encoding');
    const decoded = zlib.brotliDecompressSync(openapi.body);
    expect(JSON.parse(decoded.toString()).openapi).toBe('3.0.3');
    expect(openapi.body.length).toBeLessThan(decoded.length / 4);

    const gzip = await wire('/api/openapi.json', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.body).equals(decoded)).toBe(true);

    const plain = await wire('/api/openapi.json', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(decoded)).toBe(true);

    const small = await wire('/api/health', 'gzip, deflate, br');
    expect(small.status).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body.length).toBeLessThan(1024);
    expect(JSON.parse(small.body.toString()).status).toBeDefined();
  });

  it('over a socket: MED-9 clinical JSON compressed and never stored by a cache (ADR 0047)', async () => {
    const res = await wire('/api/v1/test/clinical-list', 'gzip, deflate, br');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-encoding']).toBe('br');
    expect(JSON.parse(zlib.brotliDecompressSync(res.body).toString()).items).toHaveLength(60);
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
      reqId: expect.any(String),
      method: 'GET',
      route: '/api/v1/people/:id',
      status: 200,
      statements: 0,
      ms: expect.any(Number),
    });
    expect(JSON.stringify(lines)).not.toContain('Mammadov');
  });
});
