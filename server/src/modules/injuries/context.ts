import type { Clock } from '@custodia/domain';
import type { Db, Tx } from '../../platform/db/database.ts';
import type { FileStorage } from '../../platform/storage/storage.ts';
import type { AuditActor, AuditService } from '../audit/index.ts';
import type { ScreeningService } from '../clinical/index.ts';
/** What every use case of the injuries module is built with (the composition root hands it down). */
import type { ForceService } from '../force/index.ts';
import type { IdentityService, Viewer } from '../identity/index.ts';
import type { RegistryService } from '../registry/index.ts';
import type { RequestsService } from '../requests/index.ts';

export interface InjuriesDeps {
  db: Db;
  clock: Clock;
  /** The deployment's zone, for an institution without one of its own. */
  timeZone: string;
  storage: FileStorage;
  audit: AuditService;
  registry: RegistryService;
  identity: IdentityService;
  /** The admission screening's injury section (issue 18 item 3; ADR 0035). */
  screening: Pick<ScreeningService, 'screeningInjuries' | 'screeningRate'>;
  /** RST-11: an examination after a use of force is done with the record made from it (ADR 0036). */
  force: Pick<ForceService, 'examinationResult'>;
  /** INJ-4: the examination an allegation called for is done with the record (ADR 0038). */
  requests: Pick<RequestsService, 'allegationExamined'>;
}

export const injuriesRules = {
  message: 'The injury documentation rules do not allow this; see the field errors.',
} as const;

/** Whether a viewer works where the record is (national roles everywhere). */
export const inScope = (viewer: Pick<Viewer, 'institutionIds' | 'national'>, institutionId: string) =>
  viewer.national || viewer.institutionIds.includes(institutionId);

/**
 * The institutions (zone and name), read before a transaction opens: the registry reads them on its
 * own connection, which SQLite's single connection cannot give inside one.
 */
export async function institutionsOf(deps: InjuriesDeps) {
  const list = await deps.registry.listInstitutions();
  const byId = new Map(list.map((i) => [i.id, i]));
  return {
    zone: (id: string | null) => (id ? byId.get(id)?.timeZone : undefined) ?? deps.timeZone,
    get: (id: string) => byId.get(id),
  };
}

/**
 * MED-1: the person, scope-checked (break-the-glass included), and the clinical audit record of this
 * access, in the caller's transaction.
 */
export async function clinicalAccess(
  deps: InjuriesDeps,
  tx: Tx,
  viewer: Viewer,
  actor: AuditActor,
  personId: string,
  entry: {
    action: Parameters<AuditService['record']>[2]['action'];
    resourceType: string;
    resourceId?: string;
  },
) {
  const person = await deps.registry.personForViewer(tx, viewer, personId);
  await deps.audit.record(tx, actor, {
    action: entry.action,
    dataClass: 'clinical',
    outcome: 'allowed',
    purpose: deps.registry.inNormalScope(viewer, person) ? 'normal' : 'break_glass',
    resourceType: entry.resourceType,
    resourceId: entry.resourceId ?? personId,
    personId,
  });
  return person;
}
