import type { ChartSection } from '../../platform/contributions.ts';
import type { DeathsService } from './service.ts';

/**
 * DAT-7 (ADR 0037): the chart's `deathInCustody` section — when the person died and the hash of the
 * file frozen then. The chart marks every entry dated after it "after death": an addendum to the
 * frozen file, which stays as it was.
 */
export const deathsChartSection = (deaths: DeathsService): ChartSection => ({
  key: 'deathInCustody',
  read: (tx, personId) => deaths.deathOf(tx, personId),
});
