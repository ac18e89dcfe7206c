import type { ServerModule } from '../../platform/module.ts';
import type { Services } from '../../services.ts';
import type { AuditServices } from '../audit/index.ts';
import type { IdentityServices } from '../identity/index.ts';
import type { RegistryServices } from '../registry/index.ts';
import * as m0035 from './migrations/0035_requests.ts';
import { requestsRoutes } from './routes.ts';
import { requestsSeed } from './seed.ts';
import { createRequestsService, type RequestsService } from './service.ts';
import { requestsWorklist } from './worklist.ts';

export type { RequestsService } from './service.ts';

export interface RequestsServices {
  /**
   * Confidential requests to health care (MED-5), complaints (RES-7), allegations escalated (INJ-4;
   * ADR 0038). Public to other modules: `allegationExamined(executor, { complaintId, personId,
   * injuryRecordId, at, userId })`, called by the injuries module in its own transaction.
   */
  requests: RequestsService;
}

type RequestsNeeds = AuditServices & RegistryServices & IdentityServices;

export const requestsModule: ServerModule<RequestsServices, RequestsNeeds> = {
  name: 'requests',
  migrations: { '0035_requests': m0035 },
  needs: ['audit', 'registry', 'identity'],
  build: ({ config, database, clock }, { audit, registry, identity }) => ({
    requests: createRequestsService({
      db: database.db,
      clock,
      timeZone: config.timeZone,
      audit,
      registry,
      identity,
      smallCellThreshold: config.smallCellThreshold,
    }),
  }),
  routes: (services: Services) => [requestsRoutes(services)],
  seed: requestsSeed,
  worklist: ({ requests }) => [requestsWorklist(requests)],
};
