import {
  type Clock,
  type PlacementFacts,
  type PlacementKind,
  placementState,
  standingDays,
} from '@custodia/domain';
import type { Db } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import type { AuditService } from '../audit/index.ts';
import type { AlertService } from '../clinical/index.ts';
import type { IdentityService, Viewer } from '../identity/index.ts';
import type { RegistryService } from '../registry/index.ts';
import type { StateEntries } from './repository.ts';
import type { SegregationPlacementTable } from './tables.ts';

/** What every part of the segregation service is built with (the composition root hands it down). */
export interface SegregationDeps {
  db: Db;
  clock: Clock;
  /** The institutions' time zone: days and midnights of the rules (SEG-5) are counted in it. */
  timeZone: string;
  audit: AuditService;
  registry: RegistryService;
  identity: IdentityService;
  alerts: AlertService;
}

/** Whether a viewer works where the placement is (national roles everywhere). */
export const inScope = (viewer: Pick<Viewer, 'institutionIds' | 'national'>, institutionId: string) =>
  viewer.national || viewer.institutionIds.includes(institutionId);

/** The placement, or 404 when it is missing or out of the viewer's scope (answered alike). */
export function placementInScope(
  row: SegregationPlacementTable | undefined,
  viewer: Pick<Viewer, 'institutionIds' | 'national'>,
): SegregationPlacementTable {
  if (!row || !inScope(viewer, row.institution_id)) throw notFound('No such placement.');
  return row;
}

/** The facts the domain rules read (SEG-1 … SEG-11), the standing record of each day. */
export function factsOf(row: SegregationPlacementTable, entries: StateEntries): PlacementFacts {
  const days = [
    ...standingDays(
      entries.days.map((d) => ({
        day: d.day,
        outOfCellMinutes: d.out_of_cell_minutes,
        outdoorMinutes: d.outdoor_minutes,
        contactMinutes: d.contact_minutes,
        recordedAt: d.recorded_at,
      })),
    ).values(),
  ];
  return {
    kind: row.kind as PlacementKind,
    startedAt: row.started_at,
    plannedEndAt: row.planned_end_at,
    endedAt: row.ended_at,
    overridden: row.override_reason !== null,
    days,
    healthVisits: entries.healthVisits.map((v) => ({ at: v.at, adverseEffect: v.adverse_effect === 1 })),
    managementVisits: entries.managementVisits.map((v) => ({ at: v.at })),
    decisions: entries.decisions.map((d) => ({
      at: d.at,
      kind: d.kind as PlacementFacts['decisions'][number]['kind'],
    })),
  };
}

/** The state now and today's standing record, from a placement's rows. */
export function stateOf(deps: SegregationDeps, row: SegregationPlacementTable, entries: StateEntries) {
  const facts = factsOf(row, entries);
  const state = placementState(facts, deps.clock.now(), deps.timeZone);
  return { facts, state };
}
