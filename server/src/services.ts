import { type Clock, systemClock } from '@custodia/domain';
import { type AuditService, createAuditService } from './modules/audit/service.ts';
import { type AlertService, createAlertService } from './modules/clinical/alerts.ts';
import { createDocumentService, type DocumentService } from './modules/clinical/documents.ts';
import { createScreeningService, type ScreeningService } from './modules/clinical/screening.ts';
import { type ClinicalService, createClinicalService } from './modules/clinical/service.ts';
import { createTerminologyService, type TerminologyService } from './modules/clinical/terminology.ts';
import {
  type BreakGlassService,
  breakGlassWorklist,
  createBreakGlassService,
} from './modules/identity/break-glass.ts';
import { createIdentityService, type IdentityService } from './modules/identity/service.ts';
import { createRegistryService, type RegistryService } from './modules/registry/service.ts';
import { registryWorklist } from './modules/registry/worklist.ts';
import { createLiveChannel, type LiveChannel } from './modules/restraint/live.ts';
import { createRestraintService, type RestraintService } from './modules/restraint/service.ts';
import { restraintWorklist } from './modules/restraint/worklist.ts';
import type { WorklistContributor } from './modules/worklist/contributors.ts';
import type { Config } from './platform/config.ts';
import type { DatabaseHandle } from './platform/db/database.ts';
import { createFileSystemStorage, type FileStorage } from './platform/storage/storage.ts';

/**
 * The composition root: every service is built once here and handed down. Tests build the same
 * graph over a fresh database. A module reaches another module only through its service.
 */
export interface Services {
  config: Config;
  database: DatabaseHandle;
  clock: Clock;
  /** Binary files (photos, documents), kept beside the database. */
  storage: FileStorage;
  audit: AuditService;
  identity: IdentityService;
  registry: RegistryService;
  breakGlass: BreakGlassService;
  /** The medical record (MED-1), admission screening (ADM-*), health alerts (MED-3), ICD-10. */
  clinical: ClinicalService;
  screening: ScreeningService;
  alerts: AlertService;
  terminology: TerminologyService;
  documents: DocumentService;
  /** Restraint and seclusion (RST-*), and the news channel of its live boards. */
  restraint: RestraintService;
  restraintLive: LiveChannel;
  /** The home worklist's contributors, one per module. */
  worklist: WorklistContributor[];
}

export function buildServices(
  config: Config,
  database: DatabaseHandle,
  clock: Clock = systemClock,
): Services {
  const audit = createAuditService(database.db, database.dialect, clock);
  const storage = createFileSystemStorage(config.storageDir);
  const identity = createIdentityService(database.db, clock, audit, { production: config.production });
  const registry = createRegistryService(database.db, clock, audit, storage);
  const breakGlass = createBreakGlassService(database.db, clock, audit, registry, {
    minutes: config.breakGlassMinutes,
    perDay: config.breakGlassPerDay,
  });
  const clinical = createClinicalService(database.db, clock, audit, registry);
  const screening = createScreeningService(database.db, clock, audit, registry);
  const alerts = createAlertService(database.db, clock, audit, registry);
  const terminology = createTerminologyService(database.db, clock);
  const documents = createDocumentService(database.db, clock, audit, registry, storage, config.timeZone);
  const restraintLive = createLiveChannel(database);
  const restraint = createRestraintService(
    database.db,
    clock,
    audit,
    registry,
    identity,
    screening,
    restraintLive,
  );
  const worklist = [
    registryWorklist(registry),
    screening.worklist,
    alerts.worklist,
    restraintWorklist(restraint),
    breakGlassWorklist(breakGlass),
  ];
  return {
    config,
    database,
    clock,
    storage,
    audit,
    identity,
    registry,
    breakGlass,
    clinical,
    screening,
    alerts,
    terminology,
    documents,
    restraint,
    restraintLive,
    worklist,
  };
}
