import type { InjuriesDeps } from './context.ts';
import { createOutputs } from './outputs.ts';
import { createPhotoCommands } from './photos.ts';
import { createRecordCommands } from './records.ts';
import { createReportCommands } from './reports.ts';
import { createInjuryViews } from './views.ts';

export type { InjuriesDeps } from './context.ts';

/**
 * Injury documentation and reporting (INJ-1 … INJ-6, INJ-9, MED-4; ADR 0035): a facade over its use
 * cases — records and amendments, photographs, reports and copies, and the reads.
 */
export function createInjuriesService(deps: InjuriesDeps) {
  return {
    ...createRecordCommands(deps),
    ...createPhotoCommands(deps),
    ...createReportCommands(deps),
    ...createInjuryViews(deps),
    ...createOutputs(deps),
  };
}

export type InjuriesService = ReturnType<typeof createInjuriesService>;
