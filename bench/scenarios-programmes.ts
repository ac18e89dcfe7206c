import type { Scenario, ScenarioContext } from './scenarios.ts';
import { signedIn } from './scenarios.ts';

// The generator's names, repeated here (importing the generator would load server code for a string).
const PROGRAMMES_FACTS = 'bench_programmes';
/** The national health manager: reads every institution's register and the contact investigation. */
const BENCH_CLINICIAN = 'bench.clinician';

const BBV_FACTS = 'bench_bbv';

interface ProgrammesBenchFacts {
  quarter: string;
  investigationId: string;
}

function factsOf(context: ScenarioContext): ProgrammesBenchFacts {
  const raw = context.settings[PROGRAMMES_FACTS];
  if (!raw) throw new Error(`no ${PROGRAMMES_FACTS} setting: run bench:generate -- --only programmes`);
  return JSON.parse(raw) as ProgrammesBenchFacts;
}

/**
 * Programme registers (issue 16, Performance; ADR 0050): the TB quarterly cohort report for the
 * whole country (notifications, the outcome cohort four quarters back, the RR/MDR cohort, screening
 * coverage) under 1 s, and the contact investigation of a person with 3 years of placements
 * (p99 ≤ 25 ms), both as the national health manager.
 */
export const programmesScenarios: Scenario[] = [
  {
    name: 'tb-cohort-report-country',
    path: '/api/v1/tb/report?quarter=:quarter',
    p99BudgetMs: 1_000,
    // One reader at a time: the budget is one analyst's wait (Scenario.connections).
    connections: 1,
    async setup(context) {
      return {
        headers: await signedIn(context, BENCH_CLINICIAN),
        path: `/api/v1/tb/report?${new URLSearchParams({ quarter: factsOf(context).quarter })}`,
      };
    },
  },
  {
    name: 'tb-contact-investigation',
    path: '/api/v1/tb/contact-investigations/:id',
    p99BudgetMs: 25,
    async setup(context) {
      return {
        headers: await signedIn(context, BENCH_CLINICIAN),
        path: `/api/v1/tb/contact-investigations/${encodeURIComponent(factsOf(context).investigationId)}`,
      };
    },
  },
  {
    // Issue 16, Performance: the HIV and hepatitis C cascades of the whole country < 1 s (ADR 0048).
    name: 'bbv-cascade-country',
    path: '/api/v1/bbv/cascade?from=:from&to=:to',
    p99BudgetMs: 1_000,
    // One reader at a time: the budget is one analyst's wait (Scenario.connections).
    connections: 1,
    async setup(context) {
      const raw = context.settings[BBV_FACTS];
      if (!raw) throw new Error(`no ${BBV_FACTS} setting: run bench:generate -- --only bbv`);
      const { from, to } = JSON.parse(raw) as { from: string; to: string };
      return {
        headers: await signedIn(context, BENCH_CLINICIAN),
        path: `/api/v1/bbv/cascade?${new URLSearchParams({ from, to })}`,
      };
    },
  },
];
