import type { Scenario, ScenarioContext } from './scenarios.ts';
import { signedIn } from './scenarios.ts';

// The generator's names, repeated here (importing the generator would load server code for a string).
const SEGREGATION_FACTS = 'bench_segregation';
const BENCH_GOVERNOR = 'bench.governor';
const BENCH_INSPECTOR = 'bench.inspector';

interface SegregationBenchFacts {
  institutionId: string;
  year: string;
  month: string;
  day: string;
}

function factsOf(context: ScenarioContext): SegregationBenchFacts {
  const raw = context.settings[SEGREGATION_FACTS];
  if (!raw) throw new Error(`no ${SEGREGATION_FACTS} setting: run bench:generate -- --only segregation`);
  return JSON.parse(raw) as SegregationBenchFacts;
}

const query = (values: Record<string, string>) => new URLSearchParams(values).toString();

/**
 * Solitary confinement and segregation (issue 18, Performance): the wing list and the month's daily
 * compliance of the largest institution (p99 ≤ 25 ms each), the register for a year (p99 ≤ 50 ms),
 * as its governor; and SEG-1 for the whole country from one day's records (< 1 s), as a national
 * inspector.
 */
export const segregationScenarios: Scenario[] = [
  {
    name: 'segregation-wing',
    path: '/api/v1/segregation/wing?institutionId=:id',
    p99BudgetMs: 25,
    async setup(context) {
      const { institutionId } = factsOf(context);
      return {
        headers: await signedIn(context, BENCH_GOVERNOR),
        path: `/api/v1/segregation/wing?${query({ institutionId })}`,
      };
    },
  },
  {
    name: 'segregation-compliance-month',
    path: '/api/v1/segregation/register?institutionId=:id&from=:month',
    p99BudgetMs: 25,
    async setup(context) {
      const { institutionId, month } = factsOf(context);
      return {
        headers: await signedIn(context, BENCH_GOVERNOR),
        path: `/api/v1/segregation/register?${query({ institutionId, from: month })}`,
      };
    },
  },
  {
    name: 'segregation-register-year',
    path: '/api/v1/segregation/register?institutionId=:id&from=:year-01&to=:year-12',
    p99BudgetMs: 50,
    async setup(context) {
      const { institutionId, year } = factsOf(context);
      return {
        headers: await signedIn(context, BENCH_GOVERNOR),
        path: `/api/v1/segregation/register?${query({ institutionId, from: `${year}-01`, to: `${year}-12` })}`,
      };
    },
  },
  {
    name: 'segregation-solitary-country',
    path: '/api/v1/segregation/solitary-days?day=:day',
    p99BudgetMs: 1_000,
    async setup(context) {
      const { day } = factsOf(context);
      return {
        headers: await signedIn(context, BENCH_INSPECTOR),
        path: `/api/v1/segregation/solitary-days?${query({ day })}`,
      };
    },
  },
];
