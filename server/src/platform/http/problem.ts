import type { ErrorCode, FieldError, ProblemDetails } from '@custodia/domain';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function sendProblem(
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  detail?: string,
  errors?: FieldError[],
  extra?: Record<string, unknown>,
): FastifyReply {
  const body: ProblemDetails & Record<string, unknown> = {
    ...extra,
    type: `urn:custodia:problem:${code}`,
    title: titles[status] ?? 'Error',
    status,
    code,
    ...(detail ? { detail } : {}),
    ...(errors ? { errors } : {}),
  };
  return reply.status(status).type('application/problem+json; charset=utf-8').send(body);
}

/** Fastify's own errors for things a client can send, mapped to our stable codes. */
const fastifyCodes: Record<string, { status: number; code: ErrorCode; detail: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'malformed_json',
    detail: 'The request body is not valid JSON.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'malformed_json', detail: 'The request body is empty.' },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'payload_too_large',
    detail: 'The request body is too large.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    detail: 'This content type is not accepted.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'malformed_json',
    detail: 'The request body does not match its length.',
  },
};

function zodFieldErrors(error: FastifyError): FieldError[] {
  if (!hasZodFastifySchemaValidationErrors(error)) return [];
  return error.validation.map((issue) => {
    const where = error.validationContext ?? 'body';
    const instancePath = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    return {
      path: instancePath ? `${where}.${instancePath}` : where,
      code: (issue.params?.issue as { code?: string } | undefined)?.code ?? issue.keyword ?? 'invalid',
      message: issue.message ?? 'invalid',
    };
  });
}

/**
 * One error handler for the whole API: RFC 9457 problem details with a stable `code`.
 * Never a stack trace or SQL text in a response; unexpected errors are logged (without request
 * bodies) and answered with a bare 500.
 */
export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      return sendProblem(reply, error.status, error.code, error.message, error.fieldErrors, error.extra);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return sendProblem(
        reply,
        400,
        'validation_failed',
        'Some fields are not valid.',
        zodFieldErrors(error),
      );
    }
    const known = error.code ? fastifyCodes[error.code] : undefined;
    if (known) return sendProblem(reply, known.status, known.code, known.detail);
    if (error.statusCode === 429)
      return sendProblem(reply, 429, 'too_many_requests', 'Too many requests: wait a moment.');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(
        reply,
        error.statusCode,
        'validation_failed',
        'The request could not be understood.',
      );
    }
    request.log.error(
      { err: { type: error.name, code: error.code, message: error.message, stack: error.stack } },
      'unhandled error',
    );
    return sendProblem(
      reply,
      500,
      'internal_error',
      'Something went wrong on the server. It has been logged.',
    );
  });
}
