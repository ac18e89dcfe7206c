import { LRUCache } from 'lru-cache';
import { afterCommit, type DatabaseHandle, type Executor, type Tx } from '../../platform/db/database.ts';
import { createReplicaNews } from '../../platform/db/replica-news.ts';
import type { UserWithGrants } from './repository.ts';

/** What the session gate reads for a session: the session, its user with grants, break-glass grants. */
export interface SessionEntry {
  userId: string;
  user: UserWithGrants;
  csrfToken: string;
  createdAt: string;
  /** Updated in place when the gate writes it (at most once a minute, TOUCH_EVERY_MS). */
  lastSeenAt: string;
  clinical: boolean;
  /** Break-the-glass grants for a person, with their end; the gate keeps those not yet ended. */
  breakGlass: { personId: string; expiresAt: string }[];
}

export type SessionChange = { userId: string } | { sessionId: string };

const CHANNEL = 'custodia_sessions';

/**
 * The session gate's cache (issue 13, ADR 0032): sessions stay in the database, where every replica
 * reads them; each process keeps what it read for a few seconds (bounded, least recently used
 * first), keyed by the token's hash. A change that ends a session or changes what a user may do
 * (sign-out, password, roles, scope, two-factor, lock, break-the-glass) calls `changed` inside its
 * transaction: this process forgets at once and again after the commit (so a request that read the
 * old rows meanwhile cannot put them back), and on PostgreSQL every other replica hears it through
 * LISTEN/NOTIFY, delivered only if the transaction commits. A replica whose listening connection is
 * lost stops trusting its cache and reads every request from the database.
 */
export function createSessionCache(
  database: Pick<DatabaseHandle, 'dialect' | 'listen'>,
  options: { ttlMs: number; max?: number },
) {
  const enabled = options.ttlMs > 0;
  const entries = new LRUCache<string, SessionEntry>({
    max: options.max ?? 10_000,
    ttl: Math.max(1, options.ttlMs),
  });
  // Bumped by every change: a read that started before a change is not cached after it.
  let epoch = 0;

  function forget(change: SessionChange) {
    epoch += 1;
    if ('sessionId' in change) {
      entries.delete(change.sessionId);
      return;
    }
    for (const [sessionId, entry] of entries.entries()) {
      if (entry.userId === change.userId) entries.delete(sessionId);
    }
  }

  // SQLite: one process holds the file. PostgreSQL: trusted only while listening to the other replicas.
  const news = createReplicaNews(database, CHANNEL, {
    news: (payload) => {
      const [kind, id = ''] = [payload.slice(0, 1), payload.slice(2)];
      forget(kind === 's' ? { sessionId: id } : { userId: id });
    },
    lost: () => entries.clear(),
  });

  return {
    /** The entry of a session, when this process may trust what it read before. */
    get(sessionId: string): SessionEntry | undefined {
      return enabled && news.trusted() ? entries.get(sessionId) : undefined;
    },

    /** The epoch to pass to `keep` for a read that starts now. */
    epoch: () => epoch,

    /** Keeps what a read found, unless something changed since it started. */
    keep(sessionId: string, entry: SessionEntry, readAtEpoch: number) {
      if (enabled && news.trusted() && readAtEpoch === epoch) entries.set(sessionId, entry);
    },

    /** A session ended or a user's access changed: in the writing transaction (see above). */
    async changed(executor: Executor | Tx, change: SessionChange) {
      forget(change);
      await news.announce(executor, 'sessionId' in change ? `s:${change.sessionId}` : `u:${change.userId}`);
      afterCommit(executor, () => forget(change));
    },

    /** PostgreSQL: listens to the other replicas; the cache is used only while listening. */
    async start() {
      if (enabled) await news.start();
    },

    async stop() {
      await news.stop();
      entries.clear();
    },

    /** Notices heard from the database so far (tests wait for one). */
    heard: news.heard,
  };
}

export type SessionCache = ReturnType<typeof createSessionCache>;
