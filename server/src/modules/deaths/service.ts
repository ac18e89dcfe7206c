import { createEventCommands } from './commands.ts';
import type { DeathsDeps } from './context.ts';
import { createReviewCommands } from './reviews.ts';
import { createDeathsViews } from './views.ts';

export type { DeathsDeps } from './context.ts';

/**
 * Deaths in custody, serious injuries and disappearances (INJ-8, DTH-1, DAT-7, MHS-8, MON-2, X-2;
 * ADR 0037): a facade over reporting and the checklist, the review and its actions, and the reads.
 */
export function createDeathsService(deps: DeathsDeps) {
  return {
    ...createEventCommands(deps),
    ...createReviewCommands(deps),
    ...createDeathsViews(deps),
  };
}

export type DeathsService = ReturnType<typeof createDeathsService>;
