import { AsyncLocalStorage } from 'node:async_hooks';
import type { Executor } from './database.ts';

/**
 * Reads shared by the participants of one request (issue 13, ADR 0052). The home worklist asks every
 * module's contributor at once; most of them end by reading the names of their people, some read the
 * institutions or the rule thresholds. Inside a gathering those reads are not run one per contributor:
 * they are run in rounds, once per key for the union of the ids asked, and each caller gets back
 * exactly the entries it asked for. A read without ids of its own (`gatheredOnce`) runs once per
 * gathering. Outside a gathering, or inside a transaction (whose connection the gathered statement
 * could not share, SQLite having one), each read runs as it always did.
 *
 * Round k holds the k-th gathered read of every participant, and runs once every participant has
 * asked its k-th read or finished. So the rounds, and the statements, are the same whatever the
 * timing of the database (PostgreSQL runs the participants' other statements concurrently), and
 * nothing waits on time: a participant that reads nothing gathered delays nobody.
 */
interface Waiter {
  ids: readonly string[];
  resolve: (value: Map<string, unknown>) => void;
  reject: (reason: unknown) => void;
}

interface PendingRead {
  ids: Set<string>;
  fetch: (ids: string[]) => Promise<Map<string, unknown>>;
  waiters: Waiter[];
}

class Gathering {
  /** Per participant, how many gathered reads it has asked. */
  private readonly asked: number[];
  private readonly finished: boolean[];
  /** The reads of each round not yet run, by key. */
  private readonly rounds = new Map<number, Map<string, PendingRead>>();
  private nextRound = 1;
  readonly once = new Map<string, Promise<unknown>>();

  constructor(private readonly participants: number) {
    this.asked = new Array(participants).fill(0);
    this.finished = new Array(participants).fill(false);
  }

  finish(participant: number) {
    this.finished[participant] = true;
    this.release();
  }

  read(participant: number, key: string, ids: readonly string[], fetch: PendingRead['fetch']) {
    return new Promise<Map<string, unknown>>((resolve, reject) => {
      // A participant's k-th read is in round k; the caller's own reads after the participants
      // (not a participant) join the next round to run.
      const ordinal = participant < this.participants ? ++this.asked[participant]! : this.nextRound;
      const round = Math.max(ordinal, this.nextRound);
      const reads = this.rounds.get(round) ?? new Map<string, PendingRead>();
      const read = reads.get(key) ?? { ids: new Set<string>(), fetch, waiters: [] };
      for (const id of ids) read.ids.add(id);
      read.waiters.push({ ids, resolve, reject });
      reads.set(key, read);
      this.rounds.set(round, reads);
      this.release();
    });
  }

  /** Runs each round whose every participant has asked its read of that round or finished. */
  private release() {
    for (;;) {
      const reads = this.rounds.get(this.nextRound);
      if (!reads) return;
      for (let p = 0; p < this.participants; p += 1)
        if (!this.finished[p] && (this.asked[p] ?? 0) < this.nextRound) return;
      this.rounds.delete(this.nextRound);
      this.nextRound += 1;
      for (const read of reads.values()) {
        // The gathered statement runs outside the gathering (the read it calls runs directly).
        current
          .exit(() => read.fetch([...read.ids]))
          .then(
            (all) => {
              for (const w of read.waiters) w.resolve(new Map(subset(all, w.ids)));
            },
            (error) => {
              for (const w of read.waiters) w.reject(error);
            },
          );
      }
    }
  }
}

function* subset(all: Map<string, unknown>, ids: readonly string[]) {
  for (const id of ids) if (all.has(id)) yield [id, all.get(id)] as const;
}

const current = new AsyncLocalStorage<{ gathering: Gathering; participant: number }>();

/**
 * Runs each task as a participant of one gathering (their gathered reads shared), and `after` (the
 * caller's own reads, e.g. the institutions once more) in the same gathering once they are done.
 */
export async function gather<T, R>(
  tasks: readonly (() => Promise<T>)[],
  after: (results: T[]) => Promise<R>,
): Promise<R> {
  const gathering = new Gathering(tasks.length);
  const results = await Promise.all(
    tasks.map((task, participant) =>
      current.run({ gathering, participant }, async () => {
        try {
          return await task();
        } finally {
          gathering.finish(participant);
        }
      }),
    ),
  );
  // The caller is a participant of its own once every task has finished.
  return current.run({ gathering: gathering, participant: tasks.length }, () => after(results));
}

const isTransaction = (executor: Executor) =>
  (executor as { isTransaction?: boolean }).isTransaction === true;

/**
 * A read by ids, gathered when called by a participant outside a transaction (`key` names the
 * statement and anything it depends on besides the ids): the answer for these ids, of one statement
 * run for every participant. Undefined when it cannot be gathered: the caller reads as it always did.
 * `fetch` (called outside the gathering) reads the union of the ids.
 */
export function gatheredRead<V>(
  executor: Executor,
  key: string,
  ids: readonly string[],
  fetch: (ids: readonly string[]) => Promise<Map<string, V>>,
): Promise<Map<string, V>> | undefined {
  const scope = current.getStore();
  if (!scope || isTransaction(executor)) return undefined;
  return scope.gathering.read(scope.participant, key, ids, fetch) as Promise<Map<string, V>>;
}

/** A read without ids (the institutions): once per gathering; undefined outside one. */
export function gatheredOnce<V>(key: string, fetch: () => Promise<V>): Promise<V> | undefined {
  const scope = current.getStore();
  if (!scope) return undefined;
  const known = scope.gathering.once.get(key) as Promise<V> | undefined;
  if (known) return known;
  const read = current.exit(fetch);
  scope.gathering.once.set(key, read);
  // A failed read is not kept: the next caller tries again.
  read.catch(() => scope.gathering.once.delete(key));
  return read;
}
