import type { ChartSection } from '../../platform/contributions.ts';

/** How many episodes the chart summary shows, newest first; the register holds them all. */
const CHART_EPISODES = 10;

/**
 * RST-10: every restraint or seclusion episode is in the medical file too. The restraint module's
 * section of the chart summary, under `restraints`.
 */
export const restraintChartSection: ChartSection = {
  key: 'restraints',
  async read(tx, personId) {
    const rows = await tx
      .selectFrom('restraint_episode')
      .select(['id', 'started_at', 'types', 'authorisation'])
      .where('person_id', '=', personId)
      .orderBy('started_at', 'desc')
      .limit(CHART_EPISODES)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      startedAt: r.started_at,
      types: JSON.parse(r.types) as string[],
      authorisation: r.authorisation,
    }));
  },
};
