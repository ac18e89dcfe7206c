import { AsyncLocalStorage } from 'node:async_hooks';
import type { Executor } from './database.ts';

/**
 * Reads shared by the participants of one request (issue 13, ADR 0052). The home worklist asks every
 * module's contributor at once; most of them end by reading the names of their people, some read the
 * institutions or the rule thresholds. Inside a gathering those reads are not run one per contributor:
 * a keyed read (`gatheredRead`) waits until every participant is either finished or waiting on a
 * gathered read, then runs once per key for the union of the ids asked, and each caller gets back
 * exactly the entries it asked for. A read without ids of its own (`gatheredOnce`) runs once per
 * gathering. Outside a gathering, or inside a transaction (whose connection the gathered statement
 * could not share, SQLite having one), each read runs as it always did.
 *
 * Nothing waits on time: the gathered statement runs as soon as the last participant reaches a read
 * or finishes, so a participant that reads nothing gathered delays nobody.
 */
interface Waiter {
  participant: number;
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
  private finished = 0;
  /** Per participant, its reads asked and not yet answered. */
  private readonly waiting = new Map<number, number>();
  private pending = new Map<string, PendingRead>();
  readonly once = new Map<string, Promise<unknown>>();

  constructor(private readonly participants: number) {}

  finish() {
    this.finished += 1;
    this.release();
  }

  read(participant: number, key: string, ids: readonly string[], fetch: PendingRead['fetch']) {
    return new Promise<Map<string, unknown>>((resolve, reject) => {
      const read = this.pending.get(key) ?? { ids: new Set<string>(), fetch, waiters: [] };
      for (const id of ids) read.ids.add(id);
      read.waiters.push({ participant, ids, resolve, reject });
      this.pending.set(key, read);
      this.waiting.set(participant, (this.waiting.get(participant) ?? 0) + 1);
      this.release();
    });
  }

  /** Every participant finished or waiting: run each pending read once, for all its callers. */
  private release() {
    if (!this.pending.size) return;
    let blocked = this.finished;
    for (const count of this.waiting.values()) if (count > 0) blocked += 1;
    if (blocked < this.participants) return;
    const reads = [...this.pending.values()];
    this.pending = new Map();
    for (const read of reads) {
      // The gathered statement runs outside the gathering (the read it calls runs directly).
      current
        .exit(() => read.fetch([...read.ids]))
        .then(
          (all) => this.answer(read, (w) => w.resolve(new Map(subset(all, w.ids)))),
          (error) => this.answer(read, (w) => w.reject(error)),
        );
    }
  }

  private answer(read: PendingRead, settle: (w: Waiter) => void) {
    for (const w of read.waiters) this.waiting.set(w.participant, (this.waiting.get(w.participant) ?? 1) - 1);
    for (const w of read.waiters) settle(w);
    this.release();
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
          gathering.finish();
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
