import type { WorklistContributor } from '../worklist/contributors.ts';
import type { RestraintService } from './service.ts';

/**
 * The restraint part of the home worklist: overdue (or about to fall due) observations, reviews,
 * examinations, approvals, escalations and debriefs of the user's institutions.
 */
export function restraintWorklist(restraint: RestraintService): WorklistContributor {
  return {
    module: 'restraint',
    async contribute(actor) {
      if (!actor.permissions.has('restraint.board.read')) return [];
      const items = await restraint.dueItems({
        institutionIds: actor.institutionIds,
        national: actor.national,
      });
      return items.map((i) => ({
        module: 'restraint',
        kind: i.kind,
        severity: i.overdue ? ('overdue' as const) : ('due' as const),
        subjectId: i.episodeId,
        label: i.label,
        since: null,
        dueAt: i.dueAt,
      }));
    },
  };
}
