import {
  addDays,
  isSolitaryDay,
  placementCompliance,
  type RegisterLine,
  registerDays,
  registerSummary,
  type SolitaryDay,
  wallTimeToInstant,
} from '@custodia/domain';
import { inTransaction } from '../../platform/db/database.ts';
import { badRequest, forbidden } from '../../platform/errors.ts';
import type { Caller, Viewer } from '../identity/index.ts';
import { factsOf, inScope, type SegregationDeps } from './context.ts';
import { segregationRepository as repo } from './repository.ts';

const emptyEntries = () => ({ days: [], healthVisits: [], managementVisits: [], decisions: [] });

/**
 * The segregation register with daily compliance (issue 18 item 7; ADR 0039), and SEG-1 detection
 * across the country from one day's records. Whole figures: the route suppresses small counts for
 * readers outside the health service (DAT-6, ADR 0016).
 */
export function createRegisterViews(deps: SegregationDeps) {
  const { db, clock, audit, registry } = deps;

  /** The start of a day in a zone, as an instant. */
  const startOf = (day: string, zone: string) =>
    wallTimeToInstant(`${day}T00:00:00`, zone) ?? `${day}T00:00:00.000Z`;

  return {
    /**
     * The register of an institution for the months [from, to] of its time zone: each placement
     * that overlaps them, its days' compliance, and the summary by kind. Three statements whatever
     * the number of placements (placements, their entries, the people's labels), and an audit record.
     */
    async register(caller: Caller, institutionId: string, from: string, to: string, timeZone: string) {
      if (!inScope(caller.viewer, institutionId)) throw forbidden('You do not work there.');
      const period = registerDays(from, to);
      if (!period) throw badRequest('period_reversed', 'The period ends before it starts, or is too long.');
      return inTransaction(db, async (tx) => {
        const rows = await repo.placementsInPeriod(
          tx,
          institutionId,
          startOf(period.first, timeZone),
          startOf(addDays(period.last, 1), timeZone),
        );
        const entries = await repo.stateEntries(
          tx,
          rows.map((r) => r.id),
        );
        const labels = await registry.personLabels(
          tx,
          rows.map((r) => r.person_id),
        );
        const now = clock.now();
        const lines: RegisterLine[] = rows.map((r) => {
          const label = labels.get(r.person_id);
          return {
            id: r.id,
            personId: r.person_id,
            prisonNumber: label?.prisonNumber ?? '',
            name: label?.name ?? '',
            kind: r.kind as RegisterLine['kind'],
            startedAt: r.started_at,
            plannedEndAt: r.planned_end_at,
            endedAt: r.ended_at,
            compliance: placementCompliance(
              factsOf(r, entries.get(r.id) ?? emptyEntries()),
              period,
              now,
              timeZone,
            ),
          };
        });
        await audit.record(tx, caller.audit, {
          action: 'segregation.register.read',
          dataClass: 'custodial',
          outcome: 'allowed',
          resourceType: 'institution',
          resourceId: institutionId,
          details: { from, to, count: lines.length },
        });
        return { institutionId, from, to, timeZone, lines, summary: registerSummary(lines) };
      });
    },

    /**
     * SEG-1 for every institution the viewer sees (the whole country for a national reader), from
     * the records of one day: who spent it in solitary confinement by the minutes, whatever the
     * regime is called. Two statements: the day's records (on the `day` index) and the placements
     * open that day, counted by institution.
     */
    async solitaryDays(
      viewer: Pick<Viewer, 'institutionIds' | 'national'>,
      day: string,
      timeZone: string,
    ): Promise<SolitaryDay> {
      const scope = viewer.national ? null : viewer.institutionIds;
      const [records, open] = await Promise.all([
        repo.dayRecordsOn(db, day, scope),
        repo.openCountsBetween(db, startOf(day, timeZone), startOf(addDays(day, 1), timeZone), scope),
      ]);
      // The record that stands for the day: the latest recorded of each placement.
      const standing = new Map<string, (typeof records)[number]>();
      for (const r of records) {
        const prev = standing.get(r.placement_id);
        if (!prev || prev.recorded_at <= r.recorded_at) standing.set(r.placement_id, r);
      }
      const byInstitution = new Map<string, { placements: number; recorded: number; solitary: number }>();
      const at = (id: string) => {
        let x = byInstitution.get(id);
        if (!x) {
          x = { placements: 0, recorded: 0, solitary: 0 };
          byInstitution.set(id, x);
        }
        return x;
      };
      for (const o of open) at(o.institution_id).placements = Number(o.n);
      const solitary: SolitaryDay['solitary'] = [];
      for (const r of standing.values()) {
        const x = at(r.institution_id);
        x.recorded++;
        if (isSolitaryDay({ outOfCellMinutes: r.out_of_cell_minutes, contactMinutes: r.contact_minutes })) {
          x.solitary++;
          solitary.push({
            placementId: r.placement_id,
            institutionId: r.institution_id,
            personId: r.person_id,
          });
        }
      }
      return {
        day,
        institutions: [...byInstitution.entries()]
          .map(([institutionId, x]) => ({ institutionId, ...x }))
          .sort((a, b) => a.institutionId.localeCompare(b.institutionId)),
        solitary: solitary.sort((a, b) => a.placementId.localeCompare(b.placementId)),
      };
    },
  };
}
