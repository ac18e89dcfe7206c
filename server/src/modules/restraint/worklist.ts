import type { WorklistContributor } from '../../platform/contributions.ts';
import type { RestraintService } from './service.ts';

/**
 * X-2, MED-1: the examination of the person and the doctor's reviews are clinical tasks (the
 * examination after restraint is also a task in the medical record, RST-11): only clinical roles see
 * them on the worklist. Observations, debriefs, the approval and the escalation belong to the
 * restraint itself, which the ward's custodial staff run and see on the board.
 */
const clinicalKinds = new Set(['restraint_examination', 'restraint_review']);

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
        institutionId: i.institutionId,
        dataClass: clinicalKinds.has(i.kind) ? ('clinical' as const) : ('custodial' as const),
      }));
    },
  };
}
