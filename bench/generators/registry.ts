import { registrySeed } from '../../server/src/modules/registry/seed.ts';
import type { GeneratorPart } from './index.ts';

/**
 * The registry (institutions, units, cells, people, custody events, name tokens). Both scales reuse
 * the demo seed's pilot registry today: 3 institutions and 3,000 people. The national scale does not
 * yet write its 25,000 + 250,000 people (see docs/benchmarks.md). Audit rows are not benchmark data.
 */
export const registryPart: GeneratorPart = {
  module: 'registry',
  async run({ db, dialect, scale, random, now, log }) {
    const summary = await db.transaction().execute((tx) =>
      registrySeed.run({
        tx,
        dialect,
        now,
        random,
        log,
        audit: { record: async () => {} },
        store: new Map(),
      }),
    );
    return scale === 'pilot'
      ? summary
      : `${summary} (pilot registry only: national people not generated yet)`;
  },
};
