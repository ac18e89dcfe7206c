import type { MentalhealthDeps } from './context.ts';
import { createInstruments } from './instruments.ts';
import { createReferrals } from './referrals.ts';
import { createReports } from './reports.ts';
import { createTherapies } from './therapies.ts';

export type { MentalhealthDeps } from './context.ts';

/**
 * Mental health (issue 17 items 1–3; ADR 0043): a facade over its use cases: referrals and
 * assessment (MHS-1, MHS-5), instruments (MHT-1, MHT-2), therapies (MHS-2, MHS-9, MHT-3), reports.
 */
export function createMentalhealthService(deps: MentalhealthDeps) {
  const referrals = createReferrals(deps);
  return {
    referrals,
    instruments: createInstruments(deps, referrals),
    therapies: createTherapies(deps, referrals),
    reports: createReports(deps),
    /** The service's clock (the worklist compares deadlines with it). */
    now: () => deps.clock.now(),
  };
}

export type MentalhealthService = ReturnType<typeof createMentalhealthService>;
