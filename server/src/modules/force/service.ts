import { createForceCommands } from './commands.ts';
import type { ForceDeps } from './context.ts';
import { createForceViews } from './views.ts';

export type { ForceDeps } from './context.ts';

/**
 * Use of force (INJ-7, RST-11; ADR 0036): a facade over its use cases — the report and accounts, the
 * governor's review, the examination after force (and the two functions the injuries module calls:
 * `examinationResult` and `incidentForExamination`), and the reads.
 */
export function createForceService(deps: ForceDeps) {
  return {
    ...createForceCommands(deps),
    ...createForceViews(deps),
  };
}

export type ForceService = ReturnType<typeof createForceService>;
