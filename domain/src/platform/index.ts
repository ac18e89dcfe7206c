import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { moduleErrorCodes } from '../error-codes.ts';

/** A new identifier: UUIDv7 (time-ordered, so keyset paging and B-tree inserts stay cheap). */
export function newId(): string {
  return uuidv7();
}

export const idSchema = z.uuid();

/** Something that tells the time. Rules never read a clock of their own: `now` is passed in. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to, for tests. */
export function fixedClock(
  start: Date | string,
): Clock & { set(at: Date | string): void; advance(ms: number): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set(at) {
      current = new Date(at);
    },
    advance(ms) {
      current = new Date(current.getTime() + ms);
    },
  };
}

/** An instant as stored and sent: ISO-8601 UTC with `Z`, millisecond precision. */
export function toInstant(date: Date): string {
  return date.toISOString();
}

export const instantSchema = z.iso.datetime({ offset: false });
export const calendarDateSchema = z.iso.date();

/** One formatter per zone (a few): making an Intl.DateTimeFormat costs far more than using one. */
const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar date (YYYY-MM-DD) of an instant in a time zone. Day boundaries for rules use the
 * deployment's time zone, not UTC and not the server's local zone.
 */
export function calendarDateIn(instant: Date, timeZone: string): string {
  let formatter = dateFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    if (dateFormatters.size >= 64) dateFormatters.clear();
    dateFormatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Keyset paging: the hard maximum of one page, whatever the client asks for. */
export const PAGE_LIMIT_MAX = 200;
export const PAGE_LIMIT_DEFAULT = 50;

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(PAGE_LIMIT_MAX).default(PAGE_LIMIT_DEFAULT),
  cursor: z.string().max(512).optional(),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/**
 * The platform's own error codes: HTTP-level failures and the generic refusals every module uses
 * (`rule_refused` for a domain rule, with the rule's specifics in the field codes; ADR 0021). The web
 * app translates each code (`errors` in a locale file, ADR 0023).
 */
export const platformErrorCodes = [
  'not_found',
  'route_not_found',
  'validation_failed',
  'malformed_json',
  'payload_too_large',
  'unsupported_media_type',
  'bad_cursor',
  'conflict',
  'stale_version',
  'idempotency_key_reused',
  'unauthenticated',
  'forbidden',
  'csrf_failed',
  'rule_refused',
  'too_many_requests',
  'service_unavailable',
  'internal_error',
] as const;

/** Stable error codes of the API: the platform's and each module's; the web app translates each one. */
export const errorCodes = [...platformErrorCodes, ...moduleErrorCodes] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface FieldError {
  path: string;
  code: string;
  message: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  errors?: FieldError[];
}
export * from './fhir.ts';
export * from './suppression.ts';
export * from './zoned-time.ts';

/** The answer of `GET /api/health` (200 when the database answers, 503 when it does not). */
export const healthSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.enum(['sqlite', 'postgresql']),
  version: z.string(),
});
export type Health = z.infer<typeof healthSchema>;

/** A calendar month, `YYYY-MM` (registers by institution and month). */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month_format');
