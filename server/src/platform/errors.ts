import type { ErrorCode, FieldError } from '@custodia/domain';

/**
 * An error the user (or operator) can act on: it carries a stable code and never a stack trace.
 * Raise it through the named constructors below (ADR 0021), which fix each code's status.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly fieldErrors?: FieldError[],
    /** More members of the problem document (e.g. the candidates of a possible duplicate). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** A module's own code for one of the generic failures (`encounter_locked` for a conflict…). */
interface Specific {
  code?: ErrorCode;
  errors?: FieldError[];
  extra?: Record<string, unknown>;
}

const field = (path: string, code: string, message: string): FieldError[] => [{ path, code, message }];

/** 404: missing, or out of the caller's sight (answered alike, so nothing leaks). */
export const notFound = (what = 'Not found') => new AppError('not_found', 404, what);

/** 409: the request collides with the state of the data. */
export const conflict = (message: string, specific: Specific = {}) =>
  new AppError(specific.code ?? 'conflict', 409, message, specific.errors, specific.extra);

/** 409 on one field (a code already used…): `path` is the request's path (`body.code`). */
export const fieldConflict = (path: string, code: string, message: string, problem: ErrorCode = 'conflict') =>
  new AppError(problem, 409, message, field(path, code, message));

/** 409: optimistic concurrency lost (the `version` sent is not the stored one). */
export const staleVersion = (what: string) =>
  new AppError('stale_version', 409, `Someone else changed this ${what}: reload and try again.`);

/** 400 on one field that no schema could check (a code only the database knows…). */
export const invalid = (
  path: string,
  code: string,
  message: string,
  problem: ErrorCode = 'validation_failed',
) => new AppError(problem, 400, message, field(path, code, message));

/** 400 without a field: the request as a whole cannot be understood (a bad cursor, a reversed period…). */
export const badRequest = (code: ErrorCode, message: string) => new AppError(code, 400, message);

/** A refused rule's field: `path` inside the request body (`''` for the body itself). */
export interface RuleField {
  path: string;
  code: string;
  message?: string;
}

/**
 * 400: a domain rule refuses the request. The specifics travel in the field codes (the web app
 * translates them and places them on their fields); the top-level code is the generic
 * `rule_refused`, or a module's older name for it (`clinical_not_allowed`, `event_not_allowed`).
 */
export function ruleRefused(
  fields: readonly RuleField[],
  name: { code?: ErrorCode; message?: string } = {},
): AppError {
  const errors: FieldError[] = fields.map((f) => ({
    path: f.path ? `body.${f.path}` : 'body',
    code: f.code,
    message: f.message ?? f.code,
  }));
  return new AppError(
    name.code ?? 'rule_refused',
    400,
    name.message ?? 'The rules do not allow this; see the field errors.',
    errors,
  );
}

/** 401: no caller, or the credentials were not accepted. */
export const unauthenticated = (message = 'Sign in to continue.', code: ErrorCode = 'unauthenticated') =>
  new AppError(code, 401, message);

/** 403: the caller may not do this (out of scope, not the author…). */
export const forbidden = (message: string, specific: Specific = {}) =>
  new AppError(specific.code ?? 'forbidden', 403, message, specific.errors, specific.extra);

/** 413: the body or a file in it is larger than allowed. */
export const tooLarge = (message: string, specific: Specific = {}) =>
  new AppError(specific.code ?? 'payload_too_large', 413, message, specific.errors, specific.extra);

/** 415: a file of a type that is not accepted. */
export const unsupportedMediaType = (message: string, errors?: FieldError[]) =>
  new AppError('unsupported_media_type', 415, message, errors);

/** 422: the request is understood but cannot be carried out as sent (a key reused for another body…). */
export const unprocessable = (code: ErrorCode, message: string) => new AppError(code, 422, message);

/** 423: the account is locked for a while. */
export const locked = (code: ErrorCode, message: string) => new AppError(code, 423, message);

/** 429: too many at once (attempts, streams…). */
export const tooMany = (code: ErrorCode, message: string) => new AppError(code, 429, message);

/** 503: the server cannot take this on now; the client has a fallback. */
export const unavailable = (code: ErrorCode, message: string) => new AppError(code, 503, message);

/** A problem with configuration or the environment: the CLI prints its message as one line and exits 1. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
