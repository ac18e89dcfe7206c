import type { ServerModule } from '../../platform/module.ts';
import type { Services } from '../../services.ts';
import type { AuditServices } from '../audit/index.ts';
import type { ClinicalServices } from '../clinical/index.ts';
import type { IdentityServices } from '../identity/index.ts';
import type { RegistryServices } from '../registry/index.ts';
import { deathsChartSection } from './chart.ts';
import * as m0034 from './migrations/0034_deaths.ts';
import * as m0034a from './migrations/0034a_deaths_body_return.ts';
import { deathsRoutes } from './routes.ts';
import { deathsSeed } from './seed.ts';
import { createDeathsService, type DeathsService } from './service.ts';
import { deathsWorklist } from './worklist.ts';

export type { DeathsService } from './service.ts';

export interface DeathsServices {
  /** Deaths in custody, serious injuries, disappearances (INJ-8, DTH-1, DAT-7, MHS-8; ADR 0037). */
  deaths: DeathsService;
}

type DeathsNeeds = AuditServices & RegistryServices & IdentityServices & Pick<ClinicalServices, 'documents'>;

export const deathsModule: ServerModule<DeathsServices, DeathsNeeds> = {
  name: 'deaths',
  migrations: { '0034_deaths': m0034, '0034a_deaths_body_return': m0034a },
  needs: ['audit', 'registry', 'identity', 'documents'],
  build: ({ config, database, clock, storage }, { audit, registry, identity, documents }) => ({
    deaths: createDeathsService({
      db: database.db,
      clock,
      timeZone: config.timeZone,
      storage,
      audit,
      registry,
      identity,
      documents,
    }),
  }),
  routes: (services: Services) => [deathsRoutes(services)],
  seed: deathsSeed,
  worklist: ({ deaths }) => [deathsWorklist(deaths)],
  chartSections: ({ deaths }) => [deathsChartSection(deaths)],
};
