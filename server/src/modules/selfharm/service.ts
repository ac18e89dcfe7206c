import { createSelfharmCommands } from './commands.ts';
import type { SelfharmDeps } from './context.ts';
import { createSelfharmReport } from './report.ts';
import { createSelfharmViews } from './views.ts';

export type { PlannedReleaseSource, SelfharmDeps } from './context.ts';

/**
 * Suicide and self-harm care plans (SSH-1, MHS-3, MHS-4, MHS-8; ADR 0041): a facade over its use
 * cases — the concern, assessment, reviews, checks, incidents and prompts, the reads, the report.
 */
export function createSelfharmService(deps: SelfharmDeps) {
  return {
    ...createSelfharmCommands(deps),
    ...createSelfharmViews(deps),
    ...createSelfharmReport(deps),
  };
}

export type SelfharmService = ReturnType<typeof createSelfharmService>;
