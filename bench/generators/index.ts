import type { Kysely } from 'kysely';
import type { Dialect } from '../../server/src/platform/db/database.ts';
import type { Database } from '../../server/src/platform/db/schema.ts';
import { seededRandom } from '../../server/src/platform/seed.ts';
import { bulkInsert } from '../lib/bulk-insert.ts';
import { BENCH_SEED, SCALE_MARKER, type ScaleName, type ScaleParameters } from '../lib/scales.ts';
import { bbvPart } from './bbv.ts';
import { clinicalPart } from './clinical.ts';
import { deathsPart } from './deaths.ts';
import { forcePart } from './force.ts';
import { identityPart } from './identity.ts';
import { injuriesPart } from './injuries.ts';
import { medicationPart } from './medication.ts';
import { mentalhealthPart } from './mentalhealth.ts';
import { programmesPart } from './programmes.ts';
import { registryPart } from './registry.ts';
import { requestsPart } from './requests.ts';
import { restraintPart } from './restraint.ts';
import { segregationPart } from './segregation.ts';

export interface GeneratorContext {
  /** The database (not a transaction): a part commits in batches, through `bulkInsert`. */
  db: Kysely<Database>;
  dialect: Dialect;
  scale: ScaleName;
  /** The counts for this scale (lib/scales.ts). */
  params: ScaleParameters;
  /** Deterministic and private to the part: adding a module does not change another module's data. */
  random: () => number;
  /** When generation started; generated dates lie before it (and due dates around it). */
  now: Date;
  log: (message: string) => void;
}

/** One module's share of the benchmark data. `run` returns a one-line summary (what it wrote). */
export interface GeneratorPart {
  module: string;
  run(context: GeneratorContext): Promise<string>;
}

/** FNV-1a: turns a module name into a seed offset, so each part has its own random stream. */
export function partSeed(module: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < module.length; i++) {
    hash ^= module.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (BENCH_SEED ^ hash) >>> 0;
}

export const randomFor = (module: string) => seededRandom(partSeed(module));

/** The platform's part: records the scale, so `bench/run.ts` can say what it measured against. */
export const platformPart: GeneratorPart = {
  module: 'platform',
  async run({ db, dialect, scale, now }) {
    await bulkInsert(db, dialect, 'system_setting', [
      { key: SCALE_MARKER, value: scale, updated_at: now.toISOString() },
    ]);
    return `scale marker ${SCALE_MARKER}=${scale}`;
  },
};

/**
 * Every module's generator, in dependency order (a part runs after the parts whose rows it refers
 * to). A new module adds its part here: registry after platform, identity after registry, etc.
 */
export const generatorParts: GeneratorPart[] = [
  platformPart,
  registryPart,
  identityPart,
  clinicalPart,
  restraintPart,
  forcePart,
  deathsPart,
  requestsPart,
  injuriesPart,
  segregationPart,
  medicationPart,
  programmesPart,
  bbvPart,
  mentalhealthPart,
];
