import type { ServerModule } from '../../platform/module.ts';
import type { Services } from '../../services.ts';
import type { AuditServices } from '../audit/index.ts';
import type { ClinicalServices } from '../clinical/index.ts';
import type { ForceServices } from '../force/index.ts';
import type { IdentityServices } from '../identity/index.ts';
import type { RegistryServices } from '../registry/index.ts';
import type { RequestsServices } from '../requests/index.ts';
import { injuriesFhirResources, injuriesIpsSections } from './fhir.ts';
import * as m0032 from './migrations/0032_injuries.ts';
import { injuriesRoutes } from './routes.ts';
import { injuriesSeed } from './seed.ts';
import { createInjuriesService, type InjuriesService } from './service.ts';
import { injuriesWorklist } from './worklist.ts';

export type { InjuriesService } from './service.ts';

export interface InjuriesServices {
  /** Injury documentation and reporting (INJ-1 … INJ-6, INJ-9; ADR 0035). */
  injuries: InjuriesService;
}

type InjuriesNeeds = AuditServices &
  RegistryServices &
  IdentityServices &
  Pick<ClinicalServices, 'screening'> &
  ForceServices &
  RequestsServices;

export const injuriesModule: ServerModule<InjuriesServices, InjuriesNeeds> = {
  name: 'injuries',
  migrations: { '0032_injuries': m0032 },
  needs: ['audit', 'registry', 'identity', 'screening', 'force', 'requests'],
  build: (
    { config, database, clock, storage },
    { audit, registry, identity, screening, force, requests },
  ) => ({
    injuries: createInjuriesService({
      db: database.db,
      clock,
      timeZone: config.timeZone,
      storage,
      audit,
      registry,
      identity,
      screening,
      force,
      requests,
    }),
  }),
  routes: (services: Services) => [injuriesRoutes(services)],
  seed: injuriesSeed,
  worklist: ({ injuries }) => [injuriesWorklist(injuries)],
  fhirResources: ({ injuries }) => injuriesFhirResources(injuries),
  ipsSections: () => injuriesIpsSections,
};
