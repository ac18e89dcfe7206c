import type { Scenario, ScenarioContext } from './scenarios.ts';
import { signedIn } from './scenarios.ts';

// The generator's names, repeated here (importing the generator would load server code for a string).
const DEATHS_FACTS = 'bench_deaths';
const BENCH_DOCTOR = 'bench.doctor';

/**
 * DAT-7 (ADR 0037): the deaths register of an institution for a whole year, with its indicators,
 * as the doctor of the institution (clinical columns, no suppression).
 */
export const deathsScenarios: Scenario[] = [
  {
    name: 'deaths-register',
    path: '/api/v1/deaths/register?institutionId=:id&year=:year',
    p99BudgetMs: 50,
    async setup(context: ScenarioContext) {
      const raw = context.settings[DEATHS_FACTS];
      if (!raw) throw new Error(`no ${DEATHS_FACTS} setting: run bench:generate -- --only deaths`);
      const { institutionId, year } = JSON.parse(raw) as { institutionId: string; year: string };
      return {
        headers: await signedIn(context, BENCH_DOCTOR),
        path: `/api/v1/deaths/register?${new URLSearchParams({ institutionId, year })}`,
      };
    },
  },
];
