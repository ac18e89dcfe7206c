import type { Clock } from '@custodia/domain';
import type { Db, Executor } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import type { AuditService } from '../audit/index.ts';
import type { IdentityService, Viewer } from '../identity/index.ts';
import type { RegistryService } from '../registry/index.ts';
import type { RestraintService } from '../restraint/index.ts';
import type { ForceIncidentTable } from './tables.ts';

/** What every part of the use-of-force service is built with (the composition root hands it down). */
export interface ForceDeps {
  db: Db;
  clock: Clock;
  /** The deployment's zone: the register's months are counted in the institution's zone, else this. */
  timeZone: string;
  audit: AuditService;
  registry: RegistryService;
  identity: IdentityService;
  restraint: Pick<RestraintService, 'episodeSummaries'>;
}

export type Scope = Pick<Viewer, 'institutionIds' | 'national'>;

/** Whether a viewer works where the incident is (national roles everywhere). */
export const inScope = (viewer: Scope, institutionId: string) =>
  viewer.national || viewer.institutionIds.includes(institutionId);

/** The incident, or undefined. */
export function incidentRow(executor: Executor, id: string) {
  return executor.selectFrom('force_incident').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The incident, or 404 when it is missing or out of the viewer's scope (answered alike). */
export function inScopeOr404(row: ForceIncidentTable | undefined, viewer: Scope): ForceIncidentTable {
  if (!row || !inScope(viewer, row.institution_id)) throw notFound('No such use of force.');
  return row;
}

/** The people and staff of incidents, their accounts, reviews and examinations: one query per kind. */
export async function entriesOf(executor: Executor, ids: readonly string[]) {
  if (!ids.length) return { persons: [], staff: [], accounts: [], reviews: [], examinations: [] };
  const list = [...new Set(ids)];
  const persons = await executor
    .selectFrom('force_incident_person')
    .selectAll()
    .where('incident_id', 'in', list)
    .execute();
  const staff = await executor
    .selectFrom('force_incident_staff')
    .selectAll()
    .where('incident_id', 'in', list)
    .execute();
  const accounts = await executor
    .selectFrom('force_account')
    .selectAll()
    .where('incident_id', 'in', list)
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
  const reviews = await executor
    .selectFrom('force_review')
    .selectAll()
    .where('incident_id', 'in', list)
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
  const examinations = await executor
    .selectFrom('force_examination')
    .selectAll()
    .where('incident_id', 'in', list)
    .execute();
  return { persons, staff, accounts, reviews, examinations };
}

/** The governor's standing decision: the latest review with a decision (X-2: reviews are appended). */
export function standingDecision(reviews: readonly { decision: string | null }[]): string | null {
  for (let i = reviews.length - 1; i >= 0; i--) {
    const decision = reviews[i]?.decision;
    if (decision) return decision;
  }
  return null;
}
