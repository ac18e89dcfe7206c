import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildTestApp, postgresUnavailableReason, type TestApp } from '../../test/app.ts';
import { conflict } from '../errors.ts';

const skip = postgresUnavailableReason();

describe.skipIf(skip)('HTTP basics', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp({
      configure: (c) => ({ ...c, bodyLimitBytes: 1024 }),
      extraRoutes: (app) => {
        // A route with a body, to exercise validation, malformed JSON and the body limit.
        app.post(
          '/api/v1/test/echo',
          {
            config: { permission: 'public', dataClass: 'public' },
            schema: { body: z.object({ name: z.string().min(2), age: z.number().int().min(0) }) },
          },
          async (request) => request.body,
        );
        app.get('/api/v1/test/boom', { config: { permission: 'public', dataClass: 'public' } }, async () => {
          await sql`select * from no_such_table`.execute(t.services.database.db);
        });
        app.get(
          '/api/v1/test/app-error',
          { config: { permission: 'public', dataClass: 'public' } },
          async () => {
            throw conflict('Already there.');
          },
        );
      },
    });
  });
  afterAll(async () => t?.close());

  it('GET /api/health answers ok with the engine and version', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ok',
      database: t.services.database.dialect,
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
  });

  it('an unknown API route is a 404 problem with a stable code', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here?q=Məmmədov' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 404, code: 'route_not_found', title: 'Not Found' });
  });

  it('invalid input is a 400 with field errors', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/test/echo',
      payload: { name: 'x', age: -1 },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('validation_failed');
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.age', 'body.name']);
    for (const e of body.errors) expect(e.code).toMatch(/^[a-z_]+$/);
    expect(body.errors.map((e: { code: string }) => e.code)).not.toContain('undefined');
  });

  it('malformed JSON is a 400 malformed_json', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "Əli", ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('malformed_json');
  });

  it('a body over the limit is a 413', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/test/echo',
      payload: { name: 'x'.repeat(5000), age: 1 },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('payload_too_large');
  });

  it('an unexpected failure is a bare 500: no stack trace, no SQL text', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/test/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ code: 'internal_error' });
    expect(res.body).not.toMatch(/no_such_table|select|at .*\.ts|stack/i);
  });

  it('an AppError keeps its status, code and message', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/test/app-error' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'conflict', detail: 'Already there.' });
  });

  it('serves the OpenAPI document and readable docs', async () => {
    const doc = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(doc.statusCode).toBe(200);
    expect(doc.json().openapi).toMatch(/^3\./);
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/text\/html/);
  });
});

describe.skipIf(skip)('health when the database does not answer', () => {
  it('answers 503 with status unavailable', async () => {
    const t = await buildTestApp();
    await t.services.database.close();
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'unavailable', database: t.services.database.dialect });
    await t.app.close();
    await t.database.drop().catch(() => {});
  });
});

describe('the compiled serialiser (ADR 0047)', () => {
  const answer = z.object({
    id: z.string(),
    at: z.string().nullable(),
    items: z.array(z.object({ n: z.number().int(), kind: z.enum(['a', 'b']) })),
  });

  it('writes what the schema declares and nothing else, as zod would', async () => {
    const { default: Fastify } = await import('fastify');
    const { compiledResponse, serializerCompiler } = await import('./serializer.ts');
    const app = Fastify();
    app.setSerializerCompiler(serializerCompiler);
    const body = { id: 'x', at: null, secret: 'diagnosis', items: [{ n: 1, kind: 'a', note: 'hidden' }] };
    app.get('/compiled', { schema: { response: { 200: compiledResponse(answer) } } }, async () => body);
    const zodAnswer = answer.extend({});
    app.get('/zod', { schema: { response: { 200: zodAnswer } } }, async () => body);
    const compiled = await app.inject({ url: '/compiled' });
    const encoded = await app.inject({ url: '/zod' });
    await app.close();
    expect(compiled.json()).toEqual({ id: 'x', at: null, items: [{ n: 1, kind: 'a' }] });
    expect(compiled.body).toBe(encoded.body);
  });

  it('refuses to start with a compiled schema that does not give what it takes', async () => {
    const { compiledJsonSchema } = await import('./serializer.ts');
    expect(() => compiledJsonSchema(z.object({ at: z.string().transform((s) => s.length) }))).toThrow();
    expect(() => compiledJsonSchema(z.object({ n: z.number().default(1) }))).toThrow();
    expect(compiledJsonSchema(answer)).toMatchObject({ type: 'object', additionalProperties: false });
  });
});
