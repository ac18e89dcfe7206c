import type { Clock } from '@custodia/domain';
import type { Db } from '../../platform/db/database.ts';
import type { AuditService } from '../audit/index.ts';
import type { ClinicalServices, ScreeningService } from '../clinical/index.ts';
import type { IdentityService, Viewer } from '../identity/index.ts';
import type { RegistryService } from '../registry/index.ts';
import type { RequestsService } from '../requests/index.ts';

/** What every part of the mental-health service is built with (the composition root hands it down). */
export interface MentalhealthDeps {
  db: Db;
  clock: Clock;
  /** The institutions' zone: same-day deadlines (MHT-2) and the report's months are counted in it. */
  timeZone: string;
  audit: AuditService;
  registry: RegistryService;
  identity: IdentityService;
  /** ADM-9: the screening's open `mental_health_referral` tasks, read through its service. */
  screening: ScreeningService;
  /** ICD-10 working diagnoses, looked up in the clinical module's terminology. */
  terminology: ClinicalServices['terminology'];
  /** MED-5: the confidential request a self-referral came from. */
  requests: RequestsService;
  /** DAT-6: counts below this are suppressed for readers outside health care. */
  smallCellThreshold: number;
}

/** Whether a viewer works where the record is (national roles everywhere). */
export const inScope = (viewer: Pick<Viewer, 'institutionIds' | 'national'>, institutionId: string) =>
  viewer.national || viewer.institutionIds.includes(institutionId);

/** The institutions a viewer's list covers: the one asked for, if in scope (null: every one). */
export function scopeOf(
  viewer: Pick<Viewer, 'institutionIds' | 'national'>,
  institutionId: string | undefined,
): string[] | null {
  if (institutionId) return inScope(viewer, institutionId) ? [institutionId] : [];
  return viewer.national ? null : viewer.institutionIds;
}

export const PAGE_LIMIT = 50;
