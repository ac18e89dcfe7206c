import type { ErrorCode, ProblemDetails } from '@custodia/domain/platform';

/**
 * The codes an ApiError can carry: the server's stable problem codes (domain/src/platform
 * `errorCodes`), plus `network_error` when the server could not be reached at all. Each has a
 * message under `errors` in the shell's or its module's locale files (errorMessage.ts); a test
 * checks that against domain's list.
 */
export type ApiErrorCode = ErrorCode | 'network_error';

/** A problem code as the server writes them; its message is looked up by errorMessage.ts. */
function isProblemCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && /^[a-z][a-z0-9_]{0,63}$/.test(value);
}

/** The code for an answer that did not carry one (a proxy's error page, an HTML 404). */
export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'validation_failed';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 429:
      return 'too_many_requests';
    case 502:
    case 503:
    case 504:
      return 'service_unavailable';
    default:
      return 'internal_error';
  }
}

/** A failed API call. Show it to people with `useErrorMessage()`, never with `message`. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    /** The HTTP status, or 0 when there was no answer. */
    readonly status: number,
    /** The problem details the server sent, when it sent them (field errors live here). */
    readonly problem?: ProblemDetails,
    options?: ErrorOptions,
  ) {
    super(problem?.detail ?? `API error ${code} (${status})`, options);
    this.name = 'ApiError';
  }
}

export interface ApiOptions extends Omit<RequestInit, 'body'> {
  /** A value to send as a JSON body. */
  json?: unknown;
  /** A file to send as it is (its bytes); give its content-type in `headers`. */
  raw?: Blob;
  /** `blob` for a file the server answers (a PDF): the bytes, not parsed JSON. */
  responseType?: 'json' | 'blob';
  /** Statuses besides 2xx whose body is a normal answer (for example 503 from /api/health). */
  acceptStatuses?: readonly number[];
}

/** The header that carries the session's CSRF token on every state-changing request. */
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The CSRF token of the current session (from the session body; see session.ts, which keeps it in
 * step with the session state). Sent with every POST, PUT, PATCH and DELETE.
 */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

async function toApiError(response: Response): Promise<ApiError> {
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.includes('json')) {
    try {
      const body = (await response.json()) as Partial<ProblemDetails>;
      if (isProblemCode(body.code)) return new ApiError(body.code, response.status, body as ProblemDetails);
    } catch {
      // Not a readable problem: fall through to the status.
    }
  }
  return new ApiError(codeForStatus(response.status), response.status);
}

/**
 * Calls the Custodia API and returns the parsed JSON answer. A state-changing request carries the
 * session's CSRF token. Throws an ApiError with the server's problem `code` (or `network_error`) on
 * failure; an aborted request rethrows the abort.
 */
export async function apiFetch<T>(path: string, options: ApiOptions = {}): Promise<T> {
  const { json, raw, acceptStatuses = [], headers, responseType = 'json', ...init } = options;
  const requestHeaders = new Headers(headers);
  if (!requestHeaders.has('accept'))
    requestHeaders.set('accept', 'application/json, application/problem+json');
  const method = (init.method ?? 'GET').toUpperCase();
  if (!SAFE_METHODS.has(method) && csrfToken !== null && !requestHeaders.has(CSRF_HEADER))
    requestHeaders.set(CSRF_HEADER, csrfToken);
  let body: string | Blob | undefined = raw;
  if (json !== undefined) {
    requestHeaders.set('content-type', 'application/json');
    body = JSON.stringify(json);
  }
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: requestHeaders,
      ...(body === undefined ? {} : { body }),
    });
  } catch (cause) {
    if (init.signal?.aborted) throw cause;
    throw new ApiError('network_error', 0, undefined, { cause });
  }
  if (!response.ok && !acceptStatuses.includes(response.status)) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  if (responseType === 'blob') return (await response.blob()) as T;
  try {
    return (await response.json()) as T;
  } catch (cause) {
    throw new ApiError('internal_error', response.status, undefined, { cause });
  }
}
