import { BENCH_OBSERVATION_NOTE } from './lib/restraint.ts';
import type { Scenario, ScenarioContext } from './scenarios.ts';
import { signedIn, signedInForWrites } from './scenarios.ts';

// The generator's names, repeated here (importing the generator would load server code for a string).
const RESTRAINT_FACTS = 'bench_restraint';
const BENCH_DOCTOR = 'bench.doctor';

interface RestraintBenchFacts {
  institutionId: string;
  openEpisodeIds: string[];
  year: string;
}

function factsOf(context: ScenarioContext): RestraintBenchFacts {
  const raw = context.settings[RESTRAINT_FACTS];
  if (!raw) throw new Error(`no ${RESTRAINT_FACTS} setting: run bench:generate -- --only restraint`);
  return JSON.parse(raw) as RestraintBenchFacts;
}

/**
 * Restraint and seclusion (issue 6): the register page of an institution for a year (p99 ≤ 50 ms),
 * the ward board (p99 ≤ 25 ms), and recording an observation — write, audit and notify — at least
 * 1,000 per second on SQLite. As the doctor of the institution, who may do all three.
 */
export const restraintScenarios: Scenario[] = [
  {
    name: 'restraint-register',
    path: '/api/v1/restraint/register?institutionId=:id&from=:year-01-01&to=:next-01-01&limit=50',
    p99BudgetMs: 50,
    async setup(context) {
      const { institutionId, year } = factsOf(context);
      const params = new URLSearchParams({
        institutionId,
        from: `${year}-01-01`,
        to: `${Number(year) + 1}-01-01`,
        limit: '50',
      });
      return { headers: await signedIn(context, BENCH_DOCTOR), path: `/api/v1/restraint/register?${params}` };
    },
  },
  {
    name: 'restraint-board',
    path: '/api/v1/restraint/board?institutionId=:id',
    p99BudgetMs: 25,
    async setup(context) {
      const { institutionId } = factsOf(context);
      return {
        headers: await signedIn(context, BENCH_DOCTOR),
        path: `/api/v1/restraint/board?institutionId=${encodeURIComponent(institutionId)}`,
      };
    },
  },
  {
    name: 'restraint-observation',
    method: 'POST',
    path: '/api/v1/restraint-episodes/:id/observations',
    // Each request's own body comes from `next`; this one only makes the runner send JSON.
    body: {},
    minRequestsPerSecond: { sqlite: 1_000 },
    async setup(context) {
      const { openEpisodeIds } = factsOf(context);
      if (!openEpisodeIds.length) throw new Error('no open episode generated');
      const headers = await signedInForWrites(context, BENCH_DOCTOR);
      const at = new Date().toISOString();
      let n = 0;
      return {
        headers,
        next: () => ({
          path: `/api/v1/restraint-episodes/${openEpisodeIds[n++ % openEpisodeIds.length]}/observations`,
          body: {
            at,
            breathing: 'normal',
            limbCirculation: 'not_applicable',
            hydrationOffered: true,
            toiletNeeds: 'not_needed',
            mentalState: 'calm',
            stillNeeded: true,
            // bench/restraint-reset.ts removes the notes that say this.
            note: BENCH_OBSERVATION_NOTE,
          },
        }),
      };
    },
  },
];
