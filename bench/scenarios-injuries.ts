import type { Scenario, ScenarioContext } from './scenarios.ts';
import { signedIn } from './scenarios.ts';

// The generator's names, repeated here (importing the generator would load server code for a string).
const INJURIES_FACTS = 'bench_injuries';
/** The national health manager account (identity generator): reads the register unsuppressed. */
const BENCH_CLINICIAN = 'bench.clinician';

function factsOf(context: ScenarioContext): { institutionId: string; month: string } {
  const raw = context.settings[INJURIES_FACTS];
  if (!raw) throw new Error(`no ${INJURIES_FACTS} setting: run bench:generate -- --only injuries`);
  return JSON.parse(raw) as { institutionId: string; month: string };
}

/** INJ-6: the injury register of an institution for a month, with its indicators (ADR 0035). */
export const injuriesScenarios: Scenario[] = [
  {
    name: 'injuries-register',
    path: '/api/v1/injuries/register?institutionId=:id&month=:month',
    p99BudgetMs: 50,
    async setup(context) {
      const { institutionId, month } = factsOf(context);
      const params = new URLSearchParams({ institutionId, month });
      return {
        headers: await signedIn(context, BENCH_CLINICIAN),
        path: `/api/v1/injuries/register?${params}`,
      };
    },
  },
];
