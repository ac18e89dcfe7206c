import type { ServerModule } from '../../platform/module.ts';
import type { AuditServices } from '../audit/index.ts';
import type { RegistryServices } from '../registry/index.ts';
import { worklistRoutes } from './routes.ts';

/** The home worklist: what every module contributes (`worklist` of each descriptor), in one list. */
export const worklistModule: ServerModule<object, AuditServices & RegistryServices> = {
  name: 'worklist',
  migrations: {},
  needs: ['audit', 'registry'],
  build: () => ({}),
  routes: ({ contributions, audit, registry, config }) => [
    worklistRoutes(contributions.worklist, audit, registry, config.timeZone),
  ],
};
