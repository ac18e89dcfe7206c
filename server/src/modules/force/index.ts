import type { ServerModule } from '../../platform/module.ts';
import type { Services } from '../../services.ts';
import type { AuditServices } from '../audit/index.ts';
import type { IdentityServices } from '../identity/index.ts';
import type { RegistryServices } from '../registry/index.ts';
import type { RestraintServices } from '../restraint/index.ts';
import * as m0033 from './migrations/0033_force.ts';
import { forceRoutes } from './routes.ts';
import { forceSeed } from './seed.ts';
import { createForceService, type ForceService } from './service.ts';
import { forceWorklist } from './worklist.ts';

export type { ForceService } from './service.ts';

export interface ForceServices {
  /**
   * Use of force (INJ-7, RST-11; ADR 0036). The injuries module calls `examinationResult` and
   * `incidentForExamination` inside its own transaction.
   */
  force: ForceService;
}

type ForceNeeds = AuditServices & RegistryServices & IdentityServices & Pick<RestraintServices, 'restraint'>;

export const forceModule: ServerModule<ForceServices, ForceNeeds> = {
  name: 'force',
  migrations: { '0033_force': m0033 },
  needs: ['audit', 'registry', 'identity', 'restraint'],
  build: ({ config, database, clock }, { audit, registry, identity, restraint }) => ({
    force: createForceService({
      db: database.db,
      clock,
      timeZone: config.timeZone,
      audit,
      registry,
      identity,
      restraint,
    }),
  }),
  routes: (services: Services) => [forceRoutes(services)],
  seed: forceSeed,
  worklist: ({ force }) => [forceWorklist(force)],
};
