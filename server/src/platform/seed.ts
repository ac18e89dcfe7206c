import type { Clock } from '@custodia/domain';
import { type DatabaseHandle, inTransaction, type Tx } from './db/database.ts';
import { isEmpty } from './db/introspect.ts';
import { ConfigError } from './errors.ts';

/**
 * What a seed part is handed. `Audit` is the audit module's recorder and `Needs` the other modules'
 * services it calls (the rows of other modules are read and written through them), both named by the
 * seed parts that use them (the platform does not import a module; ADR 0020).
 */
export interface SeedContext<Audit = unknown, Needs = unknown> {
  tx: Tx;
  dialect: DatabaseHandle['dialect'];
  now: Date;
  /** A deterministic pseudo-random source, so the demo is the same on every machine. */
  random: () => number;
  log: (message: string) => void;
  /** Every write leaves an audit record, demo data included. */
  audit: Audit;
  /** The service graph: a part calls the services of the modules before it, inside `tx`. */
  services: Needs;
  /** What one part leaves for the parts after it (e.g. the demo institutions' ids). */
  store: Map<string, unknown>;
}

/** One module's part of the demo data. Parts run in the order given, each after those it needs. */
export interface SeedPart<Audit = unknown, Needs = unknown> {
  module: string;
  run(context: SeedContext<Audit, Needs>): Promise<string>;
}

export const DEMO_MARKER = 'demo_data';

/** Mulberry32: a small, fast, seeded generator; good enough for demo data, not for secrets. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The platform's own part: marks the database as holding demo data (so production refuses it). */
export const platformSeed: SeedPart = {
  module: 'platform',
  async run({ tx, now }) {
    await tx
      .insertInto('system_setting')
      .values({ key: DEMO_MARKER, value: now.toISOString(), updated_at: now.toISOString() })
      .execute();
    return 'marked as a demonstration database';
  },
};

/** Fills an empty database with every module's demo data, in one transaction. */
export async function seedDemo<Audit>(
  services: { database: DatabaseHandle; clock: Clock; audit: Audit },
  parts: SeedPart<Audit>[],
  log: (m: string) => void,
) {
  const { database: handle, clock, audit } = services;
  if (!(await isEmpty(handle.db, handle.dialect))) {
    throw new ConfigError('the database already holds data: demo data goes only into an empty database');
  }
  const random = seededRandom(20261128);
  const store = new Map<string, unknown>();
  await inTransaction(handle.db, async (tx) => {
    for (const part of parts) {
      const summary = await part.run({
        tx,
        dialect: handle.dialect,
        now: clock.now(),
        random,
        log,
        audit,
        services,
        store,
      });
      log(`  ${part.module}: ${summary}`);
    }
  });
}

export async function holdsDemoData(handle: DatabaseHandle): Promise<boolean> {
  const row = await handle.db
    .selectFrom('system_setting')
    .select('key')
    .where('key', '=', DEMO_MARKER)
    .executeTakeFirst();
  return row !== undefined;
}
