import type { WorklistContributor, WorklistItem } from '../../platform/contributions.ts';
import type { RegistryService } from './service.ts';

/**
 * The registry's part of the home worklist: cells below the RES-8 living space or over capacity,
 * and people in transit for over 24 hours. (Admissions missing Mandela rule 7 data cannot exist:
 * the admission is refused without them, ADM-3; see docs/adr/0008.)
 */
export function registryWorklist(registry: RegistryService): WorklistContributor {
  return {
    module: 'registry',
    async contribute(actor) {
      const viewer = {
        institutionIds: actor.institutionIds,
        national: actor.national,
        breakGlassPersonIds: actor.breakGlassPersonIds,
      };
      const items: WorklistItem[] = [];
      if (actor.permissions.has('registry.occupancy.read')) {
        for (const cell of await registry.spaceAlerts(viewer)) {
          items.push({
            module: 'registry',
            kind: cell.problems.includes('over_capacity')
              ? 'cell_over_capacity'
              : 'cell_below_space_standard',
            severity: 'overdue',
            subjectId: cell.cellId,
            label: `${cell.institutionCode} · ${cell.cellCode}`,
            since: null,
            institutionId: cell.institutionId,
            dataClass: 'custodial',
          });
        }
      }
      if (actor.permissions.has('registry.person.read')) {
        for (const p of await registry.longTransits(viewer)) {
          items.push({
            module: 'registry',
            kind: 'in_transit_over_24h',
            severity: 'overdue',
            subjectId: p.id,
            label:
              `${p.prison_number} · ${p.surname_latin ?? p.surname_cyrillic ?? ''} ${p.given_name_latin ?? p.given_name_cyrillic ?? ''}`.trim(),
            since: p.status_since,
            institutionId: p.institution_id,
            dataClass: 'custodial',
          });
        }
      }
      return items;
    },
  };
}
