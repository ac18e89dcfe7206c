import { sql } from 'kysely';
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

/**
 * What a placement's state needs of its entries (SEG-1 … SEG-11), and nothing else: read from the
 * covering indexes of migration 0036a without touching the tables' rows (issue 18, Performance).
 */
export interface StateEntries {
  days: Pick<
    SegregationDayTable,
    'day' | 'out_of_cell_minutes' | 'outdoor_minutes' | 'contact_minutes' | 'recorded_at'
  >[];
  healthVisits: Pick<SegregationHealthVisitTable, 'at' | 'adverse_effect'>[];
  managementVisits: Pick<SegregationManagementVisitTable, 'at'>[];
  decisions: Pick<SegregationDecisionTable, 'at' | 'kind'>[];
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

  /**
   * SEG-1 for the whole country (or some institutions) from one day's records: every record of the
   * day with its placement's institution and person, in one statement on the `day` index (migration
   * 0036a). A later record of the same day stands over an earlier one (the caller keeps the latest).
   */
  dayRecordsOn(executor: Executor, day: string, institutionIds: readonly string[] | null) {
    let q = executor
      .selectFrom('segregation_day as d')
      .innerJoin('segregation_placement as p', 'p.id', 'd.placement_id')
      .select([
        'd.placement_id',
        'd.out_of_cell_minutes',
        'd.contact_minutes',
        'd.recorded_at',
        'p.institution_id',
        'p.person_id',
      ])
      .where('d.day', '=', day);
    if (institutionIds) {
      if (!institutionIds.length) return Promise.resolve([]);
      q = q.where('p.institution_id', 'in', [...institutionIds]);
    }
    return q.execute();
  },

  /** How many placements of each institution were open at some time in [from, to). */
  openCountsBetween(executor: Executor, from: string, to: string, institutionIds: readonly string[] | null) {
    let q = executor
      .selectFrom('segregation_placement')
      .select(['institution_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('started_at', '<', to)
      .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>=', from)]))
      .groupBy('institution_id');
    if (institutionIds) {
      if (!institutionIds.length) return Promise.resolve([]);
      q = q.where('institution_id', 'in', [...institutionIds]);
    }
    return q.execute();
  },

  /**
   * The entries of placements as their state needs them (the wing list, the worklist, the
   * register): one statement, each part answered from its covering index (migration 0036a).
   */
  async stateEntries(
    executor: Executor,
    placementIds: readonly string[],
  ): Promise<Map<string, StateEntries>> {
    const map = new Map<string, StateEntries>();
    for (const id of placementIds)
      map.set(id, { days: [], healthVisits: [], managementVisits: [], decisions: [] });
    if (!placementIds.length) return map;
    const ids = [...placementIds];
    const text = sql<string | null>`cast(null as text)`;
    const int = sql<number | null>`cast(null as integer)`;
    const rows = await executor
      .selectFrom('segregation_day')
      .select([
        sql<number>`1`.as('source'),
        'placement_id',
        sql<string>`${sql.ref('day')}`.as('at'),
        sql<string | null>`${sql.ref('recorded_at')}`.as('t1'),
        sql<number | null>`${sql.ref('out_of_cell_minutes')}`.as('n1'),
        sql<number | null>`${sql.ref('outdoor_minutes')}`.as('n2'),
        sql<number | null>`${sql.ref('contact_minutes')}`.as('n3'),
      ])
      .where('placement_id', 'in', ids)
      .unionAll((eb) =>
        eb
          .selectFrom('segregation_health_visit')
          .select([
            sql<number>`2`.as('source'),
            'placement_id',
            'at',
            text.as('t1'),
            'adverse_effect as n1',
            int.as('n2'),
            int.as('n3'),
          ])
          .where('placement_id', 'in', ids),
      )
      .unionAll((eb) =>
        eb
          .selectFrom('segregation_management_visit')
          .select([
            sql<number>`3`.as('source'),
            'placement_id',
            'at',
            text.as('t1'),
            int.as('n1'),
            int.as('n2'),
            int.as('n3'),
          ])
          .where('placement_id', 'in', ids),
      )
      .unionAll((eb) =>
        eb
          .selectFrom('segregation_decision')
          .select([
            sql<number>`4`.as('source'),
            'placement_id',
            'at',
            'kind as t1',
            int.as('n1'),
            int.as('n2'),
            int.as('n3'),
          ])
          .where('placement_id', 'in', ids),
      )
      .execute();
    for (const r of rows) {
      const into = map.get(r.placement_id);
      if (!into) continue;
      const source = Number(r.source);
      if (source === 1)
        into.days.push({
          day: r.at,
          recorded_at: r.t1 ?? '',
          out_of_cell_minutes: Number(r.n1),
          outdoor_minutes: Number(r.n2),
          contact_minutes: Number(r.n3),
        });
      else if (source === 2) into.healthVisits.push({ at: r.at, adverse_effect: Number(r.n1) });
      else if (source === 3) into.managementVisits.push({ at: r.at });
      else into.decisions.push({ at: r.at, kind: r.t1 ?? '' });
    }
    return map;
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

  /**
   * Every entry of the placements, of every kind, in one statement (a UNION ALL over the four entry
   * tables, each row in the same columns), so a wing list or the worklist costs the same few
   * statements whatever the number of placements and days.
   */
  async entries(executor: Executor, placementIds: readonly string[]): Promise<Map<string, PlacementEntries>> {
    const map = new Map<string, PlacementEntries>();
    for (const id of placementIds)
      map.set(id, { days: [], healthVisits: [], managementVisits: [], decisions: [] });
    if (!placementIds.length) return map;
    const ids = [...placementIds];
    const text = sql<string | null>`cast(null as text)`;
    const int = sql<number | null>`cast(null as integer)`;
    const rows = await executor
      .selectFrom('segregation_day')
      .select([
        sql<string>`'day'`.as('source'),
        'id',
        'placement_id',
        'recorded_by',
        'recorded_at',
        sql<string>`${sql.ref('day')}`.as('at'),
        text.as('t1'),
        text.as('t2'),
        text.as('t3'),
        sql<number | null>`${sql.ref('out_of_cell_minutes')}`.as('n1'),
        sql<number | null>`${sql.ref('outdoor_minutes')}`.as('n2'),
        sql<number | null>`${sql.ref('contact_minutes')}`.as('n3'),
      ])
      .where('placement_id', 'in', ids)
      .unionAll((eb) =>
        eb
          .selectFrom('segregation_health_visit')
          .select([
            sql<string>`'health_visit'`.as('source'),
            'id',
            'placement_id',
            'recorded_by',
            'recorded_at',
            'at',
            'note as t1',
            text.as('t2'),
            text.as('t3'),
            'seen as n1',
            'adverse_effect as n2',
            int.as('n3'),
          ])
          .where('placement_id', 'in', ids),
      )
      .unionAll((eb) =>
        eb
          .selectFrom('segregation_management_visit')
          .select([
            sql<string>`'management_visit'`.as('source'),
            'id',
            'placement_id',
            'recorded_by',
            'recorded_at',
            'at',
            'note as t1',
            text.as('t2'),
            text.as('t3'),
            int.as('n1'),
            int.as('n2'),
            int.as('n3'),
          ])
          .where('placement_id', 'in', ids),
      )
      .unionAll((eb) =>
        eb
          .selectFrom('segregation_decision')
          .select([
            sql<string>`'decision'`.as('source'),
            'id',
            'placement_id',
            'recorded_by',
            'recorded_at',
            'at',
            'kind as t1',
            'outcome as t2',
            'reason as t3',
            int.as('n1'),
            int.as('n2'),
            int.as('n3'),
          ])
          .where('placement_id', 'in', ids),
      )
      .execute();
    const entry = (r: (typeof rows)[number]) => ({
      id: r.id,
      placement_id: r.placement_id,
      recorded_by: r.recorded_by,
      recorded_at: r.recorded_at,
    });
    for (const r of rows) {
      const into = map.get(r.placement_id);
      if (!into) continue;
      if (r.source === 'day')
        into.days.push({
          ...entry(r),
          day: r.at,
          out_of_cell_minutes: Number(r.n1),
          outdoor_minutes: Number(r.n2),
          contact_minutes: Number(r.n3),
        });
      else if (r.source === 'health_visit')
        into.healthVisits.push({
          ...entry(r),
          at: r.at,
          seen: Number(r.n1),
          adverse_effect: Number(r.n2),
          note: r.t1,
        });
      else if (r.source === 'management_visit')
        into.managementVisits.push({ ...entry(r), at: r.at, note: r.t1 });
      else
        into.decisions.push({
          ...entry(r),
          at: r.at,
          kind: r.t1 ?? '',
          outcome: r.t2 ?? '',
          reason: r.t3 ?? '',
        });
    }
    return map;
  },
};
