import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';

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

/**
 * The calendar date (YYYY-MM-DD) of an instant in a time zone. Day boundaries for rules use the
 * deployment's time zone, not UTC and not the server's local zone.
 */
export function calendarDateIn(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
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

/** Stable error codes of the API; the web app translates each one (`errors` in a locale file, ADR 0023). */
export const errorCodes = [
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
  'session_expired',
  'forbidden',
  'csrf_failed',
  'sign_in_failed',
  'two_factor_failed',
  'account_locked',
  'two_factor_required',
  'password_change_required',
  'two_factor_already_enabled',
  'password_policy',
  'password_wrong',
  'break_glass_limit',
  'break_glass_own_review',
  'possible_duplicate',
  'prison_number_taken',
  'event_not_allowed',
  'over_capacity',
  'clinical_not_allowed',
  'encounter_locked',
  'file_copy_needs_restricted_reader',
  'document_too_large',
  'period_reversed',
  'period_too_long',
  'screening_incomplete',
  'too_many_requests',
  'too_many_streams',
  'service_unavailable',
  'internal_error',
] as const;
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
export * from './suppression.ts';
export * from './zoned-time.ts';
