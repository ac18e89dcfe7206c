import { createLiveChannel, type LiveChannel } from '../../platform/http/live.ts';
import type { ServerModule } from '../../platform/module.ts';
import type { Services } from '../../services.ts';
import type { AuditServices } from '../audit/index.ts';
import type { ClinicalServices } from '../clinical/index.ts';
import type { IdentityServices } from '../identity/index.ts';
import type { RegistryServices } from '../registry/index.ts';
import { restraintChartSection } from './chart.ts';
import * as m0011 from './migrations/0011_restraint.ts';
import * as m0014 from './migrations/0014_restraint_indexes.ts';
import * as m0015 from './migrations/0015_restraint_supervision_position.ts';
import * as m0016 from './migrations/0016_restraint_corrections_partial_index.ts';
import * as m0017 from './migrations/0017_restraint_open_episode.ts';
import { restraintRoutes } from './routes.ts';
import { restraintSeed } from './seed.ts';
import { createRestraintService, type RestraintService } from './service.ts';
import { restraintWorklist } from './worklist.ts';

export type { RestraintService } from './service.ts';

export interface RestraintServices {
  /** Restraint and seclusion (RST-*), and the news channel of its live boards. */
  restraint: RestraintService;
  restraintLive: LiveChannel;
}

type RestraintNeeds = AuditServices &
  RegistryServices &
  IdentityServices &
  Pick<ClinicalServices, 'screening' | 'alerts'>;

export const restraintModule: ServerModule<RestraintServices, RestraintNeeds> = {
  name: 'restraint',
  migrations: {
    '0011_restraint': m0011,
    '0014_restraint_indexes': m0014,
    '0015_restraint_supervision_position': m0015,
    '0016_restraint_corrections_partial_index': m0016,
    '0017_restraint_open_episode': m0017,
  },
  needs: ['audit', 'registry', 'identity', 'screening', 'alerts'],
  build: ({ database, clock }, { audit, registry, identity, screening, alerts }) => {
    const restraintLive = createLiveChannel(database);
    return {
      restraintLive,
      restraint: createRestraintService(
        database.db,
        clock,
        audit,
        registry,
        identity,
        screening,
        alerts,
        restraintLive,
      ),
    };
  },
  routes: (services: Services) => [restraintRoutes(services)],
  seed: restraintSeed,
  worklist: ({ restraint }) => [restraintWorklist(restraint)],
  chartSections: () => [restraintChartSection],
  // RST-11: health staff examine the person straight after any restraint or use of force.
  taskKinds: [
    {
      kind: 'post_restraint_examination',
      threshold: 'RST-11.examination_after_minutes',
      sourceRef: 'RST-11',
    },
  ],
};
