import { existsSync } from 'node:fs';
import type { ServerModule } from '../../platform/module.ts';
import type { AuditServices } from '../audit/index.ts';
import type { ClinicalServices } from '../clinical/index.ts';
import type { IdentityServices } from '../identity/index.ts';
import type { RegistryServices } from '../registry/index.ts';
import { medicationFhirResources } from './fhir.ts';
import { medicationIpsSection } from './ips.ts';
import * as m0031 from './migrations/0031_medication.ts';
import * as m0037 from './migrations/0037_pharmacy.ts';
import * as m0042 from './migrations/0042_medication_orders.ts';
import * as m0043 from './migrations/0043_medication_rounds.ts';
import * as m0051 from './migrations/0051_release_from_registry.ts';
import * as m0052 from './migrations/0052_prescriptions_by_end.ts';
import { ordersRoutes } from './orders-routes.ts';
import { pharmacyRoutes } from './pharmacy/routes.ts';
import { roundExtrasRoutes } from './rounds/routes.ts';
import { medicationRoutes } from './routes.ts';
import { medicationSeed } from './seed.ts';
import { createMedicationService, type MedicationService } from './service.ts';
import { medicationWorklist } from './worklist.ts';

export type { MedicationService } from './service.ts';

export interface MedicationServices {
  /** Medication (issue 15, first slice; ADR 0027): formulary, prescriptions, the dose round. */
  medication: MedicationService;
}

type MedicationNeeds = AuditServices &
  RegistryServices &
  IdentityServices &
  Pick<ClinicalServices, 'clinical' | 'screening'>;

export const medicationModule: ServerModule<MedicationServices, MedicationNeeds> = {
  name: 'medication',
  migrations: {
    '0031_medication': m0031,
    '0037_pharmacy': m0037,
    '0042_medication_orders': m0042,
    '0043_medication_rounds': m0043,
    '0051_release_from_registry': m0051,
    '0052_prescriptions_by_end': m0052,
  },
  needs: ['audit', 'registry', 'identity', 'clinical'],
  build: ({ database, clock, config }, { audit, registry, identity, clinical, screening }) => ({
    medication: createMedicationService({
      db: database.db,
      clock,
      audit,
      registry,
      identity,
      clinical,
      timeZone: config.timeZone,
      thresholds: screening.thresholdValues,
    }),
  }),
  routes: ({ medication }) => [
    medicationRoutes({ medication }),
    pharmacyRoutes({ medication }),
    ordersRoutes({ medication }),
    roundExtrasRoutes({ rounds: medication.rounds, possession: medication.possession }),
  ],
  seed: medicationSeed,
  worklist: ({ medication }) => [medicationWorklist(medication)],
  chartSections: ({ medication }) => [medication.chartSection],
  fhirResources: ({ medication }) => medicationFhirResources(medication.clock),
  ipsSections: ({ medication }) => [medicationIpsSection(medication.clock)],
  commands: [
    {
      // Issue 15: the WHO ATC index from a CSV file, in one transaction.
      command: 'terminology import-atc',
      args: 'FILE',
      async run({ medication }, args) {
        const file = args[0];
        if (!file || args.length > 1) throw new Error('usage: custodia terminology import-atc FILE');
        if (!existsSync(file)) throw new Error(`no such file: ${file}`);
        const { codes } = await medication.importAtc(file);
        return `imported ${codes} ATC codes from ${file}`;
      },
    },
  ],
};
export * as programmeApi from './programme-api.ts';
