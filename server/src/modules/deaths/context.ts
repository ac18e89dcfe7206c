import type { Clock } from '@custodia/domain';
import type { Db, Executor } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import type { FileStorage } from '../../platform/storage/storage.ts';
import type { AuditService } from '../audit/index.ts';
import type { DocumentService } from '../clinical/index.ts';
import type { IdentityService, Viewer } from '../identity/index.ts';
import type { RegistryService } from '../registry/index.ts';
import type { DeathEventTable } from './tables.ts';

/** What every part of the deaths service is built with (the composition root hands it down). */
export interface DeathsDeps {
  db: Db;
  clock: Clock;
  /** The deployment's zone, for an institution that names none. */
  timeZone: string;
  storage: FileStorage;
  audit: AuditService;
  registry: RegistryService;
  identity: IdentityService;
  documents: DocumentService;
}

export const inScope = (viewer: Pick<Viewer, 'institutionIds' | 'national'>, institutionId: string) =>
  viewer.national || viewer.institutionIds.includes(institutionId);

/** The event, or 404 when it is missing or out of the viewer's scope (answered alike). */
export async function eventInScope(
  executor: Executor,
  id: string,
  viewer: Pick<Viewer, 'institutionIds' | 'national'>,
): Promise<DeathEventTable> {
  const row = await executor.selectFrom('death_event').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !inScope(viewer, row.institution_id)) throw notFound('No such event.');
  return row;
}

/**
 * The institution's zone (Asia/Baku for the pilots), the deployment's when unknown. Read outside any
 * transaction (the registry reads it on its own connection): call it before `inTransaction`.
 */
export async function zoneOf(deps: DeathsDeps, institutionId: string) {
  return (await zones(deps))(institutionId);
}

/** Every institution's zone and name, read once before a transaction. */
export async function zones(deps: DeathsDeps) {
  const all = await deps.registry.listInstitutions();
  return (institutionId: string) => {
    const institution = all.find((i) => i.id === institutionId);
    return { timeZone: institution?.timeZone ?? deps.timeZone, name: institution?.name ?? null };
  };
}
