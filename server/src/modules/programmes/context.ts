import type { Clock } from '@custodia/domain';
import type { Db, Executor, Tx } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import type { AuditAction, AuditActor, AuditService } from '../audit/index.ts';
import type { ClinicalServices } from '../clinical/index.ts';
import type { IdentityService, Viewer } from '../identity/index.ts';
import type { RegistryService } from '../registry/index.ts';
import type { ProgrammeEpisodeTable } from './tables.ts';

/** What every part of the programmes service is built with (the composition root hands it down). */
export interface ProgrammesDeps {
  db: Db;
  clock: Clock;
  timeZone: string;
  audit: AuditService;
  registry: RegistryService;
  /** Presumptive TB from the admission screening: its open `tb_diagnostic` tasks (ADM-6). */
  screening: Pick<ClinicalServices['screening'], 'openTasks'> &
    Partial<Pick<ClinicalServices['screening'], 'thresholdValues'>>;
  /** The medical record's recorded allergies: the regimen goes through medication's allergy check. */
  allergies: ClinicalServices['clinical']['allergySubstances'];
  /** The airborne alerts the medical record raised (ADM-6), for the placement guard. */
  alerts: Pick<ClinicalServices['alerts'], 'inForce'>;
  /** Staff display names by user id (identity's; who gave a vaccine dose). */
  displayNames: IdentityService['displayNames'];
}

/** The module's name for `ruleRefused` (ADR 0021): the generic code, the rule in the fields. */
export const programmeRules = {
  message: 'The programme rules do not allow this; see the field errors.',
} as const;

/**
 * The person if the viewer reaches them (404 otherwise), and the audit record of the access in the
 * same transaction, as the medical record does.
 */
export function personAccess(deps: ProgrammesDeps) {
  return async function access(
    tx: Tx,
    viewer: Viewer,
    actor: AuditActor,
    personId: string,
    entry: { action: AuditAction; resourceType: string; resourceId?: string | null },
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
  };
}

export async function episodeRow(executor: Executor, id: string): Promise<ProgrammeEpisodeTable> {
  const row = await executor
    .selectFrom('programme_episode')
    .selectAll()
    .where('id', '=', id)
    // The TB commands' episodes; the blood-borne ones are bbv.ts's, restricted (ADR 0048).
    .where('programme', '=', 'tb')
    .executeTakeFirst();
  if (!row) throw notFound('No such episode.');
  return row;
}

/** The scope of a viewer over institutions: null = every institution (national roles). */
export function scopeOf(viewer: Pick<Viewer, 'institutionIds' | 'national'>, institutionId?: string | null) {
  if (viewer.national) return institutionId ? [institutionId] : null;
  if (institutionId) return viewer.institutionIds.includes(institutionId) ? [institutionId] : [];
  return viewer.institutionIds;
}
