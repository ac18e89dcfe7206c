import type { ServerModule } from '../../platform/module.ts';
import type { AuditServices } from '../audit/index.ts';
import { worklistRoutes } from './routes.ts';

/** The home worklist: what every module contributes (`worklist` of each descriptor), in one list. */
export const worklistModule: ServerModule<object, AuditServices> = {
  name: 'worklist',
  migrations: {},
  needs: ['audit'],
  build: () => ({}),
  routes: ({ contributions, audit }) => [worklistRoutes(contributions.worklist, audit)],
};
