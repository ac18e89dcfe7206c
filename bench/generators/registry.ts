import { registrySeed } from '../../server/src/modules/registry/seed.ts';
import type { GeneratorPart } from './index.ts';
import { generateRegistry } from './registry-national.ts';

/**
 * The registry (institutions, units, cells, people, custody events, name tokens). Pilot scale reuses
 * the demo seed's pilot registry (3 institutions, 3,000 people), so pilot figures stay comparable
 * with the earlier runs. National scale generates its own: `params.institutions` institutions with
 * units and cells, `params.inCustody` people in custody and `params.historicalPeople` released
 * people over `params.historyDays`, written with `bulkInsert` (registry-national.ts). Audit rows
 * are not benchmark data.
 */
export const registryPart: GeneratorPart = {
  module: 'registry',
  async run({ db, dialect, scale, params, random, now, log }) {
    if (scale !== 'pilot') return generateRegistry({ db, dialect, params, random, now, log });
    return db.transaction().execute((tx) =>
      registrySeed.run({
        tx,
        dialect,
        now,
        random,
        log,
        audit: { record: async () => {} },
        // The registry comes first: its seed calls no other module.
        services: {},
        store: new Map(),
      }),
    );
  },
};
