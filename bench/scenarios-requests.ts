import type { Scenario } from './scenarios.ts';
import { signedIn } from './scenarios.ts';

// The generator's names, repeated here (importing the generator would load server code for a string).
const REQUESTS_FACTS = 'bench_requests';
const BENCH_DOCTOR = 'bench.doctor';

/**
 * Requests and complaints (ADR 0038): the month's register of an institution (MED-5, RES-7), counts
 * grouped in two statements, p99 ≤ 50 ms like the other registers. As the bench doctor.
 */
export const requestsScenarios: Scenario[] = [
  {
    name: 'requests-register',
    path: '/api/v1/requests/register?institutionId=:id&month=:month',
    p99BudgetMs: 50,
    async setup(context) {
      const raw = context.settings[REQUESTS_FACTS];
      if (!raw) throw new Error(`no ${REQUESTS_FACTS} setting: run bench:generate -- --only requests`);
      const { institutionId, month } = JSON.parse(raw) as { institutionId: string; month: string };
      const params = new URLSearchParams({ institutionId, month });
      return { headers: await signedIn(context, BENCH_DOCTOR), path: `/api/v1/requests/register?${params}` };
    },
  },
];
