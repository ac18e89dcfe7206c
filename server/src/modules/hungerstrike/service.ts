import { createHungerCommands } from './commands.ts';
import type { HungerDeps } from './context.ts';
import { createHungerReport } from './report.ts';
import { createHungerViews } from './views.ts';

export type { HungerDeps } from './context.ts';

/**
 * Hunger strikes (HUN-1 … HUN-10; ADR 0042): a facade over its use cases — the recording commands,
 * the reads of the record, the worklist and alert sources, and the report by duration.
 */
export function createHungerService(deps: HungerDeps) {
  return {
    ...createHungerCommands(deps),
    ...createHungerViews(deps),
    ...createHungerReport(deps),
  };
}

export type HungerService = ReturnType<typeof createHungerService>;
