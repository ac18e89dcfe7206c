import type { WorklistContributor } from '../../platform/contributions.ts';
import type { HungerService } from './service.ts';

/**
 * The worklist lines of the hunger-strike module (HUN-5, HUN-6, HUN-10): today's offer of assessment
 * not yet recorded (overdue once a past day went without one), advance instructions to reconfirm and
 * refeeding steps due. Clinical: the health staff who follow the strike only.
 */
export function hungerWorklist(hunger: HungerService): WorklistContributor {
  return {
    module: 'hungerstrike',
    async contribute(actor) {
      if (!actor.permissions.has('hungerstrike.record')) return [];
      if (!actor.national && !actor.institutionIds.length) return [];
      const items = await hunger.dueItems({ institutionIds: actor.institutionIds, national: actor.national });
      return items.map((i) => ({
        module: 'hungerstrike',
        kind: `hungerstrike_${i.kind}`,
        severity: i.overdue ? ('overdue' as const) : ('due' as const),
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
