import type { Scenario, ScenarioContext } from './scenarios.ts';
import { signedIn, signedInForWrites } from './scenarios.ts';

// The generator's names, repeated here (importing the generator would load server code for a string).
const MENTALHEALTH_FACTS = 'bench_mentalhealth';
const BENCH_DOCTOR = 'bench.doctor';
const BENCH_INSPECTOR = 'bench.inspector';

interface MentalhealthBenchFacts {
  institutionId: string;
  openPlanIds: string[];
  month: string;
}

function factsOf(context: ScenarioContext): MentalhealthBenchFacts {
  const raw = context.settings[MENTALHEALTH_FACTS];
  if (!raw) throw new Error(`no ${MENTALHEALTH_FACTS} setting: run bench:generate -- --only mentalhealth`);
  return JSON.parse(raw) as MentalhealthBenchFacts;
}

const query = (values: Record<string, string>) => new URLSearchParams(values).toString();

/**
 * Mental health and self-harm (issue 17, Performance; ADR 0051): the ward check list of a wing with
 * 10 open plans (p99 ≤ 15 ms), recording a check from it (write + audit, durable: ≥ 1,500/s on
 * SQLite, ≥ 800/s on PostgreSQL), and the month's therapy outcome report for the whole country as a
 * national inspector (< 1 s, suppressed as a non-clinical reader sees it).
 */
export const mentalhealthScenarios: Scenario[] = [
  {
    name: 'selfharm-ward-list',
    path: '/api/v1/selfharm/ward?institutionId=:id',
    p99BudgetMs: 15,
    async setup(context) {
      const { institutionId } = factsOf(context);
      return {
        headers: await signedIn(context, BENCH_DOCTOR),
        path: `/api/v1/selfharm/ward?${query({ institutionId })}`,
      };
    },
  },
  {
    name: 'selfharm-record-check',
    method: 'POST',
    path: '/api/v1/selfharm/plans/:id/checks',
    minRequestsPerSecond: { sqlite: 1_500, postgresql: 800 },
    async setup(context) {
      const { openPlanIds } = factsOf(context);
      if (!openPlanIds.length) throw new Error('the bench wing has no open plan: regenerate');
      const headers = await signedInForWrites(context, BENCH_DOCTOR);
      let n = 0;
      // Each request records a check now (the default time) on the next open plan of the wing.
      return {
        headers,
        next: () => ({
          path: `/api/v1/selfharm/plans/${encodeURIComponent(openPlanIds[n++ % openPlanIds.length] as string)}/checks`,
          body: { seen: 'settled', conversation: false },
        }),
      };
    },
  },
  {
    name: 'mentalhealth-report-country',
    path: '/api/v1/mentalhealth/report?month=:month',
    p99BudgetMs: 1_000,
    // One reader at a time: the budget is one analyst's wait (Scenario.connections).
    connections: 1,
    async setup(context) {
      const { month } = factsOf(context);
      return {
        headers: await signedIn(context, BENCH_INSPECTOR),
        path: `/api/v1/mentalhealth/report?${query({ month })}`,
      };
    },
  },
];
