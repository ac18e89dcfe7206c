import type { ServerModule } from '../../platform/module.ts';
import type { Services } from '../../services.ts';
import type { AuditServices } from '../audit/index.ts';
import * as m0004 from './migrations/0004_registry.ts';
import * as m0006 from './migrations/0006_person_photo.ts';
import * as m0008 from './migrations/0008_registry_structure.ts';
import * as m0009 from './migrations/0009_registry_indexes.ts';
import * as m0036 from './migrations/0036_cell_lighting.ts';
import * as m0047 from './migrations/0047_planned_release.ts';
import { registryRoutes } from './routes.ts';
import { registrySeed } from './seed.ts';
import { createRegistryService, type RegistryService } from './service.ts';

export { personFullName } from './service.ts';

import { structureRoutes } from './structure.routes.ts';
import { registryWorklist } from './worklist.ts';

export type {
  CustodyEventNotice,
  PlacementStay,
  PlannedRelease,
  RegistryService,
  RegistryViewer,
} from './service.ts';

export interface RegistryServices {
  /** The custodial registry: institutions and their structure, people, custody events, staff. */
  registry: RegistryService;
}

export const registryModule: ServerModule<RegistryServices, AuditServices> = {
  name: 'registry',
  migrations: {
    '0004_registry': m0004,
    '0006_person_photo': m0006,
    '0008_registry_structure': m0008,
    '0009_registry_indexes': m0009,
    '0036_cell_lighting': m0036,
    '0047_planned_release': m0047,
  },
  needs: ['audit'],
  build: ({ database, clock, storage, contributions }, { audit }) => ({
    registry: createRegistryService(database.db, clock, audit, storage, contributions),
  }),
  routes: (services: Services) => [registryRoutes(services), structureRoutes(services)],
  seed: registrySeed,
  worklist: ({ registry }) => [registryWorklist(registry)],
};
