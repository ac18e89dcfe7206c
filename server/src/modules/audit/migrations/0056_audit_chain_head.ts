import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * PostgreSQL: the chain's lock and the read of its head in one round trip (ADR 0059). Every audited
 * request appends to the chain at its commit (ADR 0058): it takes the chain's transaction lock, then
 * reads the head the last committed append left. Sent as two statements, that was two round trips to
 * the database on every write and every clinical read. A VOLATILE function takes a fresh snapshot
 * for each statement in it, so the head is read after the lock is held, as before. SQLite has one
 * writer and no lock to take: nothing changes there.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`
    create function audit_chain_head(lock_key bigint) returns table (seq integer, hash text)
    language plpgsql volatile as $$
    begin
      perform pg_advisory_xact_lock(lock_key);
      return query select a.seq, a.hash from audit_event a order by a.seq desc limit 1;
    end $$`.execute(db);
}
