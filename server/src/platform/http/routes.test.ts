import { dataClasses, permissions } from '@custodia/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { buildTestApp, postgresUnavailableReason, type TestApp } from '../../test/app.ts';

const skip = postgresUnavailableReason();

describe.skipIf(skip)('every route declares its permission and data class', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t?.close());

  it('the route table lists every route with a known permission and data class', () => {
    const table = t.app.routeTable;
    expect(table.length).toBeGreaterThan(3);
    for (const route of table) {
      expect(permissions, `${route.method} ${route.url}`).toContain(route.permission);
      expect(dataClasses, `${route.method} ${route.url}`).toContain(route.dataClass);
    }
    expect(table).toContainEqual(
      expect.objectContaining({
        method: 'GET',
        url: '/api/health',
        permission: 'public',
        dataClass: 'public',
      }),
    );
  });

  it('every API and FHIR route declares the response of its success status (issue 11)', () => {
    // A JSON answer goes out through its zod schema (unknown keys stripped); a stream or a file
    // declares its content type instead (`{ 200: { content: { 'text/csv': … } } }`).
    // The API's own description (the document and its viewer) is not an operation of the API.
    const description = /^\/api\/(docs(\/|$)|openapi\.json$)/;
    const undeclared = t.app.routeTable
      .filter((route) => /^\/(api|fhir)\//.test(route.url) && !description.test(route.url))
      .filter((route) => route.method !== 'HEAD')
      .filter((route) => !route.responses.some((status) => /^2(\d\d|xx)$/.test(status)))
      .map((route) => `${route.method} ${route.url}`);
    expect(undeclared).toEqual([]);
  });

  it('each OpenAPI operation carries x-permission and x-data-class', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const operations = Object.entries(
      doc.paths as Record<string, Record<string, Record<string, unknown>>>,
    ).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
    expect(operations.length).toBeGreaterThan(0);
    for (const { path, method, op } of operations) {
      expect(op['x-permission'], `${method} ${path}`).toBeTypeOf('string');
      expect(op['x-data-class'], `${method} ${path}`).toBeTypeOf('string');
    }
  });

  it('an app with an undeclared route refuses to start', async () => {
    const app = await buildApp(t.services);
    expect(() => app.get('/api/v1/undeclared', async () => 'open door')).toThrow(/declares no permission/);
    await app.close();
  });
});
