import type { SegregationDeps } from './context.ts';
import { createPlacementCommands } from './placements.ts';
import { createRecordCommands } from './records.ts';
import { createRegisterViews } from './register.ts';
import { createSegregationViews } from './views.ts';

export type { SegregationDeps } from './context.ts';

/**
 * Solitary confinement and segregation (SEG-1 … SEG-13, MHS-7; ADR 0033): a facade over its use
 * cases — signing, ending and deciding on placements, the daily records and visits, and the reads.
 */
export function createSegregationService(deps: SegregationDeps) {
  return {
    ...createPlacementCommands(deps),
    ...createRecordCommands(deps),
    ...createSegregationViews(deps),
    ...createRegisterViews(deps),
  };
}

export type SegregationService = ReturnType<typeof createSegregationService>;
