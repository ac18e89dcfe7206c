import { rescreenPromptFor } from '@custodia/domain';
import { createLiveChannel, type LiveChannel } from '../../platform/http/live.ts';
import type { ServerModule } from '../../platform/module.ts';
import type { Services } from '../../services.ts';
import type { AuditServices } from '../audit/index.ts';
import type { IdentityServices } from '../identity/index.ts';
import type { RegistryServices } from '../registry/index.ts';
import { selfharmFhirResources } from './fhir.ts';
import * as m0038 from './migrations/0038_self_harm.ts';
import { selfharmRoutes } from './routes.ts';
import { selfharmSeed } from './seed.ts';
import { createSelfharmService, type SelfharmService } from './service.ts';
import { selfharmWorklist } from './worklist.ts';

export type { SelfharmService } from './service.ts';

export interface SelfharmServices {
  /** Suicide and self-harm care plans (SSH-1, MHS-3, MHS-4, MHS-8; ADR 0041). */
  selfharm: SelfharmService;
  /** The news channel of the ward check lists (LISTEN/NOTIFY across replicas on PostgreSQL). */
  selfharmLive: LiveChannel;
}

type SelfharmNeeds = AuditServices & RegistryServices & IdentityServices;

export const selfharmModule: ServerModule<SelfharmServices, SelfharmNeeds> = {
  name: 'selfharm',
  migrations: { '0038_self_harm': m0038 },
  needs: ['audit', 'registry', 'identity'],
  build: ({ config, database, clock }, { audit, registry, identity }) => {
    const selfharmLive = createLiveChannel(database, 'custodia_selfharm');
    const selfharm = createSelfharmService({
      db: database.db,
      clock,
      timeZone: config.timeZone,
      audit,
      registry,
      identity,
      live: selfharmLive,
    });
    // MHS-4: admission, transfer in and leaving for court prompt a re-screening, in the event's
    // own transaction.
    registry.onCustodyEvent(async (tx, notice) => {
      const prompt = rescreenPromptFor({
        type: notice.type,
        absenceKind: notice.absenceKind,
        occurredAt: notice.occurredAt,
      });
      if (prompt) await selfharm.promptFromCustodyEvent(tx, notice, prompt);
    });
    return { selfharm, selfharmLive };
  },
  routes: (services: Services) => [selfharmRoutes(services)],
  seed: selfharmSeed,
  worklist: ({ selfharm }) => [selfharmWorklist(selfharm)],
  fhirResources: () => selfharmFhirResources,
  personAlerts: ({ selfharm }) => [
    { module: 'selfharm', inForce: (executor, ids) => selfharm.inForce(executor, ids) },
  ],
};
