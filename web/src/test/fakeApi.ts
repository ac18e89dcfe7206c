import { type Role, rolePermissions } from '@custodia/domain/identity';
import { vi } from 'vitest';
import type { Session, SessionUser } from '../app/session.ts';
import { jsonResponse } from './renderApp.tsx';

/** A signed-in user with the permissions of these roles (as the server computes them). */
export function sessionFor(roles: Role[], overrides: Partial<SessionUser> = {}): Session {
  return {
    user: {
      id: `user-${roles.join('-')}`,
      username: `demo.${roles[0] ?? 'nobody'}`,
      displayName: `Demo ${roles.join(', ')}`,
      roles,
      permissions: [...new Set(roles.flatMap((role) => rolePermissions[role]))].sort(),
      institutionIds: [],
      national: false,
      language: 'en',
      twoFactorEnabled: false,
      twoFactorEnrolmentRequired: false,
      mustChangePassword: false,
      ...overrides,
    },
    csrfToken: 'csrf-token-for-tests',
    timeZone: 'Asia/Baku',
  };
}

export function problemResponse(status: number, code: string, errors?: unknown[]): Response {
  return jsonResponse(
    { type: `urn:custodia:problem:${code}`, title: 'x', status, code, ...(errors ? { errors } : {}) },
    status,
    'application/problem+json; charset=utf-8',
  );
}

export interface FakeRequest {
  method: string;
  path: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

type Handler = (request: FakeRequest) => Response | Promise<Response>;

/**
 * Stubs fetch with a tiny server: `GET /api/v1/auth/session` answers the given session (401 when
 * null), `GET /api/v1/worklist` an empty worklist, and each `'METHOD /path'` handler answers its
 * route; anything else is a 404. Returns the requests made, to check what the web app sent.
 */
export function fakeApi(session: Session | null, handlers: Record<string, Handler> = {}) {
  const requests: FakeRequest[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init.method ?? 'GET').toUpperCase();
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    const request = { method, path: url.pathname, url, headers: new Headers(init.headers), body };
    requests.push(request);
    const handler = handlers[`${method} ${url.pathname}`];
    if (handler) return handler(request);
    if (method === 'GET' && url.pathname === '/api/v1/auth/session') {
      return session ? jsonResponse(session) : problemResponse(401, 'unauthenticated');
    }
    // The home page asks for the worklist: nothing is due unless a test says otherwise.
    if (method === 'GET' && url.pathname === '/api/v1/worklist' && session) {
      return jsonResponse({ items: [] });
    }
    return problemResponse(404, 'route_not_found');
  });
  vi.stubGlobal('fetch', fetchMock);
  return { requests, fetchMock };
}
