import { resistanceHousingProblem, tbHousingGroup } from '@custodia/domain';
import type { PlacementGuard } from '../../platform/contributions.ts';

/**
 * PHC-7 (ADR 0050): the second placement guard of the programmes module — a person on the TB
 * register with a drug-resistant class (RR/MDR/pre-XDR/XDR) is not placed with a drug-susceptible
 * TB patient, nor the other way round, without a recorded reason (the placement's
 * `placementGuardReason`, shared with the airborne-isolation guard). One statement: the open
 * registered TB episodes of the person and of the cell's occupants.
 */
export const resistanceHousingGuard: PlacementGuard = {
  module: 'programmes',
  async check(tx, placement) {
    if (!placement.otherOccupantIds.length) return null;
    const rows = await tx
      .selectFrom('programme_episode')
      .select(['person_id', 'status', 'resistance', 'outcome'])
      .where('programme', '=', 'tb')
      .where('outcome', 'is', null)
      .where('registered_on', 'is not', null)
      .where('person_id', 'in', [placement.personId, ...placement.otherOccupantIds])
      .execute();
    const groupOf = (personId: string) => {
      const r = rows.find((x) => x.person_id === personId);
      return r
        ? tbHousingGroup({ registered: true, resistance: r.resistance, closed: r.outcome !== null })
        : null;
    };
    return resistanceHousingProblem(
      groupOf(placement.personId),
      placement.otherOccupantIds.map(groupOf),
      placement.reason,
    );
  },
};
