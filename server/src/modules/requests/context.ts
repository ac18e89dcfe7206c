import type { Clock } from '@custodia/domain';
import type { Db } from '../../platform/db/database.ts';
import type { AuditService } from '../audit/index.ts';
import type { IdentityService, Viewer } from '../identity/index.ts';
import type { RegistryService } from '../registry/index.ts';

/** What every part of the requests service is built with (the composition root hands it down). */
export interface RequestsDeps {
  db: Db;
  clock: Clock;
  /** The institutions' time zone: the same-day triage and the answer deadlines are counted in it. */
  timeZone: string;
  audit: AuditService;
  registry: RegistryService;
  identity: IdentityService;
  /** DAT-6: counts below this are suppressed for non-clinical readers of the registers. */
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

/** The default and largest page of a list. */
export const PAGE_LIMIT = 50;
