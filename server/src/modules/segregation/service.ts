import type { SegregationDeps } from './context.ts';
import { createPlacementCommands, type PlacementListener } from './placements.ts';
import { createRecordCommands } from './records.ts';
import { createRegisterViews } from './register.ts';
import { createSegregationViews } from './views.ts';

export type { SegregationDeps } from './context.ts';
export type { PlacementListener, PlacementNotice } from './placements.ts';

/**
 * Solitary confinement and segregation (SEG-1 … SEG-13, MHS-7; ADR 0033): a facade over its use
 * cases — signing, ending and deciding on placements, the daily records and visits, and the reads.
 */
export function createSegregationService(deps: SegregationDeps) {
  const placementListeners: PlacementListener[] = [];
  return {
    ...createPlacementCommands(deps, placementListeners),
    /**
     * Another module's listener, told of every placement started, in the placement's own
     * transaction (MHS-4: the self-harm module's re-screening prompt).
     */
    onPlacementStarted(listener: PlacementListener) {
      placementListeners.push(listener);
    },
    ...createRecordCommands(deps),
    ...createSegregationViews(deps),
    ...createRegisterViews(deps),
  };
}

export type SegregationService = ReturnType<typeof createSegregationService>;
