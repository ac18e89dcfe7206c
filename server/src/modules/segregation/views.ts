import {
  breachAlerts,
  dayIn,
  dayRecordFlags,
  type HealthVisits,
  type PersonPlacements,
  type Placement,
  type TimelineEntry,
  type WingList,
} from '@custodia/domain';
import { inTransaction, type Tx } from '../../platform/db/database.ts';
import { forbidden } from '../../platform/errors.ts';
import type { Caller, Viewer } from '../identity/index.ts';
import { inScope, placementInScope, type SegregationDeps, stateOf } from './context.ts';
import { segregationRepository as repo } from './repository.ts';
import type { SegregationPlacementTable } from './tables.ts';

/** The reads of the segregation module: the wing list, a placement, its health visits, the worklist. */
export function createSegregationViews(deps: SegregationDeps) {
  const { db, clock, timeZone, audit, registry, identity } = deps;

  /** Placements with their state and whole timeline, each entry with its author (batched reads). */
  async function detailsOf(tx: Tx, rows: readonly SegregationPlacementTable[]): Promise<Placement[]> {
    const all = await repo.entries(
      tx,
      rows.map((r) => r.id),
    );
    const labels = await registry.personLabels(
      tx,
      rows.map((r) => r.person_id),
    );
    const cells = await registry.cellCodes(
      tx,
      rows.flatMap((r) => (r.cell_id ? [r.cell_id] : [])),
    );
    const authorIds = rows.flatMap((row) => {
      const entries = all.get(row.id) ?? emptyEntries();
      return [
        row.decided_by,
        ...(row.ended_by ? [row.ended_by] : []),
        ...entries.days.map((d) => d.recorded_by),
        ...entries.healthVisits.map((d) => d.recorded_by),
        ...entries.managementVisits.map((d) => d.recorded_by),
        ...entries.decisions.map((d) => d.recorded_by),
      ];
    });
    const names = await identity.displayNames(tx, authorIds);
    const name = (userId: string) => names.get(userId) ?? '';
    return rows.map((row) => {
      const entries = all.get(row.id) ?? emptyEntries();
      const { state } = stateOf(deps, row, entries);
      const label = labels.get(row.person_id);
      const cell = row.cell_id ? cells.get(row.cell_id) : null;
      const base = {
        day: null,
        minutes: null,
        flags: [] as string[],
        recommendsEnding: null,
        decisionKind: null,
        outcome: null,
        text: null,
      };
      const timeline: TimelineEntry[] = [
        {
          ...base,
          id: row.id,
          type: 'placement' as const,
          at: row.started_at,
          recordedAt: row.recorded_at,
          author: name(row.decided_by),
          text: row.reason,
        },
        ...entries.days.map((d) => {
          const minutes = {
            outOfCellMinutes: d.out_of_cell_minutes,
            outdoorMinutes: d.outdoor_minutes,
            contactMinutes: d.contact_minutes,
          };
          return {
            ...base,
            id: d.id,
            type: 'day' as const,
            at: d.recorded_at,
            recordedAt: d.recorded_at,
            author: name(d.recorded_by),
            day: d.day,
            minutes,
            flags: dayRecordFlags({ day: d.day, ...minutes }),
          };
        }),
        ...entries.healthVisits.map((v) => ({
          ...base,
          id: v.id,
          type: 'health_visit' as const,
          at: v.at,
          recordedAt: v.recorded_at,
          author: name(v.recorded_by),
          // SEG-7: the director must hear of a recommendation to end; nothing else of the visit.
          recommendsEnding: v.adverse_effect === 1,
        })),
        ...entries.managementVisits.map((v) => ({
          ...base,
          id: v.id,
          type: 'management_visit' as const,
          at: v.at,
          recordedAt: v.recorded_at,
          author: name(v.recorded_by),
          text: v.note,
        })),
        ...entries.decisions.map((d) => ({
          ...base,
          id: d.id,
          type: 'decision' as const,
          at: d.at,
          recordedAt: d.recorded_at,
          author: name(d.recorded_by),
          decisionKind: d.kind,
          outcome: d.outcome,
          text: d.reason,
        })),
        ...(row.ended_at
          ? [
              {
                ...base,
                id: `${row.id}:end`,
                type: 'end' as const,
                at: row.ended_at,
                recordedAt: row.ended_recorded_at ?? row.ended_at,
                author: name(row.ended_by ?? ''),
                text: row.end_reason,
              },
            ]
          : []),
      ].sort(
        (a, b) =>
          a.at.localeCompare(b.at) ||
          Number(b.type === 'placement') - Number(a.type === 'placement') ||
          a.recordedAt.localeCompare(b.recordedAt),
      );
      return {
        id: row.id,
        personId: row.person_id,
        prisonNumber: label?.prisonNumber ?? '',
        name: label?.name ?? '',
        institutionId: row.institution_id,
        kind: row.kind as Placement['kind'],
        reason: row.reason,
        offenceReference: row.offence_reference,
        decidedBy: name(row.decided_by),
        startedAt: row.started_at,
        plannedEndAt: row.planned_end_at,
        endedAt: row.ended_at,
        cellCode: cell ?? null,
        overrideReason: row.override_reason,
        ...state,
        timeline,
      };
    });
  }

  return {
    /** The wing list: every separated person of an institution now, a row each (SEG-1 … SEG-10). */
    async wingList(caller: Caller, institutionId: string): Promise<WingList> {
      if (!inScope(caller.viewer, institutionId)) throw forbidden('You do not work there.');
      return inTransaction(db, async (tx) => {
        const rows = await repo.openPlacements(tx, [institutionId]);
        const entries = await repo.stateEntries(
          tx,
          rows.map((r) => r.id),
        );
        const labels = await registry.personLabels(
          tx,
          rows.map((r) => r.person_id),
        );
        const cells = await registry.cellCodes(
          tx,
          rows.flatMap((r) => (r.cell_id ? [r.cell_id] : [])),
        );
        const today = dayIn(clock.now(), timeZone);
        const items = rows.map((r) => {
          const { facts, state } = stateOf(deps, r, entries.get(r.id) ?? emptyEntries());
          const todayRecord = facts.days.find((d) => d.day === today);
          const label = labels.get(r.person_id);
          return {
            id: r.id,
            personId: r.person_id,
            prisonNumber: label?.prisonNumber ?? '',
            name: label?.name ?? '',
            kind: r.kind as Placement['kind'],
            cellCode: r.cell_id ? (cells.get(r.cell_id) ?? null) : null,
            startedAt: r.started_at,
            plannedEndAt: r.planned_end_at,
            dayNumber: state.dayNumber,
            solitaryRun: state.solitaryRun,
            alerts: state.alerts,
            today: todayRecord
              ? {
                  outOfCellMinutes: todayRecord.outOfCellMinutes,
                  outdoorMinutes: todayRecord.outdoorMinutes,
                  contactMinutes: todayRecord.contactMinutes,
                }
              : null,
          };
        });
        await audit.record(tx, caller.audit, {
          action: 'segregation.wing.read',
          dataClass: 'custodial',
          outcome: 'allowed',
          resourceType: 'institution',
          resourceId: institutionId,
          details: { count: items.length },
        });
        return { institutionId, today, items };
      });
    },

    /**
     * A placement with its state and its whole timeline, each entry with its author. Health visits
     * appear as visits that happened (and a recommendation to end, SEG-7), never their content.
     */
    async placement(caller: Caller, id: string): Promise<Placement> {
      return inTransaction(db, async (tx) => {
        const row = placementInScope(await repo.placement(tx, id), caller.viewer);
        const [placement] = await detailsOf(tx, [row]);
        await audit.record(tx, caller.audit, {
          action: 'segregation.placement.read',
          dataClass: 'custodial',
          outcome: 'allowed',
          resourceType: 'segregation_placement',
          resourceId: id,
          personId: row.person_id,
        });
        return placement as Placement;
      });
    },

    /**
     * SEG-13: every placement of an institution that overlaps a period, each with its whole
     * timeline (decisions, reasons, reviews, daily records, visits), for the NPM and the CPT.
     * Health visits appear as visits made and recommendations to end, never their content.
     */
    async oversightRecord(caller: Caller, institutionId: string, from: string, to: string) {
      if (!inScope(caller.viewer, institutionId)) throw forbidden('You do not work there.');
      return inTransaction(db, async (tx) => {
        const rows = await repo.placementsInPeriod(tx, institutionId, from, to);
        const placements = await detailsOf(tx, rows);
        await audit.record(tx, caller.audit, {
          action: 'segregation.oversight.export',
          dataClass: 'custodial',
          outcome: 'allowed',
          resourceType: 'institution',
          resourceId: institutionId,
          details: { from, to, count: placements.length },
        });
        return placements;
      });
    },

    /** A person's placements, newest first, in the viewer's scope (the person page's tab). */
    async ofPerson(caller: Caller, personId: string): Promise<PersonPlacements> {
      return inTransaction(db, async (tx) => {
        await registry.personForViewer(tx, caller.viewer, personId);
        const rows = (await repo.placementsOfPerson(tx, personId)).filter((r) =>
          inScope(caller.viewer, r.institution_id),
        );
        await audit.record(tx, caller.audit, {
          action: 'segregation.person.read',
          dataClass: 'custodial',
          outcome: 'allowed',
          resourceType: 'person',
          resourceId: personId,
          personId,
        });
        return {
          items: rows.map((r) => ({
            id: r.id,
            kind: r.kind as PersonPlacements['items'][number]['kind'],
            institutionId: r.institution_id,
            startedAt: r.started_at,
            plannedEndAt: r.planned_end_at,
            endedAt: r.ended_at,
          })),
        };
      });
    },

    /** SEG-5, SEG-7: the health visits with their clinical content, for health-care roles (MED-1). */
    async healthVisits(caller: Caller, id: string): Promise<HealthVisits> {
      return inTransaction(db, async (tx) => {
        const row = placementInScope(await repo.placement(tx, id), caller.viewer);
        const visits = (await repo.entries(tx, [id])).get(id)?.healthVisits ?? [];
        const names = await identity.displayNames(
          tx,
          visits.map((v) => v.recorded_by),
        );
        await audit.record(tx, caller.audit, {
          action: 'segregation.health_visit.read',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'segregation_placement',
          resourceId: id,
          personId: row.person_id,
        });
        return {
          items: visits
            .sort((a, b) => a.at.localeCompare(b.at))
            .map((v) => ({
              id: v.id,
              at: v.at,
              seen: v.seen === 1,
              adverseEffect: v.adverse_effect === 1,
              note: v.note,
              author: names.get(v.recorded_by) ?? '',
              recordedAt: v.recorded_at,
            })),
        };
      });
    },

    /**
     * What is due on the open placements of a viewer's institutions, for the worklist: each item's
     * kind names the alert (day records due, day-13 pre-alerts and breaches, visits due, decisions).
     */
    async dueItems(viewer: Pick<Viewer, 'institutionIds' | 'national'>) {
      const rows = await repo.openPlacements(db, viewer.national ? null : viewer.institutionIds);
      const entries = await repo.stateEntries(
        db,
        rows.map((r) => r.id),
      );
      const labels = await registry.personLabels(
        db,
        rows.map((r) => r.person_id),
      );
      return rows.flatMap((r) => {
        const { state } = stateOf(deps, r, entries.get(r.id) ?? emptyEntries());
        const label = labels.get(r.person_id);
        return state.alerts.map((alert) => ({
          placementId: r.id,
          alert,
          overdue: breachAlerts.has(alert),
          label: label ? `${label.prisonNumber} ${label.surname}` : '',
          since: r.started_at,
          dueAt: alert.startsWith('director_decision') ? state.directorDecisionDueAt : null,
        }));
      });
    },
  };
}

const emptyEntries = () => ({ days: [], healthVisits: [], managementVisits: [], decisions: [] });
