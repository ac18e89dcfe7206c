import { type Clock, systemClock } from '@custodia/domain';
import type { AuditServices } from './modules/audit/index.ts';
import type { ClinicalServices } from './modules/clinical/index.ts';
import type { DeathsServices } from './modules/deaths/index.ts';
import type { ForceServices } from './modules/force/index.ts';
import type { HungerstrikeServices } from './modules/hungerstrike/index.ts';
import type { IdentityServices } from './modules/identity/index.ts';
import type { InjuriesServices } from './modules/injuries/index.ts';
import type { MedicationServices } from './modules/medication/index.ts';
import type { MentalhealthServices } from './modules/mentalhealth/index.ts';
import type { ProgrammesServices } from './modules/programmes/index.ts';
import type { RegistryServices } from './modules/registry/index.ts';
import type { RequestsServices } from './modules/requests/index.ts';
import type { RestraintServices } from './modules/restraint/index.ts';
import type { SegregationServices } from './modules/segregation/index.ts';
import type { SelfharmServices } from './modules/selfharm/index.ts';
import { serverModules } from './modules.ts';
import type { Config } from './platform/config.ts';
import type { WorklistContributor } from './platform/contributions.ts';
import type { DatabaseHandle } from './platform/db/database.ts';
import {
  buildModules,
  type Contributions,
  collectContributions,
  type ModuleContext,
} from './platform/module.ts';
import { createFileSystemStorage } from './platform/storage/storage.ts';

/**
 * The composition root: every service is built once here, module by module in the order of
 * `modules.ts`, and handed down. Tests build the same graph over a fresh database. A module reaches
 * another module only through its service.
 */
export interface Services
  extends ModuleContext,
    AuditServices,
    RegistryServices,
    IdentityServices,
    ClinicalServices,
    RestraintServices,
    SegregationServices,
    MedicationServices,
    ForceServices,
    DeathsServices,
    RequestsServices,
    InjuriesServices,
    MentalhealthServices,
    HungerstrikeServices,
    SelfharmServices,
    ProgrammesServices {
  /** The home worklist's contributors, from every module. */
  worklist: WorklistContributor[];
}

export function buildServices(
  config: Config,
  database: DatabaseHandle,
  clock: Clock = systemClock,
): Services {
  const contributions: Contributions = {
    worklist: [],
    chartSections: [],
    fhirResources: [],
    ipsSections: [],
    taskKinds: [],
    personAlerts: [],
    placementGuards: [],
  };
  const context: ModuleContext = {
    config,
    database,
    clock,
    storage: createFileSystemStorage(config.storageDir),
    contributions,
  };
  const built = buildModules(serverModules, context);
  collectContributions(serverModules, built, contributions);
  return { ...context, ...built, worklist: contributions.worklist } as Services;
}
