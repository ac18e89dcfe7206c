import { errorCodes } from '@custodia/domain/platform';
import { describe, expect, it, vi } from 'vitest';
import { testI18n } from '../test/i18n.ts';
import { jsonResponse } from '../test/renderApp.tsx';
import { ApiError, type ApiErrorCode, apiFetch } from './api.ts';
import { errorMessage, hasErrorMessage } from './errorMessage.ts';

function problem(status: number, code: string) {
  return jsonResponse(
    { type: `urn:custodia:problem:${code}`, title: 'x', status, code, detail: 'English detail for logs' },
    status,
    'application/problem+json; charset=utf-8',
  );
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('apiFetch', () => {
  it('returns the JSON answer', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse({ status: 'ok' })),
    );
    await expect(apiFetch('/api/health')).resolves.toEqual({ status: 'ok' });
  });

  it('throws an ApiError with the problem+json code and keeps the problem', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => problem(409, 'stale_version')),
    );
    const error = await failure(apiFetch('/api/v1/anything'));
    expect(error.code).toBe('stale_version');
    expect(error.status).toBe(409);
    expect(error.problem?.detail).toBe('English detail for logs');
  });

  it('falls back to the HTTP status when the answer carries no problem code', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>Bad gateway</html>', { status: 502 })),
    );
    expect((await failure(apiFetch('/api/health'))).code).toBe('service_unavailable');
  });

  it('reports network_error when the server cannot be reached', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const error = await failure(apiFetch('/api/health'));
    expect(error.code).toBe('network_error');
    expect(error.status).toBe(0);
  });

  it('accepts a listed non-2xx status as a normal answer', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse({ status: 'unavailable' }, 503)),
    );
    await expect(apiFetch('/api/health', { acceptStatuses: [503] })).resolves.toEqual({
      status: 'unavailable',
    });
  });
});

describe('errorMessage', () => {
  it('turns a problem+json code into the translated message', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => problem(403, 'forbidden')),
    );
    const error = await failure(apiFetch('/api/v1/anything'));
    expect(errorMessage(testI18n('en').t, error)).toBe('You do not have permission to do this.');
    expect(errorMessage(testI18n('az').t, error)).toBe('Bu əməliyyat üçün icazəniz yoxdur.');
    expect(errorMessage(testI18n('ru').t, error)).toBe('У вас нет прав на это действие.');
  });

  it('has a message for every error code of the server (domain errorCodes) in every language', () => {
    const codes: ApiErrorCode[] = [...errorCodes, 'network_error'];
    for (const language of ['az', 'en', 'ru'] as const) {
      const i18n = testI18n(language);
      const missing = codes.filter((code) => !hasErrorMessage(i18n, code));
      expect(missing, `no ${language} message (app/locales or a module's locales) for`).toEqual([]);
      expect(errorMessage(i18n.t, new Error('bug'))).toBe(i18n.t('errors.unexpected'));
    }
  });

  it('falls back to the message for the HTTP status when a code has no message yet', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => problem(403, 'some_future_code')),
    );
    const error = await failure(apiFetch('/api/v1/anything'));
    expect(error.code).toBe('some_future_code');
    expect(errorMessage(testI18n('en').t, error)).toBe('You do not have permission to do this.');
  });
});
