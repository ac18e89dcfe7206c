import { createHash } from 'node:crypto';
import type { Clock } from '@custodia/domain';
import { z } from 'zod';
import type { Tx } from '../db/database.ts';
import { conflict, unprocessable } from '../errors.ts';

/** The `Idempotency-Key` request header: a client-made unique string (a UUID). */
export const idempotencyHeaders = z.object({
  'idempotency-key': z.string().trim().min(8).max(100).optional(),
});

/** JSON with object keys in order, so the same request always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export const requestHash = (body: unknown) =>
  createHash('sha256').update(canonical(body), 'utf8').digest('hex');

/**
 * Runs a recording command at most once per (user, key): a retry with the same key and the same
 * body gets the first answer and records nothing new. The key row is written in the command's own
 * transaction, so a command that fails leaves no key behind. The same key used for something else
 * is a conflict; the same key with another body is refused (422), never answered with the first result.
 */
export async function once<T>(
  tx: Tx,
  clock: Clock,
  request: { userId: string; key: string | undefined; scope: string; body: unknown },
  work: () => Promise<T>,
): Promise<T> {
  if (!request.key) return work();
  const hash = requestHash(request.body);
  const prior = await tx
    .selectFrom('idempotency_key')
    .select(['scope', 'request_hash', 'response'])
    .where('user_id', '=', request.userId)
    .where('key', '=', request.key)
    .executeTakeFirst();
  if (prior) {
    if (prior.scope !== request.scope) {
      throw conflict('This Idempotency-Key was used for another request.');
    }
    if (prior.request_hash !== null && prior.request_hash !== hash) {
      throw unprocessable(
        'idempotency_key_reused',
        'This Idempotency-Key was used with a different request body: send a new key for a new request.',
      );
    }
    return JSON.parse(prior.response) as T;
  }
  const result = await work();
  await tx
    .insertInto('idempotency_key')
    .values({
      user_id: request.userId,
      key: request.key,
      scope: request.scope,
      request_hash: hash,
      response: JSON.stringify(result),
      created_at: clock.now().toISOString(),
    })
    .execute();
  return result;
}
