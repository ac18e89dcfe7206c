import { auditModule } from './modules/audit/index.ts';
import { clinicalModule } from './modules/clinical/index.ts';
import { deathsModule } from './modules/deaths/index.ts';
import { forceModule } from './modules/force/index.ts';
import { hungerstrikeModule } from './modules/hungerstrike/index.ts';
import { identityModule } from './modules/identity/index.ts';
import { injuriesModule } from './modules/injuries/index.ts';
import { medicationModule } from './modules/medication/index.ts';
import { mentalhealthModule } from './modules/mentalhealth/index.ts';
import { programmesModule } from './modules/programmes/index.ts';
import { registryModule } from './modules/registry/index.ts';
import { requestsModule } from './modules/requests/index.ts';
import { restraintModule } from './modules/restraint/index.ts';
import { segregationModule } from './modules/segregation/index.ts';
import { selfharmModule } from './modules/selfharm/index.ts';
import { worklistModule } from './modules/worklist/index.ts';
import type { ServerModule } from './platform/module.ts';
import { platformModule } from './platform/platform-module.ts';

/**
 * Every server module, in dependency order: a module comes after those whose services it needs. The
 * composition root, the migrations, the demo seed and the app iterate this list (ADR 0020). A new
 * module adds one line here, and its tables to `ModuleTables` in `tables.ts`.
 */
export const serverModules: readonly ServerModule[] = [
  platformModule,
  auditModule,
  registryModule,
  identityModule,
  clinicalModule,
  restraintModule,
  segregationModule,
  medicationModule,
  forceModule,
  deathsModule,
  requestsModule,
  injuriesModule,
  mentalhealthModule,
  hungerstrikeModule,
  selfharmModule,
  programmesModule,
  worklistModule,
];
