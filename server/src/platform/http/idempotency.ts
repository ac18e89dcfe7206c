import type { Clock } from '@custodia/domain';
import { z } from 'zod';
import type { Tx } from '../db/database.ts';
import { AppError } from '../errors.ts';

/** The `Idempotency-Key` request header: a client-made unique string (a UUID). */
export const idempotencyHeaders = z.object({
  'idempotency-key': z.string().trim().min(8).max(100).optional(),
});

/**
 * Runs a recording command at most once per (user, key): a retry with the same key gets the first
 * answer and records nothing new. The key row is written in the command's own transaction, so a
 * command that fails leaves no key behind. The same key used for something else is a conflict.
 */
export async function once<T>(
  tx: Tx,
  clock: Clock,
  request: { userId: string; key: string | undefined; scope: string },
  work: () => Promise<T>,
): Promise<T> {
  if (!request.key) return work();
  const prior = await tx
    .selectFrom('idempotency_key')
    .select(['scope', 'response'])
    .where('user_id', '=', request.userId)
    .where('key', '=', request.key)
    .executeTakeFirst();
  if (prior) {
    if (prior.scope !== request.scope) {
      throw new AppError('conflict', 409, 'This Idempotency-Key was used for another request.');
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
      response: JSON.stringify(result),
      created_at: clock.now().toISOString(),
    })
    .execute();
  return result;
}
