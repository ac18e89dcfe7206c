import { afterEnd, type DatabaseHandle, type Db, type Executor, type Tx } from './database.ts';
import { createReplicaNews } from './replica-news.ts';

/**
 * A small, rarely changed table read whole and kept by this process (ADR 0059): the rule thresholds
 * every dose, round and worklist reads. On PostgreSQL each statement is a round trip; a kept read
 * costs none.
 *
 * - The value is loaded when the app starts, and again in the background after each change, on the
 *   database itself: until it is there, `peek` answers undefined and the caller reads the database
 *   as it always did. A request never waits for a load.
 * - A change calls `changed` inside its transaction. From then until that transaction has ended
 *   (committed or rolled back) nothing is kept or answered from memory, so no reader is given a
 *   value that is not yet committed, or never will be. A load that began before a change is thrown
 *   away.
 * - On PostgreSQL every other replica hears of the change through LISTEN/NOTIFY, delivered only if
 *   the transaction commits. A replica that is not listening (not started, or its listening
 *   connection lost) keeps nothing.
 */
export interface KeptRead<V> {
  /** The kept value, when this process may trust it; else undefined (and a load is started). */
  peek(): V | undefined;
  /** The table is about to change: in the writing transaction, before the write. */
  changed(executor: Executor | Tx): Promise<void>;
  /** Notices of other replicas' changes heard so far (tests wait for one). */
  heard(): number;
}

interface Lifecycle {
  start(): Promise<void>;
  stop(): Promise<void>;
}

const byDatabase = new WeakMap<object, Set<Lifecycle>>();

export function createKeptRead<V>(
  database: Pick<DatabaseHandle, 'db' | 'dialect' | 'listen'>,
  channel: string,
  read: (db: Db) => Promise<V>,
): KeptRead<V> {
  let kept: { value: V } | undefined;
  // Bumped by every change and every end of a changing transaction: a load that began before is stale.
  let epoch = 0;
  // Changing transactions not yet ended: while there are any, nothing is kept or answered.
  let changing = 0;
  let loading = false;

  const forget = () => {
    epoch += 1;
    kept = undefined;
  };
  // The other replicas' changes are forgotten as they are heard; without listening nothing is kept.
  const news = createReplicaNews(database, channel, { news: forget, lost: forget });

  function load(): Promise<void> {
    if (loading || !news.trusted() || changing > 0) return Promise.resolve();
    loading = true;
    const at = epoch;
    return (
      read(database.db)
        .then((value) => {
          if (at === epoch && changing === 0 && news.trusted()) kept = { value };
        })
        // A failed load keeps nothing; the next `peek` tries again.
        .catch(() => {})
        .finally(() => {
          loading = false;
        })
    );
  }

  const lifecycle: Lifecycle = {
    async start() {
      if (news.listening()) return;
      await news.start();
      // Loaded before the first request, so the first reader finds it in memory.
      await load();
    },
    async stop() {
      await news.stop();
      forget();
    },
  };
  const set = byDatabase.get(database) ?? new Set<Lifecycle>();
  set.add(lifecycle);
  byDatabase.set(database, set);

  return {
    peek() {
      if (!news.trusted() || changing > 0) return undefined;
      if (kept) return kept.value;
      void load();
      return undefined;
    },
    async changed(executor) {
      changing += 1;
      forget();
      afterEnd(executor, () => {
        changing -= 1;
        forget();
        // Loaded again at once, so the next reader is likely to find it in memory.
        void load();
      });
      await news.announce(executor, '');
    },
    heard: news.heard,
  };
}

/** Starts the kept reads of a database listening to the other replicas (PostgreSQL); the app calls it. */
export async function startKeptReads(database: DatabaseHandle) {
  for (const kept of byDatabase.get(database) ?? []) await kept.start();
}

export async function stopKeptReads(database: DatabaseHandle) {
  for (const kept of byDatabase.get(database) ?? []) await kept.stop();
}
