import { sql } from 'kysely';
import type { DatabaseHandle, Executor, Tx } from './database.ts';

/**
 * News of changes between replicas on one channel, for a cache kept by each process (the session
 * cache, ADR 0032; kept reads, ADR 0059). On PostgreSQL a connection of its own LISTENs to the
 * channel, and a change is announced with NOTIFY inside its transaction, so the others hear it only if
 * it commits. What a process keeps may be trusted only while it listens: not before `start`, and not
 * after its listening connection is lost (`lost` is called then). On SQLite one process holds the
 * file: there is nobody to tell, and what it keeps is always trusted.
 */
export function createReplicaNews(
  database: Pick<DatabaseHandle, 'dialect' | 'listen'>,
  channel: string,
  on: { news(payload: string): void; lost(): void },
) {
  let trusted = database.dialect === 'sqlite';
  let stopListening: (() => Promise<void>) | null = null;
  let heard = 0;

  return {
    /** Whether what this process keeps may be used. */
    trusted: () => trusted,
    /** Whether this process listens already (PostgreSQL). */
    listening: () => stopListening !== null,
    /** Notices heard so far (tests wait for one). */
    heard: () => heard,

    /** PostgreSQL: starts listening to the other replicas; trusted from then on. */
    async start() {
      if (!database.listen || stopListening) return;
      stopListening = await database.listen(
        channel,
        (payload) => {
          heard += 1;
          on.news(payload);
        },
        () => {
          trusted = false;
          on.lost();
        },
      );
      trusted = true;
    },

    async stop() {
      trusted = database.dialect === 'sqlite';
      const stop = stopListening;
      stopListening = null;
      await stop?.();
    },

    /** Tells the other replicas, inside the changing transaction (PostgreSQL; nothing on SQLite). */
    async announce(executor: Executor | Tx, payload: string) {
      if (database.dialect === 'postgresql')
        await sql`select pg_notify(${channel}, ${payload})`.execute(executor);
    },
  };
}
