import type { ErrorCode, FieldError } from '@custodia/domain';

/** An error the user (or operator) can act on: it carries a stable code and never a stack trace. */
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

export const notFound = (what = 'Not found') => new AppError('not_found', 404, what);
export const conflict = (message: string) => new AppError('conflict', 409, message);

/** A problem with configuration or the environment: the CLI prints its message as one line and exits 1. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
