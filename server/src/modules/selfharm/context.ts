import {
  type CareMap,
  type Clock,
  newId,
  type ObservationMode,
  type PlanFacts,
  PRE_RELEASE_PROMPT_DAYS,
  preReleasePromptFor,
} from '@custodia/domain';
import type { Db, Executor, Tx } from '../../platform/db/database.ts';
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
  /** MHS-4: where planned release dates come from (the registry's), when the deployment has them. */
  releases?: PlannedReleaseSource;
}

/**
 * MHS-4 (ADR 0051): the planned releases the weeks-before-release prompt reads. The registry's
 * planned release date answers it; without a source, no pre-release prompt is made.
 */
export interface PlannedReleaseSource {
  /**
   * People in custody whose planned release date (YYYY-MM-DD) falls between `from` and `to`, both
   * included, in some institutions (null: all).
   */
  plannedReleasesBetween(
    executor: Executor,
    from: string,
    to: string,
    institutionIds: readonly string[] | null,
  ): Promise<{ personId: string; institutionId: string; plannedRelease: string }[]>;
}

/** MHS-4: a re-screening prompt, once per source and moment (a repeat is ignored). */
export async function insertPrompt(
  tx: Executor,
  source: { personId: string; eventId: string; institutionId: string | null; occurredAt: string },
  prompt: { moment: string; dueAt: string },
) {
  if (!source.institutionId) return;
  await tx
    .insertInto('selfharm_prompt')
    .values({
      id: newId(),
      person_id: source.personId,
      institution_id: source.institutionId,
      moment: prompt.moment,
      source_id: source.eventId,
      occurred_at: source.occurredAt,
      due_at: prompt.dueAt,
      done_at: null,
      done_by: null,
    })
    .onConflict((oc) => oc.columns(['source_id', 'moment']).doNothing())
    .execute();
}

/**
 * MHS-4: makes the prompts of the weeks before release that are due by now (planned release within
 * 4 weeks) and not made yet, in the reader's transaction; one per person and planned date, so a
 * release date moved later prompts again. A statement for the source, one per new prompt.
 */
export async function promptPreRelease(
  tx: Tx,
  releases: PlannedReleaseSource | undefined,
  now: Date,
  institutionIds: readonly string[] | null,
) {
  if (!releases) return;
  const from = now.toISOString().slice(0, 10);
  const to = new Date(now.getTime() + PRE_RELEASE_PROMPT_DAYS * 86_400_000).toISOString().slice(0, 10);
  const rows = await releases.plannedReleasesBetween(tx, from, to, institutionIds);
  if (!rows.length) return;
  const sourceIds = rows.map((r) => `release:${r.personId}:${r.plannedRelease}`);
  const made = new Set(
    (
      await tx
        .selectFrom('selfharm_prompt')
        .select('source_id')
        .where('moment', '=', 'pre_release')
        .where('source_id', 'in', sourceIds)
        .execute()
    ).map((r) => r.source_id),
  );
  for (const [i, r] of rows.entries()) {
    const sourceId = sourceIds[i] as string;
    const prompt = preReleasePromptFor(r.plannedRelease, now);
    if (!prompt || made.has(sourceId)) continue;
    await insertPrompt(
      tx,
      {
        personId: r.personId,
        eventId: sourceId,
        institutionId: r.institutionId,
        occurredAt: prompt.occurredAt,
      },
      prompt,
    );
  }
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
