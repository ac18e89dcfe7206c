import type { ServerModule } from '../../platform/module.ts';
import type { Services } from '../../services.ts';
import type { AuditServices } from '../audit/index.ts';
import type { ClinicalServices } from '../clinical/index.ts';
import type { IdentityServices } from '../identity/index.ts';
import type { RegistryServices } from '../registry/index.ts';
import { hungerFhirResources } from './fhir.ts';
import * as m0039 from './migrations/0039_hunger_strike.ts';
import { hungerRoutes } from './routes.ts';
import { hungerSeed } from './seed.ts';
import { createHungerService, type HungerService } from './service.ts';
import { hungerWorklist } from './worklist.ts';

export type { HungerService } from './service.ts';

export interface HungerstrikeServices {
  /** Hunger strikes (HUN-1 … HUN-10, WMA Malta 2017; ADR 0042). */
  hungerstrike: HungerService;
}

type HungerNeeds = AuditServices & RegistryServices & IdentityServices & Pick<ClinicalServices, 'screening'>;

export const hungerstrikeModule: ServerModule<HungerstrikeServices, HungerNeeds> = {
  name: 'hungerstrike',
  migrations: { '0039_hunger_strike': m0039 },
  needs: ['audit', 'registry', 'identity', 'screening'],
  build: ({ config, database, clock }, { audit, registry, identity, screening }) => ({
    hungerstrike: createHungerService({
      db: database.db,
      clock,
      timeZone: config.timeZone,
      audit,
      registry,
      identity,
      screening,
    }),
  }),
  routes: (services: Services) => [hungerRoutes(services)],
  seed: hungerSeed,
  worklist: ({ hungerstrike }) => [hungerWorklist(hungerstrike)],
  fhirResources: () => hungerFhirResources(),
  // HUN-8, MED-3: custodial staff see that the person is on hunger strike, followed by health care.
  personAlerts: ({ hungerstrike }) => [
    { module: 'hungerstrike', inForce: (executor, ids) => hungerstrike.alertsInForce(executor, ids) },
  ],
};
