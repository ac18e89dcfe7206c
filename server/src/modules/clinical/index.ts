import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createKeptRead } from '../../platform/db/kept-read.ts';
import type { ServerModule } from '../../platform/module.ts';
import type { Services } from '../../services.ts';
import type { AuditServices } from '../audit/index.ts';
import type { IdentityServices } from '../identity/index.ts';
import type { RegistryServices } from '../registry/index.ts';
import { type AlertService, createAlertService } from './alerts.ts';
import { createDocumentService, type DocumentService } from './documents.ts';
import { clinicalFhirResources, clinicalIpsSections } from './fhir.ts';
import * as m0007 from './migrations/0007_clinical.ts';
import * as m0012 from './migrations/0012_clinical_indexes.ts';
import * as m0013 from './migrations/0013_clinical_correction_kind.ts';
import * as m0020 from './migrations/0020_observation_checks.ts';
import * as m0021 from './migrations/0021_screening_vitals_allergies.ts';
import * as m0049 from './migrations/0049_encounter_drafts_by_author.ts';
import * as m0055 from './migrations/0055_encounters_by_type.ts';
import { clinicalRoutes } from './routes.ts';
import {
  createScreeningService,
  type ScreeningService,
  screeningTaskKinds,
  thresholdsInForce,
} from './screening.ts';
import { clinicalSeed } from './seed.ts';
import { type ClinicalService, createClinicalService } from './service.ts';
import { createTerminologyService, type TerminologyService } from './terminology.ts';

export type { AlertService } from './alerts.ts';
export type { DocumentService } from './documents.ts';
export type { ScreeningService } from './screening.ts';

export interface ClinicalServices {
  /** The medical record (MED-1), admission screening (ADM-*), health alerts (MED-3), ICD-10. */
  clinical: ClinicalService;
  screening: ScreeningService;
  alerts: AlertService;
  terminology: TerminologyService;
  documents: DocumentService;
}

export const clinicalModule: ServerModule<
  ClinicalServices,
  AuditServices & RegistryServices & IdentityServices
> = {
  name: 'clinical',
  migrations: {
    '0007_clinical': m0007,
    '0012_clinical_indexes': m0012,
    '0013_clinical_correction_kind': m0013,
    '0020_observation_checks': m0020,
    '0021_screening_vitals_allergies': m0021,
    '0049_encounter_drafts_by_author': m0049,
    '0055_encounters_by_type': m0055,
  },
  needs: ['audit', 'registry', 'identity'],
  build: ({ config, database, clock, storage, contributions }, { audit, registry, identity }) => ({
    clinical: createClinicalService(database.db, clock, audit, registry, identity, contributions),
    screening: createScreeningService(
      database.db,
      clock,
      audit,
      registry,
      contributions,
      createKeptRead(database, 'custodia_thresholds', thresholdsInForce),
    ),
    alerts: createAlertService(database.db, clock, audit, registry),
    terminology: createTerminologyService(database.db, clock),
    documents: createDocumentService(database.db, clock, audit, registry, identity, storage, config.timeZone),
  }),
  routes: (services: Services) => [clinicalRoutes(services)],
  seed: clinicalSeed,
  worklist: ({ clinical, screening, alerts }) => [
    screening.worklist,
    alerts.worklist,
    clinical.signingWorklist,
  ],
  fhirResources: () => clinicalFhirResources,
  ipsSections: () => clinicalIpsSections,
  taskKinds: screeningTaskKinds,
  personAlerts: ({ alerts }) => [
    { module: 'clinical', inForce: (executor, ids) => alerts.inForce(executor, ids) },
  ],
  commands: [
    {
      command: 'terminology import-claml',
      args: 'FILE [--language az|en|ru]',
      async run({ terminology }, args, progress) {
        const { positionals, values } = parseArgs({
          args,
          allowPositionals: true,
          options: { language: { type: 'string' } },
        });
        const file = positionals[0];
        const usage = 'usage: custodia terminology import-claml FILE [--language az|en|ru]';
        if (!file || positionals.length > 1) throw new Error(usage);
        if (values.language && !['az', 'en', 'ru'].includes(values.language)) throw new Error(usage);
        if (!existsSync(file)) throw new Error(`no such file: ${file}`);
        const { classes } = await terminology.importClaml(file, {
          ...(values.language ? { language: values.language } : {}),
          onProgress: (n) => progress(`${n} codes read`),
        });
        return `imported ${classes} ICD-10 codes from ${file}`;
      },
    },
  ],
};
