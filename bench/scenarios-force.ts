import type { Scenario, ScenarioContext } from './scenarios.ts';
import { signedIn } from './scenarios.ts';

// The generator's name, repeated here (importing the generator would load server code for a string).
const FORCE_FACTS = 'bench_force';
/** A national health manager: reads the register of any institution. */
const BENCH_CLINICIAN = 'bench.clinician';

function factsOf(context: ScenarioContext): { institutionId: string; month: string } {
  const raw = context.settings[FORCE_FACTS];
  if (!raw) throw new Error(`no ${FORCE_FACTS} setting: run bench:generate -- --only force`);
  return JSON.parse(raw);
}

/** Use of force (issue 18 item 3): the monthly register of an institution (p99 ≤ 50 ms, issue 18). */
export const forceScenarios: Scenario[] = [
  {
    name: 'force-register',
    path: '/api/v1/force/register?institutionId=:id&month=:month',
    p99BudgetMs: 50,
    async setup(context) {
      const { institutionId, month } = factsOf(context);
      const params = new URLSearchParams({ institutionId, month });
      return { headers: await signedIn(context, BENCH_CLINICIAN), path: `/api/v1/force/register?${params}` };
    },
  },
];
