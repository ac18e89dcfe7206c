import type { Kysely } from 'kysely';

/**
 * Issue 12, item 8: the key remembers a hash of the request it answered, so the same key sent with
 * another body is refused instead of being answered with the first result. Keys stored before this
 * have none and keep answering as before.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('idempotency_key').addColumn('request_hash', 'text').execute();
}
