import type { ServerModule } from '../../platform/module.ts';
import type { Services } from '../../services.ts';
import type { AuditServices } from '../audit/index.ts';
import type { ClinicalServices } from '../clinical/index.ts';
import type { IdentityServices } from '../identity/index.ts';
import type { MedicationServices } from '../medication/index.ts';
import type { RegistryServices } from '../registry/index.ts';
import { programmesFhirResources, programmesIpsSections } from './fhir.ts';
import { resistanceHousingGuard } from './housing.ts';
import * as m0041 from './migrations/0041_programmes.ts';
import * as m0046 from './migrations/0046_pep_hepb_vaccination.ts';
import { pepFhirResources, pepIpsSections } from './pep-fhir.ts';
import { pepRoutes } from './pep-routes.ts';
import { programmesRoutes } from './routes.ts';
import { programmesSeed } from './seed.ts';
import { createProgrammesService, type ProgrammesService } from './service.ts';

export type { ProgrammesService } from './service.ts';

export interface ProgrammesServices {
  /** Programme registers (issue 16; ADR 0044): TB episodes, tests, contacts, cohorts. */
  programmes: ProgrammesService;
}

type ProgrammesNeeds = AuditServices &
  RegistryServices &
  IdentityServices &
  ClinicalServices &
  MedicationServices;

export const programmesModule: ServerModule<ProgrammesServices, ProgrammesNeeds> = {
  name: 'programmes',
  migrations: { '0041_programmes': m0041, '0046_pep_hepb_vaccination': m0046 },
  needs: ['audit', 'registry', 'identity', 'clinical', 'medication'],
  build: ({ database, clock, config }, { audit, registry, screening, alerts, clinical }) => {
    const programmes = createProgrammesService({
      db: database.db,
      clock,
      timeZone: config.timeZone,
      audit,
      registry,
      screening,
      alerts,
      allergies: clinical.allergySubstances,
    });
    // TB-4: a transfer out during treatment opens the outcome-return task, in the event's transaction.
    registry.onCustodyEvent(async (tx, notice) => {
      if (notice.type === 'transfer_out')
        await programmes.onTransferOut(tx, notice.personId, notice.occurredAt);
    });
    return { programmes };
  },
  routes: (services: Services) => [programmesRoutes(services), pepRoutes(services)],
  seed: programmesSeed,
  worklist: ({ programmes }) => [programmes.worklist, programmes.pepWorklist],
  fhirResources: ({ programmes }) => [...programmesFhirResources(programmes), ...pepFhirResources()],
  ipsSections: ({ programmes }) => [...programmesIpsSections(programmes), ...pepIpsSections()],
  personAlerts: ({ programmes }) => [
    { module: 'programmes', inForce: (executor, ids) => programmes.inForce(executor, ids) },
  ],
  // ADM-6 airborne isolation, then PHC-7 housing by drug-resistance profile (ADR 0050).
  placementGuards: ({ programmes }) => [programmes.placementGuard, resistanceHousingGuard],
};
