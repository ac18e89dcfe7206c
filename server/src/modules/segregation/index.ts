import type { ServerModule } from '../../platform/module.ts';
import type { Services } from '../../services.ts';
import type { AuditServices } from '../audit/index.ts';
import type { ClinicalServices } from '../clinical/index.ts';
import type { IdentityServices } from '../identity/index.ts';
import type { RegistryServices } from '../registry/index.ts';
import * as m0030 from './migrations/0030_segregation.ts';
import * as m0036a from './migrations/0036a_segregation_indexes.ts';
import { segregationRoutes } from './routes.ts';
import { segregationSeed } from './seed.ts';
import { createSegregationService, type SegregationService } from './service.ts';
import { segregationWorklist } from './worklist.ts';

export type { SegregationService } from './service.ts';

export interface SegregationServices {
  /** Solitary confinement and segregation (SEG-*, MHS-7; ADR 0033). */
  segregation: SegregationService;
}

type SegregationNeeds = AuditServices &
  RegistryServices &
  IdentityServices &
  Pick<ClinicalServices, 'alerts'>;

export const segregationModule: ServerModule<SegregationServices, SegregationNeeds> = {
  name: 'segregation',
  migrations: { '0030_segregation': m0030, '0036a_segregation_indexes': m0036a },
  needs: ['audit', 'registry', 'identity', 'alerts'],
  build: ({ config, database, clock }, { audit, registry, identity, alerts }) => ({
    segregation: createSegregationService({
      db: database.db,
      clock,
      timeZone: config.timeZone,
      audit,
      registry,
      identity,
      alerts,
    }),
  }),
  routes: (services: Services) => [segregationRoutes(services)],
  seed: segregationSeed,
  worklist: ({ segregation }) => [segregationWorklist(segregation)],
};
