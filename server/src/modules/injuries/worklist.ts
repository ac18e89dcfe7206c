import type { WorklistContributor } from '../../platform/contributions.ts';
import type { InjuriesService } from './service.ts';

/**
 * The worklist lines of the injuries module (INJ-4, INJ-9; issue 18 item 3): reports to send (due
 * 24 h after signing), second reviews due, reprisal reviews due, and admission screenings with
 * injuries still to document. All clinical: health staff who write injury records only.
 */
export function injuriesWorklist(injuries: InjuriesService): WorklistContributor {
  return {
    module: 'injuries',
    async contribute(actor) {
      if (!actor.permissions.has('injuries.record.write')) return [];
      if (!actor.national && !actor.institutionIds.length) return [];
      const items = await injuries.dueItems({
        institutionIds: actor.institutionIds,
        national: actor.national,
      });
      return items.map((i) => ({
        module: 'injuries',
        kind: `injuries_${i.kind}`,
        severity: i.overdue ? ('overdue' as const) : ('due' as const),
        // The web app links a record's lines to the record, a screening's to the new-record form.
        subjectId: i.subjectId,
        label: i.label,
        since: i.since,
        dueAt: i.dueAt,
        institutionId: i.institutionId,
        dataClass: 'clinical' as const,
      }));
    },
  };
}
