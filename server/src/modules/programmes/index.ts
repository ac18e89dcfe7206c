import type { ServerModule } from '../../platform/module.ts';
import type { Services } from '../../services.ts';
import type { AuditServices } from '../audit/index.ts';
import type { ClinicalServices } from '../clinical/index.ts';
import type { IdentityServices } from '../identity/index.ts';
import type { MedicationServices } from '../medication/index.ts';
import type { RegistryServices } from '../registry/index.ts';
import { type BbvService, createBbvService } from './bbv.ts';
import { bbvFhirResources, bbvIpsSections } from './bbv-fhir.ts';
import { bbvRoutes } from './bbv-routes.ts';
import { programmesFhirResources, programmesIpsSections } from './fhir.ts';
import { createHcvLetter } from './hcv-letter.ts';
import { resistanceHousingGuard } from './housing.ts';
import * as m0041 from './migrations/0041_programmes.ts';
import * as m0045 from './migrations/0045_blood_borne.ts';
import * as m0046 from './migrations/0046_pep_hepb_vaccination.ts';
import * as m0050 from './migrations/0050_sti_by_risk.ts';
import * as m0053 from './migrations/0053_cascade_indexes.ts';
import * as m0054 from './migrations/0054_staff_tb_screening.ts';
import { pepFhirResources, pepIpsSections } from './pep-fhir.ts';
import { pepRoutes } from './pep-routes.ts';
import { programmesRoutes } from './routes.ts';
import { programmesSeed } from './seed.ts';
import { createProgrammesService, type ProgrammesService } from './service.ts';
import { createStiService, type StiService } from './sti.ts';
import { stiRoutes } from './sti-routes.ts';

export type { ProgrammesService } from './service.ts';

export interface ProgrammesServices {
  /** Programme registers (issue 16; ADR 0044): TB episodes, tests, contacts, cohorts. */
  programmes: ProgrammesService;
  /** HIV, hepatitis B/C and syphilis (issue 16 item 4; ADR 0048): offers, restricted results, cascades. */
  programmesBbv: BbvService;
  /** Chlamydia and gonorrhoea by risk, the hepatitis B prompt, the hepatitis C referral letter (ADR 0054). */
  programmesSti: StiService & { hcvLetter: ReturnType<typeof createHcvLetter> };
}

type ProgrammesNeeds = AuditServices &
  RegistryServices &
  IdentityServices &
  ClinicalServices &
  MedicationServices;

export const programmesModule: ServerModule<ProgrammesServices, ProgrammesNeeds> = {
  name: 'programmes',
  migrations: {
    '0041_programmes': m0041,
    '0045_blood_borne': m0045,
    '0046_pep_hepb_vaccination': m0046,
    '0050_sti_by_risk': m0050,
    '0053_cascade_indexes': m0053,
    '0054_staff_tb_screening': m0054,
  },
  needs: ['audit', 'registry', 'identity', 'clinical', 'medication'],
  build: ({ database, clock, config }, { audit, registry, screening, alerts, clinical, identity }) => {
    const programmes = createProgrammesService({
      db: database.db,
      clock,
      timeZone: config.timeZone,
      audit,
      registry,
      screening,
      alerts,
      allergies: clinical.allergySubstances,
      displayNames: (executor, ids) => identity.displayNames(executor, ids),
    });
    // TB-4: a transfer out during treatment opens the outcome-return task, in the event's transaction.
    const bbvDeps = {
      db: database.db,
      clock,
      timeZone: config.timeZone,
      audit,
      registry,
      screening,
      alerts,
      thresholds: screening.thresholdValues,
      allergies: clinical.allergySubstances,
      displayNames: (executor: Parameters<typeof identity.displayNames>[0], ids: readonly string[]) =>
        identity.displayNames(executor, ids),
    };
    const programmesBbv = createBbvService(bbvDeps);
    const programmesSti = { ...createStiService(bbvDeps), hcvLetter: createHcvLetter(bbvDeps) };
    registry.onCustodyEvent(async (tx, notice) => {
      if (notice.type === 'transfer_out')
        await programmes.onTransferOut(tx, notice.personId, notice.occurredAt);
      // BBV-1: every admission opens the HIV, hepatitis and syphilis test offer.
      if (notice.type === 'admission' && notice.institutionId) {
        await programmesBbv.onAdmission(tx, notice.personId, notice.institutionId, notice.occurredAt);
        // ADM-7, WOM-3: and the STI risk assessment (ADR 0054).
        await programmesSti.onAdmission(tx, notice.personId, notice.institutionId, notice.occurredAt);
      }
    });
    return { programmes, programmesBbv, programmesSti };
  },
  routes: (services: Services) => [
    programmesRoutes(services),
    pepRoutes(services),
    bbvRoutes(services),
    stiRoutes(services),
  ],
  seed: programmesSeed,
  worklist: ({ programmes, programmesBbv, programmesSti }) => [
    programmes.worklist,
    programmes.pepWorklist,
    programmesBbv.worklist,
    programmesSti.worklist,
  ],
  fhirResources: ({ programmes, programmesBbv }) => [
    ...programmesFhirResources(programmes),
    ...pepFhirResources(programmes.displayNames),
    ...bbvFhirResources(programmesBbv),
  ],
  // The IPS order: the TB history, immunizations (ADR 0049), blood-borne infections (ADR 0048).
  ipsSections: ({ programmes, programmesBbv }) => [
    ...programmesIpsSections(programmes),
    ...pepIpsSections(programmes.displayNames),
    ...bbvIpsSections(programmesBbv),
  ],
  personAlerts: ({ programmes }) => [
    { module: 'programmes', inForce: (executor, ids) => programmes.inForce(executor, ids) },
  ],
  // ADM-6 airborne isolation, then PHC-7 housing by drug-resistance profile (ADR 0050).
  placementGuards: ({ programmes }) => [programmes.placementGuard, resistanceHousingGuard],
};
