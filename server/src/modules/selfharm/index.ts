import { rescreenPromptFor, segregationPromptFor } from '@custodia/domain';
import { createLiveChannel, type LiveChannel } from '../../platform/http/live.ts';
import type { ServerModule } from '../../platform/module.ts';
import type { Services } from '../../services.ts';
import type { AuditServices } from '../audit/index.ts';
import type { IdentityServices } from '../identity/index.ts';
import type { RegistryServices } from '../registry/index.ts';
import type { SegregationServices } from '../segregation/index.ts';
import { selfharmFhirResources } from './fhir.ts';
import * as m0038 from './migrations/0038_self_harm.ts';
import * as m0048 from './migrations/0048_selfharm_bad_news.ts';
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

type SelfharmNeeds = AuditServices & RegistryServices & IdentityServices & SegregationServices;

export const selfharmModule: ServerModule<SelfharmServices, SelfharmNeeds> = {
  name: 'selfharm',
  migrations: { '0038_self_harm': m0038, '0048_selfharm_bad_news': m0048 },
  needs: ['audit', 'registry', 'identity', 'segregation'],
  build: ({ config, database, clock }, { audit, registry, identity, segregation }) => {
    const selfharmLive = createLiveChannel(database, 'custodia_selfharm');
    const selfharm = createSelfharmService({
      db: database.db,
      clock,
      timeZone: config.timeZone,
      audit,
      registry,
      identity,
      live: selfharmLive,
      // MHS-4 (ADR 0051): the weeks before release, from the registry's planned release date.
      releases: {
        plannedReleasesBetween: async (executor, from, to, institutionIds) =>
          (await registry.plannedReleases(executor, { institutionIds, from, to })).map((r) => ({
            personId: r.personId,
            institutionId: r.institutionId,
            plannedRelease: r.plannedReleaseDate,
          })),
      },
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
    // MHS-4: placement in segregation or solitary prompts a re-screening within 24 h, in the
    // placement's own transaction (the segregation service tells us; its tables stay its own).
    segregation.onPlacementStarted(async (tx, notice) => {
      await selfharm.promptFromCustodyEvent(
        tx,
        {
          personId: notice.personId,
          eventId: notice.placementId,
          institutionId: notice.institutionId,
          occurredAt: notice.startedAt,
        },
        segregationPromptFor(notice.startedAt),
      );
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
