import { EventEmitter } from 'node:events';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../platform/db/database.ts';

const CHANNEL = 'custodia_restraint';

/**
 * News that a ward's restraint board changed, for Server-Sent Events. With several replicas on
 * PostgreSQL it travels by NOTIFY/LISTEN, so a note recorded on one replica updates a board served
 * by another; on SQLite (one process) it stays in the process. The payload is an institution id only.
 */
export function createLiveChannel(database: DatabaseHandle) {
  const local = new EventEmitter();
  local.setMaxListeners(0);
  let stopListening: Promise<() => Promise<void>> | null = null;
  let subscribers = 0;

  return {
    /** Tells every replica that an institution's board changed (call after the commit). */
    async publish(institutionId: string) {
      if (database.listen) {
        await sql`select pg_notify(${CHANNEL}, ${institutionId})`.execute(database.db);
      } else {
        local.emit('change', institutionId);
      }
    },

    /** Calls `listener` whenever the board of `institutionId` may have changed; returns unsubscribe. */
    async subscribe(institutionId: string, listener: () => void): Promise<() => Promise<void>> {
      const handler = (id: string) => {
        if (id === institutionId) listener();
      };
      local.on('change', handler);
      subscribers += 1;
      if (database.listen && !stopListening) {
        stopListening = database.listen(CHANNEL, (payload) => local.emit('change', payload));
        await stopListening;
      }
      return async () => {
        local.off('change', handler);
        subscribers -= 1;
        if (subscribers === 0 && stopListening) {
          const stop = await stopListening;
          stopListening = null;
          await stop();
        }
      };
    },

    async close() {
      local.removeAllListeners();
      if (stopListening) {
        const stop = await stopListening;
        stopListening = null;
        await stop();
      }
    },
  };
}

export type LiveChannel = ReturnType<typeof createLiveChannel>;
