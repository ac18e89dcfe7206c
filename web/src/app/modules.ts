import { auditModule } from '../modules/audit/module.ts';
import { clinicalModule } from '../modules/clinical/module.ts';
import { deathsModule } from '../modules/deaths/module.ts';
import { forceModule } from '../modules/force/module.ts';
import { hungerstrikeModule } from '../modules/hungerstrike/module.ts';
import { identityModule } from '../modules/identity/module.ts';
import { injuriesModule } from '../modules/injuries/module.ts';
import { medicationModule } from '../modules/medication/module.ts';
import { mentalhealthModule } from '../modules/mentalhealth/module.ts';
import { platformModule } from '../modules/platform/module.ts';
import { programmesModule } from '../modules/programmes/module.ts';
import { registryModule } from '../modules/registry/module.ts';
import { requestsModule } from '../modules/requests/module.ts';
import { restraintModule } from '../modules/restraint/module.ts';
import { segregationModule } from '../modules/segregation/module.ts';
import { selfharmModule } from '../modules/selfharm/module.ts';
import type { AppModule } from './appModule.ts';

/** The modules of the web app, in the order of their navigation entries. */
export const modules: AppModule[] = [
  identityModule,
  auditModule,
  registryModule,
  clinicalModule,
  restraintModule,
  segregationModule,
  requestsModule,
  medicationModule,
  forceModule,
  deathsModule,
  injuriesModule,
  mentalhealthModule,
  hungerstrikeModule,
  selfharmModule,
  programmesModule,
  platformModule,
];
