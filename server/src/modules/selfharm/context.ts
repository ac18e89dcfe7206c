import type { CareMap, Clock, ObservationMode, PlanFacts } from '@custodia/domain';
import type { Db } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import type { LiveChannel } from '../../platform/http/live.ts';
import type { AuditService } from '../audit/index.ts';
import type { IdentityService, Viewer } from '../identity/index.ts';
import type { RegistryService } from '../registry/index.ts';
import type { SelfharmIncidentTable, SelfharmPlanTable } from './tables.ts';

/** What every part of the self-harm service is built with (the composition root hands it down). */
export interface SelfharmDeps {
  db: Db;
  clock: Clock;
  timeZone: string;
  audit: AuditService;
  registry: RegistryService;
  identity: IdentityService;
  /** The ward check list's news channel (LISTEN/NOTIFY across replicas on PostgreSQL). */
  live: LiveChannel;
}

/** Whether a viewer works where the plan is (national roles everywhere). */
export const inScope = (viewer: Pick<Viewer, 'institutionIds' | 'national'>, institutionId: string) =>
  viewer.national || viewer.institutionIds.includes(institutionId);

/** The plan, or 404 when it is missing or out of the viewer's scope (answered alike). */
export function planInScope(
  row: SelfharmPlanTable | undefined,
  viewer: Pick<Viewer, 'institutionIds' | 'national'>,
): SelfharmPlanTable {
  if (!row || !inScope(viewer, row.institution_id)) throw notFound('No such care plan.');
  return row;
}

/** A care-map action as stored: where it came from (a review, a post-incident review), done or not. */
export interface StoredAction {
  text: string;
  owner: string;
  dueDate: string;
  doneAt: string | null;
  source: 'review' | 'post_incident';
}
export type StoredCareMap = Omit<CareMap, 'actions'> & { actions: StoredAction[] };

export function careMapOf(row: Pick<SelfharmPlanTable, 'care_map'>): StoredCareMap {
  if (!row.care_map) return { triggers: [], protective: [], actions: [] };
  return JSON.parse(row.care_map) as StoredCareMap;
}

/** The facts the domain rules read (SSH-1, MHS-3, MHS-8). */
export function factsOf(
  row: SelfharmPlanTable,
  incidents: readonly Pick<SelfharmIncidentTable, 'id' | 'occurred_at' | 'reviewed_at'>[] = [],
): PlanFacts {
  return {
    raisedAt: row.raised_at,
    assessedAt: row.assessed_at,
    firstReviewAt: row.first_review_at,
    observation:
      row.mode && row.interval_minutes && row.observation_since
        ? {
            mode: row.mode as ObservationMode,
            intervalMinutes: row.interval_minutes,
            since: row.observation_since,
          }
        : null,
    nextReviewAt: row.next_review_at,
    closedAt: row.closed_at,
    postClosureDueAt: row.post_closure_due_at,
    postClosureDoneAt: row.post_closure_done_at,
    lastCheckAt: row.last_check_at,
    incidents: incidents.map((i) => ({ id: i.id, occurredAt: i.occurred_at, reviewedAt: i.reviewed_at })),
  };
}
