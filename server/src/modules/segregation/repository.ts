import type { Executor } from '../../platform/db/database.ts';
import type {
  SegregationDayTable,
  SegregationDecisionTable,
  SegregationHealthVisitTable,
  SegregationManagementVisitTable,
  SegregationPlacementTable,
} from './tables.ts';

/** What a placement's state and timeline are made of: its rows of every kind. */
export interface PlacementEntries {
  days: SegregationDayTable[];
  healthVisits: SegregationHealthVisitTable[];
  managementVisits: SegregationManagementVisitTable[];
  decisions: SegregationDecisionTable[];
}

/** At most this many open placements on one wing list (a prison holds far fewer separated people). */
export const WING_LIST_LIMIT = 500;
/** At most this many placements in one export for oversight (a year of a large prison holds fewer). */
export const OVERSIGHT_LIMIT = 2000;

/** The Kysely reads of the segregation module (its own tables only; ADR 0020). */
export const segregationRepository = {
  placement(executor: Executor, id: string) {
    return executor.selectFrom('segregation_placement').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** The open placements of institutions (all when `institutionIds` is null), oldest first, bounded. */
  openPlacements(executor: Executor, institutionIds: readonly string[] | null) {
    let q = executor
      .selectFrom('segregation_placement')
      .selectAll()
      .where('ended_at', 'is', null)
      .orderBy('started_at')
      .orderBy('id')
      .limit(WING_LIST_LIMIT);
    if (institutionIds) {
      if (!institutionIds.length) return Promise.resolve([] as SegregationPlacementTable[]);
      q = q.where('institution_id', 'in', [...institutionIds]);
    }
    return q.execute();
  },

  /** SEG-13: the placements of an institution that overlap [from, to), oldest first, bounded. */
  placementsInPeriod(executor: Executor, institutionId: string, from: string, to: string) {
    return executor
      .selectFrom('segregation_placement')
      .selectAll()
      .where('institution_id', '=', institutionId)
      .where('started_at', '<', to)
      .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>=', from)]))
      .orderBy('started_at')
      .orderBy('id')
      .limit(OVERSIGHT_LIMIT)
      .execute();
  },

  /** A person's placements, newest first (SEG-3 reads the earlier ones; one open at a time). */
  placementsOfPerson(executor: Executor, personId: string) {
    return executor
      .selectFrom('segregation_placement')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('started_at', 'desc')
      .limit(200)
      .execute();
  },

  /** Every entry of the placements, one query per kind. */
  async entries(executor: Executor, placementIds: readonly string[]): Promise<Map<string, PlacementEntries>> {
    const map = new Map<string, PlacementEntries>();
    for (const id of placementIds)
      map.set(id, { days: [], healthVisits: [], managementVisits: [], decisions: [] });
    if (!placementIds.length) return map;
    const ids = [...placementIds];
    // One after another: a transaction holds one connection.
    const days = await executor
      .selectFrom('segregation_day')
      .selectAll()
      .where('placement_id', 'in', ids)
      .execute();
    const healthVisits = await executor
      .selectFrom('segregation_health_visit')
      .selectAll()
      .where('placement_id', 'in', ids)
      .execute();
    const managementVisits = await executor
      .selectFrom('segregation_management_visit')
      .selectAll()
      .where('placement_id', 'in', ids)
      .execute();
    const decisions = await executor
      .selectFrom('segregation_decision')
      .selectAll()
      .where('placement_id', 'in', ids)
      .execute();
    for (const r of days) map.get(r.placement_id)?.days.push(r);
    for (const r of healthVisits) map.get(r.placement_id)?.healthVisits.push(r);
    for (const r of managementVisits) map.get(r.placement_id)?.managementVisits.push(r);
    for (const r of decisions) map.get(r.placement_id)?.decisions.push(r);
    return map;
  },
};
