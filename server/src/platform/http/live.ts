import { EventEmitter } from 'node:events';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../db/database.ts';

/**
 * News that a ward's board changed, for Server-Sent Events (the restraint board; the self-harm ward
 * check list, ADR 0041, each on its own channel). With several replicas on PostgreSQL it travels by
 * NOTIFY/LISTEN, so a note recorded on one replica updates a board served by another; on SQLite (one
 * process) it stays in the process. The payload is an institution id only.
 */
export function createLiveChannel(database: DatabaseHandle, CHANNEL = 'custodia_restraint') {
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

/** One open board stream: whose session it serves, which board, and how to write to it. */
export interface BoardStream {
  sessionId: string;
  institutionId: string;
  write(chunk: string): void;
  end(): void;
}

/**
 * The open board streams of this server. Each ends when its session ends or expires; a session
 * holds at most `perSession` of them and the server `perServer`. A change to an institution's board
 * is computed once and the same text written to every stream of it, whoever watches.
 */
export function createBoardStreams(
  live: LiveChannel,
  deps: {
    /** The board of an institution (each stream's scope was checked when it opened). */
    board: (institutionId: string) => Promise<unknown>;
    /** Which of these sessions still stand (not ended, not expired). */
    activeSessions: (sessionIds: string[]) => Promise<Set<string>>;
    limits: { perSession: number; perServer: number; sessionCheckMs: number };
  },
) {
  const streams = new Set<BoardStream>();
  const boards = new Map<
    string,
    { streams: Set<BoardStream>; unsubscribe: Promise<() => Promise<void>>; pending: boolean }
  >();
  let sweep: NodeJS.Timeout | null = null;

  const event = (board: unknown) => `event: board\ndata: ${JSON.stringify(board)}\n\n`;

  function remove(stream: BoardStream) {
    if (!streams.delete(stream)) return;
    stream.end();
    const watched = boards.get(stream.institutionId);
    if (watched) {
      watched.streams.delete(stream);
      if (!watched.streams.size) {
        boards.delete(stream.institutionId);
        void watched.unsubscribe.then((stop) => stop()).catch(() => {});
      }
    }
    if (!streams.size && sweep) {
      clearInterval(sweep);
      sweep = null;
    }
  }

  /** Ends the streams whose session no longer stands; returns those that do. */
  async function keepActive(list: BoardStream[]) {
    const active = await deps.activeSessions([...new Set(list.map((s) => s.sessionId))]);
    for (const s of list) if (!active.has(s.sessionId)) remove(s);
    return list.filter((s) => streams.has(s));
  }

  function changed(institutionId: string) {
    const watched = boards.get(institutionId);
    if (!watched || watched.pending) return;
    watched.pending = true;
    // Several changes in one moment make one update, computed once for every stream of the board.
    setTimeout(() => {
      watched.pending = false;
      void (async () => {
        const text = event(await deps.board(institutionId));
        for (const s of await keepActive([...watched.streams])) s.write(text);
      })().catch(() => {});
    }, 50);
  }

  return {
    /**
     * Why a new stream of this session cannot open now: the session's streams or the server's are
     * at their limit; null when it may.
     */
    refusal(sessionId: string): 'per_session' | 'per_server' | null {
      if (streams.size >= deps.limits.perServer) return 'per_server';
      let own = 0;
      for (const s of streams) if (s.sessionId === sessionId) own += 1;
      return own >= deps.limits.perSession ? 'per_session' : null;
    },

    /**
     * Registers an open stream (after `refusal` said it may open) and writes the first board once
     * this server listens for the institution's changes: a change another replica records before
     * the LISTEN stands would otherwise never reach the stream. The stream that starts listening
     * sends the board as read after that moment, not the one read before.
     */
    add(stream: BoardStream, first: unknown) {
      streams.add(stream);
      let watched = boards.get(stream.institutionId);
      const starts = !watched;
      if (!watched) {
        const unsubscribe = live.subscribe(stream.institutionId, () => changed(stream.institutionId));
        unsubscribe.catch(() => {});
        watched = { streams: new Set(), unsubscribe, pending: false };
        boards.set(stream.institutionId, watched);
      }
      watched.streams.add(stream);
      void watched.unsubscribe
        .then(() => (starts ? deps.board(stream.institutionId) : first))
        .catch(() => first)
        .then((board) => {
          if (streams.has(stream)) stream.write(event(board));
        });
      // Sign-out, expiry, a password change elsewhere: checked for every open stream at once.
      sweep ??= setInterval(() => void keepActive([...streams]).catch(() => {}), deps.limits.sessionCheckMs);
      return () => remove(stream);
    },

    get size() {
      return streams.size;
    },

    /** Ends every stream (the server stops). */
    close() {
      for (const s of [...streams]) remove(s);
    },
  };
}

export type BoardStreams = ReturnType<typeof createBoardStreams>;
